# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Account Management",
    "summary": "Key-account tiers, interaction logs, account plans, health scores and "
    "client profitability from the real ledger",
    "version": "18.0.1.1.0",
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
        "report_xlsx",
    ],
    "data": [
        # security
        "security/account_mgmt_security.xml",
        "security/ir.model.access.csv",
        "security/account_mgmt_rules.xml",
        "security/account_mgmt_interaction_security.xml",
        "security/account_mgmt_health_security.xml",
        "security/account_mgmt_profitability_security.xml",
        "security/account_mgmt_plan_security.xml",
        "security/account_mgmt_access_security.xml",
        # data
        "data/account_mgmt_tier_data.xml",
        "data/account_mgmt_tier_cron.xml",
        "data/account_mgmt_interaction_data.xml",
        "data/account_mgmt_health_data.xml",
        "data/account_mgmt_profitability_mail_data.xml",
        "data/account_mgmt_profitability_data.xml",
        "data/account_mgmt_plan_data.xml",
        # views
        "views/account_mgmt_tier_views.xml",
        "views/account_mgmt_tier_history_views.xml",
        "wizards/account_mgmt_tier_recompute_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/account_mgmt_interaction_type_views.xml",
        "views/account_mgmt_interaction_views.xml",
        "views/res_partner_interaction_views.xml",
        "views/crm_lead_interaction_views.xml",
        "views/account_mgmt_health_views.xml",
        "views/account_mgmt_portfolio_views.xml",
        "reports/account_mgmt_profitability_report_views.xml",
        "reports/account_mgmt_receivable_report_views.xml",
        "reports/account_mgmt_profitability_templates.xml",
        "views/account_mgmt_cost_pool_views.xml",
        "views/res_partner_profitability_views.xml",
        "wizards/account_mgmt_profitability_export_views.xml",
        "views/account_mgmt_plan_views.xml",
        "views/account_mgmt_plan_objective_views.xml",
        "views/account_mgmt_plan_action_views.xml",
        "views/account_mgmt_plan_stakeholder_views.xml",
        "views/res_partner_plan_views.xml",
        "wizards/account_mgmt_plan_send_back_views.xml",
        "wizards/account_mgmt_settings_views.xml",
        "reports/account_mgmt_plan_report.xml",
        "views/account_mgmt_interaction_plan_views.xml",
        # menus last: they reference the actions above
        "views/account_mgmt_menus.xml",
    ],
    "demo": [
        "demo/account_mgmt_demo.xml",
        "demo/account_mgmt_tiers_demo.xml",
        "demo/account_mgmt_interaction_demo.xml",
        "demo/account_mgmt_profit_demo.xml",
        "demo/account_mgmt_plan_demo.xml",
        # last: scores the accounts the demo files above set up
        "demo/account_mgmt_health_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "account_mgmt_addon/static/src/interaction/**/*",
        ],
        # The pivot view is in the lazy bundle: so is its profitability variant.
        "web.assets_backend_lazy": [
            "account_mgmt_addon/static/src/profitability/**/*",
        ],
        "web.assets_tests": [
            "account_mgmt_addon/static/src/js/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
}
