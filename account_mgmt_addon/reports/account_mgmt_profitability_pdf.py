# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

REVIEW_MONTHS = 12
REVIEW_INTERACTIONS = 10


class ReportClientProfitability(models.AbstractModel):
    """PDF "Client Profitability" (internal: costs and margins) of an export
    wizard's period, grouping and companies."""

    _name = "report.account_mgmt_addon.report_client_profitability"
    _description = "Client Profitability PDF"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["account_mgmt.profitability.export"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "account_mgmt.profitability.export",
            "docs": wizards,
            "figures": {wizard.id: wizard._get_lines() for wizard in wizards},
        }


class ReportAccountReview(models.AbstractModel):
    """PDF "Account Review" for the client: purchases by month and product
    category, open and overdue invoices, recent interactions. Never costs nor
    margins."""

    _name = "report.account_mgmt_addon.report_account_review"
    _description = "Account Review PDF"

    @api.model
    def _get_report_values(self, docids, data=None):
        accounts = self.env["res.partner"].browse(docids).commercial_partner_id
        # Only the account's team, directors and finance print it.
        accounts._account_mgmt_check_access("receivables")
        today = fields.Date.context_today(self)
        date_from = today.replace(day=1) - relativedelta(months=REVIEW_MONTHS - 1)
        purchases = self._get_purchases(accounts, date_from)
        open_items = (
            self.env["account_mgmt.receivable.report"]
            .sudo()  # access checked above; the items of every salesperson
            .search([("partner_id", "in", accounts.ids)], order="date_maturity, id")
        )
        return {
            "doc_ids": accounts.ids,
            "doc_model": "res.partner",
            "docs": accounts,
            "today": today,
            "date_from": date_from,
            "currency": self.env.company.currency_id,
            "purchases": purchases,
            "open_items": {
                account.id: open_items.filtered(lambda i, a=account: i.partner_id == a)
                for account in accounts
            },
            "interactions": self._get_interactions(accounts, date_from),
        }

    @api.model
    def _get_purchases(self, accounts, date_from):
        """Revenue per account by month and by product category, current company
        currency; by product when the account's purchases are all of one category
        (a table reading "All 100 %" tells the client nothing).

        :return: {account id: {"months": [(date, amount)], "categories":
            [(name, amount, share %)], "by_product": bool, "total": amount}}
        """
        report = self.env["account_mgmt.profitability.report"]
        report._flush_sources()
        self.env["product.template"].flush_model(["categ_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT src.partner_id,
                       date_trunc('month', src.date)::date,
                       category.id,
                       line.product_id,
                       SUM(src.revenue * account_currency_table.rate)
                  FROM (%(revenue_lines)s) src
                  JOIN account_move_line line ON line.id = src.aml_id
                  JOIN %(currency_table)s
                    ON account_currency_table.company_id = src.company_id
             LEFT JOIN product_product product ON product.id = line.product_id
             LEFT JOIN product_template template
                    ON template.id = product.product_tmpl_id
             LEFT JOIN product_category category ON category.id = template.categ_id
                 WHERE src.partner_id IN %(partner_ids)s
                   AND src.company_id IN %(company_ids)s
                   AND src.date >= %(date_from)s
              GROUP BY 1, 2, 3, 4
                """,
                revenue_lines=report._sql_revenue_lines(),
                currency_table=self.env["res.currency"]._account_mgmt_currency_table(
                    self.env.companies
                ),
                partner_ids=tuple(accounts.ids),
                company_ids=tuple(self.env.companies.ids),
                date_from=date_from,
            )
        )
        rows = self.env.cr.fetchall()
        categories = self.env["product.category"].browse(
            {row[2] for row in rows if row[2]}
        )
        products = self.env["product.product"].browse(
            {row[3] for row in rows if row[3]}
        )
        result = {}
        for account in accounts:
            account_rows = [row for row in rows if row[0] == account.id]
            by_product = len({row[2] for row in account_rows}) == 1
            months, groups = {}, {}
            for _partner_id, month, categ_id, product_id, amount in account_rows:
                months[month] = months.get(month, 0.0) + amount
                if by_product:
                    label = (
                        products.browse(product_id).display_name
                        if product_id
                        else self.env._("Other")
                    )
                else:
                    label = (
                        categories.browse(categ_id).display_name
                        if categ_id
                        else self.env._("Other")
                    )
                groups[label] = groups.get(label, 0.0) + amount
            total = sum(months.values())
            result[account.id] = {
                "months": sorted(months.items()),
                "categories": sorted(
                    (
                        (label, amount, 100.0 * amount / total if total else 0.0)
                        for label, amount in groups.items()
                    ),
                    key=lambda group: (-group[1], group[0]),
                ),
                "by_product": by_product,
                "total": total,
            }
        return result

    @api.model
    def _get_interactions(self, accounts, date_from):
        """The last done interactions of each account marked as shareable with
        the client (none by default: subjects are written for the team)."""
        if "account_mgmt.interaction" not in self.env:
            return {account.id: [] for account in accounts}
        interactions = (
            self.env["account_mgmt.interaction"]
            .sudo()  # access checked by the caller; the whole team's interactions
            .search(
                [
                    ("partner_id", "in", accounts.ids),
                    ("state", "=", "done"),
                    ("date", ">=", date_from),
                    ("type_id.counts_as_contact", "=", True),
                    ("client_visible", "=", True),
                ],
                order="date desc",
            )
        )
        return {
            account.id: interactions.filtered(lambda i, a=account: i.partner_id == a)[
                :REVIEW_INTERACTIONS
            ]
            for account in accounts
        }
