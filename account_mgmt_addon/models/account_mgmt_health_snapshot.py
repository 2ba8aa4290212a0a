# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Health snapshots of the accounts and the set-based recompute that writes them.

The recompute is bounded in queries whatever the number of accounts: one query
lists the accounts, one SQL statement per measure gathers every account's raw
figures, the plain-Python functions of ``health_scoring`` turn them into scores,
and a handful of statements write the snapshots, their lines and the partners'
stored figures.
"""

import ast
from collections import defaultdict
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, float_round, format_amount
from odoo.tools.misc import get_lang

from odoo.addons.base.models.res_lang import intersperse

from ..tools.periods import last_12_months
from ..tools.sql_arrays import array_literal
from . import health_scoring as hs
from .account_mgmt_health_measure import MEASURE_CODES
from .account_move_line import SALE_MOVE_TYPES

BAND_SELECTION = [("red", "Red"), ("amber", "Amber"), ("green", "Green")]
TREND_SELECTION = [("up", "Up"), ("flat", "Flat"), ("down", "Down")]
ALERT_SELECTION = [
    ("band_red", "Health Turned Red"),
    ("score_drop", "Health Dropped"),
    ("objective_off_track", "Plan Objective Off Track"),
    ("overdue_60", "Invoices Long Overdue"),
]


class AccountMgmtHealthSnapshot(models.Model):
    _name = "account_mgmt.health.snapshot"
    _description = "Account Health Snapshot"
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Account",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, readonly=True, index=True
    )
    date = fields.Date(required=True, readonly=True, index=True)
    is_latest = fields.Boolean(
        string="Latest",
        readonly=True,
        index=True,
        help="The account's most recent snapshot, the one its health fields show.",
    )
    score = fields.Float(readonly=True, digits=(5, 2), aggregator="avg")
    band = fields.Selection(selection=BAND_SELECTION, readonly=True)
    trend = fields.Selection(selection=TREND_SELECTION, readonly=True)
    previous_score = fields.Float(readonly=True, digits=(5, 2), aggregator="avg")
    score_delta = fields.Float(
        string="Change",
        readonly=True,
        digits=(5, 2),
        aggregator="avg",
        help="Score minus the score of the previous snapshot.",
    )
    main_reason = fields.Char(
        readonly=True,
        help="The measure that costs the account the most points.",
    )
    account_manager_id = fields.Many2one(
        comodel_name="res.users", readonly=True, index=True
    )
    tier_id = fields.Many2one(
        comodel_name="account_mgmt.tier", string="Tier", readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    revenue_12m = fields.Monetary(
        string="Revenue (12 Months)",
        readonly=True,
        help="Invoiced revenue of the last twelve full months, in company currency.",
    )
    overdue_amount = fields.Monetary(
        string="Overdue",
        readonly=True,
        help="Open receivable past its due date.",
    )
    overdue_60_amount = fields.Monetary(
        string="Overdue > 60 Days",
        readonly=True,
    )
    days_since_contact = fields.Integer(
        readonly=True,
        aggregator="avg",
        help="Days since the last contact; -1 when the account was never contacted.",
    )
    contact_overdue_count = fields.Integer(
        string="Overdue Contacts",
        readonly=True,
        help="1 when the last contact is older than the tier's cadence.",
    )
    has_plan = fields.Boolean(string="Current Plan", readonly=True)
    plan_progress = fields.Float(
        readonly=True,
        digits=(5, 1),
        aggregator="avg",
        help="Objectives on track or done in the current approved plan, in percent.",
    )
    off_track_count = fields.Integer(string="Objectives Off Track", readonly=True)
    missing_plan_count = fields.Integer(
        string="Missing Plans",
        readonly=True,
        help="1 when the tier requires an account plan and no approved plan covers "
        "the date.",
    )
    line_ids = fields.One2many(
        comodel_name="account_mgmt.health.snapshot.line",
        inverse_name="snapshot_id",
        string="Breakdown",
        readonly=True,
    )

    _sql_constraints = [
        (
            "partner_company_date_uniq",
            "unique(partner_id, company_id, date)",
            "An account has one health snapshot per company and day.",
        ),
    ]

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        for snapshot in self:
            snapshot.display_name = self.env._(
                "%(account)s on %(date)s",
                account=snapshot.partner_id.display_name,
                date=snapshot.date,
            )

    def action_open_account(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------
    # Recompute
    # ------------------------------------------------------------------

    #: Daily snapshots younger than this are all kept; older ones are thinned
    #: out to the last snapshot of each month (see _health_prune).
    _health_daily_retention_days = 92

    @api.model
    def _cron_recompute(self):
        """Daily: score every account, raise the at-risk alerts, and the contact
        overdue reminders of the interactions (one daily pass raises them all);
        then thin out the old snapshots."""
        self._recompute_accounts()
        Partner = self.env["res.partner"]
        if hasattr(Partner, "_cron_account_mgmt_contact_overdue"):
            Partner._cron_account_mgmt_contact_overdue()
        self._health_prune()

    @api.model
    def _health_prune(self, date=None):
        """Keep one snapshot per account, company and month (the month's last)
        before the daily retention window, so the history stays light for
        trend graphs over the years. One statement, lines go with their
        snapshot."""
        date = date or fields.Date.context_today(self)
        self.flush_model()
        self.env.execute_query(
            SQL(
                """
                DELETE FROM account_mgmt_health_snapshot s
                 WHERE s.date < %(keep_from)s
                   AND NOT s.is_latest
                   AND EXISTS (
                       SELECT 1 FROM account_mgmt_health_snapshot later
                        WHERE later.partner_id = s.partner_id
                          AND later.company_id = s.company_id
                          AND later.date > s.date
                          AND date_trunc('month', later.date)
                              = date_trunc('month', s.date))
                """,
                keep_from=date - timedelta(days=self._health_daily_retention_days),
            )
        )
        self.invalidate_model()
        self.env["account_mgmt.health.snapshot.line"].invalidate_model()

    @api.model
    def _demo_health_history(self):
        """Demo data: score the accounts as of the first day of each of the last
        three months (without alerts), then today, so trends and graphs show.

        The past runs read the ledger, interactions and plans as they are now,
        limited to what was dated before each day: receivables paid since then
        and objectives' statuses are today's.
        """
        today = fields.Date.context_today(self)
        for months_ago in (3, 2, 1):
            day = today.replace(day=1) - relativedelta(months=months_ago)
            self._recompute_accounts(date=day, alerts=False)
        return self._recompute_accounts(date=today)

    @api.model
    def _recompute_accounts(
        self, partners=None, companies=None, date=None, alerts=True
    ):
        """Score the accounts on ``date`` (default: today).

        :param partners: the accounts to score (default: every account)
        :param companies: the companies that score them (default: all)
        :param alerts: schedule the at-risk activities
        :return: the snapshots written

        Writes one snapshot per account, company and day (a second run the same
        day replaces it), refreshes the partners' health fields and raises the
        at-risk alerts. The number of queries does not depend on the number of
        accounts. Reads and writes everything it needs: call it as superuser.
        """
        date = date or fields.Date.context_today(self)
        accounts = self._health_accounts(partners, companies)
        if not accounts:
            return self.browse()
        measures = self.env["account_mgmt.health.measure"].search(
            [("company_id", "in", list({a["company_id"] for a in accounts}))]
        )
        by_company = defaultdict(dict)
        for measure in measures:
            by_company[measure.company_id.id][measure.code] = measure
        raw = {}
        for code in dict.fromkeys(measures.mapped("code")):
            scoped = [a for a in accounts if code in by_company[a["company_id"]]]
            params = [by_company[a["company_id"]][code] for a in scoped]
            raw[code] = getattr(self, f"_health_query_{code}")(scoped, params, date)
        previous = self._health_previous(accounts, date)
        # Amounts are formatted as format_amount() would, with the language and
        # currency read once rather than for each of the many amounts.
        formatters = {}
        for account in accounts:
            currency_id = account["currency_id"]
            if currency_id not in formatters:
                formatters[currency_id] = self._health_amount_formatter(
                    self.env["res.currency"].browse(currency_id)
                )
            account["format_amount"] = formatters[currency_id]
        values = []
        for account in accounts:
            value = self._health_score_account(
                account, by_company[account["company_id"]], raw, previous, date
            )
            if value:
                values.append(value)
        snapshots = self._health_write(values, date)
        if alerts:
            self._health_alerts(values, previous, date)
        return snapshots

    @api.model
    def _health_accounts(self, partners=None, companies=None):
        """The (account, company) pairs to score, with what scoring needs.

        Like tiers, health is per company: each company scores an account on its
        own ledger, interactions and plans, with its own measures and bands. A
        company scores the accounts it may see that it tiered, that have an
        account manager working in it, or that it invoiced.
        """
        Partner = self.env["res.partner"].with_context(active_test=True)
        domain = Partner._account_health_domain()
        if partners is not None:
            domain = [("id", "in", partners.ids), *domain]
        partners = Partner.search(domain, order="id")
        if companies is None:
            companies = self.env["res.company"].search([("active", "=", True)])
        if not partners or not companies:
            return []
        self.env["res.partner"].flush_model(
            [
                "company_id",
                "account_tier_id",
                "account_manager_id",
                "commercial_partner_id",
            ]
        )
        self.env["account_mgmt.tier"].flush_model(
            ["code", "contact_cadence_days", "requires_account_plan"]
        )
        self.env["account.move"].flush_model(
            ["partner_id", "commercial_partner_id", "company_id", "state", "move_type"]
        )
        if self.env["res.partner"]._fields["account_tier_id"].company_dependent:
            tier = SQL("(p.account_tier_id ->> c.id::text)::int")
        else:
            tier = SQL("p.account_tier_id")
        return self.env.execute_query_dict(
            SQL(
                """
                WITH pair AS (
                    SELECT p.id AS partner_id,
                           c.id AS company_id,
                           p.create_date,
                           p.account_manager_id AS manager_id,
                           %(tier)s AS tier_id
                      FROM res_partner p
                      JOIN res_company c
                        ON c.id = ANY(%(company_ids)s)
                       AND (p.company_id IS NULL OR p.company_id = c.id)
                     WHERE p.id = ANY(%(ids)s)
                )
                SELECT pair.*,
                       t.code AS tier_code,
                       COALESCE(t.contact_cadence_days,
                                c.account_mgmt_default_cadence_days, 90) AS cadence,
                       COALESCE(t.requires_account_plan, FALSE) AS requires_plan,
                       c.account_mgmt_health_green_min AS green_min,
                       c.account_mgmt_health_amber_min AS amber_min,
                       c.currency_id
                  FROM pair
                  JOIN res_company c ON c.id = pair.company_id
             LEFT JOIN account_mgmt_tier t ON t.id = pair.tier_id
                 WHERE pair.tier_id IS NOT NULL
                    OR EXISTS (
                        SELECT 1 FROM res_company_users_rel r
                         WHERE r.user_id = pair.manager_id
                           AND r.cid = pair.company_id)
                    OR EXISTS (
                        -- through the account's partners: account_move is
                        -- indexed on partner_id, not on commercial_partner_id
                        SELECT 1
                          FROM res_partner member
                          JOIN account_move m ON m.partner_id = member.id
                         WHERE member.commercial_partner_id = pair.partner_id
                           AND m.commercial_partner_id = pair.partner_id
                           AND m.company_id = pair.company_id
                           AND m.state = 'posted'
                           AND m.move_type IN %(sale_types)s)
              ORDER BY pair.partner_id, pair.company_id
                """,
                tier=tier,
                ids=partners.ids,
                company_ids=companies.ids,
                sale_types=SALE_MOVE_TYPES,
            )
        )

    def _health_amount_formatter(self, currency):
        """A function of an amount that returns ``format_amount(env, amount,
        currency)``, the language's and currency's formats read once."""
        lang = get_lang(self.env)
        grouping = ast.literal_eval(lang.grouping)
        thousands_sep = lang.thousands_sep or ""
        decimal_point = lang.decimal_point
        number_format = f"%.{currency.decimal_places}f"
        rounding = currency.rounding
        pre = post = ""
        if currency.position == "before":
            pre = f"{currency.symbol or ''}\N{NO-BREAK SPACE}"
        else:
            post = f"\N{NO-BREAK SPACE}{currency.symbol or ''}"

        def format_amount_(amount):
            parts = (
                number_format % float_round(amount, precision_rounding=rounding)
            ).split(".")
            parts[0] = intersperse(parts[0], grouping, thousands_sep)[0]
            formatted = (
                decimal_point.join(parts)
                .replace(" ", "\N{NO-BREAK SPACE}")
                .replace("-", "-\N{ZERO WIDTH NO-BREAK SPACE}")
            )
            return f"{pre}{formatted}{post}"

        return format_amount_

    def _health_format_amount(self, account, amount, currency):
        """``amount`` formatted in ``currency``, the currency of ``account``'s
        company."""
        formatter = account.get("format_amount")
        if formatter:
            return formatter(amount)
        return format_amount(self.env, amount, currency)

    @api.model
    def _health_accounts_sql(self, accounts, **columns):
        """A table expression ``acc`` of the (account, company) pairs.

        ``columns``: extra per-pair columns, name -> (SQL type, values aligned
        with ``accounts``).
        """
        names = ["partner_id", "company_id", *columns]
        arrays = [
            self._health_array([a["partner_id"] for a in accounts], "int"),
            self._health_array([a["company_id"] for a in accounts], "int"),
        ]
        for sql_type, column_values in columns.values():
            arrays.append(self._health_array(column_values, sql_type))
        return SQL(
            "SELECT * FROM unnest(%s) AS acc(%s)",
            SQL(", ").join(arrays),
            SQL(", ").join(SQL.identifier(name) for name in names),
        )

    @api.model
    def _health_array(self, values, sql_type):
        """``values`` as an SQL array of ``sql_type``, sent as one text parameter:
        PostgreSQL reads it much faster than one constant per value."""
        return SQL("%s::%s[]", array_literal(values), SQL(sql_type))

    @api.model
    def _health_unnest(self, alias, columns, rows):
        """The table expression ``unnest(...) AS alias(...)`` of ``rows``.

        :param columns: column name -> SQL type, in the order of the rows' values
        :param rows: tuples of values
        """
        by_column = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
        arrays = [
            self._health_array(column_values, sql_type)
            for column_values, sql_type in zip(by_column, columns.values(), strict=True)
        ]
        return SQL(
            "unnest(%s) AS %s(%s)",
            SQL(", ").join(arrays),
            SQL.identifier(alias),
            SQL(", ").join(SQL.identifier(name) for name in columns),
        )

    @api.model
    def _health_previous(self, accounts, date):
        """The latest snapshot before ``date`` of each (account, company)."""
        self.flush_model()
        rows = self.env.execute_query_dict(
            SQL(
                """
                SELECT DISTINCT ON (s.partner_id, s.company_id)
                       s.partner_id, s.company_id, s.score, s.band,
                       s.off_track_count, s.overdue_60_amount
                  FROM account_mgmt_health_snapshot s
                  JOIN (%s) acc
                    ON acc.partner_id = s.partner_id AND acc.company_id = s.company_id
                 WHERE s.date < %s
              ORDER BY s.partner_id, s.company_id, s.date DESC
                """,
                self._health_accounts_sql(accounts),
                date,
            )
        )
        return {(row["partner_id"], row["company_id"]): row for row in rows}

    def _health_per_measure(self, measures, function):
        """``[function(measure) for measure in measures]``, computed once per
        measure: ``measures`` holds one measure per account."""
        results = {}
        for measure in dict.fromkeys(measures):
            results[measure] = function(measure)
        return [results[measure] for measure in measures]

    def _health_rows(self, query):
        """{(partner id, company id): rest of the row} of a measure's query."""
        return {(row[0], row[1]): row[2:] for row in self.env.execute_query(query)}

    # -- one statement per measure ----------------------------------------

    @api.model
    def _health_query_contact_recency(self, accounts, measures, date):
        """(account, company) -> (last contact datetime,)."""
        if not self._health_has_interactions():
            return None
        self.env["account_mgmt.interaction"].flush_model(
            ["partner_id", "company_id", "type_id", "state", "date"]
        )
        self.env["account_mgmt.interaction.type"].flush_model(["counts_as_contact"])
        return self._health_rows(
            SQL(
                """
                WITH acc AS (%(acc)s)
                SELECT acc.partner_id, acc.company_id, MAX(i.date)
                  FROM acc
                  JOIN account_mgmt_interaction i
                    ON i.partner_id = acc.partner_id
                   AND i.company_id = acc.company_id
                  JOIN account_mgmt_interaction_type it ON it.id = i.type_id
                 WHERE i.state = 'done'
                   AND it.counts_as_contact
                   AND i.date < %(until)s
              GROUP BY acc.partner_id, acc.company_id
                """,
                acc=self._health_accounts_sql(accounts),
                until=self._health_day_end(date),
            )
        )

    def _health_day_end(self, date):
        """Midnight (UTC) after ``date``: interactions before it count."""
        return datetime.combine(date + timedelta(days=1), time.min)

    def _health_trend_sql(self, accounts, measures, date, amount):
        """Sum ``amount`` (an expression of the summary's ``month``) over each
        account's current and previous trend periods (whole months before the
        month of ``date``), and its revenue of the last 12 months.

        Read from the monthly profitability summary (the ledger itself for the
        months changed since it was built): the same sales and cost of a line as
        every other screen.
        """
        month_start = date.replace(day=1)
        year_from, __ = last_12_months(date)
        current_from = self._health_per_measure(
            measures, lambda m: month_start - relativedelta(months=m.trend_months)
        )
        previous_from = self._health_per_measure(
            measures,
            lambda m: (
                month_start
                - relativedelta(months=m.trend_months)
                - relativedelta(years=1)
            ),
        )
        acc = self._health_accounts_sql(
            accounts,
            cur_from=("date", current_from),
            prev_from=("date", previous_from),
        )
        report = (
            self.env["account_mgmt.profitability.report"]
            .sudo()
            .with_context(
                allowed_company_ids=sorted({a["company_id"] for a in accounts})
            )
        )
        report._flush_sources()
        return SQL(
            """
            WITH acc AS (%(acc)s)
            SELECT acc.partner_id, acc.company_id,
                   SUM(%(amount)s) FILTER (
                       WHERE month.date >= acc.cur_from AND month.date < %(cur_to)s),
                   SUM(%(amount)s) FILTER (
                       WHERE month.date >= acc.prev_from
                         AND month.date < %(prev_to)s),
                   SUM(month.revenue) FILTER (
                       WHERE month.date >= %(year_from)s AND month.date < %(cur_to)s)
              FROM acc
              JOIN (%(grouped)s) month
                ON month.partner_id = acc.partner_id
               AND month.company_id = acc.company_id
             WHERE month.date >= LEAST(acc.prev_from, %(year_from)s)
               AND month.date < %(cur_to)s
          GROUP BY acc.partner_id, acc.company_id
            """,
            acc=acc,
            amount=amount,
            grouped=report._sql_grouped(),
            cur_to=month_start,
            prev_to=month_start - relativedelta(years=1),
            year_from=year_from,
        )

    @api.model
    def _health_query_revenue_trend(self, accounts, measures, date):
        """(account, company) -> (current, previous, 12-month revenue)."""
        return self._health_rows(
            self._health_trend_sql(accounts, measures, date, SQL("month.revenue"))
        )

    @api.model
    def _health_query_margin_trend(self, accounts, measures, date):
        """(account, company) -> (current, previous margin, 12-month revenue)."""
        return self._health_rows(
            self._health_trend_sql(
                accounts, measures, date, SQL("(month.revenue - month.cogs)")
            )
        )

    @api.model
    def _health_query_overdue_receivables(self, accounts, measures, date):
        """(account, company) -> (open, overdue past the measure's delay,
        overdue more than 60 days, overdue) receivable in company currency.

        The receivables report's definition (``_sql_open_items``): overdue is what
        is past due less unapplied credits, never more than open nor negative.
        """
        companies = self.env["res.company"].browse({a["company_id"] for a in accounts})
        return self._health_rows(
            SQL(
                """
                WITH acc AS (%(acc)s)
                SELECT acc.partner_id, acc.company_id,
                       SUM(item.amount_residual),
                       SUM(item.amount_overdue) FILTER (
                           WHERE item.date_maturity < acc.overdue_before),
                       SUM(item.amount_overdue) FILTER (
                           WHERE item.date_maturity < %(before_60)s),
                       SUM(item.amount_overdue)
                  FROM acc
                  JOIN (%(items)s) item
                    ON item.partner_id = acc.partner_id
                   AND item.company_id = acc.company_id
              GROUP BY acc.partner_id, acc.company_id
                """,
                acc=self._health_accounts_sql(
                    accounts,
                    overdue_before=(
                        "date",
                        self._health_per_measure(
                            measures, lambda m: date - timedelta(days=m.overdue_days)
                        ),
                    ),
                ),
                items=self.env["account_mgmt.receivable.report"]._sql_open_items(
                    date, companies
                ),
                before_60=date - timedelta(days=60),
            )
        )

    @api.model
    def _health_query_sentiment(self, accounts, measures, date):
        """(account, company) -> (positive, neutral, negative, satisfaction sum,
        satisfaction count) over the measure's window."""
        if not self._health_has_interactions():
            return None
        self.env["account_mgmt.interaction"].flush_model(
            ["partner_id", "company_id", "state", "date", "sentiment", "satisfaction"]
        )
        until = self._health_day_end(date)
        return self._health_rows(
            SQL(
                """
                WITH acc AS (%(acc)s)
                SELECT acc.partner_id, acc.company_id,
                       COUNT(*) FILTER (WHERE i.sentiment = 'positive'),
                       COUNT(*) FILTER (WHERE i.sentiment = 'neutral'),
                       COUNT(*) FILTER (WHERE i.sentiment = 'negative'),
                       SUM(NULLIF(i.satisfaction, 0)),
                       COUNT(NULLIF(i.satisfaction, 0))
                  FROM acc
                  JOIN account_mgmt_interaction i
                    ON i.partner_id = acc.partner_id
                   AND i.company_id = acc.company_id
                 WHERE i.state = 'done'
                   AND i.date >= acc.since
                   AND i.date < %(until)s
              GROUP BY acc.partner_id, acc.company_id
                """,
                acc=self._health_accounts_sql(
                    accounts,
                    since=(
                        "timestamp",
                        self._health_per_measure(
                            measures, lambda m: until - timedelta(days=m.window_days)
                        ),
                    ),
                ),
                until=until,
            )
        )

    @api.model
    def _health_query_plan_progress(self, accounts, measures, date):
        """(account, company) -> (plan name, objectives, on track or done, off
        track) of the current approved plan (the latest started when several
        cover the date).

        Objective statuses are measured live by the account plans feature (they
        are not stored): one statement finds the current plans, then their
        objectives are evaluated in bulk by ``account_mgmt.plan._get_measures``
        (one query per kind of metric, whatever the number of plans).
        """
        if not self._health_has_plans():
            return None
        Plan = self.env["account_mgmt.plan"]
        Plan.flush_model(
            ["partner_id", "company_id", "state", "date_start", "date_end"]
        )
        rows = self._health_rows(
            SQL(
                """
                WITH acc AS (%(acc)s)
                SELECT DISTINCT ON (acc.partner_id, acc.company_id)
                       acc.partner_id, acc.company_id, pl.id
                  FROM acc
                  JOIN account_mgmt_plan pl
                    ON pl.partner_id = acc.partner_id
                   AND pl.company_id = acc.company_id
                 WHERE pl.state = 'approved'
                   AND pl.date_start <= %(date)s
                   AND pl.date_end >= %(date)s
              ORDER BY acc.partner_id, acc.company_id, pl.date_start DESC, pl.id DESC
                """,
                acc=self._health_accounts_sql(accounts),
                date=date,
            )
        )
        plans = Plan.browse([row[0] for row in rows.values()])
        objectives = plans.objective_ids
        # The statuses are computed fields, not stored: compute them for all the
        # objectives at once (the ORM would compute them by batches of 1000, each
        # batch measuring its plans on the whole ledger again).
        for fname in ("actual", "status"):
            objectives._fields[fname].compute_value(objectives)
        objectives._health_store_statuses(date)
        counts = defaultdict(lambda: [0, 0, 0])
        for objective in objectives:
            count = counts[objective.plan_id.id]
            count[0] += 1
            count[1] += objective.status in ("on_track", "done")
            count[2] += objective.status == "off_track"
        return {
            key: (Plan.browse(plan_id).name, *counts[plan_id])
            for key, (plan_id,) in rows.items()
        }

    def _health_has_interactions(self):
        return "account_mgmt.interaction" in self.env

    def _health_has_plans(self):
        return "account_mgmt.plan" in self.env

    # -- scoring (plain arithmetic, no query) -------------------------------

    def _health_score_account(self, account, measures, raw, previous, date):
        """The snapshot values of one (account, company), or None when no
        measure applies."""
        key = (account["partner_id"], account["company_id"])
        currency = self.env["res.currency"].browse(account["currency_id"])
        lines = []
        extra = {
            "revenue_12m": 0.0,
            "overdue_amount": 0.0,
            "overdue_60_amount": 0.0,
            "days_since_contact": -1,
            "contact_overdue_count": 0,
            "has_plan": False,
            "plan_progress": 0.0,
            "off_track_count": 0,
            "missing_plan_count": 0,
        }
        for code, measure in measures.items():
            data = raw.get(code)
            row = data.get(key) if data else None
            value, display, score = getattr(self, f"_health_score_{code}")(
                measure, account, data, row, date, currency
            )
            if code in ("revenue_trend", "margin_trend"):
                extra["revenue_12m"] = float((row and row[2]) or 0.0)
            elif code == "overdue_receivables":
                extra["overdue_60_amount"] = max(float((row and row[2]) or 0.0), 0.0)
                extra["overdue_amount"] = max(float((row and row[3]) or 0.0), 0.0)
            elif code == "contact_recency" and data is not None:
                extra["days_since_contact"] = (
                    int(value) if row and row[0] and value is not None else -1
                )
                extra["contact_overdue_count"] = int(
                    value is None or value > account["cadence"]
                )
            elif code == "plan_progress" and data is not None:
                extra["has_plan"] = bool(row)
                extra["plan_progress"] = value or 0.0
                extra["off_track_count"] = row[3] if row else 0
                extra["missing_plan_count"] = int(account["requires_plan"] and not row)
            lines.append(
                {"measure": measure, "value": value, "display": display, "score": score}
            )
        weights = [line["measure"].weight for line in lines]
        if not lines or sum(weights) <= 0:
            return None
        total, effective = hs.weighted_score(
            [
                (weight, line["score"])
                for weight, line in zip(weights, lines, strict=True)
            ]
        )
        if total is None:
            return None
        shares = hs.normalise_weights(weights)
        for line, share, eff in zip(lines, shares, effective, strict=True):
            line["weight"] = share
            line["effective_weight"] = eff
            line["contribution"] = (
                eff * line["score"] / 100.0 if line["score"] is not None else 0.0
            )
        total = float_round(total, precision_digits=2)
        prev = previous.get(key)
        prev_score = (
            float(prev["score"]) if prev and prev["score"] is not None else None
        )
        return {
            "account": account,
            "score": total,
            "band": hs.band(total, account["green_min"], account["amber_min"]),
            "trend": hs.trend(total, prev_score),
            "previous_score": prev_score,
            "main_reason": self._health_main_reason(lines),
            "lines": lines,
            **extra,
        }

    def _health_main_reason(self, lines):
        """The applicable measure that costs the most points, in one line."""
        lost = [
            (line["effective_weight"] * (100.0 - line["score"]) / 100.0, line)
            for line in lines
            if line["score"] is not None
        ]
        if not lost:
            return None
        points, line = max(lost, key=lambda item: item[0])
        if points <= 0:
            return None
        return self.env._(
            "%(measure)s %(score)s/100: %(detail)s",
            measure=line["measure"].name,
            score=round(line["score"]),
            detail=line["display"],
        )

    def _health_score_contact_recency(
        self, measure, account, data, row, date, currency
    ):
        """Days since the last contact against the cadence. An account never
        contacted counts from its creation, like the contact cadence of the
        interactions: a new account is not red on its first day, one never
        contacted for three cadences scores 0."""
        if data is None:
            return None, self.env._("Interactions are not recorded"), None
        cadence = account["cadence"]
        zero_after = measure.recency_zero_cadences
        last = row and row[0]
        since = last or account["create_date"]
        days = None
        if since:
            since_day = fields.Datetime.context_timestamp(self, since).date()
            days = max((date - since_day).days, 0)
        score = hs.score_contact_recency(days, cadence, zero_after)
        if not last:
            return (
                days,
                self.env._(
                    "Never contacted, account created %(days)s days ago (cadence "
                    "%(cadence)s days)",
                    days=days or 0,
                    cadence=cadence,
                ),
                score,
            )
        return (
            days,
            self.env._(
                "%(days)s days since the last contact (cadence %(cadence)s days)",
                days=days,
                cadence=cadence,
            ),
            score,
        )

    def _health_trend_result(self, measure, current, previous):
        """(change in percent or None, score or None) of a trend measure."""
        score = hs.score_trend(
            current,
            previous,
            measure.trend_growth_full / 100.0,
            measure.trend_decline_zero / 100.0,
        )
        change = hs.relative_change(current, previous)
        if change is None or abs(change) == float("inf"):
            return None, score
        return float_round(100.0 * change, precision_digits=2), score

    def _health_score_revenue_trend(self, measure, account, data, row, date, currency):
        current, previous = (
            (float(row[0] or 0.0), float(row[1] or 0.0)) if row else (0.0, 0.0)
        )
        value, score = self._health_trend_result(measure, current, previous)
        if score is None:
            return None, self.env._("No revenue in either period"), None
        return (
            value,
            self.env._(
                "%(current)s in the last %(months)s months vs %(previous)s a year "
                "before",
                current=self._health_format_amount(account, current, currency),
                previous=self._health_format_amount(account, previous, currency),
                months=measure.trend_months,
            ),
            score,
        )

    def _health_score_margin_trend(self, measure, account, data, row, date, currency):
        # Margin amounts would disclose costs: the breakdown shows the change only.
        current, previous = (
            (float(row[0] or 0.0), float(row[1] or 0.0)) if row else (0.0, 0.0)
        )
        value, score = self._health_trend_result(measure, current, previous)
        if score is None:
            return None, self.env._("No margin in either period"), None
        if value is None:
            detail = self.env._(
                "No margin in the same %(months)s months a year before",
                months=measure.trend_months,
            )
        else:
            detail = self.env._(
                "%(change)s %% over the last %(months)s months vs a year before",
                # not an f-string: Babel's term extractor evaluates the
                # arguments of _() and fails on one (no .pot terms for the file)
                change=format(value, "+.1f"),
                months=measure.trend_months,
            )
        return value, detail, score

    def _health_score_overdue_receivables(
        self, measure, account, data, row, date, currency
    ):
        open_amount, overdue = (
            (float(row[0] or 0.0), float(row[1] or 0.0)) if row else (0.0, 0.0)
        )
        score = hs.score_overdue(open_amount, overdue)
        if score is None:
            return None, self.env._("Nothing to collect"), None
        return (
            float_round(100.0 - score, precision_digits=2),
            self.env._(
                "%(overdue)s of %(open)s overdue more than %(days)s days",
                overdue=self._health_format_amount(
                    account, max(overdue, 0.0), currency
                ),
                open=self._health_format_amount(account, open_amount, currency),
                days=measure.overdue_days,
            ),
            score,
        )

    def _health_score_sentiment(self, measure, account, data, row, date, currency):
        if data is None:
            return None, self.env._("Interactions are not recorded"), None
        positive, neutral, negative, sat_sum, sat_count = row or (0, 0, 0, 0, 0)
        score = hs.score_sentiment(
            positive,
            neutral,
            negative,
            float(sat_sum or 0.0),
            sat_count,
            measure.satisfaction_share / 100.0,
        )
        if score is None:
            return (
                None,
                self.env._(
                    "No sentiment or rating in the last %(days)s days",
                    days=measure.window_days,
                ),
                None,
            )
        detail = self.env._(
            "%(positive)s positive, %(neutral)s neutral, %(negative)s negative",
            positive=positive,
            neutral=neutral,
            negative=negative,
        )
        if sat_count:
            detail = self.env._(
                "%(detail)s; satisfaction %(rating)s/5",
                detail=detail,
                rating=format(float(sat_sum) / sat_count, ".1f"),
            )
        return float_round(score, precision_digits=2), detail, score

    def _health_score_plan_progress(self, measure, account, data, row, date, currency):
        if data is None:
            return None, self.env._("Account plans are not recorded"), None
        if not row:
            return None, self.env._("No approved plan covers the day"), None
        name, total, ok, _off_track = row
        score = hs.score_plan_progress(ok, total)
        if score is None:
            return None, self.env._("Plan %(plan)s has no objective", plan=name), None
        return (
            score,
            self.env._(
                "%(ok)s of %(total)s objectives on track or done (%(plan)s)",
                ok=ok,
                total=total,
                plan=name,
            ),
            score,
        )

    # -- writing (a fixed number of statements) -----------------------------

    def _health_write(self, values, date):
        """Upsert the snapshots and their lines, refresh the partners' fields."""
        if not values:
            return self.browse()
        self.flush_model()
        Line = self.env["account_mgmt.health.snapshot.line"]
        Line.flush_model()
        self.env["res.partner"].flush_model(self._health_partner_fields())
        now = self.env.cr.now()
        uid = self.env.uid

        def column(key, sql_type):
            # False means "no value" (NULL) except in boolean columns.
            items = [
                None if v[key] is False and sql_type != "bool" else v[key]
                for v in values
            ]
            return self._health_array(items, sql_type)

        def account_column(key):
            return self._health_array([v["account"][key] for v in values], "int")

        rows = self.env.execute_query(
            SQL(
                """
                INSERT INTO account_mgmt_health_snapshot (
                    partner_id, company_id, date, is_latest, score, band, trend,
                    previous_score, score_delta, main_reason, account_manager_id,
                    tier_id, revenue_12m, overdue_amount, overdue_60_amount,
                    days_since_contact, contact_overdue_count, has_plan,
                    plan_progress, off_track_count, missing_plan_count,
                    create_uid, create_date, write_uid, write_date)
                SELECT s.partner_id, s.company_id, %(date)s,
                       -- latest unless a later day is scored already, so that
                       -- a new day's snapshots need no second write below
                       NOT EXISTS (
                           SELECT 1 FROM account_mgmt_health_snapshot later
                            WHERE later.partner_id = s.partner_id
                              AND later.company_id = s.company_id
                              AND later.date > %(date)s),
                       s.score, s.band,
                       s.trend, s.previous_score, s.score - s.previous_score,
                       s.main_reason, s.manager_id, s.tier_id, s.revenue_12m,
                       s.overdue_amount, s.overdue_60_amount, s.days_since_contact,
                       s.contact_overdue_count, s.has_plan, s.plan_progress,
                       s.off_track_count, s.missing_plan_count,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(partners)s, %(companies)s, %(scores)s, %(bands)s,
                              %(trends)s, %(previous)s, %(reasons)s, %(managers)s,
                              %(tiers)s, %(revenue)s, %(overdue)s, %(overdue_60)s,
                              %(days)s, %(contact_overdue)s, %(has_plan)s,
                              %(plan_progress)s, %(off_track)s, %(missing_plan)s)
                    AS s(partner_id, company_id, score, band, trend, previous_score,
                         main_reason, manager_id, tier_id, revenue_12m,
                         overdue_amount, overdue_60_amount, days_since_contact,
                         contact_overdue_count, has_plan, plan_progress,
                         off_track_count, missing_plan_count)
                ON CONFLICT (partner_id, company_id, date) DO UPDATE SET
                    score = EXCLUDED.score,
                    band = EXCLUDED.band,
                    trend = EXCLUDED.trend,
                    previous_score = EXCLUDED.previous_score,
                    score_delta = EXCLUDED.score_delta,
                    main_reason = EXCLUDED.main_reason,
                    account_manager_id = EXCLUDED.account_manager_id,
                    tier_id = EXCLUDED.tier_id,
                    revenue_12m = EXCLUDED.revenue_12m,
                    overdue_amount = EXCLUDED.overdue_amount,
                    overdue_60_amount = EXCLUDED.overdue_60_amount,
                    days_since_contact = EXCLUDED.days_since_contact,
                    contact_overdue_count = EXCLUDED.contact_overdue_count,
                    has_plan = EXCLUDED.has_plan,
                    plan_progress = EXCLUDED.plan_progress,
                    off_track_count = EXCLUDED.off_track_count,
                    missing_plan_count = EXCLUDED.missing_plan_count,
                    write_uid = EXCLUDED.write_uid,
                    write_date = EXCLUDED.write_date
                RETURNING id, partner_id, company_id
                """,
                date=date,
                uid=uid,
                now=now,
                partners=account_column("partner_id"),
                companies=account_column("company_id"),
                managers=account_column("manager_id"),
                tiers=account_column("tier_id"),
                scores=column("score", "numeric"),
                bands=column("band", "varchar"),
                trends=column("trend", "varchar"),
                previous=column("previous_score", "numeric"),
                reasons=column("main_reason", "varchar"),
                revenue=column("revenue_12m", "numeric"),
                overdue=column("overdue_amount", "numeric"),
                overdue_60=column("overdue_60_amount", "numeric"),
                days=column("days_since_contact", "int"),
                contact_overdue=column("contact_overdue_count", "int"),
                has_plan=column("has_plan", "bool"),
                plan_progress=column("plan_progress", "numeric"),
                off_track=column("off_track_count", "int"),
                missing_plan=column("missing_plan_count", "int"),
            )
        )
        snapshot_of = {
            (partner_id, company_id): snapshot_id
            for snapshot_id, partner_id, company_id in rows
        }
        snapshot_ids = list(snapshot_of.values())
        self._health_write_lines(values, snapshot_of, date, uid, now)
        # The latest snapshot of each (account, company) (a recompute of a past
        # date keeps the newer one) feeds the partner's health fields, which
        # are company-dependent like the tier.
        accounts_sql = self._health_accounts_sql([v["account"] for v in values])
        self.env.execute_query(
            SQL(
                """
                UPDATE account_mgmt_health_snapshot s
                   SET is_latest = (s.id = latest.id)
                  FROM (SELECT DISTINCT ON (s2.partner_id, s2.company_id)
                               s2.id, s2.partner_id, s2.company_id
                          FROM account_mgmt_health_snapshot s2
                          JOIN (%(acc)s) acc
                            ON acc.partner_id = s2.partner_id
                           AND acc.company_id = s2.company_id
                      ORDER BY s2.partner_id, s2.company_id, s2.date DESC) latest
                 WHERE s.partner_id = latest.partner_id
                   AND s.company_id = latest.company_id
                   AND s.is_latest IS DISTINCT FROM (s.id = latest.id)
                """,
                acc=accounts_sql,
            )
        )
        merged_values = {
            fname: SQL(
                "COALESCE(p.%(col)s, '{}'::jsonb) || h.%(col)s",
                col=SQL.identifier(fname),
            )
            for fname in self._health_partner_fields()
        }
        self.env.execute_query(
            SQL(
                """
                UPDATE res_partner p
                   SET %(assignments)s
                  FROM (SELECT s.partner_id, %(aggregates)s
                          FROM account_mgmt_health_snapshot s
                          JOIN (%(acc)s) acc
                            ON acc.partner_id = s.partner_id
                           AND acc.company_id = s.company_id
                         WHERE s.is_latest
                      GROUP BY s.partner_id) h
                 WHERE h.partner_id = p.id
                   -- a recompute that changes nothing writes nothing
                   AND (%(columns)s) IS DISTINCT FROM (%(merged)s)
                """,
                acc=accounts_sql,
                assignments=SQL(", ").join(
                    SQL("%s = %s", SQL.identifier(fname), merged)
                    for fname, merged in merged_values.items()
                ),
                columns=SQL(", ").join(
                    SQL("p.%s", SQL.identifier(fname)) for fname in merged_values
                ),
                merged=SQL(", ").join(merged_values.values()),
                aggregates=SQL(", ").join(
                    SQL(
                        "jsonb_object_agg(s.company_id::text, %s) AS %s",
                        SQL(expression),
                        SQL.identifier(fname),
                    )
                    for fname, expression in self._health_partner_fields().items()
                ),
            )
        )
        self.invalidate_model()
        Line.invalidate_model()
        self.env["res.partner"].invalidate_model(list(self._health_partner_fields()))
        return self.browse(snapshot_ids)

    def _health_write_lines(self, values, snapshot_of, date, uid, now):
        """Write the snapshots' lines: a recompute the same day updates the lines
        in place (updating rows is much cheaper for PostgreSQL than inserting
        them: no foreign key to check), the first run of the day inserts them.

        :param snapshot_of: (account, company) -> snapshot id
        """
        Line = self.env["account_mgmt.health.snapshot.line"]
        existing = self.env.execute_query(
            SQL(
                """
                SELECT id, snapshot_id, measure_id
                  FROM account_mgmt_health_snapshot_line
                 WHERE snapshot_id = ANY(%s)
                """,
                self._health_array(list(snapshot_of.values()), "int"),
            )
        )
        line_of = {}
        stale_ids = []
        for line_id, snapshot_id, measure_id in existing:
            if (snapshot_id, measure_id) in line_of:
                stale_ids.append(line_id)
            else:
                line_of[(snapshot_id, measure_id)] = line_id
        rounded_of = {None: None}

        def rounded(number):
            # the figures repeat a lot (weights, scores), the rounding is slow
            if number not in rounded_of:
                rounded_of[number] = float_round(number, precision_digits=2)
            return rounded_of[number]

        measure_of = {}
        inserts = []
        updates = []
        for value in values:
            account = value["account"]
            partner_id, company_id = account["partner_id"], account["company_id"]
            snapshot_id = snapshot_of[(partner_id, company_id)]
            for line in value["lines"]:
                measure = line["measure"]
                if measure not in measure_of:
                    measure_of[measure] = (measure.id, measure.code, measure.sequence)
                measure_id, code, sequence = measure_of[measure]
                figures = (
                    code,
                    sequence,
                    rounded(line["value"]),
                    line["display"],
                    rounded(line["score"]),
                    rounded(line["weight"]),
                    rounded(line["effective_weight"]),
                    rounded(line["contribution"]),
                )
                line_id = line_of.pop((snapshot_id, measure_id), None)
                if line_id:
                    updates.append((line_id, *figures))
                else:
                    inserts.append(
                        (snapshot_id, partner_id, company_id, measure_id, *figures)
                    )
        # Lines of measures that no longer apply to the account.
        stale_ids.extend(line_of.values())
        figure_columns = {
            "code": "varchar",
            "sequence": "int",
            "value": "numeric",
            "value_display": "varchar",
            "score": "numeric",
            "weight": "numeric",
            "effective_weight": "numeric",
            "contribution": "numeric",
        }
        if stale_ids:
            self.env.execute_query(
                SQL(
                    "DELETE FROM account_mgmt_health_snapshot_line WHERE id = ANY(%s)",
                    self._health_array(stale_ids, "int"),
                )
            )
        if updates:
            self.env.execute_query(
                SQL(
                    """
                    UPDATE account_mgmt_health_snapshot_line line
                       SET code = l.code,
                           sequence = l.sequence,
                           applicable = l.score IS NOT NULL,
                           value = l.value,
                           value_display = l.value_display,
                           score = l.score,
                           weight = l.weight,
                           effective_weight = l.effective_weight,
                           contribution = l.contribution,
                           write_uid = %(uid)s,
                           write_date = %(now)s
                      FROM %(lines)s
                     WHERE line.id = l.id
                       -- the figures of a line left as they were are not written
                       AND (line.code, line.sequence, line.applicable, line.value,
                            line.value_display, line.score, line.weight,
                            line.effective_weight, line.contribution)
                           IS DISTINCT FROM
                           (l.code, l.sequence, l.score IS NOT NULL, l.value,
                            l.value_display, l.score, l.weight,
                            l.effective_weight, l.contribution)
                    """,
                    uid=uid,
                    now=now,
                    lines=self._health_unnest(
                        "l", {"id": "int", **figure_columns}, updates
                    ),
                )
            )
        if inserts:
            self.env.execute_query(
                SQL(
                    """
                    INSERT INTO account_mgmt_health_snapshot_line (
                        snapshot_id, partner_id, company_id, date, measure_id, code,
                        sequence, applicable, value, value_display, score, weight,
                        effective_weight, contribution,
                        create_uid, create_date, write_uid, write_date)
                    SELECT l.snapshot_id, l.partner_id, l.company_id, %(date)s,
                           l.measure_id, l.code, l.sequence, l.score IS NOT NULL,
                           l.value, l.value_display, l.score, l.weight,
                           l.effective_weight, l.contribution,
                           %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM %(lines)s
                    """,
                    date=date,
                    uid=uid,
                    now=now,
                    lines=self._health_unnest(
                        "l",
                        {
                            "snapshot_id": "int",
                            "partner_id": "int",
                            "company_id": "int",
                            "measure_id": "int",
                            **figure_columns,
                        },
                        inserts,
                    ),
                )
            )
        Line.invalidate_model()

    @api.model
    def _health_partner_fields(self):
        """Company-dependent partner fields -> snapshot expression they copy."""
        return {
            "account_health_score": "s.score",
            "account_health_band": "s.band",
            "account_health_trend": "s.trend",
            "account_health_date": "s.date",
            "account_health_main_reason": "s.main_reason",
        }

    # -- alerts -------------------------------------------------------------

    #: Score loss since the previous snapshot that raises an alert.
    _health_alert_drop = 15.0
    #: Tiers (by code) whose invoices overdue more than 60 days raise an alert.
    _health_alert_overdue_tier_codes = ("STRAT", "KEY")

    def _health_alert_reasons(self, value, prev):
        """[(reason key, summary, one-line note)] raised for one account.

        Every rule fires on a change against the previous snapshot (the band
        turns red, the score drops, one more objective goes off track, more is
        overdue past 60 days), so closing the activity is not undone by the next
        daily run while nothing changed.
        """
        account = value["account"]
        currency = self.env["res.currency"].browse(account["currency_id"])
        score = value["score"]
        prev_score = (
            float(prev["score"]) if prev and prev["score"] is not None else None
        )
        reasons = []
        if value["band"] == "red" and (not prev or prev["band"] != "red"):
            if prev_score is None:
                note = self.env._(
                    "Health score %(score)s, red below %(amber)s. %(reason)s",
                    score=round(score),
                    amber=account["amber_min"],
                    reason=value["main_reason"] or "",
                )
            else:
                note = self.env._(
                    "Health score %(score)s (was %(prev)s), red below %(amber)s. "
                    "%(reason)s",
                    score=round(score),
                    prev=round(prev_score),
                    amber=account["amber_min"],
                    reason=value["main_reason"] or "",
                )
            reasons.append(("band_red", self.env._("Health turned red"), note))
        if prev_score is not None and prev_score - score >= self._health_alert_drop:
            reasons.append(
                (
                    "score_drop",
                    self.env._(
                        "Health dropped %(points)s points",
                        points=round(prev_score - score),
                    ),
                    self.env._(
                        "Health score fell from %(prev)s to %(score)s. %(reason)s",
                        prev=round(prev_score),
                        score=round(score),
                        reason=value["main_reason"] or "",
                    ),
                )
            )
        prev_off = (prev and prev["off_track_count"]) or 0
        if value["off_track_count"] > prev_off:
            reasons.append(
                (
                    "objective_off_track",
                    self.env._("Plan objective off track"),
                    self.env._(
                        "%(count)s objective(s) of the current account plan off "
                        "track (%(prev)s before).",
                        count=value["off_track_count"],
                        prev=prev_off,
                    ),
                )
            )
        prev_60 = float((prev and prev["overdue_60_amount"]) or 0.0)
        if (
            account["tier_code"] in self._health_alert_overdue_tier_codes
            and currency.compare_amounts(value["overdue_60_amount"], prev_60) > 0
        ):
            reasons.append(
                (
                    "overdue_60",
                    self.env._("Invoices overdue more than 60 days"),
                    self.env._(
                        "%(amount)s overdue more than 60 days (%(prev)s before) on "
                        "a %(tier)s account.",
                        amount=self._health_format_amount(
                            account, value["overdue_60_amount"], currency
                        ),
                        prev=self._health_format_amount(account, prev_60, currency),
                        tier=account["tier_code"],
                    ),
                )
            )
        return reasons

    def _health_alerts(self, values, previous, date):
        """Schedule the at-risk activities for the account managers, at most one
        open activity per account and reason.

        A contact overdue is not raised here: the interactions' cadence check
        already schedules its own "contact overdue" activity.
        """
        candidates = []
        for value in values:
            account = value["account"]
            if not account["manager_id"]:
                continue
            prev = previous.get((account["partner_id"], account["company_id"]))
            for reason, summary, note in self._health_alert_reasons(value, prev):
                candidates.append(
                    (
                        account["partner_id"],
                        account["manager_id"],
                        reason,
                        summary,
                        note,
                    )
                )
        Activity = self.env["mail.activity"].with_context(active_test=True)
        if not candidates:
            return Activity
        open_reasons = set(
            Activity._read_group(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", list({c[0] for c in candidates})),
                    ("account_mgmt_health_reason", "!=", False),
                ],
                ["res_id", "account_mgmt_health_reason"],
            )
        )
        activity_type = self.env.ref(
            "account_mgmt_addon.mail_activity_type_account_at_risk"
        )
        model_id = self.env["ir.model"]._get_id("res.partner")
        vals_list = []
        for partner_id, manager_id, reason, summary, note in candidates:
            if (partner_id, reason) in open_reasons:
                continue
            # Two companies may raise the same reason on a shared account.
            open_reasons.add((partner_id, reason))
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": partner_id,
                    "activity_type_id": activity_type.id,
                    "user_id": manager_id,
                    "summary": summary,
                    "note": Markup("<p>%s</p>") % note,
                    "date_deadline": date,
                    "account_mgmt_health_reason": reason,
                }
            )
        return Activity.create(vals_list)


class AccountMgmtHealthSnapshotLine(models.Model):
    _name = "account_mgmt.health.snapshot.line"
    _description = "Account Health Snapshot Measure"
    _order = "snapshot_id, sequence, id"
    _check_company_auto = True

    snapshot_id = fields.Many2one(
        comodel_name="account_mgmt.health.snapshot",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Account",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, readonly=True, index=True
    )
    date = fields.Date(required=True, readonly=True)
    measure_id = fields.Many2one(
        comodel_name="account_mgmt.health.measure",
        string="Health Measure",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    name = fields.Char(related="measure_id.name", string="Measure")
    code = fields.Selection(selection=MEASURE_CODES, readonly=True)
    sequence = fields.Integer(readonly=True)
    applicable = fields.Boolean(readonly=True)
    value = fields.Float(
        readonly=True,
        digits=(16, 2),
        help="The measured figure: days since the last contact, change in percent, "
        "share overdue in percent, blended sentiment or plan progress.",
    )
    value_display = fields.Char(string="Detail", readonly=True)
    score = fields.Float(readonly=True, digits=(5, 1), aggregator="avg")
    weight = fields.Float(
        string="Configured Weight (%)",
        readonly=True,
        digits=(5, 1),
        help="The measure's configured share of the score.",
    )
    effective_weight = fields.Float(
        string="Weight (%)",
        readonly=True,
        digits=(5, 1),
        help="Its share for this account: the weight of the measures without data "
        "is spread over the others.",
    )
    contribution = fields.Float(
        readonly=True,
        digits=(5, 1),
        help="Points this measure adds to the score (score x effective weight).",
    )
