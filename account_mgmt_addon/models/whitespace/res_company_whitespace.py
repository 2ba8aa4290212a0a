# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    account_mgmt_whitespace_threshold = fields.Float(
        string="Whitespace From Penetration (%)",
        default=50.0,
        digits=(16, 2),
        help="A product category an account bought nothing of over the last 12 "
        "months is whitespace when at least this share of its peers buy it.",
    )

    @api.constrains("account_mgmt_whitespace_threshold")
    def _check_account_mgmt_whitespace_threshold(self):
        for company in self:
            if not 0 < company.account_mgmt_whitespace_threshold <= 100:
                raise ValidationError(
                    self.env._(
                        "The whitespace threshold of %(company)s must be a "
                        "percentage above 0 and at most 100, not %(value)s.",
                        company=company.name,
                        value=company.account_mgmt_whitespace_threshold,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if "account_mgmt_whitespace_threshold" in vals:
            # sudo: the stored rows are the job's; their whitespace follows the
            # setting the user just changed.
            self.env[
                "account_mgmt.whitespace.line"
            ].sudo()._account_mgmt_refresh_threshold(self)
        return res


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    account_mgmt_whitespace_threshold = fields.Float(
        related="company_id.account_mgmt_whitespace_threshold", readonly=False
    )
