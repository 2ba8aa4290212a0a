# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Run once, when the add-on is installed."""
    # Customer invoices posted before installation get a unit cost estimated from
    # today's product costs (in SQL, by batches): see account.move.line.
    env["account.move.line"]._account_mgmt_backfill_unit_cost()
