# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The dry run shows what automatic tiering would change, and changes nothing.

Tiers (tiers_common): Gold >= 50,000 and >= 30 %; Silver >= 20,000; Bronze fallback.
"""

from odoo.tests import Form, tagged

from .tiers_common import TiersCommon


@tagged("post_install", "-at_install")
class TestTiersWizard(TiersCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 60 x 1,000: 60,000, margin 24,000 = 40 % -> Gold.
        cls.big = cls._account("Big Client")
        cls._post_move(cls.big, cls.recent, [(cls.product_goods, 60, 1000.0)])
        # Locked on Silver with 60,000 of sales too: it stays Silver.
        cls.kept = cls._account("Kept Client")
        cls.kept.write(
            {
                "account_tier_id": cls.silver.id,
                "account_tier_locked": True,
                "account_tier_lock_reason": "Contract",
            }
        )
        cls._post_move(cls.kept, cls.recent, [(cls.product_goods, 60, 1000.0)])

    def _preview(self):
        wizard = Form(
            self.env["account_mgmt.tier.recompute"].with_user(self.user_director)
        )
        return wizard.save()

    def test_preview_changes_nothing(self):
        history_before = self.History.search_count([])
        wizard = self._preview()
        line = wizard.line_ids.filtered(lambda l: l.partner_id == self.big)
        self.assertRecordValues(
            line,
            [
                {
                    "old_tier_id": False,
                    "new_tier_id": self.gold.id,
                    "direction": "assigned",
                    "annual_revenue": 60000.0,
                    "gross_margin": 24000.0,
                    "margin_percent": 40.0,
                }
            ],
        )
        self.assertNotIn(self.kept, wizard.line_ids.partner_id)
        self.assertGreaterEqual(wizard.locked_count, 1)
        self.assertEqual(wizard.change_count, len(wizard.line_ids))
        self.assertFalse(self._in(self.big).account_tier_id)
        self.assertEqual(self._in(self.big).account_annual_revenue, 0.0)
        self.assertEqual(self.History.search_count([]), history_before)

    def test_apply(self):
        wizard = self._preview()
        action = wizard.with_user(self.user_director).action_apply()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(self._in(self.big).account_tier_id, self.gold)
        self.assertEqual(self._in(self.kept).account_tier_id, self.silver)
        self.assertAlmostEqual(self._in(self.kept).account_annual_revenue, 60000.0)
        # Nothing left to change.
        self.assertFalse(self._preview().line_ids)
