# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
""" "The last 12 months" (tools/periods.py), without a database."""

import unittest
from datetime import date

from odoo.addons.account_mgmt_addon.tools.periods import (
    last_12_months,
    last_12_months_as_of,
    months_label,
    trend_periods,
)


class TestPeriods(unittest.TestCase):
    def test_twelve_complete_months_before_the_current_one(self):
        self.assertEqual(
            last_12_months(date(2026, 12, 5)), (date(2025, 12, 1), date(2026, 11, 30))
        )
        # The first and the last day of a month: still not one of the 12.
        self.assertEqual(
            last_12_months(date(2027, 1, 1)), (date(2026, 1, 1), date(2026, 12, 31))
        )
        self.assertEqual(
            last_12_months(date(2027, 3, 31)), (date(2026, 3, 1), date(2027, 2, 28))
        )
        # A leap day.
        self.assertEqual(
            last_12_months(date(2028, 2, 29)), (date(2027, 2, 1), date(2028, 1, 31))
        )
        self.assertEqual(
            last_12_months(date(2028, 3, 15)), (date(2027, 3, 1), date(2028, 2, 29))
        )

    def test_as_of_a_past_day(self):
        today = date(2027, 6, 15)
        # The end of a past month's last day: that month is complete.
        self.assertEqual(
            last_12_months_as_of(date(2026, 12, 31), today),
            (date(2026, 1, 1), date(2026, 12, 31)),
        )
        # A past day in the middle of a month: its month is not.
        self.assertEqual(
            last_12_months_as_of(date(2026, 12, 30), today),
            (date(2025, 12, 1), date(2026, 11, 30)),
        )
        # Today, even the last day of its month, is not over.
        self.assertEqual(
            last_12_months_as_of(date(2027, 6, 30), date(2027, 6, 30)),
            (date(2026, 6, 1), date(2027, 5, 31)),
        )
        self.assertEqual(
            last_12_months_as_of(today, today), (date(2026, 6, 1), date(2027, 5, 31))
        )

    def test_label(self):
        self.assertEqual(
            months_label(
                date(2025, 12, 1),
                date(2026, 11, 30),
                lambda day: day.strftime("%b %Y"),
            ),
            "Dec 2025 \N{EN DASH} Nov 2026",
        )
        # One month: its name once.
        self.assertEqual(
            months_label(
                date(2026, 11, 1), date(2026, 11, 30), lambda day: day.strftime("%b %Y")
            ),
            "Nov 2026",
        )

    def test_trend_periods(self):
        # Health's default trend: the 3 complete months before June, and a year
        # before.
        self.assertEqual(
            trend_periods(date(2026, 6, 15), 3),
            (
                (date(2026, 3, 1), date(2026, 5, 31)),
                (date(2025, 3, 1), date(2025, 5, 31)),
            ),
        )
        # Across a year end, and February of a leap year a year before.
        self.assertEqual(
            trend_periods(date(2029, 3, 1), 2),
            (
                (date(2029, 1, 1), date(2029, 2, 28)),
                (date(2028, 1, 1), date(2028, 2, 29)),
            ),
        )
        self.assertEqual(
            trend_periods(date(2027, 1, 1), 1),
            (
                (date(2026, 12, 1), date(2026, 12, 31)),
                (date(2025, 12, 1), date(2025, 12, 31)),
            ),
        )
