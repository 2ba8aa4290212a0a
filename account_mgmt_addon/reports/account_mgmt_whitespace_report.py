# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import MissingError, UserError
from odoo.tools import SQL, format_amount, format_date, format_datetime

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
        """The stored rows (``account_mgmt.whitespace.line``) of the companies
        whose monthly job ran for the current period; the statement, live, for
        the others (none with ``account_mgmt_whitespace_stored_only`` in the
        context: the partner form and the portfolio card never compute it)."""
        date_from, date_to = self._account_mgmt_window()
        companies = self.env.companies
        stored = self._account_mgmt_stored_companies(companies)
        query = self._sql_stored(stored)
        live = companies - stored
        if live and not self.env.context.get("account_mgmt_whitespace_stored_only"):
            query = SQL(
                "(%s) UNION ALL (%s)",
                query,
                self._sql_whitespace(date_from, date_to, live),
            )
        return query

    @api.model
    def _account_mgmt_stored_companies(self, companies):
        """Those of ``companies`` whose stored whitespace is for the current
        period."""
        date_from, _date_to = self._account_mgmt_window()
        # sudo: when the job ran is no secret; the rows keep their rules.
        return (
            self.env["account_mgmt.whitespace.run"]
            .sudo()
            .search(
                [("company_id", "in", companies.ids), ("date_from", "=", date_from)]
            )
            .company_id
        )

    @api.model
    def _account_mgmt_period_label(self, short=False):
        """What the screen says of its figures, e.g. "Figures for Dec 2025 –
        Nov 2026, computed on 12/01/2026 05:00:03" (the oldest computation of
        the user's companies), or "..., computed live"; ``short``: "Dec 2025 –
        Nov 2026, computed 12/01/2026" (a screen's title)."""
        date_from, date_to = self._account_mgmt_window()
        months = self.env["res.partner"]._account_mgmt_months_label(date_from, date_to)
        companies = self.env.companies
        runs = (
            self.env["account_mgmt.whitespace.run"]
            .sudo()
            .search(
                [("company_id", "in", companies.ids), ("date_from", "=", date_from)]
            )
        )
        computed_on = runs.company_id == companies and min(runs.mapped("computed_on"))
        if short and computed_on:
            return self.env._(
                "%(months)s, computed %(date)s",
                months=months,
                date=format_date(
                    self.env,
                    fields.Datetime.context_timestamp(self, computed_on).date(),
                ),
            )
        if short:
            return self.env._("%(months)s, computed live", months=months)
        if computed_on:
            return self.env._(
                "Figures for %(months)s, computed on %(when)s",
                months=months,
                when=format_datetime(self.env, computed_on),
            )
        return self.env._("Figures for %(months)s, computed live", months=months)

    @api.model
    def _account_mgmt_action(self):
        """The whitespace window action, its title naming its figures' period
        and computation (the breadcrumb is narrow: the short label)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt_addon.account_mgmt_whitespace_report_action"
        )
        action["display_name"] = action["name"] = self.env._(
            "Whitespace %(period)s",
            period=self._account_mgmt_period_label(short=True),
        )
        return action

    @api.model
    def _sql_stored(self, companies) -> SQL:
        """The stored rows of ``companies``, as the report's columns (the
        account manager is the account's, as the rules read it)."""
        self.env["account_mgmt.whitespace.line"].flush_model()
        self.env["res.partner"].flush_model(["account_manager_id"])
        return SQL(
            """
            SELECT line.id,
                   line.partner_id,
                   line.categ_id,
                   line.company_id,
                   line.currency_id,
                   partner.account_manager_id,
                   line.account_tier_id,
                   line.industry_id,
                   line.revenue,
                   line.peer_count,
                   line.peer_buyer_count,
                   line.penetration,
                   line.peer_median_revenue,
                   line.is_whitespace,
                   line.expected_value
              FROM account_mgmt_whitespace_line line
              JOIN res_partner partner ON partner.id = line.partner_id
              JOIN product_category categ ON categ.id = line.categ_id
             WHERE line.company_id IN %(company_ids)s
            """,
            company_ids=tuple(companies.ids) or (0,),
        )

    @api.model
    def _sql_is_whitespace(self, row, company) -> SQL:
        """Whether ``row`` (revenue, peer_count, peer_buyer_count) is
        whitespace at the threshold of ``company`` (a res_company alias)."""
        return SQL(
            """(%(row)s.revenue <= 0
                AND %(row)s.peer_count > 0
                AND %(row)s.peer_buyer_count > 0
                AND 100.0 * %(row)s.peer_buyer_count / %(row)s.peer_count
                    >= COALESCE(
                        %(company)s.account_mgmt_whitespace_threshold, 50.0
                    ))""",
            row=row,
            company=company,
        )

    @api.model
    def _sql_expected_value(self, row, is_whitespace) -> SQL:
        """Penetration x peer median revenue of ``row`` when ``is_whitespace``,
        else 0."""
        return SQL(
            """CASE WHEN %(is_whitespace)s
                    THEN ROUND(%(row)s.peer_buyer_count::numeric / %(row)s.peer_count
                               * %(row)s.peer_median_revenue, 2)
                    ELSE 0.0 END""",
            row=row,
            is_whitespace=is_whitespace,
        )

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

        Peer figures are window aggregates over each group x category (one sort,
        no join of per-group statistics back to the rows: the planner, unable
        to estimate such joins, looped over them). The median is the mean of the
        revenues at the two middle ranks, which is ``percentile_cont(0.5)``
        (an ordered-set aggregate can't be a window function; the tests compare
        the two).

        An account's peer group is its industry (when it holds at least 3 other
        accounts) or else its tier, in its company. Its own revenue is left out
        of its group's figures: one less buyer, and the median of the group's
        other buyers (its rank among them known from ``row_number``).
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
        peers = SQL.identifier("peers")
        is_whitespace = self._sql_is_whitespace(peers, SQL.identifier("company"))
        return SQL(
            """
            WITH sales AS MATERIALIZED (
                SELECT grouped.*,
                       concat_ws(',', grouped.partner_id, grouped.company_id,
                                 grouped.categ_id) AS cell_key
                  FROM (%(sales)s) grouped
            ),
            accounts AS MATERIALIZED (
                SELECT account_sales.partner_id,
                       account_sales.company_id,
                       partner.industry_id,
                       %(tier)s AS tier_id,
                       partner.account_manager_id
                  FROM (
                    SELECT partner_id, company_id
                      FROM sales
                     GROUP BY partner_id, company_id
                    HAVING SUM(revenue) > 0
                  ) account_sales
                  JOIN res_partner partner ON partner.id = account_sales.partner_id
            ),
            categories AS MATERIALIZED (
                SELECT DISTINCT sales.company_id, sales.categ_id
                  FROM sales
                  JOIN accounts
                    ON accounts.partner_id = sales.partner_id
                   AND accounts.company_id = sales.company_id
                 WHERE sales.revenue > 0
            ),
            -- Each account belongs to the group of its industry, of its tier,
            -- and to a group of its own (no peers).
            memberships AS (
                SELECT membership.*,
                       COUNT(*) OVER (PARTITION BY group_key) AS members
                  FROM (
                    SELECT accounts.*, groups.rank, groups.kind,
                           concat_ws(',', accounts.company_id, groups.kind,
                                     groups.group_id) AS group_key
                      FROM accounts
                     CROSS JOIN LATERAL (
                        VALUES (0, 'industry', accounts.industry_id),
                               (1, 'tier', accounts.tier_id),
                               (2, 'alone', accounts.partner_id)
                     ) AS groups (rank, kind, group_id)
                     WHERE groups.group_id IS NOT NULL
                  ) membership
            ),
            -- Its peers: its industry's group when it holds at least 3 other
            -- accounts, else its tier's (else none).
            chosen AS (
                SELECT memberships.*,
                       rank = MIN(rank) FILTER (
                           WHERE kind <> 'industry' OR members - 1 >= %(min_peers)s
                       ) OVER (PARTITION BY partner_id, company_id)
                           AS is_own_group
                  FROM memberships
            ),
            used AS (
                SELECT chosen.*
                  FROM (
                    SELECT chosen.*,
                           BOOL_OR(is_own_group) OVER (PARTITION BY group_key)
                               AS is_used
                      FROM chosen
                  ) chosen
                 WHERE is_used
            ),
            -- The members of the groups someone's peers are, each with its
            -- revenue of each category.
            member_cells AS (
                SELECT used.*,
                       categories.categ_id,
                       COALESCE(sales.revenue, 0.0) AS revenue
                  FROM used
                  JOIN categories ON categories.company_id = used.company_id
             LEFT JOIN sales
                    ON sales.cell_key = concat_ws(
                           ',', used.partner_id, used.company_id,
                           categories.categ_id
                       )
            ),
            -- Buyers of the category in the group, ranked by revenue.
            ranked AS (
                SELECT member_cells.*,
                       COUNT(*) FILTER (WHERE revenue > 0) OVER cell_group
                           AS buyers,
                       CASE WHEN revenue > 0 THEN ROW_NUMBER() OVER (
                           PARTITION BY group_key, categ_id, revenue > 0
                           ORDER BY revenue, partner_id
                       ) END AS position
                  FROM member_cells
                WINDOW cell_group AS (PARTITION BY group_key, categ_id)
            ),
            -- The revenues at the ranks a median needs: of the n buyers
            -- ((n - 1) / 2 + 1 and n / 2 + 1), and of the n - 1 others when the
            -- account is one of them (the same ranks of n - 1, shifted by one
            -- from the account's own rank on).
            medians AS (
                SELECT ranked.*,
                       MAX(revenue) FILTER (
                           WHERE position = (buyers - 1) / 2 + 1
                       ) OVER cell_group AS at_low,
                       MAX(revenue) FILTER (
                           WHERE position = buyers / 2 + 1
                       ) OVER cell_group AS at_high,
                       MAX(revenue) FILTER (
                           WHERE position = (buyers - 2) / 2 + 2
                       ) OVER cell_group AS at_other_low_next,
                       MAX(revenue) FILTER (
                           WHERE position = (buyers - 2) / 2 + 1
                       ) OVER cell_group AS at_other_low,
                       MAX(revenue) FILTER (
                           WHERE position = (buyers - 1) / 2 + 2
                       ) OVER cell_group AS at_other_high_next
                  FROM ranked
                 WINDOW cell_group AS (PARTITION BY group_key, categ_id)
            ),
            peers AS (
                SELECT medians.partner_id,
                       medians.company_id,
                       medians.industry_id,
                       medians.tier_id,
                       medians.account_manager_id,
                       medians.categ_id,
                       medians.revenue,
                       medians.members - 1 AS peer_count,
                       medians.buyers
                           - CASE WHEN medians.position IS NULL THEN 0 ELSE 1 END
                           AS peer_buyer_count,
                       CASE
                           WHEN medians.buyers
                                - CASE WHEN medians.position IS NULL THEN 0 ELSE 1 END
                                <= 0 THEN 0.0
                           WHEN medians.position IS NULL
                               THEN ROUND((medians.at_low + medians.at_high) / 2.0, 2)
                           ELSE ROUND((
                               CASE WHEN (medians.buyers - 2) / 2 + 1
                                         >= medians.position
                                    THEN medians.at_other_low_next
                                    ELSE medians.at_other_low END
                               + CASE WHEN (medians.buyers - 1) / 2 + 1
                                           >= medians.position
                                      THEN medians.at_other_high_next
                                      ELSE medians.at_low END
                           ) / 2.0, 2)
                       END AS peer_median_revenue
                  FROM medians
                 WHERE medians.is_own_group
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
                   %(is_whitespace)s AS is_whitespace,
                   %(expected_value)s AS expected_value
              FROM peers
              JOIN res_company company ON company.id = peers.company_id
            """,
            is_whitespace=is_whitespace,
            expected_value=self._sql_expected_value(peers, is_whitespace),
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
        value}, among the stored rows the user may read (none where the monthly
        job hasn't run for the current period), in one read of the report."""
        result = {partner.id: self.browse() for partner in partners}
        if not partners or not self.has_access("read"):
            return result
        # The stored rows only: the live statement is the whole company's.
        rows = self.with_context(account_mgmt_whitespace_stored_only=True).search(
            [("partner_id", "in", partners.ids), ("is_whitespace", "=", True)],
            order="expected_value desc, id",
        )
        for row in rows:
            key = row.partner_id.id
            if len(result[key]) < limit:
                result[key] |= row
        return result
