# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Account Management",
    "summary": "Key-account tiers, interaction logs, account plans, health scores and "
    "client profitability from the real ledger",
    "version": "18.0.1.0.0",
    "category": "Sales/Account Management",
    "website": "https://github.com/account-mgmt-addon/account_mgmt_addon",
    "author": "Account Management Add-on Developers",
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": [
        "mail",
        "contacts",
        "account",
        "sale_management",
        "crm",
    ],
    "data": [
        # security
        "security/account_mgmt_security.xml",
        "security/ir.model.access.csv",
        "security/account_mgmt_rules.xml",
        # data
        "data/account_mgmt_tier_data.xml",
        # views
        "views/account_mgmt_tier_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        # menus last: they reference the actions above
        "views/account_mgmt_menus.xml",
    ],
    "demo": [
        "demo/account_mgmt_demo.xml",
    ],
    "assets": {},
}
