# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: one definition of a sale and of the cost of a line.

Sales receipts now count as sales, and every feature values a line's cost the
same way (rounded per line). Sales receipts posted before get a unit cost from
today's product costs (an estimate, as at installation), and every month of the
profitability summary is recomputed with the new definition.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["account.move.line"]._account_mgmt_backfill_unit_cost()
    env["account_mgmt.profitability.report"]._rebuild_summary()
