# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Health snapshots of the accounts and their lines (one per measure).

The set-based recompute that writes them extends the snapshot model in its own
files: the orchestration and the bulk writes
(``account_mgmt_health_snapshot_recompute``), the per-measure queries and scores
(``account_mgmt_health_snapshot_measures``) and the at-risk alerts
(``account_mgmt_health_snapshot_alerts``). The recompute is bounded in queries
whatever the number of accounts: one query lists the accounts, one SQL statement
per measure gathers every account's raw figures, the plain-Python functions of
``tools/health_scoring`` turn them into scores, and a handful of statements write
the snapshots, their lines and the partners' stored figures.
"""

from odoo import api, fields, models

from .account_mgmt_health_measure import MEASURE_CODES

BAND_SELECTION = [("red", "Red"), ("amber", "Amber"), ("green", "Green")]
TREND_SELECTION = [("up", "Up"), ("flat", "Flat"), ("down", "Down")]
ALERT_SELECTION = [
    ("band_red", "Health Turned Red"),
    ("score_drop", "Health Dropped"),
    ("objective_off_track", "Plan Objective Off Track"),
    ("overdue_60", "Invoices Long Overdue"),
]


class AccountMgmtHealthSnapshot(models.Model):
    _name = "account_mgmt.health.snapshot"
    _description = "Account Health Snapshot"
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Account",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, readonly=True, index=True
    )
    date = fields.Date(required=True, readonly=True, index=True)
    is_latest = fields.Boolean(
        string="Latest",
        readonly=True,
        index=True,
        help="The account's most recent snapshot, the one its health fields show.",
    )
    score = fields.Float(readonly=True, digits=(5, 2), aggregator="avg")
    band = fields.Selection(selection=BAND_SELECTION, readonly=True)
    trend = fields.Selection(selection=TREND_SELECTION, readonly=True)
    previous_score = fields.Float(readonly=True, digits=(5, 2), aggregator="avg")
    score_delta = fields.Float(
        string="Change",
        readonly=True,
        digits=(5, 2),
        aggregator="avg",
        help="Score minus the score of the previous snapshot.",
    )
    main_reason = fields.Char(
        readonly=True,
        help="The measure that costs the account the most points.",
    )
    account_manager_id = fields.Many2one(
        comodel_name="res.users", readonly=True, index=True
    )
    tier_id = fields.Many2one(
        comodel_name="account_mgmt.tier", string="Tier", readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    revenue_12m = fields.Monetary(
        string="Revenue (12 Months)",
        readonly=True,
        help="Invoiced revenue of the last twelve full months, in company currency.",
    )
    overdue_amount = fields.Monetary(
        string="Overdue",
        readonly=True,
        help="Open receivable past its due date.",
    )
    overdue_60_amount = fields.Monetary(
        string="Overdue > 60 Days",
        readonly=True,
    )
    days_since_contact = fields.Integer(
        readonly=True,
        aggregator="avg",
        help="Days since the last contact; -1 when the account was never contacted.",
    )
    contact_overdue_count = fields.Integer(
        string="Overdue Contacts",
        readonly=True,
        help="1 when the last contact is older than the tier's cadence.",
    )
    has_plan = fields.Boolean(string="Current Plan", readonly=True)
    plan_progress = fields.Float(
        readonly=True,
        digits=(5, 1),
        aggregator="avg",
        help="Objectives on track or done in the current approved plan, in percent.",
    )
    off_track_count = fields.Integer(string="Objectives Off Track", readonly=True)
    missing_plan_count = fields.Integer(
        string="Missing Plans",
        readonly=True,
        help="1 when the tier requires an account plan and no approved plan covers "
        "the date.",
    )
    line_ids = fields.One2many(
        comodel_name="account_mgmt.health.snapshot.line",
        inverse_name="snapshot_id",
        string="Breakdown",
        readonly=True,
    )

    _sql_constraints = [
        (
            "partner_company_date_uniq",
            "unique(partner_id, company_id, date)",
            "An account has one health snapshot per company and day.",
        ),
    ]

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        for snapshot in self:
            snapshot.display_name = self.env._(
                "%(account)s on %(date)s",
                account=snapshot.partner_id.display_name,
                date=snapshot.date,
            )

    @api.readonly
    def action_open_account(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "views": [(False, "form")],
        }


class AccountMgmtHealthSnapshotLine(models.Model):
    _name = "account_mgmt.health.snapshot.line"
    _description = "Account Health Snapshot Measure"
    _order = "snapshot_id, sequence, id"
    _check_company_auto = True

    snapshot_id = fields.Many2one(
        comodel_name="account_mgmt.health.snapshot",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
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
        comodel_name="res.company", required=True, readonly=True, index=True
    )
    date = fields.Date(required=True, readonly=True)
    measure_id = fields.Many2one(
        comodel_name="account_mgmt.health.measure",
        string="Health Measure",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    name = fields.Char(related="measure_id.name", string="Measure")
    code = fields.Selection(selection=MEASURE_CODES, readonly=True)
    sequence = fields.Integer(readonly=True)
    applicable = fields.Boolean(readonly=True)
    value = fields.Float(
        readonly=True,
        digits=(16, 2),
        help="The measured figure: days since the last contact, change in percent, "
        "share overdue in percent, blended sentiment or plan progress.",
    )
    value_display = fields.Char(string="Detail", readonly=True)
    score = fields.Float(readonly=True, digits=(5, 1), aggregator="avg")
    weight = fields.Float(
        string="Configured Weight (%)",
        readonly=True,
        digits=(5, 1),
        help="The measure's configured share of the score.",
    )
    effective_weight = fields.Float(
        string="Weight (%)",
        readonly=True,
        digits=(5, 1),
        help="Its share for this account: the weight of the measures without data "
        "is spread over the others.",
    )
    contribution = fields.Float(
        readonly=True,
        digits=(5, 1),
        help="Points this measure adds to the score (score x effective weight).",
    )
