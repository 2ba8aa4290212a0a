# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # The cost of goods sold is valued at the product cost of the posting day
        # (captured again when an invoice reset to draft is posted anew).
        posted.filtered(
            lambda move: move.is_sale_document(include_receipts=True)
        ).line_ids.with_context(tracking_disable=True)._account_mgmt_capture_unit_cost()
        return posted
