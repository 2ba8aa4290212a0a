# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Key-account fields of customers.

Everything lives on the commercial entity ("the account") and is copied to its
contacts through ``_commercial_fields``, so that contacts show it read-only.

Tiers and figures are per company: ``res.partner`` is shared by the companies of a
database, and each company tiers its customers with its own tiers on its own
ledger. They are company-dependent fields (one jsonb column, a value per company,
searchable and groupable like a plain column). The account manager and the account
team are people, not figures: they are the same in every company.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL, format_date, sql

from ...tools.groups import GROUP_PROFITABILITY, GROUP_REVENUE, is_director
from ...tools.periods import last_12_months, months_label

# Fields only account directors (and administrators) may change.
TIER_FIELDS = ("account_tier_id", "account_tier_locked", "account_tier_lock_reason")
DIRECTOR_FIELDS = (*TIER_FIELDS, "account_manager_id")
# Company-dependent figures written by automatic tiering (see res_partner_tiering).
FIGURE_FIELDS = (
    "account_annual_revenue",
    "account_gross_margin",
    "account_margin_percent",
    "account_group_revenue",
    "account_group_gross_margin",
    "account_group_margin_percent",
    "account_group_share",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    account_tier_id = fields.Many2one(
        comodel_name="account_mgmt.tier",
        string="Account Tier",
        company_dependent=True,
        check_company=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        help="Set by automatic tiering from the trailing twelve months figures, "
        "unless the tier is locked.",
    )
    account_tier_color = fields.Integer(related="account_tier_id.color")
    account_tier_tag_ids = fields.Many2many(
        comodel_name="account_mgmt.tier",
        string="Tier",
        compute="_compute_account_tier_tag_ids",
        help="The tier as a coloured tag.",
    )
    account_tier_locked = fields.Boolean(
        string="Tier Locked",
        company_dependent=True,
        tracking=True,
        copy=False,
        help="A locked tier is set by hand: automatic tiering keeps it (and still "
        "refreshes the figures).",
    )
    account_tier_lock_reason = fields.Char(
        string="Lock Reason", company_dependent=True, copy=False
    )
    account_manager_id = fields.Many2one(
        comodel_name="res.users",
        string="Account Manager",
        index="btree_not_null",
        tracking=True,
        copy=False,
        domain="[('share', '=', False)]",
        help="The key account manager, who looks after the client once won (distinct "
        "from the salesperson).",
    )
    account_team_member_ids = fields.One2many(
        comodel_name="account_mgmt.team.member",
        inverse_name="partner_id",
        string="Account Team",
    )
    account_tier_history_ids = fields.One2many(
        comodel_name="account_mgmt.tier.history",
        inverse_name="partner_id",
        string="Tier History",
    )
    # Figures of the last 12 months (the 12 complete calendar months before the
    # current one), company currency, written by automatic tiering.
    account_annual_revenue = fields.Float(
        groups=GROUP_REVENUE,
        string="Revenue (12 Months)",
        company_dependent=True,
        readonly=True,
        copy=False,
        help="Posted customer invoices and sales receipts less credit notes, untaxed, "
        "in company currency, of the 12 complete calendar months before the current "
        "one.",
    )
    account_gross_margin = fields.Float(
        groups=GROUP_PROFITABILITY,
        string="Gross Margin (12 Months)",
        company_dependent=True,
        readonly=True,
        copy=False,
        help="Revenue of the last twelve months less the cost of the goods and "
        "services invoiced.",
    )
    account_margin_percent = fields.Float(
        groups=GROUP_PROFITABILITY,
        string="Margin % (12 Months)",
        company_dependent=True,
        readonly=True,
        copy=False,
        digits=(16, 2),
        aggregator=None,
    )
    account_group_id = fields.Many2one(
        comodel_name="res.partner",
        string="Corporate Group",
        compute="_compute_account_group_id",
        store=True,
        recursive=True,
        index="btree_not_null",
        help="Top parent company of the account: a company and its subsidiaries "
        "(companies under a company) form a group, tiered on the group total.",
    )
    account_group_revenue = fields.Float(
        groups=GROUP_REVENUE,
        string="Group Revenue (12 Months)",
        company_dependent=True,
        readonly=True,
        copy=False,
        aggregator=None,
    )
    account_group_gross_margin = fields.Float(
        groups=GROUP_PROFITABILITY,
        string="Group Gross Margin (12 Months)",
        company_dependent=True,
        readonly=True,
        copy=False,
        aggregator=None,
    )
    account_group_margin_percent = fields.Float(
        groups=GROUP_PROFITABILITY,
        string="Group Margin % (12 Months)",
        company_dependent=True,
        readonly=True,
        copy=False,
        digits=(16, 2),
        aggregator=None,
    )
    account_group_share = fields.Float(
        groups=GROUP_REVENUE,
        string="Share of Group Revenue (%)",
        company_dependent=True,
        readonly=True,
        copy=False,
        digits=(16, 2),
        aggregator=None,
    )
    account_group_member_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Group Members",
        compute="_compute_account_group_member_ids",
    )
    account_group_member_count = fields.Integer(
        compute="_compute_account_group_member_ids"
    )
    account_figures_date = fields.Date(
        string="Figures As Of",
        compute="_compute_account_figures_date",
        help="Day automatic tiering last computed the figures of the last 12 months.",
    )
    account_figures_period = fields.Char(
        string="Months",
        compute="_compute_account_figures_date",
        help="The last 12 months the figures cover: the 12 complete calendar months "
        "before the month they were computed in (the current month is never "
        "included).",
    )
    account_mgmt_currency_id = fields.Many2one(
        comodel_name="res.currency",
        compute="_compute_account_mgmt_currency_id",
        help="Currency of the figures: the current company's.",
    )
    account_mgmt_can_manage = fields.Boolean(
        compute="_compute_account_mgmt_can_manage",
        help="The current user may set the tier, lock it and assign the account "
        "manager.",
    )
    account_mgmt_can_edit_team = fields.Boolean(
        compute="_compute_account_mgmt_can_manage",
        help="The current user may edit the account team.",
    )

    @api.depends("account_tier_id")
    @api.depends_context("company")
    def _compute_account_tier_tag_ids(self):
        for partner in self:
            partner.account_tier_tag_ids = partner.account_tier_id

    @api.depends(
        "commercial_partner_id",
        "commercial_partner_id.parent_id",
        "commercial_partner_id.parent_id.account_group_id",
    )
    def _compute_account_group_id(self):
        for partner in self:
            commercial = partner.commercial_partner_id or partner
            parent = commercial.parent_id
            if not parent:
                partner.account_group_id = commercial
            else:
                # Group of the parent; computed first when the parent is in self.
                partner.account_group_id = parent.account_group_id or parent

    @api.depends("account_group_id")
    def _compute_account_group_member_ids(self):
        groups = self.account_group_id
        members = self.with_context(active_test=True).search(
            [("account_group_id", "in", groups.ids), ("is_company", "=", True)]
        ) | groups.filtered("active")
        # Commercial entities only: the group parent and the companies under it.
        members = members.filtered(lambda p: p.commercial_partner_id == p)
        for partner in self:
            group_members = members.filtered(
                lambda m, group=partner.account_group_id: m.account_group_id == group
            )
            # the parent first, then by revenue
            group_members = group_members.sorted(
                lambda m, group=partner.account_group_id: (
                    m != group,
                    -m.sudo().account_annual_revenue,
                )
            )
            partner.account_group_member_ids = (
                group_members if len(group_members) > 1 else False
            )
            partner.account_group_member_count = len(group_members)

    @api.depends_context("company")
    def _compute_account_figures_date(self):
        self.account_figures_date = self.env.company.account_mgmt_figures_date
        self.account_figures_period = self._account_mgmt_months_label(
            *self._account_mgmt_figures_period()
        )

    @api.depends_context("company")
    def _compute_account_mgmt_currency_id(self):
        self.account_mgmt_currency_id = self.env.company.currency_id

    @api.depends("commercial_partner_id.account_manager_id")
    @api.depends_context("uid")
    def _compute_account_mgmt_can_manage(self):
        can_manage = self._account_mgmt_is_director()
        for partner in self:
            partner.account_mgmt_can_manage = can_manage
            partner.account_mgmt_can_edit_team = can_manage or (
                partner.commercial_partner_id.account_manager_id == self.env.user
            )

    @api.constrains("account_tier_locked", "account_tier_lock_reason")
    def _check_account_tier_lock(self):
        for partner in self:
            if (
                partner.account_tier_locked
                and not (partner.account_tier_lock_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Say why the tier of %(account)s is locked: the lock reason "
                        "is required.",
                        account=partner.display_name,
                    )
                )

    def _auto_init(self):
        # The first development versions of the add-on stored the tier fields as
        # plain columns: move their values to the company of each partner (or the
        # first company) so the company-dependent jsonb columns keep them.
        cr = self.env.cr
        columns = sql.table_columns(cr, self._table)
        for fname in TIER_FIELDS:
            column = columns.get(fname)
            if not column or column["udt_name"] == "jsonb":
                continue
            cr.execute(SQL("SELECT MIN(id) FROM res_company"))
            first_company = cr.fetchone()[0]
            cr.execute(
                SQL(
                    """
                    SELECT con.conname FROM pg_constraint con
                      JOIN pg_attribute att ON att.attrelid = con.conrelid
                                           AND att.attnum = ANY(con.conkey)
                     WHERE con.conrelid = %(table)s::regclass AND con.contype = 'f'
                       AND att.attname = %(col)s
                    """,
                    table=self._table,
                    col=fname,
                )
            )
            for (constraint,) in cr.fetchall():
                sql.drop_constraint(cr, self._table, constraint)
            cr.execute(
                SQL(
                    """
                    ALTER TABLE res_partner ALTER COLUMN %(col)s TYPE jsonb USING
                        CASE WHEN %(col)s IS NOT NULL THEN jsonb_build_object(
                            COALESCE(company_id, %(first_company)s), %(col)s
                        ) END
                    """,
                    col=SQL.identifier(fname),
                    first_company=first_company,
                )
            )
        return super()._auto_init()

    @api.model_create_multi
    def create(self, vals_list):
        self._account_mgmt_check_create(vals_list)
        partners = super().create(vals_list)
        tiered = partners.browse(
            partner.id
            for partner, vals in zip(partners, vals_list, strict=True)
            if vals.get("account_tier_id")
        )
        if tiered:
            tiered._check_company(["account_tier_id"])
            if not self._account_mgmt_tiering_context():
                accounts = tiered.filtered(lambda p: p.commercial_partner_id == p)
                accounts._account_mgmt_log_manual_tier_changes(
                    dict.fromkeys(accounts, self.env["account_mgmt.tier"])
                )
        return partners

    def write(self, vals):
        self._account_mgmt_check_write(vals)
        log_tier = (
            "account_tier_id" in vals and not self._account_mgmt_tiering_context()
        )
        if log_tier:
            accounts = self.filtered(lambda p: p.commercial_partner_id == p)
            old_tiers = {account: account.account_tier_id for account in accounts}
        res = super().write(vals)
        if vals.get("account_tier_id"):
            self._check_company(["account_tier_id"])
        if log_tier:
            changed = accounts.filtered(lambda p: p.account_tier_id != old_tiers[p])
            changed._account_mgmt_log_manual_tier_changes(old_tiers)
        return res

    def _account_mgmt_tiering_context(self):
        """Automatic tiering writes its own history: the context key saying so is
        honoured from superuser code only, never from a client's context."""
        return self.env.su and self.env.context.get("account_mgmt_tiering")

    def _commercial_fields(self):
        return super()._commercial_fields() + [
            *DIRECTOR_FIELDS,
            "account_annual_revenue",
            "account_gross_margin",
            "account_margin_percent",
            "account_group_revenue",
            "account_group_gross_margin",
            "account_group_margin_percent",
        ]

    def action_account_mgmt_view_tier_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_tier_history_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {}
        return action

    @api.model
    def _account_mgmt_is_director(self):
        """Directors, and administrators who could make themselves directors."""
        return is_director(self.env)

    @api.model
    def _account_mgmt_check_create(self, vals_list):
        if self._account_mgmt_is_director():
            return
        for vals in vals_list:
            if any(vals.get(fname) for fname in TIER_FIELDS) or vals.get(
                "account_manager_id"
            ) not in (None, False, self.env.uid):
                raise AccessError(
                    self.env._(
                        "Only account directors set the tier, lock it or choose "
                        "another account manager than yourself (%(name)s).",
                        name=vals.get("name") or "",
                    )
                )

    def _account_mgmt_check_write(self, vals):
        fnames = [fname for fname in DIRECTOR_FIELDS if fname in vals]
        if not fnames or self._account_mgmt_is_director():
            return
        for fname in fnames:
            field = self._fields[fname]
            new_value = field.convert_to_record(
                field.convert_to_cache(vals[fname], self, validate=False), self
            )
            changed = self.filtered(
                lambda p, f=fname, v=new_value: (p[f] or False) != (v or False)
            )
            if changed:
                raise AccessError(
                    self.env._(
                        "Only account directors can change %(field)s of %(accounts)s.",
                        field=field._description_string(self.env),
                        accounts=", ".join(changed[:5].mapped("display_name")),
                    )
                )

    def _account_mgmt_log_manual_tier_changes(self, old_tiers):
        """Record in the tier history the tiers set by hand on ``self`` (accounts)."""
        if not self:
            return
        # The history is an audit trail its readers can't write: create it as
        # superuser, on behalf of the user who changed the tier.
        self.env["account_mgmt.tier.history"].sudo().create(
            [
                {
                    "partner_id": account.id,
                    "company_id": self.env.company.id,
                    "old_tier_id": old_tiers[account].id,
                    "new_tier_id": account.account_tier_id.id,
                    "trigger": "manual",
                    "user_id": self.env.uid,
                    "reason": account.account_tier_locked
                    and account.account_tier_lock_reason
                    or self.env._("Set by hand"),
                    "annual_revenue": account.account_group_revenue,
                    "gross_margin": account.account_group_gross_margin,
                    "margin_percent": account.account_group_margin_percent,
                    "is_group_figures": account.account_group_member_count > 1,
                }
                for account in self
            ]
        )

    @api.model
    def _account_mgmt_figures_period(self):
        """First and last day of the months the account figures cover: the last
        12 months as of the day automatic tiering last computed them in the
        current company (the user's today when it never did)."""
        return last_12_months(
            self.env.company.account_mgmt_figures_date
            or fields.Date.context_today(self)
        )

    @api.model
    def _account_mgmt_months_label(self, date_from, date_to):
        """The months from ``date_from`` to ``date_to`` in the user's language,
        e.g. "Dec 2025 – Nov 2026"."""
        return months_label(
            date_from,
            date_to,
            lambda date: format_date(self.env, date, date_format="MMM y"),
        )
