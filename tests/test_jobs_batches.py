# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scheduled jobs in bounded batches: each call of a job does one batch and
reports what remains to Odoo's cron runner (``ir.cron._notify_progress``); a run
killed in its second batch (the batch's transaction rolled back, as the runner
does) is completed by the next calls with the same final state as a run that was
never interrupted, and no to-do, history row or summary row twice.

Each test sets the job's batch size to 2 (1 for the cost pools), runs the job to
the end once inside a savepoint (the uninterrupted run) and notes the final state,
rolls it back, then runs one batch, kills the second and runs to the end.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.account_mgmt_addon.models.health.account_mgmt_health_batches import (
    HEALTH_CURSOR_PARAM,
)
from odoo.addons.account_mgmt_addon.tools.jobs import BATCH_SIZE_PARAM

from .common import AccountMgmtCommon
from .health_common import HealthCommon
from .plan_common import PlanCommon
from .profitability_common import ProfitabilityCommon
from .tiers_common import TiersCommon


class Killed(Exception):
    """Stands for the worker killed (or the job failing) before its batch's
    transaction is committed."""


class BatchesMixin:
    """Run a job as the cron runner does: one call per batch, with a progress
    record in the context, until nothing remains."""

    def _set_batch_size(self, job, size):
        self.env["ir.config_parameter"].sudo().set_param(BATCH_SIZE_PARAM % job, size)

    def _call(self, cron_xmlid, call):
        """One call of the job: ``(done, remaining)`` it reported."""
        cron = self.env.ref(cron_xmlid)
        progress = (
            self.env["ir.cron.progress"]
            .sudo()
            .create({"cron_id": cron.id, "done": 0, "remaining": 0})
        )
        call(self.env(context=dict(self.env.context, ir_cron_progress_id=progress.id)))
        self.env.flush_all()
        return progress.done, progress.remaining

    def _run_to_end(self, cron_xmlid, call, limit=20):
        """Call the job until it reports nothing remaining: the list of
        ``(done, remaining)`` of the calls."""
        calls = []
        for _i in range(limit):
            calls.append(self._call(cron_xmlid, call))
            if not calls[-1][1]:
                return calls
        self.fail(f"{cron_xmlid} still had work after {limit} calls: {calls}")

    def _kill(self, cron_xmlid, call):
        """A call whose batch is lost: everything it wrote is rolled back."""
        with self.assertRaises(Killed), self.env.cr.savepoint():
            self._call(cron_xmlid, call)
            raise Killed()
        self.env.invalidate_all()

    def _uninterrupted(self, cron_xmlid, call, state):
        """The calls and final state of a run never interrupted, then rolled back."""
        result = {}
        with self.assertRaises(Killed), self.env.cr.savepoint():
            result["calls"] = self._run_to_end(cron_xmlid, call)
            result["state"] = state()
            raise Killed()
        self.env.invalidate_all()
        return result["calls"], result["state"]


@tagged("post_install", "-at_install")
class TestTieringBatches(BatchesMixin, TiersCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"].sudo()
        # Every company's accounts up to date first: the accounts below are the
        # only ones whose figures change.
        companies = (
            cls.env["res.company"].sudo().search([("chart_template", "!=", False)])
        )
        for company in companies:
            Partner._account_mgmt_recompute_tiers(company)
        # A call that fills its batch counts each company after it as one more
        # to do (the next call evaluates it).
        cls.later = len(companies) - 1 - list(companies).index(cls.company)
        goods, service = cls.product_goods, cls.product_service
        cls.accounts = Partner.browse()
        # Sold at 1,000 a unit; a widget costs 600, a consulting day 300.
        for name, product, quantity in (
            # 60 x 1,000 = 60,000, cost 36,000: margin 40 % -> Gold
            ("Batch A", goods, 60),
            # 30 x 1,000 = 30,000 -> Silver
            ("Batch B", goods, 30),
            # 25 x 1,000 = 25,000 (cost 7,500, 70 %) -> Silver (under 50,000)
            ("Batch C", service, 25),
            # 5 x 1,000 = 5,000 -> Bronze
            ("Batch D", goods, 5),
            # 10 x 1,000 = 10,000 -> Bronze
            ("Batch E", service, 10),
        ):
            # The test company's own: no other company tiers them.
            account = cls._account(name, company_id=cls.company.id)
            cls._post_move(account, cls.recent, [(product, quantity, 1000.0)])
            cls.accounts |= account

    def _cron(self, env):
        env["res.partner"]._cron_account_mgmt_recompute_tiers()

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

    def test_killed_in_second_batch(self):
        self._set_batch_size("tiering", 2)
        cron = "account_mgmt_addon.ir_cron_recompute_tiers"
        calls, expected = self._uninterrupted(cron, self._cron, self._state)
        # 5 accounts, 2 per batch: 3 calls.
        later = self.later
        self.assertEqual(calls, [(2, 3 + later), (2, 1 + later), (1, 0)])
        self.assertEqual(
            expected,
            {
                "Batch A": ("Gold", 60000.0, 1, 1),
                "Batch B": ("Silver", 30000.0, 1, 1),
                "Batch C": ("Silver", 25000.0, 1, 1),
                "Batch D": ("Bronze", 5000.0, 1, 1),
                "Batch E": ("Bronze", 10000.0, 1, 1),
            },
        )
        self.assertEqual(self._call(cron, self._cron), (2, 3 + later))
        # A and B are written with their history row, the others not yet.
        self.assertEqual(self._state()["Batch B"], ("Silver", 30000.0, 1, 1))
        self.assertEqual(self._state()["Batch C"], (False, 0.0, 0, 0))
        self._kill(cron, self._cron)
        self.assertEqual(self._state()["Batch C"], (False, 0.0, 0, 0))
        # The next run does the 3 accounts left, once each.
        self.assertEqual(self._run_to_end(cron, self._cron), [(2, 1 + later), (1, 0)])
        self.assertEqual(self._state(), expected)
        # Nothing left: a new call writes nothing.
        self.assertEqual(self._call(cron, self._cron), (0, 0))
        self.assertEqual(self._state(), expected)

    def test_button_hands_off_to_cron(self):
        self._set_batch_size("tiering", 2)
        cron = self.env.ref("account_mgmt_addon.ir_cron_recompute_tiers")
        triggers = (
            self.env["ir.cron.trigger"].sudo().search_count([("cron_id", "=", cron.id)])
        )
        action = (
            self.env["res.partner"]
            .with_user(self.user_director)
            .action_account_mgmt_recompute_tiers()
        )
        self.assertIn("3 more accounts are being updated", action["params"]["message"])
        self.assertEqual(
            self.env["ir.cron.trigger"]
            .sudo()
            .search_count([("cron_id", "=", cron.id)]),
            triggers + 1,
        )
        self.assertEqual(self._state()["Batch A"], ("Gold", 60000.0, 1, 1))
        self.assertEqual(
            self._run_to_end("account_mgmt_addon.ir_cron_recompute_tiers", self._cron),
            [(2, 1 + self.later), (1, 0)],
        )
        self.assertEqual(self._state()["Batch E"], ("Bronze", 10000.0, 1, 1))


@tagged("post_install", "-at_install")
class TestSummaryBatches(BatchesMixin, AccountMgmtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env["account_mgmt.profitability.report"].sudo()
        cls.account = cls._account("Monthly Client")
        cls.report._refresh_summary()
        # One invoice in each of the 5 months before this one: 1,000 x k.
        month_start = fields.Date.context_today(cls.report).replace(day=1)
        cls.months = [
            month_start - relativedelta(months=k, day=10) for k in range(1, 6)
        ]
        for k, day in enumerate(cls.months, start=1):
            cls._post_move(cls.account, day, [(cls.product_service, k, 1000.0)])

    def _cron(self, env):
        env["account_mgmt.profitability.report"].sudo()._cron_refresh_summary()

    def _state(self):
        self.env.cr.execute(
            "SELECT date, revenue::float, cogs::float"
            "  FROM account_mgmt_profitability_month"
            " WHERE partner_id = %s ORDER BY date",
            [self.account.id],
        )
        rows = self.env.cr.fetchall()
        self.env.cr.execute(
            "SELECT COUNT(*) FROM account_mgmt_profitability_dirty"
            " WHERE company_id = %s",
            [self.company.id],
        )
        return rows, self.env.cr.fetchone()[0]

    def test_killed_in_second_batch(self):
        self._set_batch_size("summary", 2)
        cron = "account_mgmt_addon.ir_cron_profitability_summary"
        calls, expected = self._uninterrupted(cron, self._cron, self._state)
        # 5 months listed, 2 per batch: 3 calls.
        self.assertEqual(calls, [(2, 3), (2, 1), (1, 0)])
        # One row per month: revenue k x 1,000, cost k x 300; nothing listed.
        self.assertEqual(
            expected,
            (
                [
                    (day.replace(day=1), k * 1000.0, k * 300.0)
                    for k, day in reversed(list(enumerate(self.months, start=1)))
                ],
                0,
            ),
        )
        self.assertEqual(self._call(cron, self._cron), (2, 3))
        self._kill(cron, self._cron)
        self.assertEqual(len(self._state()[0]), 2)
        self.assertEqual(self._run_to_end(cron, self._cron), [(2, 1), (1, 0)])
        self.assertEqual(self._state(), expected)


@tagged("post_install", "-at_install")
class TestContactReminderBatches(BatchesMixin, AccountMgmtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.overdue_type = cls.env.ref(
            "account_mgmt_addon.mail_activity_type_contact_overdue"
        )
        cls.accounts = cls.env["res.partner"]
        for name in ("Late A", "Late B", "Late C", "Late D", "Late E"):
            cls.accounts |= cls._account(name, account_manager_id=cls.user_manager.id)
        cls.env.flush_all()
        # Only these five are overdue: due three days ago.
        today = fields.Date.today()
        cls.env.cr.execute(
            "UPDATE res_partner SET next_contact_due = CASE WHEN id IN %s"
            " THEN %s::date END",
            [tuple(cls.accounts.ids), today - timedelta(days=3)],
        )
        cls.env.invalidate_all()

    def _cron(self, env):
        env["res.partner"]._cron_account_mgmt_contact_overdue()

    def _state(self):
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", self.accounts.ids),
                ("activity_type_id", "=", self.overdue_type.id),
            ]
        )
        return sorted(
            (self.env["res.partner"].browse(a.res_id).name, a.user_id.login)
            for a in activities
        )

    def test_killed_in_second_batch(self):
        self._set_batch_size("contact_overdue", 2)
        cron = "account_mgmt_addon.ir_cron_contact_overdue"
        calls, expected = self._uninterrupted(cron, self._cron, self._state)
        self.assertEqual(calls, [(2, 3), (2, 1), (1, 0)])
        # One to-do per overdue account, for its manager.
        self.assertEqual(
            expected,
            [(f"Late {letter}", "am_anna") for letter in "ABCDE"],
        )
        self.assertEqual(self._call(cron, self._cron), (2, 3))
        self._kill(cron, self._cron)
        self.assertEqual(len(self._state()), 2)
        self.assertEqual(self._run_to_end(cron, self._cron), [(2, 1), (1, 0)])
        self.assertEqual(self._state(), expected)
        self.assertEqual(self._call(cron, self._cron), (0, 0))
        self.assertEqual(self._state(), expected)


@tagged("post_install", "-at_install")
class TestPlanReviewBatches(BatchesMixin, PlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.review_type = cls.env.ref(
            "account_mgmt_addon.mail_activity_type_plan_review"
        )
        cls.tier = (
            cls.env["account_mgmt.tier"]
            .sudo()
            .create(
                {
                    "name": "Reviewed",
                    "code": "T-REVW",
                    "company_id": cls.company.id,
                    "review_interval_days": 30,
                }
            )
        )

    def _cron(self, env):
        env["account_mgmt.plan"].sudo()._cron_schedule_reviews()

    def _state(self):
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "account_mgmt.plan"),
                    ("res_id", "in", self.plans.ids),
                    ("activity_type_id", "=", self.review_type.id),
                ]
            )
        )
        return sorted(
            (
                self.env["account_mgmt.plan"].sudo().browse(a.res_id).partner_id.name,
                a.user_id.login,
                a.date_deadline,
            )
            for a in activities
        )

    @freeze_time("2024-02-01")
    def test_killed_in_second_batch(self):
        self.plans = self.env["account_mgmt.plan"]
        for name in ("Plan A", "Plan B", "Plan C", "Plan D", "Plan E"):
            account = self._account(name, account_manager_id=self.user_manager.id)
            account.with_user(self.user_director).account_tier_id = self.tier
            self.plans |= self._approve(
                self._plan(account, objectives=[("revenue", 1000.0)])
            )
        self._set_batch_size("plan_review", 2)
        cron = "account_mgmt_addon.ir_cron_account_mgmt_plan_review"
        calls, expected = self._uninterrupted(cron, self._cron, self._state)
        self.assertEqual(calls, [(2, 3), (2, 1), (1, 0)])
        # Approved on Feb 1 + 30 days: one review each, for the plan's owner.
        self.assertEqual(
            expected,
            [(f"Plan {letter}", "am_anna", date(2024, 3, 2)) for letter in "ABCDE"],
        )
        self.assertEqual(self._call(cron, self._cron), (2, 3))
        self._kill(cron, self._cron)
        self.assertEqual(len(self._state()), 2)
        self.assertEqual(self._run_to_end(cron, self._cron), [(2, 1), (1, 0)])
        self.assertEqual(self._state(), expected)
        self.assertEqual(self._call(cron, self._cron), (0, 0))


@tagged("post_install", "-at_install")
class TestCostAllocationBatches(BatchesMixin, ProfitabilityCommon):
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
            (
                pool.name,
                pool.allocation_queued,
                sorted(
                    (a.partner_id.name, a.date, a.amount) for a in pool.allocation_ids
                ),
            )
            for pool in self.pools
        ]

    def test_killed_in_second_batch(self):
        self._set_batch_size("cost_allocation", 1)
        cron = "account_mgmt_addon.ir_cron_cost_allocation"
        action = self.pools.with_user(self.user_finance).action_allocate()
        # The first pool now, the 2 others in the background.
        self.assertIn("2 more are being allocated", action["params"]["message"])
        self.assertEqual(
            [(name, queued, len(rows)) for name, queued, rows in self._state()],
            [("Pool 1", False, 4), ("Pool 2", True, 0), ("Pool 3", True, 0)],
        )
        calls, expected = self._uninterrupted(cron, self._cron, self._state)
        self.assertEqual(calls, [(1, 1), (1, 0)])
        march, april = date(2025, 3, 1), date(2025, 4, 1)
        self.assertEqual(
            expected,
            [
                (
                    f"Pool {n}",
                    False,
                    sorted(
                        (name, month, share)
                        for name in ("Alpha Industries", "Beta GmbH")
                        for month in (march, april)
                    ),
                )
                for n, share in ((1, 75.0), (2, 125.0), (3, 175.0))
            ],
        )
        self.assertEqual(self._call(cron, self._cron), (1, 1))
        self._kill(cron, self._cron)
        self.assertEqual(self._state()[2][1:], (True, []))
        self.assertEqual(self._run_to_end(cron, self._cron), [(1, 0)])
        self.assertEqual(self._state(), expected)
        self.assertEqual(self._call(cron, self._cron), (0, 0))


@tagged("post_install", "-at_install")
class TestHealthBatches(BatchesMixin, HealthCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.Snapshot)
        # Five managed accounts never contacted, created 200 days ago: contact
        # recency 0 and overdue; the newest partners of the database.
        cls.accounts = cls.env["res.partner"]
        for name in ("Health A", "Health B", "Health C", "Health D", "Health E"):
            cls.accounts |= cls._managed_account(
                name, created=cls.today - timedelta(days=200)
            )
        cls.env.flush_all()
        # The job has scored every older partner today: it resumes after them.
        cls.env["ir.config_parameter"].sudo().set_param(
            HEALTH_CURSOR_PARAM, f"{cls.today}:{cls.accounts[0].id - 1}"
        )
        cls.other_partners = cls.env["res.partner"].search_count(
            [("id", ">", cls.accounts[-1].id)]
        )

    def _cron(self, env):
        env["account_mgmt.health.snapshot"].sudo()._cron_recompute()

    def _state(self):
        snapshots = self.Snapshot.search([("partner_id", "in", self.accounts.ids)])
        alerts = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", self.accounts.ids),
                ("activity_type_id", "=", self.at_risk_type.id),
            ]
        )
        return (
            sorted(
                (s.partner_id.name, s.company_id.id, s.date, s.score, s.band)
                for s in snapshots
            ),
            sorted(
                (
                    self.env["res.partner"].browse(a.res_id).name,
                    a.account_mgmt_health_reason,
                )
                for a in alerts
            ),
        )

    def test_killed_in_second_batch(self):
        self.assertEqual(self.other_partners, 0)
        self._set_batch_size("health", 2)
        cron = "account_mgmt_addon.ir_cron_account_health"
        calls, expected = self._uninterrupted(cron, self._cron, self._state)
        # 5 accounts, 2 per batch: 3 calls.
        self.assertEqual(calls, [(2, 3), (2, 1), (1, 0)])
        snapshots, alerts = expected
        # One snapshot each, today, in the test company.
        self.assertEqual(
            [(name, company, day) for name, company, day, _s, _b in snapshots],
            [(f"Health {x}", self.company.id, self.today) for x in "ABCDE"],
        )
        # The five are alike: the same score, and each gets the same alerts,
        # at most one per reason.
        self.assertEqual(len({(score, band) for *_k, score, band in snapshots}), 1)
        self.assertEqual(len(alerts), len(set(alerts)))
        self.assertEqual(len(alerts) % 5, 0)
        self.assertEqual(self._call(cron, self._cron), (2, 3))
        self._kill(cron, self._cron)
        self.assertEqual(len(self._state()[0]), 2)
        self.assertEqual(self._run_to_end(cron, self._cron), [(2, 1), (1, 0)])
        self.assertEqual(self._state(), expected)
        # Done for today: a new call scores nothing.
        self.assertEqual(self._call(cron, self._cron), (0, 0))

    def test_director_button_hands_off_to_cron(self):
        self._set_batch_size("health", 2)
        cron = self.env.ref("account_mgmt_addon.ir_cron_account_health")
        Trigger = self.env["ir.cron.trigger"].sudo()
        triggers = Trigger.search_count([("cron_id", "=", cron.id)])
        # No account selected: every account, more than a batch of 2.
        action = (
            self.env["res.partner"]
            .with_user(self.user_director)
            .action_account_health_recompute()
        )
        self.assertEqual(action["params"]["title"], "Health recompute in progress")
        self.assertEqual(
            Trigger.search_count([("cron_id", "=", cron.id)]), triggers + 1
        )
        # Nothing scored in the request; the job starts again from the first
        # account today.
        self.assertFalse(
            self.Snapshot.search_count([("partner_id", "in", self.accounts.ids)])
        )
        self.assertEqual(
            self.env["ir.config_parameter"].sudo().get_param(HEALTH_CURSOR_PARAM),
            f"{self.today}:0",
        )
        # Selected accounts are scored at once, as before.
        action = (
            self.accounts[:2]
            .with_user(self.user_director)
            .action_account_health_recompute()
        )
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(
            self.Snapshot.search_count([("partner_id", "in", self.accounts.ids)]), 2
        )

    def test_health_job_leaves_reminders_to_their_job(self):
        overdue_type = self.env.ref(
            "account_mgmt_addon.mail_activity_type_contact_overdue"
        )
        self.env.cr.execute(
            "UPDATE res_partner SET next_contact_due = %s WHERE id IN %s",
            [self.today - timedelta(days=3), tuple(self.accounts.ids)],
        )
        self.env.invalidate_all()
        self._run_to_end("account_mgmt_addon.ir_cron_account_health", self._cron)
        domain = [
            ("res_model", "=", "res.partner"),
            ("res_id", "in", self.accounts.ids),
            ("activity_type_id", "=", overdue_type.id),
        ]
        # Overdue accounts, but the reminders are the contact cadence job's: the
        # health job gives none (it used to run that job a second time).
        self.assertEqual(self.env["mail.activity"].search_count(domain), 0)
        self.env["res.partner"]._cron_account_mgmt_contact_overdue()
        self.assertEqual(self.env["mail.activity"].search_count(domain), 5)


@tagged("post_install", "-at_install")
class TestJobsTwoWorkers(TransactionCase):
    """Two workers running the same job at once: the second finds the job's
    advisory lock taken by the first (whose batch is not committed yet) and does
    nothing, instead of writing the same batch a second time."""

    JOBS = [
        (
            "account_mgmt_addon.ir_cron_account_health",
            lambda env: env["account_mgmt.health.snapshot"]._cron_recompute(),
        ),
        (
            "account_mgmt_addon.ir_cron_contact_overdue",
            lambda env: env["res.partner"]._cron_account_mgmt_contact_overdue(),
        ),
        (
            "account_mgmt_addon.ir_cron_account_mgmt_plan_review",
            lambda env: env["account_mgmt.plan"]._cron_schedule_reviews(),
        ),
        (
            "account_mgmt_addon.ir_cron_profitability_summary",
            lambda env: env[
                "account_mgmt.profitability.report"
            ]._cron_refresh_summary(),
        ),
    ]

    def _call(self, env, cron_xmlid, job):
        progress = (
            env["ir.cron.progress"]
            .sudo()
            .create({"cron_id": env.ref(cron_xmlid).id, "done": 0, "remaining": 0})
        )
        env = env(context=dict(env.context, ir_cron_progress_id=progress.id))
        job(env)
        env.flush_all()
        return progress.done, progress.remaining

    def test_second_worker_waits_for_the_first(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            # The first worker's health batch: one account scored, others left.
            # (The second worker never writes what the first one wrote: it would
            # wait for the first one's transaction.)
            env1["ir.config_parameter"].set_param(BATCH_SIZE_PARAM % "health", 1)
            done, remaining = self._call(env1, *self.JOBS[0])
            self.assertEqual(done, 1)
            self.assertGreater(remaining, 0)
            for cron_xmlid, job in self.JOBS:
                # (the first worker holds every job's lock for this test)
                self._call(env1, cron_xmlid, job)
            for cron_xmlid, job in self.JOBS:
                with self.subTest(job=cron_xmlid):
                    self.assertEqual(self._call(env2, cron_xmlid, job), (0, 0))
            cr1.rollback()
            cr2.rollback()
