# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A budget or forecast version: finance's annual budget per account and month, or
the rolling forecast the account managers maintain.

"The budget" of a company and month is the lines of its one approved budget version
(approving a version supersedes the others it overlaps); "the forecast" is the lines
of its one live forecast version (draft, not a snapshot). Snapshots are frozen
copies of the live forecast, to compare how it moved.
"""

from odoo import api, fields, models


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

    @api.depends("line_ids.amount")
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
