# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class AccountMgmtWorkloadReport(models.Model):
    """The team's workload per person, from the latest health scores: the
    accounts each manages, with those at risk (red), their overdue contacts and
    missing plans, the plan objectives each is responsible for that are off track
    (whoever manages the account), and the plans each owns that await a
    director's approval. The director's Team Overview reads its figures here."""

    _name = "account_mgmt.workload.report"
    _description = "Team Workload"
    _auto = False
    _rec_name = "user_id"

    user_id = fields.Many2one(
        comodel_name="res.users", string="Team Member", readonly=True
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Account", readonly=True
    )
    company_id = fields.Many2one(
        comodel_name="res.company", string="Company", readonly=True
    )
    objective_id = fields.Many2one(
        comodel_name="account_mgmt.plan.objective", string="Objective", readonly=True
    )
    plan_id = fields.Many2one(
        comodel_name="account_mgmt.plan", string="Account Plan", readonly=True
    )
    account_count = fields.Integer(
        string="Accounts Managed",
        readonly=True,
        help="Accounts the person manages, with a health score.",
    )
    contact_overdue_count = fields.Integer(
        string="Overdue Contacts",
        readonly=True,
        help="Accounts the person manages whose next contact is overdue.",
    )
    missing_plan_count = fields.Integer(
        string="Missing Plans",
        readonly=True,
        help="Accounts the person manages whose tier requires a plan and that have "
        "no current approved plan.",
    )
    at_risk_count = fields.Integer(
        string="At-Risk Accounts",
        readonly=True,
        help="Accounts the person manages whose latest health score is red.",
    )
    off_track_count = fields.Integer(
        string="Objectives Off Track",
        readonly=True,
        help="Objectives of current approved plans that the person is responsible "
        "for and that were off track at the last health score, on any account.",
    )
    to_approve_count = fields.Integer(
        string="Plans to Approve",
        readonly=True,
        help="Account plans the person owns that are submitted and await a "
        "director's approval.",
    )

    _depends = {
        "account_mgmt.health.snapshot": [
            "account_manager_id",
            "partner_id",
            "company_id",
            "date",
            "is_latest",
            "contact_overdue_count",
            "missing_plan_count",
            "band",
        ],
        "account_mgmt.plan.objective": [
            "plan_id",
            "user_id",
            "health_status",
            "health_status_date",
        ],
        "account_mgmt.plan": ["partner_id", "company_id", "user_id", "state"],
    }

    @property
    def _table_query(self) -> SQL:
        return self._sql_workload()

    @api.model
    def _sql_workload(self) -> SQL:
        # Ids: 3n for an account's snapshot, 3n + 1 for an objective, 3n + 2 for
        # a plan to approve.
        return SQL(
            """
            SELECT snapshot.id * 3 AS id,
                   snapshot.account_manager_id AS user_id,
                   snapshot.partner_id,
                   snapshot.company_id,
                   NULL::integer AS objective_id,
                   NULL::integer AS plan_id,
                   1 AS account_count,
                   (snapshot.band = 'red')::integer AS at_risk_count,
                   snapshot.contact_overdue_count,
                   snapshot.missing_plan_count,
                   0 AS off_track_count,
                   0 AS to_approve_count
              FROM account_mgmt_health_snapshot snapshot
             WHERE snapshot.is_latest
             UNION ALL
            SELECT objective.id * 3 + 1,
                   COALESCE(objective.user_id, plan.user_id),
                   plan.partner_id,
                   plan.company_id,
                   objective.id,
                   plan.id,
                   0,
                   0,
                   0,
                   0,
                   1,
                   0
              FROM account_mgmt_plan_objective objective
              JOIN account_mgmt_plan plan ON plan.id = objective.plan_id
              JOIN account_mgmt_health_snapshot snapshot
                ON snapshot.partner_id = plan.partner_id
               AND snapshot.company_id = plan.company_id
               AND snapshot.is_latest
               AND snapshot.date = objective.health_status_date
             WHERE objective.health_status = 'off_track'
             UNION ALL
            SELECT plan.id * 3 + 2,
                   plan.user_id,
                   plan.partner_id,
                   plan.company_id,
                   NULL,
                   plan.id,
                   0,
                   0,
                   0,
                   0,
                   0,
                   1
              FROM account_mgmt_plan plan
             WHERE plan.state = 'submitted'
            """
        )
