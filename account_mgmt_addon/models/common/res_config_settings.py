# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    account_mgmt_log_emails = fields.Boolean(
        related="company_id.account_mgmt_log_emails", readonly=False
    )
    account_mgmt_interactions_visible_all = fields.Boolean(
        related="company_id.account_mgmt_interactions_visible_all", readonly=False
    )
    account_mgmt_managers_see_profitability = fields.Boolean(
        related="company_id.account_mgmt_managers_see_profitability", readonly=False
    )
    account_mgmt_default_cadence_days = fields.Integer(
        related="company_id.account_mgmt_default_cadence_days", readonly=False
    )
    account_mgmt_health_green_min = fields.Integer(
        related="company_id.account_mgmt_health_green_min", readonly=False
    )
    account_mgmt_health_amber_min = fields.Integer(
        related="company_id.account_mgmt_health_amber_min", readonly=False
    )
