# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools import pg_triggers
from ..tools.jobs import batch_size, notify_progress
from . import budget_summary

_logger = logging.getLogger(__name__)

#: Months (of a company) a batch of the summary refresh folds (system parameter
#: account_mgmt_addon.batch_size.budget_summary).
SUMMARY_BATCH_SIZE = 12

# Row ids: the profitability report's (account, month and company packed in 53
# bits) for the rows without category; the rows of a category (all of them have
# a budget or forecast line) count down from the largest safe integer of the web
# client by their first line's id. Stable from one read to the next.
MAX_ROW_ID = 2**53 - 1

# Percentages are ratios of sums: {field: (numerator, denominator)}.
RATIO_FIELDS = {
    "variance_percent": ("variance", "budget_amount"),
    "attainment_percent": ("actual_revenue", "budget_amount"),
}


class AccountMgmtBudgetReport(models.Model):
    """Budget, forecast and actual revenue per account, month and company (and
    product category where budget or forecast lines have one).

    - budget: the lines of the approved budget version (``kind`` budget, state
      approved, not a snapshot): at most one covers a company and month;
    - forecast: the lines of the live forecast (``kind`` forecast, draft, not a
      snapshot);
    - actual revenue: the client profitability report's revenue of the account
      and month (its ``_sql_grouped``: the monthly summary, the ledger for the
      months changed since), the one-ledger definition. Where lines have a
      product category, the revenue of the products of that category (or of its
      sub-categories) is that row's, and the rest of the month's revenue stays
      on the row without category: the rows of an account and month always add
      up to the profitability report's revenue.

    Months with revenue and no budget have a row (budget 0, no attainment), and
    so do months with a budget and no revenue.

    The rows are read from a monthly summary that triggers keep exact (see
    ``budget_summary``): the months changed since it was folded are computed
    live, in the user's transaction.
    """

    _name = "account_mgmt.budget.report"
    _inherit = ["account_mgmt.grouped.report.mixin"]
    _account_mgmt_ratio_fields = RATIO_FIELDS
    _description = "Budget vs Actual"
    _auto = False
    _rec_name = "partner_id"
    _order = "date desc, partner_id, id"

    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Account", readonly=True
    )
    date = fields.Date(string="Month", readonly=True)
    company_id = fields.Many2one(
        comodel_name="res.company", string="Company", readonly=True
    )
    categ_id = fields.Many2one(
        comodel_name="product.category", string="Product Category", readonly=True
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency", string="Currency", readonly=True
    )
    account_manager_id = fields.Many2one(
        comodel_name="res.users", string="Account Manager", readonly=True
    )
    account_tier_id = fields.Many2one(
        comodel_name="account_mgmt.tier", string="Tier", readonly=True
    )
    account_group_id = fields.Many2one(
        comodel_name="res.partner",
        string="Group",
        readonly=True,
        help="The top parent company of the account (the account itself when it "
        "has no parent).",
    )
    budget_amount = fields.Monetary(string="Budget", readonly=True)
    forecast_amount = fields.Monetary(string="Forecast", readonly=True)
    actual_revenue = fields.Monetary(
        string="Actual Revenue",
        readonly=True,
        help="The account's revenue of the month, as the client profitability "
        "report counts it (posted invoices and sales receipts less credit notes, "
        "untaxed).",
    )
    variance = fields.Monetary(
        readonly=True, help="Actual revenue - budget of the rows grouped."
    )
    variance_percent = fields.Float(
        string="Variance (%)",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="Variance / budget of the rows grouped (a ratio of sums); blank "
        "without a budget.",
    )
    attainment_percent = fields.Float(
        string="Attainment (%)",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="Actual revenue / budget of the rows grouped (a ratio of sums); "
        "blank without a budget.",
    )
    has_budget = fields.Boolean(readonly=True)
    in_fiscal_year = fields.Boolean(
        string="This Fiscal Year",
        compute="_compute_in_fiscal_year",
        search="_search_in_fiscal_year",
        help="Months of the current fiscal year of the row's company (its fiscal "
        "year dates, today being the user's).",
    )

    _depends = {
        "account_mgmt.budget": ["kind", "state", "is_snapshot", "company_id"],
        "account_mgmt.budget.line": [
            "budget_id",
            "partner_id",
            "date",
            "company_id",
            "categ_id",
            "amount",
        ],
        "product.category": ["parent_path"],
        "product.template": ["categ_id"],
        "res.partner": [
            "account_group_id",
            "account_tier_id",
            "account_manager_id",
        ],
    }

    @property
    def _table_query(self) -> SQL:
        return self._sql_report(self.env.companies)

    def init(self):
        res = super().init()
        budget_summary.create_summary(self.env.cr)
        return res

    # ------------------------------------------------------------------
    # Monthly summary (see budget_summary)
    # ------------------------------------------------------------------

    @api.model
    def _check_summary_access(self):
        if not self.env.is_superuser():
            raise AccessError(_("Only the system refreshes the budget summary."))

    @api.model
    def _refresh_summary(self):
        """Fold every month listed as changed into the summary. Returns the
        number of months folded, or None when another refresh is running."""
        result = self._refresh_summary_batch()
        return result and result[0]

    @api.model
    def _refresh_summary_batch(self, limit=None):
        """Compute the first ``limit`` months (company and month, in that order)
        listed as changed into the summary (all of them without ``limit``), and
        take them off the list.

        :return: ``(months folded, months still listed)``, or None when another
            refresh is running (it will do the work)
        """
        self._check_summary_access()
        cr = self.env.cr
        cr.execute(
            SQL("SELECT pg_try_advisory_xact_lock(%s)", budget_summary.REFRESH_LOCK)
        )
        if not cr.fetchone()[0]:
            return None
        self.env["account_mgmt.profitability.report"]._flush_sources()
        dirty_ids, months, remaining, company_ids = pg_triggers.take_listed_months(
            cr, budget_summary.DIRTY_TABLE, limit
        )
        if not dirty_ids:
            return 0, 0
        companies = self.env["res.company"].browse(company_ids)
        batch = SQL(
            "(SELECT DISTINCT company_id, month FROM %s WHERE id = ANY(%s))",
            SQL.identifier(budget_summary.DIRTY_TABLE),
            dirty_ids,
        )
        cr.execute(
            SQL(
                """
                DELETE FROM %(summary)s summary
                 WHERE (summary.company_id, summary.date) IN (
                        SELECT batch.company_id, batch.month FROM %(batch)s batch);
                INSERT INTO %(summary)s (partner_id, date, company_id, categ_id,
                                         budget_amount, forecast_amount,
                                         actual_revenue, has_budget, line_id)
                SELECT partner_id, date, company_id, categ_id, budget_amount,
                       forecast_amount, actual_revenue, has_budget, line_id
                  FROM (%(rows)s) rows;
                DELETE FROM %(dirty)s WHERE id = ANY(%(ids)s);
                """,
                summary=SQL.identifier(budget_summary.SUMMARY_TABLE),
                dirty=SQL.identifier(budget_summary.DIRTY_TABLE),
                batch=batch,
                rows=self._sql_rows(companies, batch),
                ids=dirty_ids,
            )
        )
        _logger.info(
            "Budget summary: %s month(s) refreshed, %s listed", months, remaining
        )
        return months, remaining

    @api.model
    def _rebuild_summary(self):
        """List every month as changed and fold them all (the migration does;
        from a shell after loading data with the triggers off:
        ``env["account_mgmt.budget.report"]._rebuild_summary()``)."""
        self._check_summary_access()
        self.env["account_mgmt.profitability.report"]._flush_sources()
        for model, fnames in self._depends.items():
            if model.startswith("account_mgmt.budget"):
                self.env[model].flush_model(fnames)
        budget_summary.mark_all_months(self.env.cr)
        return self._refresh_summary()

    @api.model
    def _cron_refresh_summary(self):
        """Every 10 minutes: fold the listed months into the summary, a batch of
        months per call (the cron runner calls again while some remain)."""
        result = self._refresh_summary_batch(
            batch_size(self.env, "budget_summary", SUMMARY_BATCH_SIZE)
        )
        if result:
            notify_progress(self.env, done=result[0], remaining=result[1])

    def _compute_in_fiscal_year(self):
        today = fields.Date.context_today(self)
        for row in self:
            dates = row.company_id.compute_fiscalyear_dates(today)
            row.in_fiscal_year = dates["date_from"] <= row.date <= dates["date_to"]

    def _search_in_fiscal_year(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        today = fields.Date.context_today(self)
        domain = ["|"] * (len(self.env.companies) - 1)
        for company in self.env.companies:
            dates = company.compute_fiscalyear_dates(today)
            domain += [
                "&",
                "&",
                ("company_id", "=", company.id),
                ("date", ">=", dates["date_from"]),
                ("date", "<=", dates["date_to"]),
            ]
        return domain if (operator == "=") == value else ["!", *domain]

    # ------------------------------------------------------------------
    # SQL
    # ------------------------------------------------------------------

    @api.model
    def _sql_plan_lines(self, companies, months=None) -> SQL:
        """Budget and forecast per account, month, company and category: the
        approved budget's lines and the live forecast's (of ``months``, an SQL
        relation of company_id, month, when given)."""
        for model, fnames in self._depends.items():
            if model.startswith("account_mgmt.budget"):
                self.env[model].flush_model(fnames)
        return SQL(
            """
            SELECT line.partner_id, line.date, line.company_id, line.categ_id,
                   SUM(line.amount) FILTER (WHERE version.kind = 'budget')
                       AS budget_amount,
                   SUM(line.amount) FILTER (WHERE version.kind = 'forecast')
                       AS forecast_amount,
                   BOOL_OR(version.kind = 'budget') AS has_budget,
                   MIN(line.id) AS line_id
              FROM account_mgmt_budget_line line
              JOIN account_mgmt_budget version ON version.id = line.budget_id
             WHERE line.company_id IN %(companies)s
               AND version.is_snapshot IS NOT TRUE
               AND ((version.kind = 'budget' AND version.state = 'approved')
                    OR (version.kind = 'forecast' AND version.state = 'draft'))
               %(in_months)s
             GROUP BY line.partner_id, line.date, line.company_id, line.categ_id
            """,
            companies=tuple(companies.ids) or (0,),
            in_months=self._sql_in_months("line", "date", months),
        )

    @api.model
    def _sql_in_months(self, alias, column, months) -> SQL:
        """``AND`` the rows of ``alias`` (company_id and ``column``, a first day
        of month) are of ``months`` (nothing without ``months``)."""
        if months is None:
            return SQL()
        return SQL(
            "AND (%s, %s) IN (SELECT months.company_id, months.month FROM %s months)",
            SQL.identifier(alias, "company_id"),
            SQL.identifier(alias, column),
            months,
        )

    @api.model
    def _has_category_lines(self, companies):
        """Whether budget or forecast lines of ``companies`` have a category
        (the revenue is then also read by category)."""
        self.env["account_mgmt.budget.line"].flush_model(["categ_id", "company_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT 1 FROM account_mgmt_budget_line
                 WHERE categ_id IS NOT NULL AND company_id IN %s
                 LIMIT 1
                """,
                tuple(companies.ids) or (0,),
            )
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def _sql_category_revenue(self, companies) -> SQL:
        """Revenue of the budgeted categories (``plan`` rows with a category)
        per account, month and company: each sales line of such an account and
        month goes to the deepest budgeted category that holds its product's
        category; it is then taken off the row without category (two rows of
        opposite signs), so that the rows still add up to the month's revenue.
        The sales lines are the one-ledger definition
        (``account.move.line._account_mgmt_sales_sql``)."""
        self.env["product.template"].flush_model(["categ_id"])
        self.env["product.category"].flush_model(["parent_path"])
        sales = self.env["account.move.line"]._account_mgmt_sales_sql(
            SQL(
                """
                AND line.company_id IN %(companies)s
                AND (move.commercial_partner_id, line.company_id,
                     date_trunc('month', line.date)::date) IN (
                        SELECT partner_id, company_id, date
                          FROM plan WHERE categ_id IS NOT NULL)
                """,
                companies=tuple(companies.ids) or (0,),
            )
        )
        return SQL(
            """
            SELECT sale.commercial_partner_id AS partner_id,
                   date_trunc('month', sale.date)::date AS date,
                   sale.company_id,
                   budgeted.categ_id,
                   SUM(sale.revenue) AS revenue
              FROM (%(sales)s) sale
              JOIN product_product product ON product.id = sale.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id
              JOIN product_category categ ON categ.id = template.categ_id
              CROSS JOIN LATERAL (
                  SELECT plan.categ_id
                    FROM plan
                    JOIN product_category budget_categ
                      ON budget_categ.id = plan.categ_id
                   WHERE plan.partner_id = sale.commercial_partner_id
                     AND plan.company_id = sale.company_id
                     AND plan.date = date_trunc('month', sale.date)::date
                     AND categ.parent_path LIKE budget_categ.parent_path || %(any)s
                   ORDER BY length(budget_categ.parent_path) DESC
                   LIMIT 1
              ) budgeted
             GROUP BY 1, 2, 3, 4
            """,
            sales=sales,
            any="%",
        )

    @api.model
    def _sql_rows(self, companies, months=None) -> SQL:
        """The report's rows before currency conversion, computed from the
        budget lines and the ledger: partner_id, date, company_id, categ_id,
        budget_amount, forecast_amount, actual_revenue, has_budget, line_id
        (the first budget or forecast line of the row).

        :param months: SQL relation of (company_id, month) pairs: only the rows
            of these months (all of them when None)
        """
        profitability = self.env["account_mgmt.profitability.report"].with_context(
            allowed_company_ids=companies.ids
        )
        by_category = SQL()
        has_categories = self._has_category_lines(companies)
        if has_categories:
            by_category = SQL(
                """
                 UNION ALL
                SELECT partner_id, date, company_id, categ_id, 0.0, 0.0, revenue,
                       FALSE, NULL
                  FROM category_revenue
                 UNION ALL
                SELECT partner_id, date, company_id, NULL, 0.0, 0.0, -revenue,
                       FALSE, NULL
                  FROM category_revenue
                """
            )
            category_cte = SQL(
                ", category_revenue AS MATERIALIZED (%s)",
                self._sql_category_revenue(companies),
            )
        else:
            category_cte = SQL()
        return SQL(
            """
            WITH plan AS %(materialized)s (%(plan)s)
                 %(category_cte)s
            SELECT partner_id, date, company_id, categ_id,
                   SUM(budget_amount) AS budget_amount,
                   SUM(forecast_amount) AS forecast_amount,
                   SUM(actual_revenue) AS actual_revenue,
                   BOOL_OR(has_budget) AS has_budget,
                   MIN(line_id) AS line_id
              FROM (
                    SELECT partner_id, date, company_id, categ_id,
                           COALESCE(budget_amount, 0.0) AS budget_amount,
                           COALESCE(forecast_amount, 0.0) AS forecast_amount,
                           0.0 AS actual_revenue,
                           has_budget,
                           line_id
                      FROM plan
                     UNION ALL
                    SELECT grouped.partner_id, grouped.date, grouped.company_id,
                           NULL, 0.0, 0.0, grouped.revenue, FALSE, NULL
                      FROM (%(actual)s) grouped
                     WHERE grouped.revenue <> 0
                           %(actual_in_months)s
                    %(by_category)s
                   ) source
             GROUP BY partner_id, date, company_id, categ_id
            HAVING MIN(line_id) IS NOT NULL OR SUM(actual_revenue) <> 0
            """,
            # read twice with categories; otherwise inlined, so that the
            # filters of the read (months, accounts) reach the budget lines
            materialized=SQL("MATERIALIZED") if has_categories else SQL(),
            plan=self._sql_plan_lines(companies, months),
            category_cte=category_cte,
            actual=profitability._sql_grouped(),
            actual_in_months=self._sql_in_months("grouped", "date", months),
            by_category=by_category,
        )

    @api.model
    def _sql_stored_rows(self, companies) -> SQL:
        """The report's rows before currency conversion (as ``_sql_rows``): the
        summary's for the months not listed as changed, computed live for the
        listed ones."""
        Profitability = self.env["account_mgmt.profitability.report"]
        companies_ids = tuple(companies.ids) or (0,)
        return SQL(
            """
            SELECT summary.partner_id, summary.date, summary.company_id,
                   summary.categ_id, summary.budget_amount, summary.forecast_amount,
                   summary.actual_revenue, summary.has_budget, summary.line_id
              FROM %(summary)s summary
             WHERE summary.company_id IN %(companies)s
               -- not a listed month (an array test, as the profitability
               -- report does)
               AND %(summary_key)s <> ALL (ARRAY(
                   SELECT DISTINCT %(dirty_key)s
                     FROM %(dirty)s dirty
                    WHERE dirty.company_id IN %(companies)s
               ))
             UNION ALL
            SELECT * FROM (%(live)s) live
            """,
            summary=SQL.identifier(budget_summary.SUMMARY_TABLE),
            dirty=SQL.identifier(budget_summary.DIRTY_TABLE),
            companies=companies_ids,
            summary_key=Profitability._sql_month_key(
                SQL("summary.company_id"), SQL("summary.date")
            ),
            dirty_key=Profitability._sql_month_key(
                SQL("dirty.company_id"), SQL("dirty.month")
            ),
            live=self._sql_rows(
                companies,
                SQL(
                    "(SELECT DISTINCT company_id, month FROM %s"
                    " WHERE company_id IN %s)",
                    SQL.identifier(budget_summary.DIRTY_TABLE),
                    companies_ids,
                ),
            ),
        )

    @api.model
    def _sql_report(self, companies) -> SQL:
        """The report's rows, in the current company's currency."""
        Profitability = self.env["account_mgmt.profitability.report"]
        self.env["res.partner"].flush_model(
            ["account_group_id", "account_tier_id", "account_manager_id"]
        )
        return SQL(
            """
            SELECT CASE WHEN grouped.categ_id IS NULL THEN %(row_id)s
                        ELSE %(max_id)s - grouped.line_id END AS id,
                   grouped.partner_id,
                   grouped.date,
                   grouped.company_id,
                   grouped.categ_id,
                   %(currency_id)s AS currency_id,
                   partner.account_manager_id,
                   %(tier)s AS account_tier_id,
                   COALESCE(partner.account_group_id, partner.id) AS account_group_id,
                   grouped.has_budget,
                   grouped.budget_amount * account_currency_table.rate
                       AS budget_amount,
                   grouped.forecast_amount * account_currency_table.rate
                       AS forecast_amount,
                   grouped.actual_revenue * account_currency_table.rate
                       AS actual_revenue,
                   (grouped.actual_revenue - grouped.budget_amount)
                       * account_currency_table.rate AS variance,
                   100.0 * (grouped.actual_revenue - grouped.budget_amount)
                       / NULLIF(grouped.budget_amount, 0) AS variance_percent,
                   100.0 * grouped.actual_revenue
                       / NULLIF(grouped.budget_amount, 0) AS attainment_percent
              FROM (%(rows)s) grouped
              -- a left join (every row has its account): left out by
              -- PostgreSQL when a read uses no column of the account
              LEFT JOIN res_partner partner ON partner.id = grouped.partner_id
              JOIN %(currency_table)s
                ON account_currency_table.company_id = grouped.company_id
            """,
            row_id=Profitability._sql_row_id(),
            max_id=MAX_ROW_ID,
            currency_id=self.env.company.currency_id.id,
            tier=Profitability._sql_partner_tier(
                SQL("partner"), SQL("grouped.company_id")
            ),
            rows=self._sql_stored_rows(companies),
            currency_table=self.env["res.currency"]._account_mgmt_currency_table(
                companies
            ),
        )

    # ------------------------------------------------------------------
    # Figures of accounts (partner form, card, health, plans)
    # ------------------------------------------------------------------

    @api.model
    def _get_account_figures(self, partners, date_from, date_to):
        """Budget, forecast, actual revenue and attainment per account from
        ``date_from`` to ``date_to``, read with the user's rights (one query).

        :return: {partner id: {"budget", "forecast", "actual", "attainment"}}
            (attainment: a percentage, False without a budget); accounts without
            any row are absent
        """
        if not partners:
            return {}
        return {
            partner.id: {
                "budget": budget,
                "forecast": forecast,
                "actual": actual,
                "attainment": attainment if budget else False,
            }
            for partner, budget, forecast, actual, attainment in self._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                ["partner_id"],
                [
                    "budget_amount:sum",
                    "forecast_amount:sum",
                    "actual_revenue:sum",
                    "attainment_percent:avg",
                ],
            )
        }
