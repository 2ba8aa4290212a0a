/** @odoo-module **/
// Copyright 2026 Account Management Add-on Developers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// Each role's daily journey (tests/test_tour_journeys.py opens the first page).

function checkValue(expected) {
    return function () {
        if (this.anchor.value !== expected) {
            throw new Error(`Expected "${expected}", found "${this.anchor.value}"`);
        }
    };
}

// From Odoo's home screen, the Account Management app opens the role's landing page.
function openApp(landing) {
    return [
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
            content: `The app lands on ${landing}`,
            trigger: `.o_breadcrumb .active:contains('${landing}')`,
        },
    ];
}

// Account manager: lands on My Portfolio, logs a visit from the account's card.
registry.category("web_tour.tours").add("account_mgmt_journey_manager_portfolio", {
    steps: () => [
        ...openApp("My Portfolio"),
        {
            content: "The account's full name is on its card, not cut (1,440 px wide)",
            trigger: ".o_kanban_record:contains('Tour Journey Account International')",
            run() {
                for (const name of document.querySelectorAll(
                    ".o_kanban_record .o_field_widget[name='display_name']"
                )) {
                    if (name.scrollWidth > name.clientWidth) {
                        throw new Error(`Card name cut: ${name.textContent}`);
                    }
                }
            },
        },
        {
            content: "Log an interaction from the card",
            trigger:
                ".o_kanban_record:contains('Tour Journey Account International') " +
                "button[name='action_log_interaction']",
            run: "click",
        },
        {
            content: "The dialog proposes a type",
            trigger: ".modal .o_field_widget[name='type_id'] input",
            run: checkValue("Call"),
        },
        {
            content: "Satisfaction is asked with stars",
            trigger:
                ".modal .o_field_widget[name='satisfaction_stars'] " +
                ".o_priority_star[aria-label='Happy']",
            run: "click",
        },
        {
            content: "Say what it was about",
            trigger: ".modal .o_field_widget[name='subject'] input",
            run: "edit Renewal call",
        },
        {
            content: "Save",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "The dialog closes",
            trigger: "body:not(:has(.modal))",
        },
    ],
});

// Account manager: a row of the Interactions list opens the interaction's form.
registry.category("web_tour.tours").add("account_mgmt_journey_manager_interactions", {
    steps: () => [
        {
            content: "Click the interaction's row",
            trigger: ".o_list_view .o_data_row:contains('Renewal call') td.o_data_cell",
            run: "click",
        },
        {
            content: "Its form opens (no inline editing)",
            trigger: ".o_form_view .o_field_widget[name='subject'] input",
            run: checkValue("Renewal call"),
        },
        {
            content: "Four stars of satisfaction",
            trigger:
                ".o_form_view .o_field_widget[name='satisfaction_stars'] " +
                ".o_priority_star[aria-label='Happy'].fa-star",
        },
    ],
});

// Account manager: "Log Interaction" in the header of the partner form.
registry.category("web_tour.tours").add("account_mgmt_journey_manager_partner", {
    steps: () => [
        {
            content: "Log an interaction from the form's header",
            trigger: ".o_form_statusbar button[name='action_log_interaction']",
            run: "click",
        },
        {
            content: "The dialog is for the account",
            trigger: ".modal .o_field_widget[name='partner_id'] input",
            run: checkValue("Tour Journey Account International"),
        },
        {
            content: "Discard",
            trigger: ".modal .modal-footer .o_form_button_cancel",
            run: "click",
        },
        {
            content: "The dialog closes",
            trigger: "body:not(:has(.modal))",
        },
    ],
});

// Director: lands on the team overview (health by tier and band).
registry.category("web_tour.tours").add("account_mgmt_journey_director_landing", {
    steps: () => [
        ...openApp("Team Overview"),
        {
            content: "Health by tier and band",
            trigger: ".o_field_widget[name='tier_line_ids'] .o_data_row",
        },
        {
            content: "Workload per person",
            trigger: ".o_field_widget[name='workload_line_ids'] .o_list_table",
        },
    ],
});

// A cell of a line of the Team Overview: the line whose first cell reads `row`.
function cell(lines, row, fname) {
    return (
        `.o_field_widget[name='${lines}'] .o_data_row:has(td:first-child:contains('${row}')) ` +
        `td[name='${fname}']`
    );
}

function expectCells(lines, row, figures) {
    return Object.entries(figures).map(([fname, value]) => ({
        content: `${row}: ${fname} is ${value}`,
        trigger: cell(lines, row, fname),
        run() {
            const text = this.anchor.textContent.trim();
            if (text !== value) {
                throw new Error(`${row} ${fname}: expected ${value}, found ${text}`);
            }
        },
    }));
}

// Director of a company of their own (tests/test_tour_journeys.py sets its
// figures): lands on the Team Overview and reads the counts, then opens a
// person's workload.
registry.category("web_tour.tours").add("account_mgmt_journey_director_overview", {
    steps: () => [
        ...openApp("Team Overview"),
        ...expectCells("tier_line_ids", "Key", {
            green_count: "1",
            amber_count: "0",
            red_count: "1",
            account_count: "2",
        }),
        ...expectCells("tier_line_ids", "No Tier", {
            green_count: "0",
            amber_count: "1",
            red_count: "0",
            account_count: "1",
        }),
        ...expectCells("workload_line_ids", "Overview Manager One", {
            account_count: "2",
            at_risk_count: "1",
            contact_overdue_count: "1",
            missing_plan_count: "0",
            off_track_count: "0",
            to_approve_count: "1",
        }),
        ...expectCells("workload_line_ids", "Overview Manager Two", {
            account_count: "1",
            at_risk_count: "0",
            contact_overdue_count: "0",
            missing_plan_count: "1",
            off_track_count: "0",
            to_approve_count: "0",
        }),
        {
            content: "Stat buttons: 3 accounts, 1 at risk, 1 overdue contact, 1 plan",
            trigger:
                ".o-form-buttonbox button[name='action_open_health_overview'] .o_stat_value:contains('3')" +
                "",
        },
        {
            trigger: ".o-form-buttonbox button[name='action_open_at_risk'] .o_stat_value:contains('1')",
        },
        {
            trigger:
                ".o-form-buttonbox button[name='action_open_to_approve'] .o_stat_value:contains('1')",
        },
        {
            content: "Open the first manager's plan to approve",
            trigger:
                ".o_field_widget[name='workload_line_ids'] .o_data_row:has(td:contains('Overview Manager One')) button[name='action_open_to_approve']",
            run: "click",
        },
        {
            content: "The plan waiting for approval",
            trigger: ".o_list_view .o_data_row td:contains('Overview Plan')",
        },
        {
            content: "Back to the overview",
            trigger: ".o_breadcrumb a:contains('Team Overview')",
            run: "click",
        },
        {
            content: "Its figures again",
            trigger: cell("workload_line_ids", "Overview Manager One", "to_approve_count"),
        },
    ],
});

// Director: the submitted plan waits for them as a to-do; they approve it.
registry.category("web_tour.tours").add("account_mgmt_journey_director_plan", {
    steps: () => [
        {
            content: "Open the objectives",
            trigger: ".o_notebook .nav-link:contains('Objectives')",
            run: "click",
        },
        {
            content: "An objective at 200 %: its progress bar is full and green",
            trigger: ".o_field_widget[name='progress'] .o_progress > div.bg-success",
            run() {
                const bar = this.anchor;
                const track = bar.parentElement;
                if (bar.offsetWidth < track.clientWidth) {
                    throw new Error(
                        `Bar ${bar.offsetWidth} px of ${track.clientWidth} px`
                    );
                }
            },
        },
        {
            content: "The approval to-do is on the plan",
            trigger: ".o-mail-Activity:contains('Approve the account plan')",
        },
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
        {
            content: "The to-do is done",
            trigger:
                "body:not(:has(.o-mail-Activity:contains('Approve the account plan')))",
        },
    ],
});

// Director: tiers are recomputed only after a confirmation; the preview's day
// can be changed.
registry.category("web_tour.tours").add("account_mgmt_journey_director_tiers", {
    steps: () => [
        {
            content: "Recompute Tiers from the accounts list",
            trigger:
                ".o_control_panel button[name='action_account_mgmt_recompute_tiers']",
            run: "click",
        },
        {
            content: "Odoo asks first",
            trigger:
                ".modal .modal-body:contains('Recompute the tier of every account')",
        },
        {
            content: "Cancel",
            trigger: ".modal .modal-footer button:contains('Cancel')",
            run: "click",
        },
        {
            content: "Nothing happened",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Preview the tier changes",
            trigger:
                ".o_control_panel button[name='action_account_mgmt_preview_tiers']",
            run: "click",
        },
        {
            content: "Preview the figures of another day",
            trigger: ".modal .o_field_widget[name='date'] input",
            run: "edit 01/31/2025",
        },
        {
            content: "Leave the field",
            trigger: ".modal .o_field_widget[name='account_count']",
            run: "click",
        },
        {
            content: "The preview is on that day",
            trigger: ".modal .o_field_widget[name='date'] input",
            run: checkValue("01/31/2025"),
        },
        {
            content: "Apply",
            trigger: ".modal .modal-footer button[name='action_apply']",
            run: "click",
        },
        {
            content: "Odoo asks first",
            trigger: ".modal .modal-body:contains('Apply these tier changes')",
        },
        {
            content: "Cancel",
            trigger:
                ".modal:has(.modal-body:contains('Apply these tier changes')) " +
                ".modal-footer button:contains('Cancel')",
            run: "click",
        },
        {
            content: "The preview is still open",
            trigger:
                "body:not(:has(.modal-body:contains('Apply these tier changes'))) " +
                ".modal .o_field_widget[name='account_count']",
        },
        {
            content: "Close the preview without applying",
            trigger: ".modal .modal-footer button[special='cancel']",
            run: "click",
        },
        {
            content: "The preview is closed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});

// Finance: lands on Client Profitability.
registry.category("web_tour.tours").add("account_mgmt_journey_finance_landing", {
    steps: () => [
        ...openApp("Client Profitability"),
        {
            content: "The profitability pivot",
            trigger: ".o_pivot table",
        },
    ],
});

// Finance: a row of "Who makes us money" opens the account's breakdown.
registry.category("web_tour.tours").add("account_mgmt_journey_finance_ranking", {
    steps: () => [
        {
            content: "Rank the accounts",
            trigger: ".modal .modal-footer button[name='action_rank_accounts']",
            run: "click",
        },
        {
            content: "Open the account's row",
            trigger:
                ".o_list_view .o_data_row:contains('Tour Journey Finance') td.o_data_cell",
            run: "click",
        },
        {
            content: "Its breakdown opens: one revenue line",
            trigger: ".o_list_view .o_group_header:contains('Revenue Line (1)')",
            run: "click",
        },
        {
            content: "The invoice's line",
            trigger: ".o_list_view .o_data_row:contains('Tour journey consulting')",
        },
    ],
});

// Finance: the payment reminder opens in Odoo's composer before it is sent.
registry.category("web_tour.tours").add("account_mgmt_journey_finance_reminder", {
    steps: () => [
        {
            content: "Go to the Account Management tab",
            trigger: ".o_notebook .nav-link:contains('Account Management')",
            run: "click",
        },
        {
            content: "Send a payment reminder",
            trigger: "button[name='action_send_payment_reminder']",
            run: "click",
        },
        {
            content: "The composer shows the recipient",
            trigger:
                ".modal .o_field_widget[name='partner_ids']:contains('Tour Journey Billing')",
        },
        {
            content: "and the overdue invoices",
            trigger:
                ".modal .o_field_widget[name='body']:contains('the following invoices are overdue')",
        },
        {
            content: "Send",
            trigger: ".modal button.o_mail_send:contains('Send')",
            run: "click",
        },
        {
            content: "The composer closes",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
