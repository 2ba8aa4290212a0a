# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plans and the interaction log: the interaction count, stakeholders' last
interaction, interactions linked to a plan and an objective."""

from datetime import datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .plan_common import PlanCommon


@tagged("post_install", "-at_install")
class TestPlanInteractions(PlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Interaction = cls.env["account_mgmt.interaction"].with_user(
            cls.user_manager
        )
        cls.type_call = cls.env.ref("account_mgmt_addon.interaction_type_call")
        cls.type_note = cls.env.ref("account_mgmt_addon.interaction_type_note")
        cls.subsidiary = cls._account(
            "Acme Europe",
            parent_id=cls.account.id,
            account_manager_id=cls.user_manager.id,
        )
        cls.hans = cls.env["res.partner"].create(
            {"name": "Hans Buyer", "parent_id": cls.subsidiary.id}
        )
        cls.plan = cls._plan(
            objectives=[("interaction_count", 8.0, "Eight calls")],
            stakeholder_ids=[
                (0, 0, {"contact_id": cls.contact.id}),
                (0, 0, {"contact_id": cls.hans.id}),
            ],
        )

    def _log(self, partner, when, itype=None, state="done", contacts=None, **vals):
        return self.Interaction.create(
            {
                "partner_id": partner.id,
                "type_id": (itype or self.type_call).id,
                "date": when,
                "state": state,
                "user_id": self.user_manager.id,
                "contact_ids": [(6, 0, (contacts or partner.browse()).ids)],
                **vals,
            }
        )

    def test_interaction_count(self):
        # counted: a call with Acme (Feb), a call with its subsidiary (June 30)
        self._log(self.account, datetime(2024, 2, 10, 10), contacts=self.contact)
        self._log(self.subsidiary, datetime(2024, 6, 30, 16), contacts=self.hans)
        # not counted: a note (no client contact), a cancelled call, a call
        # after the period, a call of another account
        self._log(self.account, datetime(2024, 3, 1, 10), itype=self.type_note)
        self._log(self.account, datetime(2024, 3, 2, 10), state="cancelled")
        self._log(self.account, datetime(2024, 7, 1, 9), contacts=self.contact)
        self._log(self._account("Other Ltd"), datetime(2024, 3, 3, 10))
        objective = self.plan.objective_ids
        # 2 of 8 = 25 %
        self.assertEqual(objective.actual, 2.0)
        self.assertAlmostEqual(objective.progress, 25.0)
        # The plan's button counts and lists the same two.
        plan = self.plan.with_user(self.user_manager)
        self.assertEqual(plan.interaction_count, 2)
        action = plan.action_open_interactions()
        self.assertEqual(
            self.Interaction.search(action["domain"]).mapped("date"),
            [datetime(2024, 6, 30, 16), datetime(2024, 2, 10, 10)],
        )
        self.assertEqual(plan.linked_interaction_count, 0)
        # The account's button: 5 in the group (Acme 4 of any state, its
        # subsidiary 1), 4 on Acme itself as its tab lists them.
        account = self.account.with_user(self.user_manager)
        self.assertEqual(account.interaction_count, 5)
        self.assertEqual(account.interaction_account_count, 4)
        self.assertEqual(len(account.interaction_ids), 4)
        subsidiary = self.subsidiary.with_user(self.user_manager)
        self.assertEqual(
            (subsidiary.interaction_count, subsidiary.interaction_account_count),
            (1, 1),
        )

    def test_stakeholder_last_interaction(self):
        self._log(self.account, datetime(2024, 2, 10, 10), contacts=self.contact)
        self._log(self.account, datetime(2024, 5, 4, 11), contacts=self.contact)
        # a cancelled call is no interaction
        self._log(
            self.account,
            datetime(2024, 6, 1, 9),
            contacts=self.contact,
            state="cancelled",
        )
        alice, hans = self.plan.stakeholder_ids.sorted(lambda s: s.contact_id.name)
        self.assertEqual(alice.last_interaction_date, datetime(2024, 5, 4, 11))
        self.assertFalse(hans.last_interaction_date)

    def test_interaction_linked_to_plan_and_objective(self):
        objective = self.plan.objective_ids
        call = self._log(
            self.subsidiary,
            datetime(2024, 2, 12, 10),
            plan_id=self.plan.id,
            objective_id=objective.id,
        )
        self.assertEqual(call.plan_id, self.plan)
        self.assertEqual(self.plan.linked_interaction_count, 1)
        action = self.plan.action_open_linked_interactions()
        self.assertEqual(action["domain"], [("plan_id", "=", self.plan.id)])
        # Dated February 2024, a call: also among the client interactions.
        self.assertEqual(self.plan.interaction_count, 1)
        other_plan = self._plan(
            account=self._account("Other Ltd"), objectives=[("manual", 1.0)]
        )
        with self.assertRaisesMessage(ValidationError, "belongs to plan"):
            call.objective_id = other_plan.objective_ids
        with self.assertRaisesMessage(ValidationError, "can't serve it"):
            call.write({"plan_id": other_plan.id, "objective_id": False})
