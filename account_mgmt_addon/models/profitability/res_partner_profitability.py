# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Profitability and receivable figures of an account, on the partner form.

Read from the two report models with the reader's rights (their record rules
decide who sees what). Figures are those of the commercial entity, in the current
company's currency, over the companies selected in the company switcher. Other
features (the health score) read ``account_open_receivable``,
``account_overdue_amount``, ``account_oldest_overdue_days`` and ``account_dso``:
a scheduled computation should read them as superuser to see every account.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ...reports.account_mgmt_receivable_report import DSO_DAYS
from ...tools.groups import GROUP_DIRECTOR, GROUP_FINANCE, GROUP_MANAGER

FIGURE_GROUPS = f"{GROUP_MANAGER},{GROUP_FINANCE}"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Profitability of the months of the account figures (the last 12 months:
    # see res.partner._account_mgmt_figures_period)
    account_profit_visible = fields.Boolean(
        compute="_compute_account_profitability",
        groups=FIGURE_GROUPS,
        help="The current user may read the profitability of the account.",
    )
    account_profit_revenue = fields.Monetary(
        string="Revenue (T12M)",
        currency_field="account_mgmt_currency_id",
        compute="_compute_account_profitability",
        groups=FIGURE_GROUPS,
        help="Posted customer invoices and sales receipts less credit notes, "
        "untaxed, of the 12 complete calendar months before the current one.",
    )
    account_profit_gross_margin = fields.Monetary(
        string="Gross Margin (T12M)",
        currency_field="account_mgmt_currency_id",
        compute="_compute_account_profitability",
        groups=FIGURE_GROUPS,
        help="Revenue less the cost of goods sold, valued at posting.",
    )
    account_profit_net_contribution = fields.Monetary(
        string="Net Contribution (T12M)",
        currency_field="account_mgmt_currency_id",
        compute="_compute_account_profitability",
        groups=FIGURE_GROUPS,
        help="Gross margin less direct and allocated cost-to-serve.",
    )
    account_profit_margin_percent = fields.Float(
        string="Margin % (T12M)",
        digits=(16, 2),
        compute="_compute_account_profitability",
        groups=FIGURE_GROUPS,
    )
    # Receivables
    account_receivable_visible = fields.Boolean(
        compute="_compute_account_receivables",
        groups=FIGURE_GROUPS,
        help="The current user may read the receivables of the account.",
    )
    account_open_receivable = fields.Monetary(
        string="Open Receivable",
        currency_field="account_mgmt_currency_id",
        compute="_compute_account_receivables",
        groups=FIGURE_GROUPS,
        help="Sum of the open items of posted entries: invoices less unapplied "
        "credit notes and payments.",
    )
    account_overdue_amount = fields.Monetary(
        string="Overdue",
        currency_field="account_mgmt_currency_id",
        compute="_compute_account_receivables",
        groups=FIGURE_GROUPS,
        help="What is past due less the unapplied credit notes and payments, "
        "never more than the open receivable and never negative.",
    )
    account_unapplied_credits = fields.Monetary(
        string="Unapplied Credits",
        currency_field="account_mgmt_currency_id",
        compute="_compute_account_unapplied_credits",
        groups=FIGURE_GROUPS,
        help="Open credit notes and payments not applied to an invoice yet (a "
        "negative amount): they are deducted from what is past due.",
    )
    account_oldest_overdue_days = fields.Integer(
        string="Oldest Overdue (Days)",
        compute="_compute_account_receivables",
        groups=FIGURE_GROUPS,
        help="Days past due of the oldest item still overdue once the unapplied "
        "credits are applied to the most recent past-due items.",
    )
    account_dso = fields.Float(
        string="DSO, Last 90 Days",
        digits=(16, 1),
        compute="_compute_account_receivables",
        groups=FIGURE_GROUPS,
        help="Days sales outstanding over the last 90 days: open receivable / sales "
        "of the last 90 days x 90, both tax included (sales: posted customer "
        "invoices and sales receipts less credit notes). Blank when the account "
        "had no sales in the last 90 days. Accounting's own \"Days Sales "
        'Outstanding (DSO)" on the partner divides by every sale since the first '
        "invoice and multiplies by the days since then: a lifetime average.",
    )
    account_dso_defined = fields.Boolean(
        compute="_compute_account_receivables",
        groups=FIGURE_GROUPS,
        help="The account had sales in the last 90 days, so its DSO means something.",
    )
    account_mgmt_overdue_ids = fields.Many2many(
        comodel_name="account_mgmt.receivable.report",
        string="Overdue Items",
        compute="_compute_account_mgmt_overdue_ids",
        groups=FIGURE_GROUPS,
    )

    @api.depends_context("uid", "company", "allowed_company_ids")
    def _compute_account_profitability(self):
        self.account_profit_visible = False
        self.account_profit_revenue = 0.0
        self.account_profit_gross_margin = 0.0
        self.account_profit_net_contribution = 0.0
        self.account_profit_margin_percent = 0.0
        report = self.env["account_mgmt.profitability.report"]
        if not report.has_access("read"):
            return
        visible = self._account_mgmt_visible_accounts("profitability")
        figures = report._get_account_figures(
            visible, *self._account_mgmt_figures_period()
        )
        for partner in self:
            account = partner.commercial_partner_id
            if account._origin not in visible:
                continue
            values = figures.get(account._origin.id, {})
            revenue = values.get("revenue", 0.0)
            partner.account_profit_visible = True
            partner.account_profit_revenue = revenue
            partner.account_profit_gross_margin = values.get("gross_margin", 0.0)
            partner.account_profit_net_contribution = values.get(
                "net_contribution", 0.0
            )
            partner.account_profit_margin_percent = (
                100.0 * values["gross_margin"] / revenue if revenue else 0.0
            )

    @api.depends_context("uid", "company", "allowed_company_ids")
    def _compute_account_receivables(self):
        self.account_receivable_visible = False
        self.account_open_receivable = 0.0
        self.account_overdue_amount = 0.0
        self.account_oldest_overdue_days = 0
        self.account_dso = 0.0
        self.account_dso_defined = False
        report = self.env["account_mgmt.receivable.report"]
        if not report.has_access("read"):
            return
        visible = self._account_mgmt_visible_accounts("receivables")
        figures = report._get_account_figures(visible)
        sales = report._get_recent_sales(visible.filtered(lambda p: p.id in figures))
        for partner in self:
            account = partner.commercial_partner_id._origin
            if account not in visible:
                continue
            residual, overdue, days = figures.get(account.id, (0.0, 0.0, 0))
            partner.account_receivable_visible = True
            partner.account_open_receivable = residual
            partner.account_overdue_amount = overdue
            partner.account_oldest_overdue_days = days
            recent = sales.get(account.id, 0.0)
            if recent > 0:
                partner.account_dso_defined = True
                partner.account_dso = residual / recent * DSO_DAYS

    @api.depends_context("uid", "company", "allowed_company_ids")
    def _compute_account_unapplied_credits(self):
        # Its own compute: only the payment reminder reads it, the form does not
        # pay for one more query.
        self.account_unapplied_credits = 0.0
        report = self.env["account_mgmt.receivable.report"]
        if not report.has_access("read"):
            return
        visible = self._account_mgmt_visible_accounts("receivables")
        credits = dict(
            report._read_group(
                [
                    ("partner_id", "in", visible.ids),
                    ("aging_bucket", "=", "00_credits"),
                ],
                ["partner_id"],
                ["amount_residual:sum"],
            )
        )
        for partner in self:
            account = partner.commercial_partner_id._origin
            if account in visible:
                partner.account_unapplied_credits = credits.get(account, 0.0)

    @api.depends_context("uid", "company", "allowed_company_ids")
    def _compute_account_mgmt_overdue_ids(self):
        report = self.env["account_mgmt.receivable.report"]
        self.account_mgmt_overdue_ids = False
        if not report.has_access("read"):
            return
        accounts = self.commercial_partner_id._origin
        lines = report.search(
            [("partner_id", "in", accounts.ids), ("amount_overdue", ">", 0)],
            order="date_maturity, id",
        )
        for partner in self:
            partner.account_mgmt_overdue_ids = lines.filtered(
                lambda line, a=partner.commercial_partner_id._origin: (
                    line.partner_id == a
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    @api.readonly
    def action_open_account_profitability(self):
        """The profitability report filtered on the account."""
        self.ensure_one()
        self._account_mgmt_check_access("profitability")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_profitability_report_action"
        )
        action["context"] = {
            "search_default_partner_id": self.commercial_partner_id.id,
            "search_default_filter_last_12_months": 1,
        }
        return action

    @api.readonly
    def action_open_account_receivables(self):
        """The receivables report filtered on the account."""
        self.ensure_one()
        self._account_mgmt_check_access("receivables")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_receivable_report_action"
        )
        action["context"] = {"search_default_partner_id": self.commercial_partner_id.id}
        return action

    def action_send_payment_reminder(self):
        """Open the email to the account's invoicing contact listing its overdue
        items in Odoo's composer; once sent, it is logged as an outbound Email
        interaction."""
        self.ensure_one()
        account = self.commercial_partner_id
        account._account_mgmt_check_access("receivables")
        if not account.account_mgmt_overdue_ids:
            raise UserError(
                self.env._(
                    "%(account)s has no overdue invoice: there is nothing to remind.",
                    account=account.display_name,
                )
            )
        contact = self.browse(account.address_get(["invoice"])["invoice"])
        if not contact.email:
            raise UserError(
                self.env._(
                    "%(contact)s, the invoicing contact of %(account)s, has no email "
                    "address: add one before sending a reminder.",
                    contact=contact.display_name,
                    account=account.display_name,
                )
            )
        template = self.env.ref("account_mgmt_addon.mail_template_payment_reminder")
        # Odoo's composer, as for an invoice: the user reads the email (recipient,
        # overdue lines) before sending it; mail.compose.message logs it as an
        # interaction once sent (see wizards/mail_compose_message.py).
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send Payment Reminder"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": "res.partner",
                "default_res_ids": account.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "force_email": True,
                "account_mgmt_payment_reminder": True,
            },
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _account_mgmt_visible_accounts(self, figures):
        """Among the accounts of ``self``, those whose ``figures``
        ("profitability" or "receivables") the current user may read.

        Finance and directors read every account of their companies; account
        managers the accounts they manage or are in the team of (profitability
        only when the company allows it). The report rules enforce the same.
        """
        accounts = self.commercial_partner_id._origin
        user = self.env.user
        if (
            self.env.su
            or user.has_group(GROUP_FINANCE)
            or user.has_group(GROUP_DIRECTOR)
        ):
            return accounts
        if not user.has_group(GROUP_MANAGER):
            return accounts.browse()
        if (
            figures == "profitability"
            and not self.env.company.account_mgmt_managers_see_profitability
        ):
            return accounts.browse()
        team = {
            partner.id
            for [partner] in self.env["account_mgmt.team.member"]
            .sudo()  # the team of accounts the user may not read otherwise
            ._read_group(
                [("partner_id", "in", accounts.ids), ("user_id", "=", user.id)],
                ["partner_id"],
            )
        }
        return accounts.filtered(lambda p: p.account_manager_id == user or p.id in team)

    def _account_mgmt_check_access(self, figures):
        accounts = self.commercial_partner_id._origin
        if accounts - self._account_mgmt_visible_accounts(figures):
            if figures == "profitability":
                message = self.env._(
                    "Only finance, account directors and (when the company allows "
                    "it) the account's team read the profitability of %(account)s.",
                    account=accounts[:1].display_name,
                )
            else:
                message = self.env._(
                    "Only finance, account directors and the account's team handle "
                    "the receivables of %(account)s.",
                    account=accounts[:1].display_name,
                )
            raise AccessError(message)

    def _account_mgmt_log_reminder_interaction(self, message, contact):
        """Log the payment reminder as an outbound Email interaction."""
        self.ensure_one()
        if "account_mgmt.interaction" not in self.env:
            return
        email_type = (
            self.env["account_mgmt.interaction.type"]
            .sudo()
            .search(
                [
                    ("code", "=", "EMAIL"),
                    ("company_id", "in", [self.env.company.id, False]),
                ],
                order="company_id",
                limit=1,
            )
        )
        if not email_type:
            return
        vals = {
            "partner_id": self.id,
            "type_id": email_type.id,
            "direction": "outbound",
            "state": "done",
            "subject": message.subject or self.env._("Payment reminder"),
            "company_id": self.env.company.id,
            "mail_message_id": message.id,
        }
        if contact != self:
            vals["contact_ids"] = [fields.Command.link(contact.id)]
        # sudo: finance sends reminders without access to the interaction log; the
        # interaction is theirs (user_id) all the same.
        self.env["account_mgmt.interaction"].sudo().with_context(
            account_mgmt_no_summary=True
        ).create(dict(vals, user_id=self.env.user.id))
