# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.3.0: the open receivable items kept in a table of their own.

The receivable report's ``init()`` has created ``account_mgmt_open_item`` and
its triggers (and filled it when it created it); this fills it again from the
ledger, so that running the upgrade twice, or after a failed run, gives the
same table.
"""

from odoo.addons.account_mgmt_addon.reports import receivable_open_items


def migrate(cr, version):
    if not version:
        return
    receivable_open_items.create_open_items(cr)
    receivable_open_items.rebuild_open_items(cr)
