# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Client profitability from the ledger, on a scenario computed by hand.

Posted in this order (the unit cost is the product cost when each is posted):

- Alpha, 10 Jan 2025, company currency: 2 Widgets at 1,000 (cost 600) and 1
  Consulting Day at 800 (cost 300): revenue 2,800, COGS 2 x 600 + 300 = 1,500.
- Beta, 15 Jan 2025, in EUR: 3 Widgets at 1,000 EUR = 3,000 EUR x 1.25 = 3,750,
  COGS 3 x 600 = 1,800.
- The Widget's cost goes from 600 to 650.
- Alpha, 5 Feb 2025: 1 Widget at 1,000: revenue 1,000, COGS 650.
- Beta, credit note of 12 Feb 2025, in EUR: 1 Widget at 1,000 EUR = -1,250,
  COGS -650.
- A 400 vendor bill of 25 Jan 2025 on Alpha's analytic account: direct cost 400.
- Interactions in January: Alpha 2 h + 1 h, Beta 1 h (and a cancelled 5 h and a
  planned 2 h, which don't count): a 1,000 pool by interaction hours gives Alpha
  1000 x 3/4 = 750 and Beta 1000 x 1/4 = 250.
"""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged
from odoo.tools import SQL

from .profitability_common import REPORT, ProfitabilityCommon


@tagged("post_install", "-at_install")
class TestProfitability(ProfitabilityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        goods, service = cls.product_goods, cls.product_service
        cls.inv_alpha_jan = cls._post_move(
            cls.alpha, "2025-01-10", [(goods, 2, 1000.0), (service, 1, 800.0)]
        )
        cls.inv_beta_jan = cls._post_move(
            cls.beta, "2025-01-15", [(goods, 3, 1000.0)], currency=cls.eur
        )
        goods.standard_price = 650.0
        cls.inv_alpha_feb = cls._post_move(
            cls.alpha, "2025-02-05", [(goods, 1, 1000.0)]
        )
        cls.refund_beta_feb = cls._post_move(
            cls.beta,
            "2025-02-12",
            [(goods, 1, 1000.0)],
            move_type="out_refund",
            currency=cls.eur,
        )
        cls.bill = cls._vendor_bill("2025-01-25", 400.0, analytic=cls.analytic_alpha)
        cls._interaction(cls.alpha, "2025-01-08 10:00:00", 2.0)
        cls._interaction(cls.alpha, "2025-01-20 14:00:00", 1.0)
        cls._interaction(cls.beta, "2025-01-22 09:00:00", 1.0)
        cls._interaction(cls.beta, "2025-01-23 09:00:00", 5.0, state="cancelled")
        cls._interaction(cls.beta, "2025-01-27 09:00:00", 2.0, state="planned")
        cls.pool = cls._pool(
            "Customer Service January",
            "2025-01-01",
            "2025-01-31",
            1000.0,
            "interaction_hours",
        )
        cls.pool.action_allocate()

    def _product_line(self, move, product):
        return move.invoice_line_ids.filtered(lambda line: line.product_id == product)

    def test_unit_cost_captured_at_posting(self):
        goods, service = self.product_goods, self.product_service
        self.assertEqual(
            self._product_line(self.inv_alpha_jan, goods).account_mgmt_unit_cost, 600.0
        )
        self.assertEqual(
            self._product_line(self.inv_alpha_jan, service).account_mgmt_unit_cost,
            300.0,
        )
        # Beta's invoice is in EUR, the unit cost in company currency.
        self.assertEqual(
            self._product_line(self.inv_beta_jan, goods).account_mgmt_unit_cost, 600.0
        )
        self.assertEqual(
            self._product_line(self.inv_alpha_feb, goods).account_mgmt_unit_cost, 650.0
        )
        self.assertEqual(
            self._product_line(self.refund_beta_feb, goods).account_mgmt_unit_cost,
            650.0,
        )
        # A later cost change leaves posted lines alone.
        self.product_goods.standard_price = 999.0
        self.assertEqual(
            self._product_line(self.inv_alpha_jan, goods).account_mgmt_unit_cost, 600.0
        )
        # Vendor bills get none.
        self.assertFalse(self.bill.invoice_line_ids.account_mgmt_unit_cost)
        # Reset to draft and posted again: valued at the cost of the new posting.
        self.inv_alpha_jan.button_draft()
        self.inv_alpha_jan.action_post()
        self.assertEqual(
            self._product_line(self.inv_alpha_jan, goods).account_mgmt_unit_cost, 999.0
        )

    def test_figures_per_account_and_month(self):
        figures = self._figures([("partner_id", "in", (self.alpha | self.beta).ids)])
        self.assertEqual(
            set(figures),
            {
                (self.alpha, "2025-01"),
                (self.alpha, "2025-02"),
                (self.beta, "2025-01"),
                (self.beta, "2025-02"),
            },
        )
        # Alpha, January: 2,800 - 1,500 = 1,300 gross margin; - 400 direct - 750
        # allocated = 150.
        self.assertFigures(
            figures[self.alpha, "2025-01"],
            {
                "revenue": 2800.0,
                "cogs": 1500.0,
                "gross_margin": 1300.0,
                "direct_cost": 400.0,
                "allocated_cost": 750.0,
                "net_contribution": 150.0,
            },
        )
        # Alpha, February: 1,000 - 650 = 350, nothing else.
        self.assertFigures(
            figures[self.alpha, "2025-02"],
            {
                "revenue": 1000.0,
                "cogs": 650.0,
                "gross_margin": 350.0,
                "direct_cost": 0.0,
                "allocated_cost": 0.0,
                "net_contribution": 350.0,
            },
        )
        # Beta, January: 3,750 - 1,800 = 1,950; - 250 allocated = 1,700.
        self.assertFigures(
            figures[self.beta, "2025-01"],
            {
                "revenue": 3750.0,
                "cogs": 1800.0,
                "gross_margin": 1950.0,
                "direct_cost": 0.0,
                "allocated_cost": 250.0,
                "net_contribution": 1700.0,
            },
        )
        # Beta, February (credit note): -1,250 + 650 = -600.
        self.assertFigures(
            figures[self.beta, "2025-02"],
            {
                "revenue": -1250.0,
                "cogs": -650.0,
                "gross_margin": -600.0,
                "direct_cost": 0.0,
                "allocated_cost": 0.0,
                "net_contribution": -600.0,
            },
        )

    def test_percentages_are_ratios_of_sums(self):
        report = self.env[REPORT]
        domain = [("partner_id", "in", (self.alpha | self.beta).ids)]
        # All four rows: revenue 2,800 + 1,000 + 3,750 - 1,250 = 6,300; gross margin
        # 1,300 + 350 + 1,950 - 600 = 3,000 -> 47.62 %; net 150 + 350 + 1,700 - 600
        # = 1,600 -> 25.40 %. (The mean of the row percentages would be
        # (46.43 + 35 + 52 + 48) / 4 = 45.36 %.)
        [(margin, net_margin)] = report._read_group(
            domain, [], ["margin_percent:avg", "net_margin_percent:avg"]
        )
        self.assertAlmostEqual(margin, 100 * 3000 / 6300)
        self.assertAlmostEqual(net_margin, 100 * 1600 / 6300)
        # Per account, through the web client's read_group: Alpha 1,650 / 3,800 =
        # 43.42 %; Beta 1,350 / 2,500 = 54 %.
        groups = report.read_group(
            domain,
            ["revenue:sum", "margin_percent:avg", "net_margin_percent:avg"],
            ["partner_id"],
            orderby="margin_percent desc",
        )
        self.assertEqual(
            [g["partner_id"][0] for g in groups], [self.beta.id, self.alpha.id]
        )
        self.assertAlmostEqual(groups[0]["margin_percent"], 54.0)
        self.assertAlmostEqual(groups[1]["margin_percent"], 100 * 1650 / 3800)
        # Alpha's net: 150 + 350 = 500 / 3,800 = 13.16 %.
        self.assertAlmostEqual(groups[1]["net_margin_percent"], 100 * 500 / 3800)
        # A row alone: its own ratio (Alpha, January: 1,300 / 2,800 = 46.43 %).
        row = report.search(
            [("partner_id", "=", self.alpha.id), ("date", "=", "2025-01-01")]
        )
        self.assertAlmostEqual(row.margin_percent, 100 * 1300 / 2800)

    def test_allocation_by_interaction_hours(self):
        allocations = self.pool.allocation_ids.sorted("partner_id")
        self.assertEqual(
            [
                (a.partner_id, str(a.date), a.driver_value, a.amount)
                for a in allocations
            ],
            [
                (self.alpha, "2025-01-01", 3.0, 750.0),
                (self.beta, "2025-01-01", 1.0, 250.0),
            ],
        )
        self.assertEqual(self.pool.state, "allocated")
        self.assertEqual(self.pool.allocated_amount, 1000.0)

    def test_drill_down_to_journal_items(self):
        report = self.env[REPORT]
        action = report.action_open_journal_items_domain(
            [("partner_id", "=", self.alpha.id), ("date", "=", "2025-01-01")]
        )
        self.assertEqual(action["res_model"], "account.move.line")
        lines = self.env["account.move.line"].search(action["domain"])
        # The two product lines of the January invoice and the vendor bill's expense
        # line booked to Alpha's analytic account (allocations have no journal item).
        self.assertEqual(
            lines,
            self.inv_alpha_jan.invoice_line_ids | self.bill.invoice_line_ids,
        )
        rows = report.search([("partner_id", "=", self.beta.id)])
        lines = self.env["account.move.line"].search(
            rows.action_open_journal_items()["domain"]
        )
        self.assertEqual(
            lines,
            self.inv_beta_jan.invoice_line_ids | self.refund_beta_feb.invoice_line_ids,
        )

    def test_group_roll_up(self):
        subsidiary = self._account(
            "Alpha Logistics",
            parent_id=self.alpha.id,
            account_manager_id=self.user_manager.id,
        )
        # 1 Consulting Day at 500: revenue 500, COGS 300.
        self._post_move(subsidiary, "2025-02-10", [(self.product_service, 1, 500.0)])
        groups = {
            group: (revenue, margin)
            for group, revenue, margin in self.env[REPORT]._read_group(
                [("partner_id", "in", (self.alpha | self.beta | subsidiary).ids)],
                ["parent_group_id"],
                ["revenue:sum", "gross_margin:sum"],
            )
        }
        # Alpha's group: 3,800 + 500 = 4,300 revenue, 1,650 + 200 = 1,850 margin.
        self.assertEqual(groups[self.alpha], (4300.0, 1850.0))
        self.assertEqual(groups[self.beta], (2500.0, 1350.0))
        self.assertNotIn(subsidiary, groups)

    def test_anglo_saxon_cogs_items_replace_the_unit_cost(self):
        """When the entry holds COGS items for the product (stock valuation), they
        are the cost of goods sold, not quantity x unit cost."""
        gamma = self._account("Gamma Retail")
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": gamma.id,
                "invoice_date": "2025-03-03",
                "date": "2025-03-03",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product_goods.id,
                            "quantity": 1,
                            "price_unit": 1000.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        interim = self.company_data["default_account_assets"]
        invoice.write(
            {
                "line_ids": [
                    Command.create(
                        {
                            "display_type": "cogs",
                            "name": "COGS",
                            "product_id": self.product_goods.id,
                            "quantity": 1,
                            "account_id": self.expense_account.id,
                            "balance": 555.0,
                        }
                    ),
                    Command.create(
                        {
                            "display_type": "cogs",
                            "name": "COGS",
                            "product_id": self.product_goods.id,
                            "quantity": 1,
                            "account_id": interim.id,
                            "balance": -555.0,
                        }
                    ),
                ]
            }
        )
        invoice.action_post()
        # Valued stock: 555 from the COGS items (the unit cost would say 650).
        figures = self._figures([("partner_id", "=", gamma.id)])
        self.assertAlmostEqual(figures[gamma, "2025-03"]["revenue"], 1000.0)
        self.assertAlmostEqual(figures[gamma, "2025-03"]["cogs"], 555.0)

    def test_unit_of_measure(self):
        """The unit cost is per unit of the invoice line."""
        gamma = self._account("Gamma Retail")
        dozen = self.env.ref("uom.product_uom_dozen")
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": gamma.id,
                "invoice_date": "2025-03-03",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product_goods.id,
                            "product_uom_id": dozen.id,
                            "quantity": 2,
                            "price_unit": 12000.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        # A dozen Widgets at 650: 7,800; 2 dozens: COGS 15,600.
        self.assertEqual(invoice.invoice_line_ids.account_mgmt_unit_cost, 7800.0)
        figures = self._figures([("partner_id", "=", gamma.id)])
        self.assertAlmostEqual(figures[gamma, "2025-03"]["cogs"], 15600.0)

    def test_backfill_estimates_from_current_cost(self):
        line = self._product_line(self.inv_alpha_feb, self.product_goods)
        other = self._product_line(self.inv_alpha_jan, self.product_goods)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE account_move_line SET account_mgmt_unit_cost = NULL "
                "WHERE id = %s",
                line.id,
            )
        )
        self.env.invalidate_all()
        self.product_goods.standard_price = 700.0
        # Until it is backfilled, the report values it at today's cost (1 x 700).
        figures = self._figures([("partner_id", "=", self.alpha.id)])
        self.assertAlmostEqual(figures[self.alpha, "2025-02"]["cogs"], 700.0)
        updated = self.env["account.move.line"]._account_mgmt_backfill_unit_cost(
            batch_size=500
        )
        # Only the line without a unit cost is estimated, at today's cost.
        self.assertEqual(updated, 1)
        self.assertEqual(line.account_mgmt_unit_cost, 700.0)
        self.assertEqual(other.account_mgmt_unit_cost, 600.0)

    @freeze_time("2025-03-20")
    def test_partner_figures(self):
        # Last 12 months = March 2024 to February 2025: the whole scenario.
        alpha = self.alpha.with_context(allowed_company_ids=self.company.ids)
        self.assertEqual(alpha.account_figures_period, "Mar 2024 \N{EN DASH} Feb 2025")
        self.assertAlmostEqual(alpha.account_profit_revenue, 3800.0)
        self.assertAlmostEqual(alpha.account_profit_gross_margin, 1650.0)
        # 150 + 350
        self.assertAlmostEqual(alpha.account_profit_net_contribution, 500.0)
        # 1,650 / 3,800 = 43.42 % (stored with two decimals)
        self.assertAlmostEqual(alpha.account_profit_margin_percent, 43.42, places=2)
        # A contact shows its company's figures.
        contact = self.env["res.partner"].create(
            {"name": "Ann Alpha", "parent_id": self.alpha.id}
        )
        self.assertAlmostEqual(contact.account_profit_revenue, 3800.0)
        action = self.alpha.action_open_account_profitability()
        self.assertEqual(action["res_model"], REPORT)
        with freeze_time("2025-02-28"):
            # On the last day of February, February is not complete: January
            # 2,800 - 1,500 = 1,300.
            alpha.invalidate_recordset()
            self.assertAlmostEqual(alpha.account_profit_revenue, 2800.0)
            self.assertAlmostEqual(alpha.account_profit_gross_margin, 1300.0)
        self.assertEqual(action["context"]["search_default_partner_id"], self.alpha.id)

    def test_partner_figures_query_count(self):
        """Figures of many accounts cost the same queries as those of a few."""
        partners = self.env["res.partner"].create(
            [{"name": f"Client {n}", "is_company": True} for n in range(10)]
        )
        few = self.alpha | self.beta
        many = few | partners

        def count_queries(records):
            self.env.invalidate_all()
            records = records.browse(records.ids)
            before = self.env.cr.sql_log_count
            records.mapped("account_profit_revenue")
            records.mapped("account_overdue_amount")
            return self.env.cr.sql_log_count - before

        count_queries(few)  # warm the caches that don't depend on the records
        self.assertEqual(count_queries(few), count_queries(many))
