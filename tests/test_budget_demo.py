# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo budget and forecast (account_mgmt.demo._load_budget_demo), loaded again
with the clock frozen on several days.

The demo ledger was generated on the day the suite's database was installed (any
day: the CI moves the clock), so the expected figures are computed from the demo's
own rule: the profiles of models/common/account_mgmt_demo.py, counted in months
before the install month (the month of the latest invoice of an account invoiced
every month). The budget of a month is the revenue of the same month a year before
x 1.1, rounded; the fiscal year is the company's (Odoo's default: the calendar
year, unless the database sets another).
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.account_mgmt_addon.models.budget.account_mgmt_budget import INTERNAL
from odoo.addons.account_mgmt_addon.models.budget.account_mgmt_budget_demo import (
    DEMO_BUDGET_GROWTH,
    DEMO_BUDGET_XMLID,
    DEMO_FORECAST_HELIOS,
    DEMO_FORECAST_XMLID,
)
from odoo.addons.account_mgmt_addon.models.common.account_mgmt_demo import (
    DEMO_CREDIT_NOTES,
    DEMO_PROFILES,
)

REPORT = "account_mgmt.budget.report"
HELIOS_REASON = (
    "Helios delays its second production line: fewer control units until it opens."
)
# The days the demo is loaded on (besides the install day).
DAYS = ("2027-01-01", "2027-06-15", "2027-12-31", "2028-02-29")


@tagged("post_install", "-at_install")
class TestBudgetDemo(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.Demo = cls.env["account_mgmt.demo"]
        cls.Budget = cls.env["account_mgmt.budget"]
        cls.Line = cls.env["account_mgmt.budget.line"]
        cls.logistics = cls._ref("partner_northwind_logistics_demo")
        cls.helios = cls._ref("partner_helios_demo")
        cls.pinnacle = cls._ref("partner_pinnacle_demo")
        cls.users = {
            name: cls._ref(f"user_{name}_demo")
            for name in ("amanda", "marc", "fiona", "diane")
        }
        last_invoice = cls.env["account.move"].search(
            [
                ("partner_id", "=", cls.logistics.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
            ],
            order="invoice_date desc",
            limit=1,
        )
        # the month the demo ledger was generated in (its "0 months ago")
        cls.install_month = last_invoice.invoice_date.replace(day=1)
        cls.install_day = last_invoice.invoice_date

    @classmethod
    def _ref(cls, name):
        return cls.env.ref(f"account_mgmt_addon.{name}")

    # ------------------------------------------------------------------
    # The demo's rule
    # ------------------------------------------------------------------
    def _xmlid(self, partner):
        return next(x for x in DEMO_PROFILES if self._ref(x) == partner)

    def _revenue(self, partner, month):
        """The demo ledger's revenue of ``partner`` in ``month`` (its profile)."""
        xmlid = self._xmlid(partner)
        months_ago = (self.install_month.year - month.year) * 12 + (
            self.install_month.month - month.month
        )
        invoiced, lines, _currency, _unpaid = DEMO_PROFILES[xmlid]
        amount = 0.0
        if months_ago in invoiced:
            amount += sum(qty * price for _product, qty, price in lines)
        for ago, _product, qty, price in DEMO_CREDIT_NOTES.get(xmlid, ()):
            if ago == months_ago:
                amount -= qty * price
        return amount

    def _months(self, date_from, date_to):
        months, month = [], date_from
        while month <= date_to:
            months.append(month)
            month += relativedelta(months=1)
        return months

    def _expected_budget(self, partner, months):
        """{month: amount} of the lines: last year's revenue x 1.1 (no line for a
        month of nothing)."""
        factor = 1 + DEMO_BUDGET_GROWTH / 100
        expected = {
            month: round(
                self._revenue(partner, month - relativedelta(years=1)) * factor, 2
            )
            for month in months
        }
        return {month: amount for month, amount in expected.items() if amount}

    def _expected_forecast(self, partner, months, current):
        """{month: amount} of the forecast lines: the average revenue of the 3
        months before the fiscal year; Helios's months from the current one are
        its manager's 5,000."""
        average = round(
            sum(
                self._revenue(partner, months[0] - relativedelta(months=n))
                for n in (1, 2, 3)
            )
            / 3,
            2,
        )
        if not average:
            return {}
        return {
            month: DEMO_FORECAST_HELIOS
            if partner == self.helios and month >= current
            else average
            for month in months
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _fresh_load(self):
        """Remove the installed demo versions, then load the demo."""
        for xmlid in (DEMO_BUDGET_XMLID, DEMO_FORECAST_XMLID):
            version = self.env.ref(xmlid, raise_if_not_found=False)
            if version:
                version.sudo().with_context(**{INTERNAL: True}).unlink()
        self.Demo._load_budget_demo()
        return self.env.ref(DEMO_BUDGET_XMLID), self.env.ref(DEMO_FORECAST_XMLID)

    def _lines(self, version, partner):
        lines = self.Line.search(
            [("budget_id", "=", version.id), ("partner_id", "=", partner.id)]
        )
        return {line.date: line.amount for line in lines}

    def _report(self, partner, date_from, date_to, user=None):
        """{month: (budget, forecast, actual revenue)} of the Budget vs Actual
        report, as ``user`` reads it."""
        report = self.env[REPORT]
        if user:
            report = report.with_user(user)
        rows = report._read_group(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", self.company.id),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ],
            ["date:month"],
            ["budget_amount:sum", "forecast_amount:sum", "actual_revenue:sum"],
        )
        return {
            fields.Date.to_date(month): (budget, forecast, actual)
            for month, budget, forecast, actual in rows
        }

    def _fiscal_year(self, today):
        """The demo company's fiscal year of ``today``: Odoo's default, the
        calendar year."""
        self.assertEqual(
            (self.company.fiscalyear_last_month, self.company.fiscalyear_last_day),
            ("12", 31),
        )
        return date(today.year, 1, 1), date(today.year, 12, 31)

    def _check_day(self, day):
        """Load the demo on ``day`` and check its figures from the demo's rule."""
        with freeze_time(day):
            today = fields.Date.context_today(self.Budget)
            budget, forecast = self._fresh_load()
            date_from, date_to = self._fiscal_year(today)
            months = self._months(date_from, date_to)
            self.assertEqual(
                (budget.kind, budget.state, budget.date_from, budget.date_to),
                ("budget", "approved", date_from, date_to),
            )
            self.assertEqual(
                (forecast.kind, forecast.state, forecast.date_from),
                ("forecast", "draft", date_from),
            )
            self.assertEqual(budget.user_id, self.users["fiona"])
            current = today.replace(day=1)
            for partner in (self.logistics, self.helios, self.pinnacle):
                expected = self._expected_budget(partner, months)
                self.assertEqual(self._lines(budget, partner), expected, partner.name)
                expected_forecast = self._expected_forecast(partner, months, current)
                self.assertEqual(
                    self._lines(forecast, partner), expected_forecast, partner.name
                )
                # the report: the budget and forecast beside the ledger's actual,
                # every month of the fiscal year that has any of them
                report = self._report(partner, date_from, date_to)
                for month in months:
                    row = (
                        expected.get(month, 0.0),
                        expected_forecast.get(month, 0.0),
                        self._revenue(partner, month),
                    )
                    self.assertEqual(
                        report.get(month, (0.0, 0.0, 0.0)), row, (partner.name, month)
                    )
            # Helios's forecast from the current month: its manager's cut, logged
            # (with the other lines' creation by finance, the baseline)
            cut = {
                m: a
                for m, a in self._lines(forecast, self.helios).items()
                if m >= current
            }
            adjustments = self.env["account_mgmt.budget.adjustment"].search(
                [
                    ("budget_id", "=", forecast.id),
                    ("user_id", "=", self.users["marc"].id),
                ]
            )
            self.assertEqual(
                {(a.partner_id, a.date, a.new_amount) for a in adjustments},
                {(self.helios, month, DEMO_FORECAST_HELIOS) for month in cut},
            )
            self.assertEqual(
                set(adjustments.mapped("reason")),
                {HELIOS_REASON} if cut else set(),
            )
            return budget, forecast, months

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_demo_budget_install_day(self):
        """On the install day, every month of last fiscal year has a ledger."""
        budget, forecast, months = self._check_day(self.install_day)
        self.assertEqual(len(months), 12)
        self.assertEqual(
            (budget.name, forecast.name),
            (f"Budget {months[0].year}", f"Forecast {months[0].year}"),
        )
        # Logistics: 3 sensors at 1,200 every month: 3,600 x 1.1 = 3,960 a month,
        # 47,520 the year.
        self.assertEqual(
            self._lines(budget, self.logistics), dict.fromkeys(months, 3960.0)
        )
        self.assertEqual(sum(self._lines(budget, self.logistics).values()), 47520.0)
        # Its report row of the first month: budget 3,960, actual 3,600.
        report = self._report(self.logistics, months[0], months[0])
        self.assertEqual(report[months[0]], (3960.0, 3600.0, 3600.0))
        # Helios: 2 control units at 3,500 + installation 800 = 7,800 a month
        # (8,580 budgeted), less the credit note of 800 ten months before install.
        note_month = self.install_month - relativedelta(months=10)
        expected = dict.fromkeys(months, 8580.0)
        if note_month + relativedelta(years=1) in expected:
            expected[note_month + relativedelta(years=1)] = 7700.0
        self.assertEqual(self._lines(budget, self.helios), expected)
        # Budget vs Forecast differs on Helios from the current month: 5,000
        # forecast against at least 7,700 budgeted.
        with freeze_time(self.install_day):
            current = fields.Date.context_today(self.Budget).replace(day=1)
        helios_forecast = self._lines(forecast, self.helios)
        self.assertEqual(helios_forecast[current], 5000.0)
        self.assertGreaterEqual(self._lines(budget, self.helios)[current], 7700.0)
        # Pinnacle: 4 sensors at 1,200 every 3 months: 5,280 in 4 of the 12 months.
        self.assertEqual(
            sorted(set(self._lines(budget, self.pinnacle).values())), [5280.0]
        )
        self.assertEqual(len(self._lines(budget, self.pinnacle)), 4)

    def test_demo_budget_any_day(self):
        for day in DAYS:
            with self.subTest(day=day):
                self._check_day(day)

    def test_demo_budget_fiscal_year(self):
        """A fiscal year ending on 31 March: the demo budget covers April to
        March, the one of the install day."""
        self.company.write({"fiscalyear_last_month": "3", "fiscalyear_last_day": 31})
        year = self.install_day.year - (self.install_day.month < 4)
        with freeze_time(self.install_day):
            budget, forecast = self._fresh_load()
        self.assertEqual(
            (budget.name, budget.date_from, budget.date_to, budget.state),
            (
                f"Budget {year}/{year + 1}",
                date(year, 4, 1),
                date(year + 1, 3, 31),
                "approved",
            ),
        )
        self.assertEqual(
            (forecast.name, forecast.date_from, forecast.date_to),
            (f"Forecast {year}/{year + 1}", date(year, 4, 1), date(year + 1, 3, 31)),
        )
        # Logistics: 3,960 every month of the 12 (3,600 a month a year before, all
        # within the 24 months of the demo ledger), 47,520 the year.
        lines = self._lines(budget, self.logistics)
        self.assertEqual(len(lines), 12)
        self.assertEqual(set(lines.values()), {3960.0})
        self.assertEqual(min(lines), date(year, 4, 1))

    def test_demo_budget_idempotent(self):
        with freeze_time(self.install_day):
            budget, forecast = self._fresh_load()
            self.Demo._load_budget_demo()
            self.Demo._load_budget_demo()
        demo = self.Budget.search(
            [
                ("company_id", "=", self.company.id),
                ("name", "in", (budget.name, forecast.name)),
            ]
        )
        self.assertEqual(demo, budget | forecast)
        self.assertEqual(
            self.Budget.search_count(
                [
                    ("company_id", "=", self.company.id),
                    ("kind", "=", "budget"),
                    ("state", "=", "approved"),
                    ("date_from", "<=", budget.date_to),
                    ("date_to", ">=", budget.date_from),
                ]
            ),
            1,
        )

    def test_demo_budget_access(self):
        """Finance and directors see every line; an account manager the lines of
        the accounts they manage or are on the team of (README's roles table)."""
        with freeze_time(self.install_day):
            budget, _forecast = self._fresh_load()
        cases = {
            # user: {account: visible}
            "fiona": {self.logistics: True, self.pinnacle: True},
            "diane": {self.logistics: True, self.pinnacle: True},
            "amanda": {self.logistics: True, self.helios: True, self.pinnacle: False},
            "marc": {self.pinnacle: True, self.helios: True},
        }
        for name, accounts in cases.items():
            user = self.users[name]
            for account, visible in accounts.items():
                # the account's first budgeted month
                month = min(self._lines(budget, account))
                with self.subTest(user=name, account=account.name):
                    lines = self.Line.with_user(user).search(
                        [
                            ("budget_id", "=", budget.id),
                            ("partner_id", "=", account.id),
                            ("date", "=", month),
                        ]
                    )
                    self.assertEqual(bool(lines), visible)
                    rows = self._report(account, month, month, user=user)
                    self.assertEqual(bool(rows), visible)
                    if visible:
                        self.assertEqual(
                            lines.amount,
                            self._expected_budget(account, [month])[month],
                        )
                        self.assertEqual(rows[month][0], lines.amount)
        # an account manager reads the version, with the total of their accounts
        self.assertEqual(
            budget.with_user(self.users["amanda"]).amount_total,
            sum(
                self.Line.with_user(self.users["amanda"])
                .search([("budget_id", "=", budget.id)])
                .mapped("amount")
            ),
        )
