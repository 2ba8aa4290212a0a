#!/usr/bin/env python3
# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fill a throwaway database with a client ledger for benchmarks and load tests.

    make bench-data SCALE=small|medium|large [DB=amgmt_bench_<scale>]
    python3 scripts/bench_data.py --scale medium [--db NAME] [--no-create]

The database is created from scratch (account, sale_management, crm, contacts and
the add-on, no demo data), then filled in two ways:

* through the ORM, everything configuration-sized: currency rates, products,
  users and teams, and a few sample documents (invoices in both currencies,
  credit notes, payments with an exchange difference, a vendor bill on an
  analytic account). Those samples are real Odoo documents and double as
  templates: they show the exact shape of the rows Odoo writes.
* in bulk SQL, the volume: accounts and contacts, invoices, credit notes,
  payments, exchange differences, reconciliations, vendor bills and analytic
  lines, interactions. Every bulk row is a copy of a template row of the same
  kind with the columns that vary (ids, dates, partners, amounts, residuals...)
  overridden, so columns that Odoo, other modules or the add-on add are filled
  as the ORM fills them. Amounts are integer cents, rounded half-up like Odoo.
  Plans with objectives and cost pools are made through the ORM.

Then the add-on's daily jobs run once (tiering, cost allocation, health; not
with ``--no-jobs``), and the script checks the ledger (foreign keys of the bulk
rows, balanced moves, residuals equal to the amount minus the reconciled
partials, invoice residuals and payment states, full reconciliations, analytic
lines) and recomputes a sample of stored fields through the ORM to compare them
with what SQL wrote. It exits non-zero when a check fails.

Scales: tiny (the test suite), small (50 accounts x 12 months), medium (4,000
accounts x 24 months, ~200k journal items), large (50,000 accounts x 24 months,
~2.5 million journal items).
"""

import argparse
import io
import json
import math
import os
import random
import sys
import time
from datetime import date, datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc

# name: accounts, months of history, teams x managers per team, products, vendors
SCALES = {
    # for the test suite
    "tiny": {
        "accounts": 12,
        "months": 6,
        "teams": 1,
        "managers": 2,
        "products": 6,
        "vendors": 1,
    },
    "small": {
        "accounts": 50,
        "months": 12,
        "teams": 2,
        "managers": 2,
        "products": 12,
        "vendors": 3,
    },
    "medium": {
        "accounts": 4000,
        "months": 24,
        "teams": 3,
        "managers": 4,
        "products": 30,
        "vendors": 5,
    },
    "large": {
        "accounts": 50000,
        "months": 24,
        "teams": 6,
        "managers": 8,
        "products": 60,
        "vendors": 8,
    },
}

# Account profiles: share of accounts, monthly invoice probability, invoice target
PROFILES = [
    ("strategic", 0.02, 1.0, 35000),
    ("key", 0.08, 0.9, 12000),
    ("growth", 0.30, 0.5, 5000),
    ("standard", 0.60, 0.15, 2500),
]
# Payer behaviours: share, payment delay range (days), share of invoices never paid
PAYERS = [
    ("prompt", 0.70, (10, 35), 0.0),
    ("slow", 0.25, (30, 95), 0.02),
    ("bad", 0.05, (60, 200), 0.35),
]
EUR_SHARE = 0.10  # accounts invoiced in EUR
GROUP_SHARE = 0.04  # accounts that are parent groups of 1 to 3 other accounts
REFUND_SHARE = 0.04  # invoices with a credit note
PARTIAL_SHARE = 0.03  # company-currency invoices paid in part only
COST_SHARE = 0.30  # accounts with cost-to-serve vendor bills
BILL_PROBABILITY = 0.3  # monthly probability of a vendor bill for those accounts
CONTACTS_PER_ACCOUNT = 2
TEAM_MEMBER_SHARE = 0.25  # accounts with a second team member

WORDS_A = [
    "Blue",
    "North",
    "Silver",
    "Bright",
    "Iron",
    "Green",
    "Swift",
    "Prime",
    "Atlas",
    "Solar",
    "Delta",
    "Nova",
    "Crest",
    "Summit",
    "Harbor",
    "Cedar",
    "Falcon",
    "Orbit",
    "Pioneer",
    "Vector",
    "Granite",
    "Willow",
    "Coral",
    "Amber",
]
WORDS_B = [
    "Logistics",
    "Foods",
    "Dynamics",
    "Systems",
    "Retail",
    "Energy",
    "Pharma",
    "Motors",
    "Textiles",
    "Labs",
    "Media",
    "Farms",
    "Metals",
    "Health",
    "Tools",
    "Robotics",
    "Chemicals",
    "Marine",
    "Works",
    "Partners",
]
FIRST = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Eva",
    "Frank",
    "Grace",
    "Hugo",
    "Iris",
    "Jonas",
    "Kim",
    "Lea",
    "Max",
    "Nora",
]
LAST = [
    "Smith",
    "Meyer",
    "Rossi",
    "Dubois",
    "Novak",
    "Jensen",
    "Silva",
    "Kowalski",
    "Berg",
    "Costa",
]
FUNCTIONS = ["Purchasing Manager", "CFO", "Operations Director", "Accountant"]
PRODUCT_KINDS = [
    "Sensor",
    "Controller",
    "Valve",
    "Pump",
    "Module",
    "Cable",
    "Panel",
    "Gateway",
    "Drive",
]
SERVICE_KINDS = ["Installation", "Support", "Training", "Maintenance", "Audit"]


def cents(value):
    return round(value * 100)


def money(c):
    """Integer cents -> '123.45' (exact)."""
    sign = "-" if c < 0 else ""
    c = abs(c)
    return f"{sign}{c // 100}.{c % 100:02d}"


def div_round(numerator, denominator):
    """round(numerator / denominator) half away from zero, integers only."""
    q, r = divmod(abs(numerator), denominator)
    if 2 * r >= denominator:
        q += 1
    return q if numerator >= 0 else -q


def pct(c, percent):
    """Round-half-up c * percent / 100 for an integer percent."""
    return div_round(c * percent, 100)


def convert(c, rate):
    """Foreign cents -> company cents at ``rate`` (foreign units per company unit).

    Rates carry 4 decimals: rate_4 = rate * 10000, so c / rate = c * 10000 / rate_4.
    """
    return div_round(c * 10000, rate)


def month_start(day, months_back):
    y, m = day.year, day.month - months_back
    while m <= 0:
        m += 12
        y -= 1
    return date(y, m, 1)


def month_end(day):
    nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def copy_value(value):
    """A Python value in PostgreSQL COPY text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, dict):
        value = json.dumps(value)
    value = str(value)
    if "\\" in value or "\t" in value or "\n" in value:
        value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    return value


class Money:
    """A pre-formatted amount for COPY (cents wrapped so copy_value prints 12.34)."""

    __slots__ = ("c",)

    def __init__(self, c):
        self.c = c

    def __str__(self):
        return money(self.c)


class Bulk:
    """Copy rows into a staging table, then clone template rows into the target.

    ``columns`` are the columns the generator sets; every other column of the
    target table takes the value of the template row given in column ``tmpl``.
    """

    def __init__(self, cr, table, columns):
        self.cr = cr
        self.table = table
        self.columns = list(columns)
        self.staging = f"stg_{table}"
        self.count = 0
        cr.execute(f"DROP TABLE IF EXISTS {self.staging}")
        cr.execute(
            f"CREATE TEMP TABLE {self.staging} AS "
            f"SELECT {', '.join(self.columns)}, 0::int AS tmpl "
            f"FROM {table} WITH NO DATA"
        )
        self.buffer = io.StringIO()
        self.buffered = 0

    def add(self, tmpl, values):
        """``values``: a tuple in the order of ``columns``."""
        self.buffer.write("\t".join(copy_value(v) for v in values) + f"\t{tmpl}\n")
        self.buffered += 1
        self.count += 1
        if self.buffered >= 50000:
            self._flush_buffer()

    def _flush_buffer(self):
        if not self.buffered:
            return
        self.buffer.seek(0)
        self.cr._obj.copy_expert(
            f"COPY {self.staging} ({', '.join(self.columns)}, tmpl) FROM STDIN",
            self.buffer,
        )
        self.buffer = io.StringIO()
        self.buffered = 0

    # Above this many rows, the target's secondary indexes are dropped before
    # the insert and built again after it: faster than growing them row by row.
    REBUILD_INDEXES_FROM = 200000

    def insert(self):
        """Insert the staged rows into the target table; return their count."""
        self._flush_buffer()
        cr = self.cr
        start = time.perf_counter()
        cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s "
            "ORDER BY ordinal_position",
            [self.table],
        )
        target = [r[0] for r in cr.fetchall()]
        own = set(self.columns)
        select = ", ".join(f"s.{c}" if c in own else f"t.{c}" for c in target)
        cr.execute(f"ANALYZE {self.staging}")
        indexes = []
        if self.count >= self.REBUILD_INDEXES_FROM:
            cr.execute(
                """
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                  FROM pg_index i
                 WHERE i.indrelid = %s::regclass
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                    WHERE c.conindid = i.indexrelid)
                """,
                [self.table],
            )
            indexes = cr.fetchall()
            for name, _definition in indexes:
                cr.execute(f'DROP INDEX "{name}"')
        cr.execute(
            f"INSERT INTO {self.table} ({', '.join(target)}) "
            f"SELECT {select} FROM {self.staging} s "
            f"JOIN {self.table} t ON t.id = s.tmpl"
        )
        if cr.rowcount != self.count:
            raise RuntimeError(
                f"{self.table}: {cr.rowcount} rows inserted, {self.count} staged "
                "(a template row is missing)"
            )
        # the ORM's next records get ids above the bulk ones
        cr.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
            f"(SELECT MAX(id) FROM {self.table}))",
            [self.table],
        )
        inserted = time.perf_counter()
        for _name, definition in indexes:
            cr.execute(definition)
        bc.log(
            f"  {self.table}: {self.count:,} rows in {inserted - start:.1f} s"
            + (
                f", {len(indexes)} indexes rebuilt in "
                f"{time.perf_counter() - inserted:.1f} s"
                if indexes
                else ""
            )
        )
        return self.count

    def check_foreign_keys(self):
        """Count the staged rows whose columns point to no row (the bulk load
        may run without foreign-key triggers)."""
        cr = self.cr
        cr.execute(
            """
            SELECT c.conname, a.attname, c.confrelid::regclass::text, af.attname
              FROM pg_constraint c
              JOIN pg_attribute a ON a.attrelid = c.conrelid
                   AND a.attnum = c.conkey[1]
              JOIN pg_attribute af ON af.attrelid = c.confrelid
                   AND af.attnum = c.confkey[1]
             WHERE c.contype = 'f' AND c.conrelid = %s::regclass
               AND array_length(c.conkey, 1) = 1
            """,
            [self.table],
        )
        bad = 0
        for name, column, ref_table, ref_column in cr.fetchall():
            if column not in self.columns:
                continue  # copied from a template row, valid by construction
            cr.execute(
                f'SELECT COUNT(*) FROM {self.staging} s WHERE s."{column}" IS NOT NULL '
                f"AND NOT EXISTS (SELECT 1 FROM {ref_table} r "
                f'WHERE r."{ref_column}" = s."{column}")'
            )
            count = cr.fetchone()[0]
            if count:
                print(f"  check foreign key {name}: FAILED: {count}")
                bad += 1
        return bad


class IdBlock:
    """Ids handed out by the generator for one table, above every existing id."""

    def __init__(self, cr, table):
        cr.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        self.next = cr.fetchone()[0] + 1

    def take(self, n=1):
        first = self.next
        self.next += n
        return first


class Account:
    __slots__ = (
        "analytic_id",
        "contact_ids",
        "currency",
        "has_costs",
        "id",
        "index",
        "manager",
        "name",
        "parent_id",
        "payer",
        "price_factor",
        "probability",
        "profile",
        "target",
        "team",
    )


class Doc:
    """A journal entry the generator plans, with its line ids reserved."""

    __slots__ = (
        "account",
        "analytic_id",
        "currency",
        "date",
        "diff",
        "due",
        "exchange",
        "first_line_id",
        "full_id",
        "id",
        "kind",
        "lines",
        "matching",
        "name",
        "number",
        "origin",
        "partner_id",
        "pay_bal",
        "pay_cur",
        "payment_id",
        "prefix",
        "rate",
        "rec_id",
        "residual_bal",
        "residual_cur",
        "state",
        "tax_bal",
        "tax_cur",
        "tax_id",
        "total_bal",
        "total_cur",
    )

    def __init__(self, kind, **kw):
        self.kind = kind
        for slot in self.__slots__:
            if slot != "kind":
                setattr(self, slot, kw.get(slot))


class Generator:
    def __init__(self, env, scale, seed=42, commit=True, fast=True, jobs=True):
        """``commit``: commit after the bulk load and after each add-on job
        (False in tests); ``fast``: load without foreign-key triggers when the
        database user may (superuser), checking the keys afterwards."""
        self.env = env
        self.cr = env.cr
        self.commit = commit
        self.fast = fast
        self.jobs = jobs
        self.scale_name = scale
        self.scale = SCALES[scale]
        self.seed = seed
        self.rng = random.Random(seed)
        self.today = date.today()
        self.timings = []
        self.counts = {}
        self.tmpl = {}
        self.line_currency = {}
        self.extra_tables = []
        self.bulks = []

    # ------------------------------------------------------------------ driver
    def phase(self, label, method):
        start = time.perf_counter()
        bc.log(f"{label}...")
        method()
        elapsed = time.perf_counter() - start
        self.timings.append((label, elapsed))
        bc.log(f"{label}: {elapsed:.1f} s")

    def bulk(self, table, columns):
        bulk = Bulk(self.cr, table, columns)
        self.bulks.append(bulk)
        return bulk

    def run(self):
        self.phase("configuration (ORM)", self.setup_configuration)
        self.phase("sample documents (ORM)", self.make_samples)
        self.phase("templates", self.load_templates)
        self.cr.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        fast = self.fast and self.cr.fetchone()[0]
        if fast:
            # Bulk rows are checked against their foreign keys at the end
            # (check_foreign_keys) rather than row by row by triggers.
            self.cr.execute("SET session_replication_role = replica")
        self.phase("accounts and contacts (SQL)", self.bulk_partners)
        self.phase("plan the ledger", self.plan_ledger)
        self.phase("journal entries (SQL)", self.write_ledger)
        self.phase("add-on records", self.addon_records)
        if fast:
            self.cr.execute("SET session_replication_role = DEFAULT")
            # Triggers were off: the add-on's profitability summary did not see
            # the rows loaded; list every month (as an import tool must), the
            # summary job below folds them (the report reads the ledger until).
            report = self.env.get("account_mgmt.profitability.report")
            if report is not None and hasattr(report, "_rebuild_summary"):
                report.sudo()._rebuild_summary(refresh=False)
        self.phase("finalize", self.finalize)
        if self.jobs:
            self.phase("add-on jobs (tiers, allocations, health)", self.addon_jobs)

    # ------------------------------------------------------------ configuration
    def setup_configuration(self):
        env = self.env
        company = env.company
        if not company.chart_template:
            env["account.chart.template"].try_loading(
                "generic_coa", company, install_demo=False
            )
        self.company = company
        self.currency = company.currency_id
        eur = env.ref("base.EUR")
        if eur == self.currency:
            eur = env.ref("base.USD")
        eur.active = True
        self.foreign = eur
        months = self.scale["months"]
        # One rate a month (foreign units per company unit, 4 decimals), so that
        # documents of one month share a rate and the months differ.
        self.rates = {}
        rate_vals = []
        for k in range(months + 2):
            day = month_start(self.today, k)
            rate4 = 9000 + round(400 * math.sin(k / 2.0))
            self.rates[(day.year, day.month)] = rate4
            rate_vals.append(
                {
                    "name": day,
                    "rate": rate4 / 10000,
                    "currency_id": eur.id,
                    "company_id": company.id,
                }
            )
        env["res.currency.rate"].search(
            [("currency_id", "=", eur.id), ("company_id", "=", company.id)]
        ).unlink()
        env["res.currency.rate"].create(rate_vals)

        rng = self.rng
        categ = env["product.category"].create({"name": "Bench Products"})
        # One category per kind of product (whitespace compares categories).
        kind_categs = {
            kind: env["product.category"].create(
                {"name": f"Bench {kind}", "parent_id": categ.id}
            )
            for kind in PRODUCT_KINDS + SERVICE_KINDS
        }
        product_vals = []
        for i in range(self.scale["products"]):
            service = i % 4 == 3
            kinds = SERVICE_KINDS if service else PRODUCT_KINDS
            price = round(math.exp(rng.uniform(math.log(40), math.log(6000))), 0)
            product_vals.append(
                {
                    "name": f"{kinds[i % len(kinds)]} {WORDS_A[i % len(WORDS_A)]}",
                    "default_code": f"BP{i:04d}",
                    "type": "service" if service else "consu",
                    "categ_id": kind_categs[kinds[i % len(kinds)]].id,
                    "list_price": price,
                    "standard_price": round(price * rng.uniform(0.35, 0.8), 2),
                }
            )
        self.products = env["product.product"].create(product_vals)
        self.freight = env["product.product"].create(
            {
                "name": "Freight and field service",
                "default_code": "BFREIGHT",
                "type": "service",
                "categ_id": categ.id,
                "list_price": 0.0,
                "standard_price": 0.0,
                "purchase_ok": True,
            }
        )
        self.vendors = env["res.partner"].create(
            [
                {
                    "name": f"{WORDS_A[-1 - i]} Carriers {i}",
                    "is_company": True,
                    "supplier_rank": 1,
                }
                for i in range(self.scale["vendors"])
            ]
        )
        self._setup_people()
        self.plan = env.ref("analytic.analytic_plan_projects", raise_if_not_found=False)
        if not self.plan:
            self.plan = env["account.analytic.plan"].create({"name": "Clients"})
        self.term = env.ref("account.account_payment_term_30days")

    def _setup_people(self):
        env = self.env
        groups = {
            "manager": "account_mgmt_addon.group_account_manager",
            "director": "account_mgmt_addon.group_account_director",
            "finance": "account_mgmt_addon.group_account_finance",
        }

        def user(login, name, group):
            return (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    {
                        "login": login,
                        "name": name,
                        "password": login,
                        "email": f"{login}@bench.example.com",
                        "groups_id": [
                            (6, 0, [env.ref("base.group_user").id, env.ref(group).id])
                        ],
                    }
                )
            )

        self.teams = []
        self.managers = []  # [(user, team)]
        for t in range(self.scale["teams"]):
            team = env["crm.team"].create({"name": f"Bench Team {t + 1}"})
            self.teams.append(team)
            for i in range(self.scale["managers"]):
                login = f"bench_am_{t + 1}_{i + 1}"
                u = user(login, f"AM {t + 1}.{i + 1}", groups["manager"])
                env["crm.team.member"].create({"crm_team_id": team.id, "user_id": u.id})
                self.managers.append((u, team))
        self.director = user("bench_director", "Bench Director", groups["director"])
        self.finance = user("bench_finance", "Bench Finance", groups["finance"])

    # ------------------------------------------------------------ ORM samples
    def make_samples(self):
        """Real documents through the ORM; their rows are the bulk templates."""
        env = self.env
        Move = env["account.move"]
        manager, team = self.managers[0]
        first_day = month_start(self.today, self.scale["months"] - 1)
        day = first_day + timedelta(days=2)
        pay_day = month_start(self.today, self.scale["months"] - 2) + timedelta(days=9)
        partners = env["res.partner"].create(
            [
                {
                    "name": f"Sample Customer {cur.name}",
                    "is_company": True,
                    "account_manager_id": manager.id,
                    "user_id": manager.id,
                    "email": f"sample.{cur.name.lower()}@bench.example.com",
                }
                for cur in (self.currency, self.foreign)
            ]
        )
        self.sample_partners = partners
        self.sample_contact = env["res.partner"].create(
            {
                "name": "Sample Contact",
                "parent_id": partners[0].id,
                "email": "sample.contact@bench.example.com",
                "function": "Accountant",
            }
        )
        if "account_mgmt.team.member" in env:
            env["account_mgmt.team.member"].create(
                {
                    "partner_id": partners[0].id,
                    "user_id": self.managers[-1][0].id,
                    "role": "support",
                }
            )

        def invoice(partner, products, currency, move_type="out_invoice", when=day):
            return Move.create(
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "invoice_date": when,
                    "date": when,
                    "currency_id": currency.id,
                    "invoice_payment_term_id": self.term.id,
                    "invoice_user_id": manager.id,
                    "team_id": team.id,
                    "invoice_line_ids": [
                        (0, 0, {"product_id": p.id, "quantity": 2, "price_unit": 100})
                        for p in products
                    ],
                }
            )

        products = self.products
        # one product line template per product, invoice and credit note
        invoices = Move
        for i in range(0, len(products), 3):
            invoices |= invoice(partners[0], products[i : i + 3], self.currency)
        invoices.action_post()
        invoices._reverse_moves(
            [{"date": day, "invoice_date": day} for _inv in invoices], cancel=True
        )
        # payments: company currency, foreign currency with an exchange difference
        paid = invoice(partners[0], products[:1], self.currency)
        paid_eur = invoice(partners[1], products[:1], self.foreign)
        (paid | paid_eur).action_post()
        for move in paid | paid_eur:
            env["account.payment.register"].with_context(
                active_model="account.move", active_ids=move.ids
            ).create({"payment_date": pay_day})._create_payments()
        # a vendor bill on a client analytic account
        analytic = env["account.analytic.account"].create(
            {
                "name": partners[0].name,
                "plan_id": self.plan.id,
                "partner_id": partners[0].id,
                "company_id": self.company.id,
                "code": "SAMPLE",
            }
        )
        bill = Move.create(
            {
                "move_type": "in_invoice",
                "partner_id": self.vendors[0].id,
                "invoice_date": day,
                "date": day,
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.freight.id,
                            "name": f"Freight and field service for {partners[0].name}",
                            "quantity": 1,
                            "price_unit": 250.0,
                            "tax_ids": [(5,)],
                            "analytic_distribution": {str(analytic.id): 100},
                        },
                    )
                ],
            }
        )
        bill.action_post()
        self.samples = {
            "invoices": invoices,
            "paid": paid,
            "paid_eur": paid_eur,
            "bill": bill,
            "analytic": analytic,
        }
        env.flush_all()

    # --------------------------------------------------------------- templates
    def _row(self, table, row_id):
        self.cr.execute(f"SELECT * FROM {table} WHERE id = %s", [row_id])
        cols = [d[0] for d in self.cr.description]
        return dict(zip(cols, self.cr.fetchone(), strict=True))

    def _line(self, move, **where):
        lines = move.line_ids.filtered(
            lambda ln: all(ln[k] == v for k, v in where.items())
        )
        return self._row("account_move_line", lines.sorted("id")[0].id)

    def load_templates(self):
        s = self.samples
        t = self.tmpl
        inv = s["invoices"][0]
        ref = inv.reversal_move_ids[0]
        t["inv"] = self._row("account_move", inv.id)
        t["ref"] = self._row("account_move", ref.id)
        t["inv_tax"] = self._line(inv, display_type="tax")
        t["inv_rec"] = self._line(inv, display_type="payment_term")
        t["ref_tax"] = self._line(ref, display_type="tax")
        t["ref_rec"] = self._line(ref, display_type="payment_term")
        t["inv_product"] = {}
        t["ref_product"] = {}
        for move in s["invoices"]:
            for line in move.invoice_line_ids:
                t["inv_product"][line.product_id.id] = self._row(
                    "account_move_line", line.id
                )
            for line in move.reversal_move_ids.invoice_line_ids:
                t["ref_product"][line.product_id.id] = self._row(
                    "account_move_line", line.id
                )
        payment = s["paid"].matched_payment_ids[:1]
        if not payment:
            payment = self.env["account.payment"].search(
                [("memo", "=", s["paid"].name)], limit=1
            )
        t["payment"] = self._row("account_payment", payment.id)
        t["pay_move"] = self._row("account_move", payment.move_id.id)
        t["pay_liquidity"] = self._line(
            payment.move_id, account_id=payment.outstanding_account_id
        )
        t["pay_counterpart"] = self._line(
            payment.move_id, account_id=payment.destination_account_id
        )
        t["partial"] = self._row(
            "account_partial_reconcile",
            payment.move_id.line_ids.matched_debit_ids[:1].id,
        )
        rec_line = s["paid"].line_ids.filtered(
            lambda ln: ln.display_type == "payment_term"
        )
        t["full"] = self._row("account_full_reconcile", rec_line.full_reconcile_id.id)
        eur_line = s["paid_eur"].line_ids.filtered(
            lambda ln: ln.display_type == "payment_term"
        )
        exchange = eur_line.full_reconcile_id.reconciled_line_ids.move_id.filtered(
            lambda m: m.journal_id == self.company.currency_exchange_journal_id
        )
        if not exchange:
            raise RuntimeError("the foreign-currency sample made no exchange move")
        t["exch"] = self._row("account_move", exchange.id)
        t["exch_rec"] = self._line(exchange, account_id=eur_line.account_id)
        t["exch_pl"] = self._row(
            "account_move_line",
            (
                exchange.line_ids
                - exchange.line_ids.filtered(
                    lambda ln: ln.account_id == eur_line.account_id
                )
            ).id,
        )
        bill = s["bill"]
        t["bill"] = self._row("account_move", bill.id)
        t["bill_product"] = self._line(bill, display_type="product")
        t["bill_payable"] = self._line(bill, display_type="payment_term")
        t["analytic_line"] = self._row(
            "account_analytic_line", bill.line_ids.analytic_line_ids[:1].id
        )
        t["analytic_account"] = self._row("account_analytic_account", s["analytic"].id)
        t["partner_company"] = self._row("res_partner", self.sample_partners[0].id)
        t["partner_contact"] = self._row("res_partner", self.sample_contact.id)
        if "account_mgmt.team.member" in self.env:
            member = self.env["account_mgmt.team.member"].search(
                [("partner_id", "=", self.sample_partners[0].id)], limit=1
            )
            t["team_member"] = member and self._row(
                "account_mgmt_team_member", member.id
            )
        tax = self.env["account.tax"].browse(t["inv_tax"]["tax_line_id"])
        if tax.amount_type != "percent" or tax.price_include or tax.amount % 1:
            raise RuntimeError(f"unexpected default sale tax {tax.name}")
        self.tax_percent = int(tax.amount)
        self.gain_account = self.company.income_currency_exchange_account_id.id
        self.loss_account = self.company.expense_currency_exchange_account_id.id
        # Sequence formats of the journals, learnt from the sample names.
        move = self.env["account.move"]
        self.formats = {}
        for key in ("inv", "ref", "pay_move", "exch", "bill"):
            fmt, values = move._get_sequence_format_param(t[key]["name"])
            self.formats[key] = (fmt, values, t[key]["journal_id"])
        cr = self.cr
        cr.execute(
            "SELECT journal_id, sequence_prefix, MAX(sequence_number) "
            "FROM account_move GROUP BY 1, 2"
        )
        self.sequence_max = {(j, p): n for j, p, n in cr.fetchall()}
        self.sample_paid_name = s["paid"].name
        self.vendor_names = {v.id: v.name for v in self.vendors}
        self.aml_columns = self._columns("account_move_line")
        self.unit_cost_column = "account_mgmt_unit_cost" in self.aml_columns

    def _columns(self, table):
        self.cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s",
            [table],
        )
        return {r[0] for r in self.cr.fetchall()}

    # ---------------------------------------------------------------- partners
    def bulk_partners(self):
        cr = self.cr
        rng = self.rng
        n = self.scale["accounts"]
        ids = IdBlock(cr, "res_partner")
        self.countries = (
            self.env["res.country"]
            .search([("code", "in", ["US", "CA", "GB", "DE", "FR", "NL", "IT", "ES"])])
            .ids
        )
        cr.execute("SELECT id FROM res_partner_industry ORDER BY id")
        industries = [r[0] for r in cr.fetchall()] or [None]
        accounts = []
        for i in range(n):
            a = Account()
            a.id = ids.take()
            a.index = i
            a.name = (
                f"{WORDS_A[i % len(WORDS_A)]} "
                f"{WORDS_B[(i // len(WORDS_A)) % len(WORDS_B)]} {i + 1:05d}"
            )
            roll = rng.random()
            for profile in PROFILES:
                roll -= profile[1]
                if roll < 0:
                    break
            a.profile, _share, a.probability, a.target = profile
            roll = rng.random()
            for payer in PAYERS:
                roll -= payer[1]
                if roll < 0:
                    break
            a.payer = payer
            a.manager, a.team = self.managers[i % len(self.managers)]
            a.currency = "eur" if rng.random() < EUR_SHARE else "cur"
            a.price_factor = rng.uniform(0.85, 1.08)
            a.parent_id = None
            a.has_costs = rng.random() < COST_SHARE
            a.analytic_id = None
            a.contact_ids = []
            accounts.append(a)
        # parent groups: the first accounts of each block own the next 1 to 3
        i = 0
        step = max(int(1 / GROUP_SHARE), 2)
        while i < n:
            group = accounts[i]
            for sub in accounts[i + 1 : i + 1 + rng.randint(1, 3)]:
                sub.parent_id = group.id
                sub.manager, sub.team = group.manager, group.team
            i += step
        self.accounts = accounts

        tc = self.tmpl["partner_company"]["id"]
        tp = self.tmpl["partner_contact"]["id"]
        cols = [
            "id",
            "name",
            "complete_name",
            "commercial_partner_id",
            "commercial_company_name",
            "parent_id",
            "is_company",
            "type",
            "email",
            "email_normalized",
            "function",
            "ref",
            "city",
            "country_id",
            "industry_id",
            "user_id",
            "account_manager_id",
            "customer_rank",
            "create_date",
            "write_date",
        ]
        bulk = self.bulk("res_partner", cols)
        stamp = datetime.combine(
            month_start(self.today, self.scale["months"]), datetime.min.time()
        )
        for a in accounts:
            domain = f"{a.name.split()[0].lower()}{a.index + 1}.example.com"
            bulk.add(
                tc,
                (
                    a.id,
                    a.name,
                    a.name,
                    a.id,
                    a.name,
                    a.parent_id,
                    True,
                    "contact",
                    f"info@{domain}",
                    f"info@{domain}",
                    None,
                    f"A{a.index + 1:06d}",
                    f"City {a.index % 97}",
                    rng.choice(self.countries),
                    rng.choice(industries),
                    a.manager.id,
                    a.manager.id,
                    1,
                    stamp,
                    stamp,
                ),
            )
            for k in range(CONTACTS_PER_ACCOUNT):
                cid = ids.take()
                a.contact_ids.append(cid)
                first, last = rng.choice(FIRST), rng.choice(LAST)
                email = f"{first.lower()}.{last.lower()}{k}@{domain}"
                name = f"{first} {last}"
                bulk.add(
                    tp,
                    (
                        cid,
                        name,
                        f"{a.name}, {name}",
                        a.id,
                        a.name,
                        a.id,
                        False,
                        "contact",
                        email,
                        email,
                        FUNCTIONS[k % len(FUNCTIONS)],
                        None,
                        f"City {a.index % 97}",
                        None,
                        None,
                        a.manager.id,
                        a.manager.id,
                        0,
                        stamp,
                        stamp,
                    ),
                )
        self.counts["res_partner"] = bulk.insert()
        self._bulk_team_members(stamp)
        self._bulk_analytic_accounts(stamp)

    def _bulk_team_members(self, stamp):
        tmpl = self.tmpl.get("team_member")
        if not tmpl:
            return
        cr = self.cr
        ids = IdBlock(cr, "account_mgmt_team_member")
        cols = ["id", "partner_id", "user_id", "role", "sequence", "create_date"]
        bulk = self.bulk("account_mgmt_team_member", cols)
        by_team = {}
        for user, team in self.managers:
            by_team.setdefault(team.id, []).append(user)
        for a in self.accounts:
            if self.rng.random() >= TEAM_MEMBER_SHARE:
                continue
            others = [u for u in by_team[a.team.id] if u != a.manager]
            if not others:
                continue
            bulk.add(
                tmpl["id"],
                (ids.take(), a.id, self.rng.choice(others).id, "support", 10, stamp),
            )
        self.counts["account_mgmt_team_member"] = bulk.insert()

    def _bulk_analytic_accounts(self, stamp):
        cr = self.cr
        ids = IdBlock(cr, "account_analytic_account")
        bulk = self.bulk(
            "account_analytic_account",
            ["id", "name", "code", "partner_id", "create_date", "write_date"],
        )
        for a in self.accounts:
            if a.has_costs:
                a.analytic_id = ids.take()
                bulk.add(
                    self.tmpl["analytic_account"]["id"],
                    (
                        a.analytic_id,
                        {"en_US": a.name},
                        f"A{a.index + 1:06d}",
                        a.id,
                        stamp,
                        stamp,
                    ),
                )
        self.counts["account_analytic_account"] = bulk.insert()

    # ------------------------------------------------------------------ ledger
    def plan_ledger(self):
        """Decide every document, its amounts and its reconciliation, in Python."""
        cr = self.cr
        self.move_ids = IdBlock(cr, "account_move")
        self.line_ids = IdBlock(cr, "account_move_line")
        self.payment_ids = IdBlock(cr, "account_payment")
        self.partial_ids = IdBlock(cr, "account_partial_reconcile")
        self.full_ids = IdBlock(cr, "account_full_reconcile")
        self.docs = []
        self.partials = []
        self.residual = {}  # receivable line id -> [company cents, foreign cents]
        self.groups = []  # reconciliation groups: [receivable line ids]
        self.product_list = [
            (p.id, p.list_price, p.standard_price) for p in self.products
        ]
        months = self.scale["months"]
        for a in self.accounts:
            rng = random.Random(self.seed * 1000003 + a.index)
            for k in range(months - 1, -1, -1):
                if rng.random() < a.probability:
                    day = month_start(self.today, k) + timedelta(
                        days=rng.randint(0, 27)
                    )
                    if day <= self.today:
                        self._plan_invoice(a, day, rng)
                if a.has_costs and rng.random() < BILL_PROBABILITY:
                    day = month_start(self.today, k) + timedelta(
                        days=rng.randint(0, 27)
                    )
                    if day <= self.today:
                        self._plan_bill(a, day, rng)
        self._close_groups()
        self._assign_names()

    def _rate(self, day, currency):
        return self.rates[(day.year, day.month)] if currency == "eur" else 10000

    def _new_doc(self, kind, day, account, currency, nlines, **kw):
        doc = Doc(kind, date=day, account=account, currency=currency, **kw)
        doc.id = self.move_ids.take()
        doc.rate = self._rate(day, currency)
        doc.first_line_id = self.line_ids.take(nlines)
        self.docs.append(doc)
        return doc

    def _plan_invoice(self, a, day, rng):
        nlines = rng.choice((1, 1, 2, 2, 3))
        rate = self._rate(day, a.currency)
        per_line = a.target * rng.uniform(0.6, 1.4) / nlines
        lines = []
        for pid, list_price, cost in rng.sample(self.product_list, nlines):
            price = cents(list_price * a.price_factor * rate / 10000)
            qty = max(1, round(per_line * 100 / price))
            lines.append((pid, qty, price, cost))
        inv = self._invoice_doc("out_invoice", a, day, lines, 1)
        group = [inv.rec_id]
        remaining_bal, remaining_cur = inv.total_bal, inv.total_cur
        if rng.random() < REFUND_SHARE and lines[0][1] >= 2:
            ref_day = min(
                day + timedelta(days=rng.randint(2, 8)), month_end(day), self.today
            )
            pid, _qty, price, cost = lines[0]
            ref = self._invoice_doc(
                "out_refund", a, ref_day, [(pid, 1, price, cost)], -1
            )
            ref.origin = inv
            self._partial(
                inv.rec_id,
                ref.rec_id,
                -ref.total_bal,
                -ref.total_cur,
                -ref.total_cur,
                ref_day,
            )
            group.append(ref.rec_id)
            remaining_bal += ref.total_bal
            remaining_cur += ref.total_cur
        _name, _share, (low, high), never = a.payer
        if rng.random() < never:
            self.groups.append(group)
            return
        pay_day = day + timedelta(days=rng.randint(low, high))
        if pay_day > self.today:
            self.groups.append(group)
            return
        pay_cur = remaining_cur
        if a.currency == "cur" and rng.random() < PARTIAL_SHARE:
            pay_cur = remaining_cur // 2
        pay = self._new_doc("pay", pay_day, a, a.currency, 2, origin=inv)
        pay.payment_id = self.payment_ids.take()
        pay.pay_cur = pay_cur
        pay.pay_bal = convert(pay_cur, pay.rate)
        pay.rec_id = pay.first_line_id + 1
        self.residual[pay.rec_id] = [-pay.pay_bal, -pay_cur]
        partial = self._partial(
            inv.rec_id,
            pay.rec_id,
            min(remaining_bal, pay.pay_bal),
            pay_cur,
            pay_cur,
            pay_day,
        )
        group.append(pay.rec_id)
        diff = remaining_bal - pay.pay_bal if pay_cur == remaining_cur else 0
        if diff:
            exch_day = min(month_end(pay_day), self.today)
            exch = self._new_doc("exch", exch_day, a, a.currency, 2, diff=diff)
            exch.rate = 10000
            exch.rec_id = exch.first_line_id
            self.residual[exch.rec_id] = [-diff, 0]
            partial[4] = exch.id
            if diff > 0:
                self._partial(inv.rec_id, exch.rec_id, diff, 0, 0, exch_day)
            else:
                self._partial(exch.rec_id, pay.rec_id, -diff, 0, 0, exch_day)
            group.append(exch.rec_id)
        self.groups.append(group)

    def _invoice_doc(self, move_type, a, day, lines, sign):
        """sign: +1 for an invoice (receivable debit), -1 for a credit note."""
        kind = "inv" if move_type == "out_invoice" else "ref"
        doc = self._new_doc(kind, day, a, a.currency, len(lines) + 2)
        rate = doc.rate
        doc.lines = []
        tax_cur = 0
        base_bal = 0
        untaxed = 0
        for pid, qty, price, cost in lines:
            sub = qty * price
            tax = pct(sub, self.tax_percent)
            bal = -sign * convert(sub, rate)
            doc.lines.append((pid, qty, price, sub, tax, bal, cost))
            tax_cur += tax
            base_bal += bal
            untaxed += sub
        doc.tax_cur = tax_cur
        doc.tax_bal = -sign * convert(tax_cur, rate)
        doc.total_cur = sign * (untaxed + tax_cur)
        doc.total_bal = -(base_bal + doc.tax_bal)
        doc.tax_id = doc.first_line_id + len(lines)
        doc.rec_id = doc.tax_id + 1
        doc.due = day + timedelta(days=30)
        self.residual[doc.rec_id] = [doc.total_bal, doc.total_cur]
        return doc

    def _plan_bill(self, a, day, rng):
        vendor = self.vendors[a.index % len(self.vendors)]
        amount = cents(rng.uniform(80, 0.04 * a.target + 200))
        bill = self._new_doc("bill", day, a, "cur", 2, partner_id=vendor.id)
        bill.analytic_id = a.analytic_id
        bill.total_cur = amount
        bill.rec_id = bill.first_line_id + 1
        bill.due = day
        self.residual[bill.rec_id] = [-amount, -amount]

    def _partial(self, debit_id, credit_id, amount, debit_cur, credit_cur, day):
        partial = [
            self.partial_ids.take(),
            debit_id,
            credit_id,
            None,
            None,
            day,
            amount,
            debit_cur,
            credit_cur,
        ]
        self.partials.append(partial)
        self.residual[debit_id][0] -= amount
        self.residual[debit_id][1] -= debit_cur
        self.residual[credit_id][0] += amount
        self.residual[credit_id][1] += credit_cur
        return partial

    def _close_groups(self):
        """Full reconciliations and matching numbers of each reconciliation group."""
        self.matching = {}  # line id -> (full id, matching number)
        partials_of = {}
        for partial in self.partials:
            partials_of.setdefault(partial[1], []).append(partial)
        self.full_dates = []
        for group in self.groups:
            group_partials = [p for line in group for p in partials_of.get(line, [])]
            if not group_partials:
                continue
            if all(self.residual[line] == [0, 0] for line in group):
                full_id = self.full_ids.take()
                self.full_dates.append((full_id, max(p[5] for p in group_partials)))
                for p in group_partials:
                    p[3] = full_id
                for line in group:
                    self.matching[line] = (full_id, str(full_id))
            else:
                number = f"P{min(p[0] for p in group_partials)}"
                for line in group:
                    self.matching[line] = (None, number)

    def _assign_names(self):
        by_kind = {}
        for doc in self.docs:
            by_kind.setdefault(doc.kind, []).append(doc)
        kind_format = {
            "inv": "inv",
            "ref": "ref",
            "pay": "pay_move",
            "exch": "exch",
            "bill": "bill",
        }
        for kind, docs in by_kind.items():
            fmt, values, journal = self.formats[kind_format[kind]]
            counters = {}
            docs.sort(key=lambda d: (d.date, d.id))
            for doc in docs:
                vals = dict(values, year=doc.date.year, month=doc.date.month, seq=0)
                if values.get("year_length") == 2:
                    vals["year"] = doc.date.year % 100
                empty = fmt.format(**vals)
                prefix = empty[
                    : len(empty)
                    - values["seq_length"]
                    - len(values.get("suffix") or "")
                ]
                if prefix not in counters:
                    counters[prefix] = self.sequence_max.get((journal, prefix), 0)
                counters[prefix] += 1
                vals["seq"] = counters[prefix]
                doc.name = fmt.format(**vals)
                doc.prefix = prefix
                doc.number = counters[prefix]

    # ------------------------------------------------------------ bulk writes
    MOVE_COLS = (
        "id",
        "name",
        "sequence_prefix",
        "sequence_number",
        "date",
        "invoice_date",
        "invoice_date_due",
        "partner_id",
        "commercial_partner_id",
        "partner_shipping_id",
        "currency_id",
        "invoice_user_id",
        "team_id",
        "ref",
        "payment_reference",
        "invoice_partner_display_name",
        "invoice_currency_rate",
        "amount_untaxed",
        "amount_tax",
        "amount_total",
        "amount_residual",
        "amount_untaxed_signed",
        "amount_untaxed_in_currency_signed",
        "amount_tax_signed",
        "amount_total_signed",
        "amount_total_in_currency_signed",
        "amount_residual_signed",
        "payment_state",
        "reversed_entry_id",
        "create_date",
        "write_date",
    )
    LINE_COLS = (
        "id",
        "move_id",
        "move_name",
        "ref",
        "date",
        "invoice_date",
        "date_maturity",
        "account_id",
        "partner_id",
        "currency_id",
        "name",
        "quantity",
        "price_unit",
        "price_subtotal",
        "price_total",
        "balance",
        "debit",
        "credit",
        "amount_currency",
        "tax_base_amount",
        "amount_residual",
        "amount_residual_currency",
        "reconciled",
        "full_reconcile_id",
        "matching_number",
        "payment_id",
        "analytic_distribution",
        "create_date",
        "write_date",
    )

    def write_ledger(self):
        cr = self.cr
        self.currency_ids = {"cur": self.currency.id, "eur": self.foreign.id}
        full = self.bulk("account_full_reconcile", ["id", "create_date", "write_date"])
        for full_id, day in self.full_dates:
            stamp = self._stamp(day)
            full.add(self.tmpl["full"]["id"], (full_id, stamp, stamp))
        self.counts["account_full_reconcile"] = full.insert()

        moves = self.bulk("account_move", self.MOVE_COLS)
        for doc in self.docs:
            tmpl, values = self._move_values(doc)
            moves.add(tmpl["id"], tuple(values.get(c, tmpl[c]) for c in self.MOVE_COLS))
        self.counts["account_move"] = moves.insert()

        pay_cols = (
            "id",
            "move_id",
            "name",
            "date",
            "amount",
            "amount_company_currency_signed",
            "currency_id",
            "partner_id",
            "memo",
            "is_reconciled",
            "create_date",
            "write_date",
        )
        payments = self.bulk("account_payment", pay_cols)
        rel = io.StringIO()
        for doc in self.docs:
            if doc.kind != "pay":
                continue
            stamp = self._stamp(doc.date)
            payments.add(
                self.tmpl["payment"]["id"],
                (
                    doc.payment_id,
                    doc.id,
                    doc.name,
                    doc.date,
                    Money(doc.pay_cur),
                    Money(doc.pay_bal),
                    self.currency_ids[doc.currency],
                    doc.account.id,
                    doc.origin.name,
                    True,
                    stamp,
                    stamp,
                ),
            )
            rel.write(f"{doc.origin.id}\t{doc.payment_id}\n")
        self.counts["account_payment"] = payments.insert()
        cr.execute(
            "UPDATE account_move m SET origin_payment_id = s.id "
            "FROM stg_account_payment s WHERE m.id = s.move_id"
        )
        rel.seek(0)
        cr._obj.copy_expert(
            "COPY account_move__account_payment (invoice_id, payment_id) FROM STDIN",
            rel,
        )

        cols = list(self.LINE_COLS)
        if self.unit_cost_column:
            cols.append("account_mgmt_unit_cost")
        lines = self.bulk("account_move_line", cols)
        analytic = self.bulk(
            "account_analytic_line",
            [
                "id",
                "account_id",
                "partner_id",
                "amount",
                "unit_amount",
                "date",
                "name",
                "move_line_id",
                "create_date",
                "write_date",
            ],
        )
        self.analytic_ids = IdBlock(cr, "account_analytic_line")
        for doc in self.docs:
            for tmpl, values in self._line_values(doc, analytic):
                lines.add(tmpl["id"], tuple(values.get(c, tmpl[c]) for c in cols))
        self.counts["account_move_line"] = lines.insert()
        for rel_table, col in (
            ("account_move_line_account_tax_rel", "account_tax_id"),
            ("account_account_tag_account_move_line_rel", "account_account_tag_id"),
        ):
            cr.execute(
                f"INSERT INTO {rel_table} (account_move_line_id, {col}) "
                f"SELECT s.id, r.{col} FROM stg_account_move_line s "
                f"JOIN {rel_table} r ON r.account_move_line_id = s.tmpl"
            )
        partial_cols = (
            "id",
            "debit_move_id",
            "credit_move_id",
            "full_reconcile_id",
            "exchange_move_id",
            "max_date",
            "amount",
            "debit_amount_currency",
            "credit_amount_currency",
            "debit_currency_id",
            "credit_currency_id",
            "create_date",
            "write_date",
        )
        partials = self.bulk("account_partial_reconcile", partial_cols)
        line_currency = self.line_currency
        for p in self.partials:
            stamp = self._stamp(p[5])
            partials.add(
                self.tmpl["partial"]["id"],
                (
                    *p[:6],
                    Money(p[6]),
                    Money(p[7]),
                    Money(p[8]),
                    line_currency[p[1]],
                    line_currency[p[2]],
                    stamp,
                    stamp,
                ),
            )
        self.counts["account_partial_reconcile"] = partials.insert()
        self.counts["account_analytic_line"] = analytic.insert()

    @staticmethod
    def _stamp(day):
        return datetime(day.year, day.month, day.day, 9, 0, 0)

    def _signed(self, tmpl, field, value):
        """``value`` (>= 0) with the sign Odoo gives ``field`` on this kind of move."""
        return -value if tmpl[field] < 0 else value

    def _move_values(self, doc):
        t = self.tmpl
        stamp = self._stamp(doc.date)
        a = doc.account
        currency_id = self.currency_ids[doc.currency]
        values = {
            "id": doc.id,
            "name": doc.name,
            "sequence_prefix": doc.prefix,
            "sequence_number": doc.number,
            "date": doc.date,
            "create_date": stamp,
            "write_date": stamp,
        }
        if doc.kind in ("inv", "ref", "bill"):
            tmpl = t[doc.kind]
            if doc.kind == "bill":
                untaxed = untaxed_bal = total_bal = doc.total_cur
                tax = 0
                tax_bal = 0
                total = doc.total_cur
                partner_id = doc.partner_id
                display = self.vendor_names[partner_id]
                user_id, team_id = tmpl["invoice_user_id"], tmpl["team_id"]
            else:
                untaxed = sum(line[3] for line in doc.lines)
                tax = doc.tax_cur
                untaxed_bal = abs(sum(line[5] for line in doc.lines))
                tax_bal = abs(doc.tax_bal)
                total = abs(doc.total_cur)
                total_bal = abs(doc.total_bal)
                partner_id = a.id
                display = a.name
                user_id, team_id = a.manager.id, a.team.id
            res_bal, res_cur = self.residual[doc.rec_id]
            values.update(
                invoice_date=doc.date,
                invoice_date_due=doc.due,
                partner_id=partner_id,
                commercial_partner_id=partner_id,
                partner_shipping_id=partner_id if tmpl["partner_shipping_id"] else None,
                currency_id=currency_id,
                invoice_user_id=user_id,
                team_id=team_id,
                payment_reference=doc.name if tmpl["payment_reference"] else None,
                invoice_partner_display_name=display,
                invoice_currency_rate=doc.rate / 10000,
                amount_untaxed=Money(untaxed),
                amount_tax=Money(tax),
                amount_total=Money(total),
                amount_residual=Money(abs(res_cur)),
                amount_untaxed_signed=Money(
                    self._signed(tmpl, "amount_untaxed_signed", untaxed_bal)
                ),
                amount_untaxed_in_currency_signed=Money(
                    self._signed(tmpl, "amount_untaxed_in_currency_signed", untaxed)
                ),
                amount_tax_signed=Money(
                    self._signed(tmpl, "amount_tax_signed", tax_bal)
                ),
                amount_total_signed=Money(
                    self._signed(tmpl, "amount_total_signed", total_bal)
                ),
                amount_total_in_currency_signed=Money(
                    self._signed(tmpl, "amount_total_in_currency_signed", total)
                ),
                amount_residual_signed=Money(
                    self._signed(tmpl, "amount_total_signed", abs(res_bal))
                ),
                payment_state=self._payment_state(doc, res_bal, res_cur),
                reversed_entry_id=doc.origin.id if doc.kind == "ref" else None,
                ref=(
                    tmpl["ref"].replace(self.tmpl["inv"]["name"], doc.origin.name)
                    if doc.kind == "ref" and tmpl["ref"]
                    else None
                ),
            )
            return tmpl, values
        if doc.kind == "pay":
            tmpl = t["pay_move"]
            values.update(
                partner_id=a.id,
                commercial_partner_id=a.id,
                currency_id=currency_id,
                ref=doc.origin.name,
                invoice_date_due=doc.date,
                invoice_partner_display_name=a.name,
                amount_total=Money(doc.pay_cur),
                amount_total_signed=Money(doc.pay_bal),
                amount_total_in_currency_signed=Money(doc.pay_cur),
            )
            return tmpl, values
        tmpl = t["exch"]
        values.update(
            invoice_date_due=doc.date, amount_total_signed=Money(abs(doc.diff))
        )
        return tmpl, values

    def _payment_state(self, doc, res_bal, res_cur):
        matched = doc.rec_id in self.matching
        if res_bal == 0 and res_cur == 0 and matched:
            return "paid"
        if matched:
            return "partial"
        return "not_paid"

    def _rec_values(self, line_id, values):
        res_bal, res_cur = self.residual[line_id]
        full_id, number = self.matching.get(line_id, (None, None))
        values.update(
            amount_residual=Money(res_bal),
            amount_residual_currency=Money(res_cur),
            reconciled=res_bal == 0 and res_cur == 0,
            full_reconcile_id=full_id,
            matching_number=number,
        )
        return values

    def _line_values(self, doc, analytic):
        """Yield (template row, values) for each line of ``doc``."""
        t = self.tmpl
        a = doc.account
        currency_id = self.currency_ids[doc.currency]
        stamp = self._stamp(doc.date)
        common = {
            "move_id": doc.id,
            "move_name": doc.name,
            "date": doc.date,
            "currency_id": currency_id,
            "partner_id": a.id,
            "create_date": stamp,
            "write_date": stamp,
        }
        line_currency = self.line_currency
        if doc.kind in ("inv", "ref"):
            products = t["inv_product" if doc.kind == "inv" else "ref_product"]
            common["invoice_date"] = doc.date
            line_id = doc.first_line_id
            base = 0
            for pid, qty, price, sub, tax, bal, cost in doc.lines:
                values = dict(
                    common,
                    id=line_id,
                    quantity=qty,
                    price_unit=Money(price),
                    price_subtotal=Money(sub),
                    price_total=Money(sub + tax),
                    balance=Money(bal),
                    debit=Money(max(bal, 0)),
                    credit=Money(max(-bal, 0)),
                    amount_currency=Money(-sub if bal < 0 else sub),
                    account_mgmt_unit_cost=cost,
                )
                base += bal
                line_id += 1
                yield products[pid], values
            tax_tmpl = t[f"{doc.kind}_tax"]
            yield (
                tax_tmpl,
                dict(
                    common,
                    id=doc.tax_id,
                    balance=Money(doc.tax_bal),
                    debit=Money(max(doc.tax_bal, 0)),
                    credit=Money(max(-doc.tax_bal, 0)),
                    amount_currency=Money(
                        -doc.tax_cur if doc.tax_bal < 0 else doc.tax_cur
                    ),
                    tax_base_amount=Money(
                        self._signed(tax_tmpl, "tax_base_amount", abs(base))
                    ),
                ),
            )
            rec_tmpl = t[f"{doc.kind}_rec"]
            line_currency[doc.rec_id] = currency_id
            yield (
                rec_tmpl,
                self._rec_values(
                    doc.rec_id,
                    dict(
                        common,
                        id=doc.rec_id,
                        name=doc.name if rec_tmpl["name"] else rec_tmpl["name"],
                        date_maturity=doc.due,
                        balance=Money(doc.total_bal),
                        debit=Money(max(doc.total_bal, 0)),
                        credit=Money(max(-doc.total_bal, 0)),
                        amount_currency=Money(doc.total_cur),
                    ),
                ),
            )
        elif doc.kind == "pay":
            inv_name = doc.origin.name
            sample_name = self.sample_paid_name
            common.update(
                ref=inv_name, date_maturity=doc.date, payment_id=doc.payment_id
            )
            liq = t["pay_liquidity"]
            yield (
                liq,
                dict(
                    common,
                    id=doc.first_line_id,
                    name=(liq["name"] or "").replace(sample_name, inv_name),
                    price_subtotal=Money(doc.pay_cur),
                    price_total=Money(doc.pay_cur),
                    balance=Money(doc.pay_bal),
                    debit=Money(doc.pay_bal),
                    credit=Money(0),
                    amount_currency=Money(doc.pay_cur),
                    amount_residual=Money(doc.pay_bal),
                    amount_residual_currency=Money(doc.pay_cur),
                ),
            )
            counterpart = t["pay_counterpart"]
            line_currency[doc.rec_id] = currency_id
            yield (
                counterpart,
                self._rec_values(
                    doc.rec_id,
                    dict(
                        common,
                        id=doc.rec_id,
                        name=(counterpart["name"] or "").replace(sample_name, inv_name),
                        price_subtotal=Money(-doc.pay_cur),
                        price_total=Money(-doc.pay_cur),
                        balance=Money(-doc.pay_bal),
                        debit=Money(0),
                        credit=Money(doc.pay_bal),
                        amount_currency=Money(-doc.pay_cur),
                    ),
                ),
            )
        elif doc.kind == "exch":
            bal = -doc.diff
            line_currency[doc.rec_id] = currency_id
            yield (
                t["exch_rec"],
                self._rec_values(
                    doc.rec_id,
                    dict(
                        common,
                        id=doc.rec_id,
                        balance=Money(bal),
                        debit=Money(max(bal, 0)),
                        credit=Money(max(-bal, 0)),
                        amount_currency=Money(0),
                    ),
                ),
            )
            yield (
                t["exch_pl"],
                dict(
                    common,
                    id=doc.rec_id + 1,
                    account_id=self.loss_account if doc.diff > 0 else self.gain_account,
                    balance=Money(doc.diff),
                    debit=Money(max(doc.diff, 0)),
                    credit=Money(max(-doc.diff, 0)),
                    amount_currency=Money(0),
                ),
            )
        else:  # vendor bill
            amount = doc.total_cur
            name = f"Freight and field service for {a.name}"
            common.update(partner_id=doc.partner_id, invoice_date=doc.date)
            yield (
                t["bill_product"],
                dict(
                    common,
                    id=doc.first_line_id,
                    name=name,
                    quantity=1,
                    price_unit=Money(amount),
                    price_subtotal=Money(amount),
                    price_total=Money(amount),
                    balance=Money(amount),
                    debit=Money(amount),
                    credit=Money(0),
                    amount_currency=Money(amount),
                    analytic_distribution={str(doc.analytic_id): 100},
                ),
            )
            stamp = self._stamp(doc.date)
            analytic.add(
                t["analytic_line"]["id"],
                (
                    self.analytic_ids.take(),
                    doc.analytic_id,
                    doc.partner_id,
                    Money(-amount),
                    1,
                    doc.date,
                    name,
                    doc.first_line_id,
                    stamp,
                    stamp,
                ),
            )
            yield (
                t["bill_payable"],
                self._rec_values(
                    doc.rec_id,
                    dict(
                        common,
                        id=doc.rec_id,
                        name=doc.name if t["bill_payable"]["name"] else None,
                        date_maturity=doc.due,
                        balance=Money(-amount),
                        debit=Money(0),
                        credit=Money(amount),
                        amount_currency=Money(-amount),
                    ),
                ),
            )

    # ---------------------------------------------------------- add-on records
    def addon_records(self):
        """Records of the add-on's feature models, when those models exist."""
        env = self.env
        for model, method in (
            ("account_mgmt.interaction", self._bulk_interactions),
            ("account_mgmt.plan", self._plans),
            ("account_mgmt.cost.pool", self._cost_pools),
        ):
            if model in env:
                method()
            else:
                bc.log(f"  {model}: not built yet, skipped")

    def _bulk_interactions(self):
        """Interactions of each account's team, more often for bigger accounts.

        Some accounts are neglected (nothing in the last months) so that contact
        cadence and health have something to say.
        """
        env = self.env
        cr = self.cr
        types = env["account_mgmt.interaction.type"].search([])
        if not types:
            bc.log("  interactions: no interaction type, skipped")
            return
        account = self.sample_partners[0]
        tmpl = env["account_mgmt.interaction"].create(
            {
                "partner_id": account.id,
                "user_id": self.managers[0][0].id,
                "type_id": types[0].id,
                "subject": "Template interaction",
                "contact_ids": [(6, 0, self.sample_contact.ids)],
            }
        )
        env.flush_all()
        columns = self._columns("account_mgmt_interaction")
        cols = [
            c
            for c in (
                "id",
                "partner_id",
                "user_id",
                "type_id",
                "date",
                "duration",
                "direction",
                "subject",
                "sentiment",
                "satisfaction",
                "state",
                "account_manager_id",
                "create_uid",
                "write_uid",
                "create_date",
                "write_date",
            )
            if c in columns
        ]
        bulk = self.bulk("account_mgmt_interaction", cols)
        ids = IdBlock(cr, "account_mgmt_interaction")
        rel = io.StringIO()
        type_list = [(t.id, t.default_duration, t.name) for t in types]
        rates = {"strategic": 3.0, "key": 1.5, "growth": 0.6, "standard": 0.2}
        sentiments = ["positive"] * 5 + ["neutral"] * 4 + ["negative"]
        months = self.scale["months"]
        horizon = month_start(self.today, months - 1)
        span = (self.today - horizon).days
        for a in self.accounts:
            rng = random.Random(self.seed * 7919 + a.index)
            count = int(rng.expovariate(1 / (rates[a.profile] * months)))
            neglected = rng.random() < 0.15
            for _i in range(count):
                day = horizon + timedelta(days=rng.randint(0, span))
                if neglected:
                    day = min(day, self.today - timedelta(days=120))
                moment = datetime.combine(day, datetime.min.time()) + timedelta(
                    hours=rng.randint(8, 17)
                )
                type_id, duration, type_name = rng.choice(type_list)
                iid = ids.take()
                values = {
                    "id": iid,
                    "partner_id": a.id,
                    "user_id": a.manager.id,
                    "type_id": type_id,
                    "date": moment,
                    "duration": duration,
                    "direction": "outbound" if rng.random() < 0.7 else "inbound",
                    "subject": f"{type_name} with {a.name}",
                    "sentiment": rng.choice(sentiments),
                    "satisfaction": rng.randint(0, 5),
                    "state": "done",
                    "account_manager_id": a.manager.id,
                    "create_uid": a.manager.id,
                    "write_uid": a.manager.id,
                    "create_date": moment,
                    "write_date": moment,
                }
                bulk.add(tmpl.id, tuple(values[c] for c in cols))
                rel.write(f"{iid}\t{rng.choice(a.contact_ids)}\n")
        self.counts["account_mgmt_interaction"] = bulk.insert()
        rel.seek(0)
        cr._obj.copy_expert(
            "COPY account_mgmt_interaction_contact_rel (interaction_id, partner_id) "
            "FROM STDIN",
            rel,
        )
        self.extra_tables.append("account_mgmt_interaction")
        bc.log(f"  interactions: {bulk.count}")

    def _plans(self):
        """Approved plans of the year, with objectives, for the biggest accounts.

        Made through the ORM (a few thousand at most): strategic and key
        accounts, about one account in ten.
        """
        env = self.env
        Plan = env["account_mgmt.plan"]
        Objective = env["account_mgmt.plan.objective"]
        year_start = date(self.today.year, 1, 1)
        year_end = date(self.today.year, 12, 31)
        metrics = dict(Objective._fields["metric"].selection)
        vals = []
        for a in self.accounts:
            if a.profile not in ("strategic", "key"):
                continue
            revenue = round(a.target * a.probability * 12 * 1.1, -3)
            objectives = [
                ("Grow revenue", "revenue", revenue),
                ("Keep the gross margin", "gross_margin", round(revenue * 0.35, -3)),
                ("Meet the client monthly", "interaction_count", 12),
            ]
            vals.append(
                {
                    "name": f"{a.name} {self.today.year}",
                    "partner_id": a.id,
                    "user_id": a.manager.id,
                    "date_start": year_start,
                    "date_end": year_end,
                    "revenue_target": revenue,
                    "margin_target": round(revenue * 0.35, -3),
                    "company_id": self.company.id,
                    "objective_ids": [
                        (
                            0,
                            0,
                            {
                                "name": name,
                                "metric": metric,
                                "target": target,
                                "user_id": a.manager.id,
                                "date_deadline": year_end,
                            },
                        )
                        for name, metric, target in objectives
                        if metric in metrics
                    ],
                }
            )
        plans = Plan.browse()
        for start in range(0, len(vals), 1000):
            plans |= Plan.create(vals[start : start + 1000])
        approved = plans.filtered(lambda p: p.partner_id.id % 5)
        approved.write(
            {
                "state": "approved",
                "approved_by_id": self.director.id,
                "approved_date": year_start,
            }
        )
        env.flush_all()
        self.counts["account_mgmt_plan"] = len(plans)
        bc.log(f"  plans: {len(plans)} ({len(approved)} approved)")

    def _cost_pools(self):
        """Two cost pools over the last twelve months, allocated once."""
        env = self.env
        Pool = env["account_mgmt.cost.pool"]
        date_to = month_start(self.today, 1) + timedelta(days=-1)
        date_from = month_start(self.today, 12)
        scale = len(self.accounts) / 50
        vals = []
        fields = Pool._fields
        for name, driver, amount in (
            ("Customer service team", "interaction_hours", 240000.0),
            ("Logistics overhead", "revenue", 180000.0),
        ):
            if driver not in dict(fields["driver"].selection):
                continue
            vals.append(
                {
                    "name": name,
                    "company_id": self.company.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    "amount_source": "fixed",
                    "fixed_amount": round(amount * scale / 100, 2),
                    "driver": driver,
                    "scope": "active",
                }
            )
        self.pools = Pool.create(vals)
        env.flush_all()
        bc.log(f"  cost pools: {len(self.pools)}")

    def _allocate_pools(self):
        from odoo.exceptions import UserError

        for pool in self.pools:
            try:
                with self.cr.savepoint():
                    pool.action_allocate()
            except UserError as exc:
                bc.log(f"  cost pool {pool.name} not allocated: {exc}")

    # --------------------------------------------------------- add-on jobs
    def addon_jobs(self):
        """What the add-on's crons and finance do daily: tiers, health, allocations.

        Run once so the database looks like a production one (the benchmark then
        measures a re-run).
        """
        env = self.env
        company = self.company
        partner = env["res.partner"].sudo()
        jobs = []
        if hasattr(partner, "_account_mgmt_recompute_tiers"):
            jobs.append(
                ("tiering", lambda: partner._account_mgmt_recompute_tiers(company))
            )
        if "account_mgmt.cost.pool" in env and getattr(self, "pools", None):
            jobs.append(("cost allocation", self._allocate_pools))
        if "account_mgmt.health.snapshot" in env:
            snapshot = env["account_mgmt.health.snapshot"].sudo()
            if hasattr(snapshot, "_recompute_accounts"):
                jobs.append(("health", lambda: snapshot._recompute_accounts()))
        report = env.get("account_mgmt.profitability.report")
        if report is not None and hasattr(report, "_refresh_summary"):
            # what the summary cron does: the months loaded above, once
            jobs.append(("profitability summary", report.sudo()._refresh_summary))
        for label, job in jobs:
            start = time.perf_counter()
            job()
            env.flush_all()
            if self.commit:
                self.cr.commit()
            bc.log(f"  {label}: {time.perf_counter() - start:.1f} s")

    # ---------------------------------------------------------------- finalize
    TABLES = (
        "res_partner",
        "account_mgmt_team_member",
        "account_analytic_account",
        "account_analytic_line",
        "account_move",
        "account_move_line",
        "account_payment",
        "account_partial_reconcile",
        "account_full_reconcile",
    )

    def finalize(self):
        cr = self.cr
        for table in self.TABLES + tuple(self.extra_tables):
            if not self._columns(table):
                continue
            cr.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                f"(SELECT GREATEST(MAX(id), 1) FROM {table}))",
                [table],
            )
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        self._recompute_addon_fields()
        self.env.flush_all()
        if self.commit:
            cr.commit()
        for table in self.TABLES + tuple(self.extra_tables):
            if self._columns(table):
                cr.execute(f"ANALYZE {table}")
        if self.commit:
            cr.commit()

    def _recompute_addon_fields(self):
        """Stored computed fields of the add-on on bulk rows: compute them once.

        The bulk rows copied the template's values; fields the add-on computes
        from other records (interactions, ledger) must be computed for real.
        """
        env = self.env
        models = {
            "res.partner": [a.id for a in self.accounts]
            + [c for a in self.accounts for c in a.contact_ids],
        }
        for model_name, ids in models.items():
            model = env[model_name]
            fields = [
                f
                for f in model._fields.values()
                if f.store
                and f.compute
                and not f.related
                and bc.MODULE in (getattr(f, "_modules", None) or ())
            ]
            if not fields:
                continue
            bc.log(f"  recompute {model_name}: {', '.join(f.name for f in fields)}")
            for start in range(0, len(ids), 5000):
                records = model.browse(ids[start : start + 5000])
                for field in fields:
                    env.add_to_compute(field, records)
                model.flush_model()
                env.invalidate_all()


# --------------------------------------------------------------- verification
CHECKS = [
    (
        "moves whose lines do not balance",
        """SELECT COUNT(*) FROM (
               SELECT move_id FROM account_move_line
               GROUP BY move_id HAVING SUM(balance) <> 0) x""",
    ),
    (
        "lines whose debit - credit differs from balance",
        "SELECT COUNT(*) FROM account_move_line WHERE debit - credit <> balance",
    ),
    (
        "reconcilable lines whose residual is not amount - partials",
        """SELECT COUNT(*)
             FROM account_move_line l
             JOIN account_account acc ON acc.id = l.account_id AND acc.reconcile
        LEFT JOIN (SELECT debit_move_id AS id, SUM(amount) AS amt,
                          SUM(debit_amount_currency) AS cur
                     FROM account_partial_reconcile GROUP BY 1) d ON d.id = l.id
        LEFT JOIN (SELECT credit_move_id AS id, SUM(amount) AS amt,
                          SUM(credit_amount_currency) AS cur
                     FROM account_partial_reconcile GROUP BY 1) c ON c.id = l.id
            WHERE l.parent_state = 'posted'
              AND (l.amount_residual
                      <> l.balance - COALESCE(d.amt, 0) + COALESCE(c.amt, 0)
                   OR l.amount_residual_currency
                      <> l.amount_currency - COALESCE(d.cur, 0) + COALESCE(c.cur, 0)
                   OR l.reconciled <> (l.amount_residual = 0
                                       AND l.amount_residual_currency = 0))""",
    ),
    (
        "invoices whose residual is not the receivable/payable lines' residual",
        """SELECT COUNT(*)
             FROM account_move m
             JOIN (SELECT l.move_id, SUM(l.amount_residual) AS res,
                          SUM(l.amount_residual_currency) AS res_cur,
                          SUM(l.balance) AS total
                     FROM account_move_line l
                     JOIN account_account a ON a.id = l.account_id
                    WHERE a.account_type IN ('asset_receivable', 'liability_payable')
                    GROUP BY 1) x ON x.move_id = m.id
            WHERE m.move_type IN ('out_invoice', 'out_refund', 'in_invoice')
              AND m.state = 'posted'
              AND (ABS(m.amount_residual_signed) <> ABS(x.res)
                   OR m.amount_residual <> ABS(x.res_cur)
                   OR m.amount_total_signed <> x.total)""",
    ),
    (
        "invoices whose payment state contradicts their residual",
        """SELECT COUNT(*) FROM account_move
            WHERE move_type IN ('out_invoice', 'out_refund', 'in_invoice')
              AND state = 'posted'
              AND ((payment_state IN ('paid', 'reversed') AND amount_residual <> 0)
                OR (payment_state IN ('not_paid', 'partial') AND amount_residual = 0)
                OR (payment_state = 'partial' AND amount_residual = amount_total))""",
    ),
    (
        "full reconciliations that do not balance or leave a residual",
        """SELECT COUNT(*) FROM (
               SELECT full_reconcile_id FROM account_move_line
                WHERE full_reconcile_id IS NOT NULL
                GROUP BY 1
               HAVING SUM(balance) <> 0 OR BOOL_OR(amount_residual <> 0)) x""",
    ),
    (
        "analytic lines that differ from their journal item",
        """SELECT COUNT(*) FROM account_analytic_line al
             JOIN account_move_line l ON l.id = al.move_line_id
            WHERE al.amount <> -l.balance""",
    ),
]


def verify_sql(cr):
    failures = 0
    for label, query in CHECKS:
        cr.execute(query)
        bad = cr.fetchone()[0]
        status = "ok" if not bad else f"FAILED: {bad}"
        print(f"  check {label}: {status}")
        failures += bool(bad)
    return failures


def _recompute_mismatches(env, records, fnames):
    stored = {r.id: {f: r[f] for f in fnames} for r in records}
    env.invalidate_all()
    for fname in fnames:
        env.add_to_compute(records._fields[fname], records)
    mismatches = []
    for record in records:
        for fname in fnames:
            value = record[fname]
            before = stored[record.id][fname]
            if isinstance(value, float):
                same = abs(value - before) < 0.005
            else:
                same = value == before
            if not same:
                mismatches.append(
                    f"{record._name}({record.id}).{fname}: stored {before!r}, "
                    f"ORM computes {value!r}"
                )
    return mismatches


def verify_orm(env, sample_size=300):
    """Recompute stored fields of random bulk moves through the ORM and compare."""
    cr = env.cr
    cr.execute(
        "SELECT id FROM account_move WHERE state = 'posted' ORDER BY random() LIMIT %s",
        [sample_size],
    )
    moves = env["account.move"].browse([r[0] for r in cr.fetchall()])
    lines = moves.line_ids
    checks = [
        (
            moves,
            [
                "amount_untaxed",
                "amount_tax",
                "amount_total",
                "amount_residual",
                "amount_untaxed_signed",
                "amount_tax_signed",
                "amount_total_signed",
                "amount_total_in_currency_signed",
                "amount_residual_signed",
                "payment_state",
            ],
        ),
        (
            lines,
            [
                "amount_residual",
                "amount_residual_currency",
                "reconciled",
                "debit",
                "credit",
                "price_subtotal",
                "price_total",
            ],
        ),
        (
            moves.origin_payment_id,
            ["is_reconciled", "amount_company_currency_signed"],
        ),
    ]
    mismatches = []

    class Discard(Exception):
        pass

    try:
        # compute in a savepoint rolled back afterwards: nothing is written
        with cr.savepoint(flush=False):
            for records, fnames in checks:
                mismatches += _recompute_mismatches(env, records, fnames)
            raise Discard()
    except Discard:
        pass
    env.transaction.clear()
    print(
        f"  check ORM recompute of {len(moves)} moves, {len(lines)} lines: "
        + ("ok" if not mismatches else f"FAILED: {len(mismatches)}")
    )
    for mismatch in mismatches[:20]:
        print(f"    {mismatch}")
    return bool(mismatches)


COUNT_TABLES = (
    "res_partner",
    "account_move",
    "account_move_line",
    "account_payment",
    "account_partial_reconcile",
    "account_full_reconcile",
    "account_analytic_line",
    "account_mgmt_team_member",
    "account_mgmt_interaction",
    "account_mgmt_plan",
    "account_mgmt_plan_objective",
    "account_mgmt_cost_pool",
)


def print_counts(cr):
    rows = []
    for table in COUNT_TABLES:
        cr.execute("SELECT to_regclass(%s)", [table])
        if cr.fetchone()[0]:
            cr.execute(f"SELECT COUNT(*) FROM {table}")
            rows.append((table, f"{cr.fetchone()[0]:,}"))
        else:
            rows.append((table, "n/a (not built)"))
    cr.execute(
        "SELECT move_type, payment_state, COUNT(*) FROM account_move "
        "GROUP BY 1, 2 ORDER BY 1, 2"
    )
    for move_type, state, count in cr.fetchall():
        rows.append((f"  account_move {move_type} {state}", f"{count:,}"))
    bc.print_table(["table", "rows"], rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=list(SCALES), default="small")
    parser.add_argument("--db", help="database name (default amgmt_bench_<scale>)")
    parser.add_argument("--config", default=bc.DEFAULT_CONFIG)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--no-create",
        action="store_true",
        help="fill an existing database (with the add-on installed) instead of "
        "dropping and creating it",
    )
    parser.add_argument(
        "--no-jobs",
        action="store_true",
        help="do not run the add-on's jobs (tiering, cost allocation, health) "
        "once at the end",
    )
    args = parser.parse_args(argv)
    dbname = args.db or f"amgmt_bench_{args.scale}"
    bc.check_bench_db_name(dbname)
    started = time.perf_counter()
    if not args.no_create:
        bc.log(f"creating database {dbname} (core apps + add-on, no demo data)")
        with bc.Timer() as t:
            bc.create_database(dbname, args.config)
        bc.log(f"database created: {t.seconds:.1f} s")
    bc.init_odoo(args.config)
    context = {
        "tracking_disable": True,
        "mail_create_nolog": True,
        "mail_notrack": True,
        "no_reset_password": True,
        # queue notification emails instead of sending them inline
        "mail_notify_force_send": False,
        "mail_activity_quick_update": True,
    }
    with bc.environment(dbname, context) as env:
        generator = Generator(env, args.scale, args.seed, jobs=not args.no_jobs)
        generator.run()
        env.cr.commit()
        bc.log("verifying")
        failures = sum(bulk.check_foreign_keys() for bulk in generator.bulks)
        print(
            f"  check foreign keys of the bulk rows: {'FAILED' if failures else 'ok'}"
        )
        failures += verify_sql(env.cr)
        failures += verify_orm(env)
        print_counts(env.cr)
    total = time.perf_counter() - started
    rows = [(label, f"{seconds:.1f}") for label, seconds in generator.timings]
    jobs = sum(s for label, s in generator.timings if label.startswith("add-on jobs"))
    rows.append(("total (with database creation)", f"{total:.1f}"))
    if jobs:
        rows.append(("total without the add-on jobs", f"{total - jobs:.1f}"))
    bc.print_table(["phase", "seconds"], rows)
    if failures:
        sys.exit(f"{failures} consistency checks failed")


if __name__ == "__main__":
    main()
