# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Receivables: open, overdue, credits and DSO are one definition, read the same
by the report, the partner form, the health score and the reminder.

Frozen on 30 June 2025; a 10 % sales tax. Kappa Trading, company currency:

====  ==========  ==========  ======================  ========  ==============
Item  Date        Due         Amount (tax included)   Residual  Aging
====  ==========  ==========  ======================  ========  ==============
K1    2025-03-01  2025-03-31  1,000 + 100 = 1,100     700       over 90 (91 d)
K2    2025-05-10  2025-06-09  2,000 + 200 = 2,200     2,200     1-30 (21 d)
K3    2025-06-20  2025-07-20    500 +  50 =   550     550       not due
C1    2025-06-25  2025-06-25  credit note 300 + 30    -330      credits
P1    2025-06-28  2025-06-28  payment, unapplied      -100      credits
====  ==========  ==========  ======================  ========  ==============

K1 was paid 400 on 15 April. Open = 700 + 2,200 + 550 - 330 - 100 = 3,020.
Past due = 700 + 2,200 = 2,900; unapplied credits -430; overdue = 2,470
(never more than open, never negative). The credits go to the most recent
past-due item first: K2 keeps 2,200 - 430 = 1,770 overdue, K1 its 700; oldest
overdue 91 days (31 March -> 30 June).

Sales of the last 90 days (2 April - 30 June), tax included: K2 2,200 + K3 550 -
C1 330 = 2,420 (K1, 1 March, is older; a payment is no sale). DSO = 3,020 /
2,420 x 90 = 112.31 days. On an untaxed basis (2,000 + 500 - 300 = 2,200) it
would read 123.5: the old mixed definition.

Health (overdue after 30 days, the default measure): past due before 31 May =
K1 700 -> share 700 / 3,020 -> score 100 x (1 - 700 / 3,020) = 76.82; overdue
more than 60 days 700; overdue 2,470.

Lambda Foods (tax included): L1 1,100 due 31 May (30 days), L2 550 not due,
credit note of 1,320: open 330, past due 1,100 - 1,320 < 0 -> overdue 0,
nothing to remind.
"""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import format_amount, html2plaintext

from .profitability_common import RECEIVABLES, ProfitabilityCommon


@tagged("post_install", "-at_install")
@freeze_time("2025-06-30 12:00:00")
class TestReceivableRules(ProfitabilityCommon):
    @classmethod
    def _move(cls, partner, date, due, amount, move_type="out_invoice"):
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
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
                            "tax_ids": [Command.set(cls.tax_10.ids)],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tax_10 = cls.env["account.tax"].create(
            {
                "name": "Sales 10 %",
                "amount": 10.0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "company_id": cls.company.id,
            }
        )
        cls.kappa = cls._account(
            "Kappa Trading",
            account_manager_id=cls.user_manager.id,
            email="ap@kappa.example.com",
        )
        cls.k1 = cls._move(cls.kappa, "2025-03-01", "2025-03-31", 1000.0)
        cls.k2 = cls._move(cls.kappa, "2025-05-10", "2025-06-09", 2000.0)
        cls.k3 = cls._move(cls.kappa, "2025-06-20", "2025-07-20", 500.0)
        cls.c1 = cls._move(
            cls.kappa, "2025-06-25", "2025-06-25", 300.0, move_type="out_refund"
        )
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=cls.k1.ids
        ).create({"amount": 400.0, "payment_date": "2025-04-15"})._create_payments()
        cls.p1 = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": cls.kappa.id,
                "amount": 100.0,
                "date": "2025-06-28",
            }
        )
        cls.p1.action_post()
        cls.lambda_ = cls._account(
            "Lambda Foods",
            account_manager_id=cls.user_manager.id,
            email="ap@lambda.example.com",
        )
        cls._move(cls.lambda_, "2025-05-01", "2025-05-31", 1000.0)
        cls._move(cls.lambda_, "2025-06-15", "2025-07-15", 500.0)
        cls._move(
            cls.lambda_,
            "2025-06-10",
            "2025-06-10",
            1200.0,
            move_type="out_refund",
        )

    def _items(self, partner):
        return {
            item.move_id: (
                item.amount_residual,
                item.amount_overdue,
                item.days_overdue,
                item.aging_bucket,
            )
            for item in self.env[RECEIVABLES].search([("partner_id", "=", partner.id)])
        }

    def test_items_aged_and_credits_in_their_own_bucket(self):
        self.assertEqual(
            self._items(self.kappa),
            {
                self.k1: (700.0, 700.0, 91, "over_90"),
                self.k2: (2200.0, 1770.0, 21, "1_30"),
                self.k3: (550.0, 0.0, 0, "0_not_due"),
                self.c1: (-330.0, 0.0, 0, "00_credits"),
                self.p1.move_id: (-100.0, 0.0, 0, "00_credits"),
            },
        )
        buckets = dict(
            self.env[RECEIVABLES]._read_group(
                [("partner_id", "=", self.kappa.id)],
                ["aging_bucket"],
                ["amount_residual:sum"],
            )
        )
        self.assertEqual(
            buckets,
            {
                "00_credits": -430.0,
                "0_not_due": 550.0,
                "1_30": 2200.0,
                "over_90": 700.0,
            },
        )

    def test_partner_figures_and_dso(self):
        kappa = self.kappa.with_user(self.user_finance)
        self.assertAlmostEqual(kappa.account_open_receivable, 3020.0)
        self.assertAlmostEqual(kappa.account_overdue_amount, 2470.0)
        self.assertEqual(kappa.account_oldest_overdue_days, 91)
        self.assertTrue(kappa.account_dso_defined)
        # 3,020 / 2,420 x 90 = 112.31, tax included on both sides
        self.assertEqual(kappa.account_dso, 112.3)
        # The account manager reads the same figures.
        kappa = self.kappa.with_user(self.user_manager)
        self.assertAlmostEqual(kappa.account_overdue_amount, 2470.0)
        self.assertEqual(
            self.env[RECEIVABLES]._get_account_figures(self.kappa)[self.kappa.id],
            (3020.0, 2470.0, 91),
        )

    def test_credits_larger_than_past_due(self):
        lambda_ = self.lambda_.with_user(self.user_finance)
        self.assertAlmostEqual(lambda_.account_open_receivable, 330.0)
        self.assertEqual(lambda_.account_overdue_amount, 0.0)
        self.assertEqual(lambda_.account_oldest_overdue_days, 0)
        self.assertFalse(lambda_.account_mgmt_overdue_ids)
        with self.assertRaisesRegex(UserError, "no overdue invoice"):
            self.lambda_.with_user(self.user_manager).action_send_payment_reminder()

    def test_health_reads_the_same_figures(self):
        snapshot = (
            self.env["account_mgmt.health.snapshot"]
            .sudo()
            ._recompute_accounts(
                partners=self.kappa | self.lambda_,
                companies=self.company,
                date=date(2025, 6, 30),
            )
        )
        by_account = {s.partner_id: s for s in snapshot}
        kappa = by_account[self.kappa]
        self.assertAlmostEqual(kappa.overdue_amount, 2470.0)
        self.assertAlmostEqual(kappa.overdue_60_amount, 700.0)
        line = kappa.line_ids.filtered(lambda x: x.code == "overdue_receivables")
        # 100 x (1 - 700 / 3,020) = 76.82; value: the share overdue, 23.18 %
        self.assertAlmostEqual(line.score, 76.82, places=2)
        self.assertAlmostEqual(line.value, 23.18, places=2)
        lambda_ = by_account[self.lambda_]
        self.assertEqual(lambda_.overdue_amount, 0.0)
        line = lambda_.line_ids.filtered(lambda x: x.code == "overdue_receivables")
        self.assertEqual(line.score, 100.0)

    def test_reminder_lists_what_is_overdue(self):
        action = self.kappa.with_user(self.user_manager).action_send_payment_reminder()
        self.env["mail.compose.message"].with_user(self.user_manager).with_context(
            action["context"]
        ).create({}).action_send_mail()
        message = self.kappa.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )[:1]
        for invoice in self.k1 | self.k2:
            self.assertIn(invoice.name, message.body)
        for move in self.k3 | self.c1:
            self.assertNotIn(move.name, message.body)
        # The credits deducted, and what remains overdue: 700 + 2,200 - 330 - 100
        currency = self.company.currency_id
        credits = format_amount(self.env, 430.0, currency)
        overdue = format_amount(self.env, 2470.0, currency)
        expected = f"{credits}, are deducted: the amount overdue is {overdue}."
        self.assertIn(
            " ".join(expected.split()), " ".join(html2plaintext(message.body).split())
        )
        self.assertAlmostEqual(
            self.kappa.with_user(self.user_manager).account_unapplied_credits, -430.0
        )

    def test_reminder_without_credits_says_nothing_of_them(self):
        # An account without credits: one overdue invoice of 400 + 40 tax.
        mu = self._account(
            "Mu Retail", account_manager_id=self.user_manager.id, email="ap@mu.example"
        )
        self._move(mu, "2025-05-01", "2025-05-31", 400.0)
        action = mu.with_user(self.user_manager).action_send_payment_reminder()
        self.env["mail.compose.message"].with_user(self.user_manager).with_context(
            action["context"]
        ).create({}).action_send_mail()
        message = mu.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        body = " ".join(html2plaintext(message.body).split())
        amount = format_amount(self.env, 440.0, self.company.currency_id)
        self.assertIn(" ".join(amount.split()), body)
        self.assertNotIn("are deducted", body)
        self.assertEqual(mu.with_user(self.user_manager).account_unapplied_credits, 0.0)

    def test_query_count_does_not_depend_on_the_accounts(self):
        partners = self.env["res.partner"].with_user(self.user_finance)
        # a first read fills the caches that outlive invalidate_all
        self.env.invalidate_all()
        partners.browse(self.kappa.ids).mapped("account_overdue_amount")
        for accounts in (self.kappa | self.lambda_, self.kappa, self.lambda_):
            self.env.invalidate_all()
            records = partners.browse(accounts.ids)
            # the same number of queries for one account or two
            with self.assertQueryCount(accountman=7):
                records.mapped("account_overdue_amount")
