#!/usr/bin/env python3
# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Screenshots of the add-on's key screens, from a demo database, as PNG files.

Starts Odoo on the database (installed with demo data), logs in as the demo user
of each screen, opens it in headless Chromium (driven over the DevTools protocol)
and saves docs/screenshots/<name>.png. `make screenshots` (SHOTS_DB=amgmt_shots).

    createdb -T amgmt_base amgmt_shots
    python3 -m odoo -c .local/odoo.conf -d amgmt_shots -i account_mgmt_addon \
        --stop-after-init
    python3 scripts/screenshots.py --db amgmt_shots
"""

import argparse
import base64
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import requests
import websocket

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(PROJECT_ROOT, "docs", "screenshots")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--window-size=1440,900",
]
TIMEOUT = 60

# name, login, url (or a callable session -> url), selector to wait for,
# JavaScript to run once it's there (e.g. open a tab).
CLICK_TAB = (
    "[...document.querySelectorAll('.o_notebook .nav-link')]"
    ".find(a => a.textContent.includes(%r))?.click()"
)
# Taller pages for the long forms (default 900 px).
HEIGHTS = {"account_form": 1900, "plan_form": 1100}


def first_id(session, model, domain, order="id"):
    result = session.call(model, "search", [domain], {"limit": 1, "order": order})
    if not result:
        sys.exit(f"no {model} matches {domain}: is the database loaded with demo?")
    return result[0]


LANDING = "/odoo/action-account_mgmt_addon.action_account_mgmt_landing"


def breakdown_script(session):
    """JavaScript opening the breakdown of Northwind Holdings' last 12 months (the
    pivot's drill-down, what a click on its cell opens)."""
    partner = first_id(session, "res.partner", [("name", "=", "Northwind Holdings")])
    action = session.call(
        "account_mgmt.profitability.report",
        "action_open_breakdown_domain",
        [[("partner_id", "=", partner)]],
        {},
    )
    # Open, then unfold the groups (kinds of lines) once the list is there.
    return (
        "odoo.__WOWL_DEBUG__.root.env.services.action"
        f".doAction({json.dumps(action)}).then(() => setTimeout(() => "
        "document.querySelectorAll('.o_group_header').forEach(h => h.click()), "
        "1000))"
    )


SHOTS = [
    # Each role's landing page: the app's root menu chooses by role.
    (
        "portfolio",
        "amanda",
        lambda s: LANDING,
        ".o_kanban_record",
        None,
    ),
    (
        "director_overview",
        "diane",
        lambda s: LANDING,
        ".o_field_widget[name='workload_line_ids'] .o_data_row",
        None,
    ),
    (
        "account_form",
        "amanda",
        lambda s: (
            "/odoo/account-portfolio/"
            f"{first_id(s, 'res.partner', [('name', '=', 'Northwind Holdings')])}"
        ),
        ".o_notebook",
        CLICK_TAB % "Account Management",
    ),
    (
        "interactions_list",
        "amanda",
        lambda s: "/odoo/action-account_mgmt_addon.account_mgmt_interaction_action",
        ".o_data_row",
        None,
    ),
    (
        "interactions_pivot",
        "diane",
        lambda s: (
            "/odoo/action-account_mgmt_addon.account_mgmt_interaction_action_analysis"
        ),
        ".o_pivot table",
        None,
    ),
    (
        "plan_form",
        "amanda",
        lambda s: (
            "/odoo/action-account_mgmt_addon.account_mgmt_plan_action/"
            f"{first_id(s, 'account_mgmt.plan', [('state', '=', 'approved')])}"
        ),
        ".o_form_view .o_notebook",
        CLICK_TAB % "Objectives",
    ),
    (
        "profitability_pivot",
        "fiona",
        lambda s: LANDING,
        ".o_pivot table",
        None,
    ),
    (
        "profitability_breakdown",
        "fiona",
        lambda s: (
            "/odoo/action-account_mgmt_addon.account_mgmt_profitability_report_action"
        ),
        ".o_pivot table",
        breakdown_script,
    ),
    (
        "receivable_aging",
        "fiona",
        lambda s: (
            "/odoo/action-account_mgmt_addon.account_mgmt_receivable_report_action"
        ),
        ".o_content table, .o_content .o_view_nocontent",
        None,
    ),
    (
        "tiers_config",
        "admin",
        lambda s: "/odoo/action-account_mgmt_addon.account_mgmt_tier_action",
        ".o_data_row",
        None,
    ),
    # Whitespace as the menu opens it (its period in the title): the list of an
    # account manager, the pivot of finance.
    (
        "whitespace_list",
        "amanda",
        lambda s: (
            "/odoo/action-account_mgmt_addon.account_mgmt_whitespace_report_action_server"
        ),
        ".o_data_row, .o_view_nocontent",
        None,
    ),
    (
        "whitespace_pivot",
        "fiona",
        lambda s: (
            "/odoo/action-account_mgmt_addon.account_mgmt_whitespace_report_action_server"
            "?view_type=pivot"
        ),
        ".o_pivot table",
        None,
    ),
]


def export_wizard(session):
    """A profitability export of the last 12 months by account (the wizard's
    defaults), for the PDF "Client Profitability"."""
    return session.call("account_mgmt.profitability.export", "create", [{}], {})


# The first page of each PDF: name, login, report URL.
PDFS = [
    (
        "account_review_pdf",
        "fiona",
        lambda s: (
            "/report/pdf/account_mgmt_addon.report_account_review/"
            f"{first_id(s, 'res.partner', [('name', '=', 'Northwind Holdings')])}"
        ),
    ),
    (
        "profitability_pdf",
        "fiona",
        lambda s: (
            "/report/pdf/account_mgmt_addon.report_client_profitability/"
            f"{export_wizard(s)}"
        ),
    ),
]


def pdf_first_page(session, report_url, path):
    """Download the PDF as the session's user and save its first page as PNG
    (pdftoppm, from poppler-utils)."""
    response = session.http.get(session.base_url + report_url, timeout=TIMEOUT * 3)
    response.raise_for_status()
    if not response.content.startswith(b"%PDF"):
        sys.exit(f"{report_url} did not return a PDF")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "report.pdf")
        with open(pdf, "wb") as file:
            file.write(response.content)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "90",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                pdf,
                os.path.join(tmp, "page"),
            ],
            check=True,
            timeout=TIMEOUT,
        )
        shutil.copyfile(os.path.join(tmp, "page.png"), path)


class Session:
    """A logged-in JSON-RPC session of one demo user."""

    def __init__(self, base_url, db, login):
        self.base_url = base_url
        self.http = requests.Session()
        response = self.http.post(
            f"{base_url}/web/session/authenticate",
            json={"params": {"db": db, "login": login, "password": login}},
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        if response.json().get("error") or not response.json()["result"].get("uid"):
            sys.exit(f"login as {login} failed: {response.json()}")
        self.session_id = self.http.cookies["session_id"]

    def call(self, model, method, args, kwargs):
        response = self.http.post(
            f"{self.base_url}/web/dataset/call_kw",
            json={
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs,
                }
            },
            timeout=TIMEOUT,
        )
        result = response.json()
        if "error" in result:
            sys.exit(f"{model}.{method}: {result['error']['data']['message']}")
        return result["result"]


class Browser:
    """Headless Chromium, one tab, driven over the DevTools protocol."""

    def __init__(self, chromium, port):
        self.profile = tempfile.mkdtemp(prefix="amgmt_shots_")
        self.process = subprocess.Popen(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        targets = wait_for(
            lambda: json.load(
                urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5)
            ),
            "Chromium",
        )
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=TIMEOUT, suppress_origin=True
        )
        self.ids = itertools.count(1)
        self.send("Page.enable")
        self.send("Network.enable")

    def send(self, method, **params):
        call_id = next(self.ids)
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        return result.get("result", {}).get("value")

    def shoot(self, base_url, session_id, url, selector, script, path, height=900):
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=1440,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.send("Network.clearBrowserCookies")
        self.send(
            "Network.setCookie",
            name="session_id",
            value=session_id,
            url=base_url,
        )
        self.send("Page.navigate", url=base_url + url)
        query = json.dumps(selector)
        wait_for(
            lambda: self.evaluate(f"!!document.querySelector({query})") or None,
            f"{selector} on {url}",
        )
        if script:
            self.evaluate(script)
            time.sleep(2)  # let the action the script opens load
        time.sleep(2)  # let charts, avatars and fonts settle
        shot = self.send("Page.captureScreenshot", format="png")
        with open(path, "wb") as png:
            png.write(base64.b64decode(shot["data"]))

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def wait_for(probe, what, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = probe()
            if result:
                return result
        except (OSError, ValueError, StopIteration):
            pass
        if time.monotonic() > deadline:
            sys.exit(f"timed out waiting for {what}")
        time.sleep(0.5)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="amgmt_shots")
    parser.add_argument("--port", type=int, default=8199)
    parser.add_argument(
        "--config", default=os.path.join(PROJECT_ROOT, ".local", "odoo.conf")
    )
    parser.add_argument(
        "--chromium", default=shutil.which("chromium") or "/usr/bin/chromium"
    )
    parser.add_argument("--only", nargs="*", help="names of the screens to take")
    parser.add_argument(
        "--as",
        dest="logins",
        nargs="*",
        default=[],
        help="demo login=other login (its password the same as the login), e.g. "
        "amanda=bench_am_1_1 fiona=bench_finance on a benchmark database",
    )
    args = parser.parse_args()
    logins = dict(pair.split("=", 1) for pair in args.logins)

    os.makedirs(OUT_DIR, exist_ok=True)
    base_url = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            args.config,
            "-d",
            args.db,
            f"--http-port={args.port}",
            f"--db-filter=^{args.db}$",
            "--log-level=warn",
            "--max-cron-threads=0",
        ],
    )
    browser = None
    try:
        wait_for(
            lambda: urllib.request.urlopen(f"{base_url}/web/health", timeout=5),
            "Odoo",
        )
        browser = Browser(args.chromium, args.port + 1000)
        sessions = {}
        for name, login, url, selector, script in SHOTS:
            if args.only and name not in args.only:
                continue
            login = logins.get(login, login)
            if login not in sessions:
                sessions[login] = Session(base_url, args.db, login)
            session = sessions[login]
            path = os.path.join(OUT_DIR, f"{name}.png")
            browser.shoot(
                base_url,
                session.session_id,
                url(session),
                selector,
                script(session) if callable(script) else script,
                path,
                HEIGHTS.get(name, 900),
            )
            print(f"{path} ({login})")
        for name, login, report_url in PDFS:
            if args.only and name not in args.only:
                continue
            if login not in sessions:
                sessions[login] = Session(base_url, args.db, login)
            path = os.path.join(OUT_DIR, f"{name}.png")
            pdf_first_page(sessions[login], report_url(sessions[login]), path)
            print(f"{path} ({login})")
    finally:
        if browser:
            browser.close()
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
