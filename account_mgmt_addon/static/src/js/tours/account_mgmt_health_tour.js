/** @odoo-module **/
// Copyright 2026 Account Management Add-on Developers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// An account manager opens the add-on (My Portfolio is its landing page), opens
// the red account of the test, logs a call and reads the health breakdown.
registry.category("web_tour.tours").add("account_mgmt_health_portfolio", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open Account Management",
            trigger: ".o_app[data-menu-xmlid='account_mgmt_addon.menu_root']",
            run: "click",
        },
        {
            content: "My Portfolio is the landing page, grouped by health",
            trigger: ".o_breadcrumb:contains('My Portfolio')",
        },
        {
            content: "Open the red account",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('Red')) " +
                ".o_kanban_record:contains('Tour Red Account')",
            run: "click",
        },
        {
            content: "The account opens",
            trigger: ".o_breadcrumb .active:contains('Tour Red Account')",
        },
        {
            content: "Go to the Account Management tab",
            trigger: ".o_notebook .nav-link:contains('Account Management')",
            run: "click",
        },
        {
            content: "The health is red before the call",
            trigger: "div[name='account_health'] .badge:contains('Red')",
        },
        {
            content: "Log a call",
            trigger: "button[name='action_log_interaction']",
            run: "click",
        },
        {
            content: "Say what the call was about",
            trigger: ".modal .o_field_widget[name='subject'] input",
            run: "edit Payment plan agreed",
        },
        {
            content: "It was a call",
            trigger: ".modal .o_field_widget[name='type_id'] input",
            run: "edit Call",
        },
        {
            content: "Pick the Call type",
            trigger: ".o-autocomplete--dropdown-item a:contains('Call')",
            run: "click",
        },
        {
            content: "The client was positive",
            trigger: ".modal .o_field_widget[name='sentiment'] input[data-value='positive']",
            run: "click",
        },
        {
            content: "Save the call",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "The breakdown shows the fresh contact",
            trigger:
                "div[name='account_health'] .o_data_row:contains('Contact Recency')" +
                ":contains('0 days since the last contact')",
        },
        {
            content: "and the sentiment of the call",
            trigger:
                "div[name='account_health'] .o_data_row:contains('Sentiment')" +
                ":contains('1 positive')",
        },
    ],
});
