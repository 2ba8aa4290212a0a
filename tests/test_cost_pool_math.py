# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The allocation arithmetic, in plain Python: no database, no registry."""

import unittest

from odoo.addons.account_mgmt_addon.tools.cost_allocation_math import split_amount


class TestSplitAmount(unittest.TestCase):
    def test_proportional(self):
        # 1,000 by 3 h and 1 h: 1000 x 3/4 = 750, 1000 x 1/4 = 250.
        self.assertEqual(split_amount(1000, {"a": 3, "b": 1}), {"a": 750.0, "b": 250.0})

    def test_remainder_to_largest_fraction(self):
        # 100 by 1/1/1: 33.333... each = 3,333.33 cents; 1 cent left over goes to the
        # first key (equal remainders: key order).
        self.assertEqual(
            split_amount(100, {"c": 1, "a": 1, "b": 1}),
            {"a": 33.34, "b": 33.33, "c": 33.33},
        )
        # 10 by 1/2/4 (7 parts): 142.857 / 285.714 / 571.428 cents -> floors 142,
        # 285, 571 (998); remainders .857, .714, .428: the 2 cents left go to "x"
        # then "y".
        self.assertEqual(
            split_amount(10, {"x": 1, "y": 2, "z": 4}),
            {"x": 1.43, "y": 2.86, "z": 5.71},
        )

    def test_sum_is_exact(self):
        weights = {key: key % 7 + 0.3 for key in range(1, 101)}
        parts = split_amount(12345.67, weights)
        self.assertEqual(round(sum(parts.values()), 2), 12345.67)
        # Every part is a whole number of cents.
        self.assertTrue(all(round(part, 2) == part for part in parts.values()))

    def test_deterministic_whatever_the_input_order(self):
        weights = {(5, "2025-01"): 1, (2, "2025-01"): 1, (9, "2025-02"): 1}
        reversed_weights = dict(reversed(list(weights.items())))
        self.assertEqual(split_amount(1, weights), split_amount(1, reversed_weights))
        # 1 by three equal weights: 33.33 each, the left-over cent to the smallest key.
        self.assertEqual(split_amount(1, weights)[(2, "2025-01")], 0.34)

    def test_zero_and_negative_weights_are_left_out(self):
        # Only "a" and "c" weigh: 90 x 1/3 = 30, 90 x 2/3 = 60.
        self.assertEqual(
            split_amount(90, {"a": 1, "b": 0, "c": 2, "d": -5}), {"a": 30.0, "c": 60.0}
        )

    def test_negative_amount(self):
        # Signs follow the amount: -100 by 1/1/1 = -33.34, -33.33, -33.33.
        self.assertEqual(
            split_amount(-100, {"a": 1, "b": 1, "c": 1}),
            {"a": -33.34, "b": -33.33, "c": -33.33},
        )

    def test_currency_rounding(self):
        # A currency without decimals: 1,000 by 1/1/1 = 334, 333, 333.
        self.assertEqual(
            split_amount(1000, {"a": 1, "b": 1, "c": 1}, rounding=1),
            {"a": 334.0, "b": 333.0, "c": 333.0},
        )
        # Rounding 0.05 (5-cent steps): 1 by 1/2 = 0.35 (7 steps) and 0.65 (13 steps):
        # 20 steps x 1/3 = 6.67 -> 6, x 2/3 = 13.33 -> 13; the step left goes to the
        # larger remainder (.67, "a").
        self.assertEqual(
            split_amount(1, {"a": 1, "b": 2}, rounding=0.05), {"a": 0.35, "b": 0.65}
        )

    def test_decimal_weights(self):
        # Hours 0.1 and 0.2 weigh exactly 1:2 (no binary float drift): 3 -> 1 and 2.
        self.assertEqual(split_amount(3, {"a": 0.1, "b": 0.2}), {"a": 1.0, "b": 2.0})

    def test_no_weight(self):
        with self.assertRaises(ValueError):
            split_amount(100, {})
        with self.assertRaises(ValueError):
            split_amount(100, {"a": 0, "b": -1})
        with self.assertRaises(ValueError):
            split_amount(100, {"a": 1}, rounding=0)
