# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Recomputing tiers issues as many queries for 100 accounts as for 10."""

from odoo import Command
from odoo.tests import tagged

from .tiers_common import TiersCommon

# Queries of a recompute in which every account changes tier: tiers of the company
# (search, read), company and currency, the author of the chatter notes, the
# figures statement, the update of the figures and tiers, the history rows (insert,
# stored direction), the chatter notes (one insert), and the stored fields of other
# features that depend on the tier or the figures (17 with the tiers alone). None
# of them depends on the number of accounts; this ceiling catches a regression.
MAX_RECOMPUTE_QUERIES = 25


@tagged("post_install", "-at_install")
class TestTiersPerformance(TiersCommon):
    def _prepare(self, count):
        """``count`` accounts tiered Bronze, then invoiced 25 x 1,000 = 25,000 each
        (Silver): the next recompute changes the tier of every one of them."""
        accounts = self.env["res.partner"].create(
            [
                {"name": f"Perf {i:03d}", "is_company": True, "customer_rank": 1}
                for i in range(count)
            ]
        )
        self._recompute()
        self.assertEqual(
            set(accounts.with_company(self.company).mapped("account_tier_id")),
            {self.bronze},
        )
        self.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": account.id,
                    "invoice_date": self.recent,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.product_goods.id,
                                "quantity": 25,
                                "price_unit": 1000.0,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
                for account in accounts
            ]
        ).action_post()
        self.env.flush_all()
        self.env.invalidate_all()
        # Warm the registry caches (access rules, defaults) whichever test runs
        # first: only the recompute's own queries are counted.
        self.env["res.partner"]._account_mgmt_evaluate_tiers(self.company)
        self.env.invalidate_all()
        return accounts

    def _check(self, accounts):
        accounts = accounts.with_company(self.company)
        self.assertEqual(set(accounts.mapped("account_tier_id")), {self.silver})
        self.assertEqual(set(accounts.mapped("account_annual_revenue")), {25000.0})
        self.assertEqual(
            self.History.search_count(
                [("partner_id", "in", accounts.ids), ("direction", "=", "upgrade")]
            ),
            len(accounts),
        )

    def _count_queries(self, function):
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        result = function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before, result

    def test_recompute_10_vs_100_accounts(self):
        accounts_10 = self._prepare(10)
        queries_10, changes = self._count_queries(self._recompute)
        self.assertEqual(len(changes), 10)
        self._check(accounts_10)
        self.assertLessEqual(queries_10, MAX_RECOMPUTE_QUERIES)

        accounts_100 = self._prepare(100)
        with self.assertQueryCount(queries_10):
            changes = self._recompute()
        self.assertEqual(len(changes), 100)
        self._check(accounts_100)
