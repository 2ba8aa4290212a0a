# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared set-up of the interaction tests: a Key tier (contact every 30 days), a
client group (a parent company with a subsidiary, each with a contact person), a
second client managed by someone else, and the default interaction types."""

from datetime import timedelta

from odoo import fields

from .common import AccountMgmtCommon


class InteractionCommon(AccountMgmtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Anna, an account manager, logs the interactions of the tests.
        cls.Interaction = cls.env["account_mgmt.interaction"].with_user(
            cls.user_manager
        )
        cls.type_call = cls.env.ref("account_mgmt_addon.interaction_type_call")
        cls.type_meeting = cls.env.ref("account_mgmt_addon.interaction_type_meeting")
        cls.type_email = cls.env.ref("account_mgmt_addon.interaction_type_email")
        cls.type_note = cls.env.ref("account_mgmt_addon.interaction_type_note")
        cls.activity_call = cls.env.ref("mail.mail_activity_data_call")
        cls.activity_meeting = cls.env.ref("mail.mail_activity_data_meeting")
        cls.activity_todo = cls.env.ref("mail.mail_activity_data_todo")
        cls.user_sales = cls._new_user(
            "am_sam", "Sam Sales", "sales_team.group_sale_salesman"
        )
        cls.tier_key = (
            cls.env["account_mgmt.tier"]
            .sudo()
            .create(
                {
                    "name": "Key",
                    "code": "KEY-T",
                    "contact_cadence_days": 30,
                    "company_id": cls.company.id,
                }
            )
        )
        # Parent company and its subsidiary, both managed by Anna.
        cls.acme = cls._account(
            "Acme Group",
            account_tier_id=cls.tier_key.id,
            account_manager_id=cls.user_manager.id,
        )
        cls.acme_sub = cls._account(
            "Acme Logistics",
            parent_id=cls.acme.id,
            account_manager_id=cls.user_manager.id,
        )
        cls.acme_contact = cls.env["res.partner"].create(
            {
                "name": "Alice Buyer",
                "parent_id": cls.acme.id,
                "email": "alice@acme.example.com",
            }
        )
        cls.sub_contact = cls.env["res.partner"].create(
            {
                "name": "Sven Shipper",
                "parent_id": cls.acme_sub.id,
                "email": "sven@acme-logistics.example.com",
            }
        )
        # A client of Bruno's, on whose team nobody else is.
        cls.globex = cls._account("Globex", account_manager_id=cls.user_manager2.id)
        cls.globex_contact = cls.env["res.partner"].create(
            {
                "name": "Gina Globex",
                "parent_id": cls.globex.id,
                "email": "gina@globex.example.com",
            }
        )

    @classmethod
    def _interaction(cls, partner, days_ago=0, itype=None, user=None, **vals):
        """A done interaction ``days_ago`` days before now, logged by ``user``
        (Anna by default)."""
        user = user or cls.user_manager
        values = {
            "partner_id": partner.id,
            "type_id": (itype or cls.type_call).id,
            "date": fields.Datetime.now() - timedelta(days=days_ago, minutes=1),
            "user_id": user.id,
            "company_id": cls.company.id,
            **vals,
        }
        return cls.Interaction.with_user(user).create(values)
