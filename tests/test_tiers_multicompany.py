# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Each company tiers its own customers with its own tiers, on its own ledger.

Company 1 (tiers_common): Gold >= 50,000 and >= 30 %; Silver >= 20,000; Bronze.
Company 2: Platinum >= 5,000; Basic fallback.
"""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .tiers_common import TiersCommon


@tagged("post_install", "-at_install")
class TestTiersMultiCompany(TiersCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company2 = cls.setup_other_company(name="Second Co")["company"]
        Tier = cls.env["account_mgmt.tier"].sudo()
        cls.platinum, cls.basic = Tier.create(
            [
                {
                    "name": "Platinum",
                    "code": "C2-PLAT",
                    "company_id": cls.company2.id,
                    "min_annual_revenue": 5000,
                },
                {"name": "Basic", "code": "C2-BASIC", "company_id": cls.company2.id},
            ]
        )
        # A client shared by both companies (no company on the partner).
        cls.shared = cls._account("Shared Client")
        # Company 1: 30 x 1,000 = 30,000 -> Silver.
        cls._post_move(cls.shared, cls.recent, [(cls.product_goods, 30, 1000.0)])
        # Company 2: 6 x 1,000 = 6,000 -> Platinum; no cost in company 2 for the
        # product (its cost is per company), so the margin is the revenue.
        cls._post_move(
            cls.shared,
            cls.recent,
            [(cls.product_goods, 6, 1000.0)],
            company=cls.company2,
        )
        # A client of company 2 only.
        cls.own2 = cls._account("Second's Own", company_id=cls.company2.id)
        cls._post_move(
            cls.own2, cls.recent, [(cls.product_goods, 1, 1000.0)], company=cls.company2
        )
        cls.director2 = cls._new_user(
            "am_dan2",
            "Dan Director Two",
            "account_mgmt_addon.group_account_director",
            company=cls.company2,
        )

    def test_each_company_tiers_on_its_own_figures(self):
        self._recompute()
        shared1 = self._in(self.shared)
        self.assertEqual(shared1.account_tier_id, self.silver)
        self.assertAlmostEqual(shared1.account_annual_revenue, 30000.0)
        self.assertAlmostEqual(shared1.account_gross_margin, 12000.0)
        # Company 2 hasn't run yet: nothing there.
        shared2 = self._in(self.shared, self.company2)
        self.assertFalse(shared2.account_tier_id)
        self.assertEqual(shared2.account_annual_revenue, 0.0)
        # Company 1 never tiers company 2's own clients.
        self.assertFalse(self._in(self.own2.sudo()).account_tier_id)

        self._recompute(self.company2)
        shared2 = self._in(self.shared, self.company2)
        self.assertEqual(shared2.account_tier_id, self.platinum)
        self.assertAlmostEqual(shared2.account_annual_revenue, 6000.0)
        self.assertEqual(
            self._in(self.own2.sudo(), self.company2).account_tier_id, self.basic
        )
        # Company 1's values are untouched by company 2's run.
        shared1 = self._in(self.shared)
        self.assertEqual(shared1.account_tier_id, self.silver)
        self.assertAlmostEqual(shared1.account_annual_revenue, 30000.0)

    def test_cron_runs_every_company(self):
        self.env["res.partner"]._cron_account_mgmt_recompute_tiers()
        self.assertEqual(self._in(self.shared).account_tier_id, self.silver)
        self.assertEqual(
            self._in(self.shared, self.company2).account_tier_id, self.platinum
        )

    def test_tiers_and_history_stay_in_their_company(self):
        self._recompute()
        self._recompute(self.company2)
        Tier = self.env["account_mgmt.tier"]
        self.assertEqual(
            Tier.with_user(self.user_director).search([]),
            self.gold | self.silver | self.bronze,
        )
        self.assertEqual(
            Tier.with_user(self.director2).search([]), self.platinum | self.basic
        )
        with self.assertRaises(AccessError):
            self.platinum.with_user(self.user_director).name  # noqa: B018
        History = self.env["account_mgmt.tier.history"]
        domain = [("partner_id", "=", self.shared.id)]
        self.assertEqual(
            History.with_user(self.user_director).search(domain).new_tier_id,
            self.silver,
        )
        self.assertEqual(
            History.with_user(self.director2).search(domain).new_tier_id,
            self.platinum,
        )
        # The tier count of a tier is the current company's.
        self.assertEqual(self.platinum.with_company(self.company2).partner_count, 1)
        self.assertEqual(self.silver.partner_count, 1)
