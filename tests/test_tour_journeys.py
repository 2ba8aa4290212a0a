# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""In Chromium, each role's daily journey (issue 17), as the role that does it:
the account manager lands on the portfolio and logs a call from a card (default
type, stars), opens an interaction from the list, logs one from the partner's
header; the director lands on the Team Overview (health by tier and band,
workload), finds the plan's approval to-do
and approves, and is asked before tiers are recomputed; finance lands on client
profitability, opens an account's breakdown from the ranking and reads the payment
reminder in the composer before sending it."""

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from .tour_common import GROUPS, TourCommon

APPROVAL = "account_mgmt_addon.mail_activity_type_plan_approval"


@tagged("post_install", "-at_install")
class TestJourneyTours(TourCommon):
    # The width the cards and bars are checked at.
    browser_size = "1440x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls._tour_user("tour_jrn_am", "manager")
        cls.director = cls._tour_user("tour_jrn_dir", "director")
        cls.finance = cls._tour_user("tour_jrn_fin", "finance")
        cls.account = cls.env["res.partner"].create(
            {
                # A long name: the card shows it whole.
                "name": "Tour Journey Account International",
                "is_company": True,
                "account_manager_id": cls.manager.id,
            }
        )
        cls.env["account_mgmt.health.snapshot"].sudo()._recompute_accounts(
            partners=cls.account, companies=cls.company, alerts=False
        )
        cls.call_type = cls.env["account_mgmt.interaction.type"].search(
            [("company_id", "in", [cls.company.id, False])], limit=1
        )

    def test_manager_journey(self):
        self.assertEqual(self.call_type.name, "Call")
        self.assertTrue(self.account.account_health_band)
        self.start_tour(
            "/odoo", "account_mgmt_journey_manager_portfolio", login=self.manager.login
        )
        interaction = self.env["account_mgmt.interaction"].search(
            [("partner_id", "=", self.account.id)]
        )
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.subject, "Renewal call")
        self.assertEqual(interaction.type_id, self.call_type)
        self.assertEqual(interaction.satisfaction, 4)
        self.assertEqual(interaction.user_id, self.manager)
        self.start_tour(
            "/odoo/action-account_mgmt_addon.account_mgmt_interaction_action",
            "account_mgmt_journey_manager_interactions",
            login=self.manager.login,
        )
        self.start_tour(
            f"/odoo/res.partner/{self.account.id}",
            "account_mgmt_journey_manager_partner",
            login=self.manager.login,
        )
        # Discarded: still one interaction.
        self.assertEqual(
            self.env["account_mgmt.interaction"].search_count(
                [("partner_id", "=", self.account.id)]
            ),
            1,
        )

    def test_director_journey(self):
        self.start_tour(
            "/odoo", "account_mgmt_journey_director_landing", login=self.director.login
        )
        plan = (
            self.env["account_mgmt.plan"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Tour Journey Plan",
                    "partner_id": self.account.id,
                    "date_start": "2024-01-01",
                    "date_end": "2024-12-31",
                    "objective_ids": [
                        Command.create(
                            {"name": "Grow", "metric": "revenue", "target": 1000.0}
                        )
                    ],
                }
            )
        )
        plan.action_submit()
        # 2,000 sold in 2024 against the 1,000 target: 200 %, a full bar.
        product = self.env["product.product"].create(
            {"name": "Tour Journey Service", "type": "service", "list_price": 2000.0}
        )
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.account.id,
                "invoice_date": "2024-06-10",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "quantity": 1,
                            "price_unit": 2000.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        self.assertEqual(plan.objective_ids.progress, 200.0)
        todo = plan.activity_ids.filtered(lambda a: a.user_id == self.director)
        self.assertEqual(todo.activity_type_id, self.env.ref(APPROVAL))
        self.start_tour(
            f"/odoo/account_mgmt.plan/{plan.id}",
            "account_mgmt_journey_director_plan",
            login=self.director.login,
        )
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "approved")
        notice = plan.message_ids.filtered(
            lambda m: self.manager.partner_id in m.partner_ids
        )
        self.assertEqual(len(notice), 1)
        History = self.env["account_mgmt.tier.history"]
        before = History.search_count([])
        self.start_tour(
            "/odoo/action-account_mgmt_addon.res_partner_action_accounts",
            "account_mgmt_journey_director_tiers",
            login=self.director.login,
        )
        # Both confirmations were cancelled: no tier changed.
        self.assertEqual(History.search_count([]), before)


@tagged("post_install", "-at_install")
class TestDirectorOverviewTour(TourCommon):
    """The director of a company of their own lands on the Team Overview and
    reads the counts of its three accounts (their latest health scores, set
    here) and of the plan waiting for approval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.company"].create({"name": "Overview Tour Co"})

        def user(login, name, role):
            return new_test_user(
                cls.env,
                login=login,
                name=name,
                email=f"{login}@example.com",
                groups=f"base.group_user,{GROUPS[role]}",
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        cls.director = user("tour_ovw_dir", "Overview Director", "director")
        one = user("tour_ovw_m1", "Overview Manager One", "manager")
        two = user("tour_ovw_m2", "Overview Manager Two", "manager")
        key = cls.env.ref("account_mgmt_addon.tier_key")
        today = fields.Date.context_today(cls.env["res.partner"])
        # (account, manager, tier, band, overdue contact, missing plan)
        rows = [
            ("Overview Alpha", one, key, "green", 0, 0),
            ("Overview Beta", one, key, "red", 1, 0),
            ("Overview Gamma", two, None, "amber", 0, 1),
        ]
        accounts = {}
        for name, manager, tier, band, overdue, missing in rows:
            account = cls.env["res.partner"].create(
                {
                    "name": name,
                    "is_company": True,
                    "company_id": company.id,
                    "account_manager_id": manager.id,
                }
            )
            accounts[name] = account
            cls.env["account_mgmt.health.snapshot"].sudo().create(
                {
                    "partner_id": account.id,
                    "company_id": company.id,
                    "date": today,
                    "is_latest": True,
                    "band": band,
                    "score": {"green": 90.0, "amber": 60.0, "red": 20.0}[band],
                    "tier_id": tier.id if tier else False,
                    "account_manager_id": manager.id,
                    "contact_overdue_count": overdue,
                    "missing_plan_count": missing,
                }
            )
        plan = (
            cls.env["account_mgmt.plan"]
            .with_user(one)
            .create(
                {
                    "name": "Overview Plan",
                    "partner_id": accounts["Overview Alpha"].id,
                    "date_start": today,
                    "date_end": today + relativedelta(years=1, days=-1),
                    "objective_ids": [
                        Command.create(
                            {"name": "Grow", "metric": "revenue", "target": 1000.0}
                        )
                    ],
                }
            )
        )
        plan.action_submit()
        cls.plan = plan

    def test_director_lands_on_the_team_overview(self):
        self.assertEqual(self.plan.state, "submitted")
        self.start_tour(
            "/odoo", "account_mgmt_journey_director_overview", login=self.director.login
        )


@tagged("post_install", "-at_install")
class TestFinanceJourneyTour(TourCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finance = cls._tour_user("tour_jrn_fin2", "finance")
        cls.account = cls.env["res.partner"].create(
            {"name": "Tour Journey Finance", "is_company": True}
        )
        cls.billing = cls.env["res.partner"].create(
            {
                "name": "Tour Journey Billing",
                "type": "invoice",
                "parent_id": cls.account.id,
                "email": "ap@journey.example.com",
            }
        )
        # The 10th of the month before last: in the ranking's default period (the
        # last 12 months to the end of this one) and overdue (due on the day) on
        # any day.
        day = fields.Date.today().replace(day=10) - relativedelta(months=2)
        cls.invoice = (
            cls.env["account.move"]
            .with_company(cls.company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.account.id,
                    "invoice_date": day,
                    "invoice_date_due": day,
                    "date": day,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Tour journey consulting",
                                "quantity": 2,
                                "price_unit": 1500.0,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        cls.invoice.action_post()

    def test_finance_journey(self):
        self.start_tour(
            "/odoo", "account_mgmt_journey_finance_landing", login=self.finance.login
        )
        self.start_tour(
            "/odoo/action-account_mgmt_addon.account_mgmt_profitability_ranking_action",
            "account_mgmt_journey_finance_ranking",
            login=self.finance.login,
        )
        self.start_tour(
            f"/odoo/res.partner/{self.account.id}",
            "account_mgmt_journey_finance_reminder",
            login=self.finance.login,
        )
        message = self.account.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.billing)
        self.assertIn(self.invoice.name, message.body)
        self.assertIn("3,000.00", message.body)
        self.assertEqual(message.author_id, self.finance.partner_id)
        interaction = (
            self.env["account_mgmt.interaction"]
            .sudo()
            .search([("partner_id", "=", self.account.id)])
        )
        self.assertEqual(interaction.mail_message_id, message)
