# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Copy a plan to the next period."""

from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .plan_common import PlanCommon


@tagged("post_install", "-at_install")
class TestPlanCopy(PlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # H1: 10 widgets in March (10,000); H2: 7 widgets in July (7,000)
        cls._post_move(cls.account, "2024-03-15", [(cls.product_goods, 10, 1000.0)])
        cls._post_move(cls.account, "2024-07-05", [(cls.product_goods, 7, 1000.0)])
        Lead = cls.env["crm.lead"]
        cls.lead_open = Lead.create(
            {
                "name": "Open deal",
                "type": "opportunity",
                "user_id": cls.user_manager2.id,
                "partner_id": cls.account.id,
                "expected_revenue": 4000.0,
                "probability": 25.0,
            }
        )
        cls.lead_won = Lead.create(
            {
                "name": "Won deal",
                "type": "opportunity",
                "user_id": cls.user_manager2.id,
                "partner_id": cls.account.id,
                "expected_revenue": 2000.0,
            }
        )
        cls.lead_won.action_set_won()
        cls.plan = cls._plan(
            revenue_target=20000.0,
            situation="<p>Long-standing client.</p>",
            lead_ids=[Command.set((cls.lead_open | cls.lead_won).ids)],
            stakeholder_ids=[
                Command.create({"contact_id": cls.contact.id, "role": "champion"})
            ],
            objectives=[("revenue", 20000.0, "Revenue"), ("manual", 3.0, "Visits")],
        )
        revenue, visits = cls.plan.objective_ids.sorted("sequence")
        revenue.date_deadline = "2024-03-31"
        visits.actual = 2.0
        Action = cls.plan.env["account_mgmt.plan.action"]
        cls.action_open = Action.create(
            {
                "objective_id": revenue.id,
                "name": "Pitch support",
                "date_deadline": "2024-05-01",
            }
        )
        cls.action_done = Action.create(
            {
                "objective_id": revenue.id,
                "name": "Kick-off",
                "date_deadline": "2024-02-01",
            }
        )
        cls.action_done.action_done()
        cls.plan.action_submit()
        cls.plan.with_user(cls.user_director).action_approve()

    def test_copy_to_next_period(self):
        action = self.plan.action_copy_next_period()
        new = self.plan.browse(action["res_id"])
        self.assertEqual(new.state, "draft")
        self.assertEqual(new.partner_id, self.account)
        self.assertEqual(new.user_id, self.user_manager)
        # January-June gives July-December
        self.assertEqual(
            (new.date_start, new.date_end), (date(2024, 7, 1), date(2024, 12, 31))
        )
        self.assertEqual(new.revenue_target, 20000.0)
        self.assertEqual(new.situation, "<p>Long-standing client.</p>")
        self.assertFalse(new.approved_by_id)
        # Objectives: same metrics and targets, deadlines moved six months,
        # manual actual reset.
        revenue, visits = new.objective_ids.sorted("sequence")
        self.assertEqual((revenue.metric, revenue.target), ("revenue", 20000.0))
        self.assertEqual(revenue.date_deadline, date(2024, 9, 30))
        self.assertEqual(
            (visits.metric, visits.target, visits.actual), ("manual", 3.0, 0.0)
        )
        # Actuals are the new period's: the July invoice, 7,000
        self.assertAlmostEqual(new.revenue_actual, 7000.0)
        self.assertAlmostEqual(revenue.actual, 7000.0)
        # Stakeholders copied; only open actions and open opportunities follow.
        self.assertEqual(new.stakeholder_ids.contact_id, self.contact)
        self.assertEqual(new.stakeholder_ids.role, "champion")
        self.assertEqual(new.action_ids.mapped("name"), ["Pitch support"])
        self.assertEqual(new.action_ids.objective_id, revenue)
        self.assertEqual(new.action_ids.state, "todo")
        # The leads are Bruno's: Anna may not read them (check as superuser), yet
        # the pipeline of her plan counts them: 4,000 at 25 % = 1,000.
        self.assertEqual(new.sudo().lead_ids, self.lead_open)
        new.invalidate_recordset(["lead_ids"])
        self.assertFalse(new.lead_ids)
        self.assertAlmostEqual(new.pipeline_amount, 4000.0)
        self.assertAlmostEqual(new.pipeline_weighted_amount, 1000.0)
        # The original is untouched.
        self.assertEqual(self.plan.state, "approved")
        self.assertEqual(len(self.plan.action_ids), 2)

    def test_copy_refused_for_cancelled_plan(self):
        # an approved plan is cancelled by a director (its owner closes it)
        self.plan.with_user(self.user_director).action_cancel()
        with self.assertRaisesMessage(UserError, "is cancelled: copy an approved"):
            self.plan.action_copy_next_period()
