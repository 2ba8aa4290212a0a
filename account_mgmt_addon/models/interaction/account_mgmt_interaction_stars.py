# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# Stars of the satisfaction score (Odoo's priority widget reads a selection):
# "0" is "not asked", the stars 1 to 5 the score the client gave.
SATISFACTION_STARS = [
    ("0", "Not Asked"),
    ("1", "Very Unhappy"),
    ("2", "Unhappy"),
    ("3", "Neutral"),
    ("4", "Happy"),
    ("5", "Delighted"),
]


class AccountMgmtInteraction(models.Model):
    _inherit = "account_mgmt.interaction"

    type_id = fields.Many2one(default=lambda self: self._default_type_id())
    satisfaction_stars = fields.Selection(
        selection=SATISFACTION_STARS,
        string="Satisfaction Stars",
        compute="_compute_satisfaction_stars",
        inverse="_inverse_satisfaction_stars",
        help="Satisfaction given by the client, from 1 star (very unhappy) to 5 "
        "(delighted); no star: not asked.",
    )

    @api.model
    def _default_type_id(self):
        """The first interaction type (by sequence) of the current company or
        shared: a call in the default data."""
        return self.env["account_mgmt.interaction.type"].search(
            [("company_id", "in", [self.env.company.id, False])], limit=1
        )

    @api.depends("satisfaction")
    def _compute_satisfaction_stars(self):
        for interaction in self:
            interaction.satisfaction_stars = str(interaction.satisfaction or 0)

    def _inverse_satisfaction_stars(self):
        for interaction in self:
            interaction.satisfaction = int(interaction.satisfaction_stars or 0)
