# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.health.account_mgmt_health_snapshot import BAND_SELECTION

BANDS = [band for band, _label in BAND_SELECTION]
WORKLOAD_FIGURES = (
    "account_count",
    "at_risk_count",
    "contact_overdue_count",
    "missing_plan_count",
    "off_track_count",
    "to_approve_count",
)


class AccountMgmtTeamOverview(models.TransientModel):
    """The directors' landing page: the accounts of their companies by tier and
    health band, and each person's workload, on one screen.

    No figure of its own: the tier x band counts are the Health Overview's (the
    latest health snapshots grouped by tier and band), the workload is the Team
    Workload report's, both read as the user (their companies, their rules).
    Each line opens the records it counts."""

    _name = "account_mgmt.team.overview"
    _description = "Team Overview"

    tier_line_ids = fields.One2many(
        comodel_name="account_mgmt.team.overview.tier",
        inverse_name="overview_id",
        string="Health by Tier and Band",
        readonly=True,
    )
    workload_line_ids = fields.One2many(
        comodel_name="account_mgmt.team.overview.workload",
        inverse_name="overview_id",
        string="Workload per Person",
        readonly=True,
    )
    account_count = fields.Integer(
        string="Accounts", compute="_compute_totals", help="Accounts with a score."
    )
    at_risk_count = fields.Integer(
        string="At Risk", compute="_compute_totals", help="Accounts in the red band."
    )
    contact_overdue_count = fields.Integer(
        string="Overdue Contacts", compute="_compute_totals"
    )
    to_approve_count = fields.Integer(
        string="Plans to Approve", compute="_compute_totals"
    )

    @api.depends(
        "tier_line_ids.account_count",
        "tier_line_ids.red_count",
        "workload_line_ids.contact_overdue_count",
        "workload_line_ids.to_approve_count",
    )
    def _compute_totals(self):
        for overview in self:
            overview.account_count = sum(overview.tier_line_ids.mapped("account_count"))
            overview.at_risk_count = sum(overview.tier_line_ids.mapped("red_count"))
            overview.contact_overdue_count = sum(
                overview.workload_line_ids.mapped("contact_overdue_count")
            )
            overview.to_approve_count = sum(
                overview.workload_line_ids.mapped("to_approve_count")
            )

    def _compute_display_name(self):
        for overview in self:
            overview.display_name = self.env._("Team Overview")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "tier_line_ids" in fields_list:
            values["tier_line_ids"] = [
                Command.create(line) for line in self._tier_lines()
            ]
        if "workload_line_ids" in fields_list:
            values["workload_line_ids"] = [
                Command.create(line) for line in self._workload_lines()
            ]
        return values

    @api.model
    def _tier_lines(self):
        """One line per tier (no tier last): its accounts in each band, as the
        Health Overview counts them."""
        groups = self.env["account_mgmt.health.snapshot"]._read_group(
            [("is_latest", "=", True)], ["tier_id", "band"], ["__count"]
        )
        lines = {}
        for tier, band, count in groups:
            line = lines.setdefault(
                tier,
                {
                    "tier_id": tier.id,
                    "name": tier.name or self.env._("No Tier"),
                    **{f"{b}_count": 0 for b in BANDS},
                },
            )
            if band:
                line[f"{band}_count"] += count
            line["account_count"] = line.get("account_count", 0) + count
        tiers = sorted(lines, key=lambda tier: (not tier, tier.sequence, tier.id))
        return [lines[tier] for tier in tiers]

    @api.model
    def _workload_lines(self):
        """One line per person with a figure: the Team Workload's sums."""
        groups = self.env["account_mgmt.workload.report"]._read_group(
            [],
            ["user_id"],
            [f"{fname}:sum" for fname in WORKLOAD_FIGURES],
            order="user_id",
        )
        return [
            {
                "user_id": user.id,
                "name": user.name or self.env._("No Account Manager"),
                **dict(zip(WORKLOAD_FIGURES, figures, strict=True)),
            }
            for user, *figures in groups
            if any(figures)
        ]

    def copy(self, default=None):
        # A copy would read the figures again (default_get), not copy them.
        if self:
            raise UserError(
                self.env._(
                    "A Team Overview is not duplicated: open it again to read the "
                    "figures of now."
                )
            )
        return super().copy(default=default)

    @api.model
    def _action_open_team_overview(self):
        """The landing page of directors: a new overview, its lines read now
        (default_get), opened in its form."""
        overview = self.create({})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Team Overview"),
            "res_model": self._name,
            "res_id": overview.id,
            "views": [
                (
                    self.env.ref(
                        "account_mgmt_addon.account_mgmt_team_overview_view_form"
                    ).id,
                    "form",
                )
            ],
            "view_mode": "form",
            "target": "current",
        }

    def _open(self, xmlid, domain=None, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        if domain is not None:
            action["domain"] = domain
        if context is not None:
            action["context"] = context
        return action

    def action_open_health_overview(self):
        return self._open(
            "account_mgmt_addon.account_mgmt_health_snapshot_action_overview"
        )

    def action_open_at_risk(self):
        return self._open("account_mgmt_addon.res_partner_action_at_risk")

    def action_open_workload(self):
        return self._open(
            "account_mgmt_addon.account_mgmt_health_snapshot_action_workload"
        )

    def action_open_to_approve(self):
        return self._open("account_mgmt_addon.account_mgmt_plan_action_to_approve")


class AccountMgmtTeamOverviewTier(models.TransientModel):
    _name = "account_mgmt.team.overview.tier"
    _description = "Team Overview: Health by Tier"

    overview_id = fields.Many2one(
        comodel_name="account_mgmt.team.overview", required=True, ondelete="cascade"
    )
    tier_id = fields.Many2one(comodel_name="account_mgmt.tier", string="Tier")
    name = fields.Char(string="Tier Name")
    green_count = fields.Integer(string="Green")
    amber_count = fields.Integer(string="Amber")
    red_count = fields.Integer(string="Red")
    account_count = fields.Integer(string="Accounts")

    def action_open_accounts(self):
        """The latest health scores of the tier's accounts (no tier: those
        without one)."""
        self.ensure_one()
        action = self.overview_id._open(
            "account_mgmt_addon.account_mgmt_health_snapshot_action_overview",
            domain=[("tier_id", "=", self.tier_id.id)],
            context={"search_default_latest": 1},
        )
        action["views"] = [(False, "list"), (False, "form")]
        action["view_mode"] = "list,form"
        action["name"] = self.name
        return action


class AccountMgmtTeamOverviewWorkload(models.TransientModel):
    _name = "account_mgmt.team.overview.workload"
    _description = "Team Overview: Workload per Person"

    overview_id = fields.Many2one(
        comodel_name="account_mgmt.team.overview", required=True, ondelete="cascade"
    )
    user_id = fields.Many2one(comodel_name="res.users", string="Team Member")
    name = fields.Char(string="Team Member Name")
    account_count = fields.Integer(string="Accounts")
    at_risk_count = fields.Integer(string="At Risk")
    contact_overdue_count = fields.Integer(string="Overdue Contacts")
    missing_plan_count = fields.Integer(string="Missing Plans")
    off_track_count = fields.Integer(string="Objectives Off Track")
    to_approve_count = fields.Integer(string="Plans to Approve")

    def action_open_workload(self):
        """The person's rows of the Team Workload: accounts, objectives off
        track, plans to approve."""
        self.ensure_one()
        action = self.overview_id._open(
            "account_mgmt_addon.account_mgmt_health_snapshot_action_workload",
            domain=[("user_id", "=", self.user_id.id)],
        )
        action["views"] = [
            (view_id, mode) for view_id, mode in action["views"] if mode == "list"
        ]
        action["view_mode"] = "list"
        action["name"] = self.name
        return action

    def action_open_at_risk(self):
        """The person's accounts in the red band."""
        self.ensure_one()
        return self.overview_id._open(
            "account_mgmt_addon.res_partner_action_at_risk",
            domain=[
                "|",
                ("is_company", "=", True),
                ("parent_id", "=", False),
                ("account_health_band", "=", "red"),
                ("account_manager_id", "=", self.user_id.id),
            ],
        )

    def action_open_to_approve(self):
        """The plans the person submitted, waiting for approval."""
        self.ensure_one()
        return self.overview_id._open(
            "account_mgmt_addon.account_mgmt_plan_action_to_approve",
            domain=[("state", "=", "submitted"), ("user_id", "=", self.user_id.id)],
        )
