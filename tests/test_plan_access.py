# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may read and change account plans, across two companies."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import GROUP_DIRECTOR, GROUP_MANAGER
from .plan_common import PlanCommon

PLAN_MODELS = (
    "account_mgmt.plan",
    "account_mgmt.plan.objective",
    "account_mgmt.plan.stakeholder",
    "account_mgmt.plan.action",
)


@tagged("post_install", "-at_install")
class TestPlanAccess(PlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_team = cls._new_user("am_tina", "Tina Team", GROUP_MANAGER)
        cls.env["account_mgmt.team.member"].with_user(cls.user_director).create(
            {"partner_id": cls.account.id, "user_id": cls.user_team.id}
        )
        cls.plan = cls._plan(
            objectives=[("manual", 1.0, "Visit")],
            stakeholder_ids=[Command.create({"contact_id": cls.contact.id})],
        )
        cls.plan.env["account_mgmt.plan.action"].create(
            {"objective_id": cls.plan.objective_ids.id, "name": "Call"}
        )
        # A second company with its own director and its own plan.
        cls.company_b = cls.setup_other_company(name="Company B")["company"]
        cls.director_b = cls._new_user(
            "am_dirk", "Dirk Director B", GROUP_DIRECTOR, company=cls.company_b
        )
        cls.plan_b = (
            cls.env["account_mgmt.plan"]
            .with_user(cls.director_b)
            .with_company(cls.company_b)
            .create(
                {
                    "name": "Acme for B",
                    "partner_id": cls.account.id,
                    "company_id": cls.company_b.id,
                    "user_id": cls.director_b.id,
                }
            )
        )

    def _records(self, user, plan=None):
        plan = (plan or self.plan).sudo()
        return {
            "account_mgmt.plan": plan.with_user(user),
            "account_mgmt.plan.objective": plan.objective_ids.with_user(user),
            "account_mgmt.plan.stakeholder": plan.stakeholder_ids.with_user(user),
            "account_mgmt.plan.action": plan.action_ids.with_user(user),
        }

    def test_owner_and_account_team_work_on_the_plan(self):
        for user in (self.user_manager, self.user_team, self.user_director):
            records = self._records(user)
            for model in PLAN_MODELS:
                records[model].check_access("read")
                records[model].check_access("write")
            self.assertEqual(records["account_mgmt.plan"].name, "Acme Group H1 2024")
        plans = self.env["account_mgmt.plan"].with_user(self.user_team).search([])
        self.assertEqual(plans, self.plan)

    def test_plan_team_member_sees_the_plan(self):
        # Bruno is not on the account team, only on this plan's team.
        self.assertFalse(
            self.env["account_mgmt.plan"].with_user(self.user_manager2).search([])
        )
        self.plan.team_user_ids |= self.user_manager2
        self.plan.with_user(self.user_manager2).check_access("write")

    def test_others_are_refused(self):
        # Bruno manages other accounts; Fred is finance, Paul an internal user.
        for user in (self.user_manager2, self.user_finance, self.user_plain):
            records = self._records(user)
            for model in PLAN_MODELS:
                with self.assertRaises(AccessError, msg=f"{user.login} reads {model}"):
                    records[model].check_access("read")
                with self.assertRaises(AccessError, msg=f"{user.login} writes {model}"):
                    records[model].write(
                        {"sequence": 3} if model != PLAN_MODELS[0] else {"name": "x"}
                    )
        with self.assertRaises(AccessError):
            self.env["account_mgmt.plan"].with_user(self.user_plain).create(
                {"name": "No", "partner_id": self.account.id}
            )
        # Bruno can't create a plan his rules would not let him read.
        with self.assertRaises(AccessError):
            self.env["account_mgmt.plan"].with_user(self.user_manager2).create(
                {
                    "name": "No",
                    "partner_id": self.account.id,
                    "user_id": self.user_manager.id,
                }
            )

    def test_companies_are_separated(self):
        # Dora (company A) doesn't see company B's plan, nor Dirk company A's.
        records_b = self._records(self.user_director, self.plan_b)
        with self.assertRaises(AccessError):
            records_b["account_mgmt.plan"].check_access("read")
        with self.assertRaises(AccessError):
            self.plan.with_user(self.director_b).check_access("read")
        self.assertEqual(
            self.env["account_mgmt.plan"].with_user(self.user_director).search([]),
            self.plan,
        )
        self.assertEqual(
            self.env["account_mgmt.plan"]
            .with_user(self.director_b)
            .with_company(self.company_b)
            .search([]),
            self.plan_b,
        )

    def test_only_directors_approve(self):
        self.plan.action_submit()
        for user in (self.user_manager, self.user_team):
            with self.assertRaises(AccessError):
                self.plan.with_user(user).action_approve()
        # A director of another company can't approve it either: no access.
        with self.assertRaises(AccessError):
            self.plan.with_user(self.director_b).action_approve()
        self.plan.with_user(self.user_director).action_approve()
        self.assertEqual(self.plan.state, "approved")

    def test_unlink(self):
        # Owners delete their drafts; the team member can't delete an approved plan.
        self._approve(self.plan)
        with self.assertRaisesMessage(UserError, "only draft or cancelled plans"):
            self.plan.with_user(self.user_team).unlink()
        draft = self._plan(name="Scratch")
        draft.unlink()
        self.assertFalse(draft.exists())
