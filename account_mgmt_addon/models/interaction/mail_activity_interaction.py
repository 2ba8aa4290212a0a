# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models

# Documents on which a completed call or meeting is logged on the client account.
INTERACTION_MODELS = ("res.partner", "crm.lead", "sale.order")


class MailActivity(models.Model):
    _inherit = "mail.activity"

    account_mgmt_interaction_id = fields.Many2one(
        comodel_name="account_mgmt.interaction",
        string="Planned Interaction",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
        help="The planned interaction this activity reminds of: marking the "
        "activity done completes it (no second interaction is logged).",
    )

    def _account_mgmt_interaction_before_done(self, feedback):
        """What completing these activities logs, read before core deletes them
        (see common/mail_activity.py): the planned interactions they complete, and
        the values of the interactions to create. Nothing with context key
        ``account_mgmt_skip_interaction``."""
        if self.env.context.get("account_mgmt_skip_interaction"):
            return [], []
        completions = [
            (activity.account_mgmt_interaction_id.sudo(), feedback)
            for activity in self
            if activity.account_mgmt_interaction_id
        ]
        vals_list = self.filtered(
            lambda a: not a.account_mgmt_interaction_id
        )._account_mgmt_interaction_values(feedback)
        return completions, vals_list

    @api.model
    def _account_mgmt_interaction_after_done(self, completions, vals_list):
        Interaction = self.env["account_mgmt.interaction"]
        if completions:
            Interaction._account_mgmt_complete_planned(completions)
        if vals_list:
            # sudo: whoever completes a call on a client (e.g. a salesperson on a
            # lead) leaves a trace on the account, even without the right to write
            # interactions; the record rules still decide who reads it.
            Interaction.sudo().with_context(account_mgmt_skip_interaction=True).create(
                vals_list
            )

    @api.model
    def _account_mgmt_document_account(self, record):
        """(account, contact person or empty) of a partner, lead or sale order."""
        partner = record if record._name == "res.partner" else record.partner_id
        account = partner.commercial_partner_id
        person = partner if partner != account else partner.browse()
        return account, person

    def _account_mgmt_interaction_values(self, feedback):
        """Values of the interactions logged by completing the activities of
        ``self`` whose type maps to an interaction type."""
        candidates = self.filtered(
            lambda a: a.res_model in INTERACTION_MODELS and a.res_id
        )
        if not candidates:
            return []
        Type = self.env["account_mgmt.interaction.type"]
        type_map = Type._for_activity_types(candidates.activity_type_id)
        candidates = candidates.filtered(lambda a: a.activity_type_id.id in type_map)
        now = fields.Datetime.now()
        vals_list = []
        for model, data in candidates._classify_by_model().items():
            # sudo: the person completing an activity may not read the document's
            # partner (same as mail's own _action_done).
            records = self.env[model].sudo().browse(data["record_ids"])
            for record, activity in zip(records, data["activities"], strict=True):
                account, person = self._account_mgmt_document_account(record)
                if not account:
                    continue
                company = (
                    account.company_id
                    or ("company_id" in record._fields and record.company_id)
                    or self.env.company
                )
                itype = Type._pick_for_company(
                    type_map[activity.activity_type_id.id], company
                )
                if not itype:
                    continue
                date, duration = now, itype.default_duration
                event = "calendar_event_id" in activity._fields and (
                    activity.calendar_event_id
                )
                if event and event.start and event.start <= now:
                    date = event.start
                    if not event.allday:
                        duration = min(event.duration, 24.0)
                subject = activity.summary or activity.activity_type_id.name
                if model == "sale.order":
                    subject = f"{subject} ({record.name})"
                vals_list.append(
                    {
                        "partner_id": account.id,
                        "contact_ids": [Command.set(person.ids)],
                        "user_id": (activity.user_id or self.env.user).id,
                        "type_id": itype.id,
                        "date": date,
                        "duration": duration,
                        "direction": "outbound",
                        "subject": subject,
                        "description": activity.note,
                        "outcome": feedback or False,
                        "lead_id": record.id if model == "crm.lead" else False,
                        "company_id": company.id,
                        "state": "done",
                    }
                )
        return vals_list
