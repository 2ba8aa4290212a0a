# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """The add-on's one override of marking activities done. Each feature reads
        what it needs before core deletes the activities, then acts:

        - plans (plan/mail_activity_plan.py): an account plan action's to-do
          completes the action, a plan review activity records the review;
        - interactions (interaction/mail_activity_interaction.py): a planned
          interaction's reminder completes it, a call or meeting on a partner, lead
          or sale order is logged as an interaction on the account.
        """
        plan_done = self._account_mgmt_plan_before_done()
        interaction_done = self._account_mgmt_interaction_before_done(feedback)
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        self._account_mgmt_interaction_after_done(*interaction_done)
        self._account_mgmt_plan_after_done(*plan_done)
        return result
