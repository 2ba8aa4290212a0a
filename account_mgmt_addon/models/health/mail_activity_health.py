# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .account_mgmt_health_snapshot import ALERT_SELECTION


class MailActivity(models.Model):
    _inherit = "mail.activity"

    account_mgmt_health_reason = fields.Selection(
        selection=ALERT_SELECTION,
        string="At-Risk Reason",
        index="btree_not_null",
        readonly=True,
        help="The account health rule that scheduled this activity. A rule schedules "
        "at most one open activity per account and reason.",
    )
