# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Account plans and budgets: the revenue target defaults to the account's
budget for the plan's dates; objectives can measure the budget attainment."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from ...tools import budget_math, plan_progress


class AccountMgmtPlan(models.Model):
    _inherit = "account_mgmt.plan"

    revenue_target = fields.Monetary(
        compute="_compute_revenue_target",
        store=True,
        readonly=False,
        precompute=True,
        help="By default, the account's approved budget for the months of the "
        "plan's dates (the budget report's).",
    )

    @api.depends("partner_id", "company_id", "date_start", "date_end")
    def _compute_revenue_target(self):
        """The budget of a draft plan without a target yet (a target entered by
        hand is kept)."""
        plans = self.filtered(
            lambda plan: (
                not plan.revenue_target
                and plan.state in (False, "draft")
                and plan.partner_id
                and plan.company_id
                and plan.date_start
                and plan.date_end
            )
        )
        for plan in self - plans:
            plan.revenue_target = plan.revenue_target
        budgets = plans._account_mgmt_budget_amounts()
        for plan in plans:
            plan.revenue_target = budgets.get(plan, 0.0)

    def _account_mgmt_budget_amounts(self):
        """{plan: budget of its account for the months of its dates}, in the
        plan's company currency, read from the budget report with the user's
        rights (one grouped read per company)."""
        result = {}
        allowed = self.env.user.company_ids
        by_company = defaultdict(list)
        for plan in self:
            if plan.company_id._origin in allowed:
                by_company[plan.company_id._origin].append(plan)
        for company, plans in by_company.items():
            report = (
                self.env["account_mgmt.budget.report"]
                .with_company(company)
                .with_context(allowed_company_ids=company.ids)
            )
            if not report.has_access("read"):
                continue
            accounts = self.env["res.partner"].union(
                *(plan.partner_id.commercial_partner_id._origin for plan in plans)
            )
            date_from = min(plan.date_start for plan in plans).replace(day=1)
            date_to = max(plan.date_end for plan in plans)
            months = report._read_group(
                [
                    ("partner_id", "in", accounts.ids),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                    ("has_budget", "=", True),
                ],
                ["partner_id", "date:month"],
                ["budget_amount:sum"],
            )
            for plan in plans:
                account = plan.partner_id.commercial_partner_id._origin
                start = plan.date_start.replace(day=1)
                result[plan] = sum(
                    amount
                    for partner, month, amount in months
                    if partner == account and start <= month <= plan.date_end
                )
        return result

    def _get_measures(self, measures):
        result = super()._get_measures(measures)
        if "budget_attainment" in set(measures) and result:
            plans = self.browse(list(result))
            for plan_id, (budget, actual) in plans._query_budget_actual().items():
                percent = budget_math.attainment_percent(
                    float(actual or 0.0), float(budget or 0.0)
                )
                result[plan_id]["budget_attainment"] = percent or 0.0
        return result

    def _query_budget_actual(self):
        """{plan id: (budget, actual revenue)} of each plan's account over the
        months of its dates: the budget report's rows (company currency)."""
        report = self.env["account_mgmt.budget.report"].sudo()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT plan.id, SUM(month.budget_amount), SUM(month.actual_revenue)
                  FROM account_mgmt_plan plan
                  JOIN (%(rows)s) month
                    ON month.partner_id = plan.partner_id
                   AND month.company_id = plan.company_id
                 WHERE plan.id IN %(ids)s
                   AND month.date >= date_trunc('month', plan.date_start)::date
                   AND month.date <= plan.date_end
              GROUP BY plan.id
                """,
                rows=report._sql_rows(self.company_id),
                ids=tuple(self.ids),
            )
        )
        return {plan_id: (budget, actual) for plan_id, budget, actual in rows}


class AccountMgmtPlanObjective(models.Model):
    _inherit = "account_mgmt.plan.objective"

    metric = fields.Selection(
        selection_add=[("budget_attainment", "Budget Attainment (%)")],
        ondelete={"budget_attainment": "set default"},
    )

    def _compute_progress(self):
        res = super()._compute_progress()
        # A ratio over the plan's dates, like the margin percentage: compared
        # with the whole target at any moment, done once the period is over.
        today = fields.Date.context_today(self)
        for objective in self.filtered(lambda o: o.metric == "budget_attainment"):
            if not objective.status:
                continue
            plan = objective.plan_id
            end = objective.date_deadline or plan.date_end
            elapsed = (
                plan_progress.time_elapsed_percent(plan.date_start, end, today)
                if plan.date_start and end and end >= plan.date_start
                else 100.0
            )
            objective.status = plan_progress.status(
                objective.progress, elapsed, cumulative=False
            )
        return res
