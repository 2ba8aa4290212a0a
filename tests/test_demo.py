# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo ledger holds the figures its profiles define (make test installs demo)."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.account_mgmt_addon.models.common.account_mgmt_demo import DEMO_PROFILES


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    def _ref(self, name):
        return self.env.ref(f"account_mgmt_addon.{name}")

    def _moves(self, partner_names, move_type=None):
        partners = self.env["res.partner"].browse(
            [self._ref(name).id for name in partner_names]
        )
        domain = [("partner_id", "in", partners.ids), ("state", "=", "posted")]
        if move_type:
            domain.append(("move_type", "=", move_type))
        return self.env["account.move"].search(domain)

    def test_demo_users(self):
        self.assertTrue(
            self._ref("user_amanda_demo").has_group(
                "account_mgmt_addon.group_account_manager"
            )
        )
        self.assertTrue(
            self._ref("user_diane_demo").has_group(
                "account_mgmt_addon.group_account_director"
            )
        )
        self.assertTrue(
            self._ref("user_fiona_demo").has_group(
                "account_mgmt_addon.group_account_finance"
            )
        )

    def test_invoice_totals(self):
        # Bluewater: 24 monthly invoices of 5 sensors at 1,200 = 24 x 6,000 = 144,000,
        # one credit note of 1 sensor = 1,200 -> net 142,800.
        invoices = self._moves(["partner_bluewater_demo"], "out_invoice")
        self.assertEqual(len(invoices), 24)
        self.assertTrue(all(m.state == "posted" for m in invoices))
        self.assertAlmostEqual(sum(invoices.mapped("amount_untaxed_signed")), 144000.0)
        refunds = self._moves(["partner_bluewater_demo"], "out_refund")
        self.assertAlmostEqual(sum(refunds.mapped("amount_untaxed_signed")), -1200.0)

        # Northwind group: holdings 8 x (2 x 3,500) = 56,000; logistics 24 x (3 x 1,200)
        # = 86,400; Europe 12 x 3,200 EUR = 38,400 EUR at 1 EUR = 1.25 USD = 48,000.
        group = self._moves(
            [
                "partner_northwind_demo",
                "partner_northwind_logistics_demo",
                "partner_northwind_europe_demo",
            ],
            "out_invoice",
        )
        self.assertEqual(len(group), 8 + 24 + 12)
        self.assertAlmostEqual(sum(group.mapped("amount_untaxed_signed")), 190400.0)
        europe = self._moves(["partner_northwind_europe_demo"], "out_invoice")
        self.assertEqual(set(europe.currency_id.mapped("name")), {"EUR"})
        self.assertAlmostEqual(sum(europe.mapped("amount_untaxed")), 38400.0)

        # Helios: 24 x (2 x 3,500 + 800) = 187,200 minus an 800 credit note.
        helios = self._moves(["partner_helios_demo"])
        self.assertAlmostEqual(sum(helios.mapped("amount_untaxed_signed")), 186400.0)

    def test_open_and_overdue(self):
        # The demo dates its invoices from the user's today (not UTC's).
        today = fields.Date.context_today(self.env["res.partner"])
        last_month = today.replace(day=1) - relativedelta(months=1)
        helios = self._moves(["partner_helios_demo"], "out_invoice")
        overdue = helios.filtered(
            lambda m: m.payment_state == "not_paid" and m.invoice_date < last_month
        )
        # Months 2, 4 and 5 ago were left unpaid on purpose: 30-day terms, all overdue.
        self.assertEqual(len(overdue), 3)
        self.assertTrue(all(m.invoice_date_due < today for m in overdue))
        # Vertex stopped buying a year ago; its invoice of 12 months ago is unpaid.
        vertex = self._moves(["partner_vertex_demo"], "out_invoice")
        self.assertEqual(
            len(vertex.filtered(lambda m: m.payment_state == "not_paid")), 1
        )
        # Everything older than two months outside those profiles is paid.
        sakura = self._moves(["partner_sakura_demo"], "out_invoice")
        self.assertEqual(
            len(sakura.filtered(lambda m: m.payment_state == "not_paid")), 2
        )
        # On any day, what is overdue is exactly what was left unpaid on purpose
        # (Northwind and Pinnacle 3 months ago, Helios 2, 4 and 5, Vertex 12), and
        # the open invoices of the last two months are not due yet (due at the end
        # of the following month).
        unpaid = self._moves(list(DEMO_PROFILES), "out_invoice").filtered(
            lambda m: m.payment_state == "not_paid"
        )
        overdue = unpaid.filtered(lambda m: m.invoice_date_due < today)
        self.assertEqual(len(overdue), 6)
        self.assertEqual(
            sum(overdue.mapped("amount_untaxed_signed")),
            7000 + 4800 + 3 * 7800 + 800,
        )
        self.assertTrue(all(m.invoice_date >= last_month for m in unpaid - overdue))

    def test_vendor_bills_on_client_analytic(self):
        bills = self.env["account.move"].search(
            [
                ("partner_id", "=", self._ref("partner_freight_vendor_demo").id),
                ("move_type", "=", "in_invoice"),
            ]
        )
        # 6 months x (300 for Helios + 150 for Bluewater)
        self.assertEqual(len(bills), 12)
        self.assertAlmostEqual(sum(bills.mapped("amount_untaxed")), 2700.0)
        analytic_lines = self.env["account.analytic.line"].search(
            [("move_line_id.move_id", "in", bills.ids)]
        )
        helios = self._ref("partner_helios_demo")
        helios_lines = analytic_lines.filtered(
            lambda l: l.account_id.partner_id == helios
        )
        self.assertAlmostEqual(sum(helios_lines.mapped("amount")), -1800.0)
