# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tier configuration: bad input is refused in the user's words."""

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .tiers_common import TiersCommon


@tagged("post_install", "-at_install")
class TestTiersConfig(TiersCommon):
    def _tier(self, **vals):
        return (
            self.env["account_mgmt.tier"]
            .with_user(self.user_director)
            .create(
                {"name": "New", "code": "NEW", "company_id": self.company.id, **vals}
            )
        )

    def test_thresholds_and_service_levels(self):
        bad_values = [
            ({"min_annual_revenue": -1}, "can't be negative"),
            ({"min_gross_margin": -0.01}, "can't be negative"),
            ({"min_margin_percent": 100.5}, "between 0 and 100"),
            ({"min_margin_percent": -5}, "between 0 and 100"),
            ({"contact_cadence_days": 0}, "at least one day"),
            ({"review_interval_days": -3}, "at least one day"),
        ]
        for index, (vals, message) in enumerate(bad_values):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
            ):
                self._tier(code=f"BAD{index}", **vals)
        tier = self._tier(min_margin_percent=100, contact_cadence_days=1)
        self.assertFalse(tier.is_fallback)
        self.assertTrue(self.bronze.is_fallback)

    def test_codes_are_unique_per_company(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._tier(code="T-GOLD")
        # A shared tier's code is taken in every company, and the other way round.
        with self.assertRaisesRegex(ValidationError, "already uses the code T-SILV"):
            self._tier(code="T-SILV", company_id=False)
        shared = self._tier(code="SHARED", company_id=False)
        with self.assertRaisesRegex(ValidationError, "already uses the code SHARED"):
            self._tier(code="SHARED")
        # Archived tiers keep their code.
        shared.active = False
        with self.assertRaisesRegex(ValidationError, "already uses the code SHARED"):
            self._tier(code="SHARED", company_id=False)
        # Another company may reuse a code.
        other = self.setup_other_company(name="Other Co")["company"]
        other_gold = (
            self.env["account_mgmt.tier"]
            .sudo()
            .create({"name": "Gold", "code": "T-GOLD", "company_id": other.id})
        )
        self.assertEqual(other_gold.code, "T-GOLD")

    def test_tier_in_use_cant_be_deleted(self):
        first, second = self._account("Used One"), self._account("Used Two")
        (first | second).write({"account_tier_id": self.gold.id})
        with self.assertRaisesRegex(UserError, "used by 2 accounts: archive it"):
            self.gold.with_user(self.user_director).unlink()
        # Contacts carry the tier of their account but don't count twice.
        self.env["res.partner"].create({"name": "Contact", "parent_id": first.id})
        with self.assertRaisesRegex(UserError, "used by 2 accounts"):
            self.gold.with_user(self.user_director).unlink()
        self.gold.with_user(self.user_director).action_archive()
        self.assertFalse(self.gold.active)
        self.assertEqual(self.gold.with_context(active_test=False).partner_count, 2)
        # A tier nobody uses goes.
        unused = self._tier(code="UNUSED")
        unused.with_user(self.user_director).unlink()
        self.assertFalse(unused.exists())

    def test_tier_in_history_cant_be_deleted(self):
        account = self._account("Once Silver")
        account.write({"account_tier_id": self.silver.id})
        account.write({"account_tier_id": False})
        with self.assertRaisesRegex(UserError, "appear in the tier history"):
            self.silver.with_user(self.user_director).unlink()

    def test_lock_needs_a_reason(self):
        account = self._account("Locked Without Reason")
        with self.assertRaisesRegex(ValidationError, "lock reason is required"):
            account.write({"account_tier_locked": True})
        with self.assertRaisesRegex(ValidationError, "lock reason is required"):
            account.write(
                {"account_tier_locked": True, "account_tier_lock_reason": " "}
            )
        account.write({"account_tier_locked": True, "account_tier_lock_reason": "Why"})
        self.assertTrue(self._in(account).account_tier_locked)

    def test_tier_of_another_company_is_refused(self):
        other = self.setup_other_company(name="Other Co")["company"]
        foreign_tier = (
            self.env["account_mgmt.tier"]
            .sudo()
            .create({"name": "Other", "code": "O-T", "company_id": other.id})
        )
        account = self._account("Mixed")
        with self.assertRaisesRegex(UserError, "belongs to another company"):
            account.write({"account_tier_id": foreign_tier.id})

    def test_user_once_per_team(self):
        account = self._account("Team Account")
        Member = self.env["account_mgmt.team.member"].sudo()
        Member.create({"partner_id": account.id, "user_id": self.user_manager.id})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            Member.create({"partner_id": account.id, "user_id": self.user_manager.id})
            self.env.flush_all()

    def test_team_is_on_the_account_not_a_contact(self):
        account = self._account("Team Account")
        contact = self.env["res.partner"].create(
            {"name": "Team Contact", "parent_id": account.id}
        )
        with self.assertRaisesRegex(ValidationError, "belongs to Team Account"):
            self.env["account_mgmt.team.member"].sudo().create(
                {"partner_id": contact.id, "user_id": self.user_manager.id}
            )

    def test_team_members_are_internal_users(self):
        account = self._account("Team Account")
        portal = new_test_user(
            self.env, login="am_port", name="Portal Pete", groups="base.group_portal"
        )
        with self.assertRaisesRegex(ValidationError, "Portal Pete is a portal user"):
            self.env["account_mgmt.team.member"].sudo().create(
                {"partner_id": account.id, "user_id": portal.id}
            )
