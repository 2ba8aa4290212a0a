# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ...tools.groups import GROUP_DIRECTOR

APPROVAL_ACTIVITY_TYPE = "account_mgmt_addon.mail_activity_type_plan_approval"


class AccountMgmtPlan(models.Model):
    """Who hears of a plan's workflow: the directors get a to-do when a plan is
    submitted, its owner a notice when it is approved (the send-back already
    gives the owner a to-do with the reason)."""

    _inherit = "account_mgmt.plan"

    def action_submit(self):
        result = super().action_submit()
        self._account_mgmt_ask_approval()
        return result

    def action_approve(self):
        result = super().action_approve()
        self._account_mgmt_close_approval_requests(self.env._("Approved."))
        for plan in self:
            if plan.user_id and plan.user_id != self.env.user:
                plan.message_post(
                    body=self.env._(
                        "%(director)s approved the plan: its targets are locked.",
                        director=self.env.user.name,
                    ),
                    partner_ids=plan.user_id.partner_id.ids,
                    subtype_xmlid="mail.mt_note",
                )
        return result

    def _send_back(self, reason):
        result = super()._send_back(reason)
        self._account_mgmt_close_approval_requests(
            self.env._("Sent back: %(reason)s", reason=reason.strip())
        )
        return result

    def _account_mgmt_approvers(self):
        """The account directors of the plan's company, but the current user."""
        self.ensure_one()
        # sudo: an account manager may not read the users of the director group.
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", self.env.ref(GROUP_DIRECTOR).id),
                    ("company_ids", "in", self.company_id.id),
                    ("share", "=", False),
                    ("id", "!=", self.env.uid),
                ]
            )
        )

    def _account_mgmt_ask_approval(self):
        """One "Approve the account plan" to-do per director, never a second one
        while the first is open (a plan sent back and submitted again)."""
        activity_type = self.env.ref(APPROVAL_ACTIVITY_TYPE)
        open_requests = {
            (activity.res_id, activity.user_id.id)
            for activity in self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        }
        for plan in self:
            for director in plan._account_mgmt_approvers():
                if (plan.id, director.id) in open_requests:
                    continue
                # sudo: the owner has just submitted the plan (rights checked by
                # action_submit); the to-do is the director's.
                plan.sudo().activity_schedule(
                    APPROVAL_ACTIVITY_TYPE,
                    summary=self.env._("Approve the account plan"),
                    note=self.env._(
                        "%(owner)s submitted %(plan)s for approval.",
                        owner=self.env.user.name,
                        plan=plan.name,
                    ),
                    user_id=director.id,
                )

    def _account_mgmt_close_approval_requests(self, feedback):
        # sudo: the to-dos of the other directors are closed with this decision.
        self.sudo().activity_feedback([APPROVAL_ACTIVITY_TYPE], feedback=feedback)
