# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _account_mgmt_plan_before_done(self):
        """Completing the activity of an account plan action completes the action;
        completing a plan review activity records the review on the plan (see
        common/mail_activity.py). Returns (actions, reviewed plans), read before
        core deletes the activities."""
        plan_activities = self.filtered(
            lambda act: act.res_model == "account_mgmt.plan"
        )
        actions = self.env["account_mgmt.plan.action"]
        reviewed_plans = self.env["account_mgmt.plan"]
        if plan_activities:
            # sudo: the assignee may complete their to-do without write access to
            # the plan (as mail allows); only the action's state follows.
            actions = (
                self.env["account_mgmt.plan.action"]
                .sudo()
                .search(
                    [
                        ("activity_id", "in", plan_activities.ids),
                        ("state", "=", "todo"),
                    ]
                )
            )
            review_type = self.env.ref(
                "account_mgmt_addon.mail_activity_type_plan_review",
                raise_if_not_found=False,
            )
            reviewed_plans = (
                self.env["account_mgmt.plan"]
                .sudo()
                .browse(
                    plan_activities.filtered(
                        lambda act: act.activity_type_id == review_type
                    ).mapped("res_id")
                )
            )
            # Detach first so that the action does not complete the activity again.
            actions.activity_id = False
        return actions, reviewed_plans

    @api.model
    def _account_mgmt_plan_after_done(self, actions, reviewed_plans):
        if actions:
            actions.write({"state": "done"})
        if reviewed_plans:
            reviewed_plans.write({"date_last_review": fields.Date.context_today(self)})
