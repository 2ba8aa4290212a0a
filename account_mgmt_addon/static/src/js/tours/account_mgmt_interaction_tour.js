/** @odoo-module **/
// Copyright 2026 Account Management Add-on Developers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The quick "Log Interaction" dialog: subject, type Call, save.
function logCall(subject) {
    return [
        {
            content: "Say what the call was about",
            trigger: ".modal .o_field_widget[name='subject'] input",
            run: `edit ${subject}`,
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
            content: "Save the call",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "The dialog closes",
            trigger: "body:not(:has(.modal))",
        },
    ];
}

// An account manager logs a call from the account's form (the test opens it).
registry.category("web_tour.tours").add("account_mgmt_interaction_partner", {
    steps: () => [
        {
            content: "Go to the Account Management tab",
            trigger: ".o_notebook .nav-link:contains('Account Management')",
            run: "click",
        },
        {
            content: "Log an interaction",
            trigger:
                "div[name='account_mgmt_interactions'] " +
                "button[name='action_log_interaction']",
            run: "click",
        },
        ...logCall("Quarterly review booked"),
        {
            content: "The call shows in the account's interactions",
            trigger:
                "div[name='interaction_ids'] " +
                ".o_data_row:contains('Quarterly review booked')",
        },
    ],
});

// An account manager logs a call from an opportunity (the test opens it).
registry.category("web_tour.tours").add("account_mgmt_interaction_lead", {
    steps: () => [
        {
            content: "Log an interaction from the opportunity",
            trigger:
                ".o_form_view .o_form_statusbar " +
                "button[name='action_log_interaction']",
            run: "click",
        },
        {
            content: "The dialog knows the opportunity",
            trigger: ".modal .o_field_widget[name='lead_id']:contains('Tour Renewal')",
        },
        ...logCall("Pricing discussed"),
        {
            content: "The opportunity counts one interaction",
            trigger:
                "button[name='action_view_interactions'] .o_stat_value:contains('1')",
        },
    ],
});
