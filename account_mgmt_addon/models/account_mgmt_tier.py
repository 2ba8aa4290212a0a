# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


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
        help="Trailing twelve months revenue, in company currency.",
    )
    min_gross_margin = fields.Monetary(
        string="Minimum Gross Margin",
        currency_field="currency_id",
        help="Trailing twelve months gross margin, in company currency.",
    )
    min_margin_percent = fields.Float(
        string="Minimum Margin (%)",
        digits=(5, 2),
        help="Trailing twelve months gross margin as a percentage of revenue.",
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

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]
            .with_context(active_test=False)
            ._read_group(
                [("account_tier_id", "in", self.ids), ("is_company", "=", True)],
                ["account_tier_id"],
                ["__count"],
            )
        )
        for tier in self:
            tier.partner_count = counts.get(tier, 0)

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
        # The SQL constraint misses two shared tiers (company NULL) with one code.
        for tier in self:
            domain = [
                ("id", "!=", tier.id),
                ("code", "=", tier.code),
                ("company_id", "=", tier.company_id.id),
            ]
            if self.with_context(active_test=False).search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "Another tier already uses the code %(code)s in this company.",
                        code=tier.code,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        partners = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .sudo()  # count every account, whatever the user may read
            ._read_group(
                [("account_tier_id", "in", self.ids)], ["account_tier_id"], ["__count"]
            )
        )
        for tier, count in partners:
            raise UserError(
                self.env._(
                    "Tier %(tier)s is used by %(count)s accounts: archive it instead "
                    "of deleting it.",
                    tier=tier.name,
                    count=count,
                )
            )
