# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..models.ledger.account_move_line import INCOME_ACCOUNT_TYPES
from ..tools import pg_triggers
from ..tools.jobs import SUMMARY_BATCH_SIZE, batch_size, notify_progress
from . import profitability_summary as summary_sql

_logger = logging.getLogger(__name__)

# Percentages are ratios of sums: {field: (numerator, denominator)}.
RATIO_FIELDS = {
    "margin_percent": ("gross_margin", "revenue"),
    "net_margin_percent": ("net_contribution", "revenue"),
}


class AccountMgmtProfitabilityReport(models.Model):
    """Client profitability from the ledger: one row per account, month, company.

    Sources, added up per row (see ``_sql_sources``):

    - revenue and cost of goods sold: the sales lines and their cost, as
      ``account.move.line._account_mgmt_sales_sql`` defines them (posted customer
      invoices, credit notes and sales receipts; unit cost captured at posting, or
      the anglo-saxon COGS items when the company posts them);
    - direct cost: analytic lines on analytic accounts whose customer is the
      account (vendor bills, expenses, timesheets), revenue and COGS lines apart;
    - allocated cost: cost pool allocations.

    Amounts are converted to the current company's currency at today's rate when
    several companies of different currencies are selected (as core's invoice
    analysis does).
    """

    _name = "account_mgmt.profitability.report"
    _inherit = ["account_mgmt.grouped.report.mixin"]
    _account_mgmt_ratio_fields = RATIO_FIELDS
    _description = "Client Profitability"
    _auto = False
    _rec_name = "partner_id"
    _order = "date desc, net_contribution desc"

    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Account", readonly=True
    )
    date = fields.Date(string="Month", readonly=True)
    company_id = fields.Many2one(
        comodel_name="res.company", string="Company", readonly=True
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency", string="Currency", readonly=True
    )
    account_tier_id = fields.Many2one(
        comodel_name="account_mgmt.tier", string="Tier", readonly=True
    )
    account_manager_id = fields.Many2one(
        comodel_name="res.users", string="Account Manager", readonly=True
    )
    country_id = fields.Many2one(
        comodel_name="res.country", string="Country", readonly=True
    )
    industry_id = fields.Many2one(
        comodel_name="res.partner.industry", string="Industry", readonly=True
    )
    parent_group_id = fields.Many2one(
        comodel_name="res.partner",
        string="Group",
        readonly=True,
        help="The top parent company of the account (the account itself when it "
        "has no parent): grouping by it adds subsidiaries to their group.",
    )
    revenue = fields.Monetary(readonly=True, aggregator="sum")
    cogs = fields.Monetary(string="Cost of Goods Sold", readonly=True)
    gross_margin = fields.Monetary(readonly=True)
    margin_percent = fields.Float(
        string="Margin (%)",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="Gross margin / revenue of the rows grouped (a ratio of sums).",
    )
    direct_cost = fields.Monetary(
        readonly=True,
        help="Posted costs on analytic accounts whose customer is the account.",
    )
    allocated_cost = fields.Monetary(
        readonly=True, help="The account's share of the allocated cost pools."
    )
    net_contribution = fields.Monetary(readonly=True)
    net_margin_percent = fields.Float(
        string="Net Margin (%)",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="Net contribution / revenue of the rows grouped (a ratio of sums).",
    )

    _depends = {
        "account.move": ["move_type", "commercial_partner_id", "state"],
        "account.move.line": [
            "move_id",
            "account_id",
            "balance",
            "quantity",
            "date",
            "company_id",
            "company_currency_id",
            "display_type",
            "parent_state",
            "product_id",
            "account_mgmt_unit_cost",
        ],
        "account.account": ["account_type"],
        "account.analytic.line": [
            "account_id",
            "amount",
            "date",
            "company_id",
            "general_account_id",
            "move_line_id",
        ],
        "account.analytic.account": ["partner_id"],
        "product.product": ["standard_price", "product_tmpl_id"],
        "product.template": ["uom_id"],
        "account_mgmt.cost.allocation": ["partner_id", "date", "company_id", "amount"],
        "res.partner": [
            "account_group_id",
            "commercial_partner_id",
            "account_tier_id",
            "account_manager_id",
            "country_id",
            "industry_id",
        ],
    }

    @property
    def _table_query(self) -> SQL:
        return SQL("%s %s", self._select(), self._from())

    def init(self):
        res = super().init()
        summary_sql.create_summary(self.env.cr)
        return res

    # ------------------------------------------------------------------
    # Monthly summary (see profitability_summary)
    # ------------------------------------------------------------------

    @api.model
    def _check_summary_access(self):
        if not self.env.is_superuser():
            raise AccessError(
                _("Only the system refreshes the client profitability summary.")
            )

    @api.model
    def _refresh_summary(self):
        """Recompute the months listed as changed into the summary.

        Returns the number of months recomputed, or None when another refresh is
        running (it will do the work). Reading the report never needs this (it
        reads the ledger for those months); it makes the next reads faster.
        """
        result = self._refresh_summary_batch()
        return result and result[0]

    @api.model
    def _refresh_summary_batch(self, limit=None):
        """Recompute the first ``limit`` months (company and month, in that
        order) listed as changed into the summary (all of them without
        ``limit``), and take them off the list.

        :return: ``(months recomputed, months still listed)``, or None when
            another refresh is running (it will do the work)
        """
        self._check_summary_access()
        cr = self.env.cr
        cr.execute(
            SQL("SELECT pg_try_advisory_xact_lock(%s)", summary_sql.REFRESH_LOCK)
        )
        if not cr.fetchone()[0]:
            return None
        self._flush_sources()
        dirty_ids, months, remaining, company_ids = pg_triggers.take_listed_months(
            cr, summary_sql.DIRTY_TABLE, limit
        )
        if not dirty_ids:
            return 0, 0
        cr.execute(
            SQL(
                """
                CREATE TEMPORARY TABLE account_mgmt_refresh_months ON COMMIT DROP AS
                SELECT DISTINCT company_id, month
                  FROM %(dirty)s
                 WHERE id = ANY(%(ids)s);
                ANALYZE account_mgmt_refresh_months;
                DELETE FROM %(summary)s summary
                 USING account_mgmt_refresh_months months
                 WHERE summary.company_id = months.company_id
                   AND summary.date = months.month;
                INSERT INTO %(summary)s (partner_id, date, company_id, revenue, cogs,
                                         direct_cost, allocated_cost)
                %(live)s;
                DELETE FROM %(dirty)s WHERE id = ANY(%(ids)s);
                DROP TABLE account_mgmt_refresh_months;
                """,
                dirty=SQL.identifier(summary_sql.DIRTY_TABLE),
                summary=SQL.identifier(summary_sql.SUMMARY_TABLE),
                ids=dirty_ids,
                live=self.with_context(
                    allowed_company_ids=company_ids
                )._sql_live_grouped(SQL("account_mgmt_refresh_months")),
            )
        )
        _logger.info(
            "Client profitability summary: %s month(s) refreshed, %s listed",
            months,
            remaining,
        )
        return months, remaining

    @api.model
    def _rebuild_summary(self, refresh=True):
        """List every month with data as changed, and refresh them (unless
        ``refresh`` is False: the cron will).

        For data loaded with the triggers off (``session_replication_role =
        replica``, ``ALTER TABLE ... DISABLE TRIGGER``): the summary did not see
        it. From a shell: ``env["account_mgmt.profitability.report"]
        ._rebuild_summary()``.
        """
        self._check_summary_access()
        self._flush_sources()
        summary_sql.mark_all_months(self.env.cr)
        return self._refresh_summary() if refresh else None

    @api.model
    def _cron_refresh_summary(self):
        """Every 10 minutes: fold the listed months into the summary, a batch of
        months per call (the cron runner calls again while some remain)."""
        result = self._refresh_summary_batch(
            batch_size(self.env, "summary", SUMMARY_BATCH_SIZE)
        )
        if result:
            notify_progress(self.env, done=result[0], remaining=result[1])

    # ------------------------------------------------------------------
    # SQL hooks
    # ------------------------------------------------------------------

    @api.model
    def _select(self) -> SQL:
        return SQL(
            """
            SELECT %(row_id)s AS id,
                   grouped.partner_id,
                   grouped.date,
                   grouped.company_id,
                   %(currency_id)s AS currency_id,
                   %(tier)s AS account_tier_id,
                   partner.account_manager_id,
                   partner.country_id,
                   partner.industry_id,
                   COALESCE(partner.account_group_id, partner.id) AS parent_group_id,
                   grouped.revenue * account_currency_table.rate AS revenue,
                   grouped.cogs * account_currency_table.rate AS cogs,
                   (grouped.revenue - grouped.cogs) * account_currency_table.rate
                       AS gross_margin,
                   grouped.direct_cost * account_currency_table.rate AS direct_cost,
                   grouped.allocated_cost * account_currency_table.rate
                       AS allocated_cost,
                   (grouped.revenue - grouped.cogs - grouped.direct_cost
                    - grouped.allocated_cost) * account_currency_table.rate
                       AS net_contribution,
                   100.0 * (grouped.revenue - grouped.cogs)
                       / NULLIF(grouped.revenue, 0) AS margin_percent,
                   100.0 * (grouped.revenue - grouped.cogs - grouped.direct_cost
                            - grouped.allocated_cost)
                       / NULLIF(grouped.revenue, 0) AS net_margin_percent
            """,
            row_id=self._sql_row_id(),
            currency_id=self.env.company.currency_id.id,
            tier=self._sql_partner_tier(SQL("partner"), SQL("grouped.company_id")),
        )

    @api.model
    def _sql_row_id(self, partner=None, month=None, company=None) -> SQL:
        """A row's id, the same whatever the filters (the ORM caches rows by id):
        account, month and company packed in 53 bits (a safe integer for the web
        client): 28 bits of partner id, 13 of month (from 1900) and 12 of company.

        :param partner, month, company: SQL expressions of the row's account,
            month (its first day) and company (default: ``grouped``'s columns)
        """
        return SQL(
            """
            ((%(partner)s::bigint * 8192
              + (EXTRACT(YEAR FROM %(month)s)::bigint - 1900) * 12
              + EXTRACT(MONTH FROM %(month)s)::bigint - 1) * 4096
             + %(company)s)
            """,
            partner=partner or SQL("grouped.partner_id"),
            month=month or SQL("grouped.date"),
            company=company or SQL("grouped.company_id"),
        )

    @api.model
    def _sql_partner_tier(self, partner, company) -> SQL:
        """The tier of ``partner`` (SQL alias) in ``company`` (SQL expression):
        tiers are per company (a company-dependent field)."""
        if self.env["res.partner"]._fields["account_tier_id"].company_dependent:
            return SQL("(%s.account_tier_id ->> %s::text)::integer", partner, company)
        return SQL("%s.account_tier_id", partner)

    @api.model
    def _from(self) -> SQL:
        return SQL(
            """
            FROM (%(grouped)s) grouped
            LEFT JOIN res_partner partner ON partner.id = grouped.partner_id
            JOIN %(currency_table)s
              ON account_currency_table.company_id = grouped.company_id
            """,
            grouped=self._sql_grouped(),
            currency_table=self.env["res.currency"]._account_mgmt_currency_table(
                self.env.companies
            ),
        )

    @api.model
    def _sql_grouped(self) -> SQL:
        """Sums per account, month and company: the stored summary for the months
        nothing changed in since it was built, the ledger itself for the others.

        Posting, cancelling or editing anything the report reads marks the month
        as changed (triggers, see ``profitability_summary``), in the same
        transaction: the report is always the ledger's, whether or not the
        summary has caught up yet.
        """
        companies = tuple(self.env.companies.ids)
        return SQL(
            """
            SELECT summary.partner_id, summary.date, summary.company_id,
                   summary.revenue, summary.cogs, summary.direct_cost,
                   summary.allocated_cost
              FROM %(summary)s summary
             WHERE summary.company_id IN %(companies)s
               -- not a listed month (a key per company and month: an array test
               -- costs less per row than an anti-join with the short list)
               AND %(summary_key)s <> ALL (ARRAY(
                   SELECT DISTINCT %(dirty_key)s
                     FROM %(dirty)s dirty
                    WHERE dirty.company_id IN %(companies)s
               ))
             UNION ALL
            %(live)s
            """,
            summary=SQL.identifier(summary_sql.SUMMARY_TABLE),
            dirty=SQL.identifier(summary_sql.DIRTY_TABLE),
            companies=companies,
            summary_key=self._sql_month_key(
                SQL("summary.company_id"), SQL("summary.date")
            ),
            dirty_key=self._sql_month_key(SQL("dirty.company_id"), SQL("dirty.month")),
            live=self._sql_live_grouped(
                SQL(
                    "(SELECT DISTINCT company_id, month FROM %s"
                    " WHERE company_id IN %s)",
                    SQL.identifier(summary_sql.DIRTY_TABLE),
                    companies,
                )
            ),
        )

    @api.model
    def _sql_month_key(self, company, month) -> SQL:
        """One number for a company and a month (the first day of it)."""
        return SQL("(%s::bigint * 100000 + (%s - DATE '2000-01-01'))", company, month)

    @api.model
    def _sql_live_grouped(self, months=None) -> SQL:
        """Sums per account, month and company straight from the sources, for the
        months of ``months`` (an SQL relation of company_id, month, each once)."""
        return SQL(
            """
            SELECT src.partner_id,
                   date_trunc('month', src.date)::date AS date,
                   src.company_id,
                   SUM(src.revenue) AS revenue,
                   SUM(src.cogs) AS cogs,
                   SUM(src.direct_cost) AS direct_cost,
                   SUM(src.allocated_cost) AS allocated_cost
              FROM (%(sources)s) src
             %(where)s
             %(group_by)s
             %(having)s
            """,
            sources=self._sql_sources(months),
            where=self._where(),
            group_by=self._group_by(),
            having=self._having(),
        )

    @api.model
    def _where(self) -> SQL:
        return SQL(
            "WHERE src.company_id IN %s AND src.partner_id IS NOT NULL",
            tuple(self.env.companies.ids),
        )

    @api.model
    def _group_by(self) -> SQL:
        return SQL(
            "GROUP BY src.partner_id, date_trunc('month', src.date), src.company_id"
        )

    @api.model
    def _having(self) -> SQL:
        # Months where everything nets to zero (an invoice and its full credit
        # note) say nothing.
        return SQL(
            """
            HAVING SUM(src.revenue) <> 0 OR SUM(src.cogs) <> 0
                OR SUM(src.direct_cost) <> 0 OR SUM(src.allocated_cost) <> 0
            """
        )

    @api.model
    def _sql_sources(self, months=None) -> SQL:
        """Every line behind the report, with the journal item it comes from.

        Columns: aml_id, partner_id (the account), company_id, date, revenue, cogs,
        direct_cost, allocated_cost (company currency).

        :param months: SQL relation of (company_id, month) pairs, each once: only
            the lines of these months (all lines when None)
        """
        sources = SQL(" UNION ALL ").join(
            [
                self._sql_revenue_lines(months),
                self._sql_direct_cost_lines(months),
                self._sql_allocated_cost_lines(months),
            ]
        )
        if months is None:
            return sources
        # One month after the other (a lateral subquery): each reads its own date
        # range, whatever the planner thinks of the (small, changing) months list.
        return SQL(
            "SELECT src.* FROM %s months CROSS JOIN LATERAL (%s) src",
            months,
            sources,
        )

    @api.model
    def _sql_month_filter(self, months, alias) -> SQL:
        """Condition keeping the rows of ``alias`` (a table with company_id and
        date) in the month of the current row of ``months`` (see
        ``_sql_sources``): a date range, that the date indexes serve."""
        if months is None:
            return SQL()
        return SQL(
            """
            AND %(alias)s.company_id = months.company_id
            AND %(alias)s.date >= months.month
            AND %(alias)s.date < (months.month + INTERVAL '1 month')::date
            """,
            alias=SQL.identifier(alias),
        )

    @api.model
    def _sql_revenue_lines(self, months=None) -> SQL:
        """Sales lines with their revenue and cost of goods, and the anglo-saxon
        COGS items of sales: the one definition of ``account.move.line``
        (``_account_mgmt_sales_sql``)."""
        return SQL(
            """
            SELECT sale.aml_id,
                   sale.commercial_partner_id AS partner_id,
                   sale.company_id,
                   sale.date,
                   sale.revenue,
                   sale.cogs,
                   0.0 AS direct_cost,
                   0.0 AS allocated_cost
              FROM (%s) sale
            """,
            self.env["account.move.line"]._account_mgmt_sales_sql(
                self._sql_month_filter(months, "line")
            ),
        )

    @api.model
    def _sql_direct_cost_lines(self, months=None, detail=False) -> SQL:
        """Analytic lines on an analytic account (of any plan) whose customer is
        the account, apart from revenue and COGS lines (counted above).

        :param detail: add the analytic line's id (``detail_id``)
        """
        plan_fnames = self.env["account.analytic.line"]._get_plan_fnames()
        joins = SQL(" ").join(
            SQL(
                "LEFT JOIN account_analytic_account %s ON %s.id = aal.%s",
                SQL.identifier(f"plan_{index}"),
                SQL.identifier(f"plan_{index}"),
                SQL.identifier(fname),
            )
            for index, fname in enumerate(plan_fnames)
        )
        partner = SQL(
            "COALESCE(%s)",
            SQL(", ").join(
                SQL("%s.partner_id", SQL.identifier(f"plan_{index}"))
                for index in range(len(plan_fnames))
            ),
        )
        return SQL(
            """
            SELECT aal.move_line_id AS aml_id,
                   client.commercial_partner_id AS partner_id,
                   aal.company_id,
                   aal.date,
                   0.0 AS revenue,
                   0.0 AS cogs,
                   -aal.amount AS direct_cost,
                   0.0 AS allocated_cost
                   %(detail)s
              FROM account_analytic_line aal
              %(joins)s
              JOIN res_partner client ON client.id = %(partner)s
              LEFT JOIN account_account general ON general.id = aal.general_account_id
              LEFT JOIN account_move_line source_line
                ON source_line.id = aal.move_line_id
             WHERE (general.id IS NULL
                    OR general.account_type NOT IN %(income_types)s)
               AND (source_line.id IS NULL
                    OR source_line.display_type IS DISTINCT FROM 'cogs')
               %(months)s
            """,
            months=self._sql_month_filter(months, "aal"),
            joins=joins,
            partner=partner,
            income_types=INCOME_ACCOUNT_TYPES,
            detail=SQL(", aal.id AS detail_id") if detail else SQL(),
        )

    @api.model
    def _sql_allocated_cost_lines(self, months=None, detail=False) -> SQL:
        """Cost pool allocations.

        :param detail: add the allocation's id (``detail_id``)
        """
        return SQL(
            """
            SELECT NULL::integer AS aml_id,
                   allocation.partner_id,
                   allocation.company_id,
                   allocation.date,
                   0.0 AS revenue,
                   0.0 AS cogs,
                   0.0 AS direct_cost,
                   allocation.amount AS allocated_cost
                   %(detail)s
              FROM account_mgmt_cost_allocation allocation
             WHERE TRUE
               %(months)s
            """,
            months=self._sql_month_filter(months, "allocation"),
            detail=SQL(", allocation.id AS detail_id") if detail else SQL(),
        )

    @api.model
    def _flush_sources(self):
        """Flush what the raw SQL of the sources reads."""
        for model_name, fnames in self._depends.items():
            self.env[model_name].flush_model(fnames)
        self.env["account.analytic.line"].flush_model()

    # ------------------------------------------------------------------
    # Drill-down
    # ------------------------------------------------------------------

    @api.model
    @api.readonly
    def action_open_breakdown_domain(self, domain):
        """Open the breakdown of the report rows matching ``domain`` (a pivot
        cell): revenue lines with their cost of goods, COGS items, direct cost
        lines and allocations, summing to the cell."""
        return self.search(domain).action_open_breakdown()

    @api.readonly
    def action_open_breakdown(self):
        """Open the breakdown of these rows (read with the user's rights)."""
        rows = self.search_fetch(
            [("id", "in", self.ids)], ["partner_id", "date", "company_id"]
        )
        domain = [("report_row_id", "in", rows.ids)]
        if rows:
            # The plain columns let PostgreSQL filter each source early.
            domain += [
                ("partner_id", "in", rows.partner_id.ids),
                ("company_id", "in", rows.company_id.ids),
                ("date", ">=", min(rows.mapped("date"))),
                ("date", "<", max(rows.mapped("date")) + relativedelta(months=1)),
            ]
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_profitability_breakdown_action"
        )
        action["domain"] = domain
        return action

    @api.model
    @api.readonly
    def action_open_journal_items_domain(self, domain):
        """Open the journal items behind the report rows matching ``domain``
        (the domain of a pivot cell or of a grouped list)."""
        return self.search(domain).action_open_journal_items()

    @api.readonly
    def action_open_journal_items(self):
        """Open the journal items behind these rows (revenue, cost of goods sold
        and direct cost; allocations have none)."""
        rows = self.search_fetch(
            [("id", "in", self.ids)], ["partner_id", "date", "company_id"]
        )
        line_ids = []
        if rows:
            self._flush_sources()
            keys = SQL(", ").join(
                SQL(
                    "(%s, %s::date, %s)",
                    row.partner_id.id,
                    row.date,
                    row.company_id.id,
                )
                for row in rows
            )
            self.env.cr.execute(
                SQL(
                    """
                    SELECT DISTINCT src.aml_id
                      FROM (%(sources)s) src
                     WHERE src.aml_id IS NOT NULL
                       AND (src.partner_id, date_trunc('month', src.date)::date,
                            src.company_id) IN (%(keys)s)
                    """,
                    sources=self._sql_sources(),
                    keys=keys,
                )
            )
            line_ids = [line_id for (line_id,) in self.env.cr.fetchall()]
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_account_moves_all"
        )
        action.update(
            {
                "domain": [("id", "in", line_ids)],
                "context": {"create": False, "search_default_group_by_move": 1},
            }
        )
        return action

    # ------------------------------------------------------------------
    # Figures of accounts (partner form, tiers)
    # ------------------------------------------------------------------

    @api.model
    def _get_account_figures(self, partners, date_from, date_to=None):
        """Sums per account over a period, read with the user's rights.

        :return: {partner id: {"revenue", "gross_margin", "net_contribution"}}
        """
        domain = [("partner_id", "in", partners.ids), ("date", ">=", date_from)]
        if date_to:
            domain.append(("date", "<=", date_to))
        return {
            partner.id: {
                "revenue": revenue,
                "gross_margin": gross_margin,
                "net_contribution": net_contribution,
            }
            for partner, revenue, gross_margin, net_contribution in self._read_group(
                domain,
                ["partner_id"],
                ["revenue:sum", "gross_margin:sum", "net_contribution:sum"],
            )
        }
