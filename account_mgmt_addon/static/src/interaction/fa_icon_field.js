/** @odoo-module **/
// Copyright 2026 Account Management Add-on Developers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {Component} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

const ICON_CLASS = /^fa-[a-z0-9-]+$/;

/**
 * Read-only field showing a Font Awesome icon whose class is the value of a char
 * field (e.g. the icon of an interaction type in a timeline).
 */
export class AccountMgmtFaIconField extends Component {
    static template = "account_mgmt_addon.FaIconField";
    static props = {...standardFieldProps};

    get iconClass() {
        const value = this.props.record.data[this.props.name];
        return value && ICON_CLASS.test(value) ? value : "fa-comment-o";
    }
}

export const accountMgmtFaIconField = {
    component: AccountMgmtFaIconField,
    displayName: "Font Awesome Icon",
    supportedTypes: ["char"],
};

registry.category("fields").add("account_mgmt_fa_icon", accountMgmtFaIconField);
