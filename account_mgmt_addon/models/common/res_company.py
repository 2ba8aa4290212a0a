# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from ...tools.groups import GROUP_MANAGER, GROUP_PROFITABILITY


class ResCompany(models.Model):
    _inherit = "res.company"

    account_mgmt_log_emails = fields.Boolean(
        string="Log Client Emails as Interactions",
        help="Emails sent to or received from a client's contacts are logged as Email "
        "interactions of the account.",
    )
    account_mgmt_interactions_visible_all = fields.Boolean(
        string="Interactions Visible to All Sales Users",
        help="Every sales user reads the interactions of every account, not only the "
        "account team.",
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
        default=90,
        help="Contact cadence of accounts that have no tier.",
    )
    account_mgmt_figures_date = fields.Date(
        string="Account Figures Computed On",
        readonly=True,
        help="Last day automatic tiering computed the figures of the last 12 months "
        "of the company's accounts.",
    )
    account_mgmt_health_green_min = fields.Integer(
        string="Green Health From",
        default=76,
        help="A health score at or above this value is green.",
    )
    account_mgmt_health_amber_min = fields.Integer(
        string="Amber Health From",
        default=51,
        help="A health score at or above this value (and below green) is amber; "
        "below it, red.",
    )

    @api.constrains(
        "account_mgmt_default_cadence_days",
        "account_mgmt_health_green_min",
        "account_mgmt_health_amber_min",
    )
    def _check_account_mgmt_settings(self):
        for company in self:
            if company.account_mgmt_default_cadence_days < 1:
                raise ValidationError(
                    self.env._(
                        "The default contact cadence of %(company)s must be at least "
                        "one day.",
                        company=company.name,
                    )
                )
            amber = company.account_mgmt_health_amber_min
            green = company.account_mgmt_health_green_min
            if not 0 < amber < green <= 100:
                raise ValidationError(
                    self.env._(
                        "Health bands of %(company)s must be ordered: 0 < amber "
                        "(%(amber)s) < green (%(green)s) <= 100.",
                        company=company.name,
                        amber=amber,
                        green=green,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        if any(
            isinstance(vals, dict)
            and vals.get("account_mgmt_managers_see_profitability")
            for vals in vals_list
        ):
            self._account_mgmt_sync_profitability_group()
        return companies

    def write(self, vals):
        res = super().write(vals)
        if "account_mgmt_managers_see_profitability" in vals:
            self._account_mgmt_sync_profitability_group()
        return res

    @api.model
    def _account_mgmt_sync_profitability_group(self):
        """The setting "account managers see the profitability of their accounts"
        is Account Manager implying the profitability group (as an implied_group
        of the settings does), on while one company has the setting on. The record
        rules still limit managers to their accounts in those companies."""
        manager = self.env.ref(GROUP_MANAGER).sudo()
        see = self.env.ref(GROUP_PROFITABILITY).sudo()
        wanted = bool(
            self.sudo().search_count(
                [("account_mgmt_managers_see_profitability", "=", True)], limit=1
            )
        )
        if wanted and see not in manager.implied_ids:
            manager.write({"implied_ids": [Command.link(see.id)]})
        elif not wanted and see in manager.implied_ids:
            # Users who have it through another group (directors, finance) keep it.
            manager._remove_group(see)
