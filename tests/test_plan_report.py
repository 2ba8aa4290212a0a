# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The "Account Development Plan" PDF, rendered by wkhtmltopdf."""

import os
import shutil
import subprocess
import tempfile

from odoo import Command
from odoo.tests import tagged

from .plan_common import PlanCommon

REPORT = "account_mgmt_addon.account_mgmt_plan_report_action"


@tagged("post_install", "-at_install")
class TestPlanReport(PlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._post_move(cls.account, "2024-03-15", [(cls.product_goods, 10, 1000.0)])
        cls._post_move(
            cls.account,
            "2024-04-10",
            [(cls.product_goods, 1, 1500.0)],
            move_type="out_refund",
        )
        lead = cls.env["crm.lead"].create(
            {
                "name": "Warehouse retrofit",
                "type": "opportunity",
                "partner_id": cls.account.id,
                "user_id": cls.user_manager.id,
                "expected_revenue": 12000.0,
                "probability": 50.0,
            }
        )
        cls.plan = cls._plan(
            revenue_target=20000.0,
            margin_target=5000.0,
            strengths="<p>Trusted by operations</p>",
            threats="<p>Cheaper competitor</p>",
            lead_ids=[Command.set(lead.ids)],
            stakeholder_ids=[
                Command.create(
                    {
                        "contact_id": cls.contact.id,
                        "role": "economic_buyer",
                        "influence": "high",
                        "relationship": "supporter",
                    }
                )
            ],
            objectives=[
                ("revenue", 20000.0, "Grow revenue to twenty thousand"),
                ("margin_percent", 40.0, "Keep margins healthy"),
            ],
        )
        cls.plan.env["account_mgmt.plan.action"].create(
            {
                "objective_id": cls.plan.objective_ids[0].id,
                "name": "Present the support offer",
                "date_deadline": "2024-05-15",
            }
        )

    def test_pdf_renders_the_plan(self):
        if not shutil.which("pdftotext"):
            self.fail("pdftotext (poppler-utils) is needed to read the PDF back")
        self.assertEqual(
            self.env["ir.actions.report"].get_wkhtmltopdf_state(),
            "ok",
            "wkhtmltopdf must be installed to print account plans",
        )
        # Anna sees her account's margin: the company lets managers see it.
        self.company.account_mgmt_managers_see_profitability = True
        Report = self.env["ir.actions.report"].with_user(self.user_manager)
        pdf, report_type = Report.with_context(
            force_report_rendering=True
        )._render_qweb_pdf(REPORT, self.plan.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "plan.pdf")
            with open(path, "wb") as file:
                file.write(pdf)
            if os.environ.get("ACCOUNT_MGMT_KEEP_PDF"):
                shutil.copy(path, os.environ["ACCOUNT_MGMT_KEEP_PDF"])
            text = subprocess.run(
                ["pdftotext", "-layout", path, "-"],
                check=True,
                capture_output=True,
                text=True,
                timeout=60,
            ).stdout
        for expected in (
            "Account Development Plan",
            "Acme Group",
            "Grow revenue to twenty thousand",
            "Keep margins healthy",
            # revenue actual: 10,000 - 1,500 = 8,500; target 20,000
            "8,500.00",
            "20,000.00",
            # margin actual: 8,500 - 9 x 600 = 3,100 (target 5,000)
            "3,100.00",
            # margin %: 3,100 / 8,500 = 36.5 %
            "36.5 %",
            # margin progress 3,100 / 5,000 = 62 %
            "62 %",
            "Trusted by operations",
            "Cheaper competitor",
            "Alice Buyer",
            "Economic Buyer",
            "Warehouse retrofit",
            # weighted pipeline 12,000 x 50 % = 6,000; gap 20,000 - 8,500 - 6,000
            "6,000.00",
            "5,500.00",
            "Present the support offer",
        ):
            self.assertIn(expected, text)
