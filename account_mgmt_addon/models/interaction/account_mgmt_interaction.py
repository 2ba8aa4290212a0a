# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import textwrap
from datetime import datetime, time

import pytz
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

# Fields of the "Next step" block: writing one of them schedules the follow-up.
NEXT_STEP_FIELDS = {
    "next_activity_type_id",
    "next_date",
    "next_summary",
    "next_user_id",
}
MAX_DURATION_HOURS = 24.0


class AccountMgmtInteraction(models.Model):
    _name = "account_mgmt.interaction"
    _description = "Client Interaction"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Account",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="restrict",
        help="The client company (or individual customer). Choosing one of its "
        "contacts sets the company here and adds the person to the contacts.",
    )
    contact_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="account_mgmt_interaction_contact_rel",
        column1="interaction_id",
        column2="partner_id",
        string="Contacts",
        domain="[('commercial_partner_id', '=', partner_id), ('id', '!=', partner_id)]"
        " if partner_id else [('is_company', '=', False), ('parent_id', '!=', False)]",
        help="The people at the client who took part.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Done By",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="Who interacted with the client.",
    )
    type_id = fields.Many2one(
        comodel_name="account_mgmt.interaction.type",
        string="Type",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="restrict",
    )
    type_icon = fields.Char(related="type_id.icon", string="Type Icon")
    date = fields.Datetime(
        required=True,
        index=True,
        tracking=True,
        default=fields.Datetime.now,
    )
    duration = fields.Float(
        string="Duration (Hours)",
        compute="_compute_duration",
        store=True,
        readonly=False,
        precompute=True,
    )
    direction = fields.Selection(
        selection=[("outbound", "Outbound"), ("inbound", "Inbound")],
        required=True,
        default="outbound",
        help="Outbound: we reached out to the client; inbound: the client reached "
        "out to us.",
    )
    subject = fields.Char(tracking=True)
    description = fields.Html()
    outcome = fields.Text(help="What came out of it: decisions, commitments, mood.")
    sentiment = fields.Selection(
        selection=[
            ("positive", "Positive"),
            ("neutral", "Neutral"),
            ("negative", "Negative"),
        ],
        tracking=True,
        help="How the client felt about us in this interaction.",
    )
    satisfaction = fields.Integer(
        aggregator=None,
        help="Optional satisfaction score given by the client, from 1 (very "
        "unhappy) to 5 (delighted); 0 means not asked.",
    )
    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Opportunity",
        index="btree_not_null",
        check_company=True,
        ondelete="set null",
        domain="[('partner_id', 'child_of', partner_id)] if partner_id else []",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    state = fields.Selection(
        selection=[
            ("planned", "Planned"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="done",
        index=True,
        tracking=True,
        copy=False,
    )
    # Reporting: the account's current tier and manager, to group by them.
    account_tier_id = fields.Many2one(
        related="partner_id.account_tier_id", string="Account Tier", store=True
    )
    account_manager_id = fields.Many2one(
        related="partner_id.account_manager_id", string="Account Manager", store=True
    )
    # Origin of automatically logged interactions
    mail_message_id = fields.Many2one(
        comodel_name="mail.message",
        string="Email",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
    )
    # Next step: a follow-up scheduled as an activity on the account
    next_activity_type_id = fields.Many2one(
        comodel_name="mail.activity.type",
        string="Next Step",
        domain="['|', ('res_model', '=', False), ('res_model', '=', 'res.partner')]",
        copy=False,
    )
    next_date = fields.Date(string="Next Step Due", copy=False)
    next_summary = fields.Char(string="Next Step Summary", copy=False)
    next_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Next Step Assigned To",
        domain="[('share', '=', False)]",
        copy=False,
    )
    next_activity_id = fields.Many2one(
        comodel_name="mail.activity",
        string="Next Step Activity",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    next_interaction_id = fields.Many2one(
        comodel_name="account_mgmt.interaction",
        string="Planned Follow-up",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    next_step_scheduled = fields.Boolean(compute="_compute_next_step_scheduled")

    @api.depends("type_id")
    def _compute_duration(self):
        for interaction in self:
            interaction.duration = interaction.type_id.default_duration

    @api.depends("type_id", "subject", "partner_id")
    def _compute_display_name(self):
        for interaction in self:
            label = interaction.subject or interaction.type_id.name or ""
            if interaction.partner_id and not self.env.context.get(
                "account_mgmt_hide_account"
            ):
                label = f"{interaction.partner_id.name}: {label}"
            interaction.display_name = label

    @api.depends("next_activity_id", "next_interaction_id")
    def _compute_next_step_scheduled(self):
        for interaction in self:
            interaction.next_step_scheduled = bool(
                interaction.next_activity_id or interaction.next_interaction_id
            )

    @api.constrains("date", "state")
    def _check_date(self):
        now = fields.Datetime.now()
        for interaction in self:
            if interaction.state == "done" and interaction.date > now:
                raise ValidationError(
                    self.env._(
                        "Interaction %(name)s is done but dated in the future "
                        "(%(date)s): correct the date, or set it to Planned.",
                        name=interaction.display_name,
                        date=interaction.date,
                    )
                )

    @api.constrains("duration")
    def _check_duration(self):
        for interaction in self:
            if not 0 <= interaction.duration <= MAX_DURATION_HOURS:
                raise ValidationError(
                    self.env._(
                        "The duration of %(name)s must be between 0 and 24 hours "
                        "(it is %(duration)s).",
                        name=interaction.display_name,
                        duration=interaction.duration,
                    )
                )

    @api.constrains("satisfaction")
    def _check_satisfaction(self):
        for interaction in self:
            if interaction.satisfaction and not 1 <= interaction.satisfaction <= 5:
                raise ValidationError(
                    self.env._(
                        "The satisfaction of %(name)s must be a score from 1 to 5 "
                        "(or left empty).",
                        name=interaction.display_name,
                    )
                )

    @api.constrains("partner_id", "contact_ids", "lead_id")
    def _check_partner(self):
        for interaction in self:
            account = interaction.partner_id
            if account != account.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is a contact or an address of %(account)s: log "
                        "the interaction on the account %(account)s and add the "
                        "person as a contact.",
                        partner=account.display_name,
                        account=account.commercial_partner_id.display_name,
                    )
                )
            strangers = interaction.contact_ids.filtered(
                lambda c, a=account: c.commercial_partner_id != a
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(contacts)s do not work for %(account)s: only the account's "
                        "own contacts can be added to its interactions.",
                        contacts=", ".join(strangers.mapped("display_name")),
                        account=account.display_name,
                    )
                )
            lead_partner = interaction.lead_id.partner_id.commercial_partner_id
            if lead_partner and lead_partner != account:
                raise ValidationError(
                    self.env._(
                        "Opportunity %(lead)s belongs to %(other)s, not to "
                        "%(account)s.",
                        lead=interaction.lead_id.name,
                        other=lead_partner.display_name,
                        account=account.display_name,
                    )
                )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        partner = self.partner_id
        account = partner.commercial_partner_id
        if partner and partner != account:
            self.partner_id = account
            self.contact_ids |= partner
        if account:
            self.contact_ids = self.contact_ids.filtered(
                lambda c: c.commercial_partner_id == account and c != account
            )

    @api.onchange("contact_ids")
    def _onchange_contact_ids(self):
        if not self.partner_id and self.contact_ids:
            self.partner_id = self.contact_ids[:1].commercial_partner_id

    @api.onchange("user_id")
    def _onchange_user_id(self):
        if not self.next_user_id:
            self.next_user_id = self.user_id

    @api.model
    def _normalize_account_vals(self, vals):
        """Keep the account on the commercial entity: a contact person given as
        the account becomes a contact of its company."""
        if not vals.get("partner_id"):
            return vals
        partner = self.env["res.partner"].browse(vals["partner_id"])
        account = partner.commercial_partner_id
        if partner != account:
            vals["partner_id"] = account.id
            contacts = vals.get("contact_ids") or []
            if contacts and all(isinstance(c, int) for c in contacts):
                contacts = [Command.set(contacts)]
            vals["contact_ids"] = [*contacts, Command.link(partner.id)]
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_account_vals(vals)
        interactions = super().create(vals_list)
        done = interactions.filtered(lambda i: i.state == "done")
        if done:
            done._account_mgmt_on_done()
        interactions._account_mgmt_schedule_next_step()
        return interactions

    def write(self, vals):
        self._normalize_account_vals(vals)
        newly_done = cancelled = self.browse()
        if vals.get("state") == "done":
            newly_done = self.filtered(lambda i: i.state != "done")
        elif vals.get("state") == "cancelled":
            cancelled = self.filtered(lambda i: i.state != "cancelled")
        res = super().write(vals)
        if newly_done:
            newly_done._account_mgmt_on_done()
        if cancelled:
            cancelled._account_mgmt_reminders().unlink()
        if NEXT_STEP_FIELDS & vals.keys():
            self._account_mgmt_schedule_next_step()
        return res

    def action_done(self):
        """Complete planned interactions; a planned date still ahead becomes now."""
        self.check_access("write")
        now = fields.Datetime.now()
        for interaction in self.filtered(lambda i: i.state != "done"):
            vals = {"state": "done"}
            if interaction.date > now:
                vals["date"] = now
            interaction.write(vals)
        return True

    def action_cancel(self):
        self.check_access("write")
        self.filtered(lambda i: i.state == "planned").write({"state": "cancelled"})
        return True

    def action_plan(self):
        self.check_access("write")
        self.filtered(lambda i: i.state == "cancelled").write({"state": "planned"})
        return True

    @api.readonly
    def action_open_account(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @api.model
    def _account_mgmt_quick_log_action(self, context):
        """The small "Log interaction" dialog, with ``context`` defaults."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log Interaction"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "account_mgmt_addon.account_mgmt_interaction_view_form_quick"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": context,
        }

    def _account_mgmt_reminders(self):
        """Open activities that remind of these (planned) interactions."""
        if not self:
            return self.env["mail.activity"]
        # sudo: the reminder may belong to a colleague; it follows the interaction.
        return (
            self.env["mail.activity"]
            .sudo()
            .search([("account_mgmt_interaction_id", "in", self.ids)])
        )

    def _account_mgmt_on_done(self):
        """An interaction happened: tell the account's chatter, complete its
        reminder activities and the account's "contact overdue" reminder."""
        self._account_mgmt_post_summary()
        if not self.env.context.get("account_mgmt_skip_interaction"):
            reminders = self._account_mgmt_reminders()
            for interaction in self:
                activities = reminders.filtered(
                    lambda a, i=interaction: a.account_mgmt_interaction_id == i
                )
                if activities:
                    activities.with_context(
                        account_mgmt_skip_interaction=True
                    )._action_done(feedback=interaction.outcome or False)
        contacted = self.filtered("type_id.counts_as_contact").partner_id
        self.env["res.partner"]._account_mgmt_close_overdue_reminders(
            contacted.filtered(lambda p: not p.contact_overdue)
        )

    def _account_mgmt_post_summary(self):
        """Post a short internal note on the account, with a link back."""
        if self.env.context.get("account_mgmt_no_summary"):
            return
        for interaction in self:
            contacts = ", ".join(interaction.contact_ids.mapped("name"))
            if contacts:
                headline = self.env._(
                    "%(type)s with %(contacts)s, by %(user)s:",
                    type=interaction.type_id.name,
                    contacts=contacts,
                    user=interaction.user_id.name,
                )
            else:
                headline = self.env._(
                    "%(type)s by %(user)s:",
                    type=interaction.type_id.name,
                    user=interaction.user_id.name,
                )
            link = interaction.with_context(
                account_mgmt_hide_account=True
            )._get_html_link(title=interaction.subject or interaction.type_id.name)
            body = Markup("<p>%s %s</p>") % (headline, link)
            if interaction.outcome:
                body += Markup("<p>%s</p>") % textwrap.shorten(
                    interaction.outcome, width=300, placeholder=" …"
                )
            # sudo: logging on the account must not require the right to edit the
            # partner record (account managers are not contact administrators).
            interaction.partner_id.sudo().with_context(
                account_mgmt_no_email_log=True
            ).message_post(
                body=body,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )

    def _account_mgmt_planned_date(self, day):
        """09:00 in the user's timezone on ``day``, as a naive UTC datetime."""
        tz = pytz.timezone(self.env.user.tz or "UTC")
        local = tz.localize(datetime.combine(day, time(9, 0)))
        return local.astimezone(pytz.UTC).replace(tzinfo=None)

    def _account_mgmt_schedule_next_step(self):
        """Create the follow-up activity on the account (and, for activity types
        that log interactions, the planned interaction it reminds of)."""
        to_schedule = self.filtered(
            lambda i: (
                i.next_activity_type_id
                and i.next_date
                and not i.next_step_scheduled
                and i.state != "cancelled"
            )
        )
        if not to_schedule:
            return
        type_map = self.env["account_mgmt.interaction.type"]._for_activity_types(
            to_schedule.next_activity_type_id
        )
        for interaction in to_schedule:
            assignee = interaction.next_user_id or interaction.user_id
            activity_type = interaction.next_activity_type_id
            itype = self.env["account_mgmt.interaction.type"]._pick_for_company(
                type_map.get(activity_type.id), interaction.company_id
            )
            planned = self.browse()
            if itype:
                # sudo: the follow-up may be assigned to a colleague whose
                # interactions the current user could not create otherwise.
                planned = self.sudo().create(
                    {
                        "partner_id": interaction.partner_id.id,
                        "contact_ids": [Command.set(interaction.contact_ids.ids)],
                        "user_id": assignee.id,
                        "type_id": itype.id,
                        "date": self._account_mgmt_planned_date(interaction.next_date),
                        "subject": interaction.next_summary or itype.name,
                        "lead_id": interaction.lead_id.id,
                        "company_id": interaction.company_id.id,
                        "state": "planned",
                    }
                )
            note = self.env._(
                "Follow-up of %(interaction)s.",
                interaction=interaction.with_context(
                    account_mgmt_hide_account=True
                ).display_name,
            )
            # sudo: scheduling on the account must not require the right to edit
            # the partner record.
            activity = interaction.partner_id.sudo().activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=interaction.next_date,
                summary=interaction.next_summary or False,
                note=Markup("<p>%s</p>") % note,
                user_id=assignee.id,
                automated=False,
                account_mgmt_interaction_id=planned.id,
            )
            # sudo: technical links, refused to clients (models/account_mgmt_access)
            interaction.sudo().write(
                {"next_activity_id": activity.id, "next_interaction_id": planned.id}
            )

    @api.model
    def _account_mgmt_complete_planned(self, completions):
        """Complete planned interactions whose reminder activity was marked done.

        :param completions: list of (interaction, feedback)
        """
        now = fields.Datetime.now()
        for interaction, feedback in completions:
            if interaction.state != "planned":
                continue
            vals = {"state": "done", "date": min(interaction.date, now)}
            if feedback:
                vals["outcome"] = "\n".join(
                    filter(None, [interaction.outcome, feedback])
                )
            interaction.with_context(account_mgmt_skip_interaction=True).write(vals)
