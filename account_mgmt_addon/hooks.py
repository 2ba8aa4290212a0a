# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL

from .models.ledger.account_move_line import (
    COGS_INDEX,
    OLD_OPEN_ITEMS_INDEX,
    OPEN_ITEMS_INDEX,
)
from .reports import budget_summary, profitability_summary, receivable_open_items


def post_init_hook(env):
    """Run once, when the add-on is installed."""
    # Customer invoices posted before installation get a unit cost estimated from
    # today's product costs (in SQL, by batches): see account.move.line.
    env["account.move.line"]._account_mgmt_backfill_unit_cost()
    # Client profitability: build the monthly summary of the existing ledger.
    env["account_mgmt.profitability.report"].sudo()._refresh_summary()
    # Budget vs actual: the triggers again, now that every table they watch
    # exists (on a new database the report's init() may run before the budget
    # lines' table is created), then the summary of what the demo data loaded.
    budget_summary.create_summary(env.cr)
    env["account_mgmt.budget.report"].sudo()._rebuild_summary()


def uninstall_hook(env):
    """Drop what the add-on created outside its own fields and tables."""
    for index in (COGS_INDEX, OPEN_ITEMS_INDEX, OLD_OPEN_ITEMS_INDEX):
        env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(index)))
    # the budget summary's triggers (on the profitability summary's months too),
    # then the profitability summary's triggers on core tables, functions and
    # tables
    budget_summary.drop_summary(env.cr)
    profitability_summary.drop_summary(env.cr)
    # the open receivable items' table and its triggers on core tables
    receivable_open_items.drop_open_items(env.cr)
