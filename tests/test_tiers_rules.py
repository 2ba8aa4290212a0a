# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The tier arithmetic, without a database."""

import unittest

from odoo.addons.account_mgmt_addon.tools.tiering import (
    Figures,
    TierRules,
    make_figures,
    margin_percent,
    qualifies,
    select_tier,
)

GOLD = TierRules(1, min_annual_revenue=50000, min_margin_percent=30)
SILVER = TierRules(2, min_annual_revenue=20000)
MARGIN_ONLY = TierRules(3, min_gross_margin=10000)
FALLBACK = TierRules(4)


class TestTieringRules(unittest.TestCase):
    def test_make_figures(self):
        # 60,000 revenue, 36,000 cost: margin 24,000 = 40 %.
        self.assertEqual(make_figures(60000, 36000), Figures(60000, 24000, 40.0))
        # 23,000 revenue, 12,000 cost: 11,000 / 23,000 = 47.826 -> 47.83 %.
        self.assertEqual(make_figures(23000, 12000), Figures(23000, 11000, 47.83))
        # A net credit (more refunded than sold) has no margin percentage.
        self.assertEqual(make_figures(-500, -300), Figures(-500, -200, 0.0))
        self.assertEqual(margin_percent(0, 0), 0.0)

    def test_rules_are_combined_with_and(self):
        self.assertTrue(qualifies(GOLD, Figures(60000, 24000, 40.0)))
        # enough revenue, not enough margin
        self.assertFalse(qualifies(GOLD, Figures(56000, 14000, 25.0)))
        # enough margin, not enough revenue
        self.assertFalse(qualifies(GOLD, Figures(40000, 16000, 40.0)))

    def test_thresholds_are_inclusive_at_currency_precision(self):
        self.assertTrue(qualifies(SILVER, Figures(20000.0, 0, 0)))
        self.assertTrue(qualifies(SILVER, Figures(19999.996, 0, 0)))
        self.assertFalse(qualifies(SILVER, Figures(19999.99, 0, 0)))
        self.assertTrue(qualifies(MARGIN_ONLY, Figures(15000, 10000, 66.67)))
        self.assertFalse(qualifies(MARGIN_ONLY, Figures(15000, 9999.99, 66.67)))

    def test_first_qualifying_tier_in_order(self):
        tiers = [GOLD, SILVER, FALLBACK]
        self.assertEqual(select_tier(tiers, Figures(60000, 24000, 40.0)), 1)
        self.assertEqual(select_tier(tiers, Figures(56000, 14000, 25.0)), 2)
        self.assertEqual(select_tier(tiers, Figures(0, 0, 0)), 4)
        # The order is the caller's (tier sequence): a fallback first takes all.
        self.assertEqual(select_tier([FALLBACK, GOLD], Figures(60000, 24000, 40)), 4)

    def test_no_tier_without_fallback(self):
        self.assertIsNone(select_tier([GOLD, SILVER], Figures(1000, 400, 40.0)))
        self.assertIsNone(select_tier([], Figures(1000, 400, 40.0)))
