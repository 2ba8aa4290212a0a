# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A line of a budget or forecast version: what an account is budgeted (or
forecast) to buy in a month, optionally of a product category."""

from collections import Counter

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, create_unique_index

from ...tools.groups import GROUP_PROFITABILITY
from .account_mgmt_budget import budget_internal, is_budget_owner

# What makes a line unique in its version.
KEY_FIELDS = ("budget_id", "partner_id", "date", "categ_id")
# Context key: the reason of the amount changes of this call (adjustment log).
REASON = "account_mgmt_budget_reason"


class AccountMgmtBudgetLine(models.Model):
    _name = "account_mgmt.budget.line"
    _description = "Account Budget or Forecast Line"
    _order = "budget_id, partner_id, date, categ_id, id"
    _rec_names_search = ["partner_id", "budget_id"]
    _check_company_auto = True

    budget_id = fields.Many2one(
        comodel_name="account_mgmt.budget",
        string="Version",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="budget_id.company_id",
        store=True,
        index=True,
        precompute=True,
    )
    kind = fields.Selection(
        related="budget_id.kind",
        store=True,
        precompute=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="budget_id.currency_id",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Account",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
        help="The commercial account (a company, or a person without a company).",
    )
    date = fields.Date(
        string="Month",
        required=True,
        index=True,
        help="The first day of the month.",
    )
    categ_id = fields.Many2one(
        comodel_name="product.category",
        string="Product Category",
        ondelete="restrict",
    )
    amount = fields.Monetary(
        string="Revenue",
        currency_field="currency_id",
        help="Untaxed revenue of the month, in the company's currency.",
    )
    margin_amount = fields.Monetary(
        string="Margin",
        currency_field="currency_id",
        groups=GROUP_PROFITABILITY,
        help="Gross margin of the month, in the company's currency (optional).",
    )
    note = fields.Char()
    adjustment_reason = fields.Char(
        string="Reason for the Change",
        store=False,
        help="Why the forecast amount changes: kept in the adjustment log.",
    )
    adjustment_ids = fields.One2many(
        comodel_name="account_mgmt.budget.adjustment",
        inverse_name="line_id",
        string="Adjustments",
        readonly=True,
    )

    def init(self):
        res = super().init()
        # one line per version, account, month and category (none counting as one)
        create_unique_index(
            self.env.cr,
            "account_mgmt_budget_line_unique_month",
            self._table,
            ["budget_id", "partner_id", "date", "COALESCE(categ_id, 0)"],
        )
        return res

    @api.depends("budget_id", "partner_id", "date")
    def _compute_display_name(self):
        for line in self:
            line.display_name = " / ".join(
                filter(
                    None,
                    [
                        line.partner_id.display_name,
                        line.date and line.date.strftime("%Y-%m") or "",
                    ],
                )
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("date", "budget_id")
    def _check_date(self):
        for line in self:
            budget = line.budget_id
            if line.date.day != 1:
                raise ValidationError(
                    _(
                        "%(account)s: a line is for a month, dated on its first day "
                        "(%(first)s), not %(date)s.",
                        account=line.partner_id.display_name,
                        first=line.date.replace(day=1),
                        date=line.date,
                    )
                )
            if not budget.date_from <= line.date <= budget.date_to:
                raise ValidationError(
                    _(
                        "%(account)s: %(month)s is outside the months of %(version)s "
                        "(%(date_from)s to %(date_to)s).",
                        account=line.partner_id.display_name,
                        month=line.date.strftime("%Y-%m"),
                        version=budget.name,
                        date_from=budget.date_from,
                        date_to=budget.date_to,
                    )
                )

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.amount < 0:
                raise ValidationError(
                    _(
                        "%(account)s, %(month)s: the revenue can't be negative "
                        "(%(amount)s).",
                        account=line.partner_id.display_name,
                        month=line.date.strftime("%Y-%m"),
                        amount=line.amount,
                    )
                )

    @api.constrains("partner_id")
    def _check_partner(self):
        for line in self:
            partner = line.partner_id
            if partner != partner.commercial_partner_id:
                raise ValidationError(
                    _(
                        "%(contact)s is a contact of %(account)s: budget and forecast "
                        "the account %(account)s itself.",
                        contact=partner.display_name,
                        account=partner.commercial_partner_id.display_name,
                    )
                )

    def _account_mgmt_check_duplicates(self, keys, exclude_ids=()):
        """``keys`` (budget, partner, date, category or 0) are neither repeated
        nor already lines of their versions (other than ``exclude_ids``): checked
        before anything is written, so that a duplicate is a clear error."""
        keys = [key for key in keys if all(key[:3])]
        if not keys:
            return
        repeated = [key for key, count in Counter(keys).items() if count > 1]
        if not repeated:
            self.flush_model(KEY_FIELDS)
            # the keys as arrays (a list of thousands of row values is too deep
            # for PostgreSQL's parser), joined on the unique index
            budget_ids, partner_ids, dates, categ_ids = zip(*keys, strict=True)
            self.env.cr.execute(
                SQL(
                    """
                    SELECT line.budget_id, line.partner_id, line.date,
                           COALESCE(line.categ_id, 0)
                      FROM unnest(%s::int[], %s::int[], %s::date[], %s::int[])
                           AS k(budget_id, partner_id, date, categ_id)
                      JOIN account_mgmt_budget_line line
                        ON line.budget_id = k.budget_id
                       AND line.partner_id = k.partner_id
                       AND line.date = k.date
                       AND COALESCE(line.categ_id, 0) = k.categ_id
                     WHERE NOT line.id = ANY(%s::int[])
                     LIMIT 1
                    """,
                    list(budget_ids),
                    list(partner_ids),
                    list(dates),
                    list(categ_ids),
                    list(exclude_ids),
                )
            )
            repeated = self.env.cr.fetchall()
        if repeated:
            budget_id, partner_id, date, categ_id = repeated[0]
            date = fields.Date.to_date(date)
            category = (
                " ({})".format(
                    self.env["product.category"].sudo().browse(categ_id).display_name
                )
                if categ_id
                else ""
            )
            raise ValidationError(
                _(
                    "%(version)s already has a line for %(account)s in %(month)s"
                    "%(category)s: change that line instead of adding another.",
                    version=self.env["account_mgmt.budget"]
                    .sudo()
                    .browse(budget_id)
                    .name,
                    account=self.env["res.partner"]
                    .sudo()
                    .browse(partner_id)
                    .display_name,
                    month=date.strftime("%Y-%m"),
                    category=category,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _account_mgmt_check_editor(self, budgets, partners):
        """Account managers change the live forecast of their accounts only;
        finance and directors every line of an unlocked version."""
        budgets._account_mgmt_check_unlocked()
        if self.env.su or is_budget_owner(self.env):
            return
        not_live = budgets.filtered(
            lambda b: b.kind != "forecast" or b.state != "draft" or b.is_snapshot
        )
        if not_live:
            raise AccessError(
                _(
                    "%(version)s is a budget: only finance and account directors "
                    "change budgets. Account managers change the live forecast of "
                    "their accounts.",
                    version=not_live[0].name,
                )
            )
        # imported here: account_mgmt_access is loaded after every model
        from ..common.account_mgmt_access import own_account_ids

        denied = partners - partners.browse(own_account_ids(self.env, partners))
        if denied:
            raise AccessError(
                _(
                    "You can't change the forecast of %(account)s: you don't manage "
                    "it and aren't on its team.",
                    account=denied[0].sudo().display_name,
                )
            )

    @staticmethod
    def _account_mgmt_key(vals, line=None):
        def get(fname):
            if fname in vals:
                value = vals[fname]
                if isinstance(value, models.BaseModel):
                    value = value.id
                return value or False
            if line is None:
                return False
            value = line[fname]
            return value.id if isinstance(value, models.BaseModel) else value

        date = get("date")
        return (
            get("budget_id"),
            get("partner_id"),
            fields.Date.to_date(date) if date else False,
            get("categ_id") or 0,
        )

    @api.model_create_multi
    def create(self, vals_list):
        reasons = [vals.pop("adjustment_reason", False) for vals in vals_list]
        if not budget_internal(self.env):
            budget_ids = {
                vals["budget_id"] for vals in vals_list if vals.get("budget_id")
            }
            partner_ids = {
                vals["partner_id"] for vals in vals_list if vals.get("partner_id")
            }
            self._account_mgmt_check_editor(
                self.env["account_mgmt.budget"].browse(budget_ids).sudo(),
                self.env["res.partner"].browse(partner_ids),
            )
        self._account_mgmt_check_duplicates(
            [self._account_mgmt_key(vals) for vals in vals_list]
        )
        lines = super().create(vals_list)
        log = [
            (line, 0.0, line.amount, reason)
            for line, reason in zip(lines, reasons, strict=True)
            if line.kind == "forecast"
            and not line.budget_id.is_snapshot
            and line.amount
        ]
        self._account_mgmt_log(log)
        return lines

    def write(self, vals):
        vals = dict(vals)
        reason = vals.pop("adjustment_reason", False)
        if not vals:
            return True
        if not budget_internal(self.env):
            budgets = self.sudo().budget_id
            if vals.get("budget_id"):
                budgets |= budgets.browse(vals["budget_id"])
            partners = self.partner_id
            if vals.get("partner_id"):
                partners |= partners.browse(vals["partner_id"])
            self._account_mgmt_check_editor(budgets, partners)
        if set(KEY_FIELDS) & set(vals):
            self._account_mgmt_check_duplicates(
                [self._account_mgmt_key(vals, line) for line in self], self.ids
            )
        old = {}
        if "amount" in vals:
            old = {line.id: line.amount for line in self}
            changed = self.filtered(
                lambda line: (
                    line.kind == "forecast"
                    and line.currency_id.compare_amounts(
                        line.amount, vals["amount"] or 0.0
                    )
                )
            )
            reason = reason or self.env.context.get(REASON)
            if (
                changed
                and not reason
                and not self.env.su
                and not is_budget_owner(self.env)
            ):
                raise UserError(
                    _(
                        "Give a reason for changing the forecast of %(account)s for "
                        "%(month)s (from %(old)s to %(new)s).",
                        account=changed[0].partner_id.display_name,
                        month=changed[0].date.strftime("%Y-%m"),
                        old=changed[0].amount,
                        new=vals["amount"],
                    )
                )
        res = super().write(vals)
        if old:
            self._account_mgmt_log(
                [
                    (line, old[line.id], line.amount, reason)
                    for line in self
                    if line.kind == "forecast"
                    and line.currency_id.compare_amounts(old[line.id], line.amount)
                ]
            )
        return res

    def unlink(self):
        if not budget_internal(self.env):
            self._account_mgmt_check_editor(self.sudo().budget_id, self.partner_id)
        self._account_mgmt_log(
            [
                (line, line.amount, 0.0, self.env.context.get(REASON))
                for line in self
                if line.kind == "forecast" and line.amount
            ]
        )
        return super().unlink()

    def _account_mgmt_log(self, changes):
        """Log the forecast changes ``changes`` (line, old amount, new amount,
        reason): who, when, old, new, why. One INSERT for all: the log is the
        add-on's own (no user writes it), and a baseline or an import logs
        thousands of lines at once."""
        if not changes:
            return
        reason_default = self.env.context.get(REASON) or None
        Line = self.env["account_mgmt.budget.line"]
        Line.flush_model()
        line_ids, olds, news, reasons = zip(
            *(
                (line.id, old, new, reason or reason_default)
                for line, old, new, reason in changes
            ),
            strict=True,
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO account_mgmt_budget_adjustment
                       (line_id, budget_id, company_id, partner_id, date, categ_id,
                        user_id, old_amount, new_amount, reason,
                        create_uid, create_date, write_uid, write_date)
                SELECT line.id, line.budget_id, line.company_id, line.partner_id,
                       line.date, line.categ_id, %(uid)s, k.old_amount,
                       k.new_amount, k.reason, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(ids)s::int[], %(olds)s::numeric[],
                              %(news)s::numeric[], %(reasons)s::varchar[])
                       AS k(line_id, old_amount, new_amount, reason)
                  JOIN account_mgmt_budget_line line ON line.id = k.line_id
                """,
                uid=self.env.uid,
                now=self.env.cr.now(),
                ids=list(line_ids),
                olds=list(olds),
                news=list(news),
                reasons=list(reasons),
            )
        )
        self.env["account_mgmt.budget.adjustment"].invalidate_model()
        Line.browse(line_ids).invalidate_recordset(["adjustment_ids"])
