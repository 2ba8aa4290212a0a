# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plan workflow: submit, approve or send back, close, cancel; locks and rules."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .plan_common import PlanCommon


@tagged("post_install", "-at_install")
class TestPlanWorkflow(PlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Bruno is on Acme's account team: he may work on its plans, not submit them.
        cls.env["account_mgmt.team.member"].with_user(cls.user_director).create(
            {"partner_id": cls.account.id, "user_id": cls.user_manager2.id}
        )
        cls._post_move(cls.account, "2024-03-15", [(cls.product_goods, 10, 1000.0)])
        cls._post_move(
            cls.account,
            "2024-04-10",
            [(cls.product_goods, 1, 1500.0)],
            move_type="out_refund",
        )
        cls.plan = cls._plan(
            revenue_target=20000.0,
            objectives=[("revenue", 20000.0, "Revenue 20k"), ("manual", 2.0, "Visits")],
        )

    def test_owner_defaults(self):
        # The owner is the account manager, the team the account team.
        plan = self._plan(user=self.user_director)
        self.assertEqual(plan.user_id, self.user_manager)
        self.assertEqual(plan.team_user_ids, self.user_manager2)
        self.assertEqual(plan.state, "draft")

    def test_full_cycle(self):
        plan = self.plan
        with self.assertRaisesMessage(AccessError, "Only the owner of plan"):
            plan.with_user(self.user_manager2).action_submit()
        plan.with_user(self.user_manager).action_submit()
        self.assertEqual(plan.state, "submitted")
        with self.assertRaisesMessage(UserError, "is Submitted: it can't be submitted"):
            plan.with_user(self.user_manager).action_submit()
        with self.assertRaisesMessage(
            AccessError, "Only an account director can approve"
        ):
            plan.with_user(self.user_manager).action_approve()
        plan.with_user(self.user_director).action_approve()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.approved_by_id, self.user_director)
        self.assertTrue(plan.approved_date)
        with self.assertRaisesMessage(UserError, "is Approved: it can't be approved"):
            plan.with_user(self.user_director).action_approve()
        plan.with_user(self.user_manager).action_close()
        self.assertEqual(plan.state, "closed")
        with self.assertRaisesMessage(UserError, "is Closed: it can't be cancelled"):
            plan.with_user(self.user_director).action_cancel()
        with self.assertRaisesMessage(
            UserError, "is Closed: it can't be reset to draft"
        ):
            plan.with_user(self.user_director).action_draft()

    def test_approve_refusals(self):
        with self.assertRaisesMessage(UserError, "is Draft: it can't be approved"):
            self.plan.with_user(self.user_director).action_approve()
        empty = self._plan(name="No objective")
        empty.action_submit()
        with self.assertRaisesMessage(
            UserError, "Plan No objective can't be approved: it has no objective"
        ):
            empty.with_user(self.user_director).action_approve()

    def test_send_back_with_reason(self):
        plan = self.plan
        plan.action_submit()
        with self.assertRaisesMessage(
            AccessError, "Only an account director can send back"
        ):
            plan.with_user(self.user_manager).action_send_back()
        action = plan.with_user(self.user_director).action_send_back()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_director)
            .with_context(action["context"])
            .create({"reason": "   "})
        )
        with self.assertRaisesMessage(UserError, "the reason is required"):
            wizard.action_confirm()
        wizard.reason = "Targets too low for a strategic account."
        wizard.action_confirm()
        self.assertEqual(plan.state, "draft")
        self.assertEqual(
            plan.send_back_reason, "Targets too low for a strategic account."
        )
        todo = plan.activity_ids.filtered(lambda a: a.user_id == self.user_manager)
        self.assertEqual(todo.note, "<p>Targets too low for a strategic account.</p>")
        # Managers can't even open the wizard model.
        with self.assertRaises(AccessError):
            self.env["account_mgmt.plan.send.back"].with_user(self.user_manager).create(
                {"plan_id": plan.id, "reason": "no"}
            )
        # Resubmitting clears the reason.
        plan.action_submit()
        self.assertFalse(plan.send_back_reason)

    def test_submitted_plan_only_directors_edit(self):
        self.plan.action_submit()
        with self.assertRaisesMessage(UserError, "awaits approval: only a director"):
            self.plan.revenue_target = 25000.0
        with self.assertRaisesMessage(UserError, "awaits approval: only a director"):
            self.plan.objective_ids[0].target = 25000.0
        self.plan.with_user(self.user_director).revenue_target = 25000.0
        self.assertEqual(self.plan.revenue_target, 25000.0)

    def test_approved_targets_locked(self):
        plan = self._approve(self.plan)
        revenue, visits = plan.objective_ids.sorted("metric")[::-1]
        self.assertEqual(revenue.metric, "revenue")
        for user in (self.user_manager, self.user_director):
            with self.assertRaisesMessage(UserError, "targets are locked"):
                plan.with_user(user).revenue_target = 30000.0
            with self.assertRaisesMessage(UserError, "targets are locked"):
                plan.with_user(user).date_end = "2024-12-31"
            with self.assertRaisesMessage(UserError, "metrics and targets"):
                revenue.with_user(user).target = 30000.0
            with self.assertRaisesMessage(UserError, "its objectives are locked"):
                revenue.with_user(user).unlink()
            with self.assertRaisesMessage(UserError, "its objectives are locked"):
                plan.with_user(user).objective_ids = [
                    Command.create({"name": "More", "metric": "revenue", "target": 1})
                ]
        self.assertEqual(plan.revenue_target, 20000.0)
        self.assertEqual(revenue.target, 20000.0)
        # The narrative, the people and progress on manual objectives go on.
        plan.strategy = "<p>Bundle support with every sale.</p>"
        visits.actual = 1.0
        self.assertEqual(visits.actual, 1.0)
        plan.stakeholder_ids = [
            Command.create({"contact_id": self.contact.id, "role": "champion"})
        ]
        self.assertEqual(plan.stakeholder_ids.contact_id, self.contact)

    def test_workflow_fields_only_through_buttons(self):
        with self.assertRaisesMessage(UserError, "change only through its buttons"):
            self.plan.with_user(self.user_director).state = "approved"
        with self.assertRaisesMessage(AccessError, "starts as a draft"):
            self.Plan.with_user(self.user_manager).create(
                {
                    "name": "Sneaky",
                    "partner_id": self.account.id,
                    "state": "approved",
                }
            )
        with self.assertRaisesMessage(UserError, "recorded when the plan is closed"):
            self.plan.objective_ids[0].actual_final = 99.0
        with self.assertRaisesMessage(UserError, "only manual objectives"):
            self.plan.objective_ids.filtered(lambda o: o.metric == "revenue").actual = 5

    def test_close_records_final_actuals(self):
        plan = self._approve(self.plan)
        visits = plan.objective_ids.filtered(lambda o: o.metric == "manual")
        visits.actual = 2.0
        plan.action_close()
        # 10,000 - 1,500 = 8,500; margin 8,500 - (10 - 1) x 600 = 3,100
        self.assertAlmostEqual(plan.revenue_actual_final, 8500.0)
        self.assertAlmostEqual(plan.margin_actual_final, 3100.0)
        revenue = plan.objective_ids.filtered(lambda o: o.metric == "revenue")
        self.assertAlmostEqual(revenue.actual_final, 8500.0)
        self.assertEqual(visits.actual_final, 2.0)
        # An invoice posted later in the period no longer moves the closed plan.
        self._post_move(self.account, "2024-05-05", [(self.product_goods, 1, 1000.0)])
        plan.invalidate_recordset()
        revenue.invalidate_recordset()
        self.assertAlmostEqual(plan.revenue_actual, 8500.0)
        self.assertAlmostEqual(revenue.actual, 8500.0)
        self.assertAlmostEqual(revenue.progress, 42.5)
        # Closed plans are read-only, down to their objectives and people.
        for user in (self.user_manager, self.user_director):
            with self.assertRaisesMessage(UserError, "is closed: it is kept as it was"):
                plan.with_user(user).name = "Renamed"
            with self.assertRaisesMessage(UserError, "is closed"):
                visits.with_user(user).actual = 3.0
            with self.assertRaisesMessage(UserError, "is closed"):
                self.env["account_mgmt.plan.stakeholder"].with_user(user).create(
                    {"plan_id": plan.id, "contact_id": self.contact.id}
                )
            with self.assertRaisesMessage(UserError, "is closed"):
                self.env["account_mgmt.plan.action"].with_user(user).create(
                    {"objective_id": visits.id, "name": "Late idea"}
                )
        with self.assertRaisesMessage(UserError, "only draft or cancelled plans"):
            plan.with_user(self.user_director).unlink()

    def test_cancel_and_reset(self):
        plan = self._approve(self.plan)
        with self.assertRaisesMessage(AccessError, "or a director can cancel"):
            plan.with_user(self.user_manager2).action_cancel()
        # the owner closes an approved plan; only a director cancels it
        with self.assertRaisesMessage(AccessError, "ask a director to cancel it"):
            plan.with_user(plan.user_id).action_cancel()
        self.assertEqual(plan.state, "approved")
        plan.with_user(self.user_director).action_cancel()
        self.assertEqual(plan.state, "cancelled")
        with self.assertRaisesMessage(UserError, "is cancelled: reset it to draft"):
            plan.revenue_target = 1.0
        plan.action_draft()
        self.assertEqual(plan.state, "draft")
        plan.revenue_target = 1.0
        other = self._plan(name="Draft to delete")
        other.unlink()
        self.assertFalse(other.exists())

    def test_one_approved_plan_per_period(self):
        self._approve(self.plan)
        overlapping = self._plan(
            name="Overlapping",
            date_start="2024-06-01",
            date_end="2024-12-31",
            objectives=[("revenue", 1000.0)],
        )
        overlapping.action_submit()
        with self.assertRaisesMessage(
            ValidationError, "Acme Group already has an approved plan over these dates"
        ):
            overlapping.with_user(self.user_director).action_approve()
        self.assertEqual(overlapping.state, "submitted")
        following = self._plan(
            name="Following",
            date_start="2024-07-01",
            date_end="2024-12-31",
            objectives=[("revenue", 1000.0)],
        )
        self._approve(following)
        self.assertEqual(following.state, "approved")

    def test_bad_input(self):
        with self.assertRaisesMessage(ValidationError, "must end after it starts"):
            self._plan(date_start="2024-06-30", date_end="2024-01-01")
        with self.assertRaisesMessage(ValidationError, "targets can't be negative"):
            self._plan(revenue_target=-1.0)
        with self.assertRaisesMessage(ValidationError, "needs a target above zero"):
            self._plan(objectives=[("revenue", 0.0)])
        with self.assertRaisesMessage(ValidationError, "can't exceed 100"):
            self._plan(objectives=[("margin_percent", 120.0)])
        # a manual objective may have no target
        self.assertTrue(self._plan(objectives=[("manual", 0.0)]).objective_ids)
        with self.assertRaisesMessage(ValidationError, "rather than its contact"):
            self._plan(account=self.contact)

    def test_stakeholders_are_people_of_the_account(self):
        subsidiary = self._account("Acme Europe", parent_id=self.account.id)
        hans = self.env["res.partner"].create(
            {"name": "Hans", "parent_id": subsidiary.id}
        )
        stranger = self.env["res.partner"].create(
            {"name": "Stranger", "parent_id": self._account("Other Ltd").id}
        )
        Stakeholder = self.plan.env["account_mgmt.plan.stakeholder"]
        Stakeholder.create({"plan_id": self.plan.id, "contact_id": hans.id})
        with self.assertRaisesMessage(ValidationError, "is not a person working for"):
            Stakeholder.create({"plan_id": self.plan.id, "contact_id": stranger.id})
        with self.assertRaisesMessage(ValidationError, "is not a person working for"):
            Stakeholder.create({"plan_id": self.plan.id, "contact_id": subsidiary.id})

    def test_transitions_tracked_in_chatter(self):
        plan = self.plan.with_context(tracking_disable=False, mail_notrack=False)
        # Records created in the transaction are not tracked: end the creation's.
        plan.env.cr.precommit.run()
        # each button runs in its own transaction: tracking is posted at commit
        plan.action_submit()
        plan.env.cr.precommit.run()
        plan.with_user(self.user_director).action_approve()
        plan.env.cr.precommit.run()
        tracked = (
            plan.sudo()
            .message_ids.sudo()
            .tracking_value_ids.filtered(lambda t: t.field_id.name == "state")
        )
        self.assertEqual(
            sorted(tracked.mapped("new_value_char")), ["Approved", "Submitted"]
        )
