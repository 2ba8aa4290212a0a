# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

WHITESPACE_READERS = (
    "account_mgmt_addon.group_account_manager,account_mgmt_addon.group_account_finance"
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    account_whitespace_top_ids = fields.Many2many(
        comodel_name="account_mgmt.whitespace.report",
        string="Cross-sell",
        compute="_compute_account_whitespace_top_ids",
        groups=WHITESPACE_READERS,
        help="The 3 product categories of highest expected value the account "
        "doesn't buy and most of its peers do (whitespace, last 12 months).",
    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_account_whitespace_top_ids(self):
        accounts = self._origin.commercial_partner_id
        top = self.env["account_mgmt.whitespace.report"]._account_top_whitespace(
            accounts
        )
        for partner in self:
            partner.account_whitespace_top_ids = top.get(
                partner._origin.commercial_partner_id.id,
                self.env["account_mgmt.whitespace.report"],
            )

    def action_view_account_whitespace(self):
        """The account's rows of the whitespace report."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_whitespace_report_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"search_default_whitespace": 1}
        return action
