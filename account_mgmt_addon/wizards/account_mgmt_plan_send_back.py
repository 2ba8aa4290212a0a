# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMgmtPlanSendBack(models.TransientModel):
    _name = "account_mgmt.plan.send.back"
    _description = "Send an Account Plan Back to Its Owner"

    plan_id = fields.Many2one(
        comodel_name="account_mgmt.plan",
        string="Plan",
        required=True,
        ondelete="cascade",
    )
    reason = fields.Text(
        required=True,
        help="Tell the owner what to change: it is posted on the plan and given to "
        "them as a to-do.",
    )

    def action_confirm(self):
        self.ensure_one()
        self.plan_id._send_back(self.reason)
        return {"type": "ir.actions.act_window_close"}
