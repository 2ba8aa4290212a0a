# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Budget figures of an account (partner form, portfolio card), read from the
budget report with the reader's rights: the same figures as the report's."""

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ...tools.groups import GROUP_FINANCE, GROUP_MANAGER

FIGURE_GROUPS = f"{GROUP_MANAGER},{GROUP_FINANCE}"


class ResPartner(models.Model):
    _inherit = "res.partner"

    account_budget_visible = fields.Boolean(
        compute="_compute_account_budget",
        groups=FIGURE_GROUPS,
        help="The account has a budget, forecast or revenue this fiscal year that "
        "the current user may read.",
    )
    account_budget_amount = fields.Monetary(
        string="Budget (This Year)",
        currency_field="account_mgmt_currency_id",
        compute="_compute_account_budget",
        groups=FIGURE_GROUPS,
        help="The approved budget of the account for the current fiscal year.",
    )
    account_budget_forecast = fields.Monetary(
        string="Forecast (This Year)",
        currency_field="account_mgmt_currency_id",
        compute="_compute_account_budget",
        groups=FIGURE_GROUPS,
        help="The live forecast of the account for the current fiscal year.",
    )
    account_budget_actual = fields.Monetary(
        string="Actual (Year to Date)",
        currency_field="account_mgmt_currency_id",
        compute="_compute_account_budget",
        groups=FIGURE_GROUPS,
        help="The account's revenue of the current fiscal year so far, as the "
        "client profitability report counts it.",
    )
    account_budget_attainment = fields.Float(
        string="Budget Attainment (%)",
        digits=(16, 1),
        compute="_compute_account_budget",
        groups=FIGURE_GROUPS,
        help="Actual revenue of the fiscal year so far / the year's budget.",
    )
    account_budget_has_budget = fields.Boolean(
        compute="_compute_account_budget",
        groups=FIGURE_GROUPS,
        help="The account has a budget this fiscal year (attainment applies).",
    )

    @api.model
    def _account_mgmt_budget_period(self):
        """First and last day of the current company's fiscal year containing
        the user's today."""
        dates = self.env.company.compute_fiscalyear_dates(
            fields.Date.context_today(self)
        )
        return dates["date_from"], dates["date_to"]

    def _account_mgmt_budget_figures(self, date_from, date_to):
        """Budget, forecast, actual revenue and attainment of the accounts of
        ``self`` over the months from ``date_from`` to ``date_to``: the budget
        report's figures, read with the user's rights (one query for all).

        :return: {partner id: {"budget": x, "forecast": y, "actual": z,
            "attainment": percentage, or False without a budget}} for every
            partner of ``self`` (its commercial entity's figures)
        """
        accounts = self.commercial_partner_id._origin
        report = self.env["account_mgmt.budget.report"]
        figures = {}
        if accounts and report.has_access("read"):
            figures = report._get_account_figures(accounts, date_from, date_to)
        empty = {"budget": 0.0, "forecast": 0.0, "actual": 0.0, "attainment": False}
        return {
            partner._origin.id: figures.get(
                partner.commercial_partner_id._origin.id, empty
            )
            for partner in self
        }

    @api.depends_context("uid", "company", "allowed_company_ids")
    def _compute_account_budget(self):
        self.account_budget_visible = False
        self.account_budget_has_budget = False
        self.account_budget_amount = 0.0
        self.account_budget_forecast = 0.0
        self.account_budget_actual = 0.0
        self.account_budget_attainment = 0.0
        visible = self._account_mgmt_visible_accounts("receivables")
        partners = self.filtered(
            lambda partner: partner.commercial_partner_id._origin in visible
        )
        if not partners:
            return
        figures = partners._account_mgmt_budget_figures(
            *self._account_mgmt_budget_period()
        )
        for partner in partners:
            values = figures[partner._origin.id]
            partner.account_budget_visible = any(
                values[key] for key in ("budget", "forecast", "actual")
            )
            partner.account_budget_has_budget = bool(values["budget"])
            partner.account_budget_amount = values["budget"]
            partner.account_budget_forecast = values["forecast"]
            partner.account_budget_actual = values["actual"]
            partner.account_budget_attainment = values["attainment"] or 0.0

    @api.readonly
    def action_open_account_budget(self):
        """The budget report of the account, this fiscal year."""
        self.ensure_one()
        account = self.commercial_partner_id
        if account._origin not in account._account_mgmt_visible_accounts("receivables"):
            raise AccessError(
                self.env._(
                    "Only finance, account directors and the account's team read "
                    "the budget of %(account)s.",
                    account=account.display_name,
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_budget_report_action"
        )
        action["context"] = {
            "search_default_partner_id": account.id,
            "search_default_fiscal_year": 1,
        }
        return action
