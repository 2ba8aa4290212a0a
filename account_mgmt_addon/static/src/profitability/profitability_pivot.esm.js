/** @odoo-module **/
// Copyright 2026 Account Management Add-on Developers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// Pivot of the client profitability report: clicking a figure opens its
// breakdown (revenue lines with their cost of goods, COGS items, direct cost lines
// and allocations, summing to the figure) instead of the report rows.
import {PivotRenderer} from "@web/views/pivot/pivot_renderer";
import {pivotView} from "@web/views/pivot/pivot_view";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

export class ProfitabilityPivotRenderer extends PivotRenderer {
    setup() {
        super.setup();
        this.orm = useService("orm");
    }

    async openView(domain, views, context) {
        const action = await this.orm.call(
            this.model.metaData.resModel,
            "action_open_breakdown_domain",
            [domain],
            {context}
        );
        return this.actionService.doAction(action);
    }
}

export const profitabilityPivotView = {
    ...pivotView,
    Renderer: ProfitabilityPivotRenderer,
};

registry.category("views").add("account_mgmt_profitability_pivot", profitabilityPivotView);
