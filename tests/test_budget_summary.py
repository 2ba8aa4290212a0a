# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Budget vs actual summary (issue 19): the report reads stored monthly rows
that triggers keep exact; the months changed since the last fold are computed
live, in the user's transaction.

The issue's scenario (tests/test_budget_report.py): Budget Alpha, January:
budget 10,000, forecast 9,000, actual 8,000; February: budget 10,000, actual
11,500 (12,000 invoiced, a 500 credit note).
"""

import importlib.util
from pathlib import Path

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.account_mgmt_addon.reports import (
    budget_summary,
    profitability_summary,
)

from .test_budget_report import REPORT, BudgetCommon

MIGRATION = (
    Path(__file__).resolve().parent.parent
    / "account_mgmt_addon"
    / "migrations"
    / "18.0.1.3.0"
    / "post-budget-perf.py"
)
FIELDS = ["budget_amount", "forecast_amount", "actual_revenue", "attainment_percent"]


@tagged("post_install", "-at_install")
class TestBudgetSummary(BudgetCommon):
    def _fold(self):
        return self.env[REPORT].sudo()._refresh_summary()

    def _listed(self):
        """The months of the test company listed as changed."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT month FROM %s WHERE company_id = %s",
                SQL.identifier(budget_summary.DIRTY_TABLE),
                self.company.id,
            )
        )
        return {month for (month,) in self.env.cr.fetchall()}

    def _stored(self, partner):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT date, budget_amount, forecast_amount, actual_revenue
                  FROM %s WHERE partner_id = %s ORDER BY date
                """,
                SQL.identifier(budget_summary.SUMMARY_TABLE),
                partner.id,
            )
        )
        return [
            (date, float(budget), float(forecast), float(actual))
            for date, budget, forecast, actual in self.env.cr.fetchall()
        ]

    def _month(self, partner, month):
        self.env.invalidate_all()
        [row] = self.env[REPORT].search_read(
            [("partner_id", "=", partner.id), ("date", "=", month)], FIELDS
        )
        return tuple(row[fname] for fname in FIELDS)

    def _all_rows(self):
        self.env.invalidate_all()
        return self.env[REPORT].search_read(
            [], ["partner_id", "date", "company_id", "categ_id", *FIELDS], order="id"
        )

    def test_triggers_installed(self):
        """Every trigger of the summary is in the database after installation
        (on a new database the report's init() runs before the budget lines'
        table exists: the post-install hook creates them)."""
        self.env.cr.execute(
            SQL(
                "SELECT tgname FROM pg_trigger WHERE tgname LIKE %s",
                "account\\_mgmt\\_budget\\_%",
            )
        )
        self.assertEqual(
            {name for (name,) in self.env.cr.fetchall()},
            {name for name, _table, _definition in budget_summary._TRIGGERS},
        )
        self.assertEqual(len(budget_summary._TRIGGERS), 7)

    def test_stored_rows_are_the_live_rows(self):
        """Folded, the summary holds the issue's figures, and every row of the
        report reads the same as computed live."""
        self.assertIn(self.jan, self._listed())
        live = self._all_rows()
        self.assertTrue(live)
        self.assertTrue(self._fold())
        self.assertEqual(self._listed(), set())
        self.assertEqual(
            self._stored(self.alpha),
            [
                (self.jan, 10000.0, 9000.0, 8000.0),
                (self.feb, 10000.0, 0.0, 11500.0),
                (self.mar, 0.0, 0.0, 3000.0),
                (self.apr, 5000.0, 0.0, 0.0),
            ],
        )
        self.assertEqual(self._all_rows(), live)
        self.assertEqual(
            self._month(self.alpha, self.jan), (10000.0, 9000.0, 8000.0, 80.0)
        )
        with self.assertRaises(AccessError):
            self.env[REPORT].with_user(self.user_finance)._refresh_summary()

    def test_changes_are_read_before_the_fold(self):
        """After the fold, every change is in the report at once (its month is
        listed and computed live), and in the summary at the next fold."""
        self._fold()
        # A forecast line changed: January's forecast 9,000 -> 9,500.
        self.forecast.line_ids.sudo().write({"amount": 9500.0})
        self.assertEqual(self._listed(), {self.jan})
        self.assertEqual(
            self._month(self.alpha, self.jan), (10000.0, 9500.0, 8000.0, 80.0)
        )
        # An invoice of 1,000 posted in February: actual 11,500 -> 12,500, the
        # month listed by the profitability summary's listing.
        self._post_move(
            self.alpha,
            self.feb + relativedelta(days=7),
            [(self.product_goods, 1, 1000.0)],
        )
        self.assertEqual(self._listed(), {self.jan, self.feb})
        # The profitability summary folded first: February stays listed here.
        self.env["account_mgmt.profitability.report"].sudo()._refresh_summary()
        self.assertEqual(self._listed(), {self.jan, self.feb})
        self.assertEqual(
            self._month(self.alpha, self.feb), (10000.0, 0.0, 12500.0, 125.0)
        )
        self._fold()
        self.assertEqual(self._listed(), set())
        self.assertEqual(
            self._stored(self.alpha)[:2],
            [
                (self.jan, 10000.0, 9500.0, 8000.0),
                (self.feb, 10000.0, 0.0, 12500.0),
            ],
        )
        self.assertEqual(
            self._month(self.alpha, self.feb), (10000.0, 0.0, 12500.0, 125.0)
        )
        # A revised budget (no lines) approved supersedes the first: the first's
        # months (January, February, April) listed, its budget gone.
        self._version("budget", [], name="Revised").action_approve()
        self.assertEqual(self.budget.state, "superseded")
        self.assertEqual(self._listed(), {self.jan, self.feb, self.apr})
        self.assertEqual(self._month(self.alpha, self.jan)[:3], (0.0, 9500.0, 8000.0))
        # A line deleted: its month listed.
        self._fold()
        self.forecast.line_ids.sudo().unlink()
        self.assertEqual(self._listed(), {self.jan})
        self.assertEqual(self._month(self.alpha, self.jan)[:3], (0.0, 0.0, 8000.0))

    def test_migration_fills_the_summary(self):
        """A database of 18.0.1.2.0 upgraded: the report's init() creates the
        summary and lists every month (the report computes them live), the
        migration folds them; run again, it gives the same."""
        self._fold()
        expected = self._all_rows()
        cr = self.env.cr
        budget_summary.drop_summary(cr)
        for table in (budget_summary.SUMMARY_TABLE, budget_summary.DIRTY_TABLE):
            cr.execute(SQL("SELECT to_regclass(%s)", table))
            self.assertIsNone(cr.fetchone()[0])
        self.env[REPORT].sudo().init()  # as the registry runs it
        self.assertTrue({self.jan, self.feb, self.mar, self.apr} <= self._listed())
        self.assertEqual(self._stored(self.alpha), [])
        self.assertEqual(self._all_rows(), expected)
        spec = importlib.util.spec_from_file_location("post_budget_perf", MIGRATION)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        for _run in range(2):
            migration.migrate(cr, "18.0.1.2.0")
            self.assertEqual(self._listed(), set())
            self.assertEqual(len(self._stored(self.alpha)), 4)
            self.assertEqual(self._all_rows(), expected)
        # The triggers are back: a month listed in the profitability summary is
        # listed here too.
        cr.execute(
            SQL(
                "INSERT INTO %s (company_id, month) VALUES (%s, %s)",
                SQL.identifier(profitability_summary.DIRTY_TABLE),
                self.company.id,
                self.mar,
            )
        )
        self.assertEqual(self._listed(), {self.mar})
