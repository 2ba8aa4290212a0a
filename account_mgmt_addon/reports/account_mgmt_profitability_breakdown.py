# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

BREAKDOWN_KINDS = [
    ("revenue", "Revenue Line"),
    ("cogs", "COGS Journal Item"),
    ("direct_cost", "Direct Cost"),
    ("allocated_cost", "Allocation"),
]


class AccountMgmtProfitabilityBreakdown(models.Model):
    """What a client profitability figure is made of: one row per source line of
    the report (``account_mgmt.profitability.report._sql_sources``'s builders,
    read with their ids), so that the rows of a cell sum to the cell.

    - revenue lines, each with its cost of goods (unit cost at posting x
      quantity; none when the entry holds anglo-saxon COGS items);
    - anglo-saxon COGS journal items;
    - direct cost: analytic lines on the account's analytic accounts;
    - allocations: the cost pool, its driver, the account's driver base, the
      pool's base in the month and the account's share.
    """

    _name = "account_mgmt.profitability.breakdown"
    _description = "Client Profitability Breakdown"
    _auto = False
    _order = "date, kind, id"

    report_row_id = fields.Integer(
        string="Report Row",
        readonly=True,
        aggregator=None,
        help="The client profitability row (account, month, company) the line "
        "adds up to.",
    )
    kind = fields.Selection(selection=BREAKDOWN_KINDS, readonly=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Account", readonly=True
    )
    company_id = fields.Many2one(
        comodel_name="res.company", string="Company", readonly=True
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency", string="Currency", readonly=True
    )
    account_manager_id = fields.Many2one(
        comodel_name="res.users", string="Account Manager", readonly=True
    )
    date = fields.Date(readonly=True)
    month = fields.Date(readonly=True)
    name = fields.Char(string="Label", readonly=True)
    move_id = fields.Many2one(
        comodel_name="account.move", string="Journal Entry", readonly=True
    )
    move_line_id = fields.Many2one(
        comodel_name="account.move.line", string="Journal Item", readonly=True
    )
    analytic_line_id = fields.Many2one(
        comodel_name="account.analytic.line", string="Analytic Line", readonly=True
    )
    allocation_id = fields.Many2one(
        comodel_name="account_mgmt.cost.allocation",
        string="Allocation",
        readonly=True,
    )
    product_id = fields.Many2one(
        comodel_name="product.product", string="Product", readonly=True
    )
    quantity = fields.Float(readonly=True, aggregator=None)
    pool_id = fields.Many2one(
        comodel_name="account_mgmt.cost.pool", string="Cost Pool", readonly=True
    )
    driver = fields.Selection(related="pool_id.driver", string="Driver")
    driver_value = fields.Float(
        string="Driver Base", digits=(16, 2), readonly=True, aggregator=None
    )
    driver_total = fields.Float(
        string="Pool's Base",
        digits=(16, 2),
        readonly=True,
        aggregator=None,
        help="The driver base of every account sharing the pool in the month.",
    )
    share_percent = fields.Float(
        string="Share (%)",
        digits=(16, 2),
        readonly=True,
        aggregator=None,
        help="The account's driver base over the pool's, in percent.",
    )
    revenue = fields.Monetary(readonly=True)
    cogs = fields.Monetary(string="Cost of Goods Sold", readonly=True)
    direct_cost = fields.Monetary(string="Direct Cost-to-Serve", readonly=True)
    allocated_cost = fields.Monetary(string="Allocated Cost-to-Serve", readonly=True)
    net_contribution = fields.Monetary(readonly=True)

    # The report's sources (flushed transitively) and what the labels read.
    _depends = {
        "account_mgmt.profitability.report": ["revenue"],
        "account.move.line": ["name", "move_id", "product_id", "quantity"],
        "account.analytic.line": ["name", "product_id", "move_line_id"],
        "account_mgmt.cost.allocation": ["pool_id", "driver_value", "date"],
        "account_mgmt.cost.pool": ["name"],
        "res.partner": ["account_manager_id"],
    }

    @property
    def _table_query(self) -> SQL:
        report = self.env["account_mgmt.profitability.report"]
        companies = tuple(self.env.companies.ids)
        return SQL(
            """
            SELECT src.id,
                   src.kind,
                   src.partner_id,
                   src.company_id,
                   %(currency_id)s AS currency_id,
                   client.account_manager_id,
                   src.date,
                   src.month,
                   %(row_id)s AS report_row_id,
                   COALESCE(aal.name, aml.name, pool.name) AS name,
                   COALESCE(aml.move_id, aal_aml.move_id) AS move_id,
                   src.move_line_id,
                   src.analytic_line_id,
                   src.allocation_id,
                   COALESCE(aml.product_id, aal.product_id) AS product_id,
                   CASE WHEN src.kind = 'revenue' THEN aml.quantity END AS quantity,
                   allocation.pool_id,
                   allocation.driver_value,
                   pool_base.total AS driver_total,
                   100.0 * allocation.driver_value / NULLIF(pool_base.total, 0)
                       AS share_percent,
                   src.revenue * account_currency_table.rate AS revenue,
                   src.cogs * account_currency_table.rate AS cogs,
                   src.direct_cost * account_currency_table.rate AS direct_cost,
                   src.allocated_cost * account_currency_table.rate
                       AS allocated_cost,
                   (src.revenue - src.cogs - src.direct_cost - src.allocated_cost)
                       * account_currency_table.rate AS net_contribution
              FROM (
                SELECT line.*, date_trunc('month', line.date)::date AS month
                  FROM (
                    SELECT r.aml_id::bigint * 4 AS id,
                           CASE WHEN r_aml.display_type = 'cogs' THEN 'cogs'
                                ELSE 'revenue' END AS kind,
                           r.aml_id AS move_line_id,
                           NULL::integer AS analytic_line_id,
                           NULL::integer AS allocation_id,
                           r.partner_id, r.company_id, r.date, r.revenue, r.cogs,
                           r.direct_cost, r.allocated_cost
                      FROM (%(revenue)s) r
                      JOIN account_move_line r_aml ON r_aml.id = r.aml_id
                     UNION ALL
                    SELECT d.detail_id::bigint * 4 + 2, 'direct_cost', d.aml_id,
                           d.detail_id, NULL,
                           d.partner_id, d.company_id, d.date, d.revenue, d.cogs,
                           d.direct_cost, d.allocated_cost
                      FROM (%(direct)s) d
                     UNION ALL
                    SELECT a.detail_id::bigint * 4 + 3, 'allocated_cost', NULL,
                           NULL, a.detail_id,
                           a.partner_id, a.company_id, a.date, a.revenue, a.cogs,
                           a.direct_cost, a.allocated_cost
                      FROM (%(allocated)s) a
                  ) line
                 WHERE line.partner_id IS NOT NULL
                   AND line.company_id IN %(companies)s
              ) src
              JOIN %(currency_table)s
                ON account_currency_table.company_id = src.company_id
              LEFT JOIN res_partner client ON client.id = src.partner_id
              LEFT JOIN account_move_line aml ON aml.id = src.move_line_id
              LEFT JOIN account_analytic_line aal ON aal.id = src.analytic_line_id
              LEFT JOIN account_move_line aal_aml ON aal_aml.id = aal.move_line_id
              LEFT JOIN account_mgmt_cost_allocation allocation
                ON allocation.id = src.allocation_id
              LEFT JOIN account_mgmt_cost_pool pool ON pool.id = allocation.pool_id
              LEFT JOIN LATERAL (
                  SELECT SUM(other.driver_value) AS total
                    FROM account_mgmt_cost_allocation other
                   WHERE other.pool_id = allocation.pool_id
                     AND other.date = allocation.date
              ) pool_base ON allocation.id IS NOT NULL
            """,
            currency_id=self.env.company.currency_id.id,
            row_id=report._sql_row_id(
                SQL("src.partner_id"), SQL("src.month"), SQL("src.company_id")
            ),
            revenue=report._sql_revenue_lines(),
            direct=report._sql_direct_cost_lines(detail=True),
            allocated=report._sql_allocated_cost_lines(detail=True),
            companies=companies,
            currency_table=self.env["res.currency"]._account_mgmt_currency_table(
                self.env.companies
            ),
        )
