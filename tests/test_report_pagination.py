# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Long tables of both PDFs, printed by this machine's wkhtmltopdf (unpatched Qt:
it repeats no thead and splits rows): every page showing rows shows the
table's column headers, and no row is split (each row's name and amount on
the same line of the same page).

Ledger: "Paginate 100" has 36 unpaid invoices, one on the 10th of each of the
36 months before the current one, of 1,000 + n (n = 1..36, no tax): its Account
Review lists 36 open invoices. 50 other accounts, "Paginate 101" to "Paginate
150", have one invoice each of 2,000 + 7 x k on the 10th of last month: the
Client Profitability by account over those 36 months has 51 rows and the total.
"""

import shutil
import subprocess
import tempfile

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .profitability_common import ProfitabilityCommon

REVIEW = "account_mgmt_addon.account_mgmt_account_review_action"
PROFITABILITY = "account_mgmt_addon.account_mgmt_profitability_pdf_action"


@tagged("post_install", "-at_install")
class TestReportPagination(ProfitabilityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["res.partner"])
        cls.first_day = today.replace(day=1) - relativedelta(months=36)
        cls.last_day = today.replace(day=1) - relativedelta(days=1)
        cls.reviewed = cls._account("Paginate 100")
        cls.invoices = {}
        for n in range(1, 37):
            day = today.replace(day=10) - relativedelta(months=n)
            move = cls._post_move(
                cls.reviewed, day, [(cls.product_service, 1, 1000.0 + n)]
            )
            cls.invoices[move.name] = f"{1000 + n:,}.00"
        cls.accounts = {cls.reviewed.name: f"{sum(range(1001, 1037)):,}.00"}
        last_month = today.replace(day=10) - relativedelta(months=1)
        for k in range(1, 51):
            account = cls._account(f"Paginate {100 + k}")
            cls._post_move(
                account, last_month, [(cls.product_service, 1, 2000.0 + 7 * k)]
            )
            cls.accounts[account.name] = f"{2000 + 7 * k:,}.00"

    def _pages(self, report_ref, res_ids):
        """The text of each page of the PDF, as pdftotext lays it out."""
        if not shutil.which("pdftotext"):
            self.fail("pdftotext (poppler-utils) is required by this test")
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report_ref, res_ids)
        )
        self.assertEqual(report_type, "pdf")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            text = subprocess.run(
                ["pdftotext", "-layout", file.name, "-"],
                capture_output=True,
                check=True,
                text=True,
                timeout=120,
            ).stdout
        return [page for page in text.split("\f") if page.strip()]

    def _assert_rows_whole_under_headers(self, pages, rows, headers):
        """Each row (name -> amount) is on exactly one line of one page, with its
        amount; each page with a row shows every column header."""
        found = dict.fromkeys(rows, 0)
        for number, page in enumerate(pages, start=1):
            lines = page.splitlines()
            on_page = [name for name in rows if any(name in line for line in lines)]
            if not on_page:
                continue
            for header in headers:
                with self.subTest(page=number, header=header):
                    self.assertIn(header, page)
            for name in on_page:
                matching = [line for line in lines if name in line]
                found[name] += len(matching)
                with self.subTest(page=number, row=name):
                    self.assertEqual(len(matching), 1)
                    self.assertIn(rows[name], matching[0])
        self.assertEqual(found, dict.fromkeys(rows, 1))

    def test_account_review_with_36_open_invoices(self):
        pages = self._pages(REVIEW, self.reviewed.ids)
        # 36 invoices do not fit on the first page.
        with_rows = [p for p in pages if any(name in p for name in self.invoices)]
        self.assertGreaterEqual(len(with_rows), 2)
        self._assert_rows_whole_under_headers(
            pages,
            self.invoices,
            [
                "Invoice",
                "Invoice Date",
                "Due Date",
                "Status",
                "Amount Due (Tax Included)",
            ],
        )

    def test_client_profitability_with_51_accounts(self):
        wizard = self.env["account_mgmt.profitability.export"].create(
            {
                "date_from": self.first_day,
                "date_to": self.last_day,
                "groupby": "partner_id",
                "company_ids": self.company.ids,
            }
        )
        lines, _total = wizard._get_lines()
        self.assertEqual(len(lines), 51)
        pages = self._pages(PROFITABILITY, wizard.ids)
        with_rows = [p for p in pages if any(name in p for name in self.accounts)]
        self.assertGreaterEqual(len(with_rows), 2)
        self._assert_rows_whole_under_headers(
            pages,
            self.accounts,
            # (the narrower headers wrap: "Net Margin" over "(%)")
            ["Account", "Revenue", "Gross Margin", "Net Contribution", "Net Margin"],
        )
