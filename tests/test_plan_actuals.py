# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plan actuals measured from the ledger and the CRM, in bulk."""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .plan_common import PlanCommon


@tagged("post_install", "-at_install")
class TestPlanActuals(PlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        widget, service = cls.product_goods, cls.product_service
        # Acme, plan H1 2024. Widgets cost 600, consulting days 300.
        # March: 10 widgets x 1,000 = 10,000 (cost 6,000)
        cls._post_move(cls.account, "2024-03-15", [(widget, 10, 1000.0)])
        # April: credit note for 1 widget at 1,500 (cost returned: 600)
        cls._post_move(
            cls.account, "2024-04-10", [(widget, 1, 1500.0)], move_type="out_refund"
        )
        # July: after the plan, 7 x 1,000 = 7,000
        cls._post_move(cls.account, "2024-07-05", [(widget, 7, 1000.0)])
        # December 2023: before the plan, 1 consulting day
        cls._post_move(cls.account, "2023-12-20", [(service, 1, 800.0)])
        cls.subsidiary = cls._account("Acme Europe", parent_id=cls.account.id)
        cls.plan = cls._plan(revenue_target=20000.0, margin_target=5000.0)

    def test_revenue_and_margin(self):
        # 10,000 - 1,500 = 8,500 (July and December are outside the plan)
        self.assertAlmostEqual(self.plan.revenue_actual, 8500.0)
        # cost: 10 x 600 - 1 x 600 = 5,400; margin 8,500 - 5,400 = 3,100
        self.assertAlmostEqual(self.plan.margin_actual, 3100.0)
        # 8,500 / 20,000 = 42.5 %; 3,100 / 5,000 = 62 %
        self.assertAlmostEqual(self.plan.revenue_progress, 42.5)
        self.assertAlmostEqual(self.plan.margin_progress, 62.0)

    def test_subsidiary_counts_other_company_does_not(self):
        # Subsidiary, May: 2 consulting days x 800 = 1,600 (cost 2 x 300 = 600)
        self._post_move(
            self.subsidiary, "2024-05-02", [(self.product_service, 2, 800.0)]
        )
        # A contact of the subsidiary is invoiced in June: 1 widget x 1,000
        buyer = self.env["res.partner"].create(
            {"name": "Hans Buyer", "parent_id": self.subsidiary.id}
        )
        self._post_move(buyer, "2024-06-12", [(self.product_goods, 1, 1000.0)])
        # Another company invoices Acme 4,000 in May: not this plan's company
        other_company = self.setup_other_company(name="Other Co")["company"]
        self.env.user.company_ids |= other_company
        self._post_move(
            self.account,
            "2024-05-20",
            [(self.product_goods, 4, 1000.0)],
            company=other_company,
        )
        # A draft invoice in the period does not count either
        self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.account.id,
                "invoice_date": "2024-05-25",
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": self.product_goods.id, "price_unit": 900.0}
                    )
                ],
            }
        )
        self.plan.invalidate_recordset()
        # 8,500 + 1,600 + 1,000 = 11,100
        self.assertAlmostEqual(self.plan.revenue_actual, 11100.0)
        # cost 5,400 + 600 + 600 = 6,600; margin 11,100 - 6,600 = 4,500
        self.assertAlmostEqual(self.plan.margin_actual, 4500.0)

    def test_foreign_currency_in_company_currency(self):
        eur = self.setup_other_currency("EUR", rates=[("2024-01-01", 2.0)])
        # 1,000 EUR at 2 EUR per USD = 500 in company currency; 1 widget (cost 600)
        self._post_move(
            self.subsidiary,
            "2024-06-01",
            [(self.product_goods, 1, 1000.0)],
            currency=eur,
        )
        self.plan.invalidate_recordset()
        # 8,500 + 500 = 9,000; margin 3,100 + 500 - 600 = 3,000
        self.assertAlmostEqual(self.plan.revenue_actual, 9000.0)
        self.assertAlmostEqual(self.plan.margin_actual, 3000.0)

    def test_margin_uses_cost_captured_on_lines(self):
        # The widget's cost rises to 700 after the invoices were posted.
        self.product_goods.standard_price = 700.0
        Line = self.env["account.move.line"]
        self.plan.invalidate_recordset()
        # The cost captured at posting (600) still values the lines:
        # 8,500 - (10 x 600 - 1 x 600) = 3,100
        self.assertAlmostEqual(self.plan.margin_actual, 3100.0)
        # Lines without a captured cost fall back on today's cost: drop it
        # from the March invoice -> 8,500 - (10 x 700 - 1 x 600) = 2,100
        march = Line.search(
            [
                ("partner_id", "=", self.account.id),
                ("date", "=", "2024-03-15"),
                ("display_type", "=", "product"),
            ]
        )
        self.assertEqual(len(march), 1)
        Line.flush_model()
        self.env.cr.execute(
            "UPDATE account_move_line SET account_mgmt_unit_cost = NULL WHERE id = %s",
            [march.id],
        )
        march.invalidate_recordset()
        self.plan.invalidate_recordset()
        self.assertAlmostEqual(self.plan.margin_actual, 2100.0)

    def test_sales_receipt_counts_per_line_rounded(self):
        # A sales receipt of the subsidiary in May: 2.5 consulting days at 800 =
        # 2,000, with a unit cost of 300.33: 750.825 rounded to 750.83.
        self.product_service.standard_price = 300.33
        self._post_move(
            self.subsidiary,
            "2024-05-15",
            [(self.product_service, 2.5, 800.0)],
            move_type="out_receipt",
        )
        self.plan.invalidate_recordset()
        # 8,500 + 2,000 = 10,500; margin 3,100 + 2,000 - 750.83 = 4,349.17
        self.assertAlmostEqual(self.plan.revenue_actual, 10500.0, places=2)
        self.assertAlmostEqual(self.plan.margin_actual, 4349.17, places=2)

    def test_margin_percent_objective(self):
        # Margins are shown to account managers when the company lets them see the
        # profitability of their accounts (issue 14).
        self.company.account_mgmt_managers_see_profitability = True
        objective = self.plan.env["account_mgmt.plan.objective"].create(
            {
                "plan_id": self.plan.id,
                "name": "Margin",
                "metric": "margin_percent",
                "target": 40.0,
            }
        )
        # 3,100 / 8,500 = 36.47 %; progress 36.47 / 40 = 91.18 %
        self.assertAlmostEqual(objective.actual, 3100 / 8500 * 100, places=2)
        # (progress is shown to one decimal)
        self.assertAlmostEqual(
            objective.progress, 3100 / 8500 * 100 / 40 * 100, delta=0.05
        )
        # a ratio is judged against the whole target: >= 75 % of it is at risk
        self.assertEqual(objective.status, "at_risk")

    def test_new_products_sold(self):
        bolt = self._account("Bolt Industries")
        gadget = self._create_product(
            name="Gadget", list_price=50.0, standard_price=20.0
        )
        extra = self._create_product(name="Extra", list_price=10.0, standard_price=5.0)
        widget, service = self.product_goods, self.product_service
        # Widget sold in August 2023: within the 12 months before January 2024
        self._post_move(bolt, "2023-08-10", [(widget, 1, 1000.0)])
        # Consulting sold in November 2022: more than 12 months before
        self._post_move(bolt, "2022-11-15", [(service, 1, 800.0)])
        # In the plan period: widget (not new), consulting (new), gadget twice (new)
        self._post_move(bolt, "2024-02-05", [(widget, 1, 1000.0), (service, 1, 800.0)])
        self._post_move(bolt, "2024-04-05", [(gadget, 3, 50.0)])
        self._post_move(bolt, "2024-05-05", [(gadget, 1, 50.0)])
        # A credit note of a product never sold does not make it "sold"
        self._post_move(bolt, "2024-05-06", [(extra, 1, 10.0)], move_type="out_refund")
        plan = self._plan(account=bolt, objectives=[("new_products_sold", 3)])
        objective = plan.objective_ids
        # consulting + gadget = 2 of 3
        self.assertEqual(objective.actual, 2.0)
        self.assertAlmostEqual(objective.progress, 2 / 3 * 100, delta=0.05)

    def test_won_opportunities_and_pipeline(self):
        Lead = self.env["crm.lead"]
        won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)

        def lead(name, partner, revenue, probability, **vals):
            return Lead.create(
                {
                    "name": name,
                    "type": "opportunity",
                    "partner_id": partner.id,
                    "expected_revenue": revenue,
                    "probability": probability,
                    **vals,
                }
            )

        won_march = lead("Won in March", self.account, 3000.0, 100.0)
        won_sub = lead("Won by subsidiary", self.subsidiary, 2000.0, 100.0)
        won_july = lead("Won in July", self.account, 1000.0, 100.0)
        open_a = lead("Open A", self.account, 10000.0, 30.0)
        open_b = lead("Open B", self.contact, 5000.0, 50.0)
        lost = lead("Lost", self.account, 7000.0, 20.0)
        (won_march | won_sub | won_july).write({"stage_id": won_stage.id})
        won_march.date_closed = "2024-03-20 10:00:00"
        won_sub.date_closed = "2024-06-30 18:00:00"
        won_july.date_closed = "2024-07-01 09:00:00"
        lost.action_set_lost()
        plan = self._plan(revenue_target=20000.0, objectives=[("won_opportunities", 4)])
        # March and the subsidiary's (June 30) are in; July is not: 2 of 4
        self.assertEqual(plan.objective_ids.actual, 2.0)
        self.assertAlmostEqual(plan.objective_ids.progress, 50.0)

        plan.lead_ids = [Command.set((open_a | open_b | won_march | lost).ids)]
        # open: A 10,000 (30 % -> 3,000) and B 5,000 (50 % -> 2,500)
        self.assertAlmostEqual(plan.pipeline_amount, 15000.0)
        self.assertAlmostEqual(plan.pipeline_weighted_amount, 5500.0)
        # gap: 20,000 - 8,500 - 5,500 = 6,000
        self.assertAlmostEqual(plan.gap_amount, 6000.0)

    def test_manual_objective(self):
        plan = self._plan(objectives=[("manual", 4.0, "Reference visits")])
        objective = plan.objective_ids
        self.assertEqual(objective.actual, 0.0)
        objective.actual = 3.0
        self.assertEqual(objective.actual_manual, 3.0)
        # 3 / 4 = 75 %
        self.assertAlmostEqual(objective.progress, 75.0)

    def test_status_by_time_elapsed(self):
        plan = self._plan(objectives=[("revenue", 10000.0), ("revenue", 20000.0)])
        low, high = plan.objective_ids.sorted("target")
        with freeze_time("2024-04-30 12:00:00"):
            plan.invalidate_recordset()
            plan.objective_ids.invalidate_recordset()
            # On April 30, 2024: 121 of 182 days elapsed = 66.48 %.
            self.assertAlmostEqual(plan.time_elapsed, 121 / 182 * 100, delta=0.05)
            # 8,500 / 10,000 = 85 % >= 66.48 %: on track.
            self.assertEqual(low.status, "on_track")
            # 8,500 / 20,000 = 42.5 % < 75 % x 66.48 % = 49.86 %: off track.
            self.assertEqual(high.status, "off_track")
            # plan progress: (85 + 42.5) / 2 = 63.75 %; the plan takes the worst
            # status of its objectives: off track
            self.assertAlmostEqual(plan.progress, 63.75, delta=0.05)
            self.assertEqual(plan.status, "off_track")
        # With a deadline of March 31 for the first objective, all its time is
        # used on April 30 and 85 % is then short of 100 % but >= 75 %: at risk.
        low.date_deadline = "2024-03-31"
        with freeze_time("2024-04-30 12:00:00"):
            low.invalidate_recordset()
            self.assertEqual(low.status, "at_risk")

    def test_actuals_query_count_is_constant(self):
        accounts = self.env["res.partner"].create(
            [{"name": f"Account {i}", "is_company": True} for i in range(50)]
        )
        self._post_move(accounts[0], "2024-02-01", [(self.product_goods, 1, 1000.0)])
        metrics = [
            ("revenue", 1000.0),
            ("gross_margin", 500.0),
            ("margin_percent", 30.0),
            ("new_products_sold", 1.0),
            ("won_opportunities", 1.0),
            ("interaction_count", 5.0),
        ]
        plans = self.env["account_mgmt.plan"].sudo().browse()
        for account in accounts:
            plans |= self._plan(account=account, objectives=metrics).sudo()
        self.env.flush_all()

        def read(records):
            self.env.invalidate_all()
            records = records.with_user(self.user_director)
            records.mapped("revenue_actual")
            records.mapped("margin_actual")
            records.objective_ids.mapped("actual")

        read(plans[:5])  # warm the caches that are not about plans
        counts = []
        for records in (plans[:5], plans):
            with self.assertQueryCount(self._actuals_query_count):
                before = self.env.cr.sql_log_count
                read(records)
                counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], "50 plans cost the queries of 5")
        self.assertAlmostEqual(plans[0].revenue_actual, 1000.0)

    # Queries to read plan and objective actuals, whatever the number of plans:
    # the plans, the revenue/cost query and the product costs for the plans; the
    # objectives, then for them the revenue/cost query, product costs, new
    # products, won opportunities and interactions; plus the access check.
    _actuals_query_count = 10
