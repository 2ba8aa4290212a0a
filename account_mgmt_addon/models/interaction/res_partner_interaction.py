# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ...tools.groups import GROUP_MANAGER
from ...tools.jobs import batch_size, notify_progress, try_job_lock

OVERDUE_ACTIVITY_TYPE = "account_mgmt_addon.mail_activity_type_contact_overdue"
#: Overdue accounts a batch of the contact reminders handles (system parameter
#: account_mgmt_addon.batch_size.contact_overdue): one to-do each, about 0.5 ms
#: (5,000: 2.5 to 3 s on a ledger of 50,000 accounts, the same for every batch).
CONTACT_OVERDUE_BATCH_SIZE = 5000


class ResPartner(models.Model):
    _inherit = "res.partner"

    interaction_ids = fields.One2many(
        comodel_name="account_mgmt.interaction",
        inverse_name="partner_id",
        string="Interactions",
        groups=GROUP_MANAGER,
    )
    # Kept on the commercial entity (the account) only. Stored because they are
    # searched, sorted and grouped on; they move only when interactions, the tier
    # or the cadence settings change. Whether the contact is overdue moves every
    # day on its own, so that one is computed on the fly (see contact_overdue).
    last_interaction_date = fields.Datetime(
        string="Last Contact",
        compute="_compute_contact_dates",
        store=True,
        help="Date of the account's last done interaction of a type that counts as "
        "a contact.",
    )
    next_contact_due = fields.Date(
        compute="_compute_contact_dates",
        store=True,
        index="btree_not_null",
        help="Last contact plus the contact cadence of the account's tier (or the "
        "company's default cadence), in the account's company (else its account "
        "manager's). An account never contacted counts from its creation.",
    )
    contact_overdue = fields.Boolean(
        compute="_compute_contact_overdue",
        search="_search_contact_overdue",
        help="The next contact was due before today.",
    )
    days_since_last_interaction = fields.Integer(
        string="Days Since Last Contact",
        compute="_compute_days_since_last_interaction",
    )
    interaction_count = fields.Integer(
        string="Interaction Count",
        compute="_compute_interaction_count",
        groups=GROUP_MANAGER,
        help="Interactions of the account and of its subsidiaries (of the person, "
        "for a contact).",
    )
    interaction_account_count = fields.Integer(
        string="Interactions on This Account",
        compute="_compute_interaction_count",
        groups=GROUP_MANAGER,
        help="Interactions with the account itself, as listed on its Account "
        "Management tab (its subsidiaries' are in the group count).",
    )

    @api.depends(
        "is_company",
        "parent_id",
        "commercial_partner_id",
        "create_date",
        "company_id.account_mgmt_default_cadence_days",
        "account_tier_id.contact_cadence_days",
        "account_manager_id.company_id",
        "interaction_ids.date",
        "interaction_ids.state",
        "interaction_ids.company_id",
        "interaction_ids.type_id.counts_as_contact",
    )
    def _compute_contact_dates(self):
        accounts = self.filtered(lambda p: p == p.commercial_partner_id)
        account_ids = [p._origin.id for p in accounts if p._origin.id]
        last = {}
        if account_ids:
            # One grouped query for every touched account.
            groups = (
                self.env["account_mgmt.interaction"]
                .with_context(active_test=False)
                ._read_group(
                    [
                        ("partner_id", "in", account_ids),
                        ("state", "=", "done"),
                        ("type_id.counts_as_contact", "=", True),
                    ],
                    ["partner_id", "company_id"],
                    ["date:max"],
                )
            )
            for partner, company, date in groups:
                if partner.id not in last or date > last[partner.id][0]:
                    last[partner.id] = (date, company)
        for partner in self:
            partner.last_interaction_date = False
            partner.next_contact_due = False
            if partner not in accounts:
                continue
            last_date, last_company = last.get(partner._origin.id, (False, False))
            partner.last_interaction_date = last_date
            company = partner._account_mgmt_cadence_company(last_company)
            tier = partner.with_company(company).account_tier_id
            if not (last_date or tier or partner.account_manager_id):
                continue  # not a managed account: no cadence to follow
            cadence = (
                tier.contact_cadence_days
                or company.account_mgmt_default_cadence_days
                or 1
            )
            start = last_date or partner.create_date or fields.Datetime.now()
            partner.next_contact_due = start.date() + timedelta(days=cadence)

    @api.depends("next_contact_due")
    def _compute_contact_overdue(self):
        today = fields.Date.today()
        for partner in self:
            partner.contact_overdue = bool(
                partner.next_contact_due and partner.next_contact_due < today
            )

    def _search_contact_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(
                self.env._("Contact Overdue can only be searched as true or false.")
            )
        today = fields.Date.today()
        if (operator == "=") == bool(value):
            return [("next_contact_due", "<", today)]
        return [
            "|",
            ("next_contact_due", "=", False),
            ("next_contact_due", ">=", today),
        ]

    @api.depends("last_interaction_date")
    def _compute_days_since_last_interaction(self):
        today = fields.Date.today()
        for partner in self:
            last = partner.last_interaction_date
            partner.days_since_last_interaction = (
                (today - last.date()).days if last else 0
            )

    def _compute_interaction_count(self):
        self.interaction_count = 0
        self.interaction_account_count = 0
        Interaction = self.env["account_mgmt.interaction"]
        ids = {p._origin.id for p in self if p._origin.id}
        if not ids or not Interaction.has_access("read"):
            return
        accounts = self.filtered(lambda p: p == p.commercial_partner_id)
        if accounts:
            # The account's group: its own interactions and its subsidiaries'.
            members = self.with_context(active_test=False).search_fetch(
                [("id", "child_of", accounts._origin.ids)], ["parent_id"]
            )
            for partner, count in Interaction._read_group(
                [("partner_id", "in", members.ids)], ["partner_id"], ["__count"]
            ):
                if partner.id in ids:
                    partner.interaction_account_count = count
                while partner:
                    if partner.id in ids:
                        partner.interaction_count += count
                    partner = partner.parent_id
        persons = self - accounts
        if persons:
            for person, count in Interaction._read_group(
                [("contact_ids", "in", persons._origin.ids)],
                ["contact_ids"],
                ["__count"],
            ):
                if person.id in ids:
                    person.interaction_count = count
                    person.interaction_account_count = count

    def _account_mgmt_cadence_company(self, last_company=None):
        """The company whose tier and default cadence the account follows.

        Tiers are per company (``account_tier_id`` is company-dependent) while the
        contact dates are one per account: the account follows its own company,
        else its account manager's, else the company of its last contact, else
        the current one."""
        self.ensure_one()
        return (
            self.company_id
            or self.account_manager_id.company_id
            or last_company
            or self.env.company
        )

    @api.readonly
    def action_view_interactions(self):
        """Interactions of the account and its subsidiaries (of the person, for a
        contact)."""
        self.ensure_one()
        self.env["account_mgmt.interaction"].check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_interaction_action"
        )
        account = self.commercial_partner_id
        if self == account:
            action["domain"] = [("partner_id", "child_of", self.id)]
            action["context"] = {"default_partner_id": self.id}
        else:
            action["domain"] = [("contact_ids", "in", self.ids)]
            action["context"] = {
                "default_partner_id": account.id,
                "default_contact_ids": self.ids,
            }
        action["display_name"] = self.env._(
            "Interactions: %(partner)s", partner=self.display_name
        )
        return action

    def action_log_interaction(self):
        """Quick-log dialog for an interaction with this account (or person)."""
        self.ensure_one()
        self.env["account_mgmt.interaction"].check_access("create")
        account = self.commercial_partner_id
        context = {"default_partner_id": account.id}
        if self != account:
            context["default_contact_ids"] = self.ids
        return self.env["account_mgmt.interaction"]._account_mgmt_quick_log_action(
            context
        )

    @api.model
    def _account_mgmt_close_overdue_reminders(self, accounts):
        """Mark done the open "contact overdue" reminders of ``accounts``."""
        activity_type = self.env.ref(OVERDUE_ACTIVITY_TYPE, raise_if_not_found=False)
        if not accounts or not activity_type:
            return
        # sudo: the reminder belongs to the account manager; any contact logged by
        # anyone on the account completes it.
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", accounts.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )
        if activities:
            activities.with_context(account_mgmt_skip_interaction=True)._action_done(
                feedback=self.env._("Contact logged.")
            )

    @api.model
    def _cron_account_mgmt_contact_overdue(self):
        """Give the manager of each overdue account one "contact overdue" to-do,
        never a second one while the first is open; a batch of accounts per call
        (the cron runner calls again while some remain).

        The accounts of a batch are the overdue ones without an open reminder, by
        id: a batch done is no longer one of them, so a run killed halfway resumes
        where it stopped without a second to-do."""
        activity_type = self.env.ref(OVERDUE_ACTIVITY_TYPE, raise_if_not_found=False)
        if not activity_type:
            return self.env["mail.activity"]
        # One pass at a time: a second one would see the same accounts without
        # a reminder and give them another.
        if not try_job_lock(self.env, "account_mgmt_contact_overdue"):
            return self.env["mail.activity"]
        today = fields.Date.today()
        limit = batch_size(self.env, "contact_overdue", CONTACT_OVERDUE_BATCH_SIZE)
        self.flush_model(["next_contact_due", "account_manager_id", "user_id"])
        self.env["mail.activity"].flush_model(
            ["res_model", "res_id", "activity_type_id", "active"]
        )
        self.env["res.users"].flush_model(["active", "share"])
        rows = self.env.execute_query(
            self._account_mgmt_overdue_accounts_sql(today, activity_type, limit)
        )
        remaining = rows[0][2] - len(rows) if rows else 0
        notify_progress(self.env, done=len(rows), remaining=remaining)
        if not rows:
            return self.env["mail.activity"]
        model_id = self.env["ir.model"]._get_id("res.partner")
        # sudo: the scheduled action looks after every company's accounts.
        accounts = self.sudo().browse([row[0] for row in rows])
        users = self.env["res.users"].sudo().browse([row[1] for row in rows])
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": account.id,
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "date_deadline": today,
                "summary": account.with_context(
                    lang=user.lang
                )._account_mgmt_overdue_summary(today),
                "automated": True,
            }
            for account, user in zip(accounts, users, strict=True)
        ]
        # No "assigned to you" email per account: the to-dos show in the
        # manager's activities.
        return (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )

    @api.model
    def _account_mgmt_overdue_accounts_sql(self, today, activity_type, limit):
        """The first ``limit`` overdue accounts (by id) without an open "contact
        overdue" reminder: (account, manager, number of such accounts)."""
        # The open reminder of each account is looked up by its id (a lateral
        # subquery, through the index on res_id): a NOT EXISTS let PostgreSQL
        # plan an anti-join on its statistics of mail_activity, which say "no
        # reminder" until the table is analyzed again, i.e. a scan of every
        # reminder given by the previous batches for each overdue account, so
        # that each batch took longer than the one before (0.2 s, then 17 s once
        # 6,000 reminders were given, on 34,000 overdue accounts).
        return SQL(
            """
            SELECT partner.id, manager.id, COUNT(*) OVER ()
              FROM res_partner partner
              JOIN res_users manager
                ON manager.id = COALESCE(partner.account_manager_id,
                                         partner.user_id)
         LEFT JOIN LATERAL (
                   SELECT activity.id FROM mail_activity activity
                    WHERE activity.res_id = partner.id
                      AND activity.res_model = 'res.partner'
                      AND activity.activity_type_id = %(type)s
                      AND activity.active
                    LIMIT 1) reminder ON TRUE
             WHERE partner.next_contact_due < %(today)s
               AND partner.active
               AND manager.active
               AND NOT manager.share
               AND reminder.id IS NULL
          ORDER BY partner.id
             LIMIT %(limit)s
            """,
            today=today,
            type=activity_type.id,
            limit=limit,
        )

    def _account_mgmt_overdue_summary(self, today):
        self.ensure_one()
        start = self.last_interaction_date or self.create_date
        cadence = (self.next_contact_due - start.date()).days
        tier = self.with_company(self._account_mgmt_cadence_company()).account_tier_id
        if self.last_interaction_date:
            days = (today - self.last_interaction_date.date()).days
            if tier:
                return self.env._(
                    "Contact overdue: last contact %(days)s days ago, %(tier)s tier "
                    "expects %(cadence)s",
                    days=days,
                    tier=tier.name,
                    cadence=cadence,
                )
            return self.env._(
                "Contact overdue: last contact %(days)s days ago, the default "
                "cadence is %(cadence)s days",
                days=days,
                cadence=cadence,
            )
        if tier:
            return self.env._(
                "Contact overdue: no contact logged yet, %(tier)s tier expects "
                "%(cadence)s",
                tier=tier.name,
                cadence=cadence,
            )
        return self.env._(
            "Contact overdue: no contact logged yet, the default cadence is "
            "%(cadence)s days",
            cadence=cadence,
        )
