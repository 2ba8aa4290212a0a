# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date

from ...tools import plan_progress
from ...tools.groups import GROUP_PROFITABILITY, is_director
from ...tools.jobs import batch_size, notify_progress, try_job_lock

#: Approved plans a batch of the review scheduling handles (system parameter
#: account_mgmt_addon.batch_size.plan_review): one activity each.
PLAN_REVIEW_BATCH_SIZE = 2000

#: Measures a plan computes live for its period (objective metrics except manual).
MEASURES = (
    "revenue",
    "gross_margin",
    "margin_percent",
    "interaction_count",
    "new_products_sold",
    "won_opportunities",
)


class AccountMgmtPlan(models.Model):
    _name = "account_mgmt.plan"
    _description = "Account Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    # What the approver agreed to: locked once the plan is approved.
    _LOCKED_WHEN_APPROVED = frozenset(
        {
            "partner_id",
            "company_id",
            "date_start",
            "date_end",
            "revenue_target",
            "margin_target",
        }
    )
    # Written only by the workflow buttons (under sudo, after their own checks).
    _WORKFLOW_FIELDS = frozenset(
        {
            "state",
            "approved_by_id",
            "approved_date",
            "revenue_actual_final",
            "margin_actual_final",
            "send_back_reason",
            "date_last_review",
        }
    )

    def _default_period(self):
        """The company's fiscal year of the user's today, or the next one when
        less than a quarter of it is left."""
        today = fields.Date.context_today(self)
        dates = self.env.company.compute_fiscalyear_dates(today)
        if plan_progress.use_next_period(dates["date_from"], dates["date_to"], today):
            dates = self.env.company.compute_fiscalyear_dates(
                dates["date_to"] + timedelta(days=1)
            )
        return dates

    def _default_date_start(self):
        return self._default_period()["date_from"]

    def _default_date_end(self):
        return self._default_period()["date_to"]

    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Account",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
        help="The client company (commercial entity). Its subsidiaries' figures count "
        "in the plan.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Owner",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Writes the plan and submits it; by default the account manager.",
    )
    team_user_ids = fields.Many2many(
        comodel_name="res.users",
        relation="account_mgmt_plan_team_user_rel",
        column1="plan_id",
        column2="user_id",
        string="Plan Team",
        compute="_compute_team_user_ids",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('share', '=', False)]",
        help="Colleagues working on the plan; by default the account team.",
    )
    date_start = fields.Date(
        string="Start Date",
        required=True,
        default=_default_date_start,
        tracking=True,
    )
    date_end = fields.Date(
        string="End Date",
        required=True,
        default=_default_date_end,
        tracking=True,
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand=True,
    )
    approved_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Approved By",
        readonly=True,
        copy=False,
        tracking=True,
    )
    approved_date = fields.Date(readonly=True, copy=False)
    send_back_reason = fields.Text(
        readonly=True,
        copy=False,
        help="Why a director sent the plan back to draft.",
    )
    date_last_review = fields.Date(
        string="Last Review",
        readonly=True,
        copy=False,
        help="Set when the owner marks the plan reviewed or completes a review "
        "activity.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="company_id.currency_id",
    )
    color = fields.Integer(compute="_compute_progress")

    # Narrative
    situation = fields.Html(help="Where the account stands today.")
    strengths = fields.Html()
    weaknesses = fields.Html()
    opportunities = fields.Html()
    threats = fields.Html()
    strategy = fields.Html(help="How we get where the plan says by its end.")

    # Targets and actuals (company currency)
    revenue_target = fields.Monetary(tracking=True)
    margin_target = fields.Monetary(string="Gross Margin Target", tracking=True)
    revenue_actual = fields.Monetary(
        compute="_compute_actuals",
        help="Net revenue (invoices minus credit notes, untaxed, in company currency) "
        "of the account and its subsidiaries over the plan's dates.",
    )
    margin_actual = fields.Monetary(
        string="Gross Margin Actual",
        compute="_compute_actuals",
        groups=GROUP_PROFITABILITY,
        help="Net revenue minus the cost of the products invoiced over the plan's "
        "dates.",
    )
    revenue_progress = fields.Float(
        string="Revenue Progress (%)",
        compute="_compute_actuals",
        digits=(16, 1),
    )
    margin_progress = fields.Float(
        string="Margin Progress (%)",
        compute="_compute_actuals",
        groups=GROUP_PROFITABILITY,
        digits=(16, 1),
    )
    revenue_actual_final = fields.Monetary(
        string="Final Revenue",
        readonly=True,
        copy=False,
        help="Revenue recorded when the plan was closed.",
    )
    margin_actual_final = fields.Monetary(
        string="Final Gross Margin",
        groups=GROUP_PROFITABILITY,
        readonly=True,
        copy=False,
        help="Gross margin recorded when the plan was closed.",
    )
    time_elapsed = fields.Float(
        string="Time Elapsed (%)",
        compute="_compute_time_elapsed",
        digits=(16, 1),
    )
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_progress",
        digits=(16, 1),
        help="Average progress of the objectives (each counted up to 100 %); the "
        "revenue progress when the plan has no objective.",
    )
    status = fields.Selection(
        selection=plan_progress.STATUS_SELECTION,
        compute="_compute_progress",
        help="The worst status of the plan's objectives: off track when one is, "
        "at risk when one is, done when all are. Without objectives, the revenue "
        "progress compared with the share of the period elapsed.",
    )

    objective_ids = fields.One2many(
        comodel_name="account_mgmt.plan.objective",
        inverse_name="plan_id",
        string="Objectives",
        copy=True,
    )
    objective_count = fields.Integer(compute="_compute_counts")
    stakeholder_ids = fields.One2many(
        comodel_name="account_mgmt.plan.stakeholder",
        inverse_name="plan_id",
        string="Stakeholders",
        copy=True,
    )
    action_ids = fields.One2many(
        comodel_name="account_mgmt.plan.action",
        inverse_name="plan_id",
        string="Actions",
    )
    open_action_count = fields.Integer(compute="_compute_counts")
    lead_ids = fields.Many2many(
        comodel_name="crm.lead",
        relation="account_mgmt_plan_crm_lead_rel",
        column1="plan_id",
        column2="lead_id",
        string="Growth Opportunities",
        domain="[('partner_id', 'child_of', partner_id), ('type', '=', 'opportunity')]",
        context={"active_test": False},
    )
    pipeline_amount = fields.Monetary(
        compute="_compute_pipeline",
        help="Expected revenue of the open opportunities linked to the plan.",
    )
    pipeline_weighted_amount = fields.Monetary(
        string="Weighted Pipeline",
        compute="_compute_pipeline",
        help="Expected revenue of the open opportunities times their probability.",
    )
    gap_amount = fields.Monetary(
        string="Gap",
        compute="_compute_pipeline",
        help="Revenue target minus revenue actual minus weighted pipeline: the "
        "whitespace still to find (never below zero).",
    )

    @api.depends("partner_id")
    def _compute_user_id(self):
        for plan in self:
            plan.user_id = (
                plan.partner_id.account_manager_id or plan.user_id or self.env.user
            )

    @api.depends("partner_id")
    def _compute_team_user_ids(self):
        for plan in self:
            plan.team_user_ids = plan.partner_id.account_team_member_ids.user_id

    @api.depends(
        "state",
        "partner_id",
        "company_id",
        "date_start",
        "date_end",
        "revenue_target",
        "margin_target",
        "revenue_actual_final",
        "margin_actual_final",
    )
    def _compute_actuals(self):
        measures = self._get_measures(("revenue", "gross_margin"))
        for plan in self:
            if plan.state == "closed":
                revenue = plan.revenue_actual_final
                margin = plan.sudo().margin_actual_final  # read by all its fields
            else:
                values = measures.get(plan._origin.id, {})
                revenue = values.get("revenue", 0.0)
                margin = values.get("gross_margin", 0.0)
            plan.revenue_actual = revenue
            plan.margin_actual = margin
            plan.revenue_progress = plan_progress.progress_percent(
                revenue, plan.revenue_target
            )
            plan.margin_progress = plan_progress.progress_percent(
                margin, plan.margin_target
            )

    @api.depends("date_start", "date_end")
    def _compute_time_elapsed(self):
        today = fields.Date.context_today(self)
        for plan in self:
            if plan.date_start and plan.date_end:
                plan.time_elapsed = plan_progress.time_elapsed_percent(
                    plan.date_start, plan.date_end, today
                )
            else:
                plan.time_elapsed = 0.0

    @api.depends(
        "state",
        "objective_ids.progress",
        "objective_ids.status",
        "revenue_progress",
        "time_elapsed",
    )
    def _compute_progress(self):
        colors = {
            plan_progress.ON_TRACK: 10,
            plan_progress.DONE: 10,
            plan_progress.AT_RISK: 2,
            plan_progress.OFF_TRACK: 1,
        }
        for plan in self:
            if plan.objective_ids:
                plan.progress = sum(
                    min(progress, 100.0)
                    for progress in plan.objective_ids.mapped("progress")
                ) / len(plan.objective_ids)
            else:
                plan.progress = min(plan.revenue_progress, 100.0)
            # A margin objective's status is hidden (empty) from users without
            # the profitability group: the plan's is that of the others.
            plan.status = plan_progress.plan_status(
                [status for status in plan.objective_ids.mapped("status") if status],
                plan.progress,
                plan.time_elapsed,
            )
            plan.color = colors[plan.status] if plan.state == "approved" else 0

    @api.depends("objective_ids", "action_ids.state")
    def _compute_counts(self):
        for plan in self:
            plan.objective_count = len(plan.objective_ids)
            plan.open_action_count = len(
                plan.action_ids.filtered(lambda action: action.state == "todo")
            )

    @api.depends(
        "lead_ids.expected_revenue",
        "lead_ids.prorated_revenue",
        "lead_ids.active",
        "lead_ids.stage_id",
        "revenue_target",
        "revenue_actual",
    )
    def _compute_pipeline(self):
        linked = self._linked_leads_sudo()
        for plan in self:
            # saved plans: every linked lead; a form being edited: what it shows
            leads = linked[plan.id] if plan.id else plan.lead_ids.sudo()
            leads = self._filter_open_leads(leads)
            plan.pipeline_amount = sum(leads.mapped("expected_revenue"))
            plan.pipeline_weighted_amount = sum(leads.mapped("prorated_revenue"))
            plan.gap_amount = max(
                plan.revenue_target
                - plan.revenue_actual
                - plan.pipeline_weighted_amount,
                0.0,
            )

    @api.constrains("partner_id")
    def _check_partner_is_account(self):
        for plan in self:
            if plan.partner_id != plan.partner_id.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "A plan is made for an account: choose %(account)s rather "
                        "than its contact %(contact)s.",
                        account=plan.partner_id.commercial_partner_id.display_name,
                        contact=plan.partner_id.display_name,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for plan in self:
            if plan.date_end <= plan.date_start:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s must end after it starts.", plan=plan.name
                    )
                )

    @api.constrains("revenue_target", "margin_target")
    def _check_targets(self):
        for plan in self:
            if plan.revenue_target < 0 or plan.margin_target < 0:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s: targets can't be negative.", plan=plan.name
                    )
                )

    @api.constrains("state", "partner_id", "company_id", "date_start", "date_end")
    def _check_single_approved(self):
        for plan in self.filtered(lambda p: p.state == "approved"):
            # sudo: the rule holds across all plans, even those the user can't read
            other = self.sudo().search(
                [
                    ("id", "!=", plan.id),
                    ("state", "=", "approved"),
                    ("partner_id", "=", plan.partner_id.id),
                    ("company_id", "=", plan.company_id.id),
                    ("date_start", "<=", plan.date_end),
                    ("date_end", ">=", plan.date_start),
                ],
                limit=1,
            )
            if other:
                raise ValidationError(
                    self.env._(
                        "%(account)s already has an approved plan over these dates: "
                        "%(other)s (%(start)s to %(end)s). Close or cancel it first, "
                        "or change the dates.",
                        account=plan.partner_id.display_name,
                        other=other.name,
                        start=format_date(self.env, other.date_start),
                        end=format_date(self.env, other.date_end),
                    )
                )

    @api.constrains("lead_ids", "partner_id")
    def _check_leads(self):
        for plan in self:
            foreign = plan.lead_ids.filtered(
                lambda lead, plan=plan: not plan._is_in_account(lead.partner_id)
            )
            if foreign:
                raise ValidationError(
                    self.env._(
                        "Opportunity %(lead)s is not with %(account)s or one of its "
                        "subsidiaries: only the account's opportunities can be part of "
                        "its plan.",
                        lead=foreign[0].name,
                        account=plan.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self._is_director():
            for vals in vals_list:
                if vals.get("state", "draft") != "draft" or (
                    self._WORKFLOW_FIELDS - {"state"}
                ) & set(vals):
                    raise AccessError(
                        self.env._(
                            "A new plan starts as a draft: only a director can create "
                            "it in another state."
                        )
                    )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_writable(set(vals))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft_or_cancelled(self):
        for plan in self:
            if plan.state not in ("draft", "cancelled"):
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is %(state)s: only draft or cancelled plans can "
                        "be deleted. Cancel it first.",
                        plan=plan.name,
                        state=plan._state_label(),
                    )
                )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if "name" not in (default or {}):
            for plan, vals in zip(self, vals_list, strict=True):
                vals["name"] = self.env._("%(name)s (copy)", name=plan.name)
        return vals_list

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_submit(self):
        self._check_transition_access()
        for plan in self:
            plan._check_state(("draft",), self.env._("submitted"))
            if plan.user_id != self.env.user and not self._is_director():
                raise AccessError(
                    self.env._(
                        "Only the owner of plan %(plan)s (%(owner)s) can submit it "
                        "for approval.",
                        plan=plan.name,
                        owner=plan.user_id.name,
                    )
                )
        self._write_workflow({"state": "submitted", "send_back_reason": False})
        return True

    def action_approve(self):
        self._check_transition_access()
        self._check_director(self.env._("approve"))
        for plan in self:
            plan._check_state(("submitted",), self.env._("approved"))
            if not plan.objective_ids:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s can't be approved: it has no objective. Add at "
                        "least one objective, or send it back to its owner.",
                        plan=plan.name,
                    )
                )
        self._write_workflow(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approved_date": fields.Date.context_today(self),
            }
        )
        return True

    def action_send_back(self):
        """Open the wizard asking the director why the plan goes back to draft."""
        self.ensure_one()
        self._check_transition_access()
        self._check_director(self.env._("send back"))
        self._check_state(("submitted",), self.env._("sent back"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send Back to Owner"),
            "res_model": "account_mgmt.plan.send.back",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    def _send_back(self, reason):
        """Return submitted plans to draft with the director's ``reason``."""
        self._check_transition_access()
        self._check_director(self.env._("send back"))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(
                self.env._(
                    "Say why the plan goes back to its owner: the reason is required."
                )
            )
        for plan in self:
            plan._check_state(("submitted",), self.env._("sent back"))
        self._write_workflow({"state": "draft", "send_back_reason": reason})
        for plan in self:
            plan.message_post(
                body=self.env._("Sent back to draft: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
            plan.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Revise the account plan"),
                note=reason,
                user_id=plan.user_id.id,
            )
        return True

    def action_close(self):
        self._check_transition_access()
        for plan in self:
            plan._check_state(("approved",), self.env._("closed"))
            plan._check_owner_or_director(self.env._("close"))
        # Freeze the live figures: a closed plan keeps what it achieved, even if
        # invoices of its period are reversed later.
        measures = self._get_measures(MEASURES)
        for plan in self:
            plan.objective_ids._record_final_actual(measures.get(plan.id, {}))
            values = measures.get(plan.id, {})
            plan._write_workflow(
                {
                    "state": "closed",
                    "revenue_actual_final": values.get("revenue", 0.0),
                    "margin_actual_final": values.get("gross_margin", 0.0),
                }
            )
        self.action_ids._sync_activities()
        self._review_activities().unlink()
        return True

    def action_cancel(self):
        self._check_transition_access()
        for plan in self:
            plan._check_state(
                ("draft", "submitted", "approved"), self.env._("cancelled")
            )
            plan._check_owner_or_director(self.env._("cancel"))
            if plan.state == "approved" and not (self.env.su or self._is_director()):
                # The owner ends an approved plan by closing it (its figures are
                # kept); dropping it altogether undoes a director's approval.
                raise AccessError(
                    self.env._(
                        "Plan %(plan)s is approved: close it to keep its final "
                        "figures, or ask a director to cancel it.",
                        plan=plan.name,
                    )
                )
        self._write_workflow({"state": "cancelled"})
        self.action_ids._sync_activities()
        self._review_activities().unlink()
        return True

    def action_draft(self):
        self._check_transition_access()
        for plan in self:
            plan._check_state(("submitted", "cancelled"), self.env._("reset to draft"))
            plan._check_owner_or_director(self.env._("reset to draft"))
        self._write_workflow({"state": "draft"})
        self.action_ids._sync_activities()
        return True

    def action_mark_reviewed(self):
        self._check_transition_access()
        for plan in self:
            plan._check_state(("approved",), self.env._("reviewed"))
        self._write_workflow({"date_last_review": fields.Date.context_today(self)})
        self._review_activities().action_feedback(feedback=self.env._("Plan reviewed."))
        return True

    def _review_activities(self):
        """Pending review activities of the plans (see the daily review cron)."""
        review_type = self.env.ref(
            "account_mgmt_addon.mail_activity_type_plan_review",
            raise_if_not_found=False,
        )
        return self.activity_ids.filtered(
            lambda act: review_type and act.activity_type_id == review_type
        )

    def action_copy_next_period(self):
        """Create the draft plan of the following period and open it."""
        self.ensure_one()
        self.check_access("read")
        if self.state == "cancelled":
            raise UserError(
                self.env._(
                    "Plan %(plan)s is cancelled: copy an approved or closed plan "
                    "instead.",
                    plan=self.name,
                )
            )
        new_plan = self._copy_next_period()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new_plan.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.readonly
    def action_open_objectives(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Objectives"),
            "res_model": "account_mgmt.plan.objective",
            "view_mode": "list,form,calendar",
            "domain": [("plan_id", "=", self.id)],
            "context": {"default_plan_id": self.id},
        }

    @api.readonly
    def action_open_actions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Actions"),
            "res_model": "account_mgmt.plan.action",
            "view_mode": "list,form,calendar",
            "domain": [("plan_id", "=", self.id)],
            "context": {"search_default_open": 1},
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _copy_next_period(self):
        self.ensure_one()
        date_start, date_end = plan_progress.next_period(self.date_start, self.date_end)
        new_plan = self.copy(
            {
                "name": self.env._(
                    "%(account)s: %(start)s to %(end)s",
                    account=self.partner_id.name,
                    start=format_date(self.env, date_start),
                    end=format_date(self.env, date_end),
                ),
                "date_start": date_start,
                "date_end": date_end,
                "user_id": self.user_id.id,
                "team_user_ids": [Command.set(self.team_user_ids.ids)],
                "lead_ids": [Command.set(self._open_leads().ids)],
                "objective_ids": [],
            }
        )
        # Objectives: same measures and targets, deadlines moved to the new period,
        # actuals reset; open actions follow their objective.
        for objective in self.objective_ids:
            new_objective = objective.copy(
                {
                    "plan_id": new_plan.id,
                    "date_deadline": plan_progress.shift_date(
                        objective.date_deadline,
                        self.date_start,
                        self.date_end,
                        date_start,
                    ),
                }
            )
            open_actions = objective.action_ids.filtered(
                lambda action: action.state == "todo"
            )
            for action in open_actions:
                action.copy({"objective_id": new_objective.id})
        # The actions' plan is a stored related field: the cache of the new plan's
        # actions may list a copy twice until read again from the database.
        new_plan.invalidate_recordset(["action_ids"])
        new_plan.message_post(
            body=self.env._(
                "Copied from plan %(plan)s for the next period.", plan=self.name
            ),
            subtype_xmlid="mail.mt_note",
        )
        return new_plan

    def _open_leads(self):
        """Open opportunities linked to the plan, whoever their salesperson.

        sudo: the pipeline is a figure of the plan, the same for every reader (a
        salesperson may only read their own leads); callers listing the leads
        filter them by the user's access (see :meth:`_open_leads_readable`).
        """
        self.ensure_one()
        leads = self._linked_leads_sudo()[self.id] if self.id else self.lead_ids
        return self._filter_open_leads(leads.sudo())

    @api.model
    def _filter_open_leads(self, leads):
        return leads.filtered(
            lambda lead: (
                lead.active
                and lead.type == "opportunity"
                and not lead.stage_id.is_won
                and lead.probability < 100
            )
        )

    def _linked_leads_sudo(self):
        """{plan id: its linked opportunities (sudo)} for the saved plans.

        Read from the link table: the many2many field read by a salesperson
        holds only the leads they may read (and stays cached so in the request).
        """
        plan_ids = tuple(plan.id for plan in self if plan.id)
        Lead = self.env["crm.lead"].sudo().with_context(active_test=False)
        lead_ids = {plan_id: [] for plan_id in plan_ids}
        if plan_ids:
            self.flush_model(["lead_ids"])
            rows = self.env.execute_query(
                SQL(
                    "SELECT plan_id, lead_id FROM account_mgmt_plan_crm_lead_rel "
                    "WHERE plan_id IN %s ORDER BY lead_id",
                    plan_ids,
                )
            )
            for plan_id, lead_id in rows:
                lead_ids[plan_id].append(lead_id)
        return {plan_id: Lead.browse(ids) for plan_id, ids in lead_ids.items()}

    def _open_leads_readable(self):
        """The open opportunities of the plan the current user may read."""
        return self._open_leads().with_env(self.env)._filtered_access("read")

    def _is_in_account(self, partner):
        """Whether ``partner`` is the plan's account, a subsidiary or a contact of
        either (its parent chain leads to the account)."""
        self.ensure_one()
        seen = set()
        while partner and partner.id not in seen:
            if partner == self.partner_id:
                return True
            seen.add(partner.id)
            partner = partner.parent_id
        return False

    def _is_director(self):
        return is_director(self.env)

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _check_state(self, allowed, target_label):
        self.ensure_one()
        if self.state not in allowed:
            raise UserError(
                self.env._(
                    "Plan %(plan)s is %(state)s: it can't be %(transition)s.",
                    plan=self.name,
                    state=self._state_label(),
                    transition=target_label,
                )
            )

    def _check_transition_access(self):
        """The buttons write under sudo: the user must be allowed to change the
        plans in the first place (access rights and record rules)."""
        self.check_access("write")

    def _check_director(self, operation):
        if not self._is_director():
            raise AccessError(
                self.env._(
                    "Only an account director can %(operation)s a plan.",
                    operation=operation,
                )
            )

    def _check_owner_or_director(self, operation):
        self.ensure_one()
        if self.user_id != self.env.user and not self._is_director():
            raise AccessError(
                self.env._(
                    "Only the owner of plan %(plan)s (%(owner)s) or a director can "
                    "%(operation)s it.",
                    plan=self.name,
                    owner=self.user_id.name,
                    operation=operation,
                )
            )

    def _write_workflow(self, vals):
        # sudo: workflow fields are refused to direct writes (see _check_writable);
        # the caller checked the user's rights on these plans. The tracking message
        # is still authored by the user (sudo keeps the uid).
        return self.sudo().write(vals)

    def _mail_field_names(self):
        return set(self.env["mail.thread"]._fields) | set(
            self.env["mail.activity.mixin"]._fields
        )

    def _check_writable(self, fnames):
        """Refuse what the plan's state forbids (direct writes, not the workflow)."""
        workflow = fnames & self._WORKFLOW_FIELDS
        if workflow:
            raise UserError(
                self.env._(
                    "The status, approval and final figures of a plan change only "
                    "through its buttons (Submit, Approve, Close...)."
                )
            )
        content = fnames - self._mail_field_names()
        if not content:
            return
        is_director = self._is_director()
        for plan in self:
            plan._check_content_editable(is_director)
            if plan.state == "approved" and content & self._LOCKED_WHEN_APPROVED:
                labels = sorted(
                    plan._fields[fname].get_description(self.env)["string"]
                    for fname in content & self._LOCKED_WHEN_APPROVED
                )
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is approved: its account, dates and targets "
                        "are locked (%(fields)s). Cancel it and submit a new version "
                        "to change them.",
                        plan=plan.name,
                        fields=", ".join(labels),
                    )
                )

    def _check_content_editable(self, is_director=None):
        """Raise unless the plan's content (objectives, stakeholders, actions or its
        own fields) may change in its current state."""
        if is_director is None:
            is_director = self._is_director()
        for plan in self:
            if plan.state == "closed":
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is closed: it is kept as it was and can't be "
                        "changed. Copy it to the next period to go on.",
                        plan=plan.name,
                    )
                )
            if plan.state == "cancelled":
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is cancelled: reset it to draft before "
                        "changing it.",
                        plan=plan.name,
                    )
                )
            if plan.state == "submitted" and not is_director:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s awaits approval: only a director can change "
                        "it now. Ask for it to be sent back to draft.",
                        plan=plan.name,
                    )
                )

    def _check_actions_editable(self):
        """Raise unless actions and stakeholders of the plans may change: any live
        plan (a submitted or approved plan's actions still move on)."""
        self._check_content_editable(is_director=True)

    @api.model
    def _cron_schedule_reviews(self):
        """Schedule a review activity for the owner of each approved plan whose
        account's tier sets a review interval and that has none pending; a batch
        of plans per call (the cron runner calls again while some remain).

        The plans of a batch are the due ones without a pending review, by id: a
        batch done is no longer one of them, so a run killed halfway resumes
        where it stopped without a second review."""
        # One pass at a time: a second one would schedule the same reviews.
        if not try_job_lock(self.env, "account_mgmt_plan_review"):
            return self.env["mail.activity"]
        today = fields.Date.context_today(self)
        limit = batch_size(self.env, "plan_review", PLAN_REVIEW_BATCH_SIZE)
        review_type = self.env.ref("account_mgmt_addon.mail_activity_type_plan_review")
        plans = self.search(
            [
                ("state", "=", "approved"),
                ("date_start", "<=", today),
                ("date_end", ">=", today),
                ("partner_id.account_tier_id", "!=", False),
            ],
            order="id",
        )
        pending = {
            res_id
            for [res_id] in self.env["mail.activity"]._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", plans.ids),
                    ("activity_type_id", "=", review_type.id),
                ],
                ["res_id"],
            )
        }
        due = plans.filtered(lambda plan: plan.id not in pending)
        batch = due[:limit]
        notify_progress(self.env, done=len(batch), remaining=len(due) - len(batch))
        if not batch:
            return self.env["mail.activity"]
        model_id = self.env["ir.model"]._get_id(self._name)
        summary = self.env._("Review the account plan")
        # No "assigned to you" email per plan (rendered one by one): the reviews
        # show in the owners' activities.
        return (
            self.env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            .create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": plan.id,
                        "activity_type_id": review_type.id,
                        "summary": summary,
                        "note": review_type.default_note,
                        "automated": True,
                        "user_id": plan.user_id.id or self.env.uid,
                        "date_deadline": max(
                            (
                                plan.date_last_review
                                or plan.approved_date
                                or plan.date_start
                            )
                            + timedelta(
                                days=plan.partner_id.account_tier_id.review_interval_days
                            ),
                            today,
                        ),
                    }
                    for plan in batch
                ]
            )
        )
