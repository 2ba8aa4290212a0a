# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Interactions: the account is the commercial entity, bad input is refused whole,
the account's chatter gets an internal summary, planned interactions complete."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .interaction_common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteraction(InteractionCommon):
    def test_contact_person_sets_the_account(self):
        interaction = self._interaction(self.acme_contact)
        self.assertEqual(interaction.partner_id, self.acme)
        self.assertEqual(interaction.contact_ids, self.acme_contact)

    def test_subsidiary_contact_counts_in_the_group(self):
        # Sven works for the subsidiary: the subsidiary is the account...
        on_sub = self._interaction(self.sub_contact)
        self.assertEqual(on_sub.partner_id, self.acme_sub)
        self.assertEqual(on_sub.contact_ids, self.sub_contact)
        # ... and the parent's group figures count it: 1 on the parent itself and
        # 1 on its subsidiary = 2; the subsidiary alone has 1.
        self._interaction(self.acme)
        acme = self.acme.with_user(self.user_manager)
        self.assertEqual(acme.interaction_count, 2)
        self.assertEqual(
            self.acme_sub.with_user(self.user_manager).interaction_count, 1
        )
        action = acme.action_view_interactions()
        self.assertEqual(self.Interaction.search_count(action["domain"]), 2)
        # The person's own count: the one interaction Sven took part in.
        self.assertEqual(
            self.sub_contact.with_user(self.user_manager).interaction_count, 1
        )
        # The cadence clock is the subsidiary's own.
        self.assertEqual(self.acme_sub.last_interaction_date.date(), on_sub.date.date())

    def test_form_onchange_moves_a_person_to_contacts(self):
        form = Form(self.Interaction)
        form.partner_id = self.acme_contact
        self.assertEqual(form.partner_id, self.acme)
        self.assertIn(self.acme_contact, form.contact_ids)
        form.type_id = self.type_meeting
        # The type proposes its default duration (1 h for a meeting).
        self.assertEqual(form.duration, 1.0)
        interaction = form.save()
        self.assertEqual(interaction.partner_id, self.acme)
        self.assertEqual(interaction.user_id, self.user_manager)

    def test_bad_input(self):
        future = fields.Datetime.now() + timedelta(days=2)
        cases = [
            ({"date": future}, "dated in the future"),
            ({"duration": -0.5}, "between 0 and 24 hours"),
            ({"duration": 24.5}, "between 0 and 24 hours"),
            ({"satisfaction": 6}, "from 1 to 5"),
            (
                {"contact_ids": [Command.set(self.globex_contact.ids)]},
                "do not work for",
            ),
        ]
        for vals, message in cases:
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
            ):
                self._interaction(self.acme, **vals)
        # A planned interaction may be dated ahead; a satisfaction of 5 is fine.
        planned = self._interaction(self.acme, date=future, state="planned")
        self.assertEqual(planned.state, "planned")
        self._interaction(self.acme, satisfaction=5)

    def test_lead_of_another_account_is_refused(self):
        lead = (
            self.env["crm.lead"]
            .sudo()
            .create(
                {
                    "name": "Globex upgrade",
                    "partner_id": self.globex.id,
                    "user_id": self.user_manager.id,  # a lead Anna may read
                }
            )
        )
        with self.assertRaisesRegex(ValidationError, "belongs to Globex"):
            self._interaction(self.acme, lead_id=lead.id)

    def test_nothing_saved_half(self):
        Interaction = self.Interaction.sudo()
        count = Interaction.search_count([])
        vals = {
            "partner_id": self.acme.id,
            "type_id": self.type_call.id,
            "company_id": self.company.id,
        }
        with self.assertRaises(ValidationError):
            self.Interaction.create([dict(vals), dict(vals, duration=30)])
        self.assertEqual(Interaction.search_count([]), count)

    def test_summary_in_account_chatter_without_email(self):
        # Bruno follows the account, Discussions and notes included.
        self.acme.message_subscribe(partner_ids=self.user_manager2.partner_id.ids)
        interaction = self._interaction(
            self.acme_contact,
            subject="Renewal terms",
            outcome="Agreed on a two-year renewal.",
        )
        message = self.acme.message_ids[:1]
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_note"))
        self.assertIn(f'data-oe-id="{interaction.id}"', message.body)
        self.assertIn('data-oe-model="account_mgmt.interaction"', message.body)
        self.assertIn("Renewal terms", message.body)
        self.assertIn("Agreed on a two-year renewal.", message.body)
        self.assertIn("Alice Buyer", message.body)
        # An internal note: no notification, no email to the follower.
        self.assertFalse(message.notification_ids)
        self.assertFalse(
            self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        )

    def test_planned_interaction_completes(self):
        future = fields.Datetime.now() + timedelta(days=3)
        planned = self._interaction(self.acme, date=future, state="planned")
        messages = len(self.acme.message_ids)
        self.assertFalse(self.acme.last_interaction_date, "planned is no contact")
        # Completing it early dates it now (a done interaction is never ahead).
        planned.action_done()
        self.assertEqual(planned.state, "done")
        self.assertLessEqual(planned.date, fields.Datetime.now())
        self.assertEqual(self.acme.last_interaction_date, planned.date)
        self.assertEqual(len(self.acme.message_ids), messages + 1)
        # Writing "done" on one still ahead is refused with a clear message.
        ahead = self._interaction(self.acme, date=future, state="planned")
        with self.assertRaisesRegex(ValidationError, "dated in the future"):
            ahead.write({"state": "done"})

    def test_type_rules(self):
        Type = self.env["account_mgmt.interaction.type"].with_user(self.user_director)
        with self.assertRaisesRegex(ValidationError, "already uses the code"):
            Type.create({"name": "Phone", "code": "CALL"})
        with self.assertRaisesRegex(ValidationError, "Font Awesome"):
            Type.create({"name": "Phone", "code": "PHONE", "icon": "phone"})
        with self.assertRaisesRegex(ValidationError, "already logs"):
            Type.create(
                {
                    "name": "Phone",
                    "code": "PHONE",
                    "activity_type_ids": [Command.link(self.activity_call.id)],
                }
            )
