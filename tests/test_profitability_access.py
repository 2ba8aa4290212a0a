# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who reads profitability, receivables and cost pools, per role and company.

Company 1: Alpha (Anna's), Beta (Bruno's) and Gamma (Bruno's, Anna in its team),
one unpaid January invoice each. Company 2: an invoice of Alpha's and a cost pool.
"""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import GROUP_FINANCE
from .profitability_common import RECEIVABLES, REPORT, ProfitabilityCommon


@tagged("post_install", "-at_install")
class TestProfitabilityAccess(ProfitabilityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.setup_other_company()["company"]
        cls.gamma = cls._account(
            "Gamma Retail", account_manager_id=cls.user_manager2.id
        )
        cls.env["account_mgmt.team.member"].sudo().create(
            {"partner_id": cls.gamma.id, "user_id": cls.user_manager.id}
        )
        service = cls.product_service
        for partner in (cls.alpha, cls.beta, cls.gamma):
            cls._post_move(partner, "2025-01-10", [(service, 1, 1000.0)])
        cls.alpha_c2_invoice = cls._post_move(
            cls.alpha, "2025-01-10", [(service, 1, 700.0)], company=cls.company_2
        )
        cls.user_finance_both = cls._new_user("am_fay", "Fay Finance", GROUP_FINANCE)
        cls.user_finance_both.company_ids = [Command.link(cls.company_2.id)]
        cls.pool_c2 = cls._pool(
            "Company 2 pool", "2025-01-01", "2025-01-31", 100.0, "revenue"
        )
        cls.pool_c2.company_id = cls.company_2

    def _accounts_seen(self, user, model=REPORT, companies=None):
        env = self.env(user=user)
        if companies:
            env = env(context=dict(env.context, allowed_company_ids=companies.ids))
        rows = env[model].search([("partner_id", "in", self._clients().ids)])
        return rows.partner_id.sudo(), rows.company_id.sudo()

    def _clients(self):
        return self.alpha | self.beta | self.gamma

    def _allow_managers(self, allowed=True):
        self.company.sudo().account_mgmt_managers_see_profitability = allowed

    def test_finance_and_directors_read_every_account_of_their_companies(self):
        for user in (self.user_finance, self.user_director):
            partners, companies = self._accounts_seen(user)
            self.assertEqual(partners, self._clients(), user.name)
            # Alpha's company-2 figures stay out of their reach.
            self.assertEqual(companies, self.company, user.name)

    def test_company_rule(self):
        both = self.company | self.company_2
        _partners, companies = self._accounts_seen(
            self.user_finance_both, companies=both
        )
        self.assertEqual(companies, both)
        rows = (
            self.env[REPORT]
            .with_user(self.user_finance_both)
            .with_context(allowed_company_ids=both.ids)
            .search(
                [
                    ("partner_id", "=", self.alpha.id),
                    ("company_id", "=", self.company_2.id),
                ]
            )
        )
        self.assertAlmostEqual(rows.revenue, 700.0)
        _partners, companies = self._accounts_seen(
            self.user_finance_both, companies=self.company
        )
        self.assertEqual(companies, self.company)
        # A company the user doesn't belong to can't be selected.
        with self.assertRaises(AccessError):
            self._accounts_seen(self.user_finance, companies=self.company_2)
        # Same for receivables and cost pools.
        _partners, companies = self._accounts_seen(
            self.user_finance_both, RECEIVABLES, companies=both
        )
        self.assertEqual(companies, both)
        _partners, companies = self._accounts_seen(self.user_finance, RECEIVABLES)
        self.assertEqual(companies, self.company)
        pools = self.env["account_mgmt.cost.pool"].with_user(self.user_finance)
        self.assertNotIn(self.pool_c2, pools.search([]))
        with self.assertRaises(AccessError):
            self.pool_c2.with_user(self.user_finance).read(["name"])

    def test_account_managers_need_the_company_setting(self):
        self._allow_managers(False)
        for user in (self.user_manager, self.user_manager2):
            partners, _companies = self._accounts_seen(user)
            self.assertFalse(partners, user.name)
        self._allow_managers(True)
        # Anna: Alpha (manager) and Gamma (team); Bruno: Beta and Gamma (manager).
        partners, _companies = self._accounts_seen(self.user_manager)
        self.assertEqual(partners, self.alpha | self.gamma)
        partners, _companies = self._accounts_seen(self.user_manager2)
        self.assertEqual(partners, self.beta | self.gamma)
        # Drill-down only reaches their accounts' journal items.
        action = (
            self.env[REPORT]
            .with_user(self.user_manager)
            .action_open_journal_items_domain([])
        )
        lines = self.env["account.move.line"].search(action["domain"])
        self.assertEqual(lines.move_id.commercial_partner_id, self.alpha | self.gamma)

    def test_users_without_role_are_refused(self):
        for model in (REPORT, RECEIVABLES, "account_mgmt.cost.pool"):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.user_plain).search([])
        with self.assertRaises(AccessError):
            self.alpha.with_user(self.user_plain).read(["account_profit_revenue"])

    def test_receivables_of_the_account_team(self):
        # Whatever the profitability setting.
        self._allow_managers(False)
        partners, _companies = self._accounts_seen(self.user_manager, RECEIVABLES)
        self.assertEqual(partners, self.alpha | self.gamma)
        partners, _companies = self._accounts_seen(self.user_manager2, RECEIVABLES)
        self.assertEqual(partners, self.beta | self.gamma)
        for user in (self.user_director, self.user_finance):
            partners, _companies = self._accounts_seen(user, RECEIVABLES)
            self.assertEqual(partners, self._clients(), user.name)

    def test_partner_figures_follow_the_rules(self):
        anna_alpha = self.alpha.with_user(self.user_manager)
        anna_beta = self.beta.with_user(self.user_manager)
        self.assertTrue(anna_alpha.account_receivable_visible)
        self.assertAlmostEqual(anna_alpha.account_open_receivable, 1000.0)
        self.assertFalse(anna_beta.account_receivable_visible)
        self.assertEqual(anna_beta.account_open_receivable, 0.0)
        self.assertFalse(anna_alpha.account_profit_visible)
        with self.assertRaises(AccessError):
            anna_alpha.action_open_account_profitability()
        with self.assertRaises(AccessError):
            anna_beta.action_open_account_receivables()
        self._allow_managers(True)
        anna_alpha.invalidate_recordset()
        self.assertTrue(anna_alpha.account_profit_visible)
        self.assertTrue(anna_alpha.action_open_account_profitability())
        finance_beta = self.beta.with_user(self.user_finance)
        self.assertTrue(finance_beta.account_profit_visible)
        self.assertTrue(finance_beta.account_receivable_visible)

    def test_cost_pools_for_finance_and_directors(self):
        for user in (self.user_manager, self.user_manager2):
            with self.assertRaises(AccessError):
                self.env["account_mgmt.cost.pool"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.env["account_mgmt.cost.allocation"].with_user(user).search([])
        for user in (self.user_finance, self.user_director):
            pool = (
                self.env["account_mgmt.cost.pool"]
                .with_user(user)
                .create(
                    {
                        "name": f"Pool of {user.name}",
                        "date_from": "2025-01-01",
                        "date_to": "2025-01-31",
                        "fixed_amount": 300.0,
                        "driver": "equal",
                    }
                )
            )
            pool.action_allocate()
            # Alpha, Beta and Gamma: 100 each.
            self.assertEqual(pool.allocation_ids.mapped("amount"), [100.0] * 3)
            allocation = pool.allocation_ids[:1]
            # Allocation rows are written by their pool only.
            with self.assertRaises(AccessError):
                allocation.write({"amount": 1.0})
            with self.assertRaises(AccessError):
                allocation.unlink()
            with self.assertRaises(AccessError):
                self.env["account_mgmt.cost.allocation"].with_user(user).create(
                    {
                        "pool_id": pool.id,
                        "partner_id": self.alpha.id,
                        "date": "2025-02-01",
                        "amount": 1.0,
                    }
                )
            pool.action_reset_allocation()
            pool.unlink()
        # Anna can't allocate a pool she can't read.
        pool = self._pool("January", "2025-01-01", "2025-01-31", 300.0, "equal")
        with self.assertRaises(AccessError):
            pool.with_user(self.user_manager).action_allocate()
