# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two runs at the same time, and runs that die halfway.

Two database transactions can only see each other's committed data, so these tests
don't use the test transaction: they create their data in a cursor of their own and
commit it, run the feature in two more cursors, and remove the data again in a
cleanup (committed too). Nothing the features write here is ever committed except
the cost pool allocation, which the cleanup removes.
"""

import threading
import time
from contextlib import contextmanager
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from psycopg2.errors import SerializationFailure

from odoo import Command, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.account_mgmt_addon.models.health import (
    account_mgmt_health_snapshot_alerts as health_alerts,
)
from odoo.addons.account_mgmt_addon.models.tier.res_partner_tiering import ResPartner


class Interrupted(Exception):
    """Stands for whatever kills a run halfway (worker killed, bug, timeout)."""


@tagged("post_install", "-at_install")
class FaultsCase(TransactionCase):
    @contextmanager
    def _cursor_env(self):
        """An environment on a new, real cursor (its own transaction), as admin,
        rolled back and closed on exit unless committed inside."""
        with self.registry.cursor() as cr:
            admin = self.env.ref("base.user_admin").id
            env = api.Environment(cr, admin, {})
            try:
                yield env
            finally:
                cr.rollback()


@tagged("post_install", "-at_install")
class TestCostPoolConcurrency(FaultsCase):
    def setUp(self):
        super().setUp()
        with self._cursor_env() as env:
            company = env.ref("base.main_company")
            # A tier no automatic tiering picks (it asks a billion), holding only
            # the two accounts of this test: the pool's share base.
            tier = env["account_mgmt.tier"].create(
                {
                    "name": "Fault Test Tier",
                    "code": "FAULTX",
                    "company_id": company.id,
                    "min_annual_revenue": 1e9,
                }
            )
            partners = (
                env["res.partner"]
                .with_company(company)
                .create(
                    [
                        {"name": "Fault Pool A", "is_company": True},
                        {"name": "Fault Pool B", "is_company": True},
                    ]
                )
            )
            partners.account_tier_id = tier
            start = fields.Date.today().replace(day=1)
            pool = env["account_mgmt.cost.pool"].create(
                {
                    "name": "Fault Pool",
                    "company_id": company.id,
                    "date_from": start,
                    "date_to": start + relativedelta(months=2, days=-1),
                    "amount_source": "fixed",
                    "fixed_amount": 1000.0,
                    "driver": "equal",
                    "scope": "tier",
                    "tier_ids": [Command.set(tier.ids)],
                }
            )
            env.cr.commit()
            self.pool_id, self.tier_id, self.partner_ids = (
                pool.id,
                tier.id,
                partners.ids,
            )
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self._cursor_env() as env:
            pool = env["account_mgmt.cost.pool"].browse(self.pool_id)
            pool.allocation_ids.sudo().unlink()
            pool.unlink()
            env["res.partner"].browse(self.partner_ids).unlink()
            env["account_mgmt.tier"].browse(self.tier_id).unlink()
            env.cr.commit()

    def _rows(self, env):
        env.cr.execute(
            "SELECT count(*), coalesce(sum(amount), 0) "
            "FROM account_mgmt_cost_allocation WHERE pool_id = %s",
            [self.pool_id],
        )
        return env.cr.fetchone()

    def test_two_allocations_at_once(self):
        with self._cursor_env() as env1, self._cursor_env() as env2:
            pool1 = env1["account_mgmt.cost.pool"].browse(self.pool_id)
            pool2 = env2["account_mgmt.cost.pool"].browse(self.pool_id)
            pool1.action_allocate()
            env1.flush_all()
            # 2 accounts x 2 months, equal shares: 1,000 / 4 = 250 each.
            self.assertEqual(self._rows(env1), (4, 1000.0))
            # The second user clicks while the first allocation is not committed:
            # a clear error at once, nothing written by the second transaction.
            with self.assertRaisesRegex(UserError, "being allocated by someone else"):
                pool2.action_allocate()
            self.assertEqual(self._rows(env2), (0, 0.0))
            env2.cr.rollback()
            env1.cr.commit()
            # Trying again after the first one committed replaces its rows: still
            # 4 rows of 250, not 8 rows / 2,000.
            pool2.invalidate_recordset()
            pool2.action_allocate()
            env2.flush_all()
            self.assertEqual(self._rows(env2), (4, 1000.0))
            env2.cr.commit()
        with self._cursor_env() as env:
            self.assertEqual(self._rows(env), (4, 1000.0))
            pool = env["account_mgmt.cost.pool"].browse(self.pool_id)
            self.assertEqual(pool.state, "allocated")
            self.assertEqual(pool.allocated_amount, 1000.0)

    def test_reset_during_allocation(self):
        with self._cursor_env() as env1, self._cursor_env() as env2:
            env1["account_mgmt.cost.pool"].browse(self.pool_id).action_allocate()
            with self.assertRaisesRegex(UserError, "being allocated by someone else"):
                env2["account_mgmt.cost.pool"].browse(
                    self.pool_id
                ).action_reset_allocation()


class TieringDataMixin:
    """A committed customer with one posted 40,000 invoice and no tier yet."""

    def _setup_invoiced_account(self):
        with self._cursor_env() as env:
            company = env.ref("base.main_company")
            partner = env["res.partner"].create(
                {"name": "Fault Tiering Customer", "is_company": True}
            )
            # In the last 12 months (the complete months before the current one)
            # on any day and in any user time zone: the 10th of the month before
            # last.
            day = fields.Date.today().replace(day=10) - relativedelta(months=2)
            move = (
                env["account.move"]
                .with_company(company)
                .create(
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": day,
                        "date": day,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "Fault test service",
                                    "quantity": 1,
                                    "price_unit": 40000.0,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                )
            )
            move.action_post()
            env.cr.commit()
            self.company_id = company.id
            self.partner_id, self.move_id = partner.id, move.id
            self.growth_id = env.ref("account_mgmt_addon.tier_growth").id
        self.addCleanup(self._cleanup_invoiced_account)

    def _cleanup_invoiced_account(self):
        with self._cursor_env() as env:
            env["account_mgmt.health.snapshot"].sudo().search(
                [("partner_id", "=", self.partner_id)]
            ).unlink()
            move = env["account.move"].browse(self.move_id)
            move.button_draft()
            move.with_context(force_delete=True).unlink()
            env["res.partner"].browse(self.partner_id).unlink()
            env.cr.commit()

    def _tier_state(self, env):
        """(tier id, revenue figure, history rows) of the customer in the company,
        read in SQL: what the transaction really holds."""
        env.flush_all()
        key = str(self.company_id)
        env.cr.execute(
            """
            SELECT (account_tier_id ->> %s)::int,
                   coalesce((account_annual_revenue ->> %s)::float8, 0),
                   (SELECT count(*) FROM account_mgmt_tier_history
                     WHERE partner_id = p.id)
              FROM res_partner p WHERE id = %s
            """,
            [key, key, self.partner_id],
        )
        return env.cr.fetchone()


@tagged("post_install", "-at_install")
class TestTieringConcurrency(TieringDataMixin, FaultsCase):
    def setUp(self):
        super().setUp()
        self._setup_invoiced_account()

    def test_two_recomputes_at_once(self):
        with self._cursor_env() as env1, self._cursor_env() as env2:
            company1 = env1["res.company"].browse(self.company_id)
            company2 = env2["res.company"].browse(self.company_id)
            changes = env1["res.partner"]._account_mgmt_recompute_tiers(company1)
            self.assertIn(self.partner_id, [c.partner_id for c in changes])
            # 40,000 over twelve months: Growth (>= 30,000, < Key's 100,000).
            self.assertEqual(self._tier_state(env1), (self.growth_id, 40000.0, 1))
            # The director's button while the cron runs: refused at once, and the
            # second transaction has written nothing.
            with self.assertRaisesRegex(UserError, "being recomputed right now"):
                env2["res.partner"].with_user(
                    env2.ref("base.user_admin")
                ).action_account_mgmt_recompute_tiers()
            self.assertEqual(self._tier_state(env2), (None, 0.0, 0))
            env2.cr.rollback()
            # Once the first run is over (here: rolled back), the second one runs
            # and writes one history row, not two; running it again changes nothing.
            env1.cr.rollback()
            env2["res.partner"]._account_mgmt_recompute_tiers(company2)
            self.assertEqual(self._tier_state(env2), (self.growth_id, 40000.0, 1))
            again = env2["res.partner"]._account_mgmt_recompute_tiers(company2)
            self.assertNotIn(self.partner_id, [c.partner_id for c in again])
            self.assertEqual(self._tier_state(env2), (self.growth_id, 40000.0, 1))


@tagged("post_install", "-at_install")
class TestInterruptedCrons(TieringDataMixin, FaultsCase):
    def setUp(self):
        super().setUp()
        self._setup_invoiced_account()

    def test_tier_cron_interrupted(self):
        with self._cursor_env() as env:
            Partner = env["res.partner"]
            company = env["res.company"].browse(self.company_id)
            figures_date = company.account_mgmt_figures_date
            # Dies after the figures and tiers were written, before the history.
            with (
                patch.object(
                    ResPartner,
                    "_account_mgmt_log_tier_changes",
                    side_effect=Interrupted,
                ),
                self.assertRaises(Interrupted),
            ):
                Partner._cron_account_mgmt_recompute_tiers()
            # ir.cron rolls the job's transaction back: nothing half-written.
            env.cr.rollback()
            env.invalidate_all()
            self.assertEqual(self._tier_state(env), (None, 0.0, 0))
            self.assertEqual(company.account_mgmt_figures_date, figures_date)
            # The next run completes: tier, figures and the one history row.
            Partner._cron_account_mgmt_recompute_tiers()
            self.assertEqual(self._tier_state(env), (self.growth_id, 40000.0, 1))
            # "Today" in the user's time zone, as the job dates its figures.
            self.assertEqual(
                company.account_mgmt_figures_date, fields.Date.context_today(Partner)
            )

    def _health_state(self, env):
        env.flush_all()
        env.cr.execute(
            "SELECT count(*) FROM account_mgmt_health_snapshot "
            "WHERE partner_id = %s AND company_id = %s",
            [self.partner_id, self.company_id],
        )
        (snapshots,) = env.cr.fetchone()
        env.cr.execute(
            "SELECT count(*) FROM account_mgmt_health_snapshot_line l "
            "JOIN account_mgmt_health_snapshot s ON s.id = l.snapshot_id "
            "WHERE s.partner_id = %s",
            [self.partner_id],
        )
        (lines,) = env.cr.fetchone()
        return snapshots, lines

    def test_health_cron_interrupted(self):
        with self._cursor_env() as env:
            Snapshot = env["account_mgmt.health.snapshot"]
            self.assertEqual(self._health_state(env), (0, 0))
            # Dies after the snapshots, their lines and the partners' fields were
            # upserted, before the alerts.
            with (
                patch.object(
                    health_alerts.AccountMgmtHealthSnapshot,
                    "_health_alerts",
                    side_effect=Interrupted,
                ),
                self.assertRaises(Interrupted),
            ):
                Snapshot._cron_recompute()
            env.cr.rollback()
            env.invalidate_all()
            self.assertEqual(self._health_state(env), (0, 0))
            # The next run completes: one snapshot of the account for today, with
            # one line per active measure of the company.
            Snapshot._cron_recompute()
            measures = Snapshot.env["account_mgmt.health.measure"].search_count(
                [("company_id", "=", self.company_id)]
            )
            self.assertEqual(self._health_state(env), (1, measures))
            snapshot = Snapshot.search(
                [("partner_id", "=", self.partner_id), ("is_latest", "=", True)]
            )
            self.assertEqual(snapshot.date, fields.Date.context_today(Snapshot))


@tagged("post_install", "-at_install")
class TestHealthConcurrency(TieringDataMixin, FaultsCase):
    def setUp(self):
        super().setUp()
        self._setup_invoiced_account()

    def _snapshots(self, env):
        env.flush_all()
        env.cr.execute(
            "SELECT count(*) FROM account_mgmt_health_snapshot "
            "WHERE partner_id = %s AND company_id = %s AND date = %s",
            # the snapshot's date is "today" in the user's time zone
            [
                self.partner_id,
                self.company_id,
                fields.Date.context_today(env["account_mgmt.health.snapshot"]),
            ],
        )
        return env.cr.fetchone()[0]

    def _recompute(self, env):
        return env["account_mgmt.health.snapshot"]._recompute_accounts(
            partners=env["res.partner"].browse(self.partner_id),
            companies=env["res.company"].browse(self.company_id),
        )

    def test_two_recomputes_at_once(self):
        """The second run waits for the first one, then fails with a
        serialization error (which Odoo's RPC layer and ir.cron retry) instead of
        writing a second snapshot of the day; retried, it replaces the first."""
        outcome = {}

        def second_run():
            with self._cursor_env() as env:
                try:
                    self._recompute(env)
                    outcome["result"] = "written"
                except SerializationFailure:
                    outcome["result"] = "serialization failure"
                    env.cr.rollback()
                    # Retried, as the RPC layer does: replaces, doesn't add.
                    self._recompute(env)
                    outcome["retried"] = self._snapshots(env)

        with self._cursor_env() as env1:
            self._recompute(env1)
            self.assertEqual(self._snapshots(env1), 1)
            thread = threading.Thread(target=second_run)
            thread.start()
            # The second run blocks on the first one's uncommitted snapshot.
            time.sleep(2)
            self.assertTrue(thread.is_alive())
            env1.cr.commit()
            thread.join(timeout=60)
            self.assertFalse(thread.is_alive())
        self.assertEqual(outcome, {"result": "serialization failure", "retried": 1})
        with self._cursor_env() as env:
            self.assertEqual(self._snapshots(env), 1)
