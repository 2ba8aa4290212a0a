# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Email logging (company setting): emails with the client's contacts from the
account's chatter, its leads and sale orders become Email interactions."""

from unittest.mock import patch

from odoo.tests import tagged

from .interaction_common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteractionEmail(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.account_mgmt_log_emails = True
        cls.lead = (
            cls.env["crm.lead"]
            .sudo()
            .create(
                {
                    "name": "Acme conveyor upgrade",
                    "type": "opportunity",
                    "partner_id": cls.acme.id,
                    "user_id": cls.user_manager.id,
                    "company_id": cls.company.id,
                }
            )
        )

    def _emails(self, partner):
        return (
            self.env["account_mgmt.interaction"]
            .sudo()
            .search(
                [("partner_id", "=", partner.id), ("type_id", "=", self.type_email.id)]
            )
        )

    def _send(self, record, user, partners, **kwargs):
        return (
            record.with_user(user)
            .sudo()  # the poster's write rights on the document are not the point
            .message_post(
                body="Please find the revised quote attached.",
                subject="Revised quote",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=partners.ids,
                author_id=user.partner_id.id,
                **kwargs,
            )
        )

    def test_outbound_from_account_chatter(self):
        message = self._send(self.acme, self.user_manager, self.acme_contact)
        email = self._emails(self.acme)
        self.assertRecordValues(
            email,
            [
                {
                    "direction": "outbound",
                    "contact_ids": self.acme_contact.ids,
                    "user_id": self.user_manager.id,
                    "subject": "Revised quote",
                    "mail_message_id": message.id,
                    "state": "done",
                    "duration": 0.0,
                }
            ],
        )
        # An email is a contact for the cadence.
        self.assertEqual(self.acme.last_interaction_date, email.date)

    def test_inbound_on_lead(self):
        message = self.lead.message_post(
            body="Can we move the installation to May?",
            subject="Re: installation",
            message_type="email",
            subtype_xmlid="mail.mt_comment",
            author_id=self.acme_contact.id,
        )
        email = self._emails(self.acme)
        self.assertRecordValues(
            email,
            [
                {
                    "direction": "inbound",
                    "contact_ids": self.acme_contact.ids,
                    "lead_id": self.lead.id,
                    "user_id": self.user_manager.id,  # the lead's salesperson
                    "mail_message_id": message.id,
                }
            ],
        )

    def test_not_logged(self):
        # An internal note, an email to someone else, a mail from a stranger...
        self.acme.message_post(
            body="Internal only", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self._send(self.acme, self.user_manager, self.globex_contact)
        self.lead.message_post(
            body="Spam",
            message_type="email",
            subtype_xmlid="mail.mt_comment",
            author_id=self.globex_contact.id,
        )
        self.assertFalse(self._emails(self.acme))
        # ... and nothing at all when the company setting is off.
        self.company.account_mgmt_log_emails = False
        self._send(self.acme, self.user_manager, self.acme_contact)
        self.assertFalse(self._emails(self.acme))

    def test_failure_never_blocks_the_mail(self):
        Interaction = self.registry["account_mgmt.interaction"]
        with (
            patch.object(Interaction, "create", side_effect=RuntimeError("boom")),
            self.assertLogs("odoo.addons.account_mgmt_addon.models.common.mail_thread"),
        ):
            message = self._send(self.acme, self.user_manager, self.acme_contact)
        self.assertTrue(message.exists())
        self.assertIn(self.acme_contact, message.notification_ids.res_partner_id)
        self.assertFalse(self._emails(self.acme))
