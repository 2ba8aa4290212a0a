# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plan actions as to-dos, review activities from the tier, missing plans."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .plan_common import PlanCommon


@tagged("post_install", "-at_install")
class TestPlanActivities(PlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls._plan(objectives=[("manual", 1.0, "Sponsor meeting")])
        cls.objective = cls.plan.objective_ids
        cls.tier = (
            cls.env["account_mgmt.tier"]
            .with_user(cls.user_director)
            .create(
                {
                    "name": "Platinum",
                    "code": "PLAT",
                    "review_interval_days": 30,
                    "requires_account_plan": True,
                    "company_id": cls.env.company.id,
                }
            )
        )

    def _activities(self, plan, activity_type=None):
        activities = plan.sudo().activity_ids
        if activity_type:
            activities = activities.filtered(
                lambda a: a.activity_type_id == activity_type
            )
        return activities

    def test_action_gives_its_owner_a_todo(self):
        action = self.plan.env["account_mgmt.plan.action"].create(
            {
                "objective_id": self.objective.id,
                "name": "Book the CFO",
                "user_id": self.user_manager2.id,
                "date_deadline": "2024-03-01",
            }
        )
        activity = action.activity_id.sudo()
        self.assertEqual(activity.user_id, self.user_manager2)
        self.assertEqual(activity.summary, "Book the CFO")
        self.assertEqual(activity.date_deadline, date(2024, 3, 1))
        self.assertEqual(
            (activity.res_model, activity.res_id), (self.plan._name, self.plan.id)
        )
        # The activity follows the action.
        action.write({"date_deadline": "2024-03-15", "user_id": self.user_manager.id})
        self.assertEqual(activity.date_deadline, date(2024, 3, 15))
        self.assertEqual(activity.user_id, self.user_manager)
        # Done on the action: the activity is done (gone, logged in the chatter).
        action.action_done()
        self.assertFalse(activity.exists())
        self.assertFalse(action.activity_id)
        self.assertEqual(action.date_done, date.today())
        # Reopened: a new to-do.
        action.action_reset()
        self.assertTrue(action.activity_id)
        # Done from the to-do list: the action is done.
        action.activity_id.with_user(self.user_manager).action_feedback("Booked")
        self.assertEqual(action.state, "done")
        # Cancelled actions and actions of closed plans have no to-do.
        other = action.copy({"name": "Follow-up"})
        self.assertTrue(other.activity_id)
        other.action_cancel()
        self.assertFalse(other.activity_id)
        other.action_reset()
        self.plan.action_submit()
        self.plan.with_user(self.user_director).action_approve()
        self.plan.action_close()
        self.assertFalse(other.activity_id)
        self.assertEqual(other.state, "todo")

    def test_review_activities_from_tier(self):
        review = self.env.ref("account_mgmt_addon.mail_activity_type_plan_review")
        Plan = self.env["account_mgmt.plan"].sudo()  # the cron runs as OdooBot
        self.account.with_user(self.user_director).account_tier_id = self.tier
        with freeze_time("2024-02-01"):
            self._approve(self.plan)
            Plan._cron_schedule_reviews()
            activity = self._activities(self.plan, review)
            # approved Feb 1 + 30 days
            self.assertEqual(activity.date_deadline, date(2024, 3, 2))
            self.assertEqual(activity.user_id, self.user_manager)
            Plan._cron_schedule_reviews()
            self.assertEqual(len(self._activities(self.plan, review)), 1)
        with freeze_time("2024-03-05"):
            activity.with_user(self.user_manager).action_feedback("Reviewed with Dora")
            self.assertEqual(self.plan.date_last_review, date(2024, 3, 5))
            Plan._cron_schedule_reviews()
            # reviewed March 5 + 30 days
            self.assertEqual(
                self._activities(self.plan, review).date_deadline, date(2024, 4, 4)
            )
            self.plan.action_mark_reviewed()
            self.assertFalse(self._activities(self.plan, review))
            # Closing the plan drops its pending review.
            Plan._cron_schedule_reviews()
            self.assertTrue(self._activities(self.plan, review))
            self.plan.action_close()
            self.assertFalse(self._activities(self.plan, review))

    def test_missing_plans_filter(self):
        Partner = self.env["res.partner"].with_user(self.user_manager)
        subsidiary = self._account("Acme Europe", parent_id=self.account.id)
        untiered = self._account("No Tier Ltd")
        (self.account | subsidiary).with_user(
            self.user_director
        ).account_tier_id = self.tier
        missing = Partner.search([("account_plan_missing", "=", True)])
        self.assertIn(self.account, missing)
        self.assertIn(subsidiary, missing)
        self.assertNotIn(untiered, missing)
        self.assertNotIn(self.contact, missing, "contacts share the account's tier")
        self.assertTrue(self.account.with_user(self.user_manager).account_plan_missing)
        # An approved plan covering today covers the account and its subsidiaries.
        today = date.today()
        plan = self._plan(
            date_start=today - timedelta(days=10),
            date_end=today + timedelta(days=100),
            objectives=[("revenue", 1000.0)],
        )
        self._approve(plan)
        missing = Partner.search([("account_plan_missing", "=", True)])
        self.assertNotIn(self.account, missing)
        self.assertNotIn(subsidiary, missing)
        not_missing = Partner.search([("account_plan_missing", "=", False)])
        self.assertIn(self.account, not_missing)
        account = self.account.with_user(self.user_manager)
        self.assertEqual(account.account_plan_current_id, plan)
        self.assertEqual(account.account_plan_count, 2)
        self.assertEqual(
            self.contact.with_user(self.user_manager).account_plan_count, 2
        )
        action = account.action_view_account_plans()
        self.assertEqual(action["domain"], [("partner_id", "=", self.account.id)])
