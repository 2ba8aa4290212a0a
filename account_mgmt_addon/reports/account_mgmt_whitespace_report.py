# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import MissingError, UserError
from odoo.tools import SQL, format_amount

from ..tools.periods import last_12_months

# An account's peers are the other accounts of its company and industry with
# sales in the window; with fewer than this many, the other accounts of its tier.
MIN_INDUSTRY_PEERS = 3
# Row ids: (account * CATEG_SPAN + category) * COMPANY_SPAN + company, stable
# from one read to the next (a list button names its row by id).
CATEG_SPAN = 1_048_576
COMPANY_SPAN = 1024


class AccountMgmtWhitespaceReport(models.Model):
    """Whitespace: what each account could buy, from what its peers buy.

    One row per account with sales in the last 12 months x product category sold
    in its company over those months x company. The account's revenue in the
    category is the one-ledger sales definition
    (``account.move.line._account_mgmt_sales_line_sql``); its peers are the other
    accounts of the same company and industry with sales in the window (the
    accounts of its tier when fewer than 3 exist). Peer figures are aggregates:
    counts and a median, never another account's name.
    """

    _name = "account_mgmt.whitespace.report"
    _description = "Whitespace and Cross-sell"
    _auto = False
    _rec_name = "categ_id"
    _order = "expected_value desc, id"

    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Account", readonly=True
    )
    categ_id = fields.Many2one(
        comodel_name="product.category", string="Product Category", readonly=True
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
    account_tier_id = fields.Many2one(
        comodel_name="account_mgmt.tier", string="Tier", readonly=True
    )
    industry_id = fields.Many2one(
        comodel_name="res.partner.industry", string="Industry", readonly=True
    )
    revenue = fields.Monetary(
        readonly=True,
        help="The account's sales of the category over the last 12 months (posted "
        "invoices and sales receipts less credit notes, untaxed, company currency).",
    )
    peer_count = fields.Integer(
        string="Peers",
        readonly=True,
        aggregator="max",
        help="Other accounts of the same company and industry with sales over the "
        "last 12 months; where fewer than 3 exist, the other accounts of the same "
        "tier.",
    )
    peer_buyer_count = fields.Integer(
        string="Peers Buying",
        readonly=True,
        aggregator="max",
        help="Peers with revenue in the category.",
    )
    penetration = fields.Float(
        string="Penetration (%)",
        digits=(16, 2),
        readonly=True,
        aggregator="max",
        help="Peers buying the category / peers, in %.",
    )
    peer_median_revenue = fields.Monetary(
        string="Peer Median Revenue",
        readonly=True,
        aggregator="max",
        help="Median revenue of the category among the peers that buy it.",
    )
    is_whitespace = fields.Boolean(
        string="Whitespace",
        readonly=True,
        help="The account bought nothing in the category and the penetration among "
        "its peers reaches the company's whitespace threshold.",
    )
    expected_value = fields.Monetary(
        string="Expected Value",
        readonly=True,
        help="Penetration x peer median revenue, for whitespace; 0 otherwise.",
    )

    _depends = {
        "account.move": ["move_type", "commercial_partner_id", "state"],
        "account.move.line": [
            "move_id",
            "account_id",
            "company_id",
            "date",
            "balance",
            "display_type",
            "parent_state",
            "product_id",
        ],
        "account.account": ["account_type"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["categ_id"],
        "res.partner": ["industry_id", "account_manager_id", "account_tier_id"],
        "res.company": ["currency_id", "account_mgmt_whitespace_threshold"],
    }

    @property
    def _table_query(self) -> SQL:
        date_from, date_to = self._account_mgmt_window()
        return self._sql_whitespace(date_from, date_to, self.env.companies)

    @api.model
    def _account_mgmt_window(self):
        """The last 12 months of the user's today (tools/periods.py)."""
        return last_12_months(fields.Date.context_today(self))

    @api.model
    def _sql_sales(self, date_from, date_to, companies) -> SQL:
        """Revenue per account, company and product category from ``date_from``
        to ``date_to``: the one-ledger sales lines, grouped."""
        AccountMoveLine = self.env["account.move.line"]
        AccountMoveLine._account_mgmt_flush_sales()
        self.env["product.template"].flush_model(["categ_id"])
        line, move, account = (SQL.identifier(a) for a in ("line", "move", "account"))
        return SQL(
            """
            SELECT move.commercial_partner_id AS partner_id,
                   line.company_id,
                   template.categ_id,
                   SUM(-line.balance) AS revenue
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN account_account account ON account.id = line.account_id
              JOIN product_product product ON product.id = line.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id
             WHERE %(sales_line)s
               AND line.date BETWEEN %(date_from)s AND %(date_to)s
               AND line.company_id IN %(company_ids)s
               AND move.commercial_partner_id IS NOT NULL
             GROUP BY move.commercial_partner_id, line.company_id, template.categ_id
            """,
            sales_line=AccountMoveLine._account_mgmt_sales_line_sql(
                line, move, account
            ),
            date_from=date_from,
            date_to=date_to,
            company_ids=tuple(companies.ids) or (0,),
        )

    @api.model
    def _sql_whitespace(self, date_from, date_to, companies) -> SQL:
        """The report's rows, peers and medians included, in one statement.

        An account's peer group is its industry (when it holds at least 3 other
        accounts) or else its tier, in its company. Each group's buyers of a
        category are counted once and their median taken with
        ``percentile_cont``; an account's own revenue is then left out of its
        group's figures: one less buyer, and the median of the group's sorted
        revenues without the account's (its position known from ``row_number``).
        """
        self.env["res.partner"].flush_model(
            ["industry_id", "account_manager_id", "account_tier_id"]
        )
        self.env["res.company"].flush_model(
            ["currency_id", "account_mgmt_whitespace_threshold"]
        )
        tier = self.env["account_mgmt.profitability.report"]._sql_partner_tier(
            SQL("partner"), SQL("account_sales.company_id")
        )
        return SQL(
            """
            WITH sales AS (%(sales)s),
            account_sales AS (
                SELECT partner_id, company_id
                  FROM sales
                 GROUP BY partner_id, company_id
                HAVING SUM(revenue) > 0
            ),
            accounts AS (
                SELECT account_sales.partner_id,
                       account_sales.company_id,
                       partner.industry_id,
                       %(tier)s AS tier_id,
                       partner.account_manager_id
                  FROM account_sales
                  JOIN res_partner partner ON partner.id = account_sales.partner_id
            ),
            categories AS (
                SELECT DISTINCT sales.company_id, sales.categ_id
                  FROM sales
                  JOIN accounts USING (partner_id, company_id)
                 WHERE sales.revenue > 0
            ),
            memberships AS (
                SELECT partner_id, company_id, 'industry' AS kind,
                       industry_id AS group_id
                  FROM accounts
                 WHERE industry_id IS NOT NULL
                 UNION ALL
                SELECT partner_id, company_id, 'tier', tier_id
                  FROM accounts
                 WHERE tier_id IS NOT NULL
            ),
            group_sizes AS (
                SELECT company_id, kind, group_id, COUNT(*) AS members
                  FROM memberships
                 GROUP BY company_id, kind, group_id
            ),
            peer_groups AS (
                SELECT DISTINCT ON (memberships.partner_id, memberships.company_id)
                       memberships.*, group_sizes.members
                  FROM memberships
                  JOIN group_sizes USING (company_id, kind, group_id)
                 WHERE memberships.kind = 'tier'
                    OR group_sizes.members - 1 >= %(min_peers)s
                 ORDER BY memberships.partner_id, memberships.company_id,
                          memberships.kind = 'industry' DESC
            ),
            used_groups AS (
                SELECT DISTINCT company_id, kind, group_id FROM peer_groups
            ),
            group_buyers AS (
                SELECT memberships.company_id, memberships.kind,
                       memberships.group_id, sales.categ_id, sales.partner_id,
                       sales.revenue,
                       ROW_NUMBER() OVER (
                           PARTITION BY memberships.company_id, memberships.kind,
                                        memberships.group_id, sales.categ_id
                           ORDER BY sales.revenue, sales.partner_id
                       ) AS position
                  FROM memberships
                  JOIN used_groups USING (company_id, kind, group_id)
                  JOIN sales
                    ON sales.partner_id = memberships.partner_id
                   AND sales.company_id = memberships.company_id
                   AND sales.revenue > 0
            ),
            group_stats AS (
                SELECT company_id, kind, group_id, categ_id,
                       COUNT(*) AS buyers,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY revenue)
                           AS median,
                       array_agg(revenue ORDER BY revenue, partner_id) AS revenues
                  FROM group_buyers
                 GROUP BY company_id, kind, group_id, categ_id
            ),
            cells AS (
                SELECT accounts.*,
                       categories.categ_id,
                       COALESCE(sales.revenue, 0.0) AS revenue,
                       COALESCE(peer_groups.members - 1, 0) AS peer_count,
                       COALESCE(group_stats.buyers, 0)
                           - CASE WHEN own.position IS NULL THEN 0 ELSE 1 END
                           AS peer_buyer_count,
                       group_stats.median AS group_median,
                       group_stats.revenues,
                       own.position
                  FROM accounts
                  JOIN categories ON categories.company_id = accounts.company_id
             LEFT JOIN sales
                    ON sales.partner_id = accounts.partner_id
                   AND sales.company_id = accounts.company_id
                   AND sales.categ_id = categories.categ_id
             LEFT JOIN peer_groups
                    ON peer_groups.partner_id = accounts.partner_id
                   AND peer_groups.company_id = accounts.company_id
             LEFT JOIN group_stats
                    ON group_stats.company_id = peer_groups.company_id
                   AND group_stats.kind = peer_groups.kind
                   AND group_stats.group_id = peer_groups.group_id
                   AND group_stats.categ_id = categories.categ_id
             LEFT JOIN group_buyers own
                    ON own.partner_id = accounts.partner_id
                   AND own.company_id = accounts.company_id
                   AND own.kind = peer_groups.kind
                   AND own.group_id = peer_groups.group_id
                   AND own.categ_id = categories.categ_id
            ),
            peers AS (
                SELECT cells.*,
                       CASE
                           WHEN cells.peer_buyer_count <= 0 THEN 0.0
                           WHEN cells.position IS NULL
                               THEN ROUND(cells.group_median::numeric, 2)
                           ELSE ROUND((
                               cells.revenues[
                                   (cells.peer_buyer_count - 1) / 2 + 1
                                   + CASE WHEN (cells.peer_buyer_count - 1) / 2 + 1
                                               >= cells.position
                                          THEN 1 ELSE 0 END
                               ]
                               + cells.revenues[
                                   cells.peer_buyer_count / 2 + 1
                                   + CASE WHEN cells.peer_buyer_count / 2 + 1
                                               >= cells.position
                                          THEN 1 ELSE 0 END
                               ]
                           ) / 2.0, 2)
                       END AS peer_median_revenue
                  FROM cells
            )
            SELECT (peers.partner_id::bigint * %(categ_span)s + peers.categ_id)
                       * %(company_span)s + peers.company_id AS id,
                   peers.partner_id,
                   peers.categ_id,
                   peers.company_id,
                   company.currency_id,
                   peers.account_manager_id,
                   peers.tier_id AS account_tier_id,
                   peers.industry_id,
                   peers.revenue,
                   peers.peer_count,
                   peers.peer_buyer_count,
                   CASE WHEN peers.peer_count > 0
                        THEN ROUND(100.0 * peers.peer_buyer_count
                                   / peers.peer_count, 2)
                        ELSE 0.0 END AS penetration,
                   peers.peer_median_revenue,
                   whitespace.is_whitespace,
                   CASE WHEN whitespace.is_whitespace
                        THEN ROUND(peers.peer_buyer_count::numeric
                                   / peers.peer_count
                                   * peers.peer_median_revenue, 2)
                        ELSE 0.0 END AS expected_value
              FROM peers
              JOIN res_company company ON company.id = peers.company_id
              CROSS JOIN LATERAL (
                  SELECT peers.revenue <= 0
                     AND peers.peer_count > 0
                     AND peers.peer_buyer_count > 0
                     AND 100.0 * peers.peer_buyer_count / peers.peer_count
                         >= COALESCE(company.account_mgmt_whitespace_threshold, 50.0)
                         AS is_whitespace
              ) whitespace
            """,
            sales=self._sql_sales(date_from, date_to, companies),
            tier=tier,
            min_peers=MIN_INDUSTRY_PEERS,
            categ_span=CATEG_SPAN,
            company_span=COMPANY_SPAN,
        )

    @api.depends("categ_id", "expected_value", "currency_id")
    def _compute_display_name(self):
        for row in self:
            if row.expected_value:
                row.display_name = self.env._(
                    "%(categ)s (%(value)s)",
                    categ=row.categ_id.name,
                    value=format_amount(self.env, row.expected_value, row.currency_id),
                )
            else:
                row.display_name = row.categ_id.name

    # ------------------------------------------------------------------
    # Acting on a row
    # ------------------------------------------------------------------
    def action_create_opportunity(self):
        """Open the account's open opportunity for the category, or create it
        (the account's manager as salesperson, the expected value as expected
        revenue, linked to the plan of the context or the account's current
        plan)."""
        self.ensure_one()
        self.check_access("read")
        if not self.partner_id:
            raise UserError(self.env._("This whitespace row no longer exists."))
        plan = self.env["account_mgmt.plan"]
        plan_id = self.env.context.get("account_mgmt_plan_id")
        if plan_id:
            if not isinstance(plan_id, int) or isinstance(plan_id, bool):
                raise UserError(
                    self.env._("%(value)s is not a plan.", value=repr(plan_id)[:40])
                )
            plan = plan.browse(plan_id).exists()
            if not plan:
                raise MissingError(
                    self.env._("The plan of this whitespace was deleted.")
                )
        return (
            self.env["crm.lead"]
            ._account_mgmt_whitespace_opportunity(
                self.partner_id,
                self.categ_id,
                self.company_id,
                self.expected_value,
                is_whitespace=self.is_whitespace,
                plan=plan,
            )
            ._account_mgmt_open_action()
        )

    def action_open_account(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "views": [(False, "form")],
        }

    @api.model
    def _account_top_whitespace(self, partners, limit=3):
        """{account id: its ``limit`` whitespace rows of the highest expected
        value}, among the rows the user may read, in one read of the report."""
        result = {partner.id: self.browse() for partner in partners}
        if not partners or not self.has_access("read"):
            return result
        rows = self.search(
            [("partner_id", "in", partners.ids), ("is_whitespace", "=", True)],
            order="expected_value desc, id",
        )
        for row in rows:
            key = row.partner_id.id
            if len(result[key]) < limit:
                result[key] |= row
        return result
