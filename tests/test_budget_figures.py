# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Where budgets show (issue 19): the account form and card, health, account
plans, the XLSX export, all on the budget report's figures (the scenario of
tests/test_budget_report.py: last year, Alpha budgeted 10,000 in January and
February and 5,000 in April, actual 8,000, 11,500 and 3,000 in January to
March)."""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.account_mgmt_addon.tools import budget_math

from .test_budget_report import REPORT, BudgetCommon


@tagged("post_install", "-at_install")
class TestBudgetFigures(BudgetCommon):
    def _on_15_march(self):
        """A day of last year's fiscal year (calendar year) after the scenario's
        February."""
        return freeze_time(f"{self.year}-03-15 12:00:00")

    def test_account_form(self):
        """The form shows this fiscal year's budget (25,000), forecast (9,000),
        actual so far (22,500) and attainment (90 %): the report's total for the
        year."""
        with self._on_15_march():
            alpha = self.alpha.with_user(self.user_manager)
            self.assertTrue(alpha.account_budget_visible)
            self.assertEqual(
                (
                    alpha.account_budget_amount,
                    alpha.account_budget_forecast,
                    alpha.account_budget_actual,
                    alpha.account_budget_attainment,
                ),
                (25000.0, 9000.0, 22500.0, 90.0),
            )
            report = self.env[REPORT].with_user(self.user_manager)
            total = self._total(
                [("partner_id", "=", self.alpha.id), ("in_fiscal_year", "=", True)],
                report,
            )
            self.assertEqual(
                (total[0], total[1], total[2], total[5]),
                (25000.0, 9000.0, 22500.0, 90.0),
            )
            # Bruno doesn't manage Alpha: no figures.
            alpha = self.alpha.with_user(self.user_manager2)
            self.assertFalse(alpha.account_budget_visible)
            self.assertEqual(alpha.account_budget_amount, 0.0)
            # A contact of Alpha shows its account's figures.
            contact = self.env["res.partner"].create(
                {"name": "Alpha buyer", "parent_id": self.alpha.id}
            )
            self.assertEqual(
                contact.with_user(self.user_manager).account_budget_amount, 25000.0
            )

    def test_helper(self):
        """``_account_mgmt_budget_figures``: January and February, 97.5 %; an
        account without a budget: attainment not applicable (False)."""
        gamma = self._account("Budget Gamma", account_manager_id=self.user_manager.id)
        figures = (self.alpha | self.beta | gamma)._account_mgmt_budget_figures(
            self.jan, self.feb.replace(day=28)
        )
        self.assertEqual(
            figures,
            {
                self.alpha.id: {
                    "budget": 20000.0,
                    "forecast": 9000.0,
                    "actual": 19500.0,
                    "attainment": 97.5,
                },
                self.beta.id: {
                    "budget": 5000.0,
                    "forecast": 0.0,
                    "actual": 4000.0,
                    "attainment": 80.0,
                },
                gamma.id: {
                    "budget": 0.0,
                    "forecast": 0.0,
                    "actual": 0.0,
                    "attainment": False,
                },
            },
        )

    def test_card_query_count(self):
        """The portfolio card's budget line: the same number of queries for 2
        and for 10 cards (one grouped read of the report for all)."""
        accounts = self.env["res.partner"]
        for index in range(10):
            accounts |= self._account(
                f"Budget card {index}", account_manager_id=self.user_manager.id
            )
        self._version(
            "budget",
            [(account, self.jan, 1000.0) for account in accounts],
            approve=True,
            name="Cards",
        )
        fnames = [
            "account_budget_has_budget",
            "account_budget_attainment",
            "account_budget_actual",
            "account_budget_amount",
        ]
        Partner = self.env["res.partner"].with_user(self.user_manager)
        with self._on_15_march():
            Partner.browse(accounts[:2].ids).read(fnames)  # warm-up
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            two = Partner.browse(accounts[:2].ids).read(fnames)
            queries = self.cr.sql_log_count - start
            self.env.invalidate_all()
            with self.assertQueryCount(queries):
                ten = Partner.browse(accounts.ids).read(fnames)
        self.assertEqual(len(two), 2)
        self.assertEqual(
            [
                (row["account_budget_amount"], row["account_budget_attainment"])
                for row in ten
            ],
            [(1000.0, 0.0)] * 10,
        )
        self.assertTrue(all(row["account_budget_has_budget"] for row in ten))


@tagged("post_install", "-at_install")
class TestBudgetHealth(BudgetCommon):
    def test_measure(self):
        """On 15 March of last year, over the last 2 full months (January and
        February): Alpha 19,500 / 20,000 = 97.5 % scores 97.5; Gamma has no
        budget: the measure doesn't apply and its score is what it is without
        the measure."""
        gamma = self._account("Budget Gamma", account_manager_id=self.user_manager.id)
        self._post_move(
            gamma, self.jan.replace(day=20), [(self.product_goods, 2, 1000.0)]
        )
        Measure = (
            self.env["account_mgmt.health.measure"]
            .sudo()
            .with_context(active_test=False)
        )
        measure = Measure.search(
            [("company_id", "=", self.company.id), ("code", "=", "budget_attainment")]
        )
        self.assertEqual(len(measure), 1)
        self.assertFalse(measure.active)  # shipped archived
        Snapshot = self.env["account_mgmt.health.snapshot"].sudo()
        day = self.mar.replace(day=15)

        def recompute():
            with freeze_time(f"{self.year}-03-15 12:00:00"):
                self.env.invalidate_all()
                return {
                    snapshot.partner_id: snapshot
                    for snapshot in Snapshot._recompute_accounts(
                        partners=self.alpha | gamma,
                        companies=self.company,
                        date=day,
                        alerts=False,
                    )
                }

        without = recompute()
        measure.write({"active": True, "trend_months": 2})
        with_measure = recompute()
        line = with_measure[self.alpha].line_ids.filtered(
            lambda line: line.code == "budget_attainment"
        )
        self.assertTrue(line.applicable)
        self.assertAlmostEqual(line.value, 97.5)
        self.assertAlmostEqual(line.score, 97.5)
        self.assertIn("of a", line.value_display)
        gamma_line = with_measure[gamma].line_ids.filtered(
            lambda line: line.code == "budget_attainment"
        )
        self.assertFalse(gamma_line.applicable)
        self.assertEqual(with_measure[gamma].score, without[gamma].score)

    def test_scoring_math(self):
        self.assertIsNone(budget_math.attainment_percent(100.0, 0.0))
        self.assertEqual(budget_math.attainment_percent(19500.0, 20000.0), 97.5)
        self.assertIsNone(budget_math.score_attainment(None))
        self.assertEqual(budget_math.score_attainment(115.0), 100.0)
        self.assertEqual(budget_math.score_attainment(-10.0), 0.0)
        self.assertEqual(budget_math.score_attainment(80.0), 80.0)


@tagged("post_install", "-at_install")
class TestBudgetPlan(BudgetCommon):
    def test_default_target_and_attainment(self):
        """A plan for January to March of last year: its revenue target is the
        budget of those months (20,000); a target entered by hand is kept. Its
        "budget attainment" objective measures 22,500 / 20,000 = 112.5 %."""
        Plan = self.env["account_mgmt.plan"].with_user(self.user_manager)
        plan = Plan.create(
            {
                "name": "Alpha Q1",
                "partner_id": self.alpha.id,
                "date_start": self.jan,
                "date_end": self.mar.replace(day=31),
                "objective_ids": [
                    Command.create(
                        {
                            "name": "Meet the budget",
                            "metric": "budget_attainment",
                            "target": 100.0,
                        }
                    )
                ],
            }
        )
        self.assertEqual(plan.revenue_target, 20000.0)
        self.assertAlmostEqual(plan.objective_ids.actual, 112.5)
        self.assertAlmostEqual(plan.objective_ids.progress, 112.5)
        manual = Plan.create(
            {
                "name": "Alpha Q1 bis",
                "partner_id": self.alpha.id,
                "date_start": self.jan,
                "date_end": self.mar.replace(day=31),
                "revenue_target": 15000.0,
            }
        )
        self.assertEqual(manual.revenue_target, 15000.0)
        # Beta is Bruno's: his plan's target is Beta's budget (January: 5,000).
        beta_plan = (
            self.env["account_mgmt.plan"]
            .with_user(self.user_manager2)
            .create(
                {
                    "name": "Beta Q1",
                    "partner_id": self.beta.id,
                    "date_start": self.jan,
                    "date_end": self.mar.replace(day=31),
                }
            )
        )
        self.assertEqual(beta_plan.revenue_target, 5000.0)


@tagged("post_install", "-at_install")
class TestBudgetXlsx(BudgetCommon):
    def test_lines_and_file(self):
        """The spreadsheet of Alpha's January and February rows: the total's
        attainment is the ratio of its sums (97.5 %)."""
        rows = self.env[REPORT].search(
            [
                ("partner_id", "=", self.alpha.id),
                ("date", "in", [self.jan, self.feb, self.mar]),
            ]
        )
        renderer = self.env["report.account_mgmt_addon.budget_xlsx"]
        lines, total = renderer._get_lines(rows)
        self.assertEqual(
            [
                (
                    line["month"],
                    line["budget_amount"],
                    line["actual_revenue"],
                    line["attainment_percent"],
                )
                for line in lines
            ],
            [
                (self.jan, 10000.0, 8000.0, 80.0),
                (self.feb, 10000.0, 11500.0, 115.0),
                (self.mar, 0.0, 3000.0, False),
            ],
        )
        self.assertEqual(
            (total["budget_amount"], total["actual_revenue"], total["variance"]),
            (20000.0, 22500.0, 2500.0),
        )
        self.assertAlmostEqual(total["attainment_percent"], 112.5)
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.user_finance)
            ._render_xlsx("account_mgmt_addon.budget_xlsx", rows.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        self.assertTrue(content.startswith(b"PK"))
