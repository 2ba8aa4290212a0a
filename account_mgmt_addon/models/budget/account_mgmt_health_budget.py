# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Health: the "budget attainment" measure (not applicable to an account
without a budget over the period: its weight goes to the other measures)."""

from odoo import api, fields, models
from odoo.tools import SQL, float_round

from ...tools import budget_math
from ...tools.periods import trend_periods


class AccountMgmtHealthMeasure(models.Model):
    _inherit = "account_mgmt.health.measure"

    code = fields.Selection(
        selection_add=[("budget_attainment", "Budget Attainment")],
        ondelete={"budget_attainment": "cascade"},
    )

    def _default_measure_values(self):
        return [
            *super()._default_measure_values(),
            {
                "code": "budget_attainment",
                "name": self.env._("Budget Attainment"),
                "sequence": 70,
                "weight": 10.0,
                # Shipped archived: a company that budgets its accounts turns it
                # on (Configuration > Health Measures).
                "active": False,
                "description": self.env._(
                    "Revenue of the last three full months against the account's "
                    "approved budget for them, as the budget report counts it: the "
                    "attainment in percent, up to 100. Not applicable to accounts "
                    "without a budget for those months (their score is unchanged)."
                ),
            },
        ]


class AccountMgmtHealthSnapshotLine(models.Model):
    _inherit = "account_mgmt.health.snapshot.line"

    code = fields.Selection(
        selection_add=[("budget_attainment", "Budget Attainment")],
        ondelete={"budget_attainment": "cascade"},
    )


class AccountMgmtHealthSnapshot(models.Model):
    _inherit = "account_mgmt.health.snapshot"

    @api.model
    def _health_query_budget_attainment(self, accounts, measures, date):
        """(account, company) -> (budget, actual revenue) of the measure's last
        full months (``trend_months``), from the budget report's rows (company
        currency); accounts without a budget over them are absent."""
        if not accounts:
            return {}
        periods = self._health_per_measure(
            measures, lambda m: trend_periods(date, m.trend_months)[0]
        )
        acc = self._health_accounts_sql(
            accounts,
            date_from=("date", [period[0] for period in periods]),
            date_to=("date", [period[1] for period in periods]),
        )
        companies = self.env["res.company"].browse(
            sorted({a["company_id"] for a in accounts})
        )
        report = self.env["account_mgmt.budget.report"].sudo()
        return self._health_rows(
            SQL(
                """
                WITH acc AS (%(acc)s)
                SELECT acc.partner_id, acc.company_id,
                       SUM(month.budget_amount), SUM(month.actual_revenue)
                  FROM acc
                  JOIN (%(rows)s) month
                    ON month.partner_id = acc.partner_id
                   AND month.company_id = acc.company_id
                 WHERE month.date >= acc.date_from AND month.date <= acc.date_to
              GROUP BY acc.partner_id, acc.company_id
                HAVING SUM(month.budget_amount) > 0
                """,
                acc=acc,
                rows=report._sql_rows(companies),
            )
        )

    def _health_score_budget_attainment(
        self, measure, account, data, row, date, currency
    ):
        period = self._health_trend_labels(measure, date)[0]
        if not row:
            return (
                None,
                self.env._("No budget for %(period)s", period=period),
                None,
            )
        budget, actual = float(row[0]), float(row[1] or 0.0)
        percent = budget_math.attainment_percent(actual, budget)
        score = budget_math.score_attainment(percent)
        return (
            float_round(percent, precision_digits=2),
            self.env._(
                "%(actual)s of a %(budget)s budget in %(period)s",
                actual=self._health_format_amount(account, actual, currency),
                budget=self._health_format_amount(account, budget, currency),
                period=period,
            ),
            float_round(score, precision_digits=2),
        )
