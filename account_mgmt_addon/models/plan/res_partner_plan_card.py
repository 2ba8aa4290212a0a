# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ...tools import plan_progress
from ...tools.groups import GROUP_MANAGER

OK_STATUSES = (plan_progress.ON_TRACK, plan_progress.DONE)


class ResPartner(models.Model):
    _inherit = "res.partner"

    account_plan_objective_count = fields.Integer(
        string="Current Plan Objectives",
        compute="_compute_account_plan_objectives",
        groups=GROUP_MANAGER,
    )
    account_plan_objective_ok_count = fields.Integer(
        string="Objectives On Track or Done",
        compute="_compute_account_plan_objectives",
        groups=GROUP_MANAGER,
        help="Objectives of the current plan on track or done today: the count the "
        "health score's plan measure reads.",
    )

    @api.depends("account_plan_current_id")
    def _compute_account_plan_objectives(self):
        # The current plans come with their objectives (one search_fetch in
        # _compute_account_plan); their statuses are computed for all at once.
        # A margin objective's status is hidden from users without the
        # profitability group: it does not count as on track for them.
        objectives = self.account_plan_current_id.objective_ids
        objectives.mapped("status")
        for partner in self:
            plan_objectives = partner.account_plan_current_id.objective_ids
            partner.account_plan_objective_count = len(plan_objectives)
            partner.account_plan_objective_ok_count = len(
                plan_objectives.filtered(lambda o: o.status in OK_STATUSES)
            )
