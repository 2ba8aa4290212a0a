#!/usr/bin/env python3
# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A PostgreSQL primary and a hot standby: which requests does the standby serve?

    make replica-check [DB=amgmt_bench_small] [DURATION=30] [CLIENTS=4]
    scripts/py.sh scripts/replica_check.py --db amgmt_bench_small --duration 30

From the installed PostgreSQL binaries, in a temporary directory (Unix sockets
only, no TCP port; run as the ``postgres`` system user when this runs as root):

1. ``initdb`` a primary (``wal_level=replica``), restore ``--db`` into it (a
   database of the project's server with the add-on, e.g. ``make bench-data
   SCALE=small``; its filestore is copied), let account managers see their
   accounts' profitability and add a second company in another currency (EUR)
   that finance reads together with the first;
2. ``pg_basebackup -R`` a hot standby from it (``hot_standby_feedback=on``);
3. run Odoo on the primary with ``db_replica_host``/``db_replica_port`` naming
   the standby, ``--workers`` (default 4) and no cron, on a free loopback port;
4. drive the read paths for ``--duration`` seconds over JSON-RPC, as
   ``--clients`` account managers (portfolio, partner form figures, profitability
   and aging pivots, interactions; logging interactions, a write) and one
   finance user (profitability pivots, aging pivot, accounts list with the
   receivable and DSO figures, a pivot cell's breakdown, in two companies of
   different currencies);
5. read Odoo's access log (werkzeug; with a replica configured each line ends
   with the cursor mode: ``ro`` served by the standby, ``rw`` by the primary,
   ``ro->rw`` tried on the standby and replayed on the primary) and print, per
   operation, requests, errors, p50/p95 and who served them, the share served
   by the standby, and the replication lag after a director's "Recompute Tiers"
   and "Recompute health".

Exit status 1 when a request failed, a read was not served by the standby or
Odoo logged an error. The temporary directory is removed (``--keep`` keeps it).
"""

import argparse
import configparser
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc
from load_test import HOST, Client, RpcError, free_port, percentile

PRIMARY_PORT = 55432
STANDBY_PORT = 55433
ACCESS_LINE = re.compile(
    r'werkzeug: \S+ - - \[[^\]]*\] "(?P<method>\w+) (?P<path>\S+) [^"]*" '
    r"(?P<status>\d+) .* (?P<mode>ro->rw|ro|rw|-)\s*$"
)


def pg_bindir():
    try:
        bindir = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if os.path.exists(os.path.join(bindir, "initdb")):
            return bindir
    except (OSError, subprocess.CalledProcessError):
        pass
    for version in sorted(os.listdir("/usr/lib/postgresql"), reverse=True):
        bindir = f"/usr/lib/postgresql/{version}/bin"
        if os.path.exists(os.path.join(bindir, "initdb")):
            return bindir
    sys.exit("no PostgreSQL server binaries found")


class Cluster:
    """A private PostgreSQL cluster of this run (never run as root)."""

    def __init__(self, bindir, root, name, port):
        self.bindir = bindir
        self.data = os.path.join(root, name)
        self.socket = os.path.join(root, "run")
        self.port = port
        self.logfile = os.path.join(root, f"{name}.log")
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, tool, *args, **kwargs):
        return subprocess.run(
            [*self.as_owner, os.path.join(self.bindir, tool), *args],
            check=True,
            **kwargs,
        )

    def start(self, *settings):
        options = " ".join(
            [
                "-c listen_addresses=''",
                f"-k {self.socket}",
                f"-c port={self.port}",
                "-c fsync=off",
                "-c jit=off",
                *(f"-c {setting}" for setting in settings),
            ]
        )
        self.run(
            "pg_ctl",
            "-D",
            self.data,
            "-l",
            self.logfile,
            "-w",
            "-o",
            options,
            "start",
            stdout=subprocess.DEVNULL,
        )

    def stop(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            self.run(
                "pg_ctl",
                "-D",
                self.data,
                "-m",
                "fast",
                "-w",
                "stop",
                stdout=subprocess.DEVNULL,
            )

    def psql(self, db, sql):
        return subprocess.run(
            [
                "psql",
                "-h",
                self.socket,
                "-p",
                str(self.port),
                "-U",
                "odoo",
                "-d",
                db,
                "-Atqc",
                sql,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()


def prepare_database(config, db):
    """What the run needs, on the primary, before the standby is copied:
    account managers see their accounts' profitability; a second company in
    another currency (EUR, or USD when the first is in EUR) with the generic
    chart of accounts and a posted invoice, that finance reads with the first."""
    script = """
from odoo import Command
company = env.company
company.account_mgmt_managers_see_profitability = True
eur, usd = env.ref("base.EUR"), env.ref("base.USD")
other = eur if company.currency_id != eur else usd
other.active = True
second = env["res.company"].search([("name", "=", "Replica Check")], limit=1)
if not second:
    second = env["res.company"].create(
        {"name": "Replica Check", "currency_id": other.id})
    env["account.chart.template"].try_loading(
        "generic_coa", second, install_demo=False)
    second.currency_id = other  # the chart sets its own
    env.user.company_ids |= second
    customer = env["res.partner"].search(
        [("is_company", "=", True), ("account_manager_id", "!=", False)], limit=1)
    invoice = env["account.move"].with_company(second).create({
        "move_type": "out_invoice", "partner_id": customer.id,
        "invoice_date": fields.Date.today().replace(day=1),
        "invoice_line_ids": [Command.create(
            {"name": "Replica check", "quantity": 2, "price_unit": 500.0,
             "tax_ids": [Command.clear()]})],
    })
    invoice.action_post()
finance = env["res.users"].search([("login", "=", "bench_finance")])
finance.company_ids |= second
env.cr.commit()
print("COMPANIES", company.id, second.id, company.currency_id.name,
      second.currency_id.name, env["account.move"].search_count(
          [("company_id", "=", second.id), ("state", "=", "posted")]))
"""
    output = subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "shell",
            "-c",
            config,
            "-d",
            db,
            "--log-level=warn",
            "--no-http",
        ],
        input=f"from odoo import fields\n{script}",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"COMPANIES (\d+) (\d+) (\w+) (\w+) (\d+)", output)
    if not match or match.group(3) == match.group(4):
        sys.exit(f"could not prepare the database:\n{output}")
    bc.log(
        f"companies {match.group(1)} ({match.group(3)}) and {match.group(2)}"
        f" ({match.group(4)}, {match.group(5)} posted invoice)"
    )
    return [int(match.group(1)), int(match.group(2))]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = {}
        self.errors = {}
        self.samples = []

    def record(self, op, seconds, error=None):
        with self.lock:
            self.latency.setdefault(op, []).append(seconds)
            if error is not None:
                self.errors[op] = self.errors.get(op, 0) + 1
                if len(self.samples) < 10:
                    self.samples.append(f"{op}: {error}")


class TaggedClient(Client):
    """call_kw under a path naming the operation (``/web/dataset/call_kw/<model>/
    <method>/<op>``: the route takes any path), so the access log tells which
    operation each request was."""

    def call_op(self, op, model, method, *args, **kwargs):
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}/{op}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


class Worker(threading.Thread):
    def __init__(self, ops, stats, deadline, seed):
        super().__init__(daemon=True)
        self.ops, self.stats, self.deadline, self.seed = ops, stats, deadline, seed

    def run(self):
        index = self.seed
        while time.monotonic() < self.deadline:
            label, op = self.ops[index % len(self.ops)]
            index += 1
            start = time.monotonic()
            try:
                op()
                self.stats.record(label, time.monotonic() - start)
            except (requests.RequestException, RpcError, ValueError) as exc:
                self.stats.record(label, time.monotonic() - start, exc)


PARTNER_FIGURES = {
    "display_name": {},
    "account_tier_id": {"fields": {"display_name": {}}},
    "account_manager_id": {"fields": {"display_name": {}}},
    "account_health_score": {},
    "account_health_band": {},
    "account_open_receivable": {},
    "account_overdue_amount": {},
    "account_oldest_overdue_days": {},
    "account_dso": {},
}


def manager_ops(client, start_date, type_id, accounts, counter):
    ctx = {"lang": "en_US"}
    mine = [
        "|",
        ("account_manager_id", "=", client.uid),
        ("account_team_member_ids.user_id", "=", client.uid),
    ]

    def portfolio():
        client.call_op(
            "portfolio",
            "res.partner",
            "web_search_read",
            [("is_company", "=", True), *mine],
            PARTNER_FIGURES,
            limit=80,
            context=ctx,
        )

    def partner_form():
        client.call_op(
            "partner_form",
            "res.partner",
            "web_read",
            accounts[:1],
            {
                **PARTNER_FIGURES,
                "account_profit_revenue": {},
                "account_profit_gross_margin": {},
            },
            context=ctx,
        )

    def profitability():
        client.call_op(
            "profitability_pivot",
            "account_mgmt.profitability.report",
            "read_group",
            [("date", ">=", start_date)],
            ["revenue:sum", "gross_margin:sum", "margin_percent:avg"],
            ["partner_id", "date:quarter"],
            lazy=False,
            context=ctx,
        )

    def aging():
        client.call_op(
            "aging_pivot",
            "account_mgmt.receivable.report",
            "read_group",
            [],
            ["amount_residual:sum"],
            ["account_manager_id", "aging_bucket"],
            lazy=False,
            context=ctx,
        )

    def interactions():
        client.call_op(
            "interactions_list",
            "account_mgmt.interaction",
            "web_search_read",
            [],
            {
                "partner_id": {"fields": {"display_name": {}}},
                "date": {},
                "user_id": {"fields": {"display_name": {}}},
            },
            limit=80,
            context=ctx,
        )

    def log_interaction():
        counter[0] += 1
        client.call_op(
            "log_interaction",
            "account_mgmt.interaction",
            "create",
            {
                "partner_id": accounts[counter[0] % len(accounts)],
                "type_id": type_id,
                "subject": f"replica check {counter[0]}",
            },
            context=ctx,
        )

    return [
        ("portfolio", portfolio),
        ("partner form", partner_form),
        ("profitability pivot", profitability),
        ("aging pivot", aging),
        ("interactions list", interactions),
        ("log interaction", log_interaction),
    ]


def finance_ops(client, start_date, companies):
    ctx = {"lang": "en_US", "allowed_company_ids": companies}

    def profitability():
        client.call_op(
            "fin_profitability_pivot",
            "account_mgmt.profitability.report",
            "read_group",
            [("date", ">=", start_date)],
            ["revenue:sum", "net_contribution:sum", "margin_percent:avg"],
            ["account_tier_id", "account_manager_id"],
            lazy=False,
            context=ctx,
        )

    def aging():
        client.call_op(
            "fin_aging_pivot",
            "account_mgmt.receivable.report",
            "read_group",
            [],
            ["amount_residual:sum", "amount_overdue:sum"],
            ["account_manager_id", "account_tier_id", "aging_bucket"],
            lazy=False,
            context=ctx,
        )

    def accounts_list():
        client.call_op(
            "fin_accounts_list",
            "res.partner",
            "web_search_read",
            [("is_company", "=", True), ("customer_rank", ">", 0)],
            PARTNER_FIGURES,
            limit=80,
            context=ctx,
        )

    def breakdown():
        client.call_op(
            "fin_breakdown",
            "account_mgmt.profitability.report",
            "action_open_breakdown_domain",
            [("date", ">=", start_date), ("revenue", ">", 0)],
            context=ctx,
        )

    return [
        ("finance: profitability pivot (2 currencies)", profitability),
        ("finance: aging pivot (2 currencies)", aging),
        ("finance: accounts list (2 currencies)", accounts_list),
        ("finance: breakdown drill-down (2 currencies)", breakdown),
    ]


def parse_access_log(logfile):
    """{op: {mode: count}} from the werkzeug lines of call_kw requests."""
    modes = {}
    other = {}
    with open(logfile, errors="replace") as log:
        for line in log:
            match = ACCESS_LINE.search(line)
            if not match:
                continue
            path = match.group("path")
            parts = path.split("?")[0].split("/")
            if path.startswith("/web/dataset/call_kw/") and len(parts) >= 7:
                key = parts[6]
                bucket = modes
            else:
                key = parts[1] and "/" + "/".join(parts[1:3])
                bucket = other
            counts = bucket.setdefault(key, {})
            counts[match.group("mode")] = counts.get(match.group("mode"), 0) + 1
    return modes, other


OP_KEYS = {
    "portfolio": "portfolio",
    "partner form": "partner_form",
    "profitability pivot": "profitability_pivot",
    "aging pivot": "aging_pivot",
    "interactions list": "interactions_list",
    "log interaction": "log_interaction",
    "finance: profitability pivot (2 currencies)": "fin_profitability_pivot",
    "finance: aging pivot (2 currencies)": "fin_aging_pivot",
    "finance: accounts list (2 currencies)": "fin_accounts_list",
    "finance: breakdown drill-down (2 currencies)": "fin_breakdown",
}
WRITES = {"log_interaction"}


def check_source(db):
    exists = subprocess.run(
        [
            "psql",
            "-d",
            "postgres",
            "-Atqc",
            f"SELECT 1 FROM pg_database WHERE datname = '{db}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not db.replace("_", "").isalnum() or not exists:
        sys.exit(f"no database {db!r}: make bench-data SCALE=small first")


def build_clusters(args, root, options):
    """Primary with a copy of ``args.db``, then its hot standby; the Odoo config."""
    bindir = pg_bindir()
    primary = Cluster(bindir, root, "primary", PRIMARY_PORT)
    standby = Cluster(bindir, root, "standby", STANDBY_PORT)
    os.makedirs(primary.socket)
    if primary.as_owner:
        shutil.chown(root, "postgres")
        shutil.chown(primary.socket, "postgres")
    bc.log(f"primary and standby in {root} (PostgreSQL binaries {bindir})")
    primary.run(
        "initdb",
        "-D",
        primary.data,
        "-U",
        "odoo",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
        stdout=subprocess.DEVNULL,
    )
    primary.start("wal_level=replica", "max_wal_senders=4")
    target = ["-h", primary.socket, "-p", str(PRIMARY_PORT), "-U", "odoo"]
    subprocess.run(["createdb", *target, args.db], check=True)
    dump = os.path.join(root, "db.dump")
    subprocess.run(["pg_dump", "-Fc", "-f", dump, args.db], check=True)
    subprocess.run(
        ["pg_restore", *target, "-d", args.db, "--no-owner", dump], check=True
    )
    source_store = os.path.join(options.get("data_dir", ""), "filestore", args.db)
    data_dir = os.path.join(root, "data")
    if os.path.isdir(source_store):
        shutil.copytree(source_store, os.path.join(data_dir, "filestore", args.db))
    conf = os.path.join(root, "odoo.conf")
    with open(conf, "w") as out:
        out.write(
            "[options]\n"
            f"addons_path = {args.addons_path or options['addons_path']}\n"
            f"data_dir = {data_dir}\n"
            f"db_host = {primary.socket}\ndb_port = {PRIMARY_PORT}\n"
            f"db_replica_host = {primary.socket}\n"
            f"db_replica_port = {STANDBY_PORT}\n"
            "db_user = odoo\ndb_password = False\nlist_db = False\n"
        )
    companies = prepare_database(conf, args.db)
    primary.psql(args.db, "VACUUM ANALYZE")
    bc.log("restored; copying the standby (pg_basebackup -R)")
    standby.run(
        "pg_basebackup",
        "-h",
        primary.socket,
        "-p",
        str(PRIMARY_PORT),
        "-U",
        "odoo",
        "-D",
        standby.data,
        "-R",
        "-X",
        "stream",
        "-c",
        "fast",
    )
    standby.start("hot_standby=on", "hot_standby_feedback=on")
    if standby.psql(args.db, "SELECT pg_is_in_recovery()") != "t":
        sys.exit("the standby is not in recovery")
    return primary, standby, conf, companies


def start_odoo(conf, db, workers, logfile):
    import odoo

    port, gevent_port = free_port(), free_port()
    # odoo-bin: the prefork server re-runs its command line for the gevent process
    odoo_bin = os.path.join(os.path.dirname(odoo.__path__[0]), "odoo-bin")
    launcher = [odoo_bin] if os.path.exists(odoo_bin) else ["-m", "odoo"]
    with open(logfile, "ab") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                *launcher,
                "-c",
                conf,
                "-d",
                db,
                f"--db-filter=^{db}$",
                f"--http-interface={HOST}",
                f"--http-port={port}",
                f"--gevent-port={gevent_port}",
                f"--workers={workers}",
                "--max-cron-threads=0",
                "--limit-time-real=300",
                "--limit-time-cpu=120",
                f"--logfile={logfile}",
                "--log-level=warn",
                "--log-handler=werkzeug:INFO",
            ],
            start_new_session=True,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if requests.get(f"{url}/web/health", timeout=5).status_code == 200:
                return server, url
        except requests.RequestException:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            stop_odoo(server)
            sys.exit(f"Odoo did not start (log: {logfile})")
        time.sleep(1)


def stop_odoo(server):
    if server is None or server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def pick_managers(primary, db, count):
    """Account managers of the generated data, spread over the teams."""
    return primary.psql(
        db,
        "SELECT string_agg(login, ',' ORDER BY rank, login) FROM ("
        " SELECT login, ROW_NUMBER() OVER (PARTITION BY split_part(login, '_', 3)"
        " ORDER BY login) AS rank FROM res_users"
        " WHERE login LIKE 'bench\\_am\\_%' AND active"
        f" ORDER BY rank, login LIMIT {int(count)}) t",
    ).split(",")


def run_load(url, db, managers, companies, duration, primary):
    """The clients for ``duration`` seconds; replication lag sampled each second."""
    today = time.strftime("%Y-%m-%d")
    start_date = f"{int(today[:4]) - 2}{today[4:7]}-01"
    stats = Stats()
    plans = []
    counter = [0]
    for index, login in enumerate(managers):
        client = TaggedClient(url, db, login)
        client.authenticate()
        accounts = client.call(
            "res.partner",
            "search",
            [("is_company", "=", True), ("account_manager_id", "=", client.uid)],
            limit=50,
        )
        type_id = client.call("account_mgmt.interaction.type", "search", [], limit=1)[0]
        plans.append(
            (manager_ops(client, start_date, type_id, accounts, counter), index)
        )
    finance = TaggedClient(url, db, "bench_finance")
    finance.authenticate()
    plans.append((finance_ops(finance, start_date, companies), 0))
    lag = {"max": 0.0}
    stop = threading.Event()

    def sample_lag():
        while not stop.wait(1):
            value = primary.psql(
                "postgres",
                "SELECT COALESCE(MAX(EXTRACT(EPOCH FROM replay_lag)), 0)"
                " FROM pg_stat_replication",
            )
            lag["max"] = max(lag["max"], float(value or 0))

    sampler = threading.Thread(target=sample_lag, daemon=True)
    sampler.start()
    end = time.monotonic() + duration
    threads = [Worker(ops, stats, end, seed) for ops, seed in plans]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 120)
    stop.set()
    return stats, time.monotonic() - started, lag["max"]


def measure_recompute(url, db, primary, standby):
    """A director's "Recompute Tiers" and "Recompute health" of every account
    (writes on the primary), and how long the standby then takes to replay them.

    :return: [(label, seconds on the primary, seconds until replayed)]
    """
    director = Client(url, db, "bench_director")
    director.authenticate()
    results = []
    for label, method in (
        ("Recompute Tiers", "action_account_mgmt_recompute_tiers"),
        ("Recompute health (every account)", "action_account_health_recompute"),
    ):
        start = time.monotonic()
        director.call("res.partner", method, [], context={"lang": "en_US"})
        seconds = time.monotonic() - start
        lsn = primary.psql(db, "SELECT pg_current_wal_flush_lsn()")
        start = time.monotonic()
        while (
            standby.psql(db, f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn")
            != "t"
        ):
            if time.monotonic() - start > 60:
                sys.exit(f"the standby did not replay {label} in 60 s")
            time.sleep(0.01)
        results.append((label, seconds, time.monotonic() - start))
    return results


def standby_transactions(standby, db):
    return int(
        standby.psql(
            db,
            "SELECT xact_commit + xact_rollback FROM pg_stat_database"
            " WHERE datname = current_database()",
        )
    )


def report(stats, modes, other):
    """The table; returns (failures, reads served by the standby, reads)."""
    failures = []
    rows = []
    served = reads = 0
    for label, values in sorted(stats.latency.items()):
        key = OP_KEYS[label]
        counts = modes.get(key, {})
        errors = stats.errors.get(label, 0)
        ro, rw, back = counts.get("ro", 0), counts.get("rw", 0), counts.get("ro->rw", 0)
        if key not in WRITES:
            served += ro
            reads += ro + rw + back
            if rw or back:
                failures.append(f"{label}: {rw + back} request(s) on the primary")
        if errors:
            failures.append(f"{label}: {errors} error(s)")
        rows.append(
            (
                label,
                len(values),
                errors,
                f"{statistics.median(values) * 1000:.0f} ms",
                f"{percentile(values, 95) * 1000:.0f} ms",
                ro,
                rw,
                back,
            )
        )
    every = [v for values in stats.latency.values() for v in values]
    total = {
        m: sum(c.get(m, 0) for c in modes.values()) for m in ("ro", "rw", "ro->rw")
    }
    rows.append(
        (
            "all",
            len(every),
            sum(stats.errors.values()),
            f"{statistics.median(every) * 1000:.0f} ms",
            f"{percentile(every, 95) * 1000:.0f} ms",
            total["ro"],
            total["rw"],
            total["ro->rw"],
        )
    )
    bc.print_table(
        [
            "operation",
            "requests",
            "errors",
            "p50",
            "p95",
            "standby (ro)",
            "primary (rw)",
            "replayed (ro->rw)",
        ],
        rows,
    )
    print(
        "  other requests (log-in, ...): "
        + ", ".join(f"{path} {counts}" for path, counts in sorted(other.items()))
    )
    for sample in stats.samples:
        print(f"  error: {sample}")
    return failures, served, reads, total


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db",
        default="amgmt_bench_small",
        help="database of the project's server to copy",
    )
    parser.add_argument("--config", default=bc.DEFAULT_CONFIG)
    parser.add_argument("--duration", type=int, default=30, help="seconds (max 600)")
    parser.add_argument(
        "--clients",
        type=int,
        default=4,
        help="account managers (plus one finance user)",
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--addons-path", help="another addons path (to compare with another checkout)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary dir")
    args = parser.parse_args(argv)
    duration = max(5, min(args.duration, 600))
    check_source(args.db)
    project = configparser.ConfigParser()
    project.read(args.config)
    options = dict(project["options"])
    root = tempfile.mkdtemp(prefix="amgmt_replica_")
    os.chmod(root, 0o755)
    logfile = os.path.join(root, "odoo.log")
    server = primary = standby = None
    try:
        primary, standby, conf, companies = build_clusters(args, root, options)
        managers = pick_managers(primary, args.db, args.clients)
        xacts = standby_transactions(standby, args.db)
        server, url = start_odoo(conf, args.db, args.workers, logfile)
        bc.log(
            f"Odoo on {url}: --workers={args.workers}, primary port "
            f"{PRIMARY_PORT}, db_replica_port {STANDBY_PORT}; "
            f"{', '.join(managers)} and bench_finance for {duration} s"
        )
        stats, elapsed, lag = run_load(
            url, args.db, managers, companies, duration, primary
        )
        recomputes = measure_recompute(url, args.db, primary, standby)
        xacts = standby_transactions(standby, args.db) - xacts
    finally:
        stop_odoo(server)
        for cluster in (standby, primary):
            if cluster is not None:
                cluster.stop()
    failures, served, reads, total = report(stats, *parse_access_log(logfile))
    share = 100.0 * served / reads if reads else 0.0
    all_share = 100.0 * total["ro"] / max(1, sum(total.values()))
    print(
        f"  reads served by the standby: {served} of {reads} ({share:.1f} %);"
        f" all requests of the run: {all_share:.1f} % on the standby;"
        f" transactions on the standby: {xacts}"
    )
    print(
        f"  throughput: {sum(map(len, stats.latency.values())) / elapsed:.1f}"
        f" requests/s over {elapsed:.0f} s; max replay lag sampled during the"
        f" run: {lag * 1000:.0f} ms"
    )
    for label, seconds, replay in recomputes:
        print(
            f"  director's {label}: {seconds:.1f} s on the primary, then replayed"
            f" on the standby {replay * 1000:.0f} ms after it returned"
        )
    with open(logfile, errors="replace") as log:
        bad = [
            line.rstrip()
            for line in log
            if " ERROR " in line or "retrying with a read/write cursor" in line
        ]
    for line in bad[:10]:
        print(f"  log: {line[:300]}")
    if bad:
        failures.append(f"{len(bad)} error or retry line(s) in Odoo's log")
    if args.keep:
        print(f"  kept {root}")
    else:
        shutil.rmtree(root, ignore_errors=True)
    if failures:
        sys.exit("replica check FAILED: " + "; ".join(failures))
    print("replica check passed: every read served by the standby, no error")


if __name__ == "__main__":
    main()
