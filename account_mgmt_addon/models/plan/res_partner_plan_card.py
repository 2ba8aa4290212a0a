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
        # The count is the health score's (its plan measure says "2 of 6
        # objectives on track or done" to the same readers): a margin objective
        # whose figures the user may not see still counts by its status, read
        # as superuser, so the card and the health detail never disagree; the
        # status itself stays hidden on the objective.
        objectives = self.account_plan_current_id.objective_ids.sudo()
        objectives.mapped("status")
        for partner in self:
            plan_objectives = objectives.filtered(
                lambda o, plan=partner.account_plan_current_id: o.plan_id == plan
            )
            partner.account_plan_objective_count = len(plan_objectives)
            partner.account_plan_objective_ok_count = len(
                plan_objectives.filtered(lambda o: o.status in OK_STATUSES)
            )
