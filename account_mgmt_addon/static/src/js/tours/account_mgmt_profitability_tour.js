/** @odoo-module **/
// Copyright 2026 Account Management Add-on Developers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// Finance opens Client Profitability (the test opens the pivot), drills into the
// breakdown of an account's figure, then exports the report to XLSX.
registry.category("web_tour.tours").add("account_mgmt_profitability_finance", {
    steps: () => [
        {
            content: "Click the revenue of the account",
            trigger:
                ".o_pivot table tbody tr:has(th:contains('Tour Profit Account')) " +
                "td.o_pivot_cell_value:not(:empty)",
            run: "click",
        },
        {
            content: "The breakdown of the figure, grouped by kind of line",
            trigger: ".o_list_view .o_group_name:contains('Revenue Line')",
        },
        {
            content: "Open the Reporting menu",
            trigger: ".o_menu_sections button:contains('Reporting')",
            run: "click",
        },
        {
            content: "Export Profitability",
            trigger: ".dropdown-item:contains('Export Profitability')",
            run: "click",
        },
        {
            content: "Export XLSX",
            trigger: ".modal button[name='action_export_xlsx']",
            run: "click",
        },
        {
            // report_xlsx downloads the file and leaves the dialog open.
            content: "The export ran without an error dialog",
            trigger:
                "body:not(:has(.o_error_dialog)) " +
                ".modal button[name='action_export_xlsx']:enabled",
        },
    ],
});
