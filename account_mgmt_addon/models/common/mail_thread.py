# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import Command, fields, models

_logger = logging.getLogger(__name__)

# Documents whose emails with the client are logged as interactions.
EMAIL_LOG_MODELS = ("res.partner", "crm.lead", "sale.order")
EMAIL_TYPE = "account_mgmt_addon.interaction_type_email"


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _notify_thread(self, message, msg_vals=False, **kwargs):
        recipients_data = super()._notify_thread(message, msg_vals=msg_vals, **kwargs)
        if (
            self._name in EMAIL_LOG_MODELS
            and len(self) == 1
            and not self.env.context.get("account_mgmt_no_email_log")
        ):
            # Logging is a side effect: it must never prevent a mail from going out.
            try:
                self._account_mgmt_log_email(message, msg_vals or {}, recipients_data)
            except Exception:
                _logger.exception(
                    "Could not log message %s as a client interaction", message.id
                )
        return recipients_data

    def _account_mgmt_log_email(self, message, msg_vals, recipients_data):
        """Log an email or a chatter message exchanged with the client's contacts
        as an "Email" interaction of the account (company setting)."""
        message_type = msg_vals.get("message_type") or message.message_type
        if message_type not in ("email", "comment"):
            return
        subtype = self.env["mail.message.subtype"].browse(
            msg_vals.get("subtype_id", message.subtype_id.id)
        )
        if not subtype or subtype.internal or msg_vals.get("is_internal"):
            return  # internal notes are not exchanged with the client
        company = self.env["res.company"].browse(
            msg_vals.get("record_company_id") or self.env.company.id
        )
        if not company.account_mgmt_log_emails:
            return
        # sudo: the poster (or the mail gateway) may not read the client's
        # partner records; nothing read here is shown to them.
        record = self.sudo()
        partner = record if record._name == "res.partner" else record.partner_id
        account = partner.commercial_partner_id
        author = self.env["res.partner"].sudo().browse(msg_vals.get("author_id"))
        if not account or not author:
            return
        author_is_internal = any(not user.share for user in author.user_ids)
        if not author_is_internal and author.commercial_partner_id == account:
            direction, contacts = "inbound", author
        elif author_is_internal:
            recipients = (
                self.env["res.partner"]
                .sudo()
                .browse(
                    [
                        r["id"]
                        for r in recipients_data or []
                        if r.get("notif") == "email"
                    ]
                )
            )
            contacts = recipients.filtered(lambda p: p.commercial_partner_id == account)
            if not contacts:
                return
            direction = "outbound"
        else:
            return
        email_type = self.env.ref(EMAIL_TYPE, raise_if_not_found=False)
        if not email_type or not email_type.active:
            return
        Interaction = self.env["account_mgmt.interaction"].sudo()
        now = fields.Datetime.now()
        if Interaction.search_count([("mail_message_id", "=", message.id)], limit=1):
            return  # already logged (e.g. a scheduled message sent later)
        user = (
            author_is_internal
            and author.user_ids.filtered(lambda u: not u.share)[:1]
            or ("user_id" in record._fields and record.user_id)
            or account.account_manager_id
            or self.env.user
        )
        vals = {
            "partner_id": account.id,
            "contact_ids": [Command.set((contacts - account).ids)],
            "user_id": user.id,
            "type_id": email_type.id,
            # a sender's clock ahead must not date the email in the future
            "date": min(message.date or now, now),
            "duration": email_type.default_duration,
            "direction": direction,
            "subject": msg_vals.get("subject")
            or message.subject
            or record.display_name,
            "description": msg_vals.get("body") or message.body,
            "lead_id": record.id if record._name == "crm.lead" else False,
            "company_id": (account.company_id or company).id,
            "state": "done",
            "mail_message_id": message.id,
        }
        with self.env.cr.savepoint():
            # sudo: the log is kept whoever sends the mail; the record rules
            # decide who reads it.
            Interaction.with_context(
                account_mgmt_no_summary=True,
                account_mgmt_no_email_log=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
            ).create(vals)
