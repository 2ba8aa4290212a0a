# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every read path runs in a read-only transaction (a read replica can serve it).

Odoo 18 serves ``readonly`` requests (``@api.readonly`` methods through
``/web/dataset/call_kw``, report routes...) from a read-only cursor, on a standby
when ``db_replica_host`` is set; when such a request writes, PostgreSQL refuses,
``odoo.http`` logs "..., retrying with a read/write cursor" and replays it on the
primary. HttpCase serves ``readonly`` requests in read-only transactions (``SET
TRANSACTION READ ONLY``), so this test calls each read path over JSON-RPC as the
web client does, as the role that uses it, with one company and with two
companies in different currencies (a second company in EUR with invoices), and
fails on any retry, read-only error or request that did not run read-only.
"""

import logging
from contextlib import contextmanager
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command, fields
from odoo.service import model as service_model
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import AccountMgmtCommon

RELATIONAL = ("many2one", "one2many", "many2many")


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@tagged("post_install", "-at_install")
class TestReadonly(AccountMgmtCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur = cls.setup_other_currency("EUR", rates=[("2024-01-01", 0.8)])
        cls.company_b = cls.setup_other_company(
            name="Replica Europe", currency_id=cls.eur.id
        )["company"]
        today = fields.Date.context_today(cls.env["res.partner"])
        last_month = today.replace(day=1) - relativedelta(months=1)
        cls.alpha = cls._account(
            "Replica Alpha", account_manager_id=cls.user_manager.id
        )
        cls.beta = cls._account(
            "Replica Beta",
            account_manager_id=cls.user_manager.id,
            property_payment_term_id=cls.env.ref(
                "account.account_payment_term_immediate"
            ).id,
        )
        users = (cls.user_manager + cls.user_director + cls.user_finance).with_context(
            no_reset_password=True
        )
        users.write({"company_ids": [Command.link(cls.company_b.id)]})
        # Company A (its currency): a paid-for month and an overdue invoice;
        # company B (EUR): an invoice and a credit note for Alpha.
        cls._post_move(cls.alpha, last_month, [(cls.product_goods, 3, 1000.0)])
        cls._post_move(
            cls.beta, today - relativedelta(days=45), [(cls.product_service, 2, 800.0)]
        )
        product_b = cls.product_goods.with_company(cls.company_b)
        product_b.property_account_income_id = cls.env["account.account"].search(
            [
                ("company_ids", "in", cls.company_b.ids),
                ("account_type", "=", "income"),
            ],
            limit=1,
        )
        cls._post_move(
            cls.alpha,
            last_month,
            [(product_b, 2, 500.0)],
            company=cls.company_b,
        )
        cls._post_move(
            cls.alpha,
            last_month,
            [(product_b, 1, 100.0)],
            move_type="out_refund",
            company=cls.company_b,
        )
        cls.plan = (
            cls.env["account_mgmt.plan"]
            .with_user(cls.user_manager)
            .create(
                {
                    "name": "Replica Alpha plan",
                    "partner_id": cls.alpha.id,
                    "objective_ids": [
                        Command.create(
                            {"metric": "revenue", "target": 10000.0, "name": "Grow"}
                        )
                    ],
                }
            )
        )
        for company in (cls.company, cls.company_b):
            cls.env["account_mgmt.health.snapshot"].sudo()._recompute_accounts(
                partners=cls.alpha + cls.beta, companies=company, alerts=False
            )
        cls.env.flush_all()

    # -- the client ------------------------------------------------------------

    @contextmanager
    def _watch(self, label):
        """Fails on a retry on the primary, a read-only error, or a request that
        did not run in a read-only transaction."""
        capture = _Capture()
        loggers = [logging.getLogger(name) for name in ("odoo.http", "odoo.sql_db")]
        modes = []
        retrying = service_model.retrying

        def spy(func, env):
            modes.append(env.cr.readonly)
            return retrying(func, env)

        for logger in loggers:
            logger.addHandler(capture)
        try:
            with patch.object(service_model, "retrying", spy):
                yield
        finally:
            for logger in loggers:
                logger.removeHandler(capture)
        messages = [record.getMessage() for record in capture.records]
        self.assertFalse(messages, f"{label}: {messages}")
        self.assertTrue(modes, f"{label}: no request served")
        self.assertTrue(all(modes), f"{label}: not read-only ({modes})")

    def _call(self, model, method, *args, **kwargs):
        kwargs["context"] = {**self.context, **kwargs.get("context", {})}
        with self._watch(f"{self.who} {model}.{method} {self.context}"):
            return self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{model}/{method}",
                {"model": model, "method": method, "args": args, "kwargs": kwargs},
            )

    def _get(self, url):
        with self._watch(f"{self.who} GET {url}"):
            response = self.url_open(url, timeout=60)
        self.assertEqual(response.status_code, 200, url)
        return response

    def _login(self, user, company_ids):
        self.authenticate(user.login, user.login)
        self.who = user.login
        self.context = {
            "allowed_company_ids": company_ids,
            "lang": "en_US",
            "tz": "Europe/Brussels",
            "uid": user.id,
        }

    def _spec(self, model, nodes):
        fields_info = self.env[model]._fields
        spec = {}
        for name in nodes:
            field = fields_info.get(name)
            if field is None:
                continue
            spec[name] = (
                {"fields": {"display_name": {}}} if field.type in RELATIONAL else {}
            )
        return spec

    @staticmethod
    def _own_fields(arch, kinds=("field",)):
        """Field names of the view itself (not of its x2many sub-views)."""
        names = []
        for node in arch.iter(*kinds):
            if any(parent.tag == "field" for parent in node.iterancestors()):
                continue
            names.append(node.get("name"))
        return names

    def _open_action(self, xmlid, record_ids=None):
        """What the web client reads when it opens ``xmlid``: the action, its
        views, then each view's data (list and kanban records, grouped lists,
        pivot and graph groups, the form of the first records)."""
        action_id = self.env.ref(xmlid).id
        with self._watch(f"{self.who} load {xmlid}"):
            action = self.make_jsonrpc_request(
                "/web/action/load",
                {"action_id": action_id, "context": self.context},
            )
        model = action["res_model"]
        eval_context = {"uid": self.context["uid"], "context_today": fields.Date.today}
        domain = safe_eval(action.get("domain") or "[]", eval_context)
        if isinstance(domain, str):
            domain = []
        views = [[view_id, kind] for view_id, kind in action["views"]]
        if not any(kind == "search" for __, kind in views):
            views.append([False, "search"])
        result = self._call(model, "get_views", views=views, options={})
        for kind, view in result["views"].items():
            arch = etree.fromstring(view["arch"])
            names = self._own_fields(arch)
            if kind in ("list", "kanban"):
                spec = self._spec(model, names)
                read = self._call(
                    model, "web_search_read", domain, spec, limit=80, count_limit=10001
                )
                record_ids = record_ids or [rec["id"] for rec in read["records"][:2]]
                group = arch.get("default_group_by") or next(
                    (
                        name
                        for name in ("account_manager_id", "partner_id", "user_id")
                        if name in self.env[model]._fields
                    ),
                    None,
                )
                if group:
                    self._call(
                        model,
                        "web_read_group",
                        domain,
                        [name for name in names if name in spec],
                        [group],
                        lazy=True,
                    )
                progress = arch.find(".//progressbar")
                if kind == "kanban" and progress is not None:
                    self._call(
                        model,
                        "read_progress_bar",
                        domain,
                        progress.get("field"),
                        {
                            "field": progress.get("field"),
                            "colors": safe_eval(progress.get("colors")),
                        },
                    )
            elif kind in ("pivot", "graph"):
                rows = [
                    node.get("name")
                    + (f":{node.get('interval')}" if node.get("interval") else "")
                    for node in arch.iter("field")
                    if node.get("type") in ("row", "col", None)
                    and node.get("type") != "measure"
                ]
                model_fields = self.env[model]._fields
                measures = [
                    f"{name}:{model_fields[name].aggregator or 'sum'}"
                    for name in (
                        node.get("name")
                        for node in arch.iter("field")
                        if node.get("type") == "measure"
                    )
                ] or ["__count"]
                # The pivot's reads: total, rows, columns, cells.
                for groupby in ([], rows[:1], rows[1:], rows):
                    self._call(
                        model, "read_group", domain, measures, groupby, lazy=False
                    )
            elif kind == "form" and record_ids:
                spec = self._spec(model, names)
                self._call(model, "web_read", record_ids[:2], spec)
        return model, domain

    def _assert_figures(self):
        """The figures read on the replica: Alpha's revenue last month is 3 x 1000
        in the first company; with the second, 2 x 500 - 100 = 900 EUR at 1 EUR =
        1.25 (the rate 0.8 of the first company's currency) = 1125 more. Its
        open receivable is the same (nothing paid, the credit note unapplied);
        Beta owes 1600, due 45 days ago (31-60 days)."""
        two = len(self.context["allowed_company_ids"]) == 2
        [profit] = self._call(
            "account_mgmt.profitability.report",
            "read_group",
            [("partner_id", "=", self.alpha.id)],
            ["revenue:sum"],
            [],
            lazy=False,
        )
        self.assertAlmostEqual(profit["revenue"], 4125.0 if two else 3000.0)
        groups = self._call(
            "account_mgmt.receivable.report",
            "read_group",
            [("partner_id", "in", (self.alpha + self.beta).ids)],
            ["amount_residual:sum"],
            ["partner_id", "aging_bucket"],
            lazy=False,
        )
        residual = {}
        for group in groups:
            partner = group["partner_id"][0]
            residual[partner] = residual.get(partner, 0.0) + group["amount_residual"]
        self.assertAlmostEqual(residual[self.alpha.id], 4125.0 if two else 3000.0)
        self.assertEqual(
            [
                (group["aging_bucket"], group["amount_residual"])
                for group in groups
                if group["partner_id"][0] == self.beta.id
            ],
            [("31_60", 1600.0)],
        )

    # -- the read paths ----------------------------------------------------------

    def _each_scope(self, user, paths):
        for company_ids in (
            [self.company.id],
            [self.company.id, self.company_b.id],
        ):
            with self.subTest(user=user.login, companies=len(company_ids)):
                self._login(user, company_ids)
                paths()

    def test_finance(self):
        def paths():
            report = "account_mgmt.profitability.report"
            self._open_action(
                "account_mgmt_addon.account_mgmt_profitability_report_action"
            )
            self._open_action(
                "account_mgmt_addon.account_mgmt_profitability_report_action_group"
            )
            cell = [("partner_id", "=", self.alpha.id)]
            breakdown = self._call(report, "action_open_breakdown_domain", cell)
            self.assertEqual(
                breakdown["res_model"], "account_mgmt.profitability.breakdown"
            )
            self._call(
                breakdown["res_model"],
                "web_search_read",
                breakdown["domain"],
                {"name": {}, "revenue": {}, "cogs": {}, "net_contribution": {}},
            )
            self._call(
                breakdown["res_model"],
                "read_group",
                breakdown["domain"],
                ["revenue:sum", "net_contribution:sum"],
                ["kind"],
            )
            self._call(report, "action_open_journal_items_domain", cell)
            self._open_action(
                "account_mgmt_addon.account_mgmt_receivable_report_action"
            )
            self._assert_figures()
            self._open_action(
                "account_mgmt_addon.res_partner_action_accounts", self.alpha.ids
            )
            self._open_action(
                "account_mgmt_addon.account_mgmt_health_snapshot_action_overview"
            )
            self._open_action(
                "account_mgmt_addon.account_mgmt_profitability_breakdown_action"
            )
            self._open_action("account_mgmt_addon.account_mgmt_cost_pool_action")
            self._open_action("account_mgmt_addon.account_mgmt_cost_allocation_action")
            self._call(
                "res.partner", "action_open_account_receivables", [self.alpha.id]
            )
            self._call(
                "res.partner", "action_open_account_profitability", [self.alpha.id]
            )
            # Exports: the wizard is written first (read/write), its reports read.
            wizard = (
                self.env["account_mgmt.profitability.export"]
                .with_user(self.user_finance)
                .with_context(allowed_company_ids=self.context["allowed_company_ids"])
                .create({})
            )
            self.env.flush_all()
            xlsx = self._get(
                f"/report/xlsx/account_mgmt_addon.profitability_xlsx/{wizard.id}"
            )
            self.assertTrue(xlsx.content.startswith(b"PK"))
            self._get(
                f"/report/pdf/account_mgmt_addon.report_client_profitability/{wizard.id}"
            )
            self._get(
                f"/report/pdf/account_mgmt_addon.report_account_review/{self.alpha.id}"
            )
            # Budget vs actual (issue 19): the report, the directors' view, the
            # account's rows and the XLSX of its rows.
            self._open_action("account_mgmt_addon.account_mgmt_budget_report_action")
            self._open_action(
                "account_mgmt_addon.account_mgmt_budget_report_action_manager"
            )
            self._call("res.partner", "action_open_account_budget", [self.alpha.id])
            rows = self._call(
                "account_mgmt.budget.report",
                "search_read",
                [("partner_id", "=", self.alpha.id)],
                ["actual_revenue"],
            )
            self.assertTrue(rows)
            ids = ",".join(str(row["id"]) for row in rows)
            xlsx = self._get(f"/report/xlsx/account_mgmt_addon.budget_xlsx/{ids}")
            self.assertTrue(xlsx.content.startswith(b"PK"))

        self._each_scope(self.user_finance, paths)

    def test_director(self):
        def paths():
            self._open_action("account_mgmt_addon.res_partner_action_portfolio")
            self._open_action("account_mgmt_addon.res_partner_action_at_risk")
            self._open_action(
                "account_mgmt_addon.account_mgmt_health_snapshot_action_overview"
            )
            self._open_action(
                "account_mgmt_addon.account_mgmt_health_snapshot_action_workload"
            )
            self._open_action("account_mgmt_addon.account_mgmt_health_snapshot_action")
            self._open_action("account_mgmt_addon.account_mgmt_tier_history_action")
            self._open_action(
                "account_mgmt_addon.account_mgmt_interaction_action_analysis"
            )
            self._open_action("account_mgmt_addon.account_mgmt_plan_action_to_approve")
            self._open_action(
                "account_mgmt_addon.account_mgmt_plan_action", self.plan.ids
            )
            self._open_action(
                "account_mgmt_addon.account_mgmt_profitability_report_action"
            )
            self._open_action(
                "account_mgmt_addon.account_mgmt_receivable_report_action"
            )
            self._call(
                "res.partner", "action_view_account_health_history", [self.alpha.id]
            )

        self._each_scope(self.user_director, paths)

    def test_account_manager(self):
        def paths():
            self._open_action(
                "account_mgmt_addon.res_partner_action_portfolio", self.alpha.ids
            )
            self._open_action(
                "account_mgmt_addon.res_partner_action_accounts", self.alpha.ids
            )
            self._open_action(
                "account_mgmt_addon.account_mgmt_plan_action", self.plan.ids
            )
            self._open_action(
                "account_mgmt_addon.account_mgmt_plan_objective_action",
                self.plan.objective_ids.ids,
            )
            self._open_action("account_mgmt_addon.account_mgmt_interaction_action")
            self._open_action(
                "account_mgmt_addon.account_mgmt_interaction_action_analysis"
            )
            self._open_action(
                "account_mgmt_addon.account_mgmt_receivable_report_action"
            )
            for method in (
                "action_view_interactions",
                "action_view_account_plans",
                "action_open_account_receivables",
                "action_view_account_health_history",
            ):
                self._call("res.partner", method, [self.alpha.id])
            self._call("account_mgmt.plan", "action_open_objectives", self.plan.ids)
            self._open_action("account_mgmt_addon.account_mgmt_budget_report_action")
            self._call("res.partner", "action_open_account_budget", [self.alpha.id])
            self._get(
                "/report/pdf/account_mgmt_addon.report_account_mgmt_plan/"
                f"{self.plan.id}"
            )

        self._each_scope(self.user_manager, paths)
