# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail_comment(self, res_ids):
        """A payment reminder (opened by res.partner.action_send_payment_reminder)
        is posted on the account and logged as an outbound Email interaction."""
        if not (
            self.model == "res.partner"
            and self.env.context.get("account_mgmt_payment_reminder")
        ):
            return super()._action_send_mail_comment(res_ids)
        accounts = self.env["res.partner"].browse(res_ids)
        for account in accounts:
            account._account_mgmt_check_access("receivables")
        # sudo (rights checked above): the team and finance post on the account
        # without being allowed to edit the partner record; the author stays the
        # composer's, the current user. The email log must not log the reminder a
        # second time: it is logged below as an interaction.
        messages = super(
            MailComposeMessage,
            self.sudo().with_context(account_mgmt_no_email_log=True),
        )._action_send_mail_comment(res_ids)
        for message in messages:
            account = accounts.browse(message.res_id)
            contact = account.browse(account.address_get(["invoice"])["invoice"])
            account._account_mgmt_log_reminder_interaction(message, contact)
        return messages
