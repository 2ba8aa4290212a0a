# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Activities and interactions: a completed call or meeting is logged on the
account, the "Next step" of an interaction schedules a follow-up, and using both
paths never logs the same contact twice."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .interaction_common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteractionActivity(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Sam, a salesperson without the account management role, owns the lead.
        cls.lead = (
            cls.env["crm.lead"]
            .sudo()
            .create(
                {
                    "name": "Acme conveyor upgrade",
                    "type": "opportunity",
                    "partner_id": cls.acme_contact.id,
                    "user_id": cls.user_sales.id,
                }
            )
        )

    def _logged(self, partner):
        return (
            self.env["account_mgmt.interaction"]
            .sudo()
            .search([("partner_id", "=", partner.id)])
        )

    def test_call_done_on_lead_logs_one_interaction(self):
        activity = self.lead.with_user(self.user_sales).activity_schedule(
            activity_type_id=self.activity_call.id,
            summary="Discuss the quote",
            user_id=self.user_sales.id,
        )
        self.assertFalse(self._logged(self.acme))
        activity.with_user(self.user_sales).action_feedback(
            feedback="They want delivery in March."
        )
        logged = self._logged(self.acme)
        self.assertEqual(len(logged), 1)
        self.assertRecordValues(
            logged,
            [
                {
                    "partner_id": self.acme.id,
                    "contact_ids": self.acme_contact.ids,
                    "lead_id": self.lead.id,
                    "type_id": self.type_call.id,
                    "user_id": self.user_sales.id,
                    "state": "done",
                    "subject": "Discuss the quote",
                    "outcome": "They want delivery in March.",
                    "duration": 0.25,  # the Call type's default
                    "company_id": self.company.id,
                }
            ],
        )
        # It is a contact: the Key account's clock restarts today.
        self.assertEqual(
            self.acme.next_contact_due, fields.Date.today() + timedelta(30)
        )
        # Sam, a sales user, reads the interaction he did, not more.
        self.assertEqual(
            self.env["account_mgmt.interaction"].with_user(self.user_sales).search([]),
            logged,
        )

    def test_other_activities_log_nothing(self):
        todo = self.lead.activity_schedule(activity_type_id=self.activity_todo.id)
        todo.action_feedback(feedback="Done")
        self.assertFalse(self._logged(self.acme))
        # A call on a lead without customer has no account to log on.
        lead = self.env["crm.lead"].sudo().create({"name": "Anonymous"})
        lead.activity_schedule(activity_type_id=self.activity_call.id).action_done()
        self.assertFalse(
            self.env["account_mgmt.interaction"]
            .sudo()
            .search([("lead_id", "=", lead.id)])
        )

    def test_meeting_on_sale_order_and_partner(self):
        order = (
            self.env["sale.order"]
            .sudo()
            .create({"partner_id": self.sub_contact.id, "company_id": self.company.id})
        )
        order.activity_schedule(
            activity_type_id=self.activity_meeting.id, summary="Kick-off"
        ).action_feedback(feedback="Scope agreed")
        on_sub = self._logged(self.acme_sub)
        self.assertRecordValues(
            on_sub,
            [
                {
                    "type_id": self.type_meeting.id,
                    "contact_ids": self.sub_contact.ids,
                    "subject": f"Kick-off ({order.name})",
                    "duration": 1.0,
                }
            ],
        )
        self.acme.activity_schedule(
            activity_type_id=self.activity_call.id
        ).action_done()
        self.assertEqual(self._logged(self.acme).type_id, self.type_call)

    def test_next_step_then_activity_done(self):
        # Anna logs a meeting and plans a call in 5 days as its next step.
        due = fields.Date.today() + timedelta(days=5)
        meeting = self._interaction(
            self.acme,
            itype=self.type_meeting,
            contact_ids=[Command.set(self.acme_contact.ids)],
            next_activity_type_id=self.activity_call.id,
            next_date=due,
            next_summary="Send the revised proposal",
            next_user_id=self.user_manager.id,
        )
        planned = meeting.next_interaction_id
        activity = meeting.next_activity_id
        self.assertRecordValues(
            planned,
            [
                {
                    "state": "planned",
                    "type_id": self.type_call.id,
                    "partner_id": self.acme.id,
                    "contact_ids": self.acme_contact.ids,
                    "subject": "Send the revised proposal",
                    "user_id": self.user_manager.id,
                }
            ],
        )
        self.assertRecordValues(
            activity,
            [
                {
                    "res_model": "res.partner",
                    "res_id": self.acme.id,
                    "activity_type_id": self.activity_call.id,
                    "date_deadline": due,
                    "user_id": self.user_manager.id,
                    "account_mgmt_interaction_id": planned.id,
                }
            ],
        )
        self.assertEqual(len(self._logged(self.acme)), 2)  # the meeting, the plan
        # The call is made early and marked done on the account: the planned
        # interaction is completed, no third one appears.
        activity.with_user(self.user_manager).action_feedback(feedback="Sent.")
        self.assertEqual(len(self._logged(self.acme)), 2)
        self.assertEqual(planned.state, "done")
        self.assertEqual(planned.outcome, "Sent.")
        self.assertLessEqual(planned.date, fields.Datetime.now())
        self.assertFalse(meeting.next_activity_id.exists())
        # Editing the meeting later does not schedule the step again.
        meeting.write({"outcome": "Good meeting"})
        self.assertEqual(len(self._logged(self.acme)), 2)

    def test_next_step_then_interaction_done(self):
        meeting = self._interaction(
            self.acme,
            next_activity_type_id=self.activity_call.id,
            next_date=fields.Date.today() + timedelta(days=2),
        )
        planned = meeting.next_interaction_id
        activity = meeting.next_activity_id
        # Completing the planned interaction completes its reminder, once.
        planned.with_user(self.user_manager).action_done()
        self.assertFalse(activity.exists())
        self.assertEqual(len(self._logged(self.acme)), 2)
        # Cancelling a planned interaction removes its reminder.
        other = self._interaction(
            self.acme,
            next_activity_type_id=self.activity_call.id,
            next_date=fields.Date.today() + timedelta(days=9),
        )
        other_activity = other.next_activity_id
        other.next_interaction_id.with_user(self.user_manager).action_cancel()
        self.assertFalse(other_activity.exists())

    def test_next_step_todo(self):
        # A to-do is no interaction: only the activity is scheduled.
        interaction = self._interaction(
            self.acme,
            next_activity_type_id=self.activity_todo.id,
            next_date=fields.Date.today() + timedelta(days=3),
            next_summary="Prepare pricing",
        )
        self.assertFalse(interaction.next_interaction_id)
        self.assertEqual(interaction.next_activity_id.summary, "Prepare pricing")
        # The assignee defaults to the one who interacted.
        self.assertEqual(interaction.next_activity_id.user_id, self.user_manager)
        interaction.next_activity_id.action_done()
        self.assertEqual(len(self._logged(self.acme)), 1)
