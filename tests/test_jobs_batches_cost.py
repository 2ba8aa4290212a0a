# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A job's batch costs in proportion to its size: what every batch used to do
for the whole company is done once per run.

- Tiering evaluates the figures of every account of a company once, in the
  first call of a run, and queues the accounts to write; the next calls write
  the queue (with the tiers' rules, tiers and locks of the moment).
- Health folds the months listed for the profitability summary first, instead
  of every batch reading them from the ledger for every account.
- The contact reminders look up each account's open reminder by its id: the
  next batch does not scan the reminders the previous batches gave.
"""

from datetime import timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.account_mgmt_addon.models.health.account_mgmt_health_batches import (
    HEALTH_CURSOR_PARAM,
)
from odoo.addons.account_mgmt_addon.models.tier import res_partner_tiering

from .common import AccountMgmtCommon
from .health_common import HealthCommon
from .test_jobs_batches import BatchesMixin
from .tiers_common import TiersCommon

TIER_CRON = "account_mgmt_addon.ir_cron_recompute_tiers"


@tagged("post_install", "-at_install")
class TestTieringRunQueue(BatchesMixin, TiersCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"].sudo()
        cls.companies = (
            cls.env["res.company"].sudo().search([("chart_template", "!=", False)])
        )
        for company in cls.companies:
            Partner._account_mgmt_recompute_tiers(company)
        cls.later = len(cls.companies) - 1 - list(cls.companies).index(cls.company)
        cls.accounts = Partner.browse()
        # Sold at 1,000 a unit; a widget costs 600, a consulting day 300.
        for name, product, quantity in (
            ("Queue A", cls.product_goods, 60),  # 60,000, 40 % -> Gold
            ("Queue B", cls.product_goods, 30),  # 30,000 -> Silver
            ("Queue C", cls.product_service, 25),  # 25,000 (70 %) -> Silver
            ("Queue D", cls.product_goods, 5),  # 5,000 -> Bronze
            ("Queue E", cls.product_service, 10),  # 10,000 -> Bronze
        ):
            account = cls._account(name, company_id=cls.company.id)
            cls._post_move(account, cls.recent, [(product, quantity, 1000.0)])
            cls.accounts |= account

    def _cron(self, env):
        env["res.partner"]._cron_account_mgmt_recompute_tiers()

    def _state(self):
        self.env.invalidate_all()
        return {
            account.name: (
                self._in(account).account_tier_id.name,
                self._in(account).account_annual_revenue,
                self._in(account).account_gross_margin,
                len(self._history(account)),
            )
            for account in self.accounts
        }

    def _queued(self):
        """The test company's queued accounts, by name."""
        queue = (
            self.env["account_mgmt.tiering.queue"]
            .sudo()
            .search([("company_id", "=", self.company.id)])
        )
        return sorted(queue.partner_id.mapped("name"))

    def test_each_company_evaluated_once_per_run(self):
        self._set_batch_size("tiering", 2)
        evaluated = []
        original = res_partner_tiering.ResPartner._account_mgmt_figures_query

        def figures_query(partner, company, date_from, date_to):
            evaluated.append(company.id)
            return original(partner, company, date_from, date_to)

        with patch.object(
            res_partner_tiering.ResPartner,
            "_account_mgmt_figures_query",
            figures_query,
        ):
            self.assertEqual(self._call(TIER_CRON, self._cron), (2, 3 + self.later))
            # A and B written; C, D and E queued with their figures.
            self.assertEqual(self._queued(), ["Queue C", "Queue D", "Queue E"])
            self.assertEqual(
                self._run_to_end(TIER_CRON, self._cron),
                [(2, 1 + self.later), (1, 0)],
            )
            # Three calls, one evaluation of each company (there were three of
            # the test company, one per call, before the queue).
            self.assertEqual(sorted(evaluated), sorted(self.companies.ids))
            # The run is over: the next call starts a new one, finding nothing.
            self.assertEqual(self._call(TIER_CRON, self._cron), (0, 0))
            self.assertEqual(len(evaluated), 2 * len(self.companies))
        self.assertEqual(self._queued(), [])
        # 60,000 - 36,000; 30,000 - 18,000; 25,000 - 7,500; 5,000 - 3,000;
        # 10,000 - 3,000: the figures evaluated in the first call.
        self.assertEqual(
            self._state(),
            {
                "Queue A": ("Gold", 60000.0, 24000.0, 1),
                "Queue B": ("Silver", 30000.0, 12000.0, 1),
                "Queue C": ("Silver", 25000.0, 17500.0, 1),
                "Queue D": ("Bronze", 5000.0, 2000.0, 1),
                "Queue E": ("Bronze", 10000.0, 7000.0, 1),
            },
        )

    def test_batch_uses_the_lock_of_the_moment(self):
        """Queued accounts are written with the tiers and locks of the batch's
        moment: an account locked by a director after the run's first call
        keeps its tier (its figures are written)."""
        self._set_batch_size("tiering", 2)
        self.assertEqual(self._call(TIER_CRON, self._cron), (2, 3 + self.later))
        self._in(self.accounts[2]).sudo().write(
            {
                "account_tier_id": self.gold.id,
                "account_tier_locked": True,
                "account_tier_lock_reason": "Strategic account",
            }
        )
        history = len(self._history(self.accounts[2]))
        self._run_to_end(TIER_CRON, self._cron)
        state = self._state()
        # C stays Gold (locked) with its figures; no automatic history row.
        self.assertEqual(state["Queue C"][:3], ("Gold", 25000.0, 17500.0))
        self.assertEqual(len(self._history(self.accounts[2])), history)
        self.assertEqual(state["Queue D"], ("Bronze", 5000.0, 2000.0, 1))

    def test_button_starts_a_new_run(self):
        """A director's Recompute replaces the run in progress: the queue is
        evaluated again (the account changed meanwhile is written on its new
        figures)."""
        self._set_batch_size("tiering", 2)
        self.assertEqual(self._call(TIER_CRON, self._cron), (2, 3 + self.later))
        # E buys 50 more consulting days: 60,000 (cost 18,000) -> Gold.
        self._post_move(
            self.accounts[4], self.recent, [(self.product_service, 50, 1000.0)]
        )
        action = (
            self.env["res.partner"]
            .with_user(self.user_director)
            .action_account_mgmt_recompute_tiers()
        )
        self.assertIn("1 more accounts are being updated", action["params"]["message"])
        self._run_to_end(TIER_CRON, self._cron)
        self.assertEqual(self._state()["Queue E"], ("Gold", 60000.0, 42000.0, 1))


@tagged("post_install", "-at_install")
class TestHealthFoldsSummaryFirst(BatchesMixin, HealthCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env["account_mgmt.profitability.report"].sudo()
        cls.report._refresh_summary()
        cls.today = fields.Date.context_today(cls.Snapshot)
        cls.account = cls._managed_account(
            "Fold Client", created=cls.today - timedelta(days=400)
        )
        # One invoice in each of the 8 months before this one: 1,000 x k (more
        # months listed than a first batch folds along: FOLD_WITH_BATCH, 6).
        month_start = cls.today.replace(day=1)
        for k in range(1, 9):
            day = month_start - relativedelta(months=k, day=10)
            cls._post_move(cls.account, day, [(cls.consulting, k, 1000.0)])
        cls.env["ir.config_parameter"].sudo().set_param(HEALTH_CURSOR_PARAM, "")

    def _cron(self, env):
        env["account_mgmt.health.snapshot"].sudo()._cron_recompute()

    def _listed(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT COUNT(DISTINCT (company_id, month))"
            " FROM account_mgmt_profitability_dirty"
        )
        return self.env.cr.fetchone()[0]

    def _snapshot(self):
        return self.Snapshot.search(
            [
                ("partner_id", "=", self.account.id),
                ("company_id", "=", self.company.id),
                ("date", "=", self.today),
            ]
        )

    def test_first_call_folds_the_listed_months(self):
        months = self._listed()
        # the 8 months of the invoices (and what else the set-up listed)
        self.assertGreaterEqual(months, 8)
        cron = "account_mgmt_addon.ir_cron_account_health"
        done, remaining = self._call(cron, self._cron)
        self.assertEqual(done, min(months, 12))
        self.assertGreater(remaining, 0)
        # Nothing scored yet; the months are in the summary now (the batches
        # read it instead of the ledger).
        self.assertFalse(self._snapshot())
        if months <= 12:
            self.assertEqual(self._listed(), 0)
        calls = self._run_to_end(cron, self._cron)
        self.assertEqual(calls[-1][1], 0)
        snapshot = self._snapshot()
        self.assertEqual(len(snapshot), 1)
        # 1,000 + 2,000 + ... + 8,000 over the last 12 months.
        self.assertEqual(snapshot.revenue_12m, 36000.0)
        # The same score as a recompute reading those months from the ledger.
        self.env.cr.execute(
            "INSERT INTO account_mgmt_profitability_dirty (company_id, month)"
            " SELECT company_id, date FROM account_mgmt_profitability_month"
            " WHERE partner_id = %s",
            [self.account.id],
        )
        score = snapshot.score
        live = self.Snapshot._recompute_accounts(
            partners=self.account, companies=self.company
        )
        self.assertEqual((live.score, live.revenue_12m), (score, 36000.0))

    def test_few_months_folded_with_the_first_batch(self):
        # One month listed: folded in the call of the first batch.
        self.report._refresh_summary()
        self._post_move(
            self.account,
            self.today.replace(day=1) - relativedelta(months=1, day=12),
            [(self.consulting, 1, 500.0)],
        )
        self.assertEqual(self._listed(), 1)
        self._run_to_end("account_mgmt_addon.ir_cron_account_health", self._cron)
        self.assertEqual(self._listed(), 0)
        self.assertEqual(self._snapshot().revenue_12m, 36500.0)


@tagged("post_install", "-at_install")
class TestContactReminderLookup(AccountMgmtCommon):
    def test_reminders_looked_up_by_account(self):
        """The batch's statement finds each account's open reminder through the
        account (a lateral subquery), never with an anti-join over all the
        reminders, which PostgreSQL planned as a scan of every reminder per
        account while its statistics said there were none (each batch slower
        than the previous one)."""
        Partner = self.env["res.partner"].sudo()
        activity_type = self.env.ref(
            "account_mgmt_addon.mail_activity_type_contact_overdue"
        )
        query = Partner._account_mgmt_overdue_accounts_sql(
            fields.Date.today(), activity_type, 2000
        )
        self.env.cr.execute(
            "EXPLAIN (FORMAT TEXT) " + query.code, tuple(query.params) or None
        )
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertNotIn("Anti Join", plan)
        self.assertIn("Nested Loop Left Join", plan)
        self.assertIn("on mail_activity", plan)
