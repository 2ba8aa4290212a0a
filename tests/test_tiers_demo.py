# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo database opens with tiered accounts and a tier history.

Demo tiers: Key >= 93,000 (demo threshold), Growth >= 30,000, Standard fallback.
Today's figures depend on the day of the month (the demo ledger invoices on the 10th,
so the month twelve months back is in or out of the period): only what doesn't is
asserted for today; the replayed history covers whole months and is asserted exactly.
"""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTiersDemo(TransactionCase):
    def _ref(self, name):
        return self.env.ref(f"account_mgmt_addon.{name}")

    def test_demo_tiers(self):
        key, growth = self._ref("tier_key"), self._ref("tier_growth")
        holding = self._ref("partner_northwind_demo")
        logistics = self._ref("partner_northwind_logistics_demo")
        # Northwind group: 95,200 (or 109,800) >= 93,000 -> Key for every member,
        # though the holding alone sells 28,000 (or 35,000).
        for member in (holding, logistics, self._ref("partner_northwind_europe_demo")):
            self.assertEqual(member.account_tier_id, key)
        self.assertLess(holding.account_annual_revenue, 93000)
        self.assertGreaterEqual(holding.account_group_revenue, 93000)
        self.assertEqual(holding.account_group_member_count, 3)
        # Bluewater: 70,800 (or 76,800) -> Growth.
        self.assertEqual(self._ref("partner_bluewater_demo").account_tier_id, growth)
        # Orchid: locked on Growth by hand.
        orchid = self._ref("partner_orchid_demo")
        self.assertTrue(orchid.account_tier_locked)
        self.assertEqual(orchid.account_tier_id, growth)

    def test_demo_history(self):
        History = self.env["account_mgmt.tier.history"]
        helios = self._ref("partner_helios_demo")
        # The demo replays tiering at the ends of the months 18, 12 and 6 months ago,
        # so the trailing twelve months are whole months whatever today's day (the
        # ledger invoices 7,800 on the 10th of each of the last 24 months; an 800
        # credit note 10 months ago). 18 months ago: 6 months of sales, 46,800 ->
        # Growth; a year ago 12 months, 93,600 -> Key; six months ago 93,600 - 800 =
        # 92,800 -> Growth again. This failed on 2026-12-05 when the replay used
        # "today - N months" (the 10th of the window's first month fell outside).
        rows = History.search([("partner_id", "=", helios.id)], order="date, id")
        self.assertEqual(
            rows[:3].mapped("direction"), ["assigned", "upgrade", "downgrade"]
        )
        self.assertEqual(rows[:3].mapped("annual_revenue"), [46800, 93600, 92800])
        growth, key = self._ref("tier_growth"), self._ref("tier_key")
        self.assertEqual([row.new_tier_id for row in rows[:3]], [growth, key, growth])
        manual = History.search(
            [("partner_id", "=", self._ref("partner_orchid_demo").id)]
        )
        self.assertEqual(manual.mapped("trigger"), ["manual"])
