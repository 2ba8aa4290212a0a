/** @odoo-module **/
// Copyright 2026 Account Management Add-on Developers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// Account manager: Reporting > Whitespace and Cross-sell, the stored figures of
// the period, the account's whitespace row with its expected value, "Create
// Opportunity" lands on the opportunity (tests/test_tour_whitespace.py).
const ROW = ".o_data_row:contains('Tour WS Account D'):contains('Tour WS C2')";

registry.category("web_tour.tours").add("account_mgmt_whitespace_manager", {
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Account Management app",
            trigger: ".o_app[data-menu-xmlid='account_mgmt_addon.menu_root']",
            run: "click",
        },
        {
            content: "Open the Reporting menu",
            trigger: ".o_menu_sections [data-menu-xmlid='account_mgmt_addon.menu_reporting']",
            run: "click",
        },
        {
            content: "Open Whitespace and Cross-sell",
            trigger:
                ".dropdown-item[data-menu-xmlid='account_mgmt_addon.menu_reporting_whitespace']",
            run: "click",
        },
        {
            content: "The screen names the period and when it was computed",
            trigger: ".o_breadcrumb .active:contains('Whitespace'):contains('computed'):not(:contains('live'))",
        },
        {
            content: "D's C2 whitespace: 3 of 3 peers buy it, median 4,000",
            trigger: `${ROW} td[name='expected_value']:contains('4,000.00')`,
        },
        {
            content: "Create the opportunity",
            trigger: `${ROW} button[name='action_create_opportunity']`,
            run: "click",
        },
        {
            content: "The opportunity's form opens",
            trigger:
                ".o_form_view .o_field_widget[name='name'] " +
                "textarea:value(Cross-sell Tour WS C2 to Tour WS Account D)",
        },
        {
            content: "Its expected revenue is the expected value",
            trigger: ".o_form_view .o_field_widget[name='expected_revenue'] input:value(4,000.00)",
        },
    ],
});
