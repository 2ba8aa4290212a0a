# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The access checks of the budget models (see models/common/account_mgmt_access.py):
imported by the add-on's __init__ after that file, so that they run before the
models' own create and write."""

from odoo import models


class AccountMgmtBudget(models.Model):
    _name = "account_mgmt.budget"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.budget"]

    _account_mgmt_technical_fields = ("is_snapshot", "snapshot_of_id", "snapshot_date")


class AccountMgmtBudgetLine(models.Model):
    _name = "account_mgmt.budget.line"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.budget.line"]

    _account_mgmt_recheck_fields = ("budget_id", "partner_id")


class AccountMgmtBudgetAdjustment(models.Model):
    _name = "account_mgmt.budget.adjustment"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.budget.adjustment"]


class AccountMgmtBudgetBaseline(models.TransientModel):
    _name = "account_mgmt.budget.baseline"
    _inherit = ["account_mgmt.access.mixin", "account_mgmt.budget.baseline"]
