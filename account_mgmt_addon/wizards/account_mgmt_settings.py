# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.groups import is_director

# The company settings of the add-on, as on the company (res_company*.py).
SETTINGS = (
    "account_mgmt_log_emails",
    "account_mgmt_interactions_visible_all",
    "account_mgmt_managers_see_profitability",
    "account_mgmt_default_cadence_days",
    "account_mgmt_health_green_min",
    "account_mgmt_health_amber_min",
    "account_mgmt_whitespace_threshold",
)


class AccountMgmtSettings(models.TransientModel):
    """The add-on's settings of the current company, for account directors.

    Odoo's Settings save only for administrators (res.config.settings.execute);
    directors configure the add-on here: the values are checked as the company
    checks them, and written on the company as superuser after the director
    check."""

    _name = "account_mgmt.settings"
    _description = "Account Management Settings"

    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    account_mgmt_log_emails = fields.Boolean(
        string="Log Client Emails as Interactions",
        help="Log emails exchanged with a client's contacts as Email interactions "
        "of the account.",
    )
    account_mgmt_interactions_visible_all = fields.Boolean(
        string="Interactions Visible to All Sales Users",
        help="Let every sales user read all interactions, not only the account team's.",
    )
    account_mgmt_managers_see_profitability = fields.Boolean(
        string="Account Managers See Their Accounts' Profitability",
        help="Account managers read the margins and profitability of the accounts "
        "they manage or are on the team of; cost pools stay reserved to finance and "
        "directors. Applies to all the companies of the database: while one company "
        "has it on, the account managers of every company see those of their own "
        "accounts.",
    )
    account_mgmt_default_cadence_days = fields.Integer(
        string="Default Contact Cadence (Days)",
        help="How often an account without tier must be contacted, in days.",
    )
    account_mgmt_health_green_min = fields.Integer(string="Green Health From")
    account_mgmt_health_amber_min = fields.Integer(string="Amber Health From")
    account_mgmt_whitespace_threshold = fields.Float(
        string="Whitespace From Penetration (%)",
        digits=(16, 2),
        help="A product category an account doesn't buy is whitespace when at "
        "least this share of its peers buy it.",
    )

    @api.model
    def _check_director(self):
        if not is_director(self.env):
            raise AccessError(
                self.env._("Only account directors configure Account Management.")
            )

    @api.model
    def default_get(self, fields_list):
        self._check_director()
        if not isinstance(fields_list, list | tuple):
            raise UserError(
                self.env._("The default values are asked for a list of field names.")
            )
        values = super().default_get(fields_list)
        company = self.env.company
        for fname in SETTINGS:
            if fname in fields_list:
                values[fname] = company.sudo()[fname]
        return values

    def action_save(self):
        """Write the settings on the company (one of the director's)."""
        self.ensure_one()
        self._check_director()
        if self.company_id not in self.env.user.company_ids:
            raise AccessError(
                self.env._(
                    "You can't configure %(company)s: it is not one of your companies.",
                    company=self.company_id.sudo().name,
                )
            )
        # sudo: company records are administrators' to write; the director
        # check above is the right to change these settings (the company's own
        # constraints still check the values).
        self.company_id.sudo().write({fname: self[fname] for fname in SETTINGS})
        return {"type": "ir.actions.client", "tag": "soft_reload"}
