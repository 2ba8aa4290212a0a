#!/usr/bin/env python3
# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Load test: concurrent account managers against a local Odoo with workers.

    make load [DB=amgmt_bench_small] [DURATION=60] [CLIENTS=6]
    python3 scripts/load_test.py --db amgmt_bench_small --duration 60 --clients 6

Starts Odoo itself (``--workers=2``, 127.0.0.1, free ports, no cron), then runs
``--clients`` JSON-RPC clients (threads, one session each) for ``--duration``
seconds, each logged in as an account manager of a generated database (users
``bench_am_<team>_<n>``, password = login, spread over the teams). Each client
loops over:

* logging an interaction on one of its accounts (subject carries a unique token);
* reading its portfolio (``web_search_read`` of "my accounts", 80 records);
* reading the profitability pivot (accounts x quarter, ``read_group``);
* reading the latest interactions it may see (``search_read``).

It prints requests, errors and p50/p95 latency per operation, stops the server,
then checks in the database that every acknowledged interaction exists exactly
once, and that no user saw an account outside their rights: profitability rows
and interactions are compared with what the record rules allow, computed by SQL
(account manager or account team member; own interactions), and portfolio rows
with the "my accounts" filter. Exit status 1 when a check fails.

Only loopback traffic; every request has a timeout; the run is bounded in time.
"""

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import date

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc

HOST = "127.0.0.1"
REQUEST_TIMEOUT = 60


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class RpcError(Exception):
    pass


class Client:
    """One JSON-RPC session of one user."""

    def __init__(self, base_url, db, login):
        self.base_url = base_url
        self.db = db
        self.login = login
        self.session = requests.Session()
        self.uid = None
        self.counter = 0

    def _post(self, path, params):
        self.counter += 1
        response = self.session.post(
            f"{self.base_url}{path}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": params,
                "id": self.counter,
            },
            timeout=REQUEST_TIMEOUT,
        )
        response.raise_for_status()
        data = response.json()
        if data.get("error"):
            error = data["error"]
            message = (error.get("data") or {}).get("message") or error.get("message")
            raise RpcError(message)
        return data["result"]

    def authenticate(self):
        result = self._post(
            "/web/session/authenticate",
            {"db": self.db, "login": self.login, "password": self.login},
        )
        self.uid = result["uid"]
        return result

    def call(self, model, method, *args, **kwargs):
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = {}
        self.errors = {}
        self.error_samples = []

    def record(self, op, seconds, error=None):
        with self.lock:
            self.latency.setdefault(op, []).append(seconds)
            if error is not None:
                self.errors[op] = self.errors.get(op, 0) + 1
                if len(self.error_samples) < 10:
                    self.error_samples.append(f"{op}: {error}")


class Worker(threading.Thread):
    def __init__(self, client, deadline, stats, run_id, start_date, seed):
        super().__init__(daemon=True)
        self.client = client
        self.deadline = deadline
        self.stats = stats
        self.run_id = run_id
        self.start_date = start_date
        self.rng = random.Random(seed)
        self.acknowledged = {}  # token -> interaction id
        self.seen = {"portfolio": set(), "profitability": set(), "interactions": set()}
        self.accounts = []
        self.type_id = None
        self.n = 0

    def my_accounts_domain(self):
        uid = self.client.uid
        return [
            "|",
            ("account_manager_id", "=", uid),
            ("account_team_member_ids.user_id", "=", uid),
        ]

    def setup(self):
        c = self.client
        c.authenticate()
        self.accounts = c.call(
            "res.partner",
            "search",
            [("is_company", "=", True), ("account_manager_id", "=", c.uid)],
            limit=200,
        )
        types = c.call("account_mgmt.interaction.type", "search", [], limit=1)
        if not self.accounts or not types:
            raise RuntimeError(
                f"{self.client.login} has no account or no interaction type: "
                "regenerate the database with make bench-data"
            )
        self.type_id = types[0]

    def op_log_interaction(self):
        self.n += 1
        token = f"load-{self.run_id}-{self.client.login}-{self.n}"
        new_id = self.client.call(
            "account_mgmt.interaction",
            "create",
            {
                "partner_id": self.rng.choice(self.accounts),
                "type_id": self.type_id,
                "subject": token,
                "outcome": "Load test",
            },
        )
        if isinstance(new_id, list):
            new_id = new_id[0]
        self.acknowledged[token] = new_id

    def op_portfolio(self):
        result = self.client.call(
            "res.partner",
            "web_search_read",
            [("is_company", "=", True), *self.my_accounts_domain()],
            {
                "display_name": {},
                "account_tier_id": {"fields": {"display_name": {}}},
                "account_manager_id": {"fields": {"display_name": {}}},
                "country_id": {"fields": {"display_name": {}}},
            },
            limit=80,
        )
        self.seen["portfolio"].update(r["id"] for r in result["records"])

    def op_profitability(self):
        groups = self.client.call(
            "account_mgmt.profitability.report",
            "read_group",
            [("date", ">=", self.start_date)],
            ["revenue:sum", "gross_margin:sum", "net_contribution:sum"],
            ["partner_id", "date:quarter"],
            lazy=False,
        )
        self.seen["profitability"].update(
            g["partner_id"][0] for g in groups if g.get("partner_id")
        )

    def op_interactions(self):
        rows = self.client.call(
            "account_mgmt.interaction",
            "search_read",
            [],
            ["partner_id", "user_id"],
            limit=80,
        )
        self.seen["interactions"].update(
            (r["id"], r["partner_id"][0]) for r in rows if r.get("partner_id")
        )

    def run(self):
        ops = [
            ("log interaction", self.op_log_interaction, 3),
            ("portfolio", self.op_portfolio, 3),
            ("profitability pivot", self.op_profitability, 2),
            ("interactions list", self.op_interactions, 2),
        ]
        names = [o for o in ops for _i in range(o[2])]
        while time.monotonic() < self.deadline:
            label, op, _weight = self.rng.choice(names)
            start = time.monotonic()
            try:
                op()
                self.stats.record(label, time.monotonic() - start)
            except (requests.RequestException, RpcError, ValueError) as exc:
                self.stats.record(label, time.monotonic() - start, exc)


class Server:
    """Odoo with workers on loopback, started and stopped by this script."""

    def __init__(self, config, db, workers, logfile):
        self.port = free_port()
        self.gevent_port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.logfile = logfile
        import odoo

        # odoo-bin, not "python -m odoo": the prefork server re-runs its own
        # command line to start the websocket (gevent) process.
        odoo_bin = os.path.join(os.path.dirname(odoo.__path__[0]), "odoo-bin")
        launcher = [odoo_bin] if os.path.exists(odoo_bin) else ["-m", "odoo"]
        cmd = [
            sys.executable,
            *launcher,
            "-c",
            config,
            "-d",
            db,
            f"--db-filter=^{db}$",
            f"--http-interface={HOST}",
            f"--http-port={self.port}",
            f"--gevent-port={self.gevent_port}",
            f"--workers={workers}",
            "--max-cron-threads=0",
            "--limit-time-real=300",
            "--limit-time-cpu=120",
            f"--logfile={logfile}",
            "--log-level=warn",
        ]
        # The server's own output (and that of the websocket process it spawns)
        # goes to its log file.
        with open(logfile, "ab") as output:
            self.proc = subprocess.Popen(
                cmd, start_new_session=True, stdout=output, stderr=subprocess.STDOUT
            )

    def wait_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Odoo exited early (log: {self.logfile})")
            try:
                if requests.get(f"{self.url}/web/health", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        raise RuntimeError(f"Odoo did not answer in {timeout} s (log: {self.logfile})")

    def stop(self):
        if self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


def pick_logins(env, count):
    """Account managers of the generated data, spread over the teams."""
    users = env["res.users"].search([("login", "like", "bench_am_%")], order="login")
    by_team = {}
    for user in users:
        team = user.login.split("_")[2]
        by_team.setdefault(team, []).append(user.login)
    logins = []
    while len(logins) < count and any(by_team.values()):
        for team in sorted(by_team):
            if by_team[team] and len(logins) < count:
                logins.append(by_team[team].pop(0))
    return logins


def prepare(db, clients):
    """Let account managers read their accounts' profitability; pick the users."""
    with bc.environment(db) as env:
        company = env.company
        previous = company.account_mgmt_managers_see_profitability
        company.account_mgmt_managers_see_profitability = True
        logins = pick_logins(env, clients)
        env.cr.commit()
    return previous, logins


def restore(db, previous):
    with bc.environment(db) as env:
        env.company.account_mgmt_managers_see_profitability = previous
        env.cr.commit()


def check(db, workers, run_id):
    """Every acknowledged interaction exists once; nobody saw beyond their rights."""
    failures = []
    with bc.environment(db) as env:
        cr = env.cr
        cr.execute(
            "SELECT subject, array_agg(id) FROM account_mgmt_interaction "
            "WHERE subject LIKE %s GROUP BY subject",
            [f"load-{run_id}-%"],
        )
        stored = dict(cr.fetchall())
        acknowledged = {t: i for w in workers for t, i in w.acknowledged.items()}
        missing = [t for t in acknowledged if t not in stored]
        duplicated = [t for t, ids in stored.items() if len(ids) > 1]
        wrong_id = [
            t for t, i in acknowledged.items() if t in stored and stored[t] != [i]
        ]
        unacknowledged = [t for t in stored if t not in acknowledged]
        print(
            f"  interactions acknowledged: {len(acknowledged)}, stored: {len(stored)}, "
            f"missing: {len(missing)}, duplicated: {len(duplicated)}, "
            f"other id: {len(wrong_id)}, stored but not acknowledged "
            f"(client timeout): {len(unacknowledged)}"
        )
        if missing or duplicated or wrong_id:
            failures.append("interactions")
        cr.execute(
            "SELECT account_mgmt_interactions_visible_all FROM res_company "
            "WHERE id = %s",
            [env.company.id],
        )
        visible_all = cr.fetchone()[0]
        for w in workers:
            uid = w.client.uid
            cr.execute(
                """
                SELECT id FROM res_partner
                 WHERE account_manager_id = %(uid)s
                    OR id IN (SELECT partner_id FROM account_mgmt_team_member
                               WHERE user_id = %(uid)s)
                """,
                {"uid": uid},
            )
            allowed = {r[0] for r in cr.fetchall()}
            cr.execute(
                "SELECT id FROM account_mgmt_interaction WHERE user_id = %s", [uid]
            )
            own = {r[0] for r in cr.fetchall()}
            bad = {
                "profitability": w.seen["profitability"] - allowed,
                "portfolio": w.seen["portfolio"] - allowed,
                "interactions": {
                    p
                    for i, p in w.seen["interactions"]
                    if not visible_all and i not in own and p not in allowed
                },
            }
            print(
                f"  {w.client.login}: saw {len(w.seen['profitability'])} accounts in "
                f"profitability, {len(w.seen['portfolio'])} in the portfolio, "
                f"{len(w.seen['interactions'])} interactions; outside their rights: "
                + ", ".join(f"{k} {len(v)}" for k, v in bad.items())
            )
            if any(bad.values()):
                failures.append(f"rights of {w.client.login}")
        cr.rollback()
    return failures


def percentile(values, pct):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def report(stats, duration):
    rows = []
    total = errors = 0
    for op, values in sorted(stats.latency.items()):
        err = stats.errors.get(op, 0)
        total += len(values)
        errors += err
        rows.append(
            (
                op,
                len(values),
                err,
                f"{statistics.median(values) * 1000:.0f} ms",
                f"{percentile(values, 95) * 1000:.0f} ms",
            )
        )
    every = [v for values in stats.latency.values() for v in values]
    if every:
        rows.append(
            (
                "all",
                total,
                errors,
                f"{statistics.median(every) * 1000:.0f} ms",
                f"{percentile(every, 95) * 1000:.0f} ms",
            )
        )
    bc.print_table(["operation", "requests", "errors", "p50", "p95"], rows)
    print(f"  throughput: {total / duration:.1f} requests/s")
    for sample in stats.error_samples:
        print(f"  error: {sample}")
    return errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="amgmt_bench_small")
    parser.add_argument("--config", default=bc.DEFAULT_CONFIG)
    parser.add_argument("--duration", type=int, default=60, help="seconds (max 600)")
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    duration = max(5, min(args.duration, 600))
    bc.init_odoo(args.config)
    previous, logins = prepare(args.db, args.clients)
    if not logins:
        sys.exit(f"no bench_am_* user in {args.db}: generate it with make bench-data")
    logfile = os.path.join(bc.PROJECT_ROOT, ".local", f"load-{args.db}.log")
    run_id = uuid.uuid4().hex[:8]
    server = Server(args.config, args.db, args.workers, logfile)
    workers = []
    stats = Stats()
    try:
        bc.log(f"Odoo starting on {server.url} (workers={args.workers}, log {logfile})")
        server.wait_ready()
        today = date.today()
        start_date = date(today.year - 2, today.month, 1).isoformat()
        for i, login in enumerate(logins):
            client = Client(server.url, args.db, login)
            workers.append(Worker(client, 0, stats, run_id, start_date, seed=i))
        for w in workers:
            w.setup()
        bc.log(f"{len(workers)} clients ({', '.join(logins)}) for {duration} s")
        deadline = time.monotonic() + duration
        started = time.monotonic()
        for w in workers:
            w.deadline = deadline
            w.start()
        for w in workers:
            w.join(timeout=duration + REQUEST_TIMEOUT + 30)
        elapsed = time.monotonic() - started
    finally:
        server.stop()
        bc.log("Odoo stopped")
        restore(args.db, previous)
    errors = report(stats, elapsed)
    bc.log("checking the database")
    failures = check(args.db, workers, run_id)
    if errors:
        failures.append(f"{errors} request errors")
    if failures:
        sys.exit("load test FAILED: " + ", ".join(failures))
    print("load test passed: no error, interactions stored once, rights respected")


if __name__ == "__main__":
    main()
