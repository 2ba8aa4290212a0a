# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""XLSX and PDF exports of client profitability, and the client's account review.

Ledger: Alpha 2 Widgets at 1,000 (cost 600) + 1 Consulting Day at 800 (cost 300)
on 10 Jan 2025, 1 Widget on 5 Feb; Beta 3 Widgets on 15 Jan; a 400 bill on Alpha's
analytic account; a 600 January pool split equally (300 each).
"""

import io
import shutil
import subprocess
import tempfile

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .profitability_common import REPORT, ProfitabilityCommon


@tagged("post_install", "-at_install")
class TestProfitabilityExports(ProfitabilityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        goods, service = cls.product_goods, cls.product_service
        cls._post_move(
            cls.alpha, "2025-01-10", [(goods, 2, 1000.0), (service, 1, 800.0)]
        )
        cls._post_move(cls.alpha, "2025-02-05", [(goods, 1, 1000.0)])
        cls._post_move(cls.beta, "2025-01-15", [(goods, 3, 1000.0)])
        cls._vendor_bill("2025-01-25", 400.0, analytic=cls.analytic_alpha)
        cls._pool(
            "January", "2025-01-01", "2025-01-31", 600.0, "equal"
        ).action_allocate()
        cls.wizard = cls.env["account_mgmt.profitability.export"].create(
            {
                "date_from": "2025-01-01",
                "date_to": "2025-02-28",
                "groupby": "partner_id",
                "company_ids": cls.company.ids,
                "partner_ids": (cls.alpha | cls.beta).ids,
            }
        )

    def _pdf_text(self, report_ref, res_ids):
        if not shutil.which("pdftotext"):
            self.fail("pdftotext (poppler-utils) is required by this test")
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report_ref, res_ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            return subprocess.run(
                ["pdftotext", "-layout", file.name, "-"],
                capture_output=True,
                check=True,
                text=True,
                timeout=60,
            ).stdout

    def test_lines(self):
        lines, total = self.wizard._get_lines()
        # Alpha: revenue 2,800 + 1,000 = 3,800; COGS 1,500 + 600 = 2,100; margin
        # 1,700 (44.74 %); direct 400, allocated 300: net 1,000 (26.32 %).
        # Beta: 3,000 - 1,800 = 1,200 (40 %); allocated 300: net 900 (30 %).
        self.assertEqual(
            [line["label"] for line in lines], [self.alpha.name, self.beta.name]
        )
        alpha, beta = lines
        self.assertAlmostEqual(alpha["revenue"], 3800.0)
        self.assertAlmostEqual(alpha["cogs"], 2100.0)
        self.assertAlmostEqual(alpha["margin_percent"], 100 * 1700 / 3800)
        self.assertAlmostEqual(alpha["net_contribution"], 1000.0)
        self.assertAlmostEqual(beta["net_contribution"], 900.0)
        # Total: 6,800 revenue, 2,900 margin (42.65 %), net 1,900 (27.94 %).
        self.assertAlmostEqual(total["revenue"], 6800.0)
        self.assertAlmostEqual(total["margin_percent"], 100 * 2900 / 6800)
        self.assertAlmostEqual(total["net_margin_percent"], 100 * 1900 / 6800)
        self.wizard.groupby = "date:month"
        lines, _total = self.wizard._get_lines()
        # January: 2,800 + 3,000; February: 1,000.
        self.assertEqual([line["revenue"] for line in lines], [5800.0, 1000.0])
        self.assertEqual(lines[0]["label"], "January 2025")

    def test_xlsx_holds_the_report_figures(self):
        content, file_type = self.env["ir.actions.report"]._render_xlsx(
            "account_mgmt_addon.account_mgmt_profitability_xlsx_action",
            self.wizard.ids,
            None,
        )
        self.assertEqual(file_type, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        header = [cell.value for cell in sheet[4]]
        self.assertEqual(
            header,
            [
                "Account",
                "Revenue",
                "Cost of Goods Sold",
                "Gross Margin",
                "Margin (%)",
                "Direct Cost",
                "Allocated Cost",
                "Net Contribution",
                "Net Margin (%)",
            ],
        )
        rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=5, values_only=True)}
        self.assertEqual(set(rows), {self.alpha.name, self.beta.name, "Total"})
        # Compare every cell with the report itself.
        report = self.env[REPORT]
        measures = [
            "revenue:sum",
            "cogs:sum",
            "gross_margin:sum",
            "margin_percent:avg",
            "direct_cost:sum",
            "allocated_cost:sum",
            "net_contribution:sum",
            "net_margin_percent:avg",
        ]
        domain = [
            ("partner_id", "in", (self.alpha | self.beta).ids),
            ("date", ">=", "2025-01-01"),
            ("date", "<=", "2025-02-28"),
        ]
        for partner, *figures in report._read_group(domain, ["partner_id"], measures):
            for cell, figure in zip(rows[partner.name], figures, strict=True):
                self.assertAlmostEqual(cell, figure, places=6)
        [total] = report._read_group(domain, [], measures)
        for cell, figure in zip(rows["Total"], total, strict=True):
            self.assertAlmostEqual(cell, figure, places=6)
        # The hand-computed totals: revenue 6,800, net contribution 1,900.
        self.assertEqual((rows["Total"][0], rows["Total"][6]), (6800.0, 1900.0))

    def test_client_profitability_pdf(self):
        text = self._pdf_text(
            "account_mgmt_addon.account_mgmt_profitability_pdf_action", self.wizard.ids
        )
        self.assertIn("Client Profitability", text)
        self.assertIn("Alpha Industries", text)
        self.assertIn("Beta GmbH", text)
        self.assertIn("3,800.00", text)  # Alpha's revenue
        self.assertIn("1,900.00", text)  # total net contribution
        self.assertIn("44.7", text)  # Alpha's margin: 1,700 / 3,800

    @freeze_time("2025-02-20")
    def test_account_review_pdf(self):
        text = self._pdf_text(
            "account_mgmt_addon.account_mgmt_account_review_action", self.alpha.ids
        )
        self.assertIn("Account Review", text)
        self.assertIn("Alpha Industries", text)
        # Purchases: 2,800 in January, 1,000 in February.
        self.assertIn("2,800.00", text)
        self.assertIn("3,800.00", text)
        # Never costs nor margins.
        for word in ("Margin", "Cost", "COGS", "Contribution"):
            self.assertNotIn(word, text)
        # Printed by the account's team, finance and directors only.
        report = self.env["ir.actions.report"].with_user(self.user_manager2)
        with self.assertRaises(AccessError):
            report._render_qweb_html(
                "account_mgmt_addon.account_mgmt_account_review_action", self.alpha.ids
            )

    @freeze_time("2025-02-20")
    def test_account_review_prints_what_the_client_may_read(self):
        Interaction = self.env["account_mgmt.interaction"].sudo()
        for subject, shared in (
            ("Churn risk discussed internally", False),
            ("Quarterly business review", True),
        ):
            Interaction.create(
                {
                    "partner_id": self.alpha.id,
                    "subject": subject,
                    "date": "2025-02-03 10:00:00",
                    "client_visible": shared,
                }
            )
        text = self._pdf_text(
            "account_mgmt_addon.account_mgmt_account_review_action", self.alpha.ids
        )
        # Only the interaction marked as shareable.
        self.assertIn("Quarterly business review", text)
        self.assertNotIn("Churn risk", text)
        # Each amount column says its basis.
        self.assertIn("Untaxed Amount", text)
        self.assertIn("Amount Due (Tax Included)", text)
        self.assertNotIn("Amounts untaxed", text)
        # One product category ("All"): the products instead, Widgets 3,000 and
        # the Consulting Day 800 of 3,800 -> 79 % and 21 %.
        self.assertIn("Your purchases by product", text)
        self.assertNotIn("by product category", text)
        self.assertRegex(text, r"Widget\s.*3,000\.00.*79 %")
        self.assertRegex(text, r"Consulting Day\s.*800\.00.*21 %")
