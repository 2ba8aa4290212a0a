# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Budget report speed (issue 19): the grouped report mixin's faster grouped
read gives what core's gives, dict for dict, on the issue's scenario
(tests/test_budget_report.py)."""

from odoo.tests import tagged

from .common import read_group_as_core
from .test_budget_report import REPORT, BudgetCommon


@tagged("post_install", "-at_install")
class TestBudgetGroupedRead(BudgetCommon):
    def test_grouped_read_as_core(self):
        """Every groupby of the pivots (accounts x months, manager x tier, the
        totals), lazy or not, with or without a domain: the same dicts as core
        (labels, __domain, __range, __context, figures)."""
        report = self.env[REPORT]
        accounts = [("partner_id", "in", (self.alpha | self.beta).ids)]
        measures = [
            "budget_amount:sum",
            "forecast_amount:sum",
            "actual_revenue:sum",
            "attainment_percent:avg",
            "__count",
        ]
        for groupby in (
            [],
            ["partner_id"],
            ["date:month"],
            ["partner_id", "date:month"],
            ["account_manager_id", "account_tier_id"],
            ["date:quarter", "categ_id", "account_group_id"],
        ):
            for domain in (
                accounts,
                [],
                [["budget_amount", ">", 0]],
                ["|", ("date", "=", self.jan), ("date", "=", self.feb)],
            ):
                for lazy in (False, True):
                    with self.subTest(groupby=groupby, domain=domain, lazy=lazy):
                        ours = report.read_group(domain, measures, groupby, lazy=lazy)
                        self.env.invalidate_all()
                        core = read_group_as_core(
                            report, domain, measures, groupby, lazy=lazy
                        )
                        self.assertTrue(core)
                        self.assertEqual(ours, core)
        # The scenario's figures through the faster read: Alpha in January,
        # budget 10,000, actual 8,000, attainment 80 %.
        [january] = report.read_group(
            [("partner_id", "=", self.alpha.id), ("date", "=", self.jan)],
            measures,
            ["partner_id", "date:month"],
            lazy=False,
        )
        self.assertEqual(january["partner_id"], (self.alpha.id, "Budget Alpha"))
        self.assertEqual(
            (
                january["budget_amount"],
                january["actual_revenue"],
                january["attainment_percent"],
            ),
            (10000.0, 8000.0, 80.0),
        )
