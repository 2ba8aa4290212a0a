# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AccountMgmtTeamMember(models.Model):
    _name = "account_mgmt.team.member"
    _description = "Account Team Member"
    _order = "partner_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Account",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('is_company', '=', True)]",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Member",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('share', '=', False)]",
    )
    role = fields.Selection(
        selection=[
            ("global", "Global Account Manager"),
            ("national", "National Account Manager"),
            ("regional", "Regional Account Manager"),
            ("support", "Support"),
            ("finance", "Finance Contact"),
            ("sponsor", "Executive Sponsor"),
        ],
        required=True,
        default="support",
    )
    region = fields.Char(help="Free text, e.g. a region or a country group.")
    country_group_id = fields.Many2one(
        comodel_name="res.country.group", string="Country Group"
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        compute="_compute_company_id",
        store=True,
        index=True,
        readonly=False,
    )

    _sql_constraints = [
        (
            "partner_user_uniq",
            "unique(partner_id, user_id)",
            "A user can be on an account team only once.",
        ),
    ]

    @api.depends("partner_id.company_id")
    def _compute_company_id(self):
        for member in self:
            member.company_id = member.partner_id.company_id or member.company_id

    @api.constrains("user_id")
    def _check_user_is_internal(self):
        for member in self:
            if member.user_id.share:
                raise ValidationError(
                    self.env._(
                        "%(user)s is a portal user: only internal users can be on the "
                        "team of %(account)s.",
                        user=member.user_id.name,
                        account=member.partner_id.display_name,
                    )
                )

    @api.constrains("partner_id")
    def _check_partner_is_account(self):
        for member in self:
            account = member.partner_id.commercial_partner_id
            if member.partner_id != account:
                raise ValidationError(
                    self.env._(
                        "The account team belongs to %(account)s, not to its contact "
                        "%(contact)s: add %(user)s to the team of %(account)s.",
                        account=account.display_name,
                        contact=member.partner_id.display_name,
                        user=member.user_id.name,
                    )
                )
