# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Users of the browser tours: one per role, in the main company."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user

GROUPS = {
    "manager": "account_mgmt_addon.group_account_manager",
    "director": "account_mgmt_addon.group_account_director",
    "finance": "account_mgmt_addon.group_account_finance",
}


class TourCommon(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")

    @classmethod
    def _tour_user(cls, login, role):
        return new_test_user(
            cls.env,
            login=login,
            name=login.replace("_", " ").title(),
            email=f"{login}@example.com",
            groups=f"base.group_user,{GROUPS[role]}",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
