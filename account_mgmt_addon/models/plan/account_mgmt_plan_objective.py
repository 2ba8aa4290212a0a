# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...tools import plan_progress

#: Metrics whose actual is a ratio over the whole period, not an accumulation.
RATIO_METRICS = frozenset({"margin_percent"})
#: Metrics expressed in the company currency.
MONETARY_METRICS = frozenset({"revenue", "gross_margin"})


class AccountMgmtPlanObjective(models.Model):
    _name = "account_mgmt.plan.objective"
    _description = "Account Plan Objective"
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    # What the approver agreed to: locked once the plan is approved.
    _LOCKED_WHEN_APPROVED = frozenset({"plan_id", "metric", "target"})

    sequence = fields.Integer(default=10)
    plan_id = fields.Many2one(
        comodel_name="account_mgmt.plan",
        string="Plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    partner_id = fields.Many2one(
        related="plan_id.partner_id", string="Account", store=True, index=True
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="plan_id.currency_id")
    name = fields.Char(string="Objective", required=True)
    description = fields.Text()
    metric = fields.Selection(
        selection=[
            ("revenue", "Revenue"),
            ("gross_margin", "Gross Margin"),
            ("margin_percent", "Margin (%)"),
            ("interaction_count", "Client Interactions"),
            ("new_products_sold", "New Products Sold"),
            ("won_opportunities", "Won Opportunities"),
            ("manual", "Manual"),
        ],
        required=True,
        default="revenue",
        help="Revenue and gross margin: posted invoices and sales receipts minus "
        "credit notes of the account and its subsidiaries over the plan's dates, in "
        "company currency.\n"
        "Client interactions: done interactions that count as a client contact.\n"
        "New products sold: distinct products sold (invoices and sales receipts) "
        "over the plan's dates that were not sold to the account in the 12 months "
        "before.\n"
        "Won opportunities: number of the account's opportunities won over the "
        "plan's dates.\n"
        "Manual: the actual is entered by hand.",
    )
    target = fields.Float(digits=(16, 2))
    actual = fields.Float(
        compute="_compute_actual",
        inverse="_inverse_actual",
        digits=(16, 2),
        help="Measured over the plan's dates; entered by hand for manual objectives.",
    )
    actual_manual = fields.Float(
        string="Manual Actual",
        digits=(16, 2),
        copy=False,
    )
    actual_final = fields.Float(
        string="Final Actual",
        digits=(16, 2),
        readonly=True,
        copy=False,
        help="Actual recorded when the plan was closed.",
    )
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_progress",
        digits=(16, 1),
    )
    status = fields.Selection(
        selection=plan_progress.STATUS_SELECTION,
        compute="_compute_progress",
        help="Done once the target is reached; otherwise on track when the progress "
        "is at least the share of time elapsed (until the deadline, or the plan's "
        "end), at risk down to 75 % of it, off track below.",
    )
    is_monetary = fields.Boolean(compute="_compute_is_monetary")
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    date_deadline = fields.Date(string="Deadline")
    action_ids = fields.One2many(
        comodel_name="account_mgmt.plan.action",
        inverse_name="objective_id",
        string="Actions",
    )

    @api.depends(
        "metric",
        "actual_manual",
        "actual_final",
        "plan_id.state",
        "plan_id.partner_id",
        "plan_id.date_start",
        "plan_id.date_end",
        "plan_id.company_id",
    )
    def _compute_actual(self):
        live = self.filtered(
            lambda o: o.plan_id.state != "closed" and o.metric != "manual"
        )
        measures = live.plan_id._get_measures({o.metric for o in live})
        for objective in self:
            plan = objective.plan_id
            if plan.state == "closed":
                objective.actual = objective.actual_final
            elif objective.metric == "manual":
                objective.actual = objective.actual_manual
            else:
                objective.actual = measures.get(plan._origin.id, {}).get(
                    objective.metric, 0.0
                )

    @api.depends(
        "actual",
        "target",
        "metric",
        "date_deadline",
        "plan_id.date_start",
        "plan_id.date_end",
    )
    def _compute_progress(self):
        today = fields.Date.context_today(self)
        for objective in self:
            plan = objective.plan_id
            objective.progress = plan_progress.progress_percent(
                objective.actual, objective.target
            )
            end = objective.date_deadline or plan.date_end
            if plan.date_start and end and end >= plan.date_start:
                elapsed = plan_progress.time_elapsed_percent(
                    plan.date_start, end, today
                )
            else:
                elapsed = 100.0
            objective.status = plan_progress.status(
                objective.progress,
                elapsed,
                cumulative=objective.metric not in RATIO_METRICS,
            )

    def _inverse_actual(self):
        for objective in self:
            if objective.metric != "manual":
                raise UserError(
                    self.env._(
                        "The actual of objective %(objective)s is measured from the "
                        "ledger, interactions or CRM: only manual objectives take an "
                        "actual entered by hand.",
                        objective=objective.name,
                    )
                )
            objective.actual_manual = objective.actual

    @api.depends("metric")
    def _compute_is_monetary(self):
        for objective in self:
            objective.is_monetary = objective.metric in MONETARY_METRICS

    @api.constrains("metric", "target")
    def _check_target(self):
        for objective in self:
            if objective.target < 0:
                raise ValidationError(
                    self.env._(
                        "Objective %(objective)s: the target can't be negative.",
                        objective=objective.name,
                    )
                )
            if objective.metric != "manual" and objective.target <= 0:
                raise ValidationError(
                    self.env._(
                        "Objective %(objective)s needs a target above zero: without "
                        "one its progress can't be measured.",
                        objective=objective.name,
                    )
                )
            if objective.metric == "margin_percent" and objective.target > 100:
                raise ValidationError(
                    self.env._(
                        "Objective %(objective)s: a margin target is a percentage of "
                        "revenue and can't exceed 100.",
                        objective=objective.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            plans = self.env["account_mgmt.plan"].browse(
                {vals["plan_id"] for vals in vals_list if vals.get("plan_id")}
            )
            plans._check_content_editable()
            for plan in plans.filtered(lambda p: p.state == "approved"):
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is approved: its objectives are locked. Cancel "
                        "it and submit a new version to add one.",
                        plan=plan.name,
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_writable(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        for plan in self.plan_id:
            plan._check_content_editable()
            if plan.state == "approved":
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is approved: its objectives are locked and "
                        "can't be removed.",
                        plan=plan.name,
                    )
                )

    def _check_writable(self, vals):
        fnames = set(vals)
        if "actual_final" in fnames:
            raise UserError(
                self.env._("The final actual is recorded when the plan is closed.")
            )
        if not fnames:
            return
        plans = self.plan_id
        if vals.get("plan_id"):
            plans |= self.env["account_mgmt.plan"].browse(vals["plan_id"])
        is_director = plans._is_director()
        # On an approved plan, reporting a manual actual stays possible.
        for plan in plans:
            if plan.state == "approved" and fnames <= {
                "actual",
                "actual_manual",
                "user_id",
                "date_deadline",
                "description",
                "name",
                "sequence",
            }:
                continue
            plan._check_content_editable(is_director)
            locked = fnames & self._LOCKED_WHEN_APPROVED
            if plan.state == "approved" and locked:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is approved: the metrics and targets of its "
                        "objectives are locked. Cancel it and submit a new version "
                        "to change them.",
                        plan=plan.name,
                    )
                )

    def _record_final_actual(self, measures):
        """Freeze the actuals (plan being closed) from ``measures`` of its plan."""
        for objective in self:
            if objective.metric == "manual":
                final = objective.actual_manual
            else:
                final = measures.get(objective.metric, 0.0)
            # sudo: the final actual is written only by the closing workflow
            objective.sudo().actual_final = final
