# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A budget or forecast version: finance's annual budget per account and month, or
the rolling forecast the account managers maintain.

"The budget" of a company and month is the lines of its one approved budget version
(approving a version supersedes the others it overlaps); "the forecast" is the lines
of its one live forecast version (draft, not a snapshot). Snapshots are frozen
copies of the live forecast, to compare how it moved.
"""

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ...tools.groups import GROUP_FINANCE, is_director

# Fields of the chatter and activities: written on locked versions too.
_FREE_PREFIXES = ("message_", "activity_", "website_message")
# Context key of the add-on's own state changes (superuser only, never a client's).
INTERNAL = "account_mgmt_budget_internal"


def budget_internal(env):
    """The add-on's own writes (approving supersedes, snapshots): superuser code
    with the internal context key, which a client can't set for itself."""
    return env.su and env.context.get(INTERNAL)


def is_budget_owner(env):
    """Finance and directors create, approve and change budget versions."""
    return is_director(env) or env.user.has_group(GROUP_FINANCE)


class AccountMgmtBudget(models.Model):
    _name = "account_mgmt.budget"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Account Budget or Forecast Version"
    _order = "date_from desc, kind, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="company_id.currency_id",
    )
    kind = fields.Selection(
        selection=[("budget", "Budget"), ("forecast", "Forecast")],
        required=True,
        default="budget",
        tracking=True,
        help="Budget: finance's annual budget, locked once approved. Forecast: the "
        "rolling forecast the account managers maintain on their accounts.",
    )
    date_from = fields.Date(
        string="From",
        required=True,
        tracking=True,
        help="The first day of the version's first month.",
    )
    date_to = fields.Date(
        string="To",
        required=True,
        tracking=True,
        help="The last day of the version's last month.",
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("approved", "Approved"),
            ("superseded", "Superseded"),
        ],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
    )
    is_snapshot = fields.Boolean(
        string="Snapshot",
        readonly=True,
        copy=False,
        help="A frozen copy of the live forecast, to compare how the forecast moved.",
    )
    snapshot_of_id = fields.Many2one(
        comodel_name="account_mgmt.budget",
        string="Snapshot Of",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    snapshot_date = fields.Datetime(readonly=True, copy=False)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
    )
    note = fields.Html(string="Notes")
    line_ids = fields.One2many(
        comodel_name="account_mgmt.budget.line",
        inverse_name="budget_id",
        string="Lines",
        copy=True,
    )
    amount_total = fields.Monetary(
        string="Total Revenue",
        compute="_compute_amount_total",
        currency_field="currency_id",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("line_ids.amount")
    @api.depends_context("uid")
    def _compute_amount_total(self):
        totals = {}
        if self.ids:
            totals = {
                budget.id: amount
                # with the user's rights: an account manager's total is that of
                # the lines they may read
                for budget, amount in self.env["account_mgmt.budget.line"]._read_group(
                    [("budget_id", "in", self.ids)],
                    groupby=["budget_id"],
                    aggregates=["amount:sum"],
                )
            }
        for budget in self:
            budget.amount_total = totals.get(budget.id, 0.0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for budget in self:
            if budget.date_from.day != 1:
                raise ValidationError(
                    _(
                        "%(version)s: a version starts on the first day of a month, "
                        "not on %(date)s.",
                        version=budget.name,
                        date=budget.date_from,
                    )
                )
            if (budget.date_to + relativedelta(days=1)).day != 1:
                raise ValidationError(
                    _(
                        "%(version)s: a version ends on the last day of a month, "
                        "not on %(date)s.",
                        version=budget.name,
                        date=budget.date_to,
                    )
                )
            if budget.date_to < budget.date_from:
                raise ValidationError(
                    _(
                        "%(version)s ends (%(date_to)s) before it starts "
                        "(%(date_from)s).",
                        version=budget.name,
                        date_to=budget.date_to,
                        date_from=budget.date_from,
                    )
                )
        # The lines stay inside the version's months.
        Line = self.env["account_mgmt.budget.line"].sudo()
        outside = Line.search(
            [("budget_id", "in", self.ids)], order="date, id"
        ).filtered(
            lambda line: (
                not (line.budget_id.date_from <= line.date <= line.budget_id.date_to)
            )
        )
        if outside:
            line = outside[0]
            raise ValidationError(
                _(
                    "%(version)s: its line of %(month)s for %(account)s would be "
                    "outside its new dates (%(date_from)s to %(date_to)s).",
                    version=line.budget_id.name,
                    month=line.date.strftime("%Y-%m"),
                    account=line.partner_id.display_name,
                    date_from=line.budget_id.date_from,
                    date_to=line.budget_id.date_to,
                )
            )

    @api.constrains(
        "kind", "state", "is_snapshot", "date_from", "date_to", "company_id"
    )
    def _check_one_live_forecast(self):
        live = self.filtered(
            lambda b: b.kind == "forecast" and b.state == "draft" and not b.is_snapshot
        )
        if not live:
            return
        others = self.sudo().search(
            [
                ("kind", "=", "forecast"),
                ("state", "=", "draft"),
                ("is_snapshot", "=", False),
                ("company_id", "in", live.company_id.ids),
                ("date_from", "<=", max(live.mapped("date_to"))),
                ("date_to", ">=", min(live.mapped("date_from"))),
            ]
        )
        for budget in live:
            clash = others.filtered(
                lambda o, b=budget: (
                    o.id != b.id
                    and o.company_id == b.company_id
                    and o.date_from <= b.date_to
                    and o.date_to >= b.date_from
                )
            )
            if clash:
                raise ValidationError(
                    _(
                        "%(company)s already has a live forecast for these months: "
                        "%(other)s. Keep one live forecast per month: freeze a "
                        "snapshot or change the dates of the other first.",
                        company=budget.company_id.name,
                        other=clash[0].name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _account_mgmt_locked(self):
        """Versions nobody changes any more: approved or superseded budgets and
        snapshots."""
        return self.filtered(lambda b: b.state != "draft" or b.is_snapshot)

    def _account_mgmt_check_unlocked(self):
        if budget_internal(self.env):
            return
        locked = self._account_mgmt_locked()
        if locked:
            raise UserError(
                _(
                    "%(version)s is locked (%(state)s): nobody changes it or its "
                    "lines. Copy it to a new version to make changes.",
                    version=locked[0].display_name,
                    state=locked[0].is_snapshot
                    and _("a forecast snapshot")
                    or self._fields["state"].convert_to_export(
                        locked[0].state, locked[0]
                    ),
                )
            )

    def write(self, vals):
        if any(not fname.startswith(_FREE_PREFIXES) for fname in vals):
            self._account_mgmt_check_unlocked()
        return super().write(vals)

    def unlink(self):
        self._account_mgmt_check_unlocked()
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _account_mgmt_check_owner(self):
        if not is_budget_owner(self.env):
            raise AccessError(
                _(
                    "Only finance and account directors approve, copy and freeze "
                    "budget and forecast versions."
                )
            )

    def action_approve(self):
        """Approve a draft budget: it is locked, and it supersedes the approved
        budgets of its company that overlap its months (one approved budget per
        company and month: "the budget")."""
        self._account_mgmt_check_owner()
        for budget in self:
            if budget.kind != "budget":
                raise UserError(
                    _(
                        "%(version)s is a forecast: a forecast isn't approved, "
                        "freeze a snapshot of it instead.",
                        version=budget.name,
                    )
                )
            if budget.state != "draft":
                raise UserError(
                    _(
                        "%(version)s is not a draft: only a draft budget is approved.",
                        version=budget.name,
                    )
                )
        self.check_access("write")
        internal = self.sudo().with_context(**{INTERNAL: True})
        for budget in internal:
            superseded = budget.search(
                [
                    ("id", "!=", budget.id),
                    ("kind", "=", "budget"),
                    ("state", "=", "approved"),
                    ("is_snapshot", "=", False),
                    ("company_id", "=", budget.company_id.id),
                    ("date_from", "<=", budget.date_to),
                    ("date_to", ">=", budget.date_from),
                ]
            )
            superseded.write({"state": "superseded"})
            for old in superseded:
                old.message_post(
                    body=_("Superseded by %(version)s.", version=budget.name)
                )
            budget.write({"state": "approved"})
        return True

    def _account_mgmt_copy_vals(self):
        self.ensure_one()
        return {
            "name": _("%(version)s (copy)", version=self.name),
            "line_ids": [
                fields.Command.create(
                    {
                        "partner_id": line.partner_id.id,
                        "date": line.date,
                        "categ_id": line.categ_id.id,
                        "amount": line.amount,
                        "margin_amount": line.margin_amount,
                        "note": line.note,
                    }
                )
                for line in self.sudo().line_ids
            ],
        }

    def action_copy_version(self):
        """A new draft version with the lines of this one (the way to change an
        approved budget or to restart a forecast from a snapshot)."""
        self.ensure_one()
        self._account_mgmt_check_owner()
        self.check_access("read")
        vals = self._account_mgmt_copy_vals()
        new = self.copy({"line_ids": vals.pop("line_ids"), **vals})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
            "target": "current",
        }

    def copy_data(self, default=None):
        default = dict(default or {})
        # Lines are copied by action_copy_version (as the version's owner).
        default.setdefault("line_ids", [])
        return super().copy_data(default)

    def action_freeze_snapshot(self):
        """Freeze the live forecast as a snapshot (a locked copy), to compare
        later how the forecast moved."""
        self.ensure_one()
        self._account_mgmt_check_owner()
        if self.kind != "forecast" or self.state != "draft" or self.is_snapshot:
            raise UserError(
                _(
                    "%(version)s is not a live forecast: only a live forecast (a "
                    "draft forecast version) is frozen as a snapshot.",
                    version=self.name,
                )
            )
        self.check_access("write")
        now = fields.Datetime.now()
        vals = self._account_mgmt_copy_vals()
        snapshot = (
            self.sudo()
            .with_context(**{INTERNAL: True})
            .copy(
                {
                    **vals,
                    "name": _(
                        "%(version)s (snapshot %(date)s)",
                        version=self.name,
                        date=fields.Date.context_today(self),
                    ),
                    "state": "approved",
                    "is_snapshot": True,
                    "snapshot_of_id": self.id,
                    "snapshot_date": now,
                    "user_id": self.env.user.id,
                }
            )
        )
        self.message_post(
            body=_("Snapshot %(snapshot)s frozen.", snapshot=snapshot.name)
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": snapshot.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_adjustments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_budget_adjustment_action"
        )
        action["domain"] = [("budget_id", "=", self.id)]
        action["context"] = {}
        return action
