# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ...tools.groups import GROUP_MANAGER


class AccountMgmtInteraction(models.Model):
    _inherit = "account_mgmt.interaction"

    plan_id = fields.Many2one(
        comodel_name="account_mgmt.plan",
        string="Account Plan",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        groups=GROUP_MANAGER,
        domain="[('partner_id', 'parent_of', partner_id), "
        "('state', 'in', ('draft', 'submitted', 'approved'))]",
        help="The account plan this interaction serves.",
    )
    objective_id = fields.Many2one(
        comodel_name="account_mgmt.plan.objective",
        string="Plan Objective",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        groups=GROUP_MANAGER,
        domain="[('plan_id', '=', plan_id)] if plan_id else "
        "[('plan_id.partner_id', 'parent_of', partner_id), "
        "('plan_id.state', 'in', ('draft', 'submitted', 'approved'))]",
    )

    @api.onchange("objective_id")
    def _onchange_objective_id(self):
        if self.objective_id:
            self.plan_id = self.objective_id.plan_id

    @api.onchange("plan_id")
    def _onchange_plan_id(self):
        if self.objective_id and self.objective_id.plan_id != self.plan_id:
            self.objective_id = False

    @api.constrains("plan_id", "objective_id", "partner_id")
    def _check_plan(self):
        for interaction in self:
            plan = interaction.plan_id
            if interaction.objective_id and interaction.objective_id.plan_id != plan:
                raise ValidationError(
                    self.env._(
                        "Objective %(objective)s belongs to plan %(plan)s: link the "
                        "interaction to that plan.",
                        objective=interaction.objective_id.name,
                        plan=interaction.objective_id.plan_id.name,
                    )
                )
            if plan and not plan._is_in_account(interaction.partner_id):
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s is for %(account)s: an interaction with "
                        "%(partner)s can't serve it.",
                        plan=plan.name,
                        account=plan.partner_id.display_name,
                        partner=interaction.partner_id.display_name,
                    )
                )


class AccountMgmtPlan(models.Model):
    _inherit = "account_mgmt.plan"

    interaction_ids = fields.One2many(
        comodel_name="account_mgmt.interaction",
        inverse_name="plan_id",
        string="Interactions",
    )
    interaction_count = fields.Integer(
        string="Client Interactions",
        compute="_compute_interaction_count",
        help="Done interactions with the account, its subsidiaries and their "
        "contacts that count as a client contact, over the plan's dates: what the "
        '"Client interactions" objectives count.',
    )
    linked_interaction_count = fields.Integer(
        string="Linked Interactions", compute="_compute_linked_interaction_count"
    )

    def _compute_interaction_count(self):
        measures = self._get_measures(("interaction_count",))
        for plan in self:
            plan.interaction_count = measures.get(plan._origin.id, {}).get(
                "interaction_count", 0
            )

    def _compute_linked_interaction_count(self):
        counts = dict(
            self.env["account_mgmt.interaction"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.linked_interaction_count = counts.get(plan, 0)

    @api.readonly
    def action_open_interactions(self):
        """The interactions the plan's "Client interactions" objectives count."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_interaction_action"
        )
        action["domain"] = self._interaction_count_domain()
        action["context"] = {
            "default_plan_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    @api.readonly
    def action_open_linked_interactions(self):
        """The interactions linked to the plan by hand."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_interaction_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {
            "default_plan_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    def _interaction_count_domain(self):
        """The domain of what ``_query_interactions`` counts for the plan."""
        self.ensure_one()
        return [
            ("partner_id", "child_of", self.partner_id.id),
            ("state", "=", "done"),
            ("type_id.counts_as_contact", "=", True),
            ("company_id", "in", [False, self.company_id.id]),
            ("date", ">=", datetime.combine(self.date_start, time.min)),
            (
                "date",
                "<",
                datetime.combine(self.date_end + timedelta(days=1), time.min),
            ),
        ]
