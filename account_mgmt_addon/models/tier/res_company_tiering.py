# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    account_mgmt_tiering_date = fields.Date(
        string="Tiering in Progress As Of",
        readonly=True,
        copy=False,
        help="A director applied automatic tiering on the figures of this day to "
        "more accounts than a batch holds: the scheduled action is updating the "
        "other accounts, on the figures of the same day, and clears this date "
        "when it is done.",
    )
