# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The server side of each role's daily journey (issue 17): landing page per role,
profitability menus hidden when the company does not show them, the plan
workflow's to-dos and notices, the preview of tiering on another day, the
ranking's drill-down and the payment reminder's composer."""

from datetime import date

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .plan_common import PlanCommon

APPROVAL = "account_mgmt_addon.mail_activity_type_plan_approval"


@tagged("post_install", "-at_install")
class TestJourneys(PlanCommon):
    def _landing(self, user):
        action = self.env.ref("account_mgmt_addon.action_account_mgmt_landing")
        return action.with_user(user).run()

    def test_landing_page_per_role(self):
        self.assertEqual(
            self.env.ref("account_mgmt_addon.menu_root").action,
            self.env.ref("account_mgmt_addon.action_account_mgmt_landing"),
        )
        expected = {
            self.user_manager: "account_mgmt_addon.res_partner_action_portfolio",
            self.user_finance: (
                "account_mgmt_addon.account_mgmt_profitability_report_action"
            ),
        }
        for user, xmlid in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(self._landing(user)["id"], self.env.ref(xmlid).id)
        # Directors: a new Team Overview of theirs, in its form
        # (tests/test_team_overview.py).
        action = self._landing(self.user_director)
        self.assertEqual(action["res_model"], "account_mgmt.team.overview")
        overview = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(overview.create_uid, self.user_director)
        self.assertEqual(action["views"][0][1], "form")

    def test_demo_users_home_action(self):
        expected = {
            "amanda": "account_mgmt_addon.res_partner_action_portfolio",
            "diane": "account_mgmt_addon.action_account_mgmt_team_overview",
            "fiona": "account_mgmt_addon.account_mgmt_profitability_report_action",
        }
        for login, xmlid in expected.items():
            user = self.env["res.users"].search([("login", "=", login)])
            self.assertEqual(user.action_id.id, self.env.ref(xmlid).id, login)

    def test_profitability_menus_follow_the_setting(self):
        menus = self.env["ir.ui.menu"]
        profitability = {
            self.env.ref(f"account_mgmt_addon.{xmlid}").id
            for xmlid in (
                "menu_reporting_profitability",
                "menu_reporting_profitability_group",
                "menu_reporting_profitability_ranking",
                "menu_reporting_profitability_export",
            )
        }
        receivables = self.env.ref("account_mgmt_addon.menu_reporting_receivables").id
        companies = self.env["res.company"].search([])
        companies.account_mgmt_managers_see_profitability = False
        self.env.registry.clear_cache()
        visible = menus.with_user(self.user_manager)._visible_menu_ids()
        self.assertFalse(profitability & visible)
        self.assertIn(receivables, visible)
        for user in (self.user_director, self.user_finance):
            visible = menus.with_user(user)._visible_menu_ids()
            self.assertEqual(profitability & visible, profitability, user.login)
        # The setting on: the managers see them.
        self.company.account_mgmt_managers_see_profitability = True
        self.env.registry.clear_cache()
        visible = menus.with_user(self.user_manager)._visible_menu_ids()
        self.assertEqual(profitability & visible, profitability)

    # -- plan workflow ---------------------------------------------------------

    def _approval_todos(self, plan):
        return (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "account_mgmt.plan"),
                    ("res_id", "=", plan.id),
                    ("activity_type_id", "=", self.env.ref(APPROVAL).id),
                ]
            )
        )

    def test_submit_gives_the_directors_one_todo(self):
        director2 = self._new_user(
            "am_dan", "Dan Director", "account_mgmt_addon.group_account_director"
        )
        plan = self._plan(objectives=[("revenue", 1000.0)])
        plan.with_user(self.user_manager).action_submit()
        todos = self._approval_todos(plan)
        self.assertIn(self.user_director, todos.user_id)
        self.assertIn(director2, todos.user_id)
        self.assertNotIn(self.user_manager, todos.user_id)
        self.assertEqual(len(todos), len(todos.user_id))  # one each
        self.assertEqual(set(todos.mapped("summary")), {"Approve the account plan"})
        # Sent back and submitted again: still one to-do per director.
        plan.with_user(self.user_director)._send_back("Targets too low")
        self.assertFalse(self._approval_todos(plan))
        owner_todo = plan.activity_ids.filtered(
            lambda a: a.user_id == self.user_manager
        )
        self.assertEqual(owner_todo.summary, "Revise the account plan")
        plan.with_user(self.user_manager).action_submit()
        self.assertEqual(len(self._approval_todos(plan)), len(todos))
        # Submitting twice while the to-dos are open adds none (the action
        # refuses a second submit; the helper skips open ones).
        plan._account_mgmt_ask_approval()
        self.assertEqual(len(self._approval_todos(plan)), len(todos))

    def test_approval_notifies_the_owner(self):
        plan = self._plan(objectives=[("revenue", 1000.0)])
        plan.with_user(self.user_manager).action_submit()
        plan.with_user(self.user_director).action_approve()
        self.assertEqual(plan.state, "approved")
        self.assertFalse(self._approval_todos(plan))
        notice = plan.message_ids.filtered(
            lambda m: self.user_manager.partner_id in m.partner_ids
        )
        self.assertEqual(len(notice), 1)
        self.assertIn("Dora Director approved the plan", notice.body)
        self.assertEqual(notice.author_id, self.user_director.partner_id)

    def test_card_with_a_hidden_margin_objective(self):
        """A manager who does not see margins reads the portfolio card of an
        account whose current plan has a margin objective, whose status is
        hidden from them: the plan's status is the worst of the others (it
        raised "False is not in list"), the card counts 0 of 2 objectives on
        track or done (2 of 2 once both are reached: hidden or not, an objective
        counts by its status, as in the health score)."""
        self.env["res.company"].search(
            []
        ).account_mgmt_managers_see_profitability = False
        today = fields.Date.context_today(self.Plan)
        plan = self._plan(
            objectives=[("revenue", 1000.0), ("gross_margin", 500.0)],
            date_start=today.replace(day=1, month=1),
            date_end=today.replace(day=31, month=12),
        )
        self._approve(plan)
        account = self.account.with_user(self.user_manager)
        self.assertEqual(account.account_plan_current_id, plan)
        # No sale yet: 0 % of both targets with at least a day of the year
        # elapsed (at the end of today): both off track.
        expected = "off_track"
        self.assertEqual(account.account_plan_status, expected)
        self.assertEqual(account.account_plan_objective_count, 2)
        self.assertEqual(account.account_plan_objective_ok_count, 0)
        # Not scored yet: the card shows the plan's live status.
        self.assertEqual(account.account_plan_card_status, expected)
        self.assertEqual(
            self.account.with_user(self.user_director).account_plan_status, expected
        )
        # Two widgets sold today: revenue 2,000 of 1,000, gross margin 2 x (1,000 -
        # 600) = 800 of 500: both reached. The manager still doesn't see the
        # margin objective's status, but the card counts it as the health
        # score's plan measure does: 2 of 2, not 1 of 2. Not scored yet, the card
        # counts the live statuses, as its live plan status ("Plan Done: 2 of 2",
        # never "Plan Done: 0 of 2"); once scored, the statuses the health score
        # stored: the count of the health detail on the same account.
        self._post_move(self.account, today, [(self.product_goods, 2, 1000.0)])
        self.env.invalidate_all()
        account = self.account.with_user(self.user_manager)
        self.assertEqual(account.account_plan_objective_ok_count, 2)
        self.assertEqual(account.account_plan_card_status, "done")
        snapshot = (
            self.env["account_mgmt.health.snapshot"]
            .sudo()
            ._recompute_accounts(
                partners=self.account, companies=self.account.env.company
            )
        )
        self.env.invalidate_all()
        margin_objective = plan.objective_ids.filtered(
            lambda o: o.metric == "gross_margin"
        )
        self.assertFalse(margin_objective.with_user(self.user_manager).status)
        self.assertEqual(account.account_plan_objective_count, 2)
        self.assertEqual(account.account_plan_objective_ok_count, 2)
        self.assertEqual(
            self.account.with_user(self.user_director).account_plan_objective_ok_count,
            2,
        )
        # The card's status is the worst of the same stored statuses: both
        # reached, as the plan's live status says to the director.
        self.assertEqual(account.account_plan_card_status, "done")
        self.assertEqual(plan.with_user(self.user_director).status, "done")
        detail = snapshot.line_ids.filtered(lambda line: line.code == "plan_progress")
        self.assertIn("2 of 2 objectives on track or done", detail.value_display)

    # -- tiering preview on another day ----------------------------------------

    def test_preview_on_another_day(self):
        Wizard = self.env["account_mgmt.tier.recompute"].with_user(self.user_director)
        form = Form(Wizard)
        form.date = date(2025, 1, 31)
        wizard = form.save()
        self.assertEqual(wizard.date, date(2025, 1, 31))
        evaluations = (
            self.env["res.partner"]
            .sudo()
            ._account_mgmt_evaluate_tiers(self.env.company, date(2025, 1, 31))
        )
        self.assertEqual(wizard.account_count, len(evaluations))
        self.assertEqual(
            sorted(wizard.line_ids.partner_id.ids),
            sorted(e.partner_id for e in evaluations if e.new_tier_id != e.old_tier_id),
        )
        tomorrow = fields.Date.context_today(Wizard).toordinal() + 1
        with self.assertRaisesRegex(ValidationError, "up to today"):
            Wizard.create({"date": date.fromordinal(tomorrow)})

    # -- payment reminder ------------------------------------------------------

    def test_payment_reminder_opens_the_composer(self):
        billing = self.env["res.partner"].create(
            {
                "name": "Acme Billing",
                "type": "invoice",
                "parent_id": self.account.id,
                "email": "ap@acme.example.com",
            }
        )
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.account.id,
                "invoice_date": "2024-03-10",
                "date": "2024-03-10",
                "invoice_date_due": "2024-04-09",
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product_service.id,
                            "quantity": 2,
                            "price_unit": 700.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        action = self.account.with_user(
            self.user_finance
        ).action_send_payment_reminder()
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertEqual(action["target"], "new")
        # Nothing is sent before the user sends it.
        self.assertFalse(
            self.account.message_ids.filtered(lambda m: m.message_type == "comment")
        )
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.user_finance)
            .with_context(action["context"])
            .create({})
        )
        self.assertEqual(composer.partner_ids, billing)
        self.assertIn(invoice.name, composer.body)
        self.assertIn("1,400.00", composer.body)
        composer.action_send_mail()
        message = self.account.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, billing)
        self.assertEqual(message.author_id, self.user_finance.partner_id)
        interaction = (
            self.env["account_mgmt.interaction"]
            .sudo()
            .search([("partner_id", "=", self.account.id)])
        )
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.mail_message_id, message)
        self.assertEqual(interaction.user_id, self.user_finance)
        self.assertEqual(interaction.contact_ids, billing)

    # -- ranking ---------------------------------------------------------------

    def test_ranking_row_opens_the_breakdown(self):
        self._post_move(self.account, "2024-03-10", [(self.product_service, 2, 700.0)])
        other = self._account("Other Co")
        self._post_move(other, "2024-03-12", [(self.product_goods, 1, 1000.0)])
        wizard = (
            self.env["account_mgmt.profitability.export"]
            .with_user(self.user_finance)
            .create(
                {
                    "date_from": "2024-03-01",
                    "date_to": "2024-03-31",
                    "company_ids": [Command.set(self.company.ids)],
                    "partner_ids": [Command.set((self.account | other).ids)],
                }
            )
        )
        action = wizard.action_rank_accounts()
        lines = (
            self.env[action["res_model"]]
            .with_user(self.user_finance)
            .search(action["domain"])
        )
        self.assertEqual(lines.partner_id, self.account | other)
        line = lines.filtered(lambda x: x.partner_id == self.account)
        breakdown = line.action_open_breakdown()
        self.assertEqual(breakdown["res_model"], "account_mgmt.profitability.breakdown")
        rows = (
            self.env["account_mgmt.profitability.breakdown"]
            .with_user(self.user_finance)
            .search(breakdown["domain"])
        )
        self.assertEqual(rows.partner_id, self.account)
        # The revenue lines sum to the row's revenue: 2 x 700.
        self.assertAlmostEqual(sum(rows.mapped("revenue")), 1400.0)
        self.assertAlmostEqual(line.revenue, 1400.0)
