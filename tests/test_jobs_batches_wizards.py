# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The director's and finance's buttons on large data: the tiering wizard applies
its preview in bounded batches (the first in the request, the others by the
scheduled action, on the figures of the wizard's day), survives a batch killed
midway; "Reset Allocation" takes a queued cost pool out of the job's queue.

Tiers (tiers_common): Gold >= 50,000 and >= 30 %; Silver >= 20,000; Bronze
fallback. Widget sold 1,000 at cost 600 (40 %), consulting day 1,000 at cost 300.
"""

from dateutil.relativedelta import relativedelta

from odoo.tests import Form, tagged

from .profitability_common import ProfitabilityCommon
from .test_jobs_batches import BatchesMixin, Killed
from .tiers_common import TiersCommon

TIER_CRON = "account_mgmt_addon.ir_cron_recompute_tiers"


@tagged("post_install", "-at_install")
class TestTieringWizardBatches(BatchesMixin, TiersCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"].sudo()
        companies = (
            cls.env["res.company"].sudo().search([("chart_template", "!=", False)])
        )
        for company in companies:
            Partner._account_mgmt_recompute_tiers(company)
        cls.later = len(companies) - 1 - list(companies).index(cls.company)
        # The wizard's day: the 10th of last month. Its last 12 months end with
        # the month before last: they hold the "older" sales, not the "recent"
        # ones (which today's figures hold too).
        cls.as_of = cls.recent
        older = cls.month_start - relativedelta(months=2, day=10)
        goods, service = cls.product_goods, cls.product_service
        cls.accounts = Partner.browse()
        for name, product, quantity, recent_quantity in (
            # as of the wizard's day: 60,000 at 40 % -> Gold (today 90,000)
            ("Wizard A", goods, 60, 30),
            # 30,000 -> Silver (today 60,000 at 40 %: Gold)
            ("Wizard B", goods, 30, 30),
            # 25,000 at 70 % -> Silver (no recent sale)
            ("Wizard C", service, 25, 0),
            # 5,000 -> Bronze (today 65,000: Gold)
            ("Wizard D", goods, 5, 60),
            # 10,000 -> Bronze (no recent sale)
            ("Wizard E", service, 10, 0),
        ):
            account = cls._account(name, company_id=cls.company.id)
            cls._post_move(account, older, [(product, quantity, 1000.0)])
            if recent_quantity:
                cls._post_move(account, cls.recent, [(goods, recent_quantity, 1000.0)])
            cls.accounts |= account

    def _cron(self, env):
        env["res.partner"]._cron_account_mgmt_recompute_tiers()

    def _wizard(self):
        form = Form(
            self.env["account_mgmt.tier.recompute"].with_user(self.user_director)
        )
        form.date = self.as_of
        return form.save()

    def _apply(self):
        return self._wizard().with_user(self.user_director).action_apply()

    def _state(self):
        self.env.invalidate_all()
        history = self.History.search(
            [
                ("partner_id", "in", self.accounts.ids),
                ("company_id", "=", self.company.id),
            ]
        )
        notes = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", self.accounts.ids),
                ("body", "ilike", "Automatic tiering"),
            ]
        )
        return {
            account.name: (
                self._in(account).account_tier_id.name,
                self._in(account).account_annual_revenue,
                len(history.filtered(lambda h, a=account: h.partner_id == a)),
                len(notes.filtered(lambda m, a=account: m.res_id == a.id)),
            )
            for account in self.accounts
        }

    def _in_progress(self):
        self.company.invalidate_recordset(["account_mgmt_tiering_date"])
        return self.company.account_mgmt_tiering_date

    def test_apply_killed_in_second_batch(self):
        self._set_batch_size("tiering", 2)
        later = self.later

        # The uninterrupted run: the wizard's batch, then the job's two.
        with self.assertRaises(Killed), self.env.cr.savepoint():
            self._apply()
            self.assertEqual(self._in_progress(), self.as_of)
            self.assertEqual(
                self._run_to_end(TIER_CRON, self._cron), [(2, 1 + later), (1, 0)]
            )
            expected = self._state()
            self.assertFalse(self._in_progress())
            raise Killed()
        self.env.invalidate_all()
        # On the figures of the wizard's day, not today's.
        self.assertEqual(
            expected,
            {
                "Wizard A": ("Gold", 60000.0, 1, 1),
                "Wizard B": ("Silver", 30000.0, 1, 1),
                "Wizard C": ("Silver", 25000.0, 1, 1),
                "Wizard D": ("Bronze", 5000.0, 1, 1),
                "Wizard E": ("Bronze", 10000.0, 1, 1),
            },
        )

        # Again, the job killed in its first batch.
        cron = self.env.ref(TIER_CRON)
        Trigger = self.env["ir.cron.trigger"].sudo()
        triggers = Trigger.search_count([("cron_id", "=", cron.id)])
        action = self._apply()
        self.assertEqual(action["params"]["title"], "Tiers being recomputed")
        self.assertIn("3 more accounts are being updated", action["params"]["message"])
        self.assertEqual(
            action["params"]["next"]["type"], "ir.actions.act_window_close"
        )
        self.assertEqual(
            Trigger.search_count([("cron_id", "=", cron.id)]), triggers + 1
        )
        # The request wrote the first 2 accounts, on the wizard's day; a new
        # wizard shows the run in progress.
        state = self._state()
        self.assertEqual(state["Wizard A"], ("Gold", 60000.0, 1, 1))
        self.assertEqual(state["Wizard B"], ("Silver", 30000.0, 1, 1))
        self.assertEqual(state["Wizard C"], (False, 0.0, 0, 0))
        self.assertEqual(self._in_progress(), self.as_of)
        self.assertEqual(self._wizard().tiering_date, self.as_of)
        self._kill(TIER_CRON, self._cron)
        self.assertEqual(self._state()["Wizard C"], (False, 0.0, 0, 0))
        self.assertEqual(self._in_progress(), self.as_of)
        # The next calls do the 3 accounts left, once each, on the same day.
        self.assertEqual(
            self._run_to_end(TIER_CRON, self._cron), [(2, 1 + later), (1, 0)]
        )
        self.assertEqual(self._state(), expected)
        self.assertFalse(self._in_progress())
        self.assertFalse(self._wizard().tiering_date)

    def test_small_apply_is_done_in_the_request(self):
        # A batch holds every account: done at once, nothing left to the job.
        action = self._apply()
        self.assertEqual(action["params"]["type"], "success")
        self.assertFalse(self._in_progress())
        self.assertEqual(self._state()["Wizard E"], ("Bronze", 10000.0, 1, 1))

    def test_button_replaces_a_wizard_run_in_progress(self):
        # A wizard's run of last month in progress; the director then asks for
        # today's tiers with the button: the job goes on with today's figures.
        self._set_batch_size("tiering", 2)
        self._apply()
        self.assertEqual(self._in_progress(), self.as_of)
        action = (
            self.env["res.partner"]
            .with_user(self.user_director)
            .action_account_mgmt_recompute_tiers()
        )
        self.assertEqual(action["params"]["next"]["tag"], "soft_reload")
        self.assertFalse(self._in_progress())
        self._run_to_end(TIER_CRON, self._cron)
        state = self._state()
        # Today's figures (older + recent sales): A 90,000, B 60,000, D 65,000
        # at 40 %: Gold; C and E unchanged.
        self.assertEqual(state["Wizard A"][:2], ("Gold", 90000.0))
        self.assertEqual(state["Wizard B"][:2], ("Gold", 60000.0))
        self.assertEqual(state["Wizard C"][:2], ("Silver", 25000.0))
        self.assertEqual(state["Wizard D"][:2], ("Gold", 65000.0))
        self.assertEqual(state["Wizard E"][:2], ("Bronze", 10000.0))


@tagged("post_install", "-at_install")
class TestResetAllocationQueue(BatchesMixin, ProfitabilityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        service = cls.product_service
        cls._post_move(cls.alpha, "2025-03-05", [(service, 1, 1000.0)])
        cls._post_move(cls.beta, "2025-03-12", [(service, 1, 3000.0)])
        # Equal shares: 2 accounts x 2 months = 4 rows per pool.
        cls.pools = cls.env["account_mgmt.cost.pool"]
        for name, amount in (("Pool 1", 300.0), ("Pool 2", 500.0), ("Pool 3", 700.0)):
            cls.pools |= cls._pool(name, "2025-03-01", "2025-04-30", amount, "equal")

    def _cron(self, env):
        env["account_mgmt.cost.pool"]._cron_allocate_queued()

    def _state(self):
        self.env.invalidate_all()
        return [
            (pool.name, pool.state, pool.allocation_queued, pool.allocated_amount)
            for pool in self.pools
        ]

    def test_reset_takes_a_queued_pool_out_of_the_queue(self):
        self._set_batch_size("cost_allocation", 1)
        self.pools.with_user(self.user_finance).action_allocate()
        # Pool 1 now (4 x 75); pools 2 and 3 queued.
        self.assertEqual(
            self._state(),
            [
                ("Pool 1", "allocated", False, 300.0),
                ("Pool 2", "draft", True, 0.0),
                ("Pool 3", "draft", True, 0.0),
            ],
        )
        pool_2 = self.pools[1].with_user(self.user_finance)
        pool_2.action_reset_allocation()
        self.assertIn("Allocation reset.", pool_2.message_ids.mapped("body")[0])
        # The job allocates pool 3 only (4 x 175 = 700); pool 2 stays reset.
        self.assertEqual(
            self._run_to_end("account_mgmt_addon.ir_cron_cost_allocation", self._cron),
            [(1, 0)],
        )
        self.assertEqual(
            self._state(),
            [
                ("Pool 1", "allocated", False, 300.0),
                ("Pool 2", "draft", False, 0.0),
                ("Pool 3", "allocated", False, 700.0),
            ],
        )
        self.assertEqual(
            sorted(self.pools[2].allocation_ids.mapped("amount")), [175.0] * 4
        )
        self.assertFalse(self.pools[1].allocation_ids)
        # Resetting an allocated pool empties it as before.
        self.pools[0].with_user(self.user_finance).action_reset_allocation()
        self.assertEqual(self._state()[0], ("Pool 1", "draft", False, 0.0))
