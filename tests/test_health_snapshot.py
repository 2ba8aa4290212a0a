# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Snapshot history: old daily snapshots thin out to one a month; the daily
scheduled action scores every account."""

from datetime import date

from odoo.tests import tagged

from .health_common import TODAY, HealthScenario


@tagged("post_install", "-at_install")
class TestHealthSnapshot(HealthScenario):
    def test_old_snapshots_thin_out_to_one_a_month(self):
        days = [
            date(2026, 1, 5),
            date(2026, 1, 20),
            date(2026, 1, 31),
            date(2026, 2, 10),
            date(2026, 3, 1),
            date(2026, 4, 1),
            date(2026, 4, 2),
        ]
        self.Snapshot.create(
            [
                {
                    "partner_id": self.beta.id,
                    "company_id": self.company.id,
                    "date": day,
                    "score": 50.0,
                    "band": "red",
                }
                for day in days
            ]
        )
        self._recompute(self.beta)
        # 92 days before 15 June 2026 is 15 March: before it, the last snapshot of
        # each month stays (31 January, 10 February, 1 March); after it, all.
        self.Snapshot._health_prune(TODAY)
        kept = self.Snapshot.search([("partner_id", "=", self.beta.id)])
        self.assertEqual(
            sorted(kept.mapped("date")),
            [
                date(2026, 1, 31),
                date(2026, 2, 10),
                date(2026, 3, 1),
                date(2026, 4, 1),
                date(2026, 4, 2),
                TODAY,
            ],
        )
        self.assertEqual(len(kept.filtered("is_latest").line_ids), 6)

    def test_scheduled_action_scores_every_account(self):
        cron = self.env.ref("account_mgmt_addon.ir_cron_account_health")
        self.assertEqual(cron.interval_type, "days")
        # A run first folds the months listed for the profitability summary
        # (the moves of the scenario: a call of its own), then scores.
        for _call in range(3):
            self.Snapshot._cron_recompute()
        today = self.Snapshot.search(
            [("partner_id", "in", (self.acme | self.beta | self.gamma).ids)]
        )
        self.assertEqual(today.partner_id, self.acme | self.beta | self.gamma)
        self.assertTrue(all(today.mapped("is_latest")))
        self.assertEqual(set(today.mapped("company_id")), {self.company})
