# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers shared by bench_data.py, bench.py and load_test.py.

These scripts drive Odoo from the outside (no server): they parse the project's
odoo.conf, open a registry on the benchmark database and work through an
environment of the superuser, the way ``odoo shell`` does.
"""

import contextlib
import os
import subprocess
import sys
import time

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CONFIG = os.path.join(PROJECT_ROOT, ".local", "odoo.conf")
MODULE = "account_mgmt_addon"
CORE_MODULES = "account,sale_management,crm,contacts"
# Databases the generator may drop and create: never someone else's.
BENCH_DB_PREFIX = "amgmt_bench"


def _load_pg_env():
    """The private PostgreSQL server of setup.sh (.local/pg.env), for dropdb."""
    path = os.path.join(PROJECT_ROOT, ".local", "pg.env")
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as env_file:
        for line in env_file:
            line = line.strip()
            if line.startswith("export ") and "=" in line:
                key, value = line[len("export ") :].split("=", 1)
                os.environ.setdefault(key, value.strip('"'))


_load_pg_env()


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def init_odoo(config, log_level="warn"):
    """Configure Odoo from ``config`` (the server is not started)."""
    import odoo

    odoo.tools.config.parse_config(["-c", config, f"--log-level={log_level}"])
    return odoo


@contextlib.contextmanager
def environment(dbname, context=None):
    """Yield a superuser environment on ``dbname``; commit when the block succeeds."""
    import odoo
    from odoo import SUPERUSER_ID, api

    registry = odoo.modules.registry.Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, dict(context or {}))
        yield env


def check_bench_db_name(dbname):
    if not dbname.startswith(BENCH_DB_PREFIX):
        sys.exit(
            f"refusing to use database {dbname!r}: benchmark databases are "
            f"throwaway and their names must start with {BENCH_DB_PREFIX!r}"
        )


def create_database(dbname, config):
    """Drop ``dbname`` and install the core apps and the add-on, without demo data."""
    check_bench_db_name(dbname)
    subprocess.run(["dropdb", "--if-exists", dbname], check=True)
    filestore = os.path.join(PROJECT_ROOT, ".local", "data", "filestore", dbname)
    subprocess.run(["rm", "-rf", filestore], check=True)
    cmd = [
        sys.executable,
        "-m",
        "odoo",
        "-c",
        config,
        "-d",
        dbname,
        "-i",
        f"{CORE_MODULES},{MODULE}",
        "--without-demo=all",
        "--stop-after-init",
        "--log-level=warn",
    ]
    subprocess.run(cmd, check=True)


class Timer:
    """``with Timer() as t: ...`` then ``t.seconds``."""

    def __enter__(self):
        self.start = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        return False


def print_table(headers, rows, out=None):
    """Print a GitHub-flavoured Markdown table (also readable as plain text)."""
    out = out or sys.stdout
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def fmt(row):
        return (
            "| "
            + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
            + " |"
        )

    print(fmt(cells[0]), file=out)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|", file=out)
    for row in cells[1:]:
        print(fmt(row), file=out)
    out.flush()
