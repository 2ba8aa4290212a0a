# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class ResCurrency(models.Model):
    _inherit = "res.currency"

    @api.model
    def _get_simple_currency_table(self, companies) -> SQL:
        """Core's currency table without its temporary table (see
        ``_account_mgmt_currency_table``), at core's date: the invoice analysis
        behind the partner form's "Invoiced" (and sales and purchase analyses)
        then reads in a read-only transaction too, in several currencies."""
        return self._account_mgmt_currency_values(companies, fields.Date.today())

    @api.model
    def _account_mgmt_currency_table(self, companies) -> SQL:
        """Core's simple currency table (``_get_simple_currency_table``: the
        current rate of each company's currency in the current company's) as an
        inline ``VALUES`` list, to join as ``account_currency_table``; "today" is
        the user's.

        Core builds it as a temporary table when the companies have several
        currencies: a write, which a read replica refuses (PostgreSQL hot
        standbys and read-only transactions create no table), so Odoo would
        replay the request on the primary. The rates are read with core's own
        query (``_get_table_builder_current``) and inlined: same figures, and the
        reports stay read-only.
        """
        return self._account_mgmt_currency_values(
            companies, fields.Date.context_today(self)
        )

    @api.model
    def _account_mgmt_currency_values(self, companies, date) -> SQL:
        if self._check_currency_table_monocurrency(companies):
            return self._get_monocurrency_currency_table_sql(companies)
        main_company = self.env.company
        domestic = companies.filtered(
            lambda company: company.currency_id == main_company.currency_id
        )
        rates = [(company.id, 1) for company in domestic]
        others = companies - domestic
        if others:
            currency = main_company.currency_id
            unit_factor = currency._get_rates(main_company, date)[currency.id]
            self.env.cr.execute(
                self._get_table_builder_current(
                    None, main_company, others, date, unit_factor
                )
            )
            rates += [(row[0], row[5]) for row in self.env.cr.fetchall()]
        values = SQL(", ").join(
            SQL(
                "(%s, CAST(NULL AS VARCHAR), CAST(NULL AS DATE), CAST(NULL AS DATE),"
                " 'current', %s::numeric)",
                company_id,
                rate,
            )
            for company_id, rate in rates
        )
        return SQL(
            "(VALUES %s) AS account_currency_table"
            "(company_id, period_key, date_from, date_next, rate_type, rate)",
            values,
        )
