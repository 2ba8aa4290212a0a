# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from ...tools import plan_progress
from ...tools.sql_arrays import sql_unnest


class AccountMgmtPlanObjective(models.Model):
    _inherit = "account_mgmt.plan.objective"

    # The live status depends on today and on the ledger: the health score keeps
    # the one it measured, so that the team's workload can count off-track
    # objectives per person in SQL.
    health_status = fields.Selection(
        selection=plan_progress.STATUS_SELECTION,
        string="Status at Last Health Score",
        readonly=True,
        copy=False,
    )
    health_status_date = fields.Date(
        string="Health Score Date", readonly=True, copy=False
    )

    def _health_store_statuses(self, date):
        """Keep the (just computed) live status of these objectives, as of
        ``date``: one statement whatever their number."""
        if not self:
            return
        self.env.execute_query(
            SQL(
                """
                UPDATE account_mgmt_plan_objective objective
                   SET health_status = measured.status,
                       health_status_date = %(date)s
                  FROM %(measured)s
                 WHERE objective.id = measured.id
                """,
                date=date,
                measured=sql_unnest(
                    "measured",
                    {
                        "id": ("int", self.ids),
                        "status": ("varchar", self.mapped("status")),
                    },
                ),
            )
        )
        self.invalidate_recordset(["health_status", "health_status_date"])
