# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AccountMgmtPlanAction(models.Model):
    """A step towards an objective. While it is to do, its owner has a to-do
    activity on the plan (so it shows in their activities), kept in step with the
    action: marking either done marks the other done."""

    _name = "account_mgmt.plan.action"
    _description = "Account Plan Action"
    _order = "state desc, date_deadline, id"
    _check_company_auto = True

    objective_id = fields.Many2one(
        comodel_name="account_mgmt.plan.objective",
        string="Objective",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    plan_id = fields.Many2one(
        related="objective_id.plan_id",
        string="Plan",
        store=True,
        index=True,
        precompute=True,
    )
    partner_id = fields.Many2one(related="plan_id.partner_id", string="Account")
    company_id = fields.Many2one(
        related="objective_id.company_id", store=True, index=True, precompute=True
    )
    name = fields.Char(string="Action", required=True)
    note = fields.Text()
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Assigned To",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    date_deadline = fields.Date(
        string="Deadline",
        required=True,
        default=fields.Date.context_today,
    )
    state = fields.Selection(
        selection=[("todo", "To Do"), ("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="todo",
        copy=False,
    )
    date_done = fields.Date(readonly=True, copy=False)
    activity_id = fields.Many2one(
        comodel_name="mail.activity",
        string="Activity",
        readonly=True,
        copy=False,
        ondelete="set null",
        index="btree_not_null",
    )
    is_late = fields.Boolean(compute="_compute_is_late")

    @api.depends("state", "date_deadline")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_late = action.state == "todo" and action.date_deadline < today

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            objectives = self.env["account_mgmt.plan.objective"].browse(
                {vals["objective_id"] for vals in vals_list if vals.get("objective_id")}
            )
            objectives.plan_id._check_actions_editable()
        actions = super().create(vals_list)
        actions._sync_activities()
        return actions

    def write(self, vals):
        if not self.env.su:
            plans = self.plan_id
            if vals.get("objective_id"):
                plans |= (
                    self.env["account_mgmt.plan.objective"]
                    .browse(vals["objective_id"])
                    .plan_id
                )
            plans._check_actions_editable()
        if vals.get("state") == "done":
            vals = dict(vals, date_done=fields.Date.context_today(self))
        elif vals.get("state") == "todo":
            vals = dict(vals, date_done=False)
        res = super().write(vals)
        if {"state", "user_id", "date_deadline", "name", "note", "objective_id"} & set(
            vals
        ):
            self._sync_activities()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self.plan_id._check_actions_editable()

    def unlink(self):
        activities = self.activity_id
        res = super().unlink()
        # sudo: the activity belongs to the action's owner, maybe not the user
        activities.sudo().exists().unlink()
        return res

    def action_done(self):
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_reset(self):
        self.write({"state": "todo"})
        return True

    def _sync_activities(self):
        """Give each open action of a live plan (draft to approved) a to-do activity
        for its owner; remove the activity of the others. Marking an action done
        marks its activity done (message in the plan's chatter)."""
        for action in self:
            activity = action.activity_id.sudo().exists()
            wanted = action.state == "todo" and action.plan_id.state in (
                "draft",
                "submitted",
                "approved",
            )
            if not wanted:
                if activity and action.state == "done":
                    # Detach first: the activity's own "done" marks its action done.
                    action.sudo().activity_id = False
                    activity.action_feedback(
                        feedback=self.env._(
                            "Action %(action)s done.", action=action.name
                        )
                    )
                elif activity:
                    action.sudo().activity_id = False
                    activity.unlink()
                continue
            vals = {
                "summary": action.name,
                "note": action.note or False,
                "date_deadline": action.date_deadline,
                "user_id": action.user_id.id,
                "res_id": action.plan_id.id,
            }
            if activity and activity.res_id == action.plan_id.id:
                # (sudo) keep the activity in step even when the user changing the
                # action is not its owner
                activity.with_context(mail_activity_quick_update=True).write(vals)
            else:
                if activity:
                    activity.unlink()
                new_activity = action.plan_id.activity_schedule(
                    "mail.mail_activity_data_todo",
                    **{k: v for k, v in vals.items() if k != "res_id"},
                )
                # sudo: the link is technical, written whatever the user's rights
                action.sudo().activity_id = new_activity
