#!/usr/bin/env python3
# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Log a phone call on a client account over JSON-RPC, then read its figures.

What a phone system (or a mail client plug-in) does when a call ends:

1. log in (``common.login``) and call the ORM (``object.execute_kw``) on /jsonrpc;
2. find the contact by the caller's email address: the account is the contact's
   commercial entity (its company);
3. find the interaction type by its code (CALL);
4. log the call unless it is already logged (same account, type, user and start
   time: running the script twice logs one call);
5. read the account's health and, when the user may, its last-12-months
   profitability, and print them.

Standard library only. With ``make run``'s server and demo data::

    python3 examples/jsonrpc_example.py
    python3 examples/jsonrpc_example.py --url http://localhost:8069 \\
        --db account_mgmt_demo --login amanda --password amanda \\
        --email laura.chen@northwind.example.com --duration 0.25 --json

See docs/API.md for the models, fields and rights.
"""

import argparse
import json
import sys
import urllib.request
from datetime import datetime, timezone
from itertools import count

TIMEOUT = 30  # seconds, for each HTTP request
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"  # Odoo datetimes: naive UTC

HEALTH_FIELDS = [
    "account_health_score",
    "account_health_band",
    "account_health_trend",
    "account_health_date",
    "account_health_main_reason",
]
PROFIT_FIELDS = [
    "account_profit_visible",
    "account_profit_revenue",
    "account_profit_gross_margin",
    "account_profit_net_contribution",
    "account_profit_margin_percent",
]


class RpcError(Exception):
    """An error returned by the server (access error, validation error...)."""


class OdooClient:
    """The smallest JSON-RPC client: ``common.login`` then ``object.execute_kw``."""

    def __init__(self, url, db, timeout=TIMEOUT):
        self.endpoint = url.rstrip("/") + "/jsonrpc"
        self.db = db
        self.timeout = timeout
        self.uid = None
        self.password = None
        self._ids = count(1)

    def _call(self, service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": list(args)},
            "id": next(self._ids),
        }
        request = urllib.request.Request(
            self.endpoint,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            reply = json.load(response)
        if reply.get("error"):
            data = reply["error"].get("data") or {}
            raise RpcError(data.get("message") or reply["error"].get("message"))
        return reply["result"]

    def login(self, login, password):
        uid = self._call("common", "login", self.db, login, password)
        if not uid:
            raise RpcError(f"Login failed for {login} on database {self.db}.")
        self.uid, self.password = uid, password
        return uid

    def execute(self, model, method, *args, **kwargs):
        return self._call(
            "object",
            "execute_kw",
            self.db,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )


def find_contact(client, email):
    """The contact with this email address, and its account (commercial entity)."""
    contacts = client.execute(
        "res.partner",
        "search_read",
        [("email", "=ilike", email)],
        fields=["name", "commercial_partner_id"],
        limit=1,
    )
    if not contacts:
        raise RpcError(f"No contact has the email address {email}.")
    contact = contacts[0]
    account_id, account_name = contact["commercial_partner_id"]
    return contact, account_id, account_name


def find_type(client, code):
    types = client.execute(
        "account_mgmt.interaction.type",
        "search_read",
        [("code", "=", code)],
        fields=["name"],
        limit=1,
    )
    if not types:
        raise RpcError(f"No interaction type has the code {code}.")
    return types[0]


def log_call(client, contact, account_id, type_id, args):
    """Create the interaction once: a second run with the same start time finds
    the first one (search before create, on what identifies the call)."""
    key = [
        ("partner_id", "=", account_id),
        ("type_id", "=", type_id),
        ("user_id", "=", client.uid),
        ("date", "=", args.date),
    ]
    existing = client.execute("account_mgmt.interaction", "search", key, limit=1)
    if existing:
        return existing[0], False
    vals = {
        # A contact given as partner_id is moved to contact_ids and the account
        # (its company) becomes partner_id; passing both is clearer.
        "partner_id": account_id,
        "type_id": type_id,
        "date": args.date,
        "duration": args.duration,
        "direction": args.direction,
        "subject": args.subject,
        "state": "done",
    }
    if contact["id"] != account_id:  # the email may be the company's own
        vals["contact_ids"] = [(6, 0, [contact["id"]])]
    interaction_id = client.execute("account_mgmt.interaction", "create", vals)
    return interaction_id, True


def read_figures(client, account_id):
    """Health and profitability of the last 12 months of the account, as far as
    the user may."""
    fields = HEALTH_FIELDS + PROFIT_FIELDS + ["name", "account_health_line_ids"]
    try:
        account = client.execute("res.partner", "read", [account_id], fields)[0]
    except RpcError:
        # Not an account manager, director or finance user: the figures' fields
        # are restricted to those groups.
        return None
    breakdown = []
    if account["account_health_line_ids"]:
        breakdown = client.execute(
            "account_mgmt.health.snapshot.line",
            "read",
            account["account_health_line_ids"],
            ["name", "value_display", "score", "effective_weight", "contribution"],
        )
    figures = {
        "health": {
            "score": account["account_health_score"],
            "band": account["account_health_band"],
            "trend": account["account_health_trend"],
            "date": account["account_health_date"],
            "main_reason": account["account_health_main_reason"],
            "breakdown": [
                {key: line[key] for key in line if key != "id"} for line in breakdown
            ],
        },
        "profitability": None,
    }
    if account["account_profit_visible"]:
        figures["profitability"] = {
            "revenue": account["account_profit_revenue"],
            "gross_margin": account["account_profit_gross_margin"],
            "net_contribution": account["account_profit_net_contribution"],
            "margin_percent": account["account_profit_margin_percent"],
        }
    return figures


def print_summary(result):
    verb = "Logged" if result["created"] else "Already logged"
    print(
        f"{verb} interaction #{result['interaction_id']}: {result['type']} with "
        f"{result['contact']} ({result['account']})"
    )
    figures = result["figures"]
    if figures is None:
        print("This user may not read the account's figures.")
        return
    health = figures["health"]
    if health["date"]:
        print(
            f"Health: {health['score']:.2f} ({health['band']}, trend "
            f"{health['trend'] or '-'}) on {health['date']}"
        )
        if health["main_reason"]:
            print(f"  Main issue: {health['main_reason']}")
        for line in health["breakdown"]:
            print(
                f"  {line['name']}: {line['score']:.1f} x "
                f"{line['effective_weight']:.1f}% = {line['contribution']:.1f} "
                f"({line['value_display'] or ''})"
            )
    else:
        print("Health: not computed yet")
    profit = figures["profitability"]
    if profit is None:
        print("Profitability (last 12 months): not visible to this user")
    else:
        print(
            f"Profitability (last 12 months): revenue {profit['revenue']:.2f}, "
            f"gross margin {profit['gross_margin']:.2f} "
            f"({profit['margin_percent']:.2f} %), "
            f"net contribution {profit['net_contribution']:.2f}"
        )


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default="account_mgmt_demo")
    parser.add_argument("--login", default="amanda")
    parser.add_argument("--password", default="amanda")
    parser.add_argument(
        "--email",
        default="laura.chen@northwind.example.com",
        help="Email address of the contact who called.",
    )
    parser.add_argument("--type-code", default="CALL")
    parser.add_argument(
        "--duration", type=float, default=0.25, help="Duration in hours."
    )
    parser.add_argument(
        "--direction", choices=["inbound", "outbound"], default="inbound"
    )
    parser.add_argument("--subject", default="Phone call")
    parser.add_argument(
        "--date",
        default=datetime.now(timezone.utc).strftime(DATETIME_FORMAT),
        help="Start of the call, UTC, 'YYYY-MM-DD HH:MM:SS' (default: now). "
        "Pass the phone system's own start time so that a retry logs nothing.",
    )
    parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
    args = parser.parse_args(argv)
    try:
        datetime.strptime(args.date, DATETIME_FORMAT)
    except ValueError:
        parser.error(f"--date must look like 2026-05-31 14:05:00, not {args.date}")
    return args


def main(argv=None):
    args = parse_args(argv)
    client = OdooClient(args.url, args.db)
    try:
        client.login(args.login, args.password)
        contact, account_id, account_name = find_contact(client, args.email)
        itype = find_type(client, args.type_code)
        interaction_id, created = log_call(
            client, contact, account_id, itype["id"], args
        )
        figures = read_figures(client, account_id)
    except RpcError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    result = {
        "interaction_id": interaction_id,
        "created": created,
        "account_id": account_id,
        "account": account_name,
        "contact": contact["name"],
        "type": itype["name"],
        "figures": figures,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_summary(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
