/** @odoo-module **/
// Copyright 2026 Account Management Add-on Developers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// An account manager writes a plan (the test opens a new plan form): the account,
// one objective, one stakeholder, then submits it for approval.
registry.category("web_tour.tours").add("account_mgmt_plan_submit", {
    steps: () => [
        {
            content: "Name the plan",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit Tour Plan Account FY",
        },
        {
            content: "Choose the account",
            trigger: ".o_form_view .o_field_widget[name='partner_id'] input",
            run: "edit Tour Plan Account",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour Plan Account')",
            run: "click",
        },
        // The plan is not saved yet: the objective dialog must work all the same.
        {
            content: "Open the Objectives tab",
            trigger: ".o_notebook .nav-link:contains('Objectives')",
            run: "click",
        },
        {
            content: "Add an objective",
            trigger: "div[name='objective_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".modal .o_field_widget[name='name'] input",
            run: "edit Grow revenue",
        },
        {
            content: "Target",
            trigger: ".modal .o_field_widget[name='target'] input",
            run: "edit 50000",
        },
        {
            content: "Save the objective",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The objective is listed",
            trigger: "div[name='objective_ids'] .o_data_row:contains('Grow revenue')",
        },
        {
            content: "Open the Stakeholders tab",
            trigger: ".o_notebook .nav-link:contains('Stakeholders')",
            run: "click",
        },
        {
            content: "Add a stakeholder",
            trigger: "div[name='stakeholder_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The buyer",
            trigger:
                "div[name='stakeholder_ids'] .o_data_row " +
                ".o_field_widget[name='contact_id'] input",
            run: "edit Tour Buyer",
        },
        {
            content: "Pick her",
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour Buyer')",
            run: "click",
        },
        {
            content: "Submit for approval (saves the plan first)",
            trigger: ".o_form_statusbar button[name='action_submit']",
            run: "click",
        },
        {
            content: "The plan is submitted",
            trigger:
                ".o_statusbar_status " +
                "button.o_arrow_button_current[data-value='submitted']",
        },
    ],
});

// A director approves a submitted plan (the test opens it).
registry.category("web_tour.tours").add("account_mgmt_plan_approve", {
    steps: () => [
        {
            content: "Approve",
            trigger: ".o_form_statusbar button[name='action_approve']",
            run: "click",
        },
        {
            content: "The plan is approved",
            trigger:
                ".o_statusbar_status " +
                "button.o_arrow_button_current[data-value='approved']",
        },
    ],
});
