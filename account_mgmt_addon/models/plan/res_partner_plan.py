# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ...tools import plan_progress
from ...tools.groups import GROUP_MANAGER


class ResPartner(models.Model):
    _inherit = "res.partner"

    account_plan_ids = fields.One2many(
        comodel_name="account_mgmt.plan",
        inverse_name="partner_id",
        string="Account Plans",
        groups=GROUP_MANAGER,
    )
    account_plan_count = fields.Integer(
        string="Plans",
        compute="_compute_account_plan",
        groups=GROUP_MANAGER,
    )
    account_plan_current_id = fields.Many2one(
        comodel_name="account_mgmt.plan",
        string="Current Plan",
        compute="_compute_account_plan",
        groups=GROUP_MANAGER,
        help="The approved plan of the account covering today.",
    )
    account_plan_progress = fields.Float(
        string="Plan Progress (%)",
        compute="_compute_account_plan_progress",
        groups=GROUP_MANAGER,
    )
    account_plan_status = fields.Selection(
        selection=plan_progress.STATUS_SELECTION,
        string="Plan Status",
        compute="_compute_account_plan_progress",
        groups=GROUP_MANAGER,
    )
    account_plan_missing = fields.Boolean(
        string="Missing Plan",
        compute="_compute_account_plan_missing",
        search="_search_account_plan_missing",
        groups=GROUP_MANAGER,
        help="The account's tier requires an account plan and no approved plan "
        "covers today.",
    )

    @api.depends("commercial_partner_id")
    def _compute_account_plan(self):
        accounts = self.commercial_partner_id
        today = fields.Date.context_today(self)
        Plan = self.env["account_mgmt.plan"]
        counts = dict(
            Plan._read_group(
                [("partner_id", "in", accounts.ids)], ["partner_id"], ["__count"]
            )
        )
        current = {
            plan.partner_id: plan
            # The objectives are fetched with the plans (the record rules applied
            # in SQL): reading them on their own would check the plans' rules
            # again in Python, which reads the plan teams of the page.
            for plan in Plan.search_fetch(
                [
                    ("partner_id", "in", accounts.ids),
                    ("state", "=", "approved"),
                    ("date_start", "<=", today),
                    ("date_end", ">=", today),
                ],
                ["partner_id", "objective_ids"],
                order="date_start",
            )
        }
        for partner in self:
            account = partner.commercial_partner_id
            partner.account_plan_count = counts.get(account, 0)
            partner.account_plan_current_id = current.get(account, Plan)

    @api.depends("account_plan_current_id")
    def _compute_account_plan_progress(self):
        # Measured live from the ledger (the plans' measures): computed only
        # where read (the account form), not with the current plan (the
        # portfolio card reads the statuses the health score stored).
        for partner in self:
            plan = partner.account_plan_current_id
            partner.account_plan_progress = plan.progress
            partner.account_plan_status = plan.status

    @api.depends("account_tier_id.requires_account_plan")
    def _compute_account_plan_missing(self):
        missing = self.filtered_domain(self._account_plan_missing_domain())
        for partner in self:
            partner.account_plan_missing = partner in missing

    def _search_account_plan_missing(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Filter accounts with a missing plan with = True/False.")
            )
        domain = self._account_plan_missing_domain()
        if (operator == "=") == value:
            return domain
        return ["!", *expression.normalize_domain(domain)]

    def _account_plan_missing_domain(self):
        """Accounts whose tier requires a plan and that no approved plan of the
        current companies covers today (a group's plan covers its subsidiaries)."""
        today = fields.Date.context_today(self)
        # sudo: whether a plan exists matters, not whether this user may read it
        planned = (
            self.env["account_mgmt.plan"]
            .sudo()
            .search(
                [
                    ("state", "=", "approved"),
                    ("date_start", "<=", today),
                    ("date_end", ">=", today),
                    ("company_id", "in", self.env.companies.ids),
                ]
            )
            .partner_id
        )
        covered = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", planned.ids)])
            if planned
            else planned
        )
        return expression.AND(
            [
                [("account_tier_id.requires_account_plan", "=", True)],
                # the account itself, not its contacts (they share its tier)
                ["|", ("is_company", "=", True), ("parent_id", "=", False)],
                [("id", "not in", covered.ids)],
            ]
        )

    @api.readonly
    def action_view_account_plans(self):
        self.ensure_one()
        account = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_plan_action"
        )
        action["domain"] = [("partner_id", "=", account.id)]
        action["context"] = {"default_partner_id": account.id}
        return action
