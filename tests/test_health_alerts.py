# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Snapshots give the trend; the at-risk rules schedule one activity per account
and reason while it is open."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .health_common import TODAY, HealthScenario


@tagged("post_install", "-at_install")
class TestHealthAlerts(HealthScenario):
    def _previous_snapshot(self, account, score, band, day=date(2026, 6, 1), **vals):
        return self.Snapshot.sudo().create(
            {
                "partner_id": account.id,
                "company_id": self.company.id,
                "date": day,
                "score": score,
                "band": band,
                "is_latest": True,
                **vals,
            }
        )

    def test_twenty_point_drop_creates_one_activity(self):
        # Beta scored 95 two weeks ago and 75 today: -20 points.
        self._previous_snapshot(self.beta, 95.0, "green")
        snapshot = self._recompute(self.beta)
        self.assertAlmostEqual(snapshot.previous_score, 95.0)
        self.assertAlmostEqual(snapshot.score_delta, -20.0)
        self.assertEqual(snapshot.trend, "down")
        self.assertEqual(self.beta.account_health_trend, "down")
        activity = self._at_risk_activities(self.beta)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.account_mgmt_health_reason, "score_drop")
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertEqual(activity.date_deadline, TODAY)
        self.assertEqual(activity.summary, "Health dropped 20 points")
        self.assertIn("from 95 to 75", str(activity.note))
        # Same figures tomorrow's run or a second run today: no second activity.
        self._recompute(self.beta)
        self.assertEqual(self._at_risk_activities(self.beta), activity)
        # Only the latest snapshot is flagged so.
        snapshots = self.Snapshot.search([("partner_id", "=", self.beta.id)])
        self.assertEqual(len(snapshots), 2)
        self.assertEqual(snapshots.filtered("is_latest"), snapshot)

    def test_trend_within_two_points_is_flat(self):
        self._previous_snapshot(self.beta, 73.5, "amber")
        self.assertEqual(self._recompute(self.beta).trend, "flat")  # +1.5
        self._previous_snapshot(self.beta, 72.0, "amber", day=date(2026, 6, 2))
        self.assertEqual(self._recompute(self.beta).trend, "up")  # +3
        self.assertFalse(self._at_risk_activities(self.beta))

    def test_trend_between_two_days(self):
        # Two real computations: Beta's last contact ages from 10 to 40 days by
        # 15 July (recency 100 * (90 - 40) / 60 = 83.33) and its March sales fall
        # out of the trend period (April-June vs April-June 2025: no revenue,
        # not applicable), the 5 June interaction stays in the window (100):
        # (20 * 83.33 + 15 * 100) / 35 = 3,166.67 / 35 = 90.48, up from 75.
        first = self._recompute(self.beta)
        second = self._recompute(self.beta, day=date(2026, 7, 15))
        self.assertNotEqual(first, second)
        self.assertAlmostEqual(second.score, 90.48, places=2)
        self.assertAlmostEqual(second.previous_score, 75.0)
        self.assertEqual(second.trend, "up")
        self.assertEqual(self.beta.account_health_trend, "up")
        self.assertEqual(self.beta.account_health_date, date(2026, 7, 15))

    def test_red_band_objective_and_overdue_alerts(self):
        self._recompute(self.acme | self.gamma)
        # Gamma turns red on its first computation.
        gamma = self._at_risk_activities(self.gamma)
        self.assertEqual(gamma.mapped("account_mgmt_health_reason"), ["band_red"])
        self.assertIn("Health score 0", str(gamma.note))
        self.assertIn("Contact Recency 0/100", str(gamma.note))
        # Acme (Key tier): one objective off track, 800 overdue for 66 days.
        acme = self._at_risk_activities(self.acme)
        self.assertEqual(
            set(acme.mapped("account_mgmt_health_reason")),
            {"objective_off_track", "overdue_60"},
        )
        overdue = acme.filtered(lambda a: a.account_mgmt_health_reason == "overdue_60")
        self.assertIn("800.00 overdue more than 60 days", str(overdue.note))
        # Nothing changed: a second run adds nothing.
        self._recompute(self.acme | self.gamma)
        self.assertEqual(self._at_risk_activities(self.acme | self.gamma), acme | gamma)
        self.assertEqual(len(self._at_risk_activities(self.acme)), 2)

    def test_done_activity_is_not_raised_again_without_a_change(self):
        self._recompute(self.gamma)
        activity = self._at_risk_activities(self.gamma)
        # One open activity, Gamma's turn to red, before it is marked done.
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.account_mgmt_health_reason, "band_red")
        self.assertEqual(activity.user_id, self.user_manager)
        activity.action_feedback(feedback="Called the CFO")
        self.assertFalse(self._at_risk_activities(self.gamma))
        # Still red the next day, but it did not *turn* red: no new activity.
        self._recompute(self.gamma, day=date(2026, 6, 16))
        self.assertFalse(self._at_risk_activities(self.gamma))

    def test_no_alert_without_account_manager(self):
        self.gamma.account_manager_id = False
        self._recompute(self.gamma)
        self.assertFalse(self._at_risk_activities(self.gamma))

    def test_logging_a_call_rescores_the_account(self):
        self._recompute(self.gamma)
        self.assertEqual(self.gamma.account_health_band, "red")
        with freeze_time("2026-06-15 15:00:00"):
            self.env["account_mgmt.interaction"].with_user(self.user_manager).create(
                {
                    "partner_id": self.gamma.id,
                    "type_id": self.type_call.id,
                    "date": datetime(2026, 6, 15, 14),
                    "sentiment": "positive",
                    "company_id": self.company.id,
                }
            )
            # The account is rescored once, when the transaction commits.
            self.env.cr.precommit.run()
        # Recency 100 (20), sentiment 100 (15), overdue 0 (15):
        # (2,000 + 1,500 + 0) / 50 = 70 -> amber.
        self.gamma.invalidate_recordset()
        self.assertAlmostEqual(self.gamma.account_health_score, 70.0, places=2)
        self.assertEqual(self.gamma.account_health_band, "amber")
        self.assertEqual(
            self.Snapshot.search_count([("partner_id", "=", self.gamma.id)]), 1
        )
