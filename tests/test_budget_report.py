# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Budget vs actual (issue 19): the hand-computed scenario of the issue.

Account "Budget Alpha" (Anna's), in January and February of last year (any day:
a year relative to today):

=========  ======  ==========================  ========  =========  ==========
Month      Budget  Ledger                      Actual    Variance   Attainment
=========  ======  ==========================  ========  =========  ==========
January    10,000  invoice 8,000               8,000     -2,000     80 %
                                                         (-20 %)
February   10,000  invoice 12,000, credit      11,500    +1,500     115 %
                   note 500                              (+15 %)
March      --      invoice 3,000               3,000     +3,000     (blank)
April      5,000   --                          0         -5,000     0 %
=========  ======  ==========================  ========  =========  ==========

January + February: 19,500 / 20,000 = 97.5 % (the ratio of the sums, not the
average of 80 % and 115 %, 97.5 % by chance: see the quarter, 22,500 / 20,000 =
112.5 %, where the average of the months with a budget would say 97.5 %).

The live forecast says 9,000 in January; a snapshot of it (11,000) and a draft
budget (50,000) are not counted.
"""

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, JsonRpcException, tagged

from .common import GROUP_DIRECTOR, AccountMgmtCommon

REPORT = "account_mgmt.budget.report"


@tagged("post_install", "-at_install")
class BudgetCommon(AccountMgmtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["res.partner"])
        cls.year = today.year - 1
        cls.jan = fields.Date.to_date(f"{cls.year}-01-01")
        cls.feb = cls.jan + relativedelta(months=1)
        cls.mar = cls.jan + relativedelta(months=2)
        cls.apr = cls.jan + relativedelta(months=3)
        cls.alpha = cls._account("Budget Alpha", account_manager_id=cls.user_manager.id)
        cls.beta = cls._account("Budget Beta", account_manager_id=cls.user_manager2.id)
        cls._post_move(
            cls.alpha, cls.jan + relativedelta(days=9), [(cls.product_goods, 8, 1000.0)]
        )
        cls._post_move(
            cls.alpha,
            cls.feb + relativedelta(days=4),
            [(cls.product_goods, 12, 1000.0)],
        )
        cls._post_move(
            cls.alpha,
            cls.feb + relativedelta(days=19),
            [(cls.product_goods, 1, 500.0)],
            move_type="out_refund",
        )
        cls._post_move(
            cls.alpha,
            cls.mar + relativedelta(days=2),
            [(cls.product_service, 3, 1000.0)],
        )
        # Beta: Bruno's, a budget and revenue in January.
        cls._post_move(
            cls.beta, cls.jan + relativedelta(days=14), [(cls.product_goods, 4, 1000.0)]
        )
        cls.budget = cls._version(
            "budget",
            [
                (cls.alpha, cls.jan, 10000.0),
                (cls.alpha, cls.feb, 10000.0),
                (cls.alpha, cls.apr, 5000.0),
                (cls.beta, cls.jan, 5000.0),
            ],
            approve=True,
        )
        # The snapshot first: it is a live forecast until it is frozen, and a
        # company has one live forecast per month.
        cls.snapshot = cls._version(
            "forecast", [(cls.alpha, cls.jan, 11000.0)], snapshot=True
        )
        cls.forecast = cls._version("forecast", [(cls.alpha, cls.jan, 9000.0)])
        cls._version("budget", [(cls.alpha, cls.jan, 50000.0)], name="Draft")

    @classmethod
    def _version(
        cls, kind, lines, approve=False, snapshot=False, name=None, company=None
    ):
        company = company or cls.company
        version = (
            cls.env["account_mgmt.budget"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "name": name or f"{kind} {cls.year}",
                    "kind": kind,
                    "company_id": company.id,
                    "date_from": fields.Date.to_date(f"{cls.year}-01-01"),
                    "date_to": fields.Date.to_date(f"{cls.year}-12-31"),
                    "line_ids": [
                        Command.create(
                            {"partner_id": partner.id, "date": date, "amount": amount}
                            | ({"categ_id": categ.id} if categ else {})
                        )
                        for partner, date, amount, *rest in lines
                        for categ in [rest[0] if rest else None]
                    ],
                }
            )
        )
        if approve or snapshot:
            version.write({"state": "approved", "is_snapshot": snapshot})
        return version

    def _total(self, domain, report=None):
        report = report or self.env[REPORT]
        [group] = report.read_group(
            list(domain),
            [
                "budget_amount:sum",
                "forecast_amount:sum",
                "actual_revenue:sum",
                "variance:sum",
                "variance_percent:avg",
                "attainment_percent:avg",
            ],
            [],
            lazy=False,
        )
        return (
            group["budget_amount"],
            group["forecast_amount"],
            group["actual_revenue"],
            group["variance"],
            group["variance_percent"],
            group["attainment_percent"],
        )


@tagged("post_install", "-at_install")
class TestBudgetReport(BudgetCommon):
    def _alpha(self, date_from, date_to):
        return [
            ("partner_id", "=", self.alpha.id),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]

    def _assert_row(self, row, expected):
        for fname, value in expected.items():
            if value is False:
                self.assertFalse(row[fname], fname)
            else:
                self.assertAlmostEqual(row[fname], value, places=2, msg=fname)

    def test_months(self):
        """The rows of the issue's scenario, month by month."""
        rows = self.env[REPORT].search(self._alpha(self.jan, self.apr), order="date")
        self.assertEqual(rows.mapped("date"), [self.jan, self.feb, self.mar, self.apr])
        january, february, march, april = rows
        self._assert_row(
            january,
            {
                "budget_amount": 10000.0,
                "forecast_amount": 9000.0,
                "actual_revenue": 8000.0,
                "variance": -2000.0,
                "variance_percent": -20.0,
                "attainment_percent": 80.0,
            },
        )
        self._assert_row(
            february,
            {
                "budget_amount": 10000.0,
                "forecast_amount": 0.0,
                "actual_revenue": 11500.0,
                "variance": 1500.0,
                "variance_percent": 15.0,
                "attainment_percent": 115.0,
            },
        )
        # Actuals without a budget: budget 0, no attainment (blank, not 0 %).
        self._assert_row(
            march,
            {"budget_amount": 0.0, "actual_revenue": 3000.0, "variance": 3000.0},
        )
        self.assertFalse(march.has_budget)
        self.assertEqual(
            march.read(["attainment_percent", "variance_percent"])[0],
            {"id": march.id, "attainment_percent": 0.0, "variance_percent": 0.0},
        )
        # A budget without actuals: attainment 0 %.
        self._assert_row(
            april,
            {
                "budget_amount": 5000.0,
                "actual_revenue": 0.0,
                "variance": -5000.0,
                "variance_percent": -100.0,
                "attainment_percent": 0.0,
            },
        )
        self.assertTrue(april.has_budget)
        self.assertFalse(rows.categ_id)
        self.assertEqual(rows.account_manager_id, self.user_manager)
        self.assertEqual(rows.account_group_id, self.alpha)

    def test_ratio_of_sums(self):
        """Grouped, percentages are ratios of the sums: January and February
        19,500 / 20,000 = 97.5 %; the quarter 22,500 / 20,000 = 112.5 % (March
        has revenue and no budget)."""
        self.assertEqual(
            self._total(self._alpha(self.jan, self.feb)),
            (20000.0, 9000.0, 19500.0, -500.0, -2.5, 97.5),
        )
        budget, __, actual, variance, variance_percent, attainment = self._total(
            self._alpha(self.jan, self.mar)
        )
        self.assertEqual((budget, actual, variance), (20000.0, 22500.0, 2500.0))
        self.assertAlmostEqual(variance_percent, 12.5)
        self.assertAlmostEqual(attainment, 112.5)
        # Grouped by month, the same as the rows.
        groups = {
            group["date:month"]: group["attainment_percent"]
            for group in self.env[REPORT].read_group(
                self._alpha(self.jan, self.apr),
                ["attainment_percent:avg"],
                ["date:month"],
            )
        }
        self.assertEqual(len(groups), 4)
        self.assertEqual(
            sorted(value for value in groups.values() if value is not False),
            [0.0, 80.0, 115.0],
        )
        # March: no budget, no attainment (not 0 %).
        self.assertEqual(
            [key for key, value in groups.items() if value is False],
            [next(key for key in groups if key.startswith("March"))],
        )

    def test_actual_is_profitability_revenue(self):
        """The actual revenue is the client profitability report's, month by
        month (one definition of revenue)."""
        domain = [
            ("partner_id", "in", (self.alpha | self.beta).ids),
            ("date", ">=", self.jan),
            ("date", "<=", self.apr),
        ]
        profit = {
            (partner.id, month): revenue
            for partner, month, revenue in self.env[
                "account_mgmt.profitability.report"
            ]._read_group(domain, ["partner_id", "date:month"], ["revenue:sum"])
        }
        budget = {
            (partner.id, month): revenue
            for partner, month, revenue in self.env[REPORT]._read_group(
                domain, ["partner_id", "date:month"], ["actual_revenue:sum"]
            )
            if revenue
        }
        self.assertEqual(budget, profit)
        self.assertEqual(
            profit,
            {
                (self.alpha.id, self.jan): 8000.0,
                (self.alpha.id, self.feb): 11500.0,
                (self.alpha.id, self.mar): 3000.0,
                (self.beta.id, self.jan): 4000.0,
            },
        )

    def test_versions(self):
        """Only the approved budget and the live forecast count: a draft budget
        and a frozen forecast snapshot don't; approving a new budget replaces
        the old one's figures."""
        self.assertEqual(
            self._total(self._alpha(self.jan, self.jan))[:2], (10000.0, 9000.0)
        )
        self.forecast.sudo().write({"state": "superseded"})
        self.assertEqual(
            self._total(self._alpha(self.jan, self.jan))[:2], (10000.0, 0.0)
        )
        # A revised budget (no lines for Alpha) approved: it supersedes the first.
        self._version("budget", [], name="Revised").action_approve()
        self.assertEqual(self.budget.state, "superseded")
        self.assertEqual(self._total(self._alpha(self.jan, self.jan))[:2], (0.0, 0.0))

    def test_categories(self):
        """Lines by product category: the category's revenue is its row's (its
        sub-categories' too), the rest of the month stays on the row without
        category; together they are the month's revenue."""
        Category = self.env["product.category"]
        hardware = Category.create({"name": "Budget Hardware"})
        printers = Category.create(
            {"name": "Budget Printers", "parent_id": hardware.id}
        )
        printer = self._create_product(
            name="Budget Printer", categ_id=printers.id, list_price=700.0
        )
        gamma = self._account("Budget Gamma", account_manager_id=self.user_manager.id)
        self._post_move(
            gamma,
            self.jan + relativedelta(days=5),
            [(printer, 2, 700.0), (self.product_service, 1, 600.0)],
        )
        self._version(
            "budget",
            [(gamma, self.jan, 1000.0, hardware), (gamma, self.jan, 500.0)],
            approve=True,
            name="By category",
            company=self.company,
        )
        rows = self.env[REPORT].search(
            [("partner_id", "=", gamma.id), ("date", "=", self.jan)]
        )
        by_categ = {
            row.categ_id: (row.budget_amount, row.actual_revenue) for row in rows
        }
        self.assertEqual(
            by_categ,
            {hardware: (1000.0, 1400.0), Category: (500.0, 600.0)},
        )
        self.assertEqual(len(set(rows.ids)), 2)

    def test_fiscal_year_filter(self):
        """ "This fiscal year" follows the company's fiscal year: ending on 31
        March, last year's January to March are in the fiscal year of 1 March
        of last year."""
        self.company.write({"fiscalyear_last_month": "3", "fiscalyear_last_day": 31})
        with freeze_time(f"{self.year}-03-01"):
            rows = self.env[REPORT].search(
                [("partner_id", "=", self.alpha.id), ("in_fiscal_year", "=", True)]
            )
            self.assertEqual(rows.mapped("date"), [self.mar, self.feb, self.jan])
        with freeze_time(f"{self.year}-04-01"):
            rows = self.env[REPORT].search(
                [("partner_id", "=", self.alpha.id), ("in_fiscal_year", "=", True)]
            )
            self.assertEqual(rows.mapped("date"), [self.apr])


@tagged("post_install", "-at_install")
class TestBudgetReportAccess(BudgetCommon):
    def test_rows_per_role(self):
        """Anna reads her accounts' rows, Bruno his; directors and finance
        every account of their companies; a plain user nothing."""
        domain = [
            ("date", "=", self.jan),
            ("partner_id", "in", (self.alpha | self.beta).ids),
        ]
        for user, accounts in (
            (self.user_manager, self.alpha),
            (self.user_manager2, self.beta),
            (self.user_director, self.alpha | self.beta),
            (self.user_finance, self.alpha | self.beta),
        ):
            rows = self.env[REPORT].with_user(user).search(domain)
            self.assertEqual(rows.partner_id, accounts, user.login)
        with self.assertRaises(AccessError):
            self.env[REPORT].with_user(self.user_plain).search(domain)
        # Team members read the account's rows too.
        self.env["account_mgmt.team.member"].sudo().create(
            {"partner_id": self.beta.id, "user_id": self.user_manager.id}
        )
        rows = self.env[REPORT].with_user(self.user_manager).search(domain)
        self.assertEqual(rows.partner_id, self.alpha | self.beta)

    def test_companies(self):
        """Company B's budget is company B's: its director reads it, company A's
        people don't."""
        company_b = self.setup_other_company(name="Budget B")["company"]
        bea = self._new_user(
            "am_bud_bea", "Bea Director B", GROUP_DIRECTOR, company=company_b
        )
        self._version(
            "budget",
            [(self.alpha, self.jan, 700.0)],
            approve=True,
            name="B",
            company=company_b,
        )
        rows = (
            self.env[REPORT].with_user(bea).search([("partner_id", "=", self.alpha.id)])
        )
        self.assertEqual(rows.company_id, company_b)
        self.assertEqual(sum(rows.mapped("budget_amount")), 700.0)
        rows = (
            self.env[REPORT]
            .with_user(self.user_director)
            .search([("partner_id", "=", self.alpha.id), ("date", "=", self.jan)])
        )
        self.assertEqual(rows.company_id, self.company)
        self.assertEqual(rows.budget_amount, 10000.0)


@tagged("post_install", "-at_install")
class TestBudgetReportJsonRpc(BudgetCommon, HttpCase):
    def _rpc(self, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{REPORT}/{method}",
            {"model": REPORT, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_rows_over_json_rpc(self):
        """What the web client reads: Anna's pivot of January has her account's
        budget only (10,000 of Alpha, not Beta's 5,000); Dora's both; a plain
        user gets the AccessError."""
        domain = [
            ("date", "=", self.jan.isoformat()),
            ("partner_id", "in", (self.alpha | self.beta).ids),
        ]
        for login, budget, actual in (
            ("am_anna", 10000.0, 8000.0),
            ("am_bruno", 5000.0, 4000.0),
            ("am_dora", 15000.0, 12000.0),
        ):
            self.authenticate(login, login)
            [group] = self._rpc(
                "read_group",
                [domain, ["budget_amount:sum", "actual_revenue:sum"], []],
                {"lazy": False},
            )
            self.assertEqual(
                (group["budget_amount"], group["actual_revenue"]),
                (budget, actual),
                login,
            )
        self.authenticate("am_paul", "am_paul")
        with self.assertRaises(JsonRpcException) as catcher:
            self._rpc("search_read", [domain, ["budget_amount"]])
        self.assertEqual(str(catcher.exception), "odoo.exceptions.AccessError")
