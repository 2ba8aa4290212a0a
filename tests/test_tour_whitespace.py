# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""In Chromium, the whitespace screens as an account manager (issue 18): the
menu opens the list of whitespace with the period of its stored figures, the
row of account D and category C2 shows the hand-computed expected value (its 3
industry peers A, B and C all buy C2: 3,000, 5,000 and 4,000, median 4,000,
penetration 100 %: 4,000) and "Create Opportunity" lands on the opportunity."""

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import tagged

from .tour_common import TourCommon


@tagged("post_install", "-at_install")
class TestWhitespaceTour(TourCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.manager = cls._tour_user("tour_ws_am", "manager")
        industry = env["res.partner.industry"].create({"name": "Tour WS Industry"})
        categs = {
            name: env["product.category"].create({"name": f"Tour WS {name}"})
            for name in ("C1", "C2")
        }
        products = {
            name: env["product.product"].create(
                {"name": f"Tour WS product {name}", "categ_id": categ.id}
            )
            for name, categ in categs.items()
        }
        today = fields.Date.context_today(env["res.partner"])
        day = (today.replace(day=1) - relativedelta(months=2)).replace(day=10)
        cls.accounts = {}
        for key, sales in (
            ("A", {"C1": 1000, "C2": 3000}),
            ("B", {"C1": 2000, "C2": 5000}),
            ("C", {"C1": 500, "C2": 4000}),
            ("D", {"C1": 1500}),
        ):
            account = env["res.partner"].create(
                {
                    "name": f"Tour WS Account {key}",
                    "is_company": True,
                    "industry_id": industry.id,
                    "account_manager_id": cls.manager.id,
                }
            )
            cls.accounts[key] = account
            move = (
                env["account.move"]
                .with_company(cls.company)
                .create(
                    {
                        "move_type": "out_invoice",
                        "partner_id": account.id,
                        "invoice_date": day,
                        "date": day,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": products[name].id,
                                    "quantity": 1,
                                    "price_unit": amount,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                            for name, amount in sales.items()
                        ],
                    }
                )
            )
            move.action_post()
        cls.categ_c2 = categs["C2"]
        # The monthly job: the company's whitespace stored, for the period the
        # tour's user is in (their today: at 23:30 UTC on the last day of a
        # month, the test's superuser and the user may be in different months,
        # and the report then computes live for the user).
        env["account_mgmt.whitespace.line"].with_user(
            cls.manager
        ).sudo()._account_mgmt_compute(cls.company)

    def test_manager_creates_opportunity_from_whitespace(self):
        self.start_tour(
            "/odoo",
            "account_mgmt_whitespace_manager",
            login=self.manager.login,
        )
        lead = self.env["crm.lead"].search(
            [
                ("partner_id", "=", self.accounts["D"].id),
                ("account_mgmt_categ_id", "=", self.categ_c2.id),
            ]
        )
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.expected_revenue, 4000.0)
        self.assertEqual(lead.user_id, self.manager)
