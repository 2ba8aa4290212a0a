# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plan progress arithmetic, in plain Python: no database."""

import unittest
from datetime import date

from odoo.addons.account_mgmt_addon.tools import plan_progress as pp


class TestPlanProgress(unittest.TestCase):
    def test_progress_percent(self):
        self.assertAlmostEqual(pp.progress_percent(8500, 20000), 42.5)
        self.assertAlmostEqual(pp.progress_percent(30, 20), 150.0)
        # no target, nothing to measure against
        self.assertEqual(pp.progress_percent(500, 0), 0.0)
        self.assertEqual(pp.progress_percent(500, -10), 0.0)

    def test_time_elapsed(self):
        start, end = date(2024, 1, 1), date(2024, 6, 30)  # 182 days (leap year)
        self.assertEqual(pp.time_elapsed_percent(start, end, date(2023, 12, 31)), 0.0)
        # Jan 1 evening: 1 day of 182
        self.assertAlmostEqual(
            pp.time_elapsed_percent(start, end, date(2024, 1, 1)), 100 / 182
        )
        # Mar 31: 31 + 29 + 31 = 91 days of 182 = 50 %
        self.assertAlmostEqual(
            pp.time_elapsed_percent(start, end, date(2024, 3, 31)), 50.0
        )
        self.assertEqual(pp.time_elapsed_percent(start, end, date(2024, 6, 30)), 100.0)
        self.assertEqual(pp.time_elapsed_percent(start, end, date(2025, 1, 1)), 100.0)

    def test_status_cumulative(self):
        # half-way through the period
        self.assertEqual(pp.status(50.0, 50.0), pp.ON_TRACK)
        self.assertEqual(pp.status(60.0, 50.0), pp.ON_TRACK)
        # 75 % of the 50 % expected = 37.5 %
        self.assertEqual(pp.status(37.5, 50.0), pp.AT_RISK)
        self.assertEqual(pp.status(37.4, 50.0), pp.OFF_TRACK)
        self.assertEqual(pp.status(100.0, 10.0), pp.DONE)
        self.assertEqual(pp.status(120.0, 100.0), pp.DONE)
        # period over, target missed
        self.assertEqual(pp.status(80.0, 100.0), pp.AT_RISK)
        self.assertEqual(pp.status(70.0, 100.0), pp.OFF_TRACK)
        # not started yet: nothing expected
        self.assertEqual(pp.status(0.0, 0.0), pp.ON_TRACK)

    def test_status_ratio(self):
        # a margin percentage is compared with the whole target at any time
        self.assertEqual(pp.status(100.0, 20.0, cumulative=False), pp.ON_TRACK)
        self.assertEqual(pp.status(80.0, 20.0, cumulative=False), pp.AT_RISK)
        self.assertEqual(pp.status(74.0, 20.0, cumulative=False), pp.OFF_TRACK)
        self.assertEqual(pp.status(105.0, 100.0, cumulative=False), pp.DONE)

    def test_next_period(self):
        # whole months: January-June gives July-December
        self.assertEqual(
            pp.next_period(date(2024, 1, 1), date(2024, 6, 30)),
            (date(2024, 7, 1), date(2024, 12, 31)),
        )
        # a year
        self.assertEqual(
            pp.next_period(date(2024, 1, 1), date(2024, 12, 31)),
            (date(2025, 1, 1), date(2025, 12, 31)),
        )
        # a quarter ending in February
        self.assertEqual(
            pp.next_period(date(2023, 12, 1), date(2024, 2, 29)),
            (date(2024, 3, 1), date(2024, 5, 31)),
        )
        # any other period keeps its number of days: 15 -> 28 Jan is 14 days
        self.assertEqual(
            pp.next_period(date(2024, 1, 15), date(2024, 1, 28)),
            (date(2024, 1, 29), date(2024, 2, 11)),
        )

    def test_shift_date(self):
        self.assertEqual(
            pp.shift_date(
                date(2024, 3, 31), date(2024, 1, 1), date(2024, 6, 30), date(2024, 7, 1)
            ),
            date(2024, 9, 30),
        )
        self.assertFalse(
            pp.shift_date(False, date(2024, 1, 1), date(2024, 6, 30), date(2024, 7, 1))
        )
        self.assertEqual(
            pp.shift_date(
                date(2024, 1, 20),
                date(2024, 1, 15),
                date(2024, 1, 28),
                date(2024, 1, 29),
            ),
            date(2024, 2, 3),
        )
