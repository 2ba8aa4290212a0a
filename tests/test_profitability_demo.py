# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo ledger seen by the profitability report (make test installs demo)."""

from odoo.tests import TransactionCase, tagged

REPORT = "account_mgmt.profitability.report"


@tagged("post_install", "-at_install")
class TestProfitabilityDemo(TransactionCase):
    def _ref(self, name):
        return self.env.ref(f"account_mgmt_addon.{name}")

    def _totals(self, partner):
        [totals] = self.env[REPORT]._read_group(
            [("partner_id", "=", partner.id)],
            [],
            ["revenue:sum", "cogs:sum", "direct_cost:sum"],
        )
        return totals

    def test_demo_ledger(self):
        # Bluewater: 24 invoices of 5 sensors at 1,200 less a credit note of one:
        # revenue 144,000 - 1,200 = 142,800; COGS at the sensor's cost of 700:
        # 120 x 700 - 700 = 83,300; freight bills of 150 on its analytic account for
        # 6 months: 900.
        self.assertEqual(
            self._totals(self._ref("partner_bluewater_demo")),
            (142800.0, 83300.0, 900.0),
        )
        # Helios: 24 x (2 control units at 3,500 + installation 800) - 800 = 186,400;
        # COGS 24 x (2 x 2,100 + 350) - 350 = 108,850; freight 6 x 300 = 1,800.
        self.assertEqual(
            self._totals(self._ref("partner_helios_demo")), (186400.0, 108850.0, 1800.0)
        )
        # Unit costs were captured when the demo invoices were posted.
        lines = self.env["account.move.line"].search(
            [
                ("move_id.partner_id", "=", self._ref("partner_bluewater_demo").id),
                ("move_id.move_type", "in", ("out_invoice", "out_refund")),
                ("display_type", "=", "product"),
                ("parent_state", "=", "posted"),
            ]
        )
        self.assertEqual(set(lines.mapped("account_mgmt_unit_cost")), {700.0})

    def test_demo_pools_are_allocated_exactly(self):
        for name, amount in (
            ("cost_pool_kam_demo", 12000.0),
            ("cost_pool_billing_demo", 4500.0),
        ):
            pool = self._ref(name)
            self.assertEqual(pool.state, "allocated")
            self.assertEqual(
                round(sum(pool.allocation_ids.mapped("amount")), 2), amount
            )
        # The service desk pool waits for a click on Allocate.
        self.assertEqual(self._ref("cost_pool_service_demo").state, "draft")
