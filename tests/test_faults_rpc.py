# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The public methods of every area called the way the web client calls them
(``odoo.api.call_kw``), with ids that don't exist, another company's records and
users without the rights: a clean UserError / AccessError / MissingError, and
nothing changed."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import tagged

from .plan_common import PlanCommon

MISSING_ID = 999999999


@tagged("post_install", "-at_install")
class TestFaultsRpc(PlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.setup_other_company(name="Company B")["company"]
        start = fields.Date.today().replace(day=1)
        pool_vals = {
            "date_from": start,
            "date_to": start + relativedelta(months=1, days=-1),
            "amount_source": "fixed",
            "fixed_amount": 900.0,
            "driver": "equal",
        }
        cls.pool = cls.env["account_mgmt.cost.pool"].create(
            {"name": "Service Desk", "company_id": cls.company.id, **pool_vals}
        )
        cls.pool_b = (
            cls.env["account_mgmt.cost.pool"]
            .with_company(cls.company_b)
            .create({"name": "B Desk", "company_id": cls.company_b.id, **pool_vals})
        )
        cls.plan = cls._plan(objectives=[("revenue", 1000.0)])
        cls.lead = cls.env["crm.lead"].create({"name": "Lead without customer"})

    def call(self, user, model, method, ids, *args, **kwargs):
        """What the RPC endpoint /web/dataset/call_kw runs."""
        args = list(args) if ids is None else [ids, *args]  # None: @api.model
        return api.call_kw(self.env[model].with_user(user), method, args, kwargs)

    def _counts(self):
        """What a failed call must not have changed."""
        return {
            "allocations": self.env["account_mgmt.cost.allocation"]
            .sudo()
            .search_count([]),
            "interactions": self.env["account_mgmt.interaction"]
            .sudo()
            .search_count([]),
            "tier_history": self.env["account_mgmt.tier.history"]
            .sudo()
            .search_count([]),
            "snapshots": self.env["account_mgmt.health.snapshot"]
            .sudo()
            .search_count([]),
            "messages": self.env["mail.message"].sudo().search_count([]),
            "plan_state": self.plan.state,
            "pool_state": self.pool.state,
            "pool_b_state": self.pool_b.state,
        }

    def assertFails(self, exception, regex, user, model, method, ids, *args):
        before = self._counts()
        with self.assertRaises(exception) as catcher:
            self.call(user, model, method, ids, *args)
        if regex:
            self.assertRegex(str(catcher.exception), regex)
        self.env.invalidate_all()
        self.assertEqual(self._counts(), before)
        return catcher.exception

    # -- cost pools ----------------------------------------------------------

    def test_allocate(self):
        pool = "account_mgmt.cost.pool"
        # An account manager may not allocate.
        self.assertFails(
            AccessError,
            "Only finance and account directors",
            self.user_manager,
            pool,
            "action_allocate",
            self.pool.ids,
        )
        # A pool that doesn't exist (deleted meanwhile).
        self.assertFails(
            MissingError, None, self.user_finance, pool, "action_allocate", [MISSING_ID]
        )
        # Another company's pool (the user isn't in that company).
        self.assertFails(
            AccessError,
            None,
            self.user_finance,
            pool,
            "action_allocate",
            self.pool_b.ids,
        )
        self.assertFails(
            AccessError,
            None,
            self.user_finance,
            pool,
            "action_reset_allocation",
            self.pool_b.ids,
        )
        # No account with activity in the period: nothing to share the cost on.
        self.assertFails(
            UserError,
            "can't be allocated",
            self.user_finance,
            pool,
            "action_allocate",
            self.pool.ids,
        )

    # -- tiers ---------------------------------------------------------------

    def test_recompute_tiers(self):
        for method in (
            "action_account_mgmt_recompute_tiers",
            "action_account_mgmt_preview_tiers",
        ):
            for user in (self.user_manager, self.user_finance, self.user_plain):
                self.assertFails(
                    AccessError,
                    "Only account directors",
                    user,
                    "res.partner",
                    method,
                    [],
                )

    def test_recompute_wizard(self):
        wizard = (
            self.env["account_mgmt.tier.recompute"]
            .with_user(self.user_director)
            .create({})
        )
        self.assertFails(
            AccessError,
            None,
            self.user_manager,
            "account_mgmt.tier.recompute",
            "action_apply",
            wizard.ids,
        )

    def test_recompute_health(self):
        self.assertFails(
            AccessError,
            "Only account directors",
            self.user_manager,
            "res.partner",
            "action_account_health_recompute",
            self.account.ids,
        )

    # -- plans ---------------------------------------------------------------

    def test_plan_transitions(self):
        plan = "account_mgmt.plan"
        # Someone else's plan: another manager can't submit it.
        self.assertFails(
            AccessError, None, self.user_manager2, plan, "action_submit", self.plan.ids
        )
        # A manager can't approve, a director can't approve a draft.
        self.assertFails(
            AccessError, None, self.user_manager, plan, "action_approve", self.plan.ids
        )
        self.assertFails(
            UserError, None, self.user_director, plan, "action_approve", self.plan.ids
        )
        self.assertFails(
            UserError,
            None,
            self.user_director,
            plan,
            "action_send_back",
            self.plan.ids,
        )
        # A plan that doesn't exist.
        self.assertFails(
            MissingError, None, self.user_manager, plan, "action_submit", [MISSING_ID]
        )
        self.assertFails(
            MissingError, None, self.user_director, plan, "action_approve", [MISSING_ID]
        )
        self.assertEqual(self.plan.state, "draft")

    # -- interactions --------------------------------------------------------

    def test_log_interaction(self):
        self.assertFails(
            MissingError,
            None,
            self.user_manager,
            "res.partner",
            "action_log_interaction",
            [MISSING_ID],
        )
        # Plain employees don't log interactions.
        self.assertFails(
            AccessError,
            None,
            self.user_plain,
            "res.partner",
            "action_log_interaction",
            self.account.ids,
        )
        self.assertFails(
            UserError,
            "Set the customer",
            self.user_director,
            "crm.lead",
            "action_log_interaction",
            self.lead.ids,
        )

    # -- profitability -------------------------------------------------------

    def test_payment_reminder(self):
        # Nothing overdue: nothing sent, no interaction logged.
        self.assertFails(
            UserError,
            "no overdue invoice",
            self.user_finance,
            "res.partner",
            "action_send_payment_reminder",
            self.account.ids,
        )
        self.assertFails(
            AccessError,
            None,
            self.user_plain,
            "res.partner",
            "action_send_payment_reminder",
            self.account.ids,
        )
        self.assertFails(
            MissingError,
            None,
            self.user_finance,
            "res.partner",
            "action_send_payment_reminder",
            [MISSING_ID],
        )

    def test_profitability_drill_down(self):
        for user in (self.user_plain,):
            self.assertFails(
                AccessError,
                None,
                user,
                "account_mgmt.profitability.report",
                "action_open_journal_items_domain",
                None,
                [("partner_id", "=", self.account.id)],
            )

    # -- wrong types -----------------------------------------------------------

    def test_wrong_types(self):
        """Ids of the wrong type, or several ids (or none) where one is expected:
        a clean UserError in the user's words, nothing changed (issue 14; they were
        Odoo's ValueError "Expected singleton" or a PostgreSQL type error)."""
        wrong = [
            ("res.partner", "action_log_interaction", [self.account.id, 1]),
            ("res.partner", "action_send_payment_reminder", []),
            ("account_mgmt.plan", "action_send_back", []),
            ("account_mgmt.plan", "action_submit", ["abc"]),
            ("account_mgmt.cost.pool", "action_allocate", ["abc"]),
        ]
        for model, method, ids in wrong:
            with self.subTest(method=method, ids=ids):
                self.assertFails(
                    UserError, None, self.user_director, model, method, ids
                )
