# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: the client profitability report reads a monthly summary.

The report's ``init()`` created the summary tables and triggers and listed every
month with data as changed (so the report is right from the first read); this
builds the summary of the existing ledger once, so that the first reads are fast
too.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["account_mgmt.profitability.report"]._refresh_summary()
