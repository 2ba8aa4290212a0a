# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""In Chromium: finance opens Client Profitability, drills into an account's
journal items and exports the report to XLSX."""

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import tagged

from .tour_common import TourCommon


@tagged("post_install", "-at_install")
class TestProfitabilityTour(TourCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls._tour_user("tour_profit_fin", "finance")
        cls.account = cls.env["res.partner"].create(
            {"name": "Tour Profit Account", "is_company": True}
        )
        # In "Last 12 Months" (the report's default filter: the complete months
        # before the current one) on any day, whether the browser's today or the
        # user's is the later of the two: the 10th of the month before last.
        day = fields.Date.today().replace(day=10) - relativedelta(months=2)
        cls.invoice = (
            cls.env["account.move"]
            .with_company(cls.company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.account.id,
                    "invoice_date": day,
                    "date": day,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Tour consulting",
                                "quantity": 2,
                                "price_unit": 1500.0,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        cls.invoice.action_post()

    def test_pivot_drill_down_export(self):
        Export = self.env["account_mgmt.profitability.export"]
        self.start_tour(
            "/odoo/action-account_mgmt_addon.account_mgmt_profitability_report_action",
            "account_mgmt_profitability_finance",
            login=self.user.login,
        )
        # The XLSX button saved the wizard as finance and ran the export on it.
        wizard = Export.search([("create_uid", "=", self.user.id)])
        self.assertEqual(len(wizard), 1)
        action = wizard.with_user(self.user).action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_type"], "xlsx")
        # The drill-down's server side: the rows of the account open its journal
        # items, the invoice's 2 x 1,500 = 3,000 revenue line among them.
        Report = self.env["account_mgmt.profitability.report"].with_user(self.user)
        drill = Report.action_open_journal_items_domain(
            [("partner_id", "=", self.account.id)]
        )
        lines = self.env["account.move.line"].search(drill["domain"])
        revenue = lines.filtered(lambda line: line.display_type == "product")
        self.assertEqual(revenue.move_id, self.invoice)
        self.assertEqual(sum(revenue.mapped("credit")), 3000.0)
