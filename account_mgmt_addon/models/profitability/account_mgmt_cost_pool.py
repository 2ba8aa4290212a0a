# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

from dateutil.relativedelta import relativedelta
from psycopg2.errors import LockNotAvailable

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, float_round, format_amount, format_date

from ...tools.cost_allocation_math import split_amount
from ...tools.groups import GROUP_DIRECTOR, GROUP_FINANCE
from ...tools.jobs import batch_size, notify_progress
from ...tools.sql_arrays import sql_unnest

#: Cost pools allocated per call (system parameter
#: account_mgmt_addon.batch_size.cost_allocation): a pool of 300,000 allocation
#: rows (50,000 accounts, 11 months) takes 13 s at a load of 3 on 2 CPUs, 16 to
#: 21 s at a load of 7; two pools took 26 to 34 s (see the README's benchmark).
COST_ALLOCATION_BATCH_SIZE = 1

# Changing one of these on an allocated pool would leave its allocation stale.
ALLOCATION_KEY_FIELDS = {
    "company_id",
    "date_from",
    "date_to",
    "amount_source",
    "fixed_amount",
    "account_ids",
    "analytic_account_ids",
    "driver",
    "scope",
    "tier_ids",
}


def month_start(day):
    return day.replace(day=1)


class AccountMgmtCostPool(models.Model):
    """A cost-to-serve pool spread over client accounts by an activity driver.

    Activity-based costing: sales and service costs that no invoice carries
    (account management, customer service, logistics overheads) are allocated to
    the accounts that caused them, per month, in proportion to a driver.
    """

    _name = "account_mgmt.cost.pool"
    _inherit = ["mail.thread"]
    _description = "Cost Pool"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    amount_source = fields.Selection(
        selection=[
            ("fixed", "Fixed Amount"),
            ("accounts", "Posted Balance of Accounts"),
        ],
        string="Amount From",
        required=True,
        default="fixed",
        tracking=True,
    )
    fixed_amount = fields.Monetary(currency_field="currency_id", tracking=True)
    account_ids = fields.Many2many(
        comodel_name="account.account",
        relation="account_mgmt_cost_pool_account_rel",
        column1="pool_id",
        column2="account_id",
        string="Expense Accounts",
        check_company=True,
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost', "
        "'expense_depreciation'))]",
        help="The pool amount is the posted balance of these accounts over the "
        "period. Leave out the costs already booked to the clients' analytic "
        "accounts: they count as direct cost.",
    )
    analytic_account_ids = fields.Many2many(
        comodel_name="account.analytic.account",
        relation="account_mgmt_cost_pool_analytic_rel",
        column1="pool_id",
        column2="analytic_account_id",
        string="Analytic Filter",
        check_company=True,
        help="Only count the amounts of these accounts distributed to these analytic "
        "accounts (e.g. the customer service department).",
    )
    amount = fields.Monetary(
        string="Amount to Allocate",
        currency_field="currency_id",
        compute="_compute_amount",
        help="The fixed amount, or the posted balance of the expense accounts over "
        "the period, in company currency.",
    )
    driver = fields.Selection(
        selection=[
            ("interaction_hours", "Interaction Hours"),
            ("interaction_count", "Interaction Count"),
            ("invoice_count", "Invoice Count"),
            ("revenue", "Revenue"),
            ("equal", "Equal Share"),
        ],
        required=True,
        default="revenue",
        tracking=True,
        help="What each account's share is proportional to, month by month: hours "
        "or number of done interactions, number of posted customer invoices, "
        "revenue, or an equal share per account and month.",
    )
    scope = fields.Selection(
        selection=[
            ("active", "All Customers with Activity"),
            ("tier", "Accounts of Tiers"),
        ],
        string="Applies To",
        required=True,
        default="active",
        tracking=True,
    )
    tier_ids = fields.Many2many(
        comodel_name="account_mgmt.tier",
        relation="account_mgmt_cost_pool_tier_rel",
        column1="pool_id",
        column2="tier_id",
        string="Tiers",
    )
    allocation_ids = fields.One2many(
        comodel_name="account_mgmt.cost.allocation",
        inverse_name="pool_id",
        string="Allocations",
        readonly=True,
    )
    allocated_amount = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_allocation",
        store=True,
    )
    allocation_count = fields.Integer(compute="_compute_allocation", store=True)
    state = fields.Selection(
        selection=[("draft", "Not Allocated"), ("allocated", "Allocated")],
        compute="_compute_allocation",
        store=True,
        tracking=True,
    )
    allocated_on = fields.Datetime(readonly=True, copy=False)
    allocation_queued = fields.Boolean(
        string="Allocation in Progress",
        readonly=True,
        copy=False,
        help="The pool is being allocated in the background by the scheduled "
        "action (several pools were allocated at once).",
    )
    note = fields.Text()

    @api.depends(
        "amount_source",
        "fixed_amount",
        "account_ids",
        "analytic_account_ids",
        "date_from",
        "date_to",
        "company_id",
    )
    def _compute_amount(self):
        from_accounts = self.filtered(
            lambda pool: (
                pool.amount_source == "accounts"
                and pool.account_ids
                and pool.date_from
                and pool.date_to
            )
        )
        balances = from_accounts._get_account_balances()
        for pool in self:
            if pool.amount_source == "fixed":
                pool.amount = pool.fixed_amount
            else:
                pool.amount = balances.get(pool, 0.0)

    @api.depends("allocation_ids.amount")
    def _compute_allocation(self):
        groups = {
            pool: (amount, count)
            for pool, amount, count in self.env[
                "account_mgmt.cost.allocation"
            ]._read_group(
                [("pool_id", "in", self.ids)], ["pool_id"], ["amount:sum", "__count"]
            )
        }
        for pool in self:
            amount, count = groups.get(pool, (0.0, 0))
            pool.allocated_amount = amount
            pool.allocation_count = count
            pool.state = "allocated" if count else "draft"

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for pool in self:
            if pool.date_to < pool.date_from:
                raise ValidationError(
                    self.env._(
                        "Cost pool %(pool)s ends (%(end)s) before it starts "
                        "(%(start)s): fix its period.",
                        pool=pool.name,
                        end=format_date(self.env, pool.date_to),
                        start=format_date(self.env, pool.date_from),
                    )
                )

    @api.constrains("fixed_amount", "amount_source", "account_ids")
    def _check_amount(self):
        for pool in self:
            if pool.fixed_amount < 0:
                raise ValidationError(
                    self.env._(
                        "The amount of cost pool %(pool)s can't be negative.",
                        pool=pool.name,
                    )
                )
            if pool.amount_source == "accounts" and not pool.account_ids:
                raise ValidationError(
                    self.env._(
                        "Cost pool %(pool)s takes its amount from expense accounts: "
                        "choose at least one account.",
                        pool=pool.name,
                    )
                )

    @api.constrains("scope", "tier_ids")
    def _check_scope(self):
        for pool in self:
            if pool.scope == "tier" and not pool.tier_ids:
                raise ValidationError(
                    self.env._(
                        "Cost pool %(pool)s applies to tiers: choose at least one "
                        "tier.",
                        pool=pool.name,
                    )
                )

    def write(self, vals):
        if ALLOCATION_KEY_FIELDS & set(vals) and self.filtered("allocation_ids"):
            pool = self.filtered("allocation_ids")[:1]
            raise UserError(
                self.env._(
                    "Cost pool %(pool)s is allocated: reset its allocation before "
                    "changing its period, amount, driver or accounts.",
                    pool=pool.name,
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.filtered("allocation_ids")._check_period_unlocked()

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        return [
            dict(vals, name=self.env._("%(name)s (copy)", name=pool.name))
            for pool, vals in zip(self, vals_list, strict=True)
        ]

    def action_allocate(self):
        """Allocate each pool over the accounts of its scope (replacing any
        previous allocation of the pool).

        A pool's allocation is one batch (it splits the pool's amount to the
        cent over all its accounts and months). The first pools, up to the batch
        size, are allocated now; the others are queued for the scheduled action,
        triggered at once, and show "Allocation in Progress" until it is done."""
        self._check_can_manage()
        self._lock_for_allocation()
        limit = batch_size(self.env, "cost_allocation", COST_ALLOCATION_BATCH_SIZE)
        now, later = self[:limit], self[limit:]
        for pool in now:
            pool._allocate()
        if not later:
            return True
        later._check_period_unlocked()
        # sudo: a technical flag for the scheduled action, after the checks above.
        later.sudo().allocation_queued = True
        self.env.ref("account_mgmt_addon.ir_cron_cost_allocation").sudo()._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "title": self.env._("Allocation in progress"),
                "message": self.env._(
                    "%(done)s cost pools allocated; %(queued)s more are being "
                    "allocated in the background: reload in a few minutes.",
                    done=len(now),
                    queued=len(later),
                ),
                "sticky": True,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _cron_allocate_queued(self):
        """Allocate the pools queued by "Allocate", a batch of pools per call (the
        cron runner calls again while some remain). A pool stays queued until its
        allocation is committed, so a run killed halfway allocates it again
        (replacing its rows, never adding to them)."""
        limit = batch_size(self.env, "cost_allocation", COST_ALLOCATION_BATCH_SIZE)
        queued = self.search([("allocation_queued", "=", True)], order="id")
        # Pools another worker is allocating right now are left to it.
        self.env.cr.execute(
            SQL(
                "SELECT id FROM account_mgmt_cost_pool WHERE id IN %s ORDER BY id"
                " LIMIT %s FOR UPDATE SKIP LOCKED",
                tuple(queued.ids) or (None,),
                limit,
            )
        )
        batch = self.browse([row[0] for row in self.env.cr.fetchall()])
        for pool in batch:
            try:
                with self.env.cr.savepoint():
                    pool._allocate()
            except UserError as error:
                # The pool can't be allocated as it is (no amount, no driver
                # base, locked period): say so on the pool, and unqueue it.
                pool.message_post(
                    body=self.env._(
                        "Allocation not done: %(error)s", error=error.args[0]
                    )
                )
        batch.allocation_queued = False
        notify_progress(self.env, done=len(batch), remaining=len(queued) - len(batch))
        return batch

    def action_reset_allocation(self):
        """Remove the allocation of the pools (their period must be unlocked), and
        take them out of the scheduled action's queue: a pool queued by
        "Allocate" and reset before the job reached it stays unallocated."""
        self._check_can_manage()
        self._lock_for_allocation()
        self._check_period_unlocked()
        for pool in self.filtered(
            lambda pool: pool.allocation_ids or pool.allocation_queued
        ):
            # sudo: allocation rows are written by their pool only (no one has
            # write access to them), and the queue flag by the scheduled action,
            # after the checks above.
            pool.allocation_ids.sudo().unlink()
            pool.sudo().allocation_queued = False
            pool.allocated_on = False
            pool.message_post(body=self.env._("Allocation reset."))
        return True

    @api.readonly
    def action_view_allocations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_cost_allocation_action"
        )
        action["domain"] = [("pool_id", "=", self.id)]
        action["context"] = {
            "default_pool_id": self.id,
            "search_default_group_partner": 1,
        }
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _check_can_manage(self):
        if not (
            self.env.user.has_group(GROUP_FINANCE)
            or self.env.user.has_group(GROUP_DIRECTOR)
        ):
            raise AccessError(
                self.env._("Only finance and account directors allocate cost pools.")
            )
        self.check_access("write")

    def _lock_for_allocation(self):
        """Lock the pools' rows until the end of the transaction.

        A second allocation (or reset) of the same pool started meanwhile fails
        at once with a clear message instead of writing its rows beside the
        first one's.
        """
        if not self.ids:
            return
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM account_mgmt_cost_pool WHERE id IN %s "
                        "FOR UPDATE NOWAIT",
                        tuple(self.ids),
                    )
                )
        except LockNotAvailable:
            raise UserError(
                self.env._(
                    "Cost pool %(pool)s is being allocated by someone else right "
                    "now: try again in a moment.",
                    pool=", ".join(self.mapped("name")),
                )
            ) from None

    def _get_lock_date(self):
        """The date up to which the pool's company accounting is locked for the
        current user (fiscal year, hard and sales lock dates)."""
        self.ensure_one()
        company = self.company_id
        return max(
            company.user_fiscalyear_lock_date,
            company.user_hard_lock_date,
            company.user_sale_lock_date,
        )

    def _check_period_unlocked(self):
        for pool in self:
            lock_date = pool._get_lock_date()
            if pool.date_from <= lock_date:
                raise UserError(
                    self.env._(
                        "The accounting of %(company)s is locked up to %(lock)s: the "
                        "allocation of cost pool %(pool)s (from %(start)s) can't "
                        "change any more.",
                        company=pool.company_id.name,
                        lock=format_date(self.env, lock_date),
                        pool=pool.name,
                        start=format_date(self.env, pool.date_from),
                    )
                )

    def _get_months(self):
        self.ensure_one()
        months = []
        month = month_start(self.date_from)
        while month <= self.date_to:
            months.append(month)
            month += relativedelta(months=1)
        return months

    def _allocate(self):
        """Compute the allocation rows, then replace the pool's rows with them.

        Everything that can fail is computed before anything is written, so an
        error leaves the previous allocation untouched.
        """
        self.ensure_one()
        self._check_period_unlocked()
        amount = self.amount
        currency = self.currency_id
        if currency.compare_amounts(amount, 0.0) < 0:
            raise UserError(
                self.env._(
                    "The accounts of cost pool %(pool)s have a credit balance of "
                    "%(amount)s over the period: there is no cost to allocate.",
                    pool=self.name,
                    amount=format_amount(self.env, amount, currency),
                )
            )
        if currency.is_zero(amount):
            raise UserError(
                self.env._(
                    "Cost pool %(pool)s has no amount to allocate over the period.",
                    pool=self.name,
                )
            )
        weights = self._get_driver_weights()
        weights = {key: value for key, value in weights.items() if value > 0}
        if not weights:
            raise UserError(
                self.env._(
                    "Cost pool %(pool)s can't be allocated by %(driver)s: no account "
                    "of its scope has any %(driver)s between %(start)s and %(end)s.",
                    pool=self.name,
                    driver=dict(
                        self._fields["driver"]._description_selection(self.env)
                    )[self.driver],
                    start=format_date(self.env, self.date_from),
                    end=format_date(self.env, self.date_to),
                )
            )
        parts = split_amount(amount, weights, rounding=currency.rounding)
        self._replace_allocation_rows(parts, weights)
        self.allocated_on = fields.Datetime.now()
        self.message_post(
            body=self.env._(
                "%(amount)s allocated over %(count)s accounts by %(driver)s.",
                amount=format_amount(self.env, amount, currency),
                count=len({partner_id for partner_id, _month in parts}),
                driver=dict(self._fields["driver"]._description_selection(self.env))[
                    self.driver
                ],
            )
        )

    def _replace_allocation_rows(self, parts, weights):
        """Replace the pool's allocation rows by ``parts`` (``{(partner id,
        month): amount}``), with their driver base from ``weights``.

        A pool has a row per account and month: tens of thousands on a large
        ledger. They are deleted and inserted in two statements whatever their
        number, with the columns the ORM would fill (rounded the way it rounds
        them). Rows are written by their pool only (no one has write access to
        them): the caller has checked the rights, the lock and the period.
        """
        self.ensure_one()
        Allocation = self.env["account_mgmt.cost.allocation"]
        Allocation.flush_model()
        places = self.currency_id.decimal_places
        _precision, scale = Allocation._fields["driver_value"].get_digits(self.env)
        partner_ids, months, amounts, driver_values = [], [], [], []
        for (partner_id, month), part in parts.items():
            partner_ids.append(partner_id)
            months.append(month)
            # The parts are whole multiples of the currency's rounding already
            # (and positive): written with its decimals, as the ORM writes them.
            amounts.append(f"{part:.{places}f}")
            # The driver base rounded to the field's digits, as the ORM does.
            driver_value = float_round(
                float(weights[partner_id, month]), precision_digits=scale
            )
            driver_values.append(f"{driver_value:.{scale}f}")
        self.env.cr.execute(
            SQL(
                "DELETE FROM account_mgmt_cost_allocation WHERE pool_id = %s",
                self.id,
            )
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO account_mgmt_cost_allocation
                       (pool_id, company_id, partner_id, date, amount, driver_value,
                        create_uid, create_date, write_uid, write_date)
                SELECT %(pool_id)s, %(company_id)s, row.partner_id, row.date,
                       row.amount, row.driver_value,
                       %(uid)s, NOW() AT TIME ZONE 'UTC',
                       %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM %(rows)s
                """,
                pool_id=self.id,
                company_id=self.company_id.id,
                uid=self.env.uid,
                rows=sql_unnest(
                    "row",
                    {
                        "partner_id": ("int", partner_ids),
                        "date": ("date", months),
                        "amount": ("numeric", amounts),
                        "driver_value": ("numeric", driver_values),
                    },
                ),
            )
        )
        Allocation.invalidate_model()
        # The pool's totals and state are recomputed from the new rows.
        self.invalidate_recordset(["allocation_ids"])
        self.modified(["allocation_ids"])

    def _get_driver_weights(self):
        """Driver base per account and month: ``{(partner id, month): value}``.

        Drivers are methods ``_get_driver_weights_<driver>``, so that a module can
        add one with ``selection_add`` and a method.
        """
        self.ensure_one()
        weights = getattr(self, f"_get_driver_weights_{self.driver}")()
        if self.scope == "tier":
            partners = (
                self.env["res.partner"]
                .with_company(self.company_id)  # tiers are per company
                .browse({partner_id for partner_id, _month in weights})
            )
            # one query for all the accounts (not one per prefetch batch)
            partners.fetch(["account_tier_id"])
            kept = set(
                partners.filtered(lambda p: p.account_tier_id in self.tier_ids).ids
            )
            weights = {key: value for key, value in weights.items() if key[0] in kept}
        return weights

    def _get_driver_weights_interaction_hours(self):
        return self._get_interaction_weights("duration:sum")

    def _get_driver_weights_interaction_count(self):
        return self._get_interaction_weights("__count")

    def _get_interaction_weights(self, aggregate):
        if "account_mgmt.interaction" not in self.env:
            return {}
        start = datetime.combine(self.date_from, time.min)
        stop = datetime.combine(self.date_to + relativedelta(days=1), time.min)
        groups = (
            self.env["account_mgmt.interaction"]
            # sudo: the driver base counts every interaction of the period, not only
            # those the user may read; tz: months of the UTC dates stored.
            .sudo()
            .with_context(tz="UTC")
            ._read_group(
                [
                    ("state", "=", "done"),
                    ("date", ">=", start),
                    ("date", "<", stop),
                    ("company_id", "in", [self.company_id.id, False]),
                    ("partner_id", "!=", False),
                ],
                ["partner_id", "date:month"],
                [aggregate],
            )
        )
        # the accounts of all the contacts in one query (not one per prefetch batch)
        self.env["res.partner"].sudo().browse(
            {partner.id for partner, _month, _value in groups}
        ).fetch(["commercial_partner_id"])
        weights = {}
        for partner, month, value in groups:
            month = month.date() if isinstance(month, datetime) else month
            key = (partner.commercial_partner_id.id, month_start(month))
            weights[key] = weights.get(key, 0.0) + value
        return weights

    def _get_driver_weights_invoice_count(self):
        groups = (
            self.env["account.move"]
            .sudo()  # the driver base counts every posted invoice of the company
            ._read_group(
                [
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("company_id", "=", self.company_id.id),
                    ("date", ">=", self.date_from),
                    ("date", "<=", self.date_to),
                ],
                ["commercial_partner_id", "date:month"],
                ["__count"],
            )
        )
        return {
            (partner.id, month_start(month)): count for partner, month, count in groups
        }

    def _get_revenue_by_month(self):
        report = self.env["account_mgmt.profitability.report"]
        report._flush_sources()
        self.env.cr.execute(
            SQL(
                """
                SELECT src.partner_id, date_trunc('month', src.date)::date,
                       SUM(src.revenue)
                  FROM (%(revenue_lines)s) src
                 WHERE src.company_id = %(company_id)s
                   AND src.date BETWEEN %(date_from)s AND %(date_to)s
              GROUP BY 1, 2
                """,
                revenue_lines=report._sql_revenue_lines(),
                company_id=self.company_id.id,
                date_from=self.date_from,
                date_to=self.date_to,
            )
        )
        return {
            (partner_id, month): revenue
            for partner_id, month, revenue in self.env.cr.fetchall()
        }

    def _get_driver_weights_revenue(self):
        # Months of net credit notes weigh nothing (the split drops them).
        return self._get_revenue_by_month()

    def _get_driver_weights_equal(self):
        """One share per account and month of the period.

        The accounts are those of the chosen tiers, or those with a posted
        customer invoice or credit note in the period.
        """
        if self.scope == "tier":
            partners = (
                self.env["res.partner"]
                .sudo()  # every account of the tier shares the cost
                .with_company(self.company_id)  # tiers are per company
                .search_fetch(
                    [
                        ("account_tier_id", "in", self.tier_ids.ids),
                        ("company_id", "in", [self.company_id.id, False]),
                    ],
                    ["commercial_partner_id"],
                )
            )
            partner_ids = set(partners.commercial_partner_id.ids)
        else:
            partner_ids = {
                partner_id for partner_id, _month in self._get_revenue_by_month()
            }
        return {
            (partner_id, month): 1.0
            for partner_id in partner_ids
            for month in self._get_months()
        }

    def _get_account_balances(self):
        """Posted balance of each pool's expense accounts over its period.

        One statement for all the pools (saved or not): the pools' settings are
        passed as VALUES. With an analytic filter, the analytic lines of those
        accounts on those analytic accounts count (their share of the items).
        """
        if not self:
            return {}
        self.env["account.move.line"].flush_model(
            ["balance", "account_id", "date", "company_id", "parent_state"]
        )
        self.env["account.analytic.line"].flush_model()
        pools = list(self)
        values = SQL(", ").join(
            SQL(
                "(%s, %s, %s::date, %s::date, %s::int[], %s::int[])",
                index,
                pool.company_id.id,
                pool.date_from,
                pool.date_to,
                pool.account_ids.ids,
                pool.analytic_account_ids.ids,
            )
            for index, pool in enumerate(pools)
        )
        analytic_line = self.env["account.analytic.line"]
        plan_match = SQL(" OR ").join(
            SQL("aal.%s = ANY(pool.analytic_ids)", SQL.identifier(fname))
            for fname in analytic_line._get_plan_fnames()
        )
        self.env.cr.execute(
            SQL(
                """
                WITH pool(key, company_id, date_from, date_to, account_ids,
                          analytic_ids) AS (VALUES %(values)s)
                SELECT pool.key, SUM(line.balance)
                  FROM pool
                  JOIN account_move_line line
                    ON line.company_id = pool.company_id
                   AND line.account_id = ANY(pool.account_ids)
                   AND line.date BETWEEN pool.date_from AND pool.date_to
                   AND line.parent_state = 'posted'
                 WHERE cardinality(pool.analytic_ids) = 0
              GROUP BY pool.key
                 UNION ALL
                SELECT pool.key, -SUM(aal.amount)
                  FROM pool
                  JOIN account_analytic_line aal
                    ON aal.company_id = pool.company_id
                   AND aal.general_account_id = ANY(pool.account_ids)
                   AND aal.date BETWEEN pool.date_from AND pool.date_to
                   AND (%(plan_match)s)
                 WHERE cardinality(pool.analytic_ids) > 0
              GROUP BY pool.key
                """,
                values=values,
                plan_match=plan_match,
            )
        )
        return {pools[key]: balance for key, balance in self.env.cr.fetchall()}
