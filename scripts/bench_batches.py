# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Time each batch of the add-on's scheduled jobs on a benchmark database.

Runs each job the way Odoo's cron runner does (one call per batch, a progress
record in the context, again while it reports work remaining), with the default
batch sizes unless --batch-size job=N is given, after giving it a full day of
work: every account's stored tier figures cleared (as before a first tiering),
the health job's place reset, every month listed for the summary, every contact,
review and whitespace reminder removed, every cost pool queued, the month's
stored whitespace to compute again. Prints per job the number of
batches, the largest batch time and the total; everything is rolled back (so it
may run on any copy of a benchmark database). Between two calls it flushes and
clears the transaction's caches as the runner's commit does (without committing).

    scripts/py.sh scripts/bench_batches.py --db amgmt_bench_medium \
        [--only ir_cron_recompute_tiers,...] [--max-calls N] [--batch-size job=N] \
        [--profile]

``--profile`` prints, for each call, its slowest SQL statements (time, count,
rows) and the Python functions with the most time of their own (cProfile):
where a batch's time goes.
"""

import argparse
import collections
import cProfile
import os
import pstats
import re
import sys
import time

import bench_common as bc


def reset_work(env):
    """Give every job a whole day of work (rolled back at the end)."""
    cr = env.cr
    cr.execute(
        """
        UPDATE res_partner
           SET account_tier_id = NULL, account_annual_revenue = NULL,
               account_gross_margin = NULL, account_margin_percent = NULL,
               account_group_revenue = NULL, account_group_gross_margin = NULL,
               account_group_margin_percent = NULL, account_group_share = NULL
         WHERE account_tier_id IS NOT NULL OR account_annual_revenue IS NOT NULL
        """
    )
    for xmlid in (
        "account_mgmt_addon.mail_activity_type_contact_overdue",
        "account_mgmt_addon.mail_activity_type_plan_review",
        "account_mgmt_addon.mail_activity_type_account_whitespace",
    ):
        cr.execute(
            "DELETE FROM mail_activity WHERE activity_type_id = %s",
            [env.ref(xmlid).id],
        )
    cr.execute("UPDATE account_mgmt_cost_pool SET allocation_queued = TRUE")
    # the month's stored whitespace computed again, then the proposals
    cr.execute("DELETE FROM account_mgmt_whitespace_run")
    env["ir.config_parameter"].set_param("account_mgmt_addon.health_job_cursor", "")
    env["account_mgmt.profitability.report"]._rebuild_summary(refresh=False)
    env.invalidate_all()


JOBS = [
    ("automatic tiering", "ir_cron_recompute_tiers"),
    ("profitability summary", "ir_cron_profitability_summary"),
    ("cost allocation (queued pools)", "ir_cron_cost_allocation"),
    ("health recompute", "ir_cron_account_health"),
    ("contact reminders", "ir_cron_contact_overdue"),
    ("plan reviews", "ir_cron_account_mgmt_plan_review"),
    ("whitespace (stored, then proposals)", "ir_cron_account_whitespace"),
]


class SqlProfile:
    """Time every statement of the cursors (while active): by statement shape."""

    def __init__(self):
        self.stats = collections.defaultdict(lambda: [0.0, 0, 0])
        self._original = None

    def __enter__(self):
        from odoo import sql_db

        self._original = original = sql_db.Cursor.execute
        stats = self.stats

        def execute(cursor, query, params=None, log_exceptions=True):
            start = time.perf_counter()
            try:
                return original(cursor, query, params, log_exceptions)
            finally:
                code = getattr(query, "code", query)
                shape = re.sub(r"\s+", " ", str(code)).strip()[:160]
                entry = stats[shape]
                entry[0] += time.perf_counter() - start
                entry[1] += 1
                entry[2] += max(cursor._obj.rowcount, 0)

        sql_db.Cursor.execute = execute
        return self

    def __exit__(self, *exc):
        from odoo import sql_db

        sql_db.Cursor.execute = self._original

    def report(self, top=8):
        rows = sorted(self.stats.items(), key=lambda item: -item[1][0])[:top]
        total = sum(entry[0] for entry in self.stats.values())
        count = sum(entry[1] for entry in self.stats.values())
        bc.log(f"    SQL: {count} statements, {total:.2f} s; slowest:")
        for shape, (seconds, calls, rowcount) in rows:
            bc.log(f"      {seconds:7.2f} s {calls:5d}x {rowcount:8d} rows  {shape}")


def run_job(env, xmlid, max_calls=200, profile=False):
    """Call the cron's code as the runner does: [(seconds, done, remaining)]."""
    cron = env.ref(f"account_mgmt_addon.{xmlid}")
    calls = []
    for _i in range(max_calls):
        progress = env["ir.cron.progress"].create(
            {"cron_id": cron.id, "done": 0, "remaining": 0}
        )
        env.cr.flush()
        profiler = cProfile.Profile() if profile else None
        sql = SqlProfile() if profile else None
        if profile:
            sql.__enter__()
            profiler.enable()
        start = time.perf_counter()
        cron.with_context(ir_cron_progress_id=progress.id).ir_actions_server_id.run()
        # what the runner's commit does, but for the COMMIT itself
        env.cr.flush()
        elapsed = time.perf_counter() - start
        if profile:
            profiler.disable()
            sql.__exit__()
        env.cr.clear()
        if profile:
            bc.log(f"  {xmlid} call {len(calls) + 1}, profile:")
            sql.report()
            stats = pstats.Stats(profiler)
            for func, (_cc, _nc, tottime, cumtime, _callers) in sorted(
                stats.stats.items(), key=lambda item: -item[1][2]
            )[:12]:
                filename, line, name = func
                where = f"{os.path.basename(filename)}:{line}({name})"
                bc.log(f"      own {tottime:6.2f} s  cum {cumtime:6.2f} s  {where}")
        progress = env["ir.cron.progress"].browse(progress.id)
        progress_values = (progress.done, progress.remaining)
        calls.append((elapsed, *progress_values))
        bc.log(
            f"  {xmlid} call {len(calls)}: {elapsed:.2f} s, done {progress.done}, "
            f"remaining {progress.remaining}"
        )
        if not progress.remaining or not progress.done:
            break
    return calls


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="amgmt_bench_medium")
    parser.add_argument("--config", default=bc.DEFAULT_CONFIG)
    parser.add_argument(
        "--batch-size",
        action="append",
        default=[],
        help="job=N (tiering, summary, cost_allocation, health, contact_overdue, "
        "plan_review, whitespace)",
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated cron xmlids (without module) to run, e.g. "
        "ir_cron_recompute_tiers",
    )
    parser.add_argument(
        "--max-calls",
        type=int,
        default=200,
        help="stop a job after this many batches (a sample: every batch of a job "
        "does the same work)",
    )
    parser.add_argument(
        "--jit",
        choices=["server", "on", "off"],
        default="off",
        help="PostgreSQL JIT compilation for this run's connections (default: off, "
        "as recommended for Odoo; 'server': the server's setting)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="print each call's slowest SQL statements and Python functions",
    )
    args = parser.parse_args(argv)
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    if args.jit != "server":
        os.environ["PGOPTIONS"] = (
            os.environ.get("PGOPTIONS", "") + f" -c jit={args.jit}"
        ).strip()
    bc.init_odoo(args.config)
    bc.log(f"load average: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with bc.environment(args.db) as env:
        for item in args.batch_size:
            job, size = item.split("=")
            env["ir.config_parameter"].set_param(
                f"account_mgmt_addon.batch_size.{job}", size
            )
        reset_work(env)
        rows = []
        for label, xmlid in JOBS:
            if only and xmlid not in only:
                continue
            calls = run_job(env, xmlid, args.max_calls, args.profile)
            bc.log("load average: " + " / ".join(f"{x:.1f}" for x in os.getloadavg()))
            if calls[-1][2] and calls[-1][1]:
                label += f" (first {len(calls)} batches of more)"
            done = sum(c[1] for c in calls)
            rows.append(
                [
                    label,
                    str(len(calls)),
                    f"{done:,}",
                    f"{max(c[0] for c in calls):.2f} s",
                    f"{sum(c[0] for c in calls):.2f} s",
                ]
            )
            bc.log(f"{label}: {[(round(c[0], 2), c[1], c[2]) for c in calls]}")
        env.cr.rollback()
    bc.print_table(["job", "batches", "done", "largest batch", "total"], rows)


if __name__ == "__main__":
    sys.exit(main())
