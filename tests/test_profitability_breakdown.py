# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The breakdown of a profitability figure: the lines a pivot cell adds up.

The scenario of test_profitability.py, Alpha (company currency):

- 10 Jan 2025: 2 Widgets at 1,000 (cost 600): revenue 2,000, COGS 1,200; 1
  Consulting Day at 800 (cost 300): revenue 800, COGS 300.
- 25 Jan 2025: a 400 vendor bill on Alpha's analytic account: direct cost 400.
- January pool of 1,000 by interaction hours: Alpha 3 h of 4 -> 75 %, 750.
- 5 Feb 2025 (Widget cost now 650): 1 Widget at 1,000: revenue 1,000, COGS 650.

Alpha, January: 2,800 - 1,500 - 400 - 750 = 150 net contribution; February:
1,000 - 650 = 350; the first quarter: 500.
"""

from odoo.tests import tagged

from .profitability_common import REPORT, ProfitabilityCommon

BREAKDOWN = "account_mgmt.profitability.breakdown"
AMOUNTS = ["revenue", "cogs", "direct_cost", "allocated_cost", "net_contribution"]


@tagged("post_install", "-at_install")
class TestProfitabilityBreakdown(ProfitabilityCommon):
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
        cls.bill = cls._vendor_bill("2025-01-25", 400.0, analytic=cls.analytic_alpha)
        cls._interaction(cls.alpha, "2025-01-08 10:00:00", 2.0)
        cls._interaction(cls.alpha, "2025-01-20 14:00:00", 1.0)
        cls._interaction(cls.beta, "2025-01-22 09:00:00", 1.0)
        cls.pool = cls._pool(
            "Customer Service January",
            "2025-01-01",
            "2025-01-31",
            1000.0,
            "interaction_hours",
        )
        cls.pool.action_allocate()

    def _open(self, domain, user=None):
        report = self.env[REPORT].with_user(user or self.user_finance)
        action = report.action_open_breakdown_domain(domain)
        self.assertEqual(action["res_model"], BREAKDOWN)
        return (
            self.env[BREAKDOWN]
            .with_user(user or self.user_finance)
            .search(action["domain"])
        )

    def _cell(self, domain, user=None):
        [totals] = (
            self.env[REPORT]
            .with_user(user or self.user_finance)
            ._read_group(domain, [], [f"{fname}:sum" for fname in AMOUNTS])
        )
        return dict(zip(AMOUNTS, totals, strict=True))

    def test_january_cell_of_alpha(self):
        domain = [
            ("partner_id", "=", self.alpha.id),
            ("date", ">=", "2025-01-01"),
            ("date", "<", "2025-02-01"),
        ]
        lines = self._open(domain)
        invoice_lines = self.inv_alpha_jan.invoice_line_ids
        widget = invoice_lines.filtered(lambda x: x.product_id == self.product_goods)
        consulting = invoice_lines - widget
        rows = {
            (line.kind, line.name): (
                line.revenue,
                line.cogs,
                line.direct_cost,
                line.allocated_cost,
                line.net_contribution,
            )
            for line in lines
        }
        self.assertEqual(
            rows,
            {
                ("revenue", widget.name): (2000.0, 1200.0, 0.0, 0.0, 800.0),
                ("revenue", consulting.name): (800.0, 300.0, 0.0, 0.0, 500.0),
                ("direct_cost", "Freight"): (0.0, 0.0, 400.0, 0.0, -400.0),
                ("allocated_cost", "Customer Service January"): (
                    0.0,
                    0.0,
                    0.0,
                    750.0,
                    -750.0,
                ),
            },
        )
        revenue = lines.filtered(lambda line: line.move_line_id == widget)
        self.assertEqual(
            (revenue.move_id, revenue.product_id, revenue.quantity),
            (self.inv_alpha_jan, self.product_goods, 2.0),
        )
        direct = lines.filtered(lambda line: line.kind == "direct_cost")
        self.assertEqual(direct.move_id, self.bill)
        self.assertTrue(direct.analytic_line_id)
        allocation = lines.filtered(lambda line: line.kind == "allocated_cost")
        self.assertEqual(allocation.pool_id, self.pool)
        self.assertEqual(allocation.driver, "interaction_hours")
        # Alpha's 3 hours of the pool's 4: 75 %.
        self.assertEqual((allocation.driver_value, allocation.driver_total), (3.0, 4.0))
        self.assertAlmostEqual(allocation.share_percent, 75.0)
        # The lines sum to the cell: 2,800 - 1,500 - 400 - 750 = 150.
        cell = self._cell(domain)
        self.assertAlmostEqual(cell["net_contribution"], 150.0)
        for fname in AMOUNTS:
            self.assertAlmostEqual(sum(lines.mapped(fname)), cell[fname], places=2)

    def test_quarter_cell_sums_its_months(self):
        domain = [
            ("partner_id", "=", self.alpha.id),
            ("date", ">=", "2025-01-01"),
            ("date", "<", "2025-04-01"),
        ]
        lines = self._open(domain)
        # January 150 + February 1,000 - 650 = 350: 500.
        self.assertAlmostEqual(sum(lines.mapped("net_contribution")), 500.0)
        self.assertAlmostEqual(self._cell(domain)["net_contribution"], 500.0)
        self.assertEqual(len(lines), 5)
        self.assertNotIn(self.beta, lines.partner_id)

    def test_foreign_currency_and_rights(self):
        # Beta in EUR: 3 x 1,000 EUR x 1.25 = 3,750; COGS 3 x 600 = 1,800; pool
        # 1 h of 4 = 250.
        lines = self._open([("partner_id", "=", self.beta.id)])
        self.assertAlmostEqual(sum(lines.mapped("revenue")), 3750.0)
        self.assertAlmostEqual(sum(lines.mapped("cogs")), 1800.0)
        self.assertAlmostEqual(sum(lines.mapped("allocated_cost")), 250.0)
        self.assertAlmostEqual(sum(lines.mapped("net_contribution")), 1700.0)
        # Bruno manages Beta, not Alpha; with profitability open to managers he
        # reads Beta's breakdown only, even when asking for everything.
        self.company.account_mgmt_managers_see_profitability = True
        lines = self.env[BREAKDOWN].with_user(self.user_manager2).search([])
        self.assertEqual(lines.partner_id, self.beta)
        lines = self._open([], user=self.user_manager2)
        self.assertEqual(lines.partner_id, self.beta)
        self.assertAlmostEqual(sum(lines.mapped("net_contribution")), 1700.0)
