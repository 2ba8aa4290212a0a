# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Receivables per account: aging, DSO and the payment reminder, on 30 June 2025.

Gamma's invoices (untaxed, company currency), by due date:

====  ==========  ==========  ======  =============  =============
Inv   Date        Due         Amount  Days overdue   Bucket
====  ==========  ==========  ======  =============  =============
I1    2025-06-15  2025-07-15   1,000  0              not due
I2    2025-06-30  2025-06-30     700  0 (due today)  not due
I3    2025-05-01  2025-05-31   2,000  30             1-30 (500 paid: 1,500 due)
I4    2025-04-02  2025-05-30   3,000  31             31-60
I5    2025-04-01  2025-04-01   4,000  90             61-90
I6    2025-01-31  2025-03-31   5,000  91             over 90
====  ==========  ==========  ======  =============  =============

Open receivable 1,000 + 700 + 1,500 + 3,000 + 4,000 + 5,000 = 15,200; overdue
1,500 + 3,000 + 4,000 + 5,000 = 13,500; oldest 91 days. Revenue of the last 90
days (2 April to 30 June): I1 + I2 + I3 + I4 = 1,000 + 700 + 2,000 + 3,000 = 6,700
(I5, dated 1 April, is 90 days old: out). DSO = 15,200 / 6,700 x 90 = 204.18
(no taxes: the tax-inclusive basis changes nothing here; see
test_receivable_rules.py).
"""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .profitability_common import RECEIVABLES, ProfitabilityCommon


@tagged("post_install", "-at_install")
@freeze_time("2025-06-30")
class TestReceivable(ProfitabilityCommon):
    @classmethod
    def _invoice(cls, partner, date, due, amount):
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": date,
                "date": date,
                "invoice_date_due": due,
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product_service.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gamma = cls._account(
            "Gamma Retail",
            account_manager_id=cls.user_manager.id,
            email="info@gamma.example.com",
        )
        cls.gamma_billing = cls.env["res.partner"].create(
            {
                "name": "Gamma Accounts Payable",
                "type": "invoice",
                "parent_id": cls.gamma.id,
                "email": "ap@gamma.example.com",
            }
        )
        cls.i1 = cls._invoice(cls.gamma, "2025-06-15", "2025-07-15", 1000.0)
        cls.i2 = cls._invoice(cls.gamma, "2025-06-30", "2025-06-30", 700.0)
        cls.i3 = cls._invoice(cls.gamma, "2025-05-01", "2025-05-31", 2000.0)
        cls.i4 = cls._invoice(cls.gamma, "2025-04-02", "2025-05-30", 3000.0)
        cls.i5 = cls._invoice(cls.gamma, "2025-04-01", "2025-04-01", 4000.0)
        cls.i6 = cls._invoice(cls.gamma, "2025-01-31", "2025-03-31", 5000.0)
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=cls.i3.ids
        ).create({"amount": 500.0, "payment_date": "2025-06-01"})._create_payments()
        # Delta: one overdue invoice, no revenue in the last 90 days.
        cls.delta = cls._account("Delta Foods", account_manager_id=cls.user_manager2.id)
        cls.d1 = cls._invoice(cls.delta, "2025-01-10", "2025-02-09", 800.0)

    def test_aging_buckets(self):
        report = self.env[RECEIVABLES]
        buckets = dict(
            report._read_group(
                [("partner_id", "=", self.gamma.id)],
                ["aging_bucket"],
                ["amount_residual:sum"],
            )
        )
        self.assertEqual(
            buckets,
            {
                "0_not_due": 1700.0,
                "1_30": 1500.0,
                "31_60": 3000.0,
                "61_90": 4000.0,
                "over_90": 5000.0,
            },
        )
        days = {
            item.move_id: (item.days_overdue, item.aging_bucket, item.amount_overdue)
            for item in report.search([("partner_id", "=", self.gamma.id)])
        }
        self.assertEqual(
            days,
            {
                self.i1: (0, "0_not_due", 0.0),
                self.i2: (0, "0_not_due", 0.0),
                self.i3: (30, "1_30", 1500.0),
                self.i4: (31, "31_60", 3000.0),
                self.i5: (90, "61_90", 4000.0),
                self.i6: (91, "over_90", 5000.0),
            },
        )
        # Paid invoices leave the report.
        paid = self._invoice(self.gamma, "2025-06-01", "2025-06-10", 300.0)
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=paid.ids
        ).create({"payment_date": "2025-06-05"})._create_payments()
        self.assertFalse(report.search([("move_id", "=", paid.id)]))

    def test_partner_figures_and_dso(self):
        gamma = self.gamma.with_context(allowed_company_ids=self.company.ids)
        self.assertAlmostEqual(gamma.account_open_receivable, 15200.0)
        self.assertAlmostEqual(gamma.account_overdue_amount, 13500.0)
        self.assertEqual(gamma.account_oldest_overdue_days, 91)
        self.assertTrue(gamma.account_dso_defined)
        # 15,200 / 6,700 x 90 = 204.18, kept to a tenth of a day
        self.assertEqual(gamma.account_dso, 204.2)
        # Delta had no revenue in the last 90 days: DSO blank.
        delta = self.delta.with_context(allowed_company_ids=self.company.ids)
        self.assertAlmostEqual(delta.account_open_receivable, 800.0)
        self.assertEqual(delta.account_oldest_overdue_days, 141)  # 9 Feb -> 30 Jun
        self.assertFalse(delta.account_dso_defined)
        self.assertEqual(delta.account_dso, 0.0)
        action = self.gamma.action_open_account_receivables()
        self.assertEqual(action["context"]["search_default_partner_id"], self.gamma.id)

    def test_unapplied_credit_reduces_open_receivable(self):
        credit = self._post_move(
            self.gamma,
            "2025-06-20",
            [(self.product_service, 1, 200.0)],
            move_type="out_refund",
        )
        gamma = self.gamma.with_context(allowed_company_ids=self.company.ids)
        # Open 15,200 - 200; overdue 13,500 - 200: the credit is deducted from
        # the most recent past-due item (I3: 1,500 -> 1,300), never "overdue".
        self.assertAlmostEqual(gamma.account_open_receivable, 15000.0)
        self.assertAlmostEqual(gamma.account_overdue_amount, 13300.0)
        self.assertEqual(gamma.account_oldest_overdue_days, 91)
        item = self.env[RECEIVABLES].search([("move_id", "=", credit.id)])
        self.assertEqual(
            (item.amount_residual, item.amount_overdue, item.days_overdue),
            (-200.0, 0.0, 0),
        )
        self.assertEqual(item.aging_bucket, "00_credits")
        i3 = self.env[RECEIVABLES].search([("move_id", "=", self.i3.id)])
        self.assertEqual((i3.amount_residual, i3.amount_overdue), (1500.0, 1300.0))

    def _send_reminder(self, account, user):
        """The reminder's composer, sent as is (what the user's Send does)."""
        action = account.with_user(user).action_send_payment_reminder()
        self.env["mail.compose.message"].with_user(user).with_context(
            action["context"]
        ).create({}).action_send_mail()

    def test_payment_reminder(self):
        email_type = self.env.ref(
            "account_mgmt_addon.interaction_type_email", raise_if_not_found=False
        ) or self.env["account_mgmt.interaction.type"].sudo().create(
            {"name": "Email", "code": "EMAIL", "company_id": self.company.id}
        )
        self._send_reminder(self.gamma, self.user_manager)
        message = self.gamma.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )[:1]
        # Sent to the invoicing contact, listing the four overdue invoices.
        self.assertEqual(message.partner_ids, self.gamma_billing)
        self.assertEqual(message.author_id, self.user_manager.partner_id)
        for invoice in self.i3 | self.i4 | self.i5 | self.i6:
            self.assertIn(invoice.name, message.body)
        for invoice in self.i1 | self.i2:
            self.assertNotIn(invoice.name, message.body)
        self.assertIn("1,500.00", message.body)
        # Logged as an outbound email interaction of Anna's.
        interaction = (
            self.env["account_mgmt.interaction"]
            .sudo()
            .search([("partner_id", "=", self.gamma.id)])
        )
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.type_id, email_type)
        self.assertEqual(interaction.direction, "outbound")
        self.assertEqual(interaction.state, "done")
        self.assertEqual(interaction.user_id, self.user_manager)
        self.assertEqual(interaction.mail_message_id, message)
        self.assertEqual(interaction.contact_ids, self.gamma_billing)

    def test_payment_reminder_refused(self):
        # Bruno is not on Gamma's team.
        with self.assertRaises(AccessError):
            self.gamma.with_user(self.user_manager2).action_send_payment_reminder()
        # Nothing overdue.
        epsilon = self._account("Epsilon", account_manager_id=self.user_manager.id)
        self._invoice(epsilon, "2025-06-20", "2025-07-20", 100.0)
        with self.assertRaisesRegex(UserError, "no overdue invoice"):
            epsilon.with_user(self.user_manager).action_send_payment_reminder()
        # No email address.
        self.gamma_billing.email = False
        with self.assertRaisesRegex(UserError, "no email"):
            self.gamma.with_user(self.user_manager).action_send_payment_reminder()
        # Finance may send it.
        self.gamma_billing.email = "ap@gamma.example.com"
        self._send_reminder(self.gamma, self.user_finance)
