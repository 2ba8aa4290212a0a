# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The log of forecast changes: who changed a forecast line's amount, when, from
what to what, and why. Written by the add-on only (as superuser), never by hand."""

from odoo import fields, models


class AccountMgmtBudgetAdjustment(models.Model):
    _name = "account_mgmt.budget.adjustment"
    _description = "Account Forecast Adjustment"
    _order = "create_date desc, id desc"
    _rec_names_search = ["partner_id", "budget_id"]

    line_id = fields.Many2one(
        comodel_name="account_mgmt.budget.line",
        string="Line",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
    budget_id = fields.Many2one(
        comodel_name="account_mgmt.budget",
        string="Version",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="budget_id.company_id",
        store=True,
        index=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="budget_id.currency_id",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Account",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    date = fields.Date(string="Month", required=True, readonly=True)
    categ_id = fields.Many2one(
        comodel_name="product.category",
        string="Product Category",
        ondelete="set null",
        readonly=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Changed By",
        required=True,
        default=lambda self: self.env.user,
        ondelete="restrict",
        readonly=True,
    )
    old_amount = fields.Monetary(
        string="Old Revenue", currency_field="currency_id", readonly=True
    )
    new_amount = fields.Monetary(
        string="New Revenue", currency_field="currency_id", readonly=True
    )
    reason = fields.Char(readonly=True)
