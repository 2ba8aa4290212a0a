# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Key-account management fields live on the commercial entity; its contacts
    # show them read-only (see _commercial_fields).
    account_tier_id = fields.Many2one(
        comodel_name="account_mgmt.tier",
        string="Account Tier",
        index="btree_not_null",
        tracking=True,
        ondelete="restrict",
    )
    account_tier_locked = fields.Boolean(
        string="Tier Locked",
        tracking=True,
        help="A locked tier is kept by automatic tiering.",
    )
    account_tier_lock_reason = fields.Char(string="Lock Reason")
    account_manager_id = fields.Many2one(
        comodel_name="res.users",
        string="Account Manager",
        index="btree_not_null",
        tracking=True,
        domain="[('share', '=', False)]",
        help="The key account manager, who looks after the client once won (distinct "
        "from the salesperson).",
    )
    account_team_member_ids = fields.One2many(
        comodel_name="account_mgmt.team.member",
        inverse_name="partner_id",
        string="Account Team",
    )

    def _commercial_fields(self):
        return super()._commercial_fields() + [
            "account_tier_id",
            "account_tier_locked",
            "account_tier_lock_reason",
            "account_manager_id",
        ]
