# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ...tools.groups import GROUP_PROFITABILITY, GROUP_REVENUE


class AccountMgmtTierHistory(models.Model):
    """One tier change of one account in one company, automatic or by hand.

    Rows are written by the add-on only (automatic tiering, manual changes through
    the partner form): users read them, nobody edits them.
    """

    _name = "account_mgmt.tier.history"
    _description = "Account Tier Change"
    _order = "date desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    date = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now, index=True
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Account",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    old_tier_id = fields.Many2one(
        comodel_name="account_mgmt.tier",
        string="From Tier",
        readonly=True,
        ondelete="restrict",
    )
    new_tier_id = fields.Many2one(
        comodel_name="account_mgmt.tier",
        string="To Tier",
        readonly=True,
        ondelete="restrict",
    )
    direction = fields.Selection(
        selection=[
            ("assigned", "First Tier"),
            ("upgrade", "Upgrade"),
            ("downgrade", "Downgrade"),
            ("removed", "Tier Removed"),
        ],
        compute="_compute_direction",
        store=True,
        help="Compared by tier sequence when the change happened: a tier earlier in "
        "the sequence ranks higher.",
    )
    trigger = fields.Selection(
        selection=[("auto", "Automatic Tiering"), ("manual", "Manual Change")],
        required=True,
        readonly=True,
        default="manual",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Changed By",
        readonly=True,
        default=lambda self: self.env.user,
    )
    # Automatic tiering's reason quotes the revenue and margin.
    reason = fields.Char(readonly=True, groups=GROUP_PROFITABILITY)
    # Figures the decision was based on (those of the corporate group for its
    # members), last 12 months, company currency.
    # Revenue: whoever reads the row (the account's people, directors, finance);
    # margins: the profitability audience only (see res_partner).
    annual_revenue = fields.Monetary(
        string="Revenue (12 Months)",
        readonly=True,
        aggregator=None,
        groups=GROUP_REVENUE,
    )
    gross_margin = fields.Monetary(
        string="Gross Margin (12 Months)",
        readonly=True,
        aggregator=None,
        groups=GROUP_PROFITABILITY,
    )
    margin_percent = fields.Float(
        string="Margin (%)",
        digits=(16, 2),
        readonly=True,
        aggregator=None,
        groups=GROUP_PROFITABILITY,
    )
    is_group_figures = fields.Boolean(
        string="Group Figures",
        readonly=True,
        help="The figures are the totals of the account's corporate group.",
    )

    @api.depends("old_tier_id", "new_tier_id")
    def _compute_direction(self):
        # Stored once at creation: resequencing tiers later doesn't rewrite history.
        for change in self:
            change.direction = self._tier_direction(
                change.old_tier_id, change.new_tier_id
            )

    @api.model
    def _tier_direction(self, old_tier, new_tier):
        """Direction of a change from ``old_tier`` to ``new_tier`` (records, maybe
        empty): a tier earlier in the sequence ranks higher."""
        if not old_tier:
            return "assigned" if new_tier else False
        if not new_tier:
            return "removed"
        if (new_tier.sequence, new_tier.id) < (old_tier.sequence, old_tier.id):
            return "upgrade"
        return "downgrade"
