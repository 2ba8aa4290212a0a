# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The health recompute is set-based: as many queries for 200 accounts as for 10."""

from datetime import date, datetime

from odoo.tests import tagged

from .health_common import HealthCommon


@tagged("post_install", "-at_install")
class TestHealthPerformance(HealthCommon):
    @classmethod
    def _accounts(cls, prefix, count):
        """``count`` Key accounts without manager (no alert to schedule), each
        with a call, two of them with an invoice and an approved plan."""
        accounts = cls.env["res.partner"].create(
            [
                {
                    "name": f"{prefix} {i:03d}",
                    "is_company": True,
                    "account_tier_id": cls.tier_key.id,
                }
                for i in range(count)
            ]
        )
        cls.env["account_mgmt.interaction"].sudo().with_context(
            account_mgmt_no_summary=True, account_mgmt_health_no_refresh=True
        ).create(
            [
                {
                    "partner_id": account.id,
                    "type_id": cls.type_call.id,
                    "date": datetime(2026, 6, 1, 10),
                    "sentiment": "positive",
                    "satisfaction": 4,
                    "user_id": cls.user_manager.id,
                    "company_id": cls.company.id,
                }
                for account in accounts
            ]
        )
        for account in accounts[:2]:
            cls._post_move(account, "2026-04-10", [(cls.widget, 1, 1000.0)])
            cls._approved_plan(account, [("Grow", 60.0), ("Retain", 10.0)])
        return accounts

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warm_up = cls._accounts("Warm-up", 3)
        cls.ten = cls._accounts("Ten", 10)
        cls.two_hundred = cls._accounts("Two hundred", 200)

    def test_query_count_does_not_grow_with_accounts(self):
        day = date(2026, 6, 15)
        # Fill the caches that any first call fills (measures, currencies...).
        self._recompute(self.warm_up, day)
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        snapshots = self.Snapshot._recompute_accounts(self.ten, self.company, day)
        ten_queries = self.cr.sql_log_count - start
        self.assertEqual(len(snapshots), 10)
        self.env.invalidate_all()
        with self.assertQueryCount(ten_queries):
            snapshots = self.Snapshot._recompute_accounts(
                self.two_hundred, self.company, day
            )
        self.assertEqual(len(snapshots), 200)
        self.assertEqual(len(snapshots.line_ids), 200 * 6)
        # A bounded, small number: a handful per measure and for the writes.
        self.assertLessEqual(ten_queries, 40)
