# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Allocating a cost pool issues as many queries for 30 accounts as for 5."""

from odoo.tests import tagged

from .profitability_common import ProfitabilityCommon

# Queries of a re-allocation by Fred (finance): rights and lock, the pool's
# settings, lock dates, the driver base (interactions, their accounts), deleting
# and inserting the rows (one statement each), the pool's totals, the chatter
# note. None of them depends on the number of accounts; this ceiling catches a
# regression.
MAX_ALLOCATE_QUERIES = 25


@tagged("post_install", "-at_install")
class TestCostPoolPerformance(ProfitabilityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accounts = cls.env["res.partner"].create(
            [{"name": f"Perf Account {i:02d}", "is_company": True} for i in range(30)]
        )
        # The interactions are logged with a contact of each account: the
        # allocation goes to the account.
        contacts = cls.env["res.partner"].create(
            [
                {"name": f"Contact {i:02d}", "parent_id": account.id}
                for i, account in enumerate(cls.accounts)
            ]
        )
        # One call in March with 5 of the accounts' contacts, one in April with
        # all 30.
        for contact in contacts[:5]:
            cls._interaction(contact, "2025-03-10 10:00:00", 1.0)
        for contact in contacts:
            cls._interaction(contact, "2025-04-10 10:00:00", 1.0)
        cls.pool_5 = cls._pool(
            "March calls", "2025-03-01", "2025-03-31", 1000.0, "interaction_count"
        )
        cls.pool_30 = cls._pool(
            "April calls", "2025-04-01", "2025-04-30", 100.0, "interaction_count"
        )

    def _allocate(self, pool):
        pool.with_user(self.user_finance).action_allocate()

    def _count_queries(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_allocate_5_vs_30_accounts(self):
        # First allocations (they also warm the registry caches); the counted
        # ones replace rows, as a re-allocation does.
        self._allocate(self.pool_5)
        self._allocate(self.pool_30)

        queries_5 = self._count_queries(lambda: self._allocate(self.pool_5))
        self.assertLessEqual(queries_5, MAX_ALLOCATE_QUERIES)
        # 1,000 over 5 calls: 200 each.
        self.assertEqual(
            {(a.partner_id, a.amount) for a in self.pool_5.allocation_ids},
            {(account, 200.0) for account in self.accounts[:5]},
        )

        self.env.invalidate_all()
        with self.assertQueryCount(queries_5):
            self._allocate(self.pool_30)
        # 100 over 30 calls: 3.33 each (9,990 cents); the 10 cents left go to the
        # first 10 accounts by id.
        accounts = self.accounts.sorted("id")
        self.assertEqual(
            {(a.partner_id, a.amount) for a in self.pool_30.allocation_ids},
            {(account, 3.34) for account in accounts[:10]}
            | {(account, 3.33) for account in accounts[10:]},
        )
        self.assertEqual(self.pool_30.allocation_count, 30)
        self.assertEqual(self.pool_30.allocated_amount, 100.0)
