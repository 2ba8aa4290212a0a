# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The health score arithmetic, in plain Python: no database, no registry."""

import unittest

from odoo.addons.account_mgmt_addon.tools import health_scoring as hs


class TestContactRecency(unittest.TestCase):
    def test_within_cadence(self):
        # Cadence 30 days: anything up to 30 days is full marks.
        self.assertEqual(hs.score_contact_recency(0, 30), 100.0)
        self.assertEqual(hs.score_contact_recency(30, 30), 100.0)

    def test_linear_between_one_and_three_cadences(self):
        # 100 * (3c - d) / (2c): d = 45, c = 30 -> 100 * 45 / 60 = 75
        self.assertAlmostEqual(hs.score_contact_recency(45, 30), 75.0)
        # d = 60 -> 100 * 30 / 60 = 50; d = 89 -> 100 * 1 / 60 = 1.6667
        self.assertAlmostEqual(hs.score_contact_recency(60, 30), 50.0)
        self.assertAlmostEqual(hs.score_contact_recency(89, 30), 100 / 60)

    def test_zero_after_three_cadences(self):
        self.assertEqual(hs.score_contact_recency(90, 30), 0.0)
        self.assertEqual(hs.score_contact_recency(400, 30), 0.0)

    def test_never_contacted_is_zero(self):
        self.assertEqual(hs.score_contact_recency(None, 14), 0.0)

    def test_custom_zero_point(self):
        # Zero at 2 cadences (c = 10): d = 15 -> 100 * (20 - 15) / (20 - 10) = 50
        self.assertAlmostEqual(hs.score_contact_recency(15, 10, 2.0), 50.0)

    def test_bad_parameters(self):
        with self.assertRaises(ValueError):
            hs.score_contact_recency(5, 0)
        with self.assertRaises(ValueError):
            hs.score_contact_recency(5, 10, 1.0)


class TestTrend(unittest.TestCase):
    def test_flat_is_fifty(self):
        self.assertEqual(hs.score_trend(1000.0, 1000.0), 50.0)

    def test_growth(self):
        # +10 %: 50 + 50 * 0.10 / 0.25 = 70
        self.assertAlmostEqual(hs.score_trend(1100.0, 1000.0), 70.0)
        # +25 % and more: 100
        self.assertEqual(hs.score_trend(1250.0, 1000.0), 100.0)
        self.assertEqual(hs.score_trend(5000.0, 1000.0), 100.0)

    def test_decline(self):
        # -20 %: 50 - 50 * 0.20 / 0.50 = 30
        self.assertAlmostEqual(hs.score_trend(800.0, 1000.0), 30.0)
        # -50 % and less: 0
        self.assertEqual(hs.score_trend(500.0, 1000.0), 0.0)
        self.assertEqual(hs.score_trend(0.0, 1000.0), 0.0)

    def test_not_applicable_when_both_periods_zero(self):
        self.assertIsNone(hs.score_trend(0.0, 0.0))
        self.assertIsNone(hs.score_trend(None, None))

    def test_new_business_scores_full(self):
        # Nothing a year ago, sales now: best possible trend.
        self.assertEqual(hs.score_trend(300.0, 0.0), 100.0)
        self.assertEqual(hs.score_trend(-300.0, 0.0), 0.0)

    def test_negative_previous_period(self):
        # Margin -100 a year ago, -50 now: +50 % improvement -> 100
        self.assertEqual(hs.score_trend(-50.0, -100.0), 100.0)
        # Margin -100 a year ago, -110 now: -10 % -> 50 - 50 * 0.1 / 0.5 = 40
        self.assertAlmostEqual(hs.score_trend(-110.0, -100.0), 40.0)

    def test_custom_thresholds(self):
        # 100 at +50 %, 0 at -20 %: +10 % -> 60, -10 % -> 25
        self.assertAlmostEqual(hs.score_trend(110.0, 100.0, 0.5, 0.2), 60.0)
        self.assertAlmostEqual(hs.score_trend(90.0, 100.0, 0.5, 0.2), 25.0)
        with self.assertRaises(ValueError):
            hs.score_trend(1.0, 1.0, 0.0, 0.5)


class TestOverdue(unittest.TestCase):
    def test_share_overdue(self):
        # 3,000 of 12,000 overdue: s = 0.25 -> 75
        self.assertAlmostEqual(hs.score_overdue(12000.0, 3000.0), 75.0)
        self.assertEqual(hs.score_overdue(12000.0, 0.0), 100.0)
        self.assertEqual(hs.score_overdue(12000.0, 12000.0), 0.0)

    def test_not_applicable_without_open_receivable(self):
        self.assertIsNone(hs.score_overdue(0.0, 0.0))
        # An account in credit has nothing to collect either.
        self.assertIsNone(hs.score_overdue(-500.0, 0.0))

    def test_share_is_capped(self):
        # Unreconciled credit note: overdue 1,000, open 800 -> share capped at 1.
        self.assertEqual(hs.score_overdue(800.0, 1000.0), 0.0)


class TestSentiment(unittest.TestCase):
    def test_sentiment_only(self):
        # 2 positive, 1 neutral, 1 negative: (200 + 50 + 0) / 4 = 62.5
        self.assertAlmostEqual(hs.score_sentiment(2, 1, 1), 62.5)

    def test_satisfaction_only(self):
        # Ratings 4 and 5: average 4.5 -> (4.5 - 1) * 25 = 87.5
        self.assertAlmostEqual(
            hs.score_sentiment(satisfaction_sum=9, satisfaction_count=2), 87.5
        )

    def test_blend(self):
        # Sentiment 62.5, satisfaction 87.5, half each: 75
        self.assertAlmostEqual(hs.score_sentiment(2, 1, 1, 9, 2), 75.0)
        # Satisfaction weighs 20 %: 0.8 * 62.5 + 0.2 * 87.5 = 50 + 17.5 = 67.5
        self.assertAlmostEqual(hs.score_sentiment(2, 1, 1, 9, 2, 0.2), 67.5)

    def test_not_applicable_without_interaction(self):
        self.assertIsNone(hs.score_sentiment())


class TestPlanProgress(unittest.TestCase):
    def test_progress(self):
        # 3 of 4 objectives on track or done: 75
        self.assertEqual(hs.score_plan_progress(3, 4), 75.0)

    def test_not_applicable_without_objective(self):
        self.assertIsNone(hs.score_plan_progress(0, 0))


class TestWeightedScore(unittest.TestCase):
    def test_normalise_weights(self):
        # 30 + 20 + 10 = 60: 50 %, 33.33 %, 16.67 %
        shares = hs.normalise_weights([30, 20, 10])
        self.assertAlmostEqual(shares[0], 50.0)
        self.assertAlmostEqual(shares[1], 100 / 3)
        self.assertAlmostEqual(shares[2], 100 / 6)
        with self.assertRaises(ValueError):
            hs.normalise_weights([0, 0])
        with self.assertRaises(ValueError):
            hs.normalise_weights([10, -1])

    def test_all_applicable(self):
        # Weights 2, 1, 1 (50 %, 25 %, 25 %); scores 80, 40, 100:
        # 0.5 * 80 + 0.25 * 40 + 0.25 * 100 = 40 + 10 + 25 = 75
        total, effective = hs.weighted_score([(2, 80.0), (1, 40.0), (1, 100.0)])
        self.assertAlmostEqual(total, 75.0)
        self.assertEqual(effective, [50.0, 25.0, 25.0])

    def test_not_applicable_weight_is_redistributed(self):
        # Same weights, the second not applicable: its 25 % goes to the others in
        # proportion, 2/3 = 66.67 % and 1/3 = 33.33 %:
        # (2 * 80 + 1 * 100) / 3 = 260 / 3 = 86.667, never (160 + 0 + 100) / 4 = 65
        total, effective = hs.weighted_score([(2, 80.0), (1, None), (1, 100.0)])
        self.assertAlmostEqual(total, 260 / 3)
        self.assertAlmostEqual(effective[0], 200 / 3)
        self.assertEqual(effective[1], 0.0)
        self.assertAlmostEqual(effective[2], 100 / 3)
        self.assertAlmostEqual(sum(effective), 100.0)

    def test_zero_weight_measure_does_not_count(self):
        total, effective = hs.weighted_score([(0, 0.0), (1, 60.0)])
        self.assertEqual(total, 60.0)
        self.assertEqual(effective, [0.0, 100.0])

    def test_nothing_applicable(self):
        total, effective = hs.weighted_score([(1, None), (0, 50.0)])
        self.assertIsNone(total)
        self.assertEqual(effective, [0.0, 0.0])

    def test_negative_weight_refused(self):
        with self.assertRaises(ValueError):
            hs.weighted_score([(-1, 50.0), (2, 50.0)])


class TestBandsAndTrend(unittest.TestCase):
    def test_default_bands(self):
        self.assertEqual(hs.band(76), "green")
        self.assertEqual(hs.band(75.99), "amber")
        self.assertEqual(hs.band(51), "amber")
        self.assertEqual(hs.band(50.99), "red")
        self.assertEqual(hs.band(0), "red")
        self.assertIsNone(hs.band(None))

    def test_custom_bands(self):
        self.assertEqual(hs.band(70, green_min=70, amber_min=40), "green")
        self.assertEqual(hs.band(39, green_min=70, amber_min=40), "red")
        with self.assertRaises(ValueError):
            hs.band(50, green_min=50, amber_min=60)

    def test_trend(self):
        self.assertEqual(hs.trend(60.0, 57.0), "up")
        self.assertEqual(hs.trend(60.0, 58.0), "flat")
        self.assertEqual(hs.trend(60.0, 62.0), "flat")
        self.assertEqual(hs.trend(60.0, 62.5), "down")
        self.assertIsNone(hs.trend(60.0, None))
