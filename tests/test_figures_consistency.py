# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One scenario, the same revenue, cost and margin on every screen.

Today: 15 June 2026. The last 12 months: June 2025 to May 2026 (the current month
is never one of them). Company currency; 1 EUR = 1.25. The company posts
anglo-saxon COGS items. Widget: price 1,000, cost 600 then 650, kept in units.
Consulting Day: price 800, cost 300.33.

Northwind Holdings (the parent), whose invoices fall due 30 days after their date:

- 10 May 2025, outside the 12 months: 5 Widgets, 5,000 (cost 3,000);
- 10 Jun 2025: 2 Widgets + 2.5 Consulting Days: 2,000 + 2,000 = 4,000; cost
  1,200 + 2.5 x 300.33 = 750.825, rounded per line to 750.83: 1,950.83;
- 20 Nov 2025, in EUR: 4 Widgets at 1,000 EUR = 4,000 EUR = 5,000; cost 2,400;
- the Widget's cost goes from 600 to 650;
- 15 Jan 2026: 2 dozens of Widgets at 12,000 a dozen = 24,000; cost 2 x 12 x 650
  = 15,600;
- 10 Feb 2026, credit note (left open, an unapplied credit): 1 Widget, -1,000;
  cost -650;
- 20 May 2026: 3 Widgets, 3,000; cost 1,950; 1,000 of it paid on 1 June;
- 5 Jun 2026, the current month: 10 Widgets, 10,000 (cost 6,500);
- a 400 vendor bill of 10 Apr 2026 on its analytic account (direct cost), and a
  300 one of 3 Jun 2026.

Last 12 months: revenue 4,000 + 5,000 + 24,000 - 1,000 + 3,000 = 35,000; cost
1,950.83 + 2,400 + 15,600 - 650 + 1,950 = 21,250.83; margin 13,749.17 (39.28 %);
net contribution 13,749.17 - 400 = 13,349.17.

Northwind Retail (its subsidiary), whose invoices fall due on their date:

- 5 Sep 2025, a sales receipt: 3 Consulting Days, 2,400; cost 3 x 300.33 = 900.99;
- 3 Mar 2026, anglo-saxon: 2 Widgets, 2,000; its COGS items say 1,250.50 (not
  2 x 650).

Last 12 months: revenue 4,400; cost 2,151.49; margin 2,248.51 (51.10 %).

The group: revenue 39,400; cost 23,402.32; margin 15,997.68 (40.60 %); shares
88.83 % and 11.17 %.
"""

import io
import shutil
import subprocess
import tempfile
from datetime import date

import openpyxl
from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .profitability_common import REPORT, ProfitabilityCommon

TODAY = date(2026, 6, 15)
DATE_FROM, DATE_TO = date(2025, 6, 1), date(2026, 5, 31)
MONTHS = "Jun 2025 \N{EN DASH} May 2026"

NORTHWIND = {
    "revenue": 35000.0,
    "cogs": 21250.83,
    "gross_margin": 13749.17,
    "direct_cost": 400.0,
    "allocated_cost": 0.0,
    "net_contribution": 13349.17,
}
RETAIL = {
    "revenue": 4400.0,
    "cogs": 2151.49,
    "gross_margin": 2248.51,
    "direct_cost": 0.0,
    "allocated_cost": 0.0,
    "net_contribution": 2248.51,
}
GROUP = {"revenue": 39400.0, "cogs": 23402.32, "gross_margin": 15997.68}


@tagged("post_install", "-at_install")
class TestFiguresConsistency(ProfitabilityCommon):
    freeze_time = "2026-06-15 12:00:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.anglo_saxon_accounting = True
        goods, service = cls.product_goods, cls.product_service
        service.standard_price = 300.33
        cls.northwind = cls._account(
            "Northwind Holdings",
            account_manager_id=cls.user_manager.id,
            # Its invoices fall due 30 days after their date, the subsidiary's
            # on their date.
            property_payment_term_id=cls.env.ref(
                "account.account_payment_term_30days"
            ).id,
        )
        cls.retail = cls._account(
            "Northwind Retail",
            parent_id=cls.northwind.id,
            account_manager_id=cls.user_manager.id,
            property_payment_term_id=cls.env.ref(
                "account.account_payment_term_immediate"
            ).id,
        )
        project_plan, _other_plans = cls.env["account.analytic.plan"]._get_all_plans()
        analytic = cls.env["account.analytic.account"].create(
            {
                "name": "Northwind (client)",
                "plan_id": project_plan.id,
                "partner_id": cls.northwind.id,
                "company_id": cls.company.id,
            }
        )
        cls._post_move(cls.northwind, "2025-05-10", [(goods, 5, 1000.0)])
        cls._post_move(
            cls.northwind, "2025-06-10", [(goods, 2, 1000.0), (service, 2.5, 800.0)]
        )
        cls._post_move(cls.retail, "2025-09-05", [(service, 3, 800.0)], "out_receipt")
        cls._post_move(
            cls.northwind, "2025-11-20", [(goods, 4, 1000.0)], currency=cls.eur
        )
        goods.standard_price = 650.0
        dozens = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.northwind.id,
                "invoice_date": "2026-01-15",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": goods.id,
                            "product_uom_id": cls.env.ref("uom.product_uom_dozen").id,
                            "quantity": 2,
                            "price_unit": 12000.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        dozens.action_post()
        cls.credit_note = cls._post_move(
            cls.northwind, "2026-02-10", [(goods, 1, 1000.0)], "out_refund"
        )
        cls._post_anglo_saxon(cls.retail, "2026-03-03", 2, 1000.0, 1250.50)
        cls.may = cls._post_move(cls.northwind, "2026-05-20", [(goods, 3, 1000.0)])
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=cls.may.ids
        ).create(
            {
                "amount": 1000.0,
                "payment_date": "2026-06-01",
                "payment_difference_handling": "open",
            }
        )._create_payments()
        cls._post_move(cls.northwind, "2026-06-05", [(goods, 10, 1000.0)])
        cls._vendor_bill("2026-04-10", 400.0, analytic=analytic)
        cls._vendor_bill("2026-06-03", 300.0, analytic=analytic)
        # Tiers: only Key (a group revenue of 39,000 at least) and a fallback.
        Tier = cls.env["account_mgmt.tier"].sudo()
        Tier.search([("company_id", "=", False)]).active = False
        cls.key, cls.other = Tier.create(
            [
                {
                    "name": "Key",
                    "code": "C-KEY",
                    "sequence": 1,
                    "company_id": cls.company.id,
                    "min_annual_revenue": 39000,
                },
                {
                    "name": "Other",
                    "code": "C-OTHER",
                    "sequence": 2,
                    "company_id": cls.company.id,
                },
            ]
        )
        cls.env["res.partner"].sudo()._account_mgmt_recompute_tiers(cls.company)
        # Health: the revenue trend over 12 months, against the 12 before.
        cls.env["account_mgmt.health.measure"].sudo().search(
            [("company_id", "=", cls.company.id), ("code", "=", "revenue_trend")]
        ).trend_months = 12
        cls.env["account_mgmt.health.measure"].sudo().search(
            [("company_id", "=", cls.company.id), ("code", "=", "overdue_receivables")]
        ).overdue_days = 30
        cls.snapshots = (
            cls.env["account_mgmt.health.snapshot"]
            .sudo()
            ._recompute_accounts(
                partners=cls.northwind | cls.retail, companies=cls.company, date=TODAY
            )
        )
        cls.accounts = cls.northwind | cls.retail
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=cls.company.ids)
        )

    @classmethod
    def _post_anglo_saxon(cls, partner, day, quantity, price, cost):
        """An invoice whose entry holds the product's COGS items (stock
        valuation): ``cost`` on the expense account."""
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": day,
                "date": day,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product_goods.id,
                            "quantity": quantity,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        interim = cls.company_data["default_account_assets"]
        invoice.write(
            {
                "line_ids": [
                    Command.create(
                        {
                            "display_type": "cogs",
                            "name": "COGS",
                            "product_id": cls.product_goods.id,
                            "quantity": quantity,
                            "account_id": account.id,
                            "balance": balance,
                        }
                    )
                    for account, balance in (
                        (cls.expense_account, cost),
                        (interim, -cost),
                    )
                ]
            }
        )
        invoice.action_post()
        return invoice

    def _report_figures(self, groupby, domain=None):
        measures = [
            "revenue:sum",
            "cogs:sum",
            "gross_margin:sum",
            "direct_cost:sum",
            "allocated_cost:sum",
            "net_contribution:sum",
        ]
        names = [measure.split(":")[0] for measure in measures]
        domain = domain or [("date", ">=", DATE_FROM), ("date", "<=", DATE_TO)]
        return {
            key: dict(zip(names, figures, strict=True))
            for key, *figures in self.env[REPORT]._read_group(
                [("partner_id", "in", self.accounts.ids), *domain],
                [groupby],
                measures,
            )
        }

    def assertAmounts(self, actual, expected):
        for fname, amount in expected.items():
            self.assertAlmostEqual(actual[fname], amount, places=2, msg=fname)

    def test_the_last_12_months(self):
        Partner = self.env["res.partner"]
        self.assertEqual(Partner._account_mgmt_period(), (DATE_FROM, DATE_TO))
        self.assertEqual(self.northwind.account_figures_period, MONTHS)
        # The report's "Last 12 Months" filter covers the same months.
        view = self.env.ref(
            "account_mgmt_addon.account_mgmt_profitability_report_view_search"
        )
        node = etree.fromstring(view.arch).find(
            ".//filter[@name='filter_last_12_months']"
        )
        domain = safe_eval(
            node.get("domain"),
            {"context_today": lambda: TODAY, "relativedelta": relativedelta},
        )
        self.assertEqual(
            domain, [("date", ">=", "2025-06-01"), ("date", "<", "2026-06-01")]
        )
        by_account = self._report_figures("partner_id", domain)
        self.assertAmounts(by_account[self.northwind], NORTHWIND)

    def test_partner_form(self):
        northwind = self.northwind.with_user(self.user_finance)
        # Tiering figures of the account...
        self.assertAlmostEqual(northwind.account_annual_revenue, 35000.0, places=2)
        self.assertAlmostEqual(northwind.account_gross_margin, 13749.17, places=2)
        self.assertAlmostEqual(northwind.account_margin_percent, 39.28, places=2)
        # ... and its profitability, over the same months.
        self.assertTrue(northwind.account_profit_visible)
        self.assertAlmostEqual(northwind.account_profit_revenue, 35000.0, places=2)
        self.assertAlmostEqual(
            northwind.account_profit_gross_margin, 13749.17, places=2
        )
        self.assertAlmostEqual(northwind.account_profit_margin_percent, 39.28, 2)
        self.assertAlmostEqual(
            northwind.account_profit_net_contribution, 13349.17, places=2
        )
        retail = self.retail.with_user(self.user_finance)
        self.assertAlmostEqual(retail.account_annual_revenue, 4400.0, places=2)
        self.assertAlmostEqual(retail.account_gross_margin, 2248.51, places=2)
        self.assertAlmostEqual(retail.account_margin_percent, 51.10, places=2)
        self.assertAlmostEqual(retail.account_profit_revenue, 4400.0, places=2)
        self.assertAlmostEqual(retail.account_profit_gross_margin, 2248.51, places=2)
        # The form shows one block of figures of the last 12 months.
        arch = self.env["res.partner"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        form = etree.fromstring(arch)
        self.assertEqual(
            len(form.xpath("//field[@name='account_annual_revenue']")), 2
        )  # the account's, and a column of the group members
        self.assertFalse(form.xpath("//field[@name='account_profit_revenue']"))
        self.assertFalse(form.xpath("//group[@name='account_mgmt_profitability']"))

    def test_tiering_and_tier_history(self):
        for account in self.accounts:
            account = account.with_company(self.company)
            self.assertEqual(account.account_tier_id, self.key)
            self.assertAlmostEqual(account.account_group_revenue, 39400.0, places=2)
            self.assertAlmostEqual(
                account.account_group_gross_margin, 15997.68, places=2
            )
            self.assertAlmostEqual(account.account_group_margin_percent, 40.60, 2)
        self.assertAlmostEqual(
            self.northwind.with_company(self.company).account_group_share, 88.83, 2
        )
        self.assertAlmostEqual(
            self.retail.with_company(self.company).account_group_share, 11.17, 2
        )
        history = self.env["account_mgmt.tier.history"].search(
            [
                ("partner_id", "=", self.northwind.id),
                ("company_id", "=", self.company.id),
            ]
        )
        self.assertEqual(len(history), 1)
        self.assertEqual(history.new_tier_id, self.key)
        self.assertAlmostEqual(history.annual_revenue, 39400.0, places=2)
        self.assertAlmostEqual(history.gross_margin, 15997.68, places=2)
        self.assertAlmostEqual(history.margin_percent, 40.60, places=2)
        self.assertTrue(history.is_group_figures)
        self.assertIn(MONTHS, history.reason)

    def test_group_totals(self):
        # The Group Total of the form and the report's roll-up by group.
        by_group = self._report_figures("parent_group_id")
        self.assertEqual(set(by_group), {self.northwind})
        self.assertAmounts(by_group[self.northwind], GROUP)
        # The accounts list's total per tier.
        [(tier, revenue)] = (
            self.env["res.partner"]
            .with_company(self.company)
            ._read_group(
                [("id", "in", self.accounts.ids)],
                ["account_tier_id"],
                ["account_annual_revenue:sum"],
            )
        )
        self.assertEqual(tier, self.key)
        self.assertAlmostEqual(revenue, 39400.0, places=2)

    def test_plan_actuals(self):
        plan = (
            self.env["account_mgmt.plan"]
            .sudo()
            .create(
                {
                    "name": "Northwind, last 12 months",
                    "partner_id": self.northwind.id,
                    "user_id": self.user_manager.id,
                    "company_id": self.company.id,
                    "date_start": DATE_FROM,
                    "date_end": DATE_TO,
                }
            )
        )
        # The account and its subsidiary.
        self.assertAlmostEqual(plan.revenue_actual, GROUP["revenue"], places=2)
        self.assertAlmostEqual(plan.margin_actual, GROUP["gross_margin"], places=2)

    def test_health_and_portfolio(self):
        snapshots = {snapshot.partner_id: snapshot for snapshot in self.snapshots}
        northwind = snapshots[self.northwind]
        self.assertAlmostEqual(northwind.revenue_12m, 35000.0, places=2)
        self.assertAlmostEqual(snapshots[self.retail].revenue_12m, 4400.0, places=2)
        # The measure's detail: 35,000 against the 5,000 of June 2024 - May 2025.
        line = northwind.line_ids.filtered(lambda line: line.code == "revenue_trend")
        self.assertIn("35,000.00", line.value_display)
        self.assertIn("5,000.00", line.value_display)
        # The director's overview (health snapshots by tier) and the accounts list
        # total the same revenue per tier.
        [(tier, revenue)] = self.env["account_mgmt.health.snapshot"]._read_group(
            [("id", "in", self.snapshots.ids)], ["tier_id"], ["revenue_12m:sum"]
        )
        self.assertEqual(tier, self.key)
        self.assertAlmostEqual(revenue, 39400.0, places=2)

    def test_profitability_report(self):
        by_account = self._report_figures("partner_id")
        self.assertAmounts(by_account[self.northwind], NORTHWIND)
        self.assertAmounts(by_account[self.retail], RETAIL)

    def _export(self):
        return self.env["account_mgmt.profitability.export"].create(
            {
                "date_from": DATE_FROM,
                "date_to": DATE_TO,
                "groupby": "partner_id",
                "company_ids": self.company.ids,
                "partner_ids": self.accounts.ids,
            }
        )

    def test_xlsx(self):
        content, file_type = self.env["ir.actions.report"]._render_xlsx(
            "account_mgmt_addon.account_mgmt_profitability_xlsx_action",
            self._export().ids,
            None,
        )
        self.assertEqual(file_type, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=5, values_only=True)}
        # Revenue, COGS, gross margin, margin %, direct, allocated, net, net %.
        for name, figures in (
            (self.northwind.name, NORTHWIND),
            (self.retail.name, RETAIL),
        ):
            row = rows[name]
            self.assertAlmostEqual(row[0], figures["revenue"], places=2)
            self.assertAlmostEqual(row[1], figures["cogs"], places=2)
            self.assertAlmostEqual(row[2], figures["gross_margin"], places=2)
            self.assertAlmostEqual(row[6], figures["net_contribution"], places=2)
        self.assertAlmostEqual(rows["Total"][0], 39400.0, places=2)
        self.assertAlmostEqual(rows["Total"][2], 15997.68, places=2)

    def test_pdf(self):
        if not shutil.which("pdftotext"):
            self.fail("pdftotext (poppler-utils) is required by this test")
        pdf, __ = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "account_mgmt_addon.account_mgmt_profitability_pdf_action",
                self._export().ids,
            )
        )
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            text = subprocess.run(
                ["pdftotext", "-layout", file.name, "-"],
                capture_output=True,
                check=True,
                text=True,
                timeout=60,
            ).stdout
        for amount in (
            "35,000.00",
            "21,250.83",
            "13,749.17",
            "13,349.17",
            "4,400.00",
            "2,151.49",
            "2,248.51",
            "39,400.00",
            "15,997.68",
        ):
            self.assertIn(amount, text)

    def _receivable_figures(self, user):
        """Open, overdue and oldest overdue days per account, from the
        receivables report's grouped read (its pivot and list totals)."""
        return {
            group["partner_id"][0]: (
                group["amount_residual"],
                group["amount_overdue"],
                group["days_overdue"],
            )
            for group in self.env["account_mgmt.receivable.report"]
            .with_user(user)
            .read_group(
                [("partner_id", "in", self.accounts.ids)],
                ["amount_residual:sum", "amount_overdue:sum", "days_overdue:max"],
                ["partner_id"],
            )
        }

    def test_receivables_everywhere(self):
        """Open receivable, overdue and DSO on 15 June 2026.

        Northwind's open items (its invoices fall due 30 days after their date):
        10 May 2025, 5,000 (due 9 Jun 2025); 10 Jun 2025, 4,000 (due 10 Jul
        2025); 20 Nov 2025, 5,000 (due 20 Dec 2025); 15 Jan 2026, 24,000 (due 14
        Feb 2026); the unapplied credit note of 10 Feb 2026, -1,000; 20 May 2026,
        3,000 less the 1,000 paid, 2,000 (due 19 Jun 2026, not due); 5 Jun 2026,
        10,000 (due 5 Jul 2026, not due).
        Open: 5,000 + 4,000 + 5,000 + 24,000 - 1,000 + 2,000 + 10,000 = 49,000.
        Past due: 38,000, less the 1,000 credit (applied to the most recent
        past-due item, January's): 37,000 overdue, all of it more than 30 and 60
        days; the oldest, 9 Jun 2025, is 371 days past due.
        Sales of the last 90 days (17 Mar - 15 Jun 2026): 3,000 + 10,000 =
        13,000; DSO 49,000 / 13,000 x 90 = 339.23 days, 339.2 on the form (one
        decimal).

        Northwind Retail (due on their date): 2,400 + 2,000 = 4,400 open and
        overdue, the oldest 5 Sep 2025, 283 days; no sales in the last 90 days:
        no DSO.
        """
        expected = {
            self.northwind: (49000.0, 37000.0, 371, 339.2),
            self.retail: (4400.0, 4400.0, 283, None),
        }
        # The receivables report, as finance and as the account manager.
        for user in (self.user_finance, self.user_manager):
            report = self._receivable_figures(user)
            for account, (open_, overdue, days, _dso) in expected.items():
                residual, overdue_report, days_report = report[account.id]
                self.assertAlmostEqual(residual, open_, places=2)
                self.assertAlmostEqual(overdue_report, overdue, places=2)
                self.assertEqual(days_report, days)
        # DSO from the report's open receivable and the same recent sales.
        sales = self.env["account_mgmt.receivable.report"]._get_recent_sales(
            self.accounts
        )
        self.assertEqual(set(sales), {self.northwind.id})
        self.assertAlmostEqual(sales[self.northwind.id], 13000.0, places=2)
        self.assertAlmostEqual(
            report[self.northwind.id][0] / sales[self.northwind.id] * 90,
            339.23,
            places=2,
        )
        # The partner form.
        for account, (open_, overdue, days, dso) in expected.items():
            for user in (self.user_finance, self.user_manager):
                form = account.with_user(user)
                self.assertTrue(form.account_receivable_visible)
                self.assertAlmostEqual(form.account_open_receivable, open_, places=2)
                self.assertAlmostEqual(form.account_overdue_amount, overdue, places=2)
                self.assertEqual(form.account_oldest_overdue_days, days)
                self.assertEqual(form.account_dso_defined, dso is not None)
                self.assertEqual(form.account_dso, dso or 0.0)
        # The overdue items listed on the form (and in the reminder): every
        # past-due invoice, January's less the credit.
        items = self.northwind.with_user(self.user_finance).account_mgmt_overdue_ids
        self.assertEqual(
            sorted((item.date_maturity, item.amount_overdue) for item in items),
            [
                (date(2025, 6, 9), 5000.0),
                (date(2025, 7, 10), 4000.0),
                (date(2025, 12, 20), 5000.0),
                (date(2026, 2, 14), 23000.0),
            ],
        )
        # The health snapshot: its overdue figures and the measure's detail.
        snapshots = {snapshot.partner_id: snapshot for snapshot in self.snapshots}
        for account, (open_, overdue, _days, _dso) in expected.items():
            snapshot = snapshots[account]
            self.assertAlmostEqual(snapshot.overdue_amount, overdue, places=2)
            self.assertAlmostEqual(snapshot.overdue_60_amount, overdue, places=2)
            line = snapshot.line_ids.filtered(
                lambda line: line.code == "overdue_receivables"
            )
            self.assertEqual(
                line.value_display,
                f"$\N{NO-BREAK SPACE}{overdue:,.2f} of "
                f"$\N{NO-BREAK SPACE}{open_:,.2f} overdue more than 30 days",
            )
        # The portfolio card (the kanban reads the form's field), as the
        # account manager.
        cards = (
            self.env["res.partner"]
            .with_user(self.user_manager)
            .web_search_read(
                [("id", "in", self.accounts.ids)],
                {"account_overdue_amount": {}, "account_open_receivable": {}},
            )["records"]
        )
        self.assertEqual(
            {
                card["id"]: (
                    card["account_open_receivable"],
                    card["account_overdue_amount"],
                )
                for card in cards
            },
            {
                self.northwind.id: (49000.0, 37000.0),
                self.retail.id: (4400.0, 4400.0),
            },
        )

    def test_receivables_queries_do_not_depend_on_the_accounts(self):
        """The form's receivable figures of two accounts cost the queries of one:
        one grouped read of the report and one sum of recent sales."""
        fnames = [
            "account_open_receivable",
            "account_overdue_amount",
            "account_oldest_overdue_days",
            "account_dso",
        ]

        def read(accounts):
            self.env.invalidate_all()
            return accounts.with_user(self.user_finance).read(fnames)

        read(self.accounts)  # warm the registry caches (rules, groups)
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        read(self.retail)
        queries_one = self.env.cr.sql_log_count - before
        with self.assertQueryCount(queries_one):
            figures = read(self.accounts)
        self.assertEqual(
            [
                (row["account_open_receivable"], row["account_overdue_amount"])
                for row in figures
            ],
            [(49000.0, 37000.0), (4400.0, 4400.0)],
        )
