# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL

from .models.account_move_line import COGS_INDEX


def post_init_hook(env):
    """Run once, when the add-on is installed."""
    # Customer invoices posted before installation get a unit cost estimated from
    # today's product costs (in SQL, by batches): see account.move.line.
    env["account.move.line"]._account_mgmt_backfill_unit_cost()


def uninstall_hook(env):
    """Drop what the add-on created outside its own fields and tables."""
    env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(COGS_INDEX)))
