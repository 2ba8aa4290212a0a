# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""In Chromium: an account manager opens My Portfolio, opens a red account, logs a
call and sees the health breakdown move."""

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestHealthTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("base.main_company")
        cls.user = new_test_user(
            cls.env,
            login="tour_health_am",
            name="Tess Tour",
            # The set-up scores the account with the test's clock (UTC): the user
            # works in UTC too, or between 23:00 and midnight UTC the browser's
            # zone would date the call's new score tomorrow.
            tz="UTC",
            groups="base.group_user,account_mgmt_addon.group_account_manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        cls.account = cls.env["res.partner"].create(
            {
                "name": "Tour Red Account",
                "is_company": True,
                "account_manager_id": cls.user.id,
            }
        )
        # Never contacted since it was created, a year ago (no tier: cadence 90
        # days, zero from 270); its only invoice, two years old, is unpaid: recency
        # 0 and overdue 0, the trends have no sales to compare -> 0, red.
        cls.env.flush_all()
        cls.env.cr.execute(
            SQL(
                "UPDATE res_partner SET create_date = %s WHERE id = %s",
                fields.Datetime.now() - relativedelta(years=1),
                cls.account.id,
            )
        )
        cls.account.invalidate_recordset(["create_date"])
        product = cls.env["product.product"].create(
            {"name": "Tour Widget", "list_price": 500.0, "standard_price": 300.0}
        )
        invoice_date = fields.Date.today() - relativedelta(years=2)
        invoice = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.account.id,
                    "invoice_date": invoice_date,
                    "invoice_date_due": invoice_date,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": 1,
                                "price_unit": 500.0,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        invoice.action_post()
        # Scored on the user's day (the superuser's zone may already be tomorrow).
        cls.env["account_mgmt.health.snapshot"].with_context(
            tz=cls.user.tz
        )._recompute_accounts(partners=cls.account, companies=company)

    def test_portfolio_tour(self):
        account = self.account.with_company(self.env.ref("base.main_company"))
        self.assertEqual(account.account_health_band, "red")
        self.start_tour("/odoo", "account_mgmt_health_portfolio", login=self.user.login)
        interaction = self.env["account_mgmt.interaction"].search(
            [("partner_id", "=", self.account.id)]
        )
        self.assertEqual(interaction.subject, "Payment plan agreed")
        self.assertEqual(interaction.sentiment, "positive")
        # Logging the call rescored the account: recency and sentiment 100 (weights
        # 20 and 15), overdue 0 (15): (2,000 + 1,500) / 50 = 70 -> amber.
        account.invalidate_recordset()
        self.assertAlmostEqual(account.account_health_score, 70.0, places=2)
        self.assertEqual(account.account_health_band, "amber")
