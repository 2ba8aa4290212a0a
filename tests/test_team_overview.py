# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The directors' landing page, the Team Overview: health by tier x band and the
workload per person on one screen, each figure read where the screen it
summarises reads it (the Health Overview, the Team Workload), for the director's
companies only; each line opens the records it counts."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import GROUP_DIRECTOR
from .health_common import HealthScenario

LINES = ["tier_line_ids", "workload_line_ids"]
TIER_FIGURES = ("green_count", "amber_count", "red_count", "account_count")
WORKLOAD_FIGURES = (
    "account_count",
    "at_risk_count",
    "contact_overdue_count",
    "missing_plan_count",
    "off_track_count",
    "to_approve_count",
)


@tagged("post_install", "-at_install")
class TestTeamOverview(HealthScenario):
    def setUp(self):
        super().setUp()
        self._recompute(self.acme | self.beta | self.gamma)
        # Anna, who manages Acme, is responsible for its plan's objectives (the
        # scenario created them as another user).
        self.acme_plan.objective_ids.user_id = self.user_manager
        self.Overview = self.env["account_mgmt.team.overview"].with_user(
            self.user_director
        )

    def _overview(self, user=None):
        Overview = self.Overview.with_user(user) if user else self.Overview
        return Overview.create(Overview.default_get(LINES))

    @staticmethod
    def _tiers(overview):
        return {
            line.tier_id.code: tuple(line[fname] for fname in TIER_FIGURES)
            for line in overview.tier_line_ids
        }

    @staticmethod
    def _workload(overview):
        return {
            line.user_id: tuple(line[fname] for fname in WORKLOAD_FIGURES)
            for line in overview.workload_line_ids
        }

    def _submitted_plan(self):
        """Beta's plan for 2027, submitted by its manager: it awaits approval."""
        plan = (
            self.env["account_mgmt.plan"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": "Beta 2027",
                    "partner_id": self.beta.id,
                    "date_start": date(2027, 1, 1),
                    "date_end": date(2027, 12, 31),
                    "objective_ids": [
                        Command.create(
                            {"name": "Grow", "metric": "revenue", "target": 5000.0}
                        )
                    ],
                }
            )
        )
        plan.action_submit()
        return plan

    def test_figures_by_hand(self):
        overview = self._overview()
        # Health by tier x band (green, amber, red, accounts): Acme and Beta, Key,
        # amber; Gamma, no tier, red (tests/test_portfolio.py computes why). The
        # tier comes first, "no tier" last.
        self.assertEqual(
            self._tiers(overview), {"KEY": (0, 2, 0, 2), False: (0, 0, 1, 1)}
        )
        self.assertEqual(overview.tier_line_ids[-1].tier_id.id, False)
        # Workload (accounts, at risk, overdue contacts, missing plans,
        # objectives off track, plans to approve): Anna manages the three; Gamma
        # is red; Acme (45 days, cadence 30) and Gamma (never contacted) are
        # overdue; Beta's Key tier requires a plan it lacks; Acme's "Late"
        # objective is off track; no plan waits for approval.
        self.assertEqual(
            self._workload(overview), {self.user_manager: (3, 1, 2, 1, 1, 0)}
        )
        # The stat buttons: 3 accounts, 1 at risk, 2 overdue contacts, 0 plans.
        self.assertEqual(
            (
                overview.account_count,
                overview.at_risk_count,
                overview.contact_overdue_count,
                overview.to_approve_count,
            ),
            (3, 1, 2, 0),
        )

    def test_plan_to_approve_and_who_is_responsible(self):
        plan = self._submitted_plan()
        off_track = self.acme_plan.objective_ids.filtered(lambda o: o.name == "Late")
        # Bruno is responsible for the off-track objective; Anna manages Acme.
        off_track.sudo().user_id = self.user_manager2
        overview = self._overview()
        self.assertEqual(
            self._workload(overview),
            {
                self.user_manager: (3, 1, 2, 1, 0, 1),
                self.user_manager2: (0, 0, 0, 0, 1, 0),
            },
        )
        self.assertEqual(overview.to_approve_count, 1)
        line = overview.workload_line_ids.filtered(
            lambda line: line.user_id == self.user_manager
        )
        action = line.action_open_to_approve()
        Plan = self.env["account_mgmt.plan"].with_user(self.user_director)
        self.assertEqual(Plan.search(action["domain"]), plan)
        # Approved: it no longer waits.
        plan.with_user(self.user_director).action_approve()
        self.assertEqual(self._overview().to_approve_count, 0)

    def test_same_figures_as_the_screens_it_summarises(self):
        """Health Overview (snapshots by tier and band) and Team Workload (the
        report by person): the same numbers, read the way their views read
        them."""
        self._submitted_plan()
        overview = self._overview()
        Snapshot = self.env["account_mgmt.health.snapshot"].with_user(
            self.user_director
        )
        pivot = Snapshot._read_group(
            [("is_latest", "=", True)], ["tier_id", "band"], ["__count"]
        )
        from_pivot = {}
        for tier, band, count in pivot:
            from_pivot[(tier.code, band)] = count
        from_overview = {
            (line.tier_id.code, band): line[f"{band}_count"]
            for line in overview.tier_line_ids
            for band in ("green", "amber", "red")
            if line[f"{band}_count"]
        }
        self.assertEqual(from_overview, from_pivot)
        Workload = self.env["account_mgmt.workload.report"].with_user(
            self.user_director
        )
        report = Workload._read_group(
            [], ["user_id"], [f"{fname}:sum" for fname in WORKLOAD_FIGURES]
        )
        self.assertEqual(
            self._workload(overview),
            {user: tuple(figures) for user, *figures in report},
        )

    def test_lines_open_the_records_they_count(self):
        overview = self._overview()
        key, no_tier = overview.tier_line_ids
        Snapshot = self.env["account_mgmt.health.snapshot"].with_user(
            self.user_director
        )
        action = key.action_open_accounts()
        self.assertEqual(
            Snapshot.search(action["domain"] + [("is_latest", "=", True)]).partner_id,
            self.acme | self.beta,
        )
        action = no_tier.action_open_accounts()
        self.assertEqual(
            Snapshot.search(action["domain"] + [("is_latest", "=", True)]).partner_id,
            self.gamma,
        )
        line = overview.workload_line_ids
        action = line.action_open_at_risk()
        Partner = self.env["res.partner"].with_user(self.user_director)
        self.assertEqual(Partner.search(action["domain"]), self.gamma)
        action = line.action_open_workload()
        Workload = self.env["account_mgmt.workload.report"].with_user(
            self.user_director
        )
        rows = Workload.search(action["domain"])
        self.assertEqual(sum(rows.mapped("account_count")), 3)
        self.assertEqual(action["view_mode"], "list")

    def test_the_landing_page_opens_a_new_overview(self):
        """The landing action (and the Team Overview menu) opens the form of a
        new overview of the director's, its lines read when it opens; the form
        shows them as they were saved."""
        landing = self.env.ref("account_mgmt_addon.action_account_mgmt_landing")
        action = landing.with_user(self.user_director).run()
        self.assertEqual(action["res_model"], "account_mgmt.team.overview")
        overview = self.Overview.browse(action["res_id"])
        self.assertEqual(overview.create_uid, self.user_director)
        self.assertEqual(overview.display_name, "Team Overview")
        self.assertEqual(
            self._workload(overview), {self.user_manager: (3, 1, 2, 1, 1, 0)}
        )
        menu = self.env.ref("account_mgmt_addon.action_account_mgmt_team_overview")
        again = menu.with_user(self.user_director).run()
        self.assertNotEqual(again["res_id"], overview.id)
        form = Form(self.Overview.browse(again["res_id"]))
        self.assertEqual(len(form.tier_line_ids), 2)
        self.assertEqual(len(form.workload_line_ids), 1)
        # Not duplicated (a copy would read the figures again).
        with self.assertRaises(UserError):
            overview.copy()
        # Account managers don't get one.
        with self.assertRaises(AccessError):
            self.Overview.with_user(self.user_manager)._action_open_team_overview()

    def test_directors_see_their_companies_only(self):
        other = self.env["res.company"].create({"name": "Overview Other Co"})
        dino = self._new_user(
            "am_dino_overview", "Dino Director", GROUP_DIRECTOR, company=other
        )
        overview = self._overview(dino)
        self.assertFalse(overview.tier_line_ids)
        self.assertFalse(overview.workload_line_ids)
        # Nor anyone else's overview.
        mine = self._overview()
        self.assertFalse(
            self.env["account_mgmt.team.overview"]
            .with_user(dino)
            .search([("id", "=", mine.id)])
        )
