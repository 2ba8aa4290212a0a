# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


class AccountMgmtTierRecompute(models.TransientModel):
    """Dry run of automatic tiering: what would change, before applying it."""

    _name = "account_mgmt.tier.recompute"
    _description = "Preview and Apply Automatic Tiering"

    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        string="Figures Up To",
        required=True,
        default=fields.Date.context_today,
        help="The figures are those of the last 12 months as of this day: the 12 "
        "complete calendar months before the current one (for a past day, those "
        "complete at its end). Change it to see what tiering would have given then.",
    )
    line_ids = fields.One2many(
        comodel_name="account_mgmt.tier.recompute.line",
        inverse_name="wizard_id",
        string="Changes",
        readonly=True,
    )
    tiering_date = fields.Date(
        related="company_id.account_mgmt_tiering_date",
        string="Tiering in Progress As Of",
    )
    account_count = fields.Integer(
        string="Accounts Evaluated", readonly=True, help="Customer accounts evaluated."
    )
    locked_count = fields.Integer(
        string="Locked Accounts",
        readonly=True,
        help="Accounts whose tier is locked: their figures refresh, their tier stays.",
    )
    change_count = fields.Integer(string="Tier Changes", compute="_compute_counts")
    upgrade_count = fields.Integer(string="Upgrades", compute="_compute_counts")
    downgrade_count = fields.Integer(string="Downgrades", compute="_compute_counts")

    @api.depends("line_ids.direction")
    def _compute_counts(self):
        for wizard in self:
            directions = wizard.line_ids.mapped("direction")
            wizard.change_count = len(directions)
            wizard.upgrade_count = directions.count("upgrade") + directions.count(
                "assigned"
            )
            wizard.downgrade_count = directions.count("downgrade") + directions.count(
                "removed"
            )

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            if wizard.date > today:
                raise ValidationError(
                    self.env._(
                        "Tiering reads complete months only: choose a day up to "
                        "today (%(today)s), not %(date)s.",
                        today=format_date(self.env, today),
                        date=format_date(self.env, wizard.date),
                    )
                )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "line_ids" in fields_list:
            company = self.env["res.company"].browse(
                values.get("company_id") or self.env.company.id
            )
            values.update(self._preview_values(company, values.get("date")))
        return values

    @api.onchange("date")
    def _onchange_date(self):
        """Preview again on the figures of the chosen day."""
        if not self.date:
            return
        if self.date > fields.Date.context_today(self):
            return {
                "warning": {
                    "title": self.env._("Figures Up To"),
                    "message": self.env._(
                        "Tiering reads complete months only: choose a day up to today."
                    ),
                }
            }
        values = self._preview_values(self.company_id, self.date)
        values["line_ids"] = [Command.clear(), *values["line_ids"]]
        self.update(values)

    @api.model
    def _preview_values(self, company, date):
        """What automatic tiering would change in ``company`` on the figures of
        ``date``: the wizard's counts and lines."""
        self.env["res.partner"]._account_mgmt_check_director()
        evaluations = (
            self.env["res.partner"].sudo()._account_mgmt_evaluate_tiers(company, date)
        )
        return {
            "account_count": len(evaluations),
            "locked_count": len([e for e in evaluations if e.locked]),
            "line_ids": [
                Command.create(
                    {
                        "partner_id": e.partner_id,
                        "group_id": e.group_id if e.group_size > 1 else False,
                        "old_tier_id": e.old_tier_id,
                        "new_tier_id": e.new_tier_id,
                        "annual_revenue": e.group_figures.annual_revenue,
                        "gross_margin": e.group_figures.gross_margin,
                        "margin_percent": e.group_figures.margin_percent,
                    }
                )
                for e in evaluations
                if e.new_tier_id != e.old_tier_id
            ],
        }

    def action_apply(self):
        """Run automatic tiering for real, on the figures of the previewed day:
        the first batch of accounts now, the others by the scheduled action (on
        the figures of the same day), with an "in progress" notification."""
        self.ensure_one()
        partner = self.env["res.partner"]
        partner._account_mgmt_check_director()
        return partner._account_mgmt_start_tiering(self.company_id, self.date)


class AccountMgmtTierRecomputeLine(models.TransientModel):
    _name = "account_mgmt.tier.recompute.line"
    _description = "Tier Change Proposed by Automatic Tiering"
    _order = "direction, partner_id"

    wizard_id = fields.Many2one(
        comodel_name="account_mgmt.tier.recompute", required=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Account", readonly=True
    )
    group_id = fields.Many2one(
        comodel_name="res.partner",
        string="Group",
        readonly=True,
        help="The account is tiered on the figures of this corporate group.",
    )
    old_tier_id = fields.Many2one(
        comodel_name="account_mgmt.tier", string="From", readonly=True
    )
    new_tier_id = fields.Many2one(
        comodel_name="account_mgmt.tier", string="To", readonly=True
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
    )
    annual_revenue = fields.Monetary(string="Revenue (12 Months)", readonly=True)
    gross_margin = fields.Monetary(string="Gross Margin (12 Months)", readonly=True)
    margin_percent = fields.Float(string="Margin %", digits=(16, 2), readonly=True)

    @api.depends("old_tier_id", "new_tier_id")
    def _compute_direction(self):
        history = self.env["account_mgmt.tier.history"]
        for line in self:
            line.direction = history._tier_direction(line.old_tier_id, line.new_tier_id)
