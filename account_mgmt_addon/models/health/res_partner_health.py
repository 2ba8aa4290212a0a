# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ...tools.groups import GROUP_FINANCE, GROUP_MANAGER, is_director
from ...tools.jobs import batch_size
from .account_mgmt_health_batches import HEALTH_BATCH_SIZE
from .account_mgmt_health_snapshot import BAND_SELECTION, TREND_SELECTION

HEALTH_GROUPS = f"{GROUP_MANAGER},{GROUP_FINANCE}"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Written by the health recompute (account_mgmt.health.snapshot) from the
    # latest snapshot of each account. Company-dependent like the tier: each
    # company scores the account on its own ledger, interactions and plans.
    account_health_score = fields.Float(
        string="Health Score",
        company_dependent=True,
        digits=(5, 2),
        readonly=True,
        copy=False,
        aggregator="avg",
        groups=HEALTH_GROUPS,
    )
    account_health_band = fields.Selection(
        selection=BAND_SELECTION,
        string="Health",
        company_dependent=True,
        readonly=True,
        copy=False,
        group_expand=True,
        groups=HEALTH_GROUPS,
        help="Green from the company's green threshold (76 by default), amber from "
        "its amber threshold (51), red below.",
    )
    account_health_trend = fields.Selection(
        selection=TREND_SELECTION,
        string="Health Trend",
        company_dependent=True,
        readonly=True,
        copy=False,
        groups=HEALTH_GROUPS,
        help="Up, flat (within 2 points) or down against the previous snapshot.",
    )
    account_health_date = fields.Date(
        string="Health Computed On",
        company_dependent=True,
        readonly=True,
        copy=False,
        groups=HEALTH_GROUPS,
    )
    account_health_main_reason = fields.Char(
        string="Main Health Issue",
        company_dependent=True,
        readonly=True,
        copy=False,
        groups=HEALTH_GROUPS,
        help="The measure that costs the account the most points.",
    )
    account_health_line_ids = fields.Many2many(
        comodel_name="account_mgmt.health.snapshot.line",
        string="Health Breakdown",
        compute="_compute_account_health_line_ids",
        compute_sudo=False,
        groups=HEALTH_GROUPS,
    )

    @api.depends_context("company", "uid")
    def _compute_account_health_line_ids(self):
        # The reader's own rights: managers see the breakdown of their accounts,
        # directors and finance of every account of their companies.
        lines = self.env["account_mgmt.health.snapshot.line"].search(
            [
                ("partner_id", "in", [pid for pid in self.ids if pid]),
                ("company_id", "=", self.env.company.id),
                ("snapshot_id.is_latest", "=", True),
            ]
        )
        by_partner = defaultdict(lambda: lines.browse())
        for line in lines:
            by_partner[line.partner_id.id] |= line
        for partner in self:
            partner.account_health_line_ids = by_partner[partner.id]

    @api.model
    def _account_health_domain(self):
        """The partners that may get a health score: commercial entities. Each
        company then scores those it tiered, invoiced or has an account manager
        for (see ``account_mgmt.health.snapshot._health_accounts``)."""
        return ["|", ("is_company", "=", True), ("parent_id", "=", False)]

    def action_account_health_recompute(self):
        """Director's button: recompute the health of the selected accounts, or of
        every account of the current companies when none is selected."""
        if not is_director(self.env):
            raise AccessError(
                self.env._("Only account directors can recompute health scores.")
            )
        Snapshot = self.env["account_mgmt.health.snapshot"].sudo()
        if not self:
            # Every account: more than a batch is left to the scheduled action,
            # in the background (a request must not outlast the web worker).
            Partner = self.sudo().with_context(active_test=True)
            count = Partner.search_count(Partner._account_health_domain())
            if count > batch_size(self.env, "health", HEALTH_BATCH_SIZE):
                Snapshot._health_hand_off()
                return {
                    "type": "ir.actions.client",
                    "tag": "display_notification",
                    "params": {
                        "type": "warning",
                        "title": self.env._("Health recompute in progress"),
                        "message": self.env._(
                            "The health of %(count)s accounts is being recomputed in "
                            "the background: reload in a few minutes.",
                            count=count,
                        ),
                        "sticky": True,
                    },
                }
        # sudo: the recompute reads the ledger, interactions and plans of every
        # account and writes snapshots, which directors don't all have rights on.
        snapshots = Snapshot._recompute_accounts(
            partners=self.sudo() if self else None,
            companies=self.env.companies,
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Health recomputed for %(count)s accounts.", count=len(snapshots)
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.readonly
    def action_view_account_health_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_health_snapshot_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"graph_groupbys": ["date:month"]}
        action["view_mode"] = "graph,list,form"
        action["views"] = [
            (view_id, mode)
            for view_id, mode in action.get("views", [])
            if mode in ("graph", "list", "form")
        ]
        action["views"].sort(key=lambda v: ["graph", "list", "form"].index(v[1]))
        return action
