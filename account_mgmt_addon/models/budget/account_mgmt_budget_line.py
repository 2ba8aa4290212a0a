# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A line of a budget or forecast version: what an account is budgeted (or
forecast) to buy in a month, optionally of a product category."""

from odoo import api, fields, models
from odoo.tools import create_unique_index

from ...tools.groups import GROUP_PROFITABILITY


class AccountMgmtBudgetLine(models.Model):
    _name = "account_mgmt.budget.line"
    _description = "Account Budget or Forecast Line"
    _order = "budget_id, partner_id, date, categ_id, id"
    _check_company_auto = True

    budget_id = fields.Many2one(
        comodel_name="account_mgmt.budget",
        string="Version",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="budget_id.company_id",
        store=True,
        index=True,
        precompute=True,
    )
    kind = fields.Selection(
        related="budget_id.kind",
        store=True,
        precompute=True,
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
        ondelete="restrict",
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
        help="The commercial account (a company, or a person without a company).",
    )
    date = fields.Date(
        string="Month",
        required=True,
        index=True,
        help="The first day of the month.",
    )
    categ_id = fields.Many2one(
        comodel_name="product.category",
        string="Product Category",
        ondelete="restrict",
    )
    amount = fields.Monetary(
        string="Revenue",
        currency_field="currency_id",
        help="Untaxed revenue of the month, in the company's currency.",
    )
    margin_amount = fields.Monetary(
        string="Margin",
        currency_field="currency_id",
        groups=GROUP_PROFITABILITY,
        help="Gross margin of the month, in the company's currency (optional).",
    )
    note = fields.Char()
    adjustment_reason = fields.Char(
        string="Reason for the Change",
        store=False,
        help="Why the forecast amount changes: kept in the adjustment log.",
    )
    adjustment_ids = fields.One2many(
        comodel_name="account_mgmt.budget.adjustment",
        inverse_name="line_id",
        string="Adjustments",
        readonly=True,
    )

    def init(self):
        res = super().init()
        # one line per version, account, month and category (none counting as one)
        create_unique_index(
            self.env.cr,
            "account_mgmt_budget_line_unique_month",
            self._table,
            ["budget_id", "partner_id", "date", "COALESCE(categ_id, 0)"],
        )
        return res

    @api.depends("budget_id", "partner_id", "date")
    def _compute_display_name(self):
        for line in self:
            line.display_name = " / ".join(
                filter(
                    None,
                    [
                        line.partner_id.display_name,
                        line.date and line.date.strftime("%Y-%m") or "",
                    ],
                )
            )
