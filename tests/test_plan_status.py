# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A plan's status is the worst status of its objectives; a new plan is for the
next fiscal year when less than a quarter of the current one is left (the
user's today).

Status scenario: the plan of H1 2024 (1 January - 30 June, 182 days) on 30 April
2024: 121 days elapsed, 66.48 %. Six manual objectives with a target of 100: on
track from 66.48, at risk from 75 % of it (49.86), off track below.
"""

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.account_mgmt_addon.tools import plan_progress as pp

from .plan_common import PlanCommon


@tagged("post_install", "-at_install")
class TestPlanStatus(PlanCommon):
    def test_worst_status_of_the_objectives(self):
        self.assertEqual(pp.plan_status([pp.DONE, pp.ON_TRACK], 0.0, 0.0), pp.ON_TRACK)
        self.assertEqual(
            pp.plan_status([pp.ON_TRACK, pp.AT_RISK], 0.0, 0.0), pp.AT_RISK
        )
        self.assertEqual(
            pp.plan_status([pp.AT_RISK, pp.OFF_TRACK, pp.DONE], 0.0, 0.0), pp.OFF_TRACK
        )
        self.assertEqual(pp.plan_status([pp.DONE, pp.DONE], 0.0, 0.0), pp.DONE)
        # An objective whose status the user may not see (False) doesn't count.
        self.assertEqual(pp.plan_status([False, pp.AT_RISK], 0.0, 0.0), pp.AT_RISK)
        self.assertEqual(pp.plan_status([False], 90.0, 90.0), pp.ON_TRACK)
        self.assertEqual(pp.plan_status([False], 60.0, 90.0), pp.OFF_TRACK)
        # Without objectives: revenue progress against time (60 < 75 % of 90).
        self.assertEqual(pp.plan_status([], 60.0, 90.0), pp.OFF_TRACK)
        self.assertEqual(pp.plan_status([], 90.0, 90.0), pp.ON_TRACK)

    @freeze_time("2024-04-30 12:00:00")
    def test_plan_with_three_of_six_objectives_off_track(self):
        plan = self._plan(
            objectives=[("manual", 100.0, f"Objective {n}") for n in range(1, 7)]
        )
        actuals = [100.0, 100.0, 100.0, 45.0, 40.0, 35.0]
        for objective, actual in zip(plan.objective_ids, actuals, strict=True):
            objective.actual = actual
        self.assertAlmostEqual(plan.time_elapsed, 121 / 182 * 100, delta=0.05)
        # Average progress 420 / 6 = 70 >= 66.48: "on track" under the old rule.
        self.assertAlmostEqual(plan.progress, 70.0)
        self.assertEqual(
            plan.objective_ids.mapped("status"),
            [pp.DONE] * 3 + [pp.OFF_TRACK] * 3,
        )
        self.assertEqual(plan.status, pp.OFF_TRACK)
        # 55 >= 49.86: the three become at risk, and so does the plan.
        plan.objective_ids[3:].actual = 55.0
        self.assertEqual(plan.status, pp.AT_RISK)
        plan.objective_ids[3:].actual = 70.0
        self.assertEqual(plan.status, pp.ON_TRACK)
        plan.objective_ids.actual = 100.0
        self.assertEqual(plan.status, pp.DONE)

    def _default_period(self, user=None):
        values = self.Plan.with_user(user or self.user_manager).default_get(
            ["date_start", "date_end"]
        )
        return values["date_start"], values["date_end"]

    def test_default_period(self):
        self.company.write({"fiscalyear_last_month": "12", "fiscalyear_last_day": 31})
        cases = [
            # (now, UTC), expected period
            # 5 December: 339 of 365 days elapsed, 7 % left -> next year.
            ("2026-12-05 10:00:00", (date(2027, 1, 1), date(2027, 12, 31))),
            ("2026-12-31 12:00:00", (date(2027, 1, 1), date(2027, 12, 31))),
            # Leap day: 60 of 366 days elapsed -> this year.
            ("2028-02-29 12:00:00", (date(2028, 1, 1), date(2028, 12, 31))),
            # 30 September 2027: 273 of 365 elapsed, 25.2 % left -> this year;
            # 1 October: 274 elapsed, 24.9 % left -> next year.
            ("2027-09-30 12:00:00", (date(2027, 1, 1), date(2027, 12, 31))),
            ("2027-10-01 12:00:00", (date(2028, 1, 1), date(2028, 12, 31))),
            # Leap year: 30 September 2028 274 of 366 elapsed (25.1 % left),
            # 1 October 275 (24.9 % left).
            ("2028-09-30 12:00:00", (date(2028, 1, 1), date(2028, 12, 31))),
            ("2028-10-01 12:00:00", (date(2029, 1, 1), date(2029, 12, 31))),
            # 1 January: nothing left of nothing; the new year is current.
            ("2027-01-01 00:30:00", (date(2027, 1, 1), date(2027, 12, 31))),
        ]
        for now, expected in cases:
            with self.subTest(now=now), freeze_time(now):
                self.assertEqual(self._default_period(), expected)

    def test_default_period_follows_the_users_day(self):
        self.company.write({"fiscalyear_last_month": "12", "fiscalyear_last_day": 31})
        self.user_manager.tz = "Pacific/Auckland"
        # 30 September 2027 20:00 UTC is 1 October 09:00 in Auckland (NZDT).
        with freeze_time("2027-09-30 20:00:00"):
            self.assertEqual(
                self._default_period(), (date(2028, 1, 1), date(2028, 12, 31))
            )
        self.user_manager.tz = "UTC"
        with freeze_time("2027-09-30 20:00:00"):
            self.assertEqual(
                self._default_period(), (date(2027, 1, 1), date(2027, 12, 31))
            )

    def test_default_period_of_a_shifted_fiscal_year(self):
        # Fiscal year 1 April - 31 March: on 15 February 2027 (321 of 365 days of
        # FY 2026-27 elapsed) the plan is for FY 2027-28.
        self.company.write({"fiscalyear_last_month": "3", "fiscalyear_last_day": 31})
        with freeze_time("2027-02-15 12:00:00"):
            self.assertEqual(
                self._default_period(), (date(2027, 4, 1), date(2028, 3, 31))
            )
        with freeze_time("2026-12-15 12:00:00"):
            self.assertEqual(
                self._default_period(), (date(2026, 4, 1), date(2027, 3, 31))
            )
