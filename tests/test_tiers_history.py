# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every tier change, automatic or by hand, leaves a history row with its figures.

Tiers (tiers_common): Gold >= 50,000 and >= 30 %; Silver >= 20,000; Bronze fallback.
Widget: price 1,000, cost 600.
"""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .tiers_common import TiersCommon


@tagged("post_install", "-at_install")
class TestTiersHistory(TiersCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 25 x 1,000 = 25,000; cost 15,000; margin 10,000 = 40 % -> Silver.
        cls.account = cls._account("History Client")
        cls._post_move(cls.account, cls.recent, [(cls.product_goods, 25, 1000.0)])
        cls._recompute()

    def test_first_tier_is_recorded_with_its_figures(self):
        change = self._history(self.account)
        self.assertEqual(len(change), 1)
        self.assertRecordValues(
            change,
            [
                {
                    "old_tier_id": False,
                    "new_tier_id": self.silver.id,
                    "direction": "assigned",
                    "trigger": "auto",
                    "annual_revenue": 25000.0,
                    "gross_margin": 10000.0,
                    "margin_percent": 40.0,
                    "is_group_figures": False,
                    "company_id": self.company.id,
                }
            ],
        )
        self.assertIn("Silver", change.reason)

    def test_upgrade_then_downgrade(self):
        # +35 x 1,000: 60,000, cost 36,000, margin 24,000 = 40 % -> Gold (upgrade).
        self._post_move(self.account, self.recent, [(self.product_goods, 35, 1000.0)])
        self._recompute()
        # Credit note of 45 x 1,000: 15,000, cost 9,000, margin 6,000 -> Bronze.
        self._post_move(
            self.account, self.recent, [(self.product_goods, 45, 1000.0)], "out_refund"
        )
        self._recompute()
        history = self._history(self.account)
        self.assertRecordValues(
            history,
            [
                {
                    "old_tier_id": False,
                    "new_tier_id": self.silver.id,
                    "direction": "assigned",
                    "annual_revenue": 25000.0,
                    "gross_margin": 10000.0,
                    "margin_percent": 40.0,
                },
                {
                    "old_tier_id": self.silver.id,
                    "new_tier_id": self.gold.id,
                    "direction": "upgrade",
                    "annual_revenue": 60000.0,
                    "gross_margin": 24000.0,
                    "margin_percent": 40.0,
                },
                {
                    "old_tier_id": self.gold.id,
                    "new_tier_id": self.bronze.id,
                    "direction": "downgrade",
                    "annual_revenue": 15000.0,
                    "gross_margin": 6000.0,
                    "margin_percent": 40.0,
                },
            ],
        )
        # Reports count up- and downgrades per period.
        counts = dict(
            self.History._read_group(
                [("partner_id", "=", self.account.id)], ["direction"], ["__count"]
            )
        )
        self.assertEqual(counts, {"assigned": 1, "upgrade": 1, "downgrade": 1})

    def test_no_change_no_row(self):
        self._recompute()
        self._recompute()
        self.assertEqual(len(self._history(self.account)), 1)

    def test_chatter_note_on_automatic_change(self):
        message = self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", self.account.id)],
            order="id desc",
            limit=1,
        )
        self.assertIn("Silver", message.body)
        # Every internal user reads the chatter: no figures there (issue 14);
        # they are in the tier history, for finance and directors.
        self.assertNotIn("25,000.00", message.body)
        self.assertIn("25,000.00", self._history(self.account)[-1].reason)

    def test_manual_change_is_recorded(self):
        self.account.with_user(self.user_director).write(
            {
                "account_tier_locked": True,
                "account_tier_lock_reason": "Board decision",
                "account_tier_id": self.gold.id,
            }
        )
        change = self._history(self.account)[-1]
        self.assertRecordValues(
            change,
            [
                {
                    "old_tier_id": self.silver.id,
                    "new_tier_id": self.gold.id,
                    "direction": "upgrade",
                    "trigger": "manual",
                    "user_id": self.user_director.id,
                    "reason": "Board decision",
                    # the figures of the last recompute
                    "annual_revenue": 25000.0,
                    "gross_margin": 10000.0,
                }
            ],
        )
        # Unlocking hands the account back to automatic tiering: back to Silver.
        self.account.with_user(self.user_director).account_tier_locked = False
        self._recompute()
        self.assertEqual(self._history(self.account)[-1].direction, "downgrade")
        self.assertEqual(self._in(self.account).account_tier_id, self.silver)

    def test_history_rows_are_read_only(self):
        change = self._history(self.account)
        # Anna doesn't manage History Client: its history isn't hers to read.
        with self.assertRaises(AccessError):
            change.with_user(self.user_manager).read(["new_tier_id"])
        self.account.account_manager_id = self.user_manager
        self.assertEqual(
            change.with_user(self.user_manager).new_tier_id, change.new_tier_id
        )
        # ... and the reason quotes the figures: finance and directors only.
        with self.assertRaises(AccessError):
            change.with_user(self.user_manager).read(["reason"])
        for user in (self.user_director, self.user_manager, self.user_finance):
            if user != self.user_manager:
                self.assertEqual(change.with_user(user).reason, change.reason)
            with self.assertRaises(AccessError):
                change.with_user(user).write({"reason": "rewritten"})
            with self.assertRaises(AccessError):
                change.with_user(user).unlink()

    def test_tier_given_at_creation_is_recorded(self):
        account = (
            self.env["res.partner"]
            .with_user(self.user_director)
            .create(
                {
                    "name": "Born Gold",
                    "is_company": True,
                    "account_tier_id": self.gold.id,
                    "account_tier_locked": True,
                    "account_tier_lock_reason": "Group-wide framework agreement",
                }
            )
        )
        self.assertRecordValues(
            self._history(account),
            [
                {
                    "old_tier_id": False,
                    "new_tier_id": self.gold.id,
                    "direction": "assigned",
                    "trigger": "manual",
                    "reason": "Group-wide framework agreement",
                }
            ],
        )
