# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may configure tiers, lock them, assign account managers and edit accounts.

Anna and Bruno are account managers, Dora is a director, Fred is finance and Paul a
plain internal user (tests/common.py).
"""

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .tiers_common import TiersCommon


@tagged("post_install", "-at_install")
class TestTiersAccess(TiersCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.anna_account = cls._account(
            "Anna's Client", account_manager_id=cls.user_manager.id, customer_rank=1
        )
        cls.bruno_account = cls._account(
            "Bruno's Client", account_manager_id=cls.user_manager2.id
        )
        cls.bruno_contact = cls.env["res.partner"].create(
            {"name": "Bruno's Contact", "parent_id": cls.bruno_account.id}
        )
        cls.unassigned = cls._account("Nobody's Client")

    # Tiers --------------------------------------------------------------
    def test_only_directors_configure_tiers(self):
        Tier = self.env["account_mgmt.tier"]
        for user in (self.user_manager, self.user_finance, self.user_plain):
            self.assertEqual(self.gold.with_user(user).name, "Gold")  # read
            with self.assertRaises(AccessError):
                Tier.with_user(user).create({"name": "Mine", "code": "MINE"})
            with self.assertRaises(AccessError):
                self.gold.with_user(user).min_annual_revenue = 1
            with self.assertRaises(AccessError):
                self.bronze.with_user(user).unlink()
        tier = Tier.with_user(self.user_director).create(
            {"name": "Director's", "code": "DIR", "company_id": self.company.id}
        )
        tier.min_annual_revenue = 75000
        self.assertEqual(tier.min_annual_revenue, 75000)
        tier.unlink()

    # Tier, lock and manager of an account -----------------------------
    def test_manager_cant_set_tier_lock_or_manager_of_own_account(self):
        account = self.anna_account.with_user(self.user_manager)
        forbidden = [
            {"account_tier_id": self.gold.id},
            {"account_tier_locked": True, "account_tier_lock_reason": "Mine"},
            {"account_manager_id": self.user_manager2.id},
        ]
        for vals in forbidden:
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                account.write(vals)
        # Writing the value a field already has is no change.
        account.write({"account_manager_id": self.user_manager.id, "phone": "+1 555"})
        self.assertEqual(self.anna_account.phone, "+1 555")

    def test_director_sets_tier_lock_and_manager(self):
        account = self.bruno_account.with_user(self.user_director)
        account.write(
            {
                "account_tier_id": self.gold.id,
                "account_tier_locked": True,
                "account_tier_lock_reason": "Signed a framework agreement",
                "account_manager_id": self.user_manager.id,
            }
        )
        account = self._in(self.bruno_account)
        self.assertEqual(account.account_tier_id, self.gold)
        self.assertTrue(account.account_tier_locked)
        self.assertEqual(account.account_manager_id, self.user_manager)
        # ... which its contacts show.
        contact = self._in(self.bruno_contact)
        self.assertEqual(contact.account_tier_id, self.gold)
        self.assertEqual(contact.account_manager_id, self.user_manager)
        account.with_user(self.user_director).account_tier_locked = False
        self.assertFalse(self._in(self.bruno_account).account_tier_locked)

    def test_manager_creates_accounts_for_themselves_only(self):
        Partner = self.env["res.partner"].with_user(self.user_manager)
        mine = Partner.create(
            {
                "name": "New Client",
                "is_company": True,
                "account_manager_id": self.user_manager.id,
            }
        )
        self.assertEqual(mine.account_manager_id, self.user_manager)
        with self.assertRaises(AccessError):
            Partner.create(
                {
                    "name": "For Bruno",
                    "is_company": True,
                    "account_manager_id": self.user_manager2.id,
                }
            )
        with self.assertRaises(AccessError):
            Partner.create(
                {
                    "name": "Gold Now",
                    "is_company": True,
                    "account_tier_id": self.gold.id,
                }
            )
        # A duplicated account starts without tier nor manager.
        copy = mine.copy()
        self.assertFalse(copy.account_manager_id)

    def test_ui_follows_the_rights(self):
        self.assertTrue(
            self.anna_account.with_user(self.user_director).account_mgmt_can_manage
        )
        anna = self.anna_account.with_user(self.user_manager)
        self.assertFalse(anna.account_mgmt_can_manage)
        self.assertTrue(anna.account_mgmt_can_edit_team)
        bruno = self.bruno_account.with_user(self.user_manager)
        self.assertFalse(bruno.account_mgmt_can_edit_team)

    def test_form_shows_margins_to_whoever_may_read_them(self):
        """The account form's margins (the account's and its group's, with their
        labels and % signs) follow the profitability group: finance, directors,
        and account managers when the setting gives them the group; revenue is
        on the form for every account manager."""

        def form_nodes(user):
            arch = (
                self.env["res.partner"]
                .with_user(user)
                .get_views([(False, "form")])["views"]["form"]["arch"]
            )
            form = etree.fromstring(arch)
            return {
                "revenue": len(form.xpath("//field[@name='account_annual_revenue']")),
                "margin": len(form.xpath("//field[@name='account_gross_margin']")),
                "margin_percent": len(
                    form.xpath("//div[@name='account_margin_percent']")
                ),
                "group_margin_percent": len(
                    form.xpath("//div[@name='account_group_margin_percent']")
                ),
            }

        hidden = {"margin": 0, "margin_percent": 0, "group_margin_percent": 0}
        shown = {"margin": 2, "margin_percent": 1, "group_margin_percent": 1}
        # the account's, and the group members' column
        self.assertEqual(form_nodes(self.user_manager), {"revenue": 2, **hidden})
        self.assertEqual(form_nodes(self.user_director), {"revenue": 2, **shown})
        self.assertEqual(form_nodes(self.user_finance), {"revenue": 2, **shown})
        self.user_manager.groups_id |= self.env.ref(
            "account_mgmt_addon.group_account_mgmt_profitability"
        )
        self.assertEqual(form_nodes(self.user_manager), {"revenue": 2, **shown})

    # Someone else's account -------------------------------------------
    def test_manager_cant_change_another_managers_account(self):
        for record in (self.bruno_account, self.bruno_contact):
            with self.assertRaises(AccessError):
                record.with_user(self.user_manager).write({"phone": "+1 555 0100"})
            with self.assertRaises(AccessError):
                record.with_user(self.user_manager).unlink()
        # Bruno and the director may; so may Anna on her own and unassigned ones.
        self.bruno_account.with_user(self.user_manager2).phone = "+1 555 0101"
        self.bruno_contact.with_user(self.user_director).phone = "+1 555 0102"
        self.anna_account.with_user(self.user_manager).phone = "+1 555 0103"
        self.unassigned.with_user(self.user_manager).phone = "+1 555 0104"
        self.assertEqual(self.bruno_contact.phone, "+1 555 0102")
        self.assertEqual(self.unassigned.phone, "+1 555 0104")
        # Anna reads Bruno's account all the same.
        self.assertEqual(
            self.bruno_account.with_user(self.user_manager).name, "Bruno's Client"
        )

    def test_team_member_may_change_the_account(self):
        self.env["account_mgmt.team.member"].sudo().create(
            {
                "partner_id": self.bruno_account.id,
                "user_id": self.user_manager.id,
                "role": "regional",
            }
        )
        self.bruno_account.with_user(self.user_manager).phone = "+33 1 00"
        self.assertEqual(self.bruno_account.phone, "+33 1 00")

    # Account team -----------------------------------------------------
    def test_account_manager_edits_the_team_of_own_accounts(self):
        form = Form(self.anna_account.with_user(self.user_manager))
        with form.account_team_member_ids.new() as line:
            line.user_id = self.user_finance
            line.role = "finance"
        form.save()
        member = self.anna_account.account_team_member_ids
        self.assertEqual(member.user_id, self.user_finance)
        member.with_user(self.user_manager).role = "support"
        member.with_user(self.user_manager).unlink()
        self.assertFalse(self.anna_account.account_team_member_ids)

    def test_others_cant_edit_the_team(self):
        Member = self.env["account_mgmt.team.member"]
        member = Member.sudo().create(
            {"partner_id": self.bruno_account.id, "user_id": self.user_manager.id}
        )
        # Anna is on Bruno's team, yet the team is Bruno's to manage.
        for user in (self.user_manager, self.user_finance, self.user_plain):
            with self.assertRaises(AccessError):
                Member.with_user(user).create(
                    {
                        "partner_id": self.bruno_account.id,
                        "user_id": self.user_director.id,
                    }
                )
            with self.assertRaises(AccessError):
                member.with_user(user).role = "sponsor"
            with self.assertRaises(AccessError):
                member.with_user(user).unlink()
            self.assertEqual(member.with_user(user).user_id, self.user_manager)
        Member.with_user(self.user_director).create(
            {"partner_id": self.bruno_account.id, "user_id": self.user_finance.id}
        )
        self.bruno_account.with_user(self.user_manager2).write(
            {"account_team_member_ids": [Command.clear()]}
        )
        self.assertFalse(self.bruno_account.account_team_member_ids)

    # Recompute and history --------------------------------------------
    def test_only_directors_recompute(self):
        Partner = self.env["res.partner"]
        for user in (self.user_manager, self.user_finance, self.user_plain):
            with self.assertRaises(AccessError):
                Partner.with_user(user).action_account_mgmt_recompute_tiers()
            with self.assertRaises(AccessError):
                Partner.with_user(user).action_account_mgmt_preview_tiers()
            with self.assertRaises(AccessError):
                self.env["account_mgmt.tier.recompute"].with_user(user).create({})
        action = Partner.with_user(
            self.user_director
        ).action_account_mgmt_recompute_tiers()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(self._in(self.anna_account).account_tier_id, self.bronze)

    def test_history_readers(self):
        self._recompute()
        domain = [("partner_id", "=", self.anna_account.id)]
        History = self.env["account_mgmt.tier.history"]
        for user in (self.user_manager, self.user_director, self.user_finance):
            self.assertEqual(History.with_user(user).search_count(domain), 1)
        with self.assertRaises(AccessError):
            History.with_user(self.user_plain).search_count(domain)
        with self.assertRaises(AccessError):
            History.with_user(self.user_director).create(
                {"partner_id": self.anna_account.id, "new_tier_id": self.gold.id}
            )
