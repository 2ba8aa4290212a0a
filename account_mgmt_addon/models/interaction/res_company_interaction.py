# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    def write(self, vals):
        res = super().write(vals)
        if "account_mgmt_default_cadence_days" in vals:
            # Accounts bound to a company follow it through @api.depends; shared
            # accounts may follow it too (see _account_mgmt_cadence_company).
            Partner = self.env["res.partner"]
            shared = Partner.with_context(active_test=False).search(
                [("company_id", "=", False), ("next_contact_due", "!=", False)]
            )
            self.env.add_to_compute(Partner._fields["next_contact_due"], shared)
        return res
