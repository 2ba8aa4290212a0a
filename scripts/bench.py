#!/usr/bin/env python3
# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark the add-on on a generated database (figures, not pass/fail).

    make bench [DB=amgmt_bench_medium]
    python3 scripts/bench.py --db amgmt_bench_medium [--repeat 3]

Measures, in one run, and prints one table:

1. the profitability pivot (accounts x quarter over 24 months, tier x manager)
   read through the ORM as the web client's pivot reads it (one ``read_group``
   per header combination, as a finance user, record rules applied), against a
   hand-written SQL baseline that sums the same figures straight from
   ``account_move_line`` and ``account_analytic_line``; the results are compared;
2. the same for the receivable aging pivot (accounts x aging bucket, and the
   default view), its requests timed one by one, each in a fresh cache and its
   result dropped (as the server answers the web client's requests), in turns
   with the SQL baseline (``measure_requests``);
3. automatic tiering, health recompute and cost allocation for every account:
   time and number of queries (rolled back afterwards: the database is unchanged);
4. opening the accounts list and kanban and the portfolio (first 80 records, as
   the web client does: ``web_search_read`` with the view's fields), with 20 and
   80 records to show whether the number of queries depends on it;
5. the database size the add-on adds (its tables, and its columns and indexes on
   core tables);
6. the whitespace report;
7. the budget report's pivots (account manager x months, the default, accounts x
   months and account manager x tier over the last 12 complete months, budget,
   forecast, actual revenue and attainment) against a hand-written SQL baseline
   that sums the budget lines and the revenue straight from
   ``account_move_line``; without an approved budget covering those months, the
   section first inserts one (a line per account and month, in SQL), commits it
   and folds it into the report's monthly summary (as its cron would), and
   deletes it (committed, folded again) at the end.

Times are the median of ``--repeat`` runs after one warm-up run (ORM caches
cleared between runs, like a new request). Nothing else is written to the
database (the run is rolled back).
"""

import argparse
import collections
import json
import os
import statistics
import sys
import time
from datetime import date

from lxml import etree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc

NOT_BUILT = "n/a (not built)"

#: A scheduled job run to the end: its seconds (set-up excluded) and calls.
CronRun = collections.namedtuple("CronRun", ["seconds", "calls"])


def months_back(day, months):
    y, m = day.year, day.month - months
    while m <= 0:
        m += 12
        y -= 1
    return date(y, m, 1)


class Bench:
    def __init__(self, env, repeat):
        import odoo.sql_db

        self.sql_db = odoo.sql_db
        self.env = env
        self.cr = env.cr
        self.repeat = repeat
        self.max_cron_calls = 500
        self.rows = []
        self.raw = []
        self.today = date.today()
        # 24 months, starting on the first day of a quarter
        start = months_back(self.today, 23)
        self.start = date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
        users = env["res.users"].search([("login", "like", "bench_%")])
        self.users = {u.login: u for u in users}
        self._db_time = 0.0
        self.db_seconds = None
        self._timed_execute()

    # ------------------------------------------------------------- measuring
    def measure(self, fn, repeat=None, warmup=True, rollback=False):
        """Median seconds, queries of the last run, result of the last run; the
        median time spent in the database is left in ``self.db_seconds``."""
        repeat = repeat or self.repeat
        if warmup:
            fn()
            self._reset(rollback)
        times = []
        db_times = []
        queries = 0
        result = None
        for _i in range(repeat):
            # the last run's result freed first, as a server frees a response
            # once sent (kept alive, the next run's garbage collections walk it)
            result = None
            before = self.sql_db.sql_counter
            self._db_time = 0.0
            start = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - start)
            db_times.append(self._db_time)
            queries = self.sql_db.sql_counter - before
            self._reset(rollback)
        self.db_seconds = statistics.median(db_times)
        return statistics.median(times), queries, result

    def measure_requests(self, requests, results, baseline):
        """``measure`` for the web client's requests of one screen, each timed
        on its own, then turned into its result (``results[i](its value)``,
        untimed) and dropped, as a server answers requests one by one and keeps
        no response; each run followed by a run of ``baseline``, so that both
        see the machine alike (rather than one after the other's runs).

        :return: the median of the runs' summed times, the queries and merged
            results of the last run; ``measure``'s three values for ``baseline``
        """
        times = []
        db_times = []
        baseline_times = []
        merged = base = None
        for run in range(self.repeat + 1):  # the first: a warm-up
            merged = base = None  # the last run's results freed first
            merged = {}
            elapsed = db = 0.0
            queries = 0
            for request, result in zip(requests, results, strict=True):
                before = self.sql_db.sql_counter
                self._db_time = 0.0
                start = time.perf_counter()
                value = request()
                elapsed += time.perf_counter() - start
                db += self._db_time
                queries += self.sql_db.sql_counter - before
                merged.update(result(value))
                del value
                self._reset(False)
            start = time.perf_counter()
            base = baseline()
            if run:
                baseline_times.append(time.perf_counter() - start)
                times.append(elapsed)
                db_times.append(db)
            self._reset(False)
        self.db_seconds = statistics.median(db_times)
        return (
            (statistics.median(times), queries, merged),
            (statistics.median(baseline_times), None, base),
        )

    def _timed_execute(self):
        """Wrap Cursor.execute to add up the time spent in the database."""
        bench = self
        original = self.sql_db.Cursor.execute

        def execute(cursor, *args, **kwargs):
            start = time.perf_counter()
            try:
                return original(cursor, *args, **kwargs)
            finally:
                bench._db_time += time.perf_counter() - start

        self.sql_db.Cursor.execute = execute

    def _reset(self, rollback):
        if rollback:
            self.cr.rollback()
        self.env.invalidate_all()

    def add(self, section, label, orm=None, sql=None, queries="", equal="", db=None):
        """A row of the table; ``orm`` None and nothing else: not built."""
        built = orm is not None or sql is not None or queries != ""
        self.raw.append(
            {
                "section": section,
                "label": label,
                "seconds": orm,
                "sql_seconds": db,
                "baseline_seconds": sql,
                "queries": queries if isinstance(queries, int) else str(queries),
            }
        )
        ratio = f"{orm / sql:.2f}" if orm is not None and sql else ""
        self.rows.append(
            (
                section,
                label,
                _seconds(orm) if built else NOT_BUILT,
                _seconds(db),
                _seconds(sql),
                ratio,
                queries,
                equal,
            )
        )

    def user_env(self, login, fallback="__system__"):
        user = self.users.get(login) or self.env.ref("base.user_admin")
        if login not in self.users:
            bc.log(f"  user {login} missing, using {user.login} ({fallback})")
        return self.env(
            user=user.id,
            context={"allowed_company_ids": [self.env.company.id], "lang": "en_US"},
        )

    def has_table(self, table):
        self.cr.execute("SELECT to_regclass(%s)", [table])
        return bool(self.cr.fetchone()[0])

    SECTIONS = (
        "profitability",
        "receivable",
        "jobs",
        "views",
        "size",
        "whitespace",
        "budget",
    )

    def run(self, only=None):
        for section in self.SECTIONS:
            if not only or section in only:
                getattr(self, f"bench_{section}")()

    # -------------------------------------------------------- 1. profitability
    PROFIT_MEASURES = [
        "revenue:sum",
        "gross_margin:sum",
        "margin_percent:avg",
        "net_contribution:sum",
        "__count",
    ]

    def bench_profitability(self):
        model_name = "account_mgmt.profitability.report"
        if model_name not in self.env:
            self.add("1", "profitability pivot: accounts x quarter, 24 months")
            self.add("1", "profitability pivot: tier x manager, 24 months")
            return
        env = self.user_env("bench_finance")
        report = env[model_name]
        domain = [("date", ">=", self.start)]
        for label, row, col in (
            ("accounts x quarter", "partner_id", "date:quarter"),
            ("tier x manager", "account_tier_id", "account_manager_id"),
        ):
            orm_time, queries, orm_rows = self.measure(
                lambda row=row, col=col: self._pivot(report, domain, row, col)
            )
            db_time = self.db_seconds
            sql_time, _q, sql_rows = self.measure(
                lambda row=row, col=col: self._profit_sql(row, col)
            )
            orm_result = self._profit_orm_result(orm_rows, row, col)
            self.add(
                "1",
                f"profitability pivot: {label}, 24 months ({len(orm_result)} cells)",
                orm_time,
                sql_time,
                queries,
                _compare(orm_result, sql_rows),
                db=db_time,
            )

    def _pivot(self, model, domain, row, col, measures=None):
        """The read_group calls of a pivot with one row and one column groupby."""
        measures = measures or self.PROFIT_MEASURES
        result = None
        for groupby in ([], [row], [col], [row, col]):
            result = model.read_group(domain, measures, groupby, lazy=False)
        return result

    @staticmethod
    def _group_key(group, fname):
        value = group[fname]
        if ":" in fname:
            bounds = group["__range"][fname]
            return bounds["from"] if bounds else None
        if isinstance(value, tuple):
            return value[0]
        return value or None

    def _profit_orm_result(self, rows, row, col):
        result = {}
        for group in rows:
            key = (self._group_key(group, row), self._group_key(group, col))
            result[key] = (
                round(group["revenue"] or 0.0, 2),
                round(group["gross_margin"] or 0.0, 2),
                group["margin_percent"] or 0.0,
                round(group["net_contribution"] or 0.0, 2),
                group["__count"],
            )
        return result

    def _tier_sql(self, alias):
        """The tier column of res_partner, plain or company-dependent."""
        self.cr.execute(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = 'res_partner' AND column_name = 'account_tier_id'"
        )
        if self.cr.fetchone()[0] == "jsonb":
            return f"({alias}.account_tier_id ->> '{self.env.company.id}')::integer"
        return f"{alias}.account_tier_id"

    def _profit_sql(self, row, col):
        """Hand-written baseline: the same sums straight from the ledger."""
        cr = self.cr
        allocations = ""
        if self.has_table("account_mgmt_cost_allocation"):
            allocations = """
                UNION ALL
                SELECT partner_id, date, 0.0, 0.0, 0.0, amount
                  FROM account_mgmt_cost_allocation
                 WHERE date >= %(start)s AND company_id = %(company)s"""
        keys = {
            "partner_id": "src.partner_id",
            "date:quarter": "date_trunc('quarter', src.date)::date",
            "account_tier_id": self._tier_sql("p"),
            "account_manager_id": "p.account_manager_id",
        }
        # Quantity x unit cost at posting, rounded per line like an amount.
        cogs = "ROUND(l.quantity * COALESCE(l.account_mgmt_unit_cost, 0.0), 2)"
        if "account_mgmt_unit_cost" not in self.env["account.move.line"]._fields:
            cogs = "0.0"
        query = f"""
            WITH src AS (
                SELECT m.commercial_partner_id AS partner_id, l.date,
                       -l.balance AS revenue,
                       CASE WHEN l.product_id IS NULL THEN 0.0
                            ELSE {cogs}
                                 * CASE WHEN m.move_type = 'out_refund'
                                        THEN -1 ELSE 1 END
                       END AS cogs,
                       0.0 AS direct_cost, 0.0 AS allocated_cost
                  FROM account_move_line l
                  JOIN account_move m ON m.id = l.move_id
                  JOIN account_account a ON a.id = l.account_id
                 WHERE m.move_type IN ('out_invoice', 'out_refund')
                   AND l.parent_state = 'posted'
                   AND l.display_type = 'product'
                   AND a.account_type IN ('income', 'income_other')
                   AND l.date >= %(start)s AND l.company_id = %(company)s
                UNION ALL
                SELECT client.commercial_partner_id, al.date, 0.0, 0.0,
                       -al.amount, 0.0
                  FROM account_analytic_line al
                  JOIN account_analytic_account aa ON aa.id = al.account_id
                  JOIN res_partner client ON client.id = aa.partner_id
             LEFT JOIN account_account g ON g.id = al.general_account_id
                 WHERE (g.id IS NULL
                        OR g.account_type NOT IN ('income', 'income_other'))
                   AND al.date >= %(start)s AND al.company_id = %(company)s
                {allocations}
            )
            SELECT k1, k2,
                   ROUND(SUM(revenue), 2),
                   ROUND(SUM(revenue - cogs), 2),
                   100.0 * SUM(revenue - cogs) / NULLIF(SUM(revenue), 0),
                   ROUND(SUM(revenue - cogs - direct_cost - allocated_cost), 2),
                   COUNT(DISTINCT (partner_id, date_trunc('month', date))),
                   GROUPING(k1, k2)
              FROM (SELECT {keys[row]} AS k1, {keys[col]} AS k2, src.*
                      FROM src JOIN res_partner p ON p.id = src.partner_id) x
             -- the cells, the row and column totals and the grand total
             GROUP BY GROUPING SETS ((k1, k2), (k1), (k2), ())
        """
        cr.execute(query, {"start": self.start, "company": self.env.company.id})
        return {
            (r[0], r[1].isoformat() if isinstance(r[1], date) else r[1]): (
                float(r[2] or 0),
                float(r[3] or 0),
                float(r[4] or 0),
                float(r[5] or 0),
                r[6],
            )
            for r in cr.fetchall()
            if not r[7]  # compare the cells
        }

    # ----------------------------------------------------------- 2. receivable
    #: The aging pivots measured: the default view (account manager x tier rows,
    #: bucket columns) and accounts x bucket (issue 16's two goals).
    RECEIVABLE_PIVOTS = (
        (
            "account manager x tier x bucket (default view)",
            ("account_manager_id", "account_tier_id"),
        ),
        ("accounts x bucket", ("partner_id",)),
    )

    def bench_receivable(self):
        model_name = "account_mgmt.receivable.report"
        if model_name not in self.env:
            self.add("2", "receivable aging pivot: accounts x bucket")
            return
        report = self.user_env("bench_finance")[model_name]
        measures = ["amount_residual:sum", "amount_overdue:sum", "__count"]

        def cells(groupby, groups):
            return {
                (groupby, *(self._labelled_key(group, fname) for fname in groupby)): (
                    round(group["amount_residual"] or 0.0, 2),
                    round(group["amount_overdue"] or 0.0, 2),
                    group["__count"],
                )
                for group in groups
            }

        for label, rows in self.RECEIVABLE_PIVOTS:
            (orm_time, queries, orm_cells), (sql_time, _q, sql_cells) = (
                self.measure_requests(
                    [
                        lambda groupby=groupby: report.read_group(
                            [], measures, list(groupby), lazy=False
                        )
                        for groupby in self._pivot_groupbys(rows, "aging_bucket")
                    ],
                    [
                        lambda groups, groupby=groupby: cells(groupby, groups)
                        for groupby in self._pivot_groupbys(rows, "aging_bucket")
                    ],
                    lambda rows=rows: self._receivable_sql(rows),
                )
            )
            db_time = self.db_seconds
            self.add(
                "2",
                f"receivable aging pivot: {label} ({len(orm_cells)} cells)",
                orm_time,
                sql_time,
                queries,
                _compare(orm_cells, sql_cells),
                db=db_time,
            )

    @staticmethod
    def _pivot_groupbys(rows, col):
        """The groupbys of the web client's pivot with ``rows`` expanded and one
        column groupby: every prefix of the rows, alone and with the column."""
        groupbys = []
        for i in range(len(rows) + 1):
            groupbys += [tuple(rows[:i]), (*rows[:i], col)]
        return groupbys

    @staticmethod
    def _labelled_key(group, fname):
        """A header as the web client shows it: (id, label) of a many2one, the
        selection key of a selection, None for "None"."""
        value = group[fname]
        if isinstance(value, tuple):
            return (value[0], value[1])
        return value or None

    def _receivable_sql(self, rows=("partner_id",)):
        """The aging pivot's cells written again by hand (README "Receivables per
        account"), labels included, for the pivot whose row groupbys are
        ``rows`` (among partner_id, account_manager_id, account_tier_id) and
        column the bucket: open items of posted entries; credits (negative
        residuals) in a bucket of their own; overdue = what is past due less the
        account's unapplied credits, applied to the most recent past-due items
        first, never more than the item, never negative."""
        company = self.env.company.id
        columns = {
            "partner_id": ("x.partner_id", "partner.complete_name"),
            "account_manager_id": ("x.manager_id", "manager.name"),
            "account_tier_id": ("x.tier_id", "tier.name ->> 'en_US'"),
        }
        keys = [columns[fname][0] for fname in rows]
        labels = [columns[fname][1] for fname in rows]
        grouping_sets = []
        for i in range(len(rows) + 1):
            prefix = [f"{keys[j]}, {labels[j]}" for j in range(i)]
            grouping_sets.append("(" + ", ".join(prefix) + ")")
            grouping_sets.append("(" + ", ".join([*prefix, "x.bucket"]) + ")")
        select_keys = ", ".join(
            f"{key}, {label}" for key, label in zip(keys, labels, strict=True)
        )
        grouping = ", ".join([*keys, "x.bucket"])
        tier = self._tier_sql("client")
        self.cr.execute(
            f"""
            WITH open_item AS (
                SELECT l.id,
                       lp.commercial_partner_id AS partner_id,
                       l.amount_residual AS residual,
                       COALESCE(l.date_maturity, l.date) AS due
                  FROM account_move_line l
                  JOIN account_account a ON a.id = l.account_id
                  JOIN res_partner lp ON lp.id = l.partner_id
                 WHERE a.account_type = 'asset_receivable'
                   AND l.parent_state = 'posted'
                   AND l.amount_residual <> 0
                   AND l.company_id = %(company)s
            ), credit AS (
                SELECT partner_id, SUM(residual) AS credits
                  FROM open_item
                 WHERE residual < 0
              GROUP BY partner_id
            ), past_due AS (
                SELECT o.id,
                       GREATEST(0, LEAST(o.residual,
                           SUM(o.residual) OVER (PARTITION BY o.partner_id
                                                 ORDER BY o.due DESC, o.id DESC)
                           + COALESCE(c.credits, 0))) AS overdue
                  FROM open_item o
                  LEFT JOIN credit c ON c.partner_id = o.partner_id
                 WHERE o.residual > 0 AND o.due < %(today)s
            ), x AS (
                SELECT o.partner_id,
                       client.account_manager_id AS manager_id,
                       {tier} AS tier_id,
                       CASE WHEN o.residual < 0 THEN 0
                            WHEN o.due >= %(today)s THEN 1
                            WHEN %(today)s - o.due <= 30 THEN 2
                            WHEN %(today)s - o.due <= 60 THEN 3
                            WHEN %(today)s - o.due <= 90 THEN 4
                            ELSE 5 END AS bucket,
                       o.residual,
                       COALESCE(p.overdue, 0) AS overdue
                  FROM open_item o
                  JOIN res_partner client ON client.id = o.partner_id
                  LEFT JOIN past_due p ON p.id = o.id
            )
            SELECT {select_keys}{", " if select_keys else ""}x.bucket,
                   SUM(x.residual), SUM(x.overdue), COUNT(*),
                   GROUPING({grouping})
              FROM x
              LEFT JOIN res_partner partner ON partner.id = x.partner_id
              LEFT JOIN res_users manager_user ON manager_user.id = x.manager_id
              LEFT JOIN res_partner manager ON manager.id = manager_user.partner_id
              LEFT JOIN account_mgmt_tier tier ON tier.id = x.tier_id
             GROUP BY GROUPING SETS ({", ".join(grouping_sets)})
            """,
            {"today": self.today, "company": company},
        )
        # the report's bucket keys, in order: credits, not due, 1-30, 31-60,
        # 61-90, older
        field = self.env["account_mgmt.receivable.report"]._fields["aging_bucket"]
        buckets = [key for key, _label in field.selection]
        n = len(rows)
        cells = {}
        for r in self.cr.fetchall():
            grouped = r[-1]
            # GROUPING bits: one per row key then the bucket, 1 = rolled up
            depth = sum(1 for j in range(n) if not grouped >> (n - j) & 1)
            with_bucket = not grouped & 1
            groupby = tuple(rows[:depth]) + (("aging_bucket",) if with_bucket else ())
            key = [groupby]
            for j in range(depth):
                key.append((r[2 * j], r[2 * j + 1]) if r[2 * j] else None)
            if with_bucket:
                key.append(buckets[r[2 * n]])
            cells[tuple(key)] = (float(r[-4]), float(r[-3]), r[-2])
        return cells

    # ----------------------------------------------------------------- 3. jobs
    def bench_jobs(self):
        env = self.env
        company = env.company
        accounts = env["res.partner"].search_count(
            [("is_company", "=", True), ("customer_rank", ">", 0)]
        )
        jobs = []
        partner = env["res.partner"].sudo()
        if hasattr(partner, "_account_mgmt_recompute_tiers"):
            jobs.append(
                (
                    "automatic tiering",
                    lambda: partner._account_mgmt_recompute_tiers(company),
                )
            )
        else:
            jobs.append(("automatic tiering", None))
        if "account_mgmt.health.snapshot" in env and hasattr(
            env["account_mgmt.health.snapshot"], "_recompute_accounts"
        ):
            snapshot = env["account_mgmt.health.snapshot"].sudo()
            jobs.append(("health recompute", lambda: snapshot._recompute_accounts()))
        else:
            jobs.append(("health recompute", None))
        if "account_mgmt.cost.pool" in env:
            # re-allocate the pools the generator could allocate
            pools = env["account_mgmt.cost.pool"].sudo().search([])
            if "state" in pools._fields:
                pools = pools.filtered(lambda p: p.state == "allocated")
            if pools:
                jobs.append(
                    (
                        f"cost allocation ({len(pools)} pools)",
                        lambda: pools.action_allocate(),
                    )
                )
            else:
                jobs.append(("cost allocation (no cost pool in the data)", None))
        else:
            jobs.append(("cost allocation", None))
        report = env.get("account_mgmt.profitability.report")
        if report is not None and hasattr(report, "_refresh_summary"):

            def refresh_all():
                # every month listed as changed, as after an upgrade
                return report.sudo()._rebuild_summary()

            jobs.append(("profitability summary, full rebuild", refresh_all))
        # The jobs that write to-dos: a full day of work (their to-dos removed
        # first, in the rolled-back transaction, not timed), every batch run as
        # the cron runner runs them.
        for label, xmlid, activity_type in self.CRON_JOBS:
            cron = env.ref(f"account_mgmt_addon.{xmlid}", raise_if_not_found=False)
            if not cron:
                jobs.append((label, None))
                continue

            def job(cron=cron, activity_type=activity_type):
                return self._run_cron(cron, activity_type)

            jobs.append((label, job))
        for label, job in jobs:
            if job is None:
                self.add("3", f"{label}, {accounts} accounts")
                continue

            def run(job=job):
                result = job()
                env.flush_all()
                return result

            seconds, queries, result = self.measure(
                run, repeat=1, warmup=False, rollback=True
            )
            calls = ""
            if isinstance(result, CronRun):
                # a cron run to the end: its own time, without the set-up
                seconds, count = result
                calls = f", {count} call{'' if count == 1 else 's'}"
                if isinstance(count, str):
                    calls += " (stopped with work left)"
            self.add(
                "3",
                f"{label}, {accounts} accounts{calls}",
                seconds,
                None,
                queries,
                db=self.db_seconds,
            )

    #: Scheduled jobs measured from their cron's code, every batch to the end:
    #: (label, ir.cron xmlid, xmlid of the activity type of their to-dos)
    CRON_JOBS = (
        (
            "contact reminders (every to-do again)",
            "ir_cron_contact_overdue",
            "mail_activity_type_contact_overdue",
        ),
        (
            "plan reviews (every to-do again)",
            "ir_cron_account_mgmt_plan_review",
            "mail_activity_type_plan_review",
        ),
        (
            "whitespace proposals (every to-do again)",
            "ir_cron_account_whitespace",
            "mail_activity_type_account_whitespace",
        ),
    )

    def _run_cron(self, cron, activity_type):
        """Remove the job's to-dos (not timed), then call the cron's code as the
        runner does, a progress record per call, while it reports work left.
        Returns (seconds, calls)."""
        env = self.env
        type_id = env.ref(f"account_mgmt_addon.{activity_type}").id
        env.cr.execute(
            "DELETE FROM mail_activity WHERE activity_type_id = %s", [type_id]
        )
        env.invalidate_all()
        seconds = 0.0
        calls = 0
        for _i in range(self.max_cron_calls):
            progress = env["ir.cron.progress"].create(
                {"cron_id": cron.id, "done": 0, "remaining": 0}
            )
            start = time.perf_counter()
            cron.with_context(
                ir_cron_progress_id=progress.id
            ).ir_actions_server_id.run()
            env.flush_all()
            seconds += time.perf_counter() - start
            calls += 1
            if not progress.remaining or not progress.done:
                break
        else:
            # stopped with work left: the time of the calls made only
            return CronRun(seconds, f"first {calls}")
        return CronRun(seconds, calls)

    # ---------------------------------------------------------------- 4. views
    def bench_views(self):
        views = [
            ("accounts list (director)", "bench_director", "accounts", "list"),
            ("accounts kanban (director)", "bench_director", "accounts", "kanban"),
            ("accounts list (account manager)", "bench_am_1_1", "accounts", "list"),
            (
                "portfolio kanban (account manager)",
                "bench_am_1_1",
                "portfolio",
                "kanban",
            ),
            ("portfolio kanban (director)", "bench_director", "portfolio", "kanban"),
        ]
        actions = {
            "accounts": "account_mgmt_addon.res_partner_action_accounts",
            "portfolio": "account_mgmt_addon.res_partner_action_portfolio",
        }
        for label, login, action_key, view_type in views:
            action = self.env.ref(actions[action_key], raise_if_not_found=False)
            if not action:
                self.add("4", label)
                continue
            env = self.user_env(login)
            model, domain, spec, context = self._view_request(env, action, view_type)
            counts = {}
            seconds = None
            reader = model.with_context(**context)
            for limit in (20, 80):
                seconds, queries, result = self.measure(
                    lambda limit=limit, reader=reader, domain=domain, spec=spec: (
                        reader.web_search_read(
                            domain, spec, limit=limit, count_limit=10001
                        )
                    )
                )
                counts[limit] = queries
            self.add(
                "4",
                f"{label}: first 80 of "
                + (f"{result['length']:,}" if result["length"] <= 10000 else ">10,000"),
                seconds,
                None,
                f"{counts[80]} (20 records: {counts[20]})",
                db=self.db_seconds,
            )
        self._bench_partner_form(actions["portfolio"])

    def _bench_partner_form(self, action_xmlid):
        """The account form as an account manager opens it from the portfolio:
        ``web_read`` of the form view's fields (relational ones as display
        names) for the first account of their portfolio."""
        action = self.env.ref(action_xmlid, raise_if_not_found=False)
        label = "account form (account manager)"
        if not action:
            self.add("4", label)
            return
        env = self.user_env("bench_am_1_1")
        model, domain, _spec, context = self._view_request(env, action, "kanban")
        reader = model.with_context(**context)
        account = reader.search(domain, limit=1)
        if not account:
            self.add("4", f"{label}: no account")
            return
        _model, _domain, spec, _context = self._view_request(env, action, "form")
        seconds, queries, _result = self.measure(
            lambda: account.with_env(reader.env).web_read(spec)
        )
        self.add(
            "4",
            f"{label}: one account, {len(spec)} fields",
            seconds,
            None,
            queries,
            db=self.db_seconds,
        )

    def _view_request(self, env, action, view_type):
        """Domain, fields specification and context of an action's view."""
        from odoo.tools.safe_eval import safe_eval

        model = env[action.res_model]
        eval_context = {"uid": env.uid, "context_today": date.today}
        domain = safe_eval(action.domain or "[]", eval_context)
        context = safe_eval(action.context or "{}", eval_context)
        view_id = next(
            (v.view_id.id for v in action.view_ids if v.view_mode == view_type), False
        )
        views = model.get_views(
            [(view_id, view_type), (action.search_view_id.id, "search")]
        )
        search = etree.fromstring(views["views"]["search"]["arch"])
        for key, value in context.items():
            if key.startswith("search_default_") and value:
                name = key[len("search_default_") :]
                for node in search.iter("filter"):
                    if node.get("name") == name and node.get("domain"):
                        domain = domain + safe_eval(node.get("domain"), eval_context)
        context = {k: v for k, v in context.items() if not k.startswith("search_")}
        arch = etree.fromstring(views["views"][view_type]["arch"])
        spec = {}
        for node in arch.iter("field"):
            if any(parent.tag == "field" for parent in node.iterancestors()):
                continue
            name = node.get("name")
            field = model._fields.get(name)
            if not field:
                continue
            if field.type in ("many2one", "one2many", "many2many"):
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        return model, domain, spec, context

    # ----------------------------------------------------------------- 5. size
    def bench_size(self):
        cr = self.cr
        cr.execute(
            """
            SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0), COUNT(*)
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind = 'r' AND n.nspname = current_schema()
               AND c.relname LIKE 'account\\_mgmt\\_%%'
            """
        )
        tables_size, tables = cr.fetchone()
        # Columns of the add-on on other modules' tables (stored fields whose
        # only module is the add-on), and the indexes on them.
        addon_fields = [
            (model_name, fname)
            for model_name, model in self.env.registry.items()
            if not model_name.startswith("account_mgmt.")
            for fname, field in model._fields.items()
            if field.store
            and field.column_type
            and set(getattr(field, "_modules", None) or ()) == {bc.MODULE}
        ]
        column_size = 0
        index_size = 0
        columns = []
        for model_name, fname in addon_fields:
            model = self.env[model_name]
            if model._abstract or not model._auto:
                continue
            table = model._table
            cr.execute(
                "SELECT 1 FROM information_schema.columns "
                "WHERE table_name = %s AND column_name = %s",
                [table, fname],
            )
            if not cr.fetchone():
                continue
            columns.append(f"{table}.{fname}")
            cr.execute(
                f'SELECT COALESCE(SUM(pg_column_size("{fname}")), 0) FROM "{table}"'
            )
            column_size += cr.fetchone()[0]
            cr.execute(
                """
                SELECT COALESCE(SUM(pg_relation_size(i.indexrelid)), 0)
                  FROM pg_index i
                  JOIN pg_attribute a ON a.attrelid = i.indrelid
                   AND a.attnum = ANY(i.indkey)
                 WHERE i.indrelid = %s::regclass AND a.attname = %s
                """,
                [table, fname],
            )
            index_size += cr.fetchone()[0]
        cr.execute("SELECT pg_database_size(current_database())")
        database = cr.fetchone()[0]
        self.add(
            "5",
            f"add-on tables ({tables}), with their indexes and TOAST",
            None,
            None,
            _mb(tables_size),
        )
        self.add(
            "5",
            f"add-on columns on core tables ({len(columns)}) and their indexes",
            None,
            None,
            f"{_mb(column_size)} + {_mb(index_size)} of indexes",
        )
        self.add(
            "5",
            "add-on total / whole database",
            None,
            None,
            f"{_mb(tables_size + column_size + index_size)} / {_mb(database)}",
        )

    # ----------------------------------------------------------- 6. whitespace
    def bench_whitespace(self):
        model_name = "account_mgmt.whitespace.report"
        if model_name not in self.env:
            self.add("6", "whitespace: the whole company")
            return
        env = self.user_env("bench_finance")
        report = env[model_name]
        company = self.env.company
        date_from, date_to = report._account_mgmt_window()

        def statement():
            # The one statement (peers and medians), every row of the company.
            query = report.sudo()._sql_whitespace(date_from, date_to, company)
            self.cr.execute(query)
            return self.cr.fetchall()

        sql_time, _q, rows = self.measure(statement)
        self.add(
            "6",
            f"whitespace SQL statement, whole company ({len(rows):,} rows, "
            f"{sum(1 for r in rows if r[13]):,} whitespace)",
            sql_time,
            None,
            1,
            db=sql_time,
        )
        line_model = "account_mgmt.whitespace.line"
        if line_model in self.env:
            lines = self.env[line_model].sudo()

            def batch():
                # One batch of the monthly job: one company, stored.
                lines._account_mgmt_compute(company)
                self.env.flush_all()

            job_time, queries, _result = self.measure(
                batch, repeat=1, warmup=False, rollback=True
            )
            companies = len(lines._account_mgmt_companies_to_compute()) or len(
                self.env["res.company"].search([("chart_template", "!=", False)])
            )
            self.add(
                "6",
                f"whitespace job: one batch, the whole company stored "
                f"({companies} compan{'y' if companies == 1 else 'ies'} in all: "
                f"one batch each)",
                job_time,
                None,
                queries,
                db=self.db_seconds,
            )
            stored = report._account_mgmt_stored_companies(company)
            source = "stored rows" if stored else "live, no stored rows"
        else:
            source = "live"
        orm_time, queries, totals = self.measure(
            lambda: report.read_group(
                [], ["revenue:sum", "expected_value:sum", "__count"], [], lazy=False
            )
        )
        self.add(
            "6",
            f"whitespace, the whole company's figures ({source}: "
            f"{totals[0]['__count']:,} rows, finance)",
            orm_time,
            None,
            queries,
            db=self.db_seconds,
        )
        orm_time, queries, result = self.measure(
            lambda: report.web_search_read(
                [("is_whitespace", "=", True)],
                {"partner_id": {"fields": {"display_name": {}}}, "expected_value": {}},
                limit=80,
            )
        )
        self.add(
            "6",
            f"whitespace list, first 80 by expected value of {result['length']:,} "
            f"(finance, {source})",
            orm_time,
            None,
            queries,
            db=self.db_seconds,
        )
        measures = ["revenue:sum", "expected_value:sum", "__count"]
        manager = self.user_env("bench_am_1_1")[model_name]
        whitespace = [("is_whitespace", "=", True)]
        # As the menu opens it (its default filter: whitespace), then every
        # cell (accounts x categories, once: the read_group of every cell
        # dominates it).
        for who, model, domain, label, repeat in (
            ("finance", report, whitespace, "accounts x categories, whitespace", None),
            (
                "account manager",
                manager,
                whitespace,
                "own accounts x categories, whitespace",
                None,
            ),
            ("finance", report, [], "accounts x categories, every cell", 1),
            (
                "account manager",
                manager,
                [],
                "own accounts x categories, every cell",
                None,
            ),
        ):
            orm_time, queries, groups = self.measure(
                lambda model=model, domain=domain: self._pivot(
                    model, domain, "partner_id", "categ_id", measures
                ),
                repeat=repeat,
                warmup=repeat is None,
            )
            self.add(
                "6",
                f"whitespace pivot: {label} ({len(groups):,} cells, {who}, {source})",
                orm_time,
                None,
                queries,
                db=self.db_seconds,
            )

    # --------------------------------------------------------------- 7. budget
    BUDGET_MEASURES = [
        "budget_amount:sum",
        "forecast_amount:sum",
        "actual_revenue:sum",
        "attainment_percent:avg",
        "__count",
    ]

    def bench_budget(self):
        model_name = "account_mgmt.budget.report"
        if model_name not in self.env:
            self.add("7", "budget pivot: manager x months, 12 months")
            self.add("7", "budget pivot: accounts x months, 12 months")
            self.add("7", "budget pivot: manager x tier, 12 months")
            return
        end = date(self.today.year, self.today.month, 1)
        start = months_back(self.today, 12)
        inserted = self._budget_ensure(start, end)
        try:
            self._bench_budget_pivots(model_name, start, end, inserted)
        finally:
            if inserted:
                self._budget_drop()

    def _bench_budget_pivots(self, model_name, start, end, inserted):
        env = self.user_env("bench_finance")
        report = env[model_name]
        domain = [("date", ">=", start), ("date", "<", end)]
        for label, row, col in (
            # the default pivot, and accounts on expand for the whole company
            ("manager x months", "account_manager_id", "date:month"),
            ("accounts x months", "partner_id", "date:month"),
            ("manager x tier", "account_manager_id", "account_tier_id"),
        ):
            orm_time, queries, orm_rows = self.measure(
                lambda row=row, col=col: self._pivot(
                    report, domain, row, col, self.BUDGET_MEASURES
                )
            )
            db_time = self.db_seconds
            sql_time, _q, sql_rows = self.measure(
                lambda row=row, col=col: self._budget_sql(row, col, start, end)
            )
            orm_result = {
                (self._group_key(g, row), self._group_key(g, col)): (
                    round(g["budget_amount"] or 0.0, 2),
                    round(g["forecast_amount"] or 0.0, 2),
                    round(g["actual_revenue"] or 0.0, 2),
                    g["attainment_percent"] or 0.0,
                    g["__count"],
                )
                for g in orm_rows
            }
            self.add(
                "7",
                f"budget pivot: {label}, 12 months ({len(orm_result):,} cells"
                f"{', budget lines inserted' if inserted else ''})",
                orm_time,
                sql_time,
                queries,
                _compare(orm_result, sql_rows),
                db=db_time,
            )

    BENCH_BUDGET = "Benchmark budget"

    def _budget_fold(self):
        """Fold the months listed as changed into the budget report's summary
        (as its cron does) and commit; the seconds it took."""
        report = self.env["account_mgmt.budget.report"]
        if not hasattr(report, "_refresh_summary"):
            return None
        started = time.perf_counter()
        report._refresh_summary()
        self.cr.commit()
        seconds = time.perf_counter() - started
        self.cr.execute("ANALYZE account_mgmt_budget_month")
        return seconds

    def _budget_drop(self):
        """Delete the benchmark budget (committed) and fold its months again."""
        self.cr.rollback()
        self.cr.execute(
            "DELETE FROM account_mgmt_budget WHERE name = %s AND kind = 'budget'",
            [self.BENCH_BUDGET],
        )
        self.cr.commit()
        seconds = self._budget_fold()
        self.env.invalidate_all()
        bc.log(f"  budget: benchmark budget deleted (folded in {_seconds(seconds)})")

    def _budget_ensure(self, start, end):
        """An approved budget of the company covering [start, end[, with a line
        per account (commercial customer) and month, inserted in SQL when none
        exists, committed and folded into the report's summary (deleted at the
        end of the section). Returns the number of lines inserted."""
        cr = self.cr
        company = self.env.company.id
        cr.execute(
            """
            SELECT 1 FROM account_mgmt_budget
             WHERE company_id = %s AND kind = 'budget' AND state = 'approved'
               AND is_snapshot IS NOT TRUE
               AND date_from <= %s AND date_to >= %s
            """,
            [company, start, end],
        )
        if cr.fetchone():
            return 0
        cr.execute(
            """
            INSERT INTO account_mgmt_budget (name, company_id, kind, state,
                                             date_from, date_to, user_id,
                                             is_snapshot, create_uid, write_uid,
                                             create_date, write_date)
            VALUES (%s, %s, 'budget', 'approved', %s,
                    (%s::date - 1), 1, FALSE, 1, 1, now(), now())
            RETURNING id
            """,
            [self.BENCH_BUDGET, company, start, end],
        )
        budget_id = cr.fetchone()[0]
        cr.execute(
            """
            INSERT INTO account_mgmt_budget_line (budget_id, company_id, kind,
                                                  partner_id, date, amount,
                                                  create_uid, write_uid,
                                                  create_date, write_date)
            SELECT %(budget)s, %(company)s, 'budget', partner.id, month::date,
                   1000 + (partner.id %% 50) * 100, 1, 1, now(), now()
              FROM res_partner partner
             CROSS JOIN generate_series(%(start)s::date, %(end)s::date - 1,
                                        interval '1 month') month
             WHERE partner.is_company AND partner.customer_rank > 0
               AND partner.id = partner.commercial_partner_id
            """,
            {"budget": budget_id, "company": company, "start": start, "end": end},
        )
        inserted = cr.rowcount
        cr.commit()
        cr.execute("ANALYZE account_mgmt_budget_line")
        seconds = self._budget_fold()
        self.env.invalidate_all()
        bc.log(
            f"  budget: {inserted:,} budget lines inserted, committed, folded in "
            f"{_seconds(seconds)} (deleted at the end)"
        )
        return inserted

    def _budget_sql(self, row, col, start, end):
        """Hand-written baseline: the approved budget's and the live forecast's
        lines, and the revenue straight from the ledger, summed per cell."""
        keys = {
            "partner_id": "src.partner_id",
            "date:month": "src.date",
            "account_tier_id": self._tier_sql("p"),
            "account_manager_id": "p.account_manager_id",
        }
        query = f"""
            WITH src AS (
                SELECT l.partner_id, l.date,
                       CASE WHEN b.kind = 'budget' THEN l.amount ELSE 0.0 END
                           AS budget,
                       CASE WHEN b.kind = 'forecast' THEN l.amount ELSE 0.0 END
                           AS forecast,
                       0.0 AS actual
                  FROM account_mgmt_budget_line l
                  JOIN account_mgmt_budget b ON b.id = l.budget_id
                 WHERE l.company_id = %(company)s
                   AND l.date >= %(start)s AND l.date < %(end)s
                   AND b.is_snapshot IS NOT TRUE
                   AND ((b.kind = 'budget' AND b.state = 'approved')
                        OR (b.kind = 'forecast' AND b.state = 'draft'))
                UNION ALL
                SELECT m.commercial_partner_id,
                       date_trunc('month', l.date)::date,
                       0.0, 0.0, SUM(-l.balance)
                  FROM account_move_line l
                  JOIN account_move m ON m.id = l.move_id
                  JOIN account_account a ON a.id = l.account_id
                 WHERE m.move_type IN ('out_invoice', 'out_refund', 'out_receipt')
                   AND l.parent_state = 'posted'
                   AND l.display_type = 'product'
                   AND a.account_type IN ('income', 'income_other')
                   AND l.date >= %(start)s AND l.date < %(end)s
                   AND l.company_id = %(company)s
                 GROUP BY 1, 2
                HAVING SUM(-l.balance) <> 0
            )
            SELECT k1, k2,
                   ROUND(SUM(budget), 2),
                   ROUND(SUM(forecast), 2),
                   ROUND(SUM(actual), 2),
                   100.0 * SUM(actual) / NULLIF(SUM(budget), 0),
                   COUNT(DISTINCT (partner_id, date)),
                   GROUPING(k1, k2)
              FROM (SELECT {keys[row]} AS k1, {keys[col]} AS k2, src.*
                      FROM src JOIN res_partner p ON p.id = src.partner_id) x
             GROUP BY GROUPING SETS ((k1, k2), (k1), (k2), ())
        """
        self.cr.execute(
            query, {"start": start, "end": end, "company": self.env.company.id}
        )
        return {
            (r[0], r[1].isoformat() if isinstance(r[1], date) else r[1]): (
                float(r[2] or 0),
                float(r[3] or 0),
                float(r[4] or 0),
                float(r[5] or 0),
                r[6],
            )
            for r in self.cr.fetchall()
            if not r[7]
        }


def _seconds(value):
    if value is None:
        return ""
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def _mb(size):
    return f"{size / 1024 / 1024:.1f} MB"


def _compare(orm, sql):
    """'yes' when both results have the same cells and figures (to the cent)."""
    if set(orm) != set(sql):
        missing = len(set(sql) - set(orm))
        extra = len(set(orm) - set(sql))
        return f"NO: {missing} cells missing, {extra} extra"
    diff = [
        key
        for key in orm
        if any(
            abs(float(a) - float(b)) > 0.0051
            for a, b in zip(orm[key], sql[key], strict=True)
        )
    ]
    if diff:
        key = diff[0]
        return f"NO: {len(diff)} cells differ, e.g. {key}: {orm[key]} vs {sql[key]}"
    return f"yes ({len(orm)} cells)"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="amgmt_bench_medium")
    parser.add_argument("--config", default=bc.DEFAULT_CONFIG)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--jit",
        choices=["server", "on", "off"],
        default="server",
        help="PostgreSQL JIT compilation for this run's connections (default: "
        "the server's setting)",
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated sections to run, among: " + ", ".join(Bench.SECTIONS),
    )
    parser.add_argument(
        "--max-cron-calls",
        type=int,
        default=500,
        help="stop a job run as the cron runner does after this many calls",
    )
    parser.add_argument(
        "--json",
        default="",
        help="also write the figures to this file (for scripts/bench_curve.py)",
    )
    args = parser.parse_args(argv)
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    if only - set(Bench.SECTIONS):
        parser.error(
            f"unknown section(s): {', '.join(sorted(only - set(Bench.SECTIONS)))}"
        )
    if args.jit != "server":
        os.environ["PGOPTIONS"] = (
            os.environ.get("PGOPTIONS", "") + f" -c jit={args.jit}"
        ).strip()
    bc.init_odoo(args.config)
    started = time.perf_counter()
    # Notification emails are queued (as the mail cron would send them), not
    # sent inline: no mail server here.
    context = {"mail_notify_force_send": False}
    with bc.environment(args.db, context) as env:
        env.cr.execute("SELECT COUNT(*) FROM account_move_line")
        lines = env.cr.fetchone()[0]
        env.cr.execute(
            "SELECT COUNT(*) FROM res_partner WHERE is_company AND customer_rank > 0"
        )
        accounts = env.cr.fetchone()[0]
        bench = Bench(env, args.repeat)
        bench.max_cron_calls = args.max_cron_calls
        bench.run(only)
        env.cr.rollback()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(
                {
                    "db": args.db,
                    "journal_items": lines,
                    "accounts": accounts,
                    "repeat": args.repeat,
                    "load_average": os.getloadavg(),
                    "rows": bench.raw,
                },
                out,
                indent=1,
            )
    print()
    print(
        f"Database {args.db}: {lines:,} journal items, {accounts:,} accounts; "
        f"{os.cpu_count()} CPUs; JIT {args.jit}; "
        f"median of {args.repeat} runs after a warm-up "
        f"(jobs: one run, rolled back); {time.perf_counter() - started:.0f} s in all."
    )
    print()
    bc.print_table(
        [
            "#",
            "measure",
            "ORM / add-on",
            "of which SQL",
            "SQL baseline",
            "ratio",
            "queries",
            "equal",
        ],
        bench.rows,
    )


if __name__ == "__main__":
    main()
