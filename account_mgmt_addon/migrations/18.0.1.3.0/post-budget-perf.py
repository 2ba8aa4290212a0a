# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.3.0: the budget vs actual report reads a monthly summary kept exact by
triggers (``reports/budget_summary.py``).

The report's ``init()`` has created the tables and triggers and listed every
month as changed (the report is right before this script: it computes those
months live); this script folds every month into the summary. Idempotent: run
again, it lists and folds every month again.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["account_mgmt.budget.report"]._rebuild_summary()
