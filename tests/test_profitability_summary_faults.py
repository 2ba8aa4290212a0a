# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The profitability summary refresh interrupted halfway, or run twice at once."""

from unittest.mock import patch

from odoo import api
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from odoo.addons.account_mgmt_addon.reports import profitability_summary
from odoo.addons.account_mgmt_addon.reports.account_mgmt_profitability_report import (
    _logger as report_logger,
)

from .profitability_common import REPORT, ProfitabilityCommon


class Interrupted(Exception):
    """Stands for whatever kills a run halfway (worker killed, bug, timeout)."""


def _dirty_count(cr):
    cr.execute(
        SQL(
            "SELECT COUNT(*) FROM %s", SQL.identifier(profitability_summary.DIRTY_TABLE)
        )
    )
    return cr.fetchone()[0]


@tagged("post_install", "-at_install")
class TestSummaryInterrupted(ProfitabilityCommon):
    def test_interrupted_refresh_changes_nothing_and_the_next_one_completes(self):
        # Alpha, 2 Widgets at 1,000 in May 2025: revenue 2,000
        self._post_move(self.alpha, "2025-05-06", [(self.product_goods, 2, 1000.0)])
        report = self.env[REPORT].sudo()
        self.env.flush_all()
        listed = _dirty_count(self.env.cr)
        self.assertGreater(listed, 0)
        # dies after its statements ran, before the transaction ends (a cron's
        # transaction is rolled back when it dies)
        with (
            patch.object(report_logger, "info", side_effect=Interrupted),
            self.assertRaises(Interrupted),
            self.env.cr.savepoint(),
        ):
            report._refresh_summary()
        self.assertEqual(_dirty_count(self.env.cr), listed)
        revenue = report._read_group(
            [("partner_id", "=", self.alpha.id)], [], ["revenue:sum"]
        )[0][0]
        self.assertEqual(revenue, 2000.0)
        self.assertGreater(report._refresh_summary(), 0)
        self.assertEqual(_dirty_count(self.env.cr), 0)
        self.assertEqual(
            report._read_group(
                [("partner_id", "=", self.alpha.id)], [], ["revenue:sum"]
            )[0][0],
            2000.0,
        )


@tagged("post_install", "-at_install")
class TestSummaryConcurrency(TransactionCase):
    def test_second_refresh_waits_for_none_and_changes_nothing(self):
        """While one refresh runs (holding the lock), another returns at once
        without touching the summary."""
        with (
            self.registry.cursor() as cr_first,
            self.registry.cursor() as cr_second,
        ):
            try:
                cr_first.execute(
                    SQL(
                        "SELECT pg_advisory_xact_lock(%s)",
                        profitability_summary.REFRESH_LOCK,
                    )
                )
                second = api.Environment(cr_second, api.SUPERUSER_ID, {})
                company = second.ref("base.main_company")
                # one month listed in the second transaction
                cr_second.execute(
                    SQL(
                        "INSERT INTO %s (company_id, month) VALUES (%s, '2025-01-01')",
                        SQL.identifier(profitability_summary.DIRTY_TABLE),
                        company.id,
                    )
                )
                listed = _dirty_count(cr_second)
                cr_second.execute(
                    SQL(
                        "SELECT COUNT(DISTINCT (company_id, month)) FROM %s",
                        SQL.identifier(profitability_summary.DIRTY_TABLE),
                    )
                )
                months = cr_second.fetchone()[0]
                self.assertGreaterEqual(months, 1)
                self.assertIsNone(second[REPORT]._refresh_summary())
                self.assertEqual(_dirty_count(cr_second), listed)
                # the first one ends: the second can run, and folds everything
                cr_first.rollback()
                self.assertEqual(second[REPORT]._refresh_summary(), months)
                self.assertEqual(_dirty_count(cr_second), 0)
            finally:
                cr_first.rollback()
                cr_second.rollback()
