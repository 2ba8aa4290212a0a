# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import GROUP_DIRECTOR, GROUP_FINANCE, GROUP_MANAGER, AccountMgmtCommon


@tagged("post_install", "-at_install")
class TestInstall(AccountMgmtCommon):
    def test_module_installed(self):
        module = self.env["ir.module.module"].search(
            [("name", "=", "account_mgmt_addon")]
        )
        self.assertEqual(module.state, "installed")
        self.assertEqual(module.latest_version, "18.0.1.3.0")
        for dependency in ("mail", "contacts", "account", "sale_management", "crm"):
            self.assertIn(dependency, module.dependencies_id.mapped("name"))

    def test_group_chain(self):
        manager = self.env.ref(GROUP_MANAGER)
        director = self.env.ref(GROUP_DIRECTOR)
        finance = self.env.ref(GROUP_FINANCE)
        self.assertIn(manager, director.implied_ids)
        self.assertIn(
            self.env.ref("sales_team.group_sale_salesman"), manager.implied_ids
        )
        self.assertIn(
            self.env.ref("account.group_account_readonly"), finance.implied_ids
        )
        # The accounting administrator gets the finance role through implied groups.
        self.assertIn(
            finance, self.env.ref("account.group_account_manager").implied_ids
        )
        # A director is an account manager (implied), not a finance user.
        self.assertTrue(self.user_director.has_group(GROUP_MANAGER))
        self.assertFalse(self.user_director.has_group(GROUP_FINANCE))
        self.assertFalse(self.user_manager.has_group(GROUP_DIRECTOR))

    def _visible_menu_xmlids(self, user):
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        # The web client shows a menu only when its whole parent chain is visible.
        menus = {
            menu.id
            for menu in self.env["ir.ui.menu"].browse(visible)
            if all(
                int(pid) in visible for pid in menu.parent_path.split("/")[:-1] if pid
            )
        }
        data = self.env["ir.model.data"].search(
            [("module", "=", "account_mgmt_addon"), ("model", "=", "ir.ui.menu")]
        )
        return {d.name for d in data if d.res_id in menus}

    def test_menus_per_role(self):
        self.assertEqual(
            self._visible_menu_xmlids(self.user_plain),
            set(),
            "A user without the add-on's groups sees none of its menus",
        )
        manager_menus = self._visible_menu_xmlids(self.user_manager)
        self.assertIn("menu_root", manager_menus)
        self.assertIn("menu_accounts_all", manager_menus)
        self.assertNotIn("menu_config_tiers", manager_menus)
        director_menus = self._visible_menu_xmlids(self.user_director)
        self.assertTrue(
            {"menu_root", "menu_accounts_all", "menu_config_tiers"} <= director_menus
        )
        finance_menus = self._visible_menu_xmlids(self.user_finance)
        self.assertIn("menu_root", finance_menus)
        self.assertNotIn("menu_accounts_all", finance_menus)
        # Finance manages cost pools from Configuration, not tiers.
        self.assertIn("menu_config_cost_pools", finance_menus)
        self.assertNotIn("menu_config_tiers", finance_menus)
        self.assertNotIn("menu_config_cost_pools", manager_menus)

    def test_settings_defaults(self):
        company = self.env.company
        self.assertEqual(company.account_mgmt_default_cadence_days, 90)
        self.assertEqual(company.account_mgmt_health_green_min, 76)
        self.assertEqual(company.account_mgmt_health_amber_min, 51)
        self.assertFalse(company.account_mgmt_managers_see_profitability)
