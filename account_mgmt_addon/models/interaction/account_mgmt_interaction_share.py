# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMgmtInteraction(models.Model):
    _inherit = "account_mgmt.interaction"

    client_visible = fields.Boolean(
        string="Shareable with the Client",
        help="Printed in the Account Review PDF sent to the client (date, type, "
        "subject, contacts). Subjects are written for the team: only the "
        "interactions marked here are printed.",
    )
