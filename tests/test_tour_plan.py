# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""In Chromium: an account manager writes and submits a plan, a director approves
it."""

from odoo.tests import tagged

from .tour_common import TourCommon


@tagged("post_install", "-at_install")
class TestPlanTours(TourCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls._tour_user("tour_plan_am", "manager")
        cls.director = cls._tour_user("tour_plan_dir", "director")
        cls.account = cls.env["res.partner"].create(
            {
                "name": "Tour Plan Account",
                "is_company": True,
                "account_manager_id": cls.manager.id,
            }
        )
        cls.buyer = cls.env["res.partner"].create(
            {"name": "Tour Buyer", "parent_id": cls.account.id}
        )

    def test_submit_then_approve(self):
        self.start_tour(
            "/odoo/action-account_mgmt_addon.account_mgmt_plan_action/new",
            "account_mgmt_plan_submit",
            login=self.manager.login,
        )
        plan = self.env["account_mgmt.plan"].search(
            [("partner_id", "=", self.account.id)]
        )
        self.assertEqual(len(plan), 1)
        self.assertEqual(plan.name, "Tour Plan Account FY")
        self.assertEqual(plan.state, "submitted")
        self.assertEqual(plan.user_id, self.manager)
        self.assertEqual(plan.objective_ids.mapped("name"), ["Grow revenue"])
        self.assertEqual(plan.objective_ids.target, 50000.0)
        self.assertEqual(plan.stakeholder_ids.contact_id, self.buyer)

        self.start_tour(
            f"/odoo/account_mgmt.plan/{plan.id}",
            "account_mgmt_plan_approve",
            login=self.director.login,
        )
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.approved_by_id, self.director)
