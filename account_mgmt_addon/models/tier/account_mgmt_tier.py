# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL


class AccountMgmtTier(models.Model):
    _name = "account_mgmt.tier"
    _description = "Account Tier"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code, unique per company.")
    sequence = fields.Integer(
        default=10,
        help="Automatic tiering tries tiers in this order and assigns the first "
        "whose rules the account meets.",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        help="Leave empty to share the tier between companies.",
    )
    description = fields.Text(translate=True)
    # Qualifying rules (all optional, combined with AND; none at all = fallback tier)
    min_annual_revenue = fields.Monetary(
        string="Minimum Annual Revenue",
        currency_field="currency_id",
        help="Revenue of the last 12 months, in company currency.",
    )
    min_gross_margin = fields.Monetary(
        string="Minimum Gross Margin",
        currency_field="currency_id",
        help="Gross margin of the last 12 months, in company currency.",
    )
    min_margin_percent = fields.Float(
        string="Minimum Margin (%)",
        digits=(5, 2),
        help="Gross margin of the last 12 months as a percentage of revenue.",
    )
    is_fallback = fields.Boolean(
        compute="_compute_is_fallback",
        help="A tier without any rule takes every account no other tier took.",
    )
    # Service levels
    contact_cadence_days = fields.Integer(
        string="Contact Cadence (Days)",
        default=90,
        required=True,
        help="The account must be contacted at least this often.",
    )
    review_interval_days = fields.Integer(
        string="Plan Review Interval (Days)",
        default=90,
        required=True,
        help="How often the account plan is reviewed.",
    )
    requires_account_plan = fields.Boolean(
        help="Accounts of this tier must have an approved account plan."
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        compute="_compute_currency_id",
    )
    partner_count = fields.Integer(string="Accounts", compute="_compute_partner_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Two tiers of the same company can't share a code.",
        ),
    ]

    @api.depends("min_annual_revenue", "min_gross_margin", "min_margin_percent")
    def _compute_is_fallback(self):
        for tier in self:
            tier.is_fallback = not (
                tier.min_annual_revenue
                or tier.min_gross_margin
                or tier.min_margin_percent
            )

    @api.depends("company_id")
    def _compute_currency_id(self):
        for tier in self:
            tier.currency_id = (tier.company_id or self.env.company).currency_id

    @api.depends_context("company")
    def _compute_partner_count(self):
        # account_tier_id is company-dependent: count the accounts (commercial
        # entities) that have the tier in the current company.
        counts = dict(self._account_mgmt_usage([self.env.company.id]))
        for tier in self:
            tier.partner_count = counts.get(tier.id, 0)

    @api.constrains(
        "min_annual_revenue",
        "min_gross_margin",
        "min_margin_percent",
        "contact_cadence_days",
        "review_interval_days",
    )
    def _check_rules(self):
        for tier in self:
            if tier.min_annual_revenue < 0 or tier.min_gross_margin < 0:
                raise ValidationError(
                    self.env._(
                        "Tier %(tier)s: revenue and margin thresholds can't be "
                        "negative.",
                        tier=tier.name,
                    )
                )
            if not 0 <= tier.min_margin_percent <= 100:
                raise ValidationError(
                    self.env._(
                        "Tier %(tier)s: the minimum margin must be between 0 and "
                        "100 %%.",
                        tier=tier.name,
                    )
                )
            if tier.contact_cadence_days < 1 or tier.review_interval_days < 1:
                raise ValidationError(
                    self.env._(
                        "Tier %(tier)s: the contact cadence and the review interval "
                        "must be at least one day.",
                        tier=tier.name,
                    )
                )

    @api.constrains("code", "company_id")
    def _check_code_unique(self):
        # The SQL constraint misses two shared tiers (company NULL) with one code,
        # and a shared tier is a tier of every company: its code is taken in all.
        for tier in self:
            domain = [("id", "!=", tier.id), ("code", "=", tier.code)]
            if tier.company_id:
                domain.append(("company_id", "in", [False, tier.company_id.id]))
            if (
                self.with_context(active_test=False)
                .sudo()
                .search_count(domain, limit=1)
            ):
                raise ValidationError(
                    self.env._(
                        "Another tier already uses the code %(code)s in this company.",
                        code=tier.code,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        counts = dict(self._account_mgmt_usage())
        for tier in self:
            if counts.get(tier.id):
                raise UserError(
                    self.env._(
                        "Tier %(tier)s is used by %(count)s accounts: archive it "
                        "instead of deleting it.",
                        tier=tier.name,
                        count=counts[tier.id],
                    )
                )
        history = (
            self.env["account_mgmt.tier.history"]
            .sudo()  # count every change, whatever the user may read
            .search_count(
                ["|", ("old_tier_id", "in", self.ids), ("new_tier_id", "in", self.ids)],
                limit=1,
            )
        )
        if history:
            raise UserError(
                self.env._(
                    "%(tiers)s appear in the tier history of accounts: archive them "
                    "instead of deleting them.",
                    tiers=", ".join(self.mapped("name")),
                )
            )

    def _account_mgmt_usage(self, company_ids=None):
        """[(tier id, number of accounts having it)] in ``company_ids`` (default:
        any company). One query over the company-dependent column."""
        if not self.ids:
            return []
        self.env["res.partner"].flush_model(
            ["account_tier_id", "commercial_partner_id"]
        )
        company_filter = (
            SQL("AND tier.company_key = ANY(%s)", [str(cid) for cid in company_ids])
            if company_ids
            else SQL()
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT (tier.value ->> 0)::int, COUNT(DISTINCT partner.id)
                  FROM res_partner partner,
                       jsonb_each(partner.account_tier_id) AS tier(company_key, value)
                 WHERE partner.account_tier_id IS NOT NULL
                   AND partner.id = partner.commercial_partner_id
                   AND jsonb_typeof(tier.value) = 'number'
                   AND (tier.value ->> 0)::int = ANY(%(ids)s)
                   %(company_filter)s
              GROUP BY 1
                """,
                ids=self.ids,
                company_filter=company_filter,
            )
        )
        return self.env.cr.fetchall()

    @api.readonly
    def action_view_accounts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.res_partner_action_accounts"
        )
        action["context"] = {
            "default_is_company": True,
            "res_partner_search_mode": "customer",
            "search_default_account_tier_id": self.id,
        }
        return action
