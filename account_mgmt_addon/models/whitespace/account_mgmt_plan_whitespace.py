# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMgmtPlan(models.Model):
    _inherit = "account_mgmt.plan"

    def action_view_whitespace(self):
        """The whitespace of the plan's account: "Create opportunity" there adds
        a growth opportunity to this plan (its gap counts it)."""
        self.ensure_one()
        self.check_access("write")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_whitespace_report_action"
        )
        action["domain"] = [
            ("partner_id", "=", self.partner_id.id),
            ("company_id", "=", self.company_id.id),
        ]
        action["context"] = {
            "search_default_whitespace": 1,
            "account_mgmt_plan_id": self.id,
        }
        return action
