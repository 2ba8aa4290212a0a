# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Corporate groups: a company and the companies under it, tiered as one.

Tiers (tiers_common): Gold >= 50,000 and >= 30 %; Silver >= 20,000; Bronze fallback.
Widget: price 1,000, cost 600.
"""

from odoo.tests import tagged

from .tiers_common import TiersCommon


@tagged("post_install", "-at_install")
class TestTiersGroup(TiersCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.holding = cls._account("Holding")
        cls.sub = cls._account("Sub", parent_id=cls.holding.id)
        cls.subsub = cls._account("Sub-Sub", parent_id=cls.sub.id)
        cls.person = cls.env["res.partner"].create(
            {"name": "Sub Buyer", "parent_id": cls.sub.id}
        )
        goods = cls.product_goods
        # 10 + 20 + 25 = 55 Widgets: 55,000 of group revenue, 22,000 margin -> Gold.
        cls._post_move(cls.holding, cls.recent, [(goods, 10, 1000.0)])
        cls._post_move(cls.sub, cls.recent, [(goods, 20, 1000.0)])
        # The person buys for Sub: the sale is Sub's.
        cls._post_move(cls.person, cls.recent, [(goods, 25, 1000.0)])

    def test_group_of_every_level(self):
        for partner in (self.holding, self.sub, self.subsub, self.person):
            self.assertEqual(partner.account_group_id, self.holding)
        self.assertEqual(self.person.commercial_partner_id, self.sub)

    def test_group_total_and_shares(self):
        self._recompute()
        holding, sub, subsub = (
            self._in(p) for p in (self.holding, self.sub, self.subsub)
        )
        for member in (holding, sub, subsub):
            self.assertEqual(member.account_tier_id, self.gold)
            self.assertAlmostEqual(member.account_group_revenue, 55000.0)
            self.assertAlmostEqual(member.account_group_gross_margin, 22000.0)
            self.assertAlmostEqual(member.account_group_margin_percent, 40.0)
        # Own: holding 10,000, sub 20,000 + 25,000 = 45,000, sub-sub 0.
        self.assertAlmostEqual(holding.account_annual_revenue, 10000.0)
        self.assertAlmostEqual(sub.account_annual_revenue, 45000.0)
        self.assertAlmostEqual(subsub.account_annual_revenue, 0.0)
        # Shares: 10,000 / 55,000 = 18.18 %, 45,000 / 55,000 = 81.82 %, 0 %.
        self.assertAlmostEqual(holding.account_group_share, 18.18)
        self.assertAlmostEqual(sub.account_group_share, 81.82)
        self.assertAlmostEqual(subsub.account_group_share, 0.0)
        self.assertEqual(holding.account_group_member_ids, holding | sub | subsub)
        self.assertEqual(subsub.account_group_member_count, 3)

    def test_leaving_the_group(self):
        self.sub.parent_id = False
        # Sub and Sub-Sub form their own group now; Holding is alone.
        self.assertEqual(self.subsub.account_group_id, self.sub)
        self.assertEqual(self.person.account_group_id, self.sub)
        self.assertEqual(self.holding.account_group_id, self.holding)
        self._recompute()
        # Holding alone: 10,000 -> Bronze; Sub group: 45,000 -> Silver.
        self.assertEqual(self._in(self.holding).account_tier_id, self.bronze)
        self.assertEqual(self._in(self.sub).account_tier_id, self.silver)
        self.assertEqual(self._in(self.subsub).account_tier_id, self.silver)
        self.assertEqual(self._in(self.holding).account_group_member_count, 1)
        self.assertFalse(self._in(self.holding).account_group_member_ids)
