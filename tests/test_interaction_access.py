# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who reads and writes which interactions, per role and across two companies."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import GROUP_DIRECTOR, GROUP_MANAGER
from .interaction_common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteractionAccess(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Carla is on Globex's account team (Bruno manages it).
        cls.user_team = cls._new_user("am_carla", "Carla Team", GROUP_MANAGER)
        cls.env["account_mgmt.team.member"].sudo().create(
            {"partner_id": cls.globex.id, "user_id": cls.user_team.id}
        )
        cls.on_acme = cls._interaction(cls.acme)  # Anna's account, by Anna
        cls.on_globex = cls._interaction(cls.globex, user=cls.user_manager2)
        # Anna called Globex once herself (before it was Bruno's: set up as
        # superuser, as neither may log it today).
        cls.anna_on_globex = cls._interaction(
            cls.globex, user=cls.env.ref("base.user_root"), user_id=cls.user_manager.id
        )
        # A second company with its own director and interaction.
        cls.company_b = cls.setup_other_company(name="Company B")["company"]
        cls.director_b = cls._new_user(
            "am_dirk", "Dirk Director B", GROUP_DIRECTOR, company=cls.company_b
        )
        cls.account_b = cls._account("Bravo Ltd", company_id=cls.company_b.id)
        cls.on_b = (
            cls.env["account_mgmt.interaction"]
            .with_user(cls.director_b)
            .create(
                {
                    "partner_id": cls.account_b.id,
                    "type_id": cls.type_call.id,
                    "company_id": cls.company_b.id,
                }
            )
        )
        cls.all_a = cls.on_acme | cls.on_globex | cls.anna_on_globex

    def _visible(self, user):
        return self.env["account_mgmt.interaction"].with_user(user).search([])

    def test_account_manager(self):
        # Anna: her account's interaction and the one she did on Globex.
        self.assertEqual(
            self._visible(self.user_manager), self.on_acme | self.anna_on_globex
        )
        self.on_acme.with_user(self.user_manager).write({"outcome": "ok"})
        with self.assertRaises(AccessError):
            self.on_globex.with_user(self.user_manager).read(["subject"])
        with self.assertRaises(AccessError):
            self.on_globex.with_user(self.user_manager).write({"outcome": "no"})
        with self.assertRaises(AccessError):
            self.on_globex.with_user(self.user_manager).unlink()
        # Logging on Globex is refused, for Bruno and for herself: it would move
        # the last contact, cadence and health of an account that isn't hers.
        Interaction = self.env["account_mgmt.interaction"].with_user(self.user_manager)
        vals = {"partner_id": self.globex.id, "type_id": self.type_call.id}
        with self.assertRaises(AccessError):
            Interaction.create(dict(vals, user_id=self.user_manager2.id))
        with self.assertRaisesRegex(AccessError, "You can't work on account Globex"):
            Interaction.create(vals)
        # Carla, on Globex's team, logs on Globex as herself, not as Bruno.
        with self.assertRaisesRegex(AccessError, "only as yourself"):
            Interaction.with_user(self.user_team).create(
                dict(vals, user_id=self.user_manager2.id)
            )
        anna_again = Interaction.with_user(self.user_team).create(vals)
        # Carla, on Globex's team, reads and writes all of Globex's.
        self.assertEqual(
            self._visible(self.user_team),
            self.on_globex | self.anna_on_globex | anna_again,
        )
        self.on_globex.with_user(self.user_team).write({"outcome": "team note"})
        # Types are configuration: read for all, changed by directors only.
        with self.assertRaises(AccessError):
            self.type_call.with_user(self.user_manager).write({"default_duration": 1})
        self.type_call.with_user(self.user_director).write({"default_duration": 0.5})

    def test_director_sees_own_companies_only(self):
        self.assertEqual(self._visible(self.user_director), self.all_a)
        self.on_globex.with_user(self.user_director).write({"outcome": "reviewed"})
        with self.assertRaises(AccessError):
            self.on_b.with_user(self.user_director).read(["subject"])
        self.assertEqual(self._visible(self.director_b), self.on_b)
        # A director of both companies sees only the companies they work in now.
        self.director_b.company_ids = [Command.link(self.company.id)]
        both = self.env["account_mgmt.interaction"].with_user(self.director_b)
        self.assertEqual(
            both.with_context(allowed_company_ids=self.company_b.ids).search([]),
            self.on_b,
        )
        self.assertEqual(
            both.with_context(
                allowed_company_ids=(self.company_b | self.company).ids
            ).search([]),
            self.all_a | self.on_b,
        )

    def test_other_internal_users(self):
        # No account management role, no sales role: no access at all.
        with self.assertRaises(AccessError):
            self._visible(self.user_plain)
        with self.assertRaises(AccessError):
            self._visible(self.user_finance)
        # A sales user reads nothing of others by default...
        self.assertFalse(self._visible(self.user_sales))
        # ... and every interaction of the company once it shares them, read-only.
        self.company.account_mgmt_interactions_visible_all = True
        self.assertEqual(self._visible(self.user_sales), self.all_a)
        with self.assertRaises(AccessError):
            self.on_acme.with_user(self.user_sales).write({"outcome": "no"})
        with self.assertRaises(AccessError):
            self.env["account_mgmt.interaction"].with_user(self.user_sales).create(
                {"partner_id": self.acme.id, "type_id": self.type_call.id}
            )
        # Company B does not share: its interaction stays hidden from a sales
        # user of both companies.
        self.user_sales.company_ids = [Command.link(self.company_b.id)]
        self.assertEqual(
            self.env["account_mgmt.interaction"]
            .with_user(self.user_sales)
            .with_context(allowed_company_ids=(self.company | self.company_b).ids)
            .search([]),
            self.all_a,
        )
        # Switching the setting off hides them again at once (no stale cache).
        self.company.account_mgmt_interactions_visible_all = False
        self.assertFalse(self._visible(self.user_sales))

    def test_buttons_check_rights(self):
        with self.assertRaises(AccessError):
            self.acme.with_user(self.user_plain).action_log_interaction()
        action = self.acme_contact.with_user(self.user_manager).action_log_interaction()
        self.assertEqual(
            action["context"],
            {
                "default_partner_id": self.acme.id,
                "default_contact_ids": self.acme_contact.ids,
            },
        )
        self.assertEqual(action["target"], "new")
