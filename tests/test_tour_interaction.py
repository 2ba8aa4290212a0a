# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""In Chromium: an account manager logs a call from the account form and from an
opportunity."""

from odoo.tests import tagged

from .tour_common import TourCommon


@tagged("post_install", "-at_install")
class TestInteractionTours(TourCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls._tour_user("tour_int_am", "manager")
        cls.account = cls.env["res.partner"].create(
            {
                "name": "Tour Interaction Account",
                "is_company": True,
                "account_manager_id": cls.user.id,
            }
        )
        cls.call_type = cls.env["account_mgmt.interaction.type"].search(
            [("name", "=", "Call")], limit=1
        )

    def _interactions(self):
        return self.env["account_mgmt.interaction"].search(
            [("partner_id", "=", self.account.id)]
        )

    def test_log_from_partner(self):
        self.start_tour(
            f"/odoo/res.partner/{self.account.id}",
            "account_mgmt_interaction_partner",
            login=self.user.login,
        )
        interaction = self._interactions()
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.subject, "Quarterly review booked")
        self.assertEqual(interaction.type_id, self.call_type)
        self.assertEqual(interaction.user_id, self.user)
        self.assertFalse(interaction.lead_id)

    def test_log_from_lead(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Tour Renewal",
                "type": "opportunity",
                "partner_id": self.account.id,
                "user_id": self.user.id,
            }
        )
        self.start_tour(
            f"/odoo/crm.lead/{lead.id}",
            "account_mgmt_interaction_lead",
            login=self.user.login,
        )
        interaction = self._interactions()
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.subject, "Pricing discussed")
        self.assertEqual(interaction.type_id, self.call_type)
        self.assertEqual(interaction.lead_id, lead)
        self.assertEqual(lead.interaction_count, 1)
