# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ...tools.groups import GROUP_MANAGER


class CrmLead(models.Model):
    _inherit = "crm.lead"

    interaction_count = fields.Integer(
        compute="_compute_interaction_count",
        groups=GROUP_MANAGER,
    )

    def _compute_interaction_count(self):
        self.interaction_count = 0
        Interaction = self.env["account_mgmt.interaction"]
        if not self._origin.ids or not Interaction.has_access("read"):
            return
        counts = dict(
            Interaction._read_group(
                [("lead_id", "in", self._origin.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.interaction_count = counts.get(lead._origin, 0)

    def action_log_interaction(self):
        """Quick-log dialog for an interaction about this opportunity."""
        self.ensure_one()
        self.env["account_mgmt.interaction"].check_access("create")
        partner = self.partner_id
        if not partner:
            raise UserError(
                self.env._(
                    "Set the customer of %(lead)s first: the interaction is logged "
                    "on that account.",
                    lead=self.name,
                )
            )
        context = {
            "default_partner_id": partner.commercial_partner_id.id,
            "default_lead_id": self.id,
        }
        if partner != partner.commercial_partner_id:
            context["default_contact_ids"] = partner.ids
        return self.env["account_mgmt.interaction"]._account_mgmt_quick_log_action(
            context
        )

    @api.readonly
    def action_view_interactions(self):
        self.ensure_one()
        self.env["account_mgmt.interaction"].check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_interaction_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {
            "default_lead_id": self.id,
            "default_partner_id": self.partner_id.commercial_partner_id.id,
        }
        return action
