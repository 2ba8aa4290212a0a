# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The monthly summary behind the client profitability report.

The report must give the ledger's figures whether a month comes from the summary
or, when something changed in it since the last refresh, from the ledger. The
scenario (figures by hand):

- Alpha, 10 Mar 2025: 2 Widgets at 1,000 (cost 600): revenue 2,000, COGS 1,200.
- Beta, 20 Mar 2025: 1 Consulting Day at 800 (cost 300): revenue 800, COGS 300.
- A 250 vendor bill of 15 Mar 2025 on Alpha's analytic account: direct cost 250.
"""

import importlib.util
from pathlib import Path
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.models import BaseModel
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.account_mgmt_addon.reports import profitability_summary

from .profitability_common import REPORT, ProfitabilityCommon

MIGRATION = (
    Path(__file__).resolve().parent.parent
    / "account_mgmt_addon"
    / "migrations"
    / "18.0.1.1.0"
    / "post-migrate.py"
)


@tagged("post_install", "-at_install")
class TestProfitabilitySummary(ProfitabilityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inv_alpha = cls._post_move(
            cls.alpha, "2025-03-10", [(cls.product_goods, 2, 1000.0)]
        )
        cls.inv_beta = cls._post_move(
            cls.beta, "2025-03-20", [(cls.product_service, 1, 800.0)]
        )
        cls.bill = cls._vendor_bill("2025-03-15", 250.0, analytic=cls.analytic_alpha)

    def _refresh(self):
        return self.env[REPORT].sudo()._refresh_summary()

    def _dirty_months(self):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT month::text FROM %s WHERE company_id = %s",
                SQL.identifier(profitability_summary.DIRTY_TABLE),
                self.company.id,
            )
        )
        return {month for (month,) in self.env.cr.fetchall()}

    def _summary_rows(self):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT partner_id, date::text, revenue, cogs, direct_cost
                  FROM %s
                 WHERE partner_id IN %s
                 ORDER BY partner_id, date
                """,
                SQL.identifier(profitability_summary.SUMMARY_TABLE),
                (self.alpha.id, self.beta.id),
            )
        )
        return [
            (partner, month, float(revenue), float(cogs), float(direct))
            for partner, month, revenue, cogs, direct in self.env.cr.fetchall()
        ]

    def _march(self):
        figures = self._figures([("partner_id", "in", (self.alpha | self.beta).ids)])
        return {
            partner.name: (
                values["revenue"],
                values["cogs"],
                values["direct_cost"],
            )
            for (partner, month), values in figures.items()
            if month == "2025-03"
        }

    def test_posting_lists_the_month_and_the_report_reads_the_ledger(self):
        self.assertIn("2025-03-01", self._dirty_months())
        # not refreshed yet: straight from the ledger
        self.assertEqual(self._summary_rows(), [])
        self.assertEqual(
            self._march(),
            {
                "Alpha Industries": (2000.0, 1200.0, 250.0),
                "Beta GmbH": (800.0, 300.0, 0.0),
            },
        )

    def test_refresh_stores_the_month_and_the_figures_stay(self):
        before = self._march()
        self.assertGreaterEqual(self._refresh(), 1)
        self.assertEqual(self._dirty_months(), set())
        self.assertEqual(
            self._summary_rows(),
            [
                (self.alpha.id, "2025-03-01", 2000.0, 1200.0, 250.0),
                (self.beta.id, "2025-03-01", 800.0, 300.0, 0.0),
            ],
        )
        self.assertEqual(self._march(), before)
        # nothing changed since: nothing to do
        self.assertEqual(self._refresh(), 0)

    def test_changes_after_a_refresh(self):
        self._refresh()
        # a credit note for 1 Widget (1,000, cost 600) to Alpha in March
        self._post_move(
            self.alpha,
            "2025-03-25",
            [(self.product_goods, 1, 1000.0)],
            move_type="out_refund",
        )
        self.assertEqual(self._dirty_months(), {"2025-03-01"})
        self.assertEqual(self._march()["Alpha Industries"], (1000.0, 600.0, 250.0))
        # Beta's invoice reset to draft: out of the report at once
        self.inv_beta.button_draft()
        self.assertNotIn("Beta GmbH", self._march())
        # the analytic account changes customer: its cost goes to Beta
        self.analytic_alpha.partner_id = self.beta
        self.assertEqual(
            self._march(),
            {"Alpha Industries": (1000.0, 600.0, 0.0), "Beta GmbH": (0.0, 0.0, 250.0)},
        )
        # refreshed: the same figures from the summary
        self._refresh()
        self.assertEqual(self._dirty_months(), set())
        self.assertEqual(
            self._march(),
            {"Alpha Industries": (1000.0, 600.0, 0.0), "Beta GmbH": (0.0, 0.0, 250.0)},
        )

    def test_sales_receipts_are_listed(self):
        self._refresh()
        # A sales receipt of 3 Consulting Days to Beta in March (2,400, cost 900).
        receipt = self._post_move(
            self.beta,
            "2025-03-28",
            [(self.product_service, 3, 800.0)],
            move_type="out_receipt",
        )
        self.assertEqual(self._dirty_months(), {"2025-03-01"})
        self.assertEqual(self._march()["Beta GmbH"], (3200.0, 1200.0, 0.0))
        self._refresh()
        self.assertEqual(self._march()["Beta GmbH"], (3200.0, 1200.0, 0.0))
        # Moved to April by its date: both months are listed, March back to 800.
        receipt.button_draft()
        receipt.write({"invoice_date": "2025-04-02", "date": "2025-04-02"})
        receipt.action_post()
        self.assertEqual(self._dirty_months(), {"2025-03-01", "2025-04-01"})
        self.assertEqual(self._march()["Beta GmbH"], (800.0, 300.0, 0.0))

    def test_allocations_are_listed(self):
        self._refresh()
        pool = self._pool(
            "Key account desk March", "2025-03-01", "2025-03-31", 300.0, "equal"
        )
        pool.action_allocate()
        self.assertIn("2025-03-01", self._dirty_months())
        allocated = self.env[REPORT]._read_group(
            [("partner_id", "in", (self.alpha | self.beta).ids)],
            [],
            ["allocated_cost:sum"],
        )[0][0]
        self._refresh()
        self.assertEqual(
            self.env[REPORT]._read_group(
                [("partner_id", "in", (self.alpha | self.beta).ids)],
                [],
                ["allocated_cost:sum"],
            )[0][0],
            allocated,
        )
        self.assertGreater(allocated, 0.0)

    def test_rebuild_after_rows_loaded_with_triggers_off(self):
        """Rows the triggers did not see (a load with triggers off) are missed
        until a rebuild lists every month again."""
        expected = self._march()
        self._refresh()
        # what a load with session_replication_role = replica leaves: sums
        # that don't match the ledger, and no month listed
        self.env.cr.execute(
            SQL(
                "DELETE FROM %s WHERE partner_id = %s",
                SQL.identifier(profitability_summary.SUMMARY_TABLE),
                self.alpha.id,
            )
        )
        self.assertNotIn("Alpha Industries", self._march())
        self.env[REPORT].sudo()._rebuild_summary()
        self.assertEqual(self._dirty_months(), set())
        self.assertEqual(self._march(), expected)
        with self.assertRaises(AccessError):
            self.env[REPORT].with_user(self.user_finance)._rebuild_summary()

    def test_refresh_is_for_the_system_only(self):
        with self.assertRaises(AccessError):
            self.env[REPORT].with_user(self.user_finance)._refresh_summary()
        with self.assertRaises(AccessError):
            self.env[REPORT].with_user(self.user_director)._refresh_summary()

    def test_upgrade_from_18_0_1_0_0(self):
        """A database of 18.0.1.0.0 (no summary) upgraded: the report's init()
        creates the summary and lists every month, the migration builds it."""
        self._refresh()
        expected = self._march()
        cr = self.env.cr
        profitability_summary.drop_summary(cr)
        self.env[REPORT].sudo().init()  # as the registry runs it
        self.assertIn("2025-03-01", self._dirty_months())
        self.assertEqual(self._summary_rows(), [])
        self.assertEqual(self._march(), expected)
        spec = importlib.util.spec_from_file_location("post_migrate", MIGRATION)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(cr, "18.0.1.0.0")
        self.assertEqual(self._dirty_months(), set())
        self.assertEqual(len(self._summary_rows()), 2)
        self.assertEqual(self._march(), expected)

    def test_grouped_read_formatted_as_core(self):
        """The reports' grouped reads give what core's formatting gives."""
        self._refresh()
        report = self.env[REPORT]
        domain = [("partner_id", "in", (self.alpha | self.beta).ids)]
        measures = ["revenue:sum", "margin_percent:avg", "__count"]
        for groupby in (
            ["partner_id", "date:quarter"],
            ["date:month", "account_tier_id"],
            ["account_manager_id", "parent_group_id"],
            ["partner_id"],
        ):
            for dom in (domain, [], [("revenue", ">", 0)]):
                with self.subTest(groupby=groupby, domain=dom):
                    ours = report.read_group(dom, measures, groupby, lazy=False)
                    with patch.object(
                        type(report),
                        "_read_group_format_result",
                        BaseModel._read_group_format_result,
                    ):
                        core = report.read_group(dom, measures, groupby, lazy=False)
                    self.assertTrue(core)
                    self.assertEqual(ours, core)
        receivables = self.env["account_mgmt.receivable.report"]
        for groupby in (["partner_id", "aging_bucket"], ["aging_bucket"]):
            with self.subTest(groupby=groupby):
                measures = ["amount_residual:sum", "__count"]
                ours = receivables.read_group([], measures, groupby, lazy=False)
                with patch.object(
                    type(receivables),
                    "_read_group_format_result",
                    BaseModel._read_group_format_result,
                ):
                    core = receivables.read_group([], measures, groupby, lazy=False)
                self.assertTrue(core)
                self.assertEqual(ours, core)
