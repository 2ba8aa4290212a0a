# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Health score of accounts with known figures on a frozen day: each measure's
score, the weighted total, not-applicable measures and the partner fields."""

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import format_amount

from .health_common import TODAY, HealthScenario


@tagged("post_install", "-at_install")
class TestHealthScore(HealthScenario):
    def _lines(self, snapshot):
        return {line.code: line for line in snapshot.line_ids}

    def test_every_measure_of_acme(self):
        snapshot = self._recompute(self.acme)
        self.assertEqual(len(snapshot), 1)
        lines = self._lines(snapshot)
        # (score, configured weight %, value) computed in HealthScenario._setup_acme
        expected = {
            "contact_recency": (75.0, 20.0, 45.0),
            "revenue_trend": (70.0, 20.0, 10.0),
            "margin_trend": (37.5, 15.0, -12.5),
            "overdue_receivables": (20.0, 15.0, 80.0),
            "sentiment": (56.25, 15.0, 56.25),
            "plan_progress": (50.0, 15.0, 50.0),
        }
        self.assertEqual(set(lines), set(expected))
        for code, (score, weight, value) in expected.items():
            with self.subTest(measure=code):
                line = lines[code]
                self.assertTrue(line.applicable)
                self.assertAlmostEqual(line.score, score, places=2)
                self.assertAlmostEqual(line.weight, weight, places=2)
                # Every measure applies: the effective weight is the configured one.
                self.assertAlmostEqual(line.effective_weight, weight, places=2)
                self.assertAlmostEqual(line.value, value, places=2)
                self.assertAlmostEqual(
                    line.contribution, score * weight / 100, places=2
                )
        # 15 + 14 + 5.625 + 3 + 8.4375 + 7.5 = 53.5625
        self.assertAlmostEqual(snapshot.score, 53.56, places=2)
        self.assertEqual(snapshot.band, "amber")
        self.assertFalse(snapshot.trend, "No previous snapshot: no trend yet")
        self.assertEqual(snapshot.date, TODAY)
        self.assertEqual(snapshot.tier_id, self.tier_key)
        self.assertEqual(snapshot.account_manager_id, self.user_manager)
        # Figures kept for the director's overview
        self.assertAlmostEqual(snapshot.revenue_12m, 2200.0)
        self.assertAlmostEqual(snapshot.overdue_60_amount, 800.0)
        # Overdue at all: 800 (10 April) - 800 (20 May) + 1,000 (5 June) = 1,000
        self.assertAlmostEqual(snapshot.overdue_amount, 1000.0)
        self.assertEqual(snapshot.days_since_contact, 45)
        self.assertEqual(snapshot.contact_overdue_count, 1)  # 45 > 30 days
        self.assertTrue(snapshot.has_plan)
        self.assertEqual(snapshot.off_track_count, 1)
        self.assertEqual(snapshot.missing_plan_count, 0)
        # The measure costing the most: overdue, 0.15 * (100 - 20) = 12 points.
        self.assertIn("Overdue Receivables 20/100", snapshot.main_reason)
        # Each trend names its months: the 3 complete months before 15 June 2026
        # and the same months a year before. Revenue: April 3,000 less the May
        # credit note 800 = 2,200, against 2,000 in April 2025.
        currency = self.company.currency_id
        self.assertEqual(
            lines["revenue_trend"].value_display,
            f"{format_amount(self.env, 2200.0, currency)} in Mar 2026 \N{EN DASH} "
            f"May 2026 vs {format_amount(self.env, 2000.0, currency)} in Mar 2025 "
            "\N{EN DASH} May 2025",
        )
        # Margin amounts would disclose costs: the line shows the change only.
        self.assertNotIn("700", lines["margin_trend"].value_display)
        self.assertEqual(
            lines["margin_trend"].value_display,
            "-12.5 % in Mar 2026 \N{EN DASH} May 2026 vs Mar 2025 \N{EN DASH} May 2025",
        )

    def test_not_applicable_weight_is_redistributed(self):
        snapshot = self._recompute(self.beta)
        lines = self._lines(snapshot)
        self.assertFalse(lines["overdue_receivables"].applicable)
        self.assertFalse(lines["plan_progress"].applicable)
        for code in ("overdue_receivables", "plan_progress"):
            self.assertEqual(lines[code].effective_weight, 0.0)
            self.assertEqual(lines[code].contribution, 0.0)
        # 20 / 70 = 28.57 %, 15 / 70 = 21.43 %
        expected = {
            "contact_recency": (100.0, 28.57),
            "revenue_trend": (50.0, 28.57),
            "margin_trend": (50.0, 21.43),
            "sentiment": (100.0, 21.43),
        }
        for code, (score, share) in expected.items():
            with self.subTest(measure=code):
                self.assertTrue(lines[code].applicable)
                self.assertAlmostEqual(lines[code].score, score, places=2)
                self.assertAlmostEqual(lines[code].effective_weight, share, places=2)
        # 5,250 / 70 = 75, not (2,000 + 1,000 + 750 + 1,500) / 100 = 52.5
        self.assertAlmostEqual(snapshot.score, 75.0, places=2)
        self.assertAlmostEqual(sum(snapshot.line_ids.mapped("contribution")), 75.0, 1)
        self.assertEqual(snapshot.band, "amber")

    def test_never_contacted_and_overdue_is_red(self):
        snapshot = self._recompute(self.gamma)
        lines = self._lines(snapshot)
        self.assertEqual(lines["contact_recency"].score, 0.0)
        self.assertIn("Never contacted", lines["contact_recency"].value_display)
        self.assertEqual(lines["overdue_receivables"].score, 0.0)
        for code in ("revenue_trend", "margin_trend", "sentiment", "plan_progress"):
            self.assertFalse(lines[code].applicable, code)
        self.assertEqual(snapshot.score, 0.0)
        self.assertEqual(snapshot.band, "red")
        self.assertEqual(snapshot.days_since_contact, -1)

    def test_partner_fields_and_breakdown(self):
        self._recompute(self.acme | self.beta)
        self.assertAlmostEqual(self.acme.account_health_score, 53.56, places=2)
        self.assertEqual(self.acme.account_health_band, "amber")
        self.assertEqual(self.acme.account_health_date, TODAY)
        self.assertIn("Overdue Receivables", self.acme.account_health_main_reason)
        self.assertEqual(len(self.acme.account_health_line_ids), 6)
        self.assertAlmostEqual(self.beta.account_health_score, 75.0, places=2)
        # Grouping and searching by band work on the company-dependent field.
        amber = self.env["res.partner"].search(
            [("account_health_band", "=", "amber"), ("id", "in", self.acme.ids)]
        )
        self.assertEqual(amber, self.acme)

    def test_bands_follow_company_settings(self):
        # Green from 50 instead of 76: Acme's 53.56 turns green.
        self.company.write(
            {"account_mgmt_health_green_min": 50, "account_mgmt_health_amber_min": 30}
        )
        snapshot = self._recompute(self.acme)
        self.assertEqual(snapshot.band, "green")

    def test_weights_change_the_total(self):
        # Only contact recency (75) and revenue (70) weigh, 1 and 3:
        # (75 + 3 * 70) / 4 = 285 / 4 = 71.25
        measures = (
            self.env["account_mgmt.health.measure"]
            .with_user(self.user_director)
            .search([("company_id", "=", self.company.id)])
        )
        measures.filtered(lambda m: m.code == "contact_recency").weight = 1
        measures.filtered(lambda m: m.code == "revenue_trend").weight = 3
        measures.filtered(
            lambda m: m.code not in ("contact_recency", "revenue_trend")
        ).active = False
        snapshot = self._recompute(self.acme)
        self.assertEqual(len(snapshot.line_ids), 2)
        self.assertAlmostEqual(snapshot.score, 71.25, places=2)

    def test_same_day_recompute_replaces_the_snapshot(self):
        first = self._recompute(self.acme)
        second = self._recompute(self.acme)
        self.assertEqual(first, second)
        self.assertEqual(
            self.Snapshot.search_count([("partner_id", "=", self.acme.id)]), 1
        )
        self.assertEqual(len(second.line_ids), 6)

    def test_same_day_recompute_rewrites_the_breakdown(self):
        first = self._recompute(self.acme)
        self.assertAlmostEqual(first.score, 53.56, places=2)
        lines = self._lines(first)
        self.assertEqual(len(lines), 6)
        # Later that day only contact recency (75) and revenue (70) weigh, 1
        # and 3: (75 + 3 * 70) / 4 = 71.25.
        measures = (
            self.env["account_mgmt.health.measure"]
            .with_user(self.user_director)
            .search([("company_id", "=", self.company.id)])
        )
        measures.filtered(lambda m: m.code == "contact_recency").weight = 1
        measures.filtered(lambda m: m.code == "revenue_trend").weight = 3
        measures.filtered(
            lambda m: m.code not in ("contact_recency", "revenue_trend")
        ).active = False
        second = self._recompute(self.acme)
        self.assertEqual(second, first)
        self.assertAlmostEqual(second.score, 71.25, places=2)
        self.assertAlmostEqual(self.acme.account_health_score, 71.25, places=2)
        # The lines of the measures still applied are rewritten, the others go.
        self.assertEqual(
            second.line_ids, lines["contact_recency"] | lines["revenue_trend"]
        )
        recency, revenue = lines["contact_recency"], lines["revenue_trend"]
        self.assertEqual((recency.weight, recency.effective_weight), (25.0, 25.0))
        self.assertEqual((revenue.weight, revenue.effective_weight), (75.0, 75.0))
        # 75 * 25 % = 18.75 and 70 * 75 % = 52.5 points
        self.assertAlmostEqual(recency.contribution, 18.75, places=2)
        self.assertAlmostEqual(revenue.contribution, 52.5, places=2)
        self.assertFalse(lines["plan_progress"].exists())

    def test_amounts_formatted_like_format_amount(self):
        # The recompute formats many amounts with one formatter per currency.
        usd = self.env.ref("base.USD")
        usd.active = True
        self.env["res.lang"]._activate_lang("fr_FR")
        # 1234567.891 rounds to 1234567.89, grouped by thousands.
        self.assertEqual(
            self.Snapshot._health_amount_formatter(usd)(-1234567.891),
            "$\N{NO-BREAK SPACE}-\N{ZERO WIDTH NO-BREAK SPACE}1,234,567.89",
        )
        for lang in ("en_US", "fr_FR"):
            Snapshot = self.Snapshot.with_context(lang=lang)
            for currency in (self.company.currency_id, usd):
                format_ = Snapshot._health_amount_formatter(currency)
                for amount in (0.0, -0.001, 0.005, 12.345, -999.995, 1234567.891):
                    self.assertEqual(
                        format_(amount),
                        format_amount(Snapshot.env, amount, currency),
                        f"{amount} in {currency.name} ({lang})",
                    )

    def test_each_company_scores_on_its_own_ledger(self):
        other = self.setup_other_company()["company"]
        # Acme is shared by both companies; the other one sold to it in April
        # 2026 only (nothing a year before: +100 %), nothing overdue, nobody
        # called (no interaction there: the clock runs from the account's
        # creation, today): every applicable measure scores 100.
        self._post_move(
            self.acme, "2026-04-10", [(self.widget, 1, 900.0)], company=other
        )
        with freeze_time("2026-06-15 12:00:00"):
            self.env.invalidate_all()
            snapshots = self.Snapshot._recompute_accounts(
                partners=self.acme, companies=self.company | other, date=TODAY
            )
        self.assertEqual(snapshots.company_id, self.company | other)
        mine = snapshots.filtered(lambda s: s.company_id == self.company)
        theirs = snapshots - mine
        self.assertAlmostEqual(mine.score, 53.56, places=2)
        self.assertEqual(theirs.score, 100.0)
        self.assertEqual(
            {ln.code for ln in theirs.line_ids if ln.applicable},
            {"contact_recency", "revenue_trend", "margin_trend", "overdue_receivables"},
        )
        # The partner's health fields are per company, like its tier.
        self.assertAlmostEqual(self.acme.account_health_score, 53.56, places=2)
        self.assertEqual(self.acme.with_company(other).account_health_score, 100.0)
        self.assertEqual(self.acme.with_company(other).account_health_band, "green")
