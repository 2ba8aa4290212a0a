# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Baseline of a budget or forecast version from the ledger.

Fills a draft version, for chosen accounts (or every account of chosen tiers) and
the version's months, from the accounts' monthly revenue: the profitability
report's (its monthly summary, the ledger itself for the months changed since):

- same month last year: the revenue of the month a year before x (1 + growth %);
- trailing 3 months: the average revenue of the 3 complete months before the
  version's first month (before the current month when the version starts later);
- last year's profile: the revenue of the 12 complete months before the version's
  first month (before the current month when the version starts later) x (1 +
  growth %), spread over the version's months by the share of the same calendar
  month in those 12 months.

One query reads the revenue of every chosen account; amounts are rounded to the
company's currency, and never negative (a month the credit notes outweigh gets
0). Each account gets its own baseline (never a tier average).
"""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..models.budget.account_mgmt_budget import is_budget_owner
from ..models.budget.account_mgmt_budget_line import REASON


def month_range(date_from, date_to):
    """The first days of the months from ``date_from`` to ``date_to``."""
    month = date_from.replace(day=1)
    months = []
    while month <= date_to:
        months.append(month)
        month += relativedelta(months=1)
    return months


def baseline_amounts(method, months, revenue, reference_end, growth, rounding):
    """{month: amount} of one account.

    :param months: the version's months (first days)
    :param revenue: {month: revenue} of the account
    :param reference_end: first day of the month after the reference months
        (the 3 or 12 complete months the trailing average and the profile read)
    :param growth: growth in percent
    :param rounding: function rounding an amount to the currency
    """
    factor = 1 + growth / 100.0

    def rounding(amount, _round=rounding):
        # a budget is never negative: a month the credit notes outweigh is 0
        return max(_round(amount), 0.0)

    if method == "same_month":
        return {
            month: rounding(revenue.get(month - relativedelta(years=1), 0.0) * factor)
            for month in months
        }
    if method == "trailing_3":
        total = sum(
            revenue.get(reference_end - relativedelta(months=n), 0.0) for n in (1, 2, 3)
        )
        return dict.fromkeys(months, rounding(total / 3.0))
    # "profile": last year's total x (1 + growth), by last year's monthly profile
    reference = [reference_end - relativedelta(months=n) for n in range(12, 0, -1)]
    by_calendar_month = {month.month: revenue.get(month, 0.0) for month in reference}
    total = sum(by_calendar_month.values())
    if total <= 0:
        return dict.fromkeys(months, 0.0)
    return {
        month: rounding(total * factor * by_calendar_month[month.month] / total)
        for month in months
    }


class AccountMgmtBudgetBaseline(models.TransientModel):
    _name = "account_mgmt.budget.baseline"
    _description = "Budget Baseline from the Ledger"

    budget_id = fields.Many2one(
        comodel_name="account_mgmt.budget",
        string="Version",
        required=True,
        ondelete="cascade",
        domain="[('state', '=', 'draft'), ('is_snapshot', '=', False)]",
    )
    company_id = fields.Many2one(related="budget_id.company_id")
    method = fields.Selection(
        selection=[
            ("same_month", "Same month last year"),
            ("trailing_3", "Trailing 3-month average"),
            ("profile", "Last year's total by last year's profile"),
        ],
        required=True,
        default="same_month",
    )
    growth_percent = fields.Float(
        string="Growth (%)",
        digits=(16, 2),
        help="Applied to last year's figures (same month last year, last year's "
        "total). The trailing average has none.",
    )
    scope = fields.Selection(
        selection=[("accounts", "Accounts"), ("tiers", "Tiers")],
        required=True,
        default="accounts",
    )
    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Accounts",
        domain="[('is_company', '=', True), ('parent_id', '=', False)]",
    )
    tier_ids = fields.Many2many(
        comodel_name="account_mgmt.tier",
        string="Tiers",
        help="Every account of these tiers (in the version's company) gets its own "
        "baseline.",
    )
    existing = fields.Selection(
        selection=[
            ("keep", "Keep the existing lines"),
            ("replace", "Replace the existing lines"),
        ],
        string="Existing Lines",
        required=True,
        default="keep",
        help="Keep: only the months without a line are filled. Replace: the "
        "chosen accounts' lines of the version's months become the baseline.",
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if (
            "budget_id" in fields_list
            and not res.get("budget_id")
            and self.env.context.get("active_model") == "account_mgmt.budget"
            and isinstance(self.env.context.get("active_id"), int)
        ):
            res["budget_id"] = self.env.context["active_id"]
        return res

    def _account_mgmt_accounts(self):
        """The accounts to fill: the chosen ones, or those of the chosen tiers in
        the version's company."""
        self.ensure_one()
        if self.scope == "accounts":
            accounts = self.partner_ids
        else:
            accounts = (
                self.env["res.partner"]
                .with_company(self.budget_id.company_id)
                .search(
                    [
                        ("account_tier_id", "in", self.tier_ids.ids),
                        ("is_company", "=", True),
                        ("parent_id", "=", False),
                    ]
                )
            )
        if not accounts:
            raise UserError(
                _(
                    "Choose the accounts (or tiers with accounts) to fill "
                    "%(version)s for.",
                    version=self.budget_id.name,
                )
            )
        contacts = accounts.filtered(lambda p: p != p.commercial_partner_id)
        if contacts:
            raise UserError(
                _(
                    "%(contact)s is a contact of %(account)s: choose the account.",
                    contact=contacts[0].display_name,
                    account=contacts[0].commercial_partner_id.display_name,
                )
            )
        return accounts

    def _account_mgmt_reference_end(self):
        """First day of the month after the reference months: the version's first
        month, or the current month (of the user's today) when the version starts
        later (only complete months are read)."""
        today = fields.Date.context_today(self)
        return min(self.budget_id.date_from, today.replace(day=1))

    def _account_mgmt_revenue(self, accounts, date_from, date_to):
        """{account id: {month: revenue}} from ``date_from`` to ``date_to``: one
        query for all accounts, from the profitability report's monthly sums."""
        company = self.budget_id.company_id
        report = (
            self.env["account_mgmt.profitability.report"]
            .sudo()
            .with_context(allowed_company_ids=company.ids)
        )
        report._flush_sources()
        self.env.cr.execute(
            SQL(
                """
                SELECT month.partner_id, month.date, SUM(month.revenue)
                  FROM (%(grouped)s) month
                 WHERE month.company_id = %(company_id)s
                   AND month.partner_id IN %(partners)s
                   AND month.date BETWEEN %(date_from)s AND %(date_to)s
              GROUP BY month.partner_id, month.date
                """,
                grouped=report._sql_grouped(),
                company_id=company.id,
                partners=tuple(accounts.ids),
                date_from=date_from,
                date_to=date_to,
            )
        )
        revenue = defaultdict(dict)
        for partner_id, month, amount in self.env.cr.fetchall():
            revenue[partner_id][month] = amount
        return revenue

    def _account_mgmt_compute(self):
        """{(account id, month): amount} of the baseline."""
        self.ensure_one()
        budget = self.budget_id
        accounts = self._account_mgmt_accounts()
        months = month_range(budget.date_from, budget.date_to)
        reference_end = self._account_mgmt_reference_end()
        date_from = min(
            months[0] - relativedelta(years=1),
            reference_end - relativedelta(months=12),
        )
        date_to = max(months[-1] - relativedelta(years=1), reference_end)
        revenue = self._account_mgmt_revenue(accounts, date_from, date_to)
        currency = budget.currency_id
        result = {}
        for account in accounts:
            amounts = baseline_amounts(
                self.method,
                months,
                revenue.get(account.id, {}),
                reference_end,
                self.growth_percent,
                currency.round,
            )
            for month, amount in amounts.items():
                result[account.id, month] = amount
        return result

    def action_fill(self):
        """Fill the version with the baseline, then show it."""
        self.ensure_one()
        budget = self.budget_id
        if not is_budget_owner(self.env):
            raise UserError(
                _("Only finance and account directors fill a version's baseline.")
            )
        budget._account_mgmt_check_unlocked()
        if budget.state != "draft":
            raise UserError(_("%(version)s is not a draft.", version=budget.name))
        baseline = self._account_mgmt_compute()
        account_ids = list({key[0] for key in baseline})
        Line = self.env["account_mgmt.budget.line"].with_context(
            **{
                REASON: _(
                    "Baseline from the ledger: %(method)s",
                    method=self._fields["method"].convert_to_export(self.method, self),
                )
            }
        )
        existing = Line.search(
            [("budget_id", "=", budget.id), ("partner_id", "in", account_ids)]
        )
        by_key = {
            (line.partner_id.id, line.date): line
            for line in existing
            if not line.categ_id
        }
        # Keep: a month with any line of the account (a category's) stays as is.
        filled = {(line.partner_id.id, line.date) for line in existing}
        if self.existing == "replace":
            # The categories' lines of the accounts give way to the baseline (a
            # total per account and month).
            existing.filtered("categ_id").unlink()
        to_create = []
        for (partner_id, month), amount in baseline.items():
            line = by_key.get((partner_id, month))
            if self.existing == "keep" and (partner_id, month) in filled:
                continue
            if line:
                if line.currency_id.compare_amounts(line.amount, amount):
                    line.amount = amount
            elif amount:
                to_create.append(
                    {
                        "budget_id": budget.id,
                        "partner_id": partner_id,
                        "date": month,
                        "amount": amount,
                    }
                )
        Line.create(to_create)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account_mgmt.budget",
            "res_id": budget.id,
            "view_mode": "form",
            "target": "current",
        }
