# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""My Portfolio (the add-on's landing page) and the director's overview, read the
way their views read them."""

from datetime import timedelta

from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .health_common import HealthScenario


@tagged("post_install", "-at_install")
class TestPortfolio(HealthScenario):
    def setUp(self):
        super().setUp()
        self._recompute(self.acme | self.beta | self.gamma)
        self.portfolio = self.env.ref("account_mgmt_addon.res_partner_action_portfolio")

    def _filter_domain(self, name, user):
        """The domain of a filter of the portfolio search view, for ``user``."""
        view = self.env.ref("account_mgmt_addon.res_partner_view_search_portfolio")
        node = etree.fromstring(view.arch).find(f".//filter[@name='{name}']")
        return safe_eval(node.get("domain"), {"uid": user.id})

    def _portfolio(self, user, filter_name="my_accounts"):
        Partner = self.env["res.partner"].with_user(user)
        domain = safe_eval(self.portfolio.domain) + self._filter_domain(
            filter_name, user
        )
        return Partner, domain

    def test_landing_page_and_menu(self):
        # The root menu chooses by role (tests/test_journeys.py): the
        # portfolio for account managers.
        landing = self.env.ref("account_mgmt_addon.action_account_mgmt_landing")
        self.assertEqual(self.env.ref("account_mgmt_addon.menu_root").action, landing)
        self.assertEqual(
            landing.with_user(self.user_manager).run()["id"], self.portfolio.id
        )
        menu = self.env.ref("account_mgmt_addon.menu_accounts_portfolio")
        self.assertEqual(
            menu.parent_id, self.env.ref("account_mgmt_addon.menu_accounts")
        )
        self.assertEqual(menu.sequence, 1)
        self.assertEqual(menu.action, self.portfolio)
        self.assertEqual(
            safe_eval(self.portfolio.context), {"search_default_my_accounts": 1}
        )
        kanban = self.env.ref("account_mgmt_addon.res_partner_view_kanban_portfolio")
        self.assertEqual(
            etree.fromstring(kanban.arch).get("default_group_by"),
            "account_health_band",
        )

    def test_my_accounts_by_band(self):
        Partner, domain = self._portfolio(self.user_manager)
        groups = Partner.web_read_group(
            domain, ["account_health_band"], ["account_health_band"]
        )["groups"]
        # Every band shows, red first, even an empty one.
        self.assertEqual(
            [
                (g["account_health_band"], g["account_health_band_count"])
                for g in groups
            ],
            [("red", 1), ("amber", 2), ("green", 0)],
        )
        red = Partner.search(domain + [("account_health_band", "=", "red")])
        self.assertEqual(red, self.gamma)
        # Cards sorted by score within a band: Acme 53.56 before Beta 75.
        amber = Partner.search(
            domain + [("account_health_band", "=", "amber")],
            order="account_health_score, name",
        )
        self.assertEqual(amber.mapped("name"), ["Acme", "Beta"])
        # Bruno manages none of them.
        Partner2, domain2 = self._portfolio(self.user_manager2)
        self.assertFalse(Partner2.search(domain2))

    def test_my_team_and_all(self):
        team = self.env["crm.team"].create(
            {"name": "Key Accounts", "user_id": self.user_director.id}
        )
        self.env["crm.team.member"].create(
            [
                {"crm_team_id": team.id, "user_id": self.user_manager.id},
                {"crm_team_id": team.id, "user_id": self.user_manager2.id},
            ]
        )
        delta = self._managed_account("Delta", manager=self.user_manager2)
        self._post_move(delta, "2026-04-01", [(self.widget, 1, 1000.0)])
        self._recompute(delta)
        scored = self.acme | self.beta | self.gamma | delta
        # The team leader sees the accounts of the team's members...
        Partner, domain = self._portfolio(self.user_director, "my_team")
        self.assertEqual(Partner.search(domain + [("id", "in", scored.ids)]), scored)
        # ... and a member only his own: the health of the colleagues' accounts
        # isn't his to read or filter on (issue 14).
        Partner, domain = self._portfolio(self.user_manager2, "my_team")
        self.assertEqual(Partner.search(domain + [("id", "in", scored.ids)]), delta)
        # The director's "all managed accounts".
        Partner, domain = self._portfolio(self.user_director, "all_managed")
        self.assertEqual(Partner.search(domain + [("id", "in", scored.ids)]), scored)

    def test_at_risk_filter(self):
        Partner, domain = self._portfolio(self.user_manager, "at_risk")
        at_risk = Partner.search(domain + [("id", "in", (self.acme | self.gamma).ids)])
        self.assertEqual(at_risk, self.gamma)
        self.assertIn("Contact Recency 0/100", at_risk.account_health_main_reason)

    def test_overview_by_tier_and_band(self):
        Snapshot = self.env["account_mgmt.health.snapshot"].with_user(
            self.user_director
        )
        groups = Snapshot._read_group(
            [("is_latest", "=", True), ("company_id", "=", self.company.id)],
            ["tier_id", "band"],
            ["__count", "revenue_12m:sum"],
        )
        result = {
            (tier.code, band): (count, revenue) for tier, band, count, revenue in groups
        }
        # Key: Acme (2,200) and Beta (1,000 of March 2026), amber; Gamma, no tier,
        # red with its 500 invoice of January 2026.
        self.assertEqual(
            result, {("KEY", "amber"): (2, 3200.0), (False, "red"): (1, 500.0)}
        )

    def test_workload_per_manager(self):
        Snapshot = self.env["account_mgmt.health.snapshot"].with_user(
            self.user_director
        )
        [(manager, count, overdue, missing, off_track)] = Snapshot._read_group(
            [("is_latest", "=", True), ("company_id", "=", self.company.id)],
            ["account_manager_id"],
            [
                "__count",
                "contact_overdue_count:sum",
                "missing_plan_count:sum",
                "off_track_count:sum",
            ],
        )
        self.assertEqual(manager, self.user_manager)
        self.assertEqual(count, 3)
        # Overdue contacts: Acme (45 days, cadence 30) and Gamma (never, created
        # 379 days ago, cadence 90); Beta was called 10 days ago.
        self.assertEqual(overdue, 2)
        # Missing plans: Beta's Key tier requires one; Acme has one; Gamma no tier.
        self.assertEqual(missing, 1)
        self.assertEqual(off_track, 1)

    def test_workload_counts_objectives_by_who_is_responsible(self):
        # The statuses measured on 15 June (the live ones follow the clock).
        statuses = {o.name: o.health_status for o in self.acme_plan.objective_ids}
        self.assertEqual(
            statuses,
            {
                "Done": "done",
                "On track": "on_track",
                "At risk": "at_risk",
                "Late": "off_track",
            },
        )
        off_track = self.acme_plan.objective_ids.filtered(lambda o: o.name == "Late")
        # Bruno is responsible for it; Anna manages Acme.
        off_track.user_id = self.user_manager2
        action = self.env.ref(
            "account_mgmt_addon.account_mgmt_health_snapshot_action_workload"
        )
        Workload = self.env[action.res_model].with_user(self.user_director)
        groups = Workload._read_group(
            [("company_id", "=", self.company.id)],
            ["user_id"],
            [
                "account_count:sum",
                "contact_overdue_count:sum",
                "missing_plan_count:sum",
                "off_track_count:sum",
            ],
        )
        self.assertEqual(
            {user: tuple(figures) for user, *figures in groups},
            {
                # 3 accounts, 2 overdue contacts, 1 missing plan (see above)
                self.user_manager: (3, 2, 1, 0),
                # no account, 1 objective off track
                self.user_manager2: (0, 0, 0, 1),
            },
        )
        # Account managers don't read the team's workload.
        with self.assertRaises(AccessError):
            self.env[action.res_model].with_user(self.user_manager).search([])

    def test_figures_open_the_records_behind(self):
        acme = self.acme.with_user(self.user_manager)
        history = acme.action_view_account_health_history()
        self.assertEqual(history["res_model"], "account_mgmt.health.snapshot")
        Snapshot = self.env["account_mgmt.health.snapshot"].with_user(self.user_manager)
        self.assertEqual(Snapshot.search(history["domain"]).partner_id, self.acme)
        interactions = acme.action_view_interactions()
        self.assertEqual(
            self.env["account_mgmt.interaction"]
            .with_user(self.user_manager)
            .search_count(interactions["domain"]),
            6,
        )
        plans = acme.action_view_account_plans()
        self.assertEqual(
            self.env["account_mgmt.plan"]
            .with_user(self.user_manager)
            .search(plans["domain"]),
            self.acme_plan,
        )
        snapshot = Snapshot.search([("partner_id", "=", self.acme.id)])
        self.assertEqual(snapshot.action_open_account()["res_id"], self.acme.id)

    def _kanban_specification(self, Partner):
        """The fields the portfolio kanban reads, as the web client asks for them."""
        kanban = self.env.ref("account_mgmt_addon.res_partner_view_kanban_portfolio")
        arch = etree.fromstring(
            Partner.get_views([(kanban.id, "kanban")])["views"]["kanban"]["arch"]
        )
        spec = {}
        for node in arch.iter("field"):
            fname = node.get("name")
            if any(parent.tag == "field" for parent in node.iterancestors()):
                continue
            if Partner._fields[fname].type in ("many2one", "one2many", "many2many"):
                spec[fname] = {"fields": {"display_name": {}}}
            else:
                spec[fname] = {}
        return spec

    def test_kanban_queries_do_not_depend_on_the_page_size(self):
        """80 cards cost the queries of 20, even when only the next 60 show plans
        whose account has a team (the plans' rules read the teams)."""
        accounts = self.env["res.partner"].create(
            [
                {
                    "name": f"Portfolio {i:02d}",
                    "is_company": True,
                    "account_manager_id": self.user_manager.id,
                }
                for i in range(80)
            ]
        )
        # Current approved plans: two among the first 20 cards (no team), three
        # among the next 60, whose accounts have a team.
        self.env["account_mgmt.team.member"].sudo().create(
            [
                {"partner_id": account.id, "user_id": self.user_manager2.id}
                for account in accounts[40:43]
            ]
        )
        today = fields.Date.context_today(self.env["res.partner"])
        plans = (
            self.env["account_mgmt.plan"]
            .sudo()
            .create(
                [
                    {
                        "name": f"{account.name} plan",
                        "partner_id": account.id,
                        "user_id": self.user_manager.id,
                        "date_start": today - timedelta(days=30),
                        "date_end": today + timedelta(days=300),
                        "objective_ids": [
                            Command.create(
                                {
                                    "name": "Workshops",
                                    "metric": "manual",
                                    "target": 100.0,
                                    "actual_manual": 40.0,
                                }
                            )
                        ],
                    }
                    for account in accounts[0:2] | accounts[40:43]
                ]
            )
        )
        plans.with_user(self.user_director).action_submit()
        plans.with_user(self.user_director).action_approve()
        self.assertEqual(plans[2:].team_user_ids, self.user_manager2)
        # The portfolio shows the accounts with a score; the cards count the
        # objectives on track as the health score stored them, scored today.
        self._recompute(accounts, day=today)

        Partner, domain = self._portfolio(self.user_manager)
        domain += [("id", "in", accounts.ids)]
        spec = self._kanban_specification(Partner)

        def read(limit):
            self.env.invalidate_all()
            return Partner.web_search_read(domain, spec, limit=limit, order="name")

        read(80)  # warm the registry caches (views, rules, defaults)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        page = read(20)
        queries_20 = self.env.cr.sql_log_count - before
        self.assertEqual(len(page["records"]), 20)
        with self.assertQueryCount(queries_20):
            page = read(80)
        self.assertEqual(len(page["records"]), 80)
        # The plans show on their cards: the one objective (40 % reached with
        # about 9 % of the time elapsed) on track.
        cards = {card["id"]: card for card in page["records"]}
        for account in accounts[0:2] | accounts[40:43]:
            card = cards[account.id]
            self.assertEqual(card["account_plan_card_status"], "on_track")
            self.assertEqual(card["account_plan_objective_count"], 1)
            self.assertEqual(card["account_plan_objective_ok_count"], 1)
        self.assertFalse(cards[accounts[3].id]["account_plan_current_id"])
