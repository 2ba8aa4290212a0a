# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.tools import SQL, create_index, index_exists

_logger = logging.getLogger(__name__)

# Journal items are updated by id ranges of this size when the unit cost is
# backfilled at installation, so that one statement never locks the whole table.
BACKFILL_BATCH_SIZE = 50000

# Partial index on the (few) anglo-saxon COGS items: the profitability report looks
# for them for every revenue line; without it each look-up scans the move's items
# (measured on 200k journal items: report query 1.0 s -> 0.7 s). Dropped by the
# uninstall hook, since it is not attached to a field of the add-on.
COGS_INDEX = "account_move_line_account_mgmt_cogs_index"
# Partial index on the open items (posted, residual not zero) by account: the
# receivables report reads the open items of the receivable accounts only; without
# it the report scans every journal item (2.5 M items, 38k open receivable: the
# report's query 620 ms -> 370 ms). It also holds every column the open items'
# SQL reads (``OPEN_ITEMS_INCLUDE``), so that PostgreSQL reads them from the
# index alone (an index-only scan) instead of visiting 25,000 pages of journal
# items each time (large: the aging pivot's total 710 ms -> 440 ms). Dropped by
# the uninstall hook.
OPEN_ITEMS_INDEX = "account_move_line_account_mgmt_open_items_index"
OPEN_ITEMS_INCLUDE = (
    "id",
    "move_id",
    "partner_id",
    "currency_id",
    "date",
    "date_maturity",
    "amount_residual",
    "amount_residual_currency",
)
# The same index before 18.0.1.3.0, without the included columns.
OLD_OPEN_ITEMS_INDEX = "account_move_line_account_mgmt_open_index"

# Sales: customer invoices, credit notes and sales receipts ...
SALE_MOVE_TYPES = ("out_invoice", "out_refund", "out_receipt")
# ... their product lines on these accounts ...
INCOME_ACCOUNT_TYPES = ("income", "income_other")
# ... and the expense side of their anglo-saxon COGS items.
COGS_ACCOUNT_TYPES = ("expense", "expense_direct_cost", "expense_depreciation")


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    account_mgmt_unit_cost = fields.Float(
        string="Unit Cost at Posting",
        digits="Product Price",
        readonly=True,
        copy=False,
        help="Cost of one unit (in the line's unit of measure) of the product, in "
        "company currency, captured when the customer invoice, credit note or "
        "sales receipt was posted. Client profitability values the cost of goods "
        "sold with it, so margins do not drift when product costs change later. "
        "Lines posted before "
        "the Account Management add-on was installed hold the product cost of the "
        "installation day: an estimate.",
    )

    def init(self):
        res = super().init()
        create_index(
            self.env.cr,
            COGS_INDEX,
            self._table,
            ["move_id", "product_id"],
            where="display_type = 'cogs'",
        )
        self.env.cr.execute(
            SQL("DROP INDEX IF EXISTS %s", SQL.identifier(OLD_OPEN_ITEMS_INDEX))
        )
        if not index_exists(self.env.cr, OPEN_ITEMS_INDEX):
            self.env.cr.execute(
                SQL(
                    """
                    CREATE INDEX %(index)s ON %(table)s (account_id, company_id)
                    INCLUDE (%(include)s)
                    WHERE amount_residual <> 0 AND parent_state = 'posted'
                    """,
                    index=SQL.identifier(OPEN_ITEMS_INDEX),
                    table=SQL.identifier(self._table),
                    include=SQL(", ").join(map(SQL.identifier, OPEN_ITEMS_INCLUDE)),
                )
            )
        return res

    # ------------------------------------------------------------------
    # Sales and the cost of a line: the one definition every feature reads
    # (tiering, plans, health, the profitability report and its summary, the
    # exports, the capture at posting and the backfill).
    # ------------------------------------------------------------------
    @api.model
    def _account_mgmt_sales_line_sql(self, line, move, account):
        """Condition of a sales line: a product line of a posted customer invoice,
        credit note or sales receipt, on an income account.

        :param line: SQL alias of ``account_move_line``
        :param move: SQL alias of its ``account_move``
        :param account: SQL alias of its ``account_account``
        """
        return SQL(
            """
                %(line)s.parent_state = 'posted'
            AND %(line)s.display_type = 'product'
            AND %(move)s.move_type IN %(sale_types)s
            AND %(account)s.account_type IN %(income_types)s
            """,
            line=line,
            move=move,
            account=account,
            sale_types=SALE_MOVE_TYPES,
            income_types=INCOME_ACCOUNT_TYPES,
        )

    @api.model
    def _account_mgmt_cogs_item_sql(self, line, move, account):
        """Condition of an anglo-saxon COGS journal item of a sale: its expense
        side, posted with the customer invoice, credit note or receipt."""
        return SQL(
            """
                %(line)s.parent_state = 'posted'
            AND %(line)s.display_type = 'cogs'
            AND %(move)s.move_type IN %(sale_types)s
            AND %(account)s.account_type IN %(cogs_types)s
            """,
            line=line,
            move=move,
            account=account,
            sale_types=SALE_MOVE_TYPES,
            cogs_types=COGS_ACCOUNT_TYPES,
        )

    @api.model
    def _account_mgmt_product_unit_cost_sql(self):
        """Today's cost of one unit of a line's unit of measure, company currency,
        rounded like the captured unit cost (NULL without a product cost).

        Aliases: ``line``, ``product`` (product_product), ``product_uom`` and
        ``line_uom`` (uom_uom of the product and of the line). The unit of
        measure factor is the number of units per reference unit: a dozen costs
        12 units (cost x product factor / line factor).
        """
        return SQL(
            """
            ROUND(
                (product.standard_price ->> line.company_id::text)::numeric
                * COALESCE(product_uom.factor, 1)
                / COALESCE(NULLIF(line_uom.factor, 0), 1),
                %(digits)s
            )
            """,
            digits=self.env["decimal.precision"].precision_get("Product Price"),
        )

    @api.model
    def _account_mgmt_line_cost_sql(self):
        """Cost of goods of one sales line, company currency, signed like its
        revenue (negative on credit notes), rounded to the company currency.

        The unit cost captured at posting x the quantity (a line posted without
        one: today's product cost, see ``_account_mgmt_product_unit_cost_sql``);
        zero when the entry holds anglo-saxon COGS items for the product (those
        items are the cost, see ``_account_mgmt_sales_sql``) or without product.

        Aliases: ``line``, ``move``, ``currency`` (the company currency),
        ``product``, ``product_uom``, ``line_uom``.
        """
        return SQL(
            """
            CASE
                WHEN line.product_id IS NULL OR EXISTS (
                    SELECT 1
                      FROM account_move_line cogs_line
                     WHERE cogs_line.move_id = line.move_id
                       AND cogs_line.display_type = 'cogs'
                       AND cogs_line.product_id = line.product_id
                ) THEN 0.0
                ELSE ROUND(
                    line.quantity * COALESCE(
                        line.account_mgmt_unit_cost, %(product_cost)s, 0.0
                    ),
                    currency.decimal_places
                ) * CASE WHEN move.move_type = 'out_refund' THEN -1 ELSE 1 END
            END
            """,
            product_cost=self._account_mgmt_product_unit_cost_sql(),
        )

    @api.model
    def _account_mgmt_sales_sql(self, where=None):
        """Every journal item behind sales figures, with its revenue and cost.

        Sales lines (``_account_mgmt_sales_line_sql``) with their revenue and
        cost (``_account_mgmt_line_cost_sql``), and the anglo-saxon COGS items
        of sales (their balance is the cost).

        Columns: aml_id, move_id, move_type, partner_id (of the journal item),
        commercial_partner_id (the customer of the entry), company_id, date,
        product_id, revenue, cogs (company currency, negative on credit notes).

        :param where: SQL conditions (starting with ``AND``) on ``line`` (and
            ``move``), added to both parts
        """
        self._account_mgmt_flush_sales()
        where = where or SQL()
        line, move, account = (SQL.identifier(a) for a in ("line", "move", "account"))
        return SQL(
            """
            SELECT line.id AS aml_id, line.move_id, move.move_type, line.partner_id,
                   move.commercial_partner_id, line.company_id, line.date,
                   line.product_id,
                   -line.balance AS revenue,
                   %(cost)s AS cogs
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN account_account account ON account.id = line.account_id
              JOIN res_currency currency ON currency.id = line.company_currency_id
         LEFT JOIN product_product product ON product.id = line.product_id
         LEFT JOIN product_template template ON template.id = product.product_tmpl_id
         LEFT JOIN uom_uom product_uom ON product_uom.id = template.uom_id
         LEFT JOIN uom_uom line_uom ON line_uom.id = line.product_uom_id
             WHERE %(sales_line)s
                   %(where)s
             UNION ALL
            SELECT line.id, line.move_id, move.move_type, line.partner_id,
                   move.commercial_partner_id, line.company_id, line.date,
                   line.product_id,
                   0.0,
                   line.balance
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN account_account account ON account.id = line.account_id
             WHERE %(cogs_item)s
                   %(where)s
            """,
            cost=self._account_mgmt_line_cost_sql(),
            sales_line=self._account_mgmt_sales_line_sql(line, move, account),
            cogs_item=self._account_mgmt_cogs_item_sql(line, move, account),
            where=where,
        )

    @api.model
    def _account_mgmt_flush_sales(self):
        """Flush what the SQL of sales and costs reads."""
        self.flush_model(
            [
                "move_id",
                "account_id",
                "partner_id",
                "company_id",
                "company_currency_id",
                "date",
                "balance",
                "quantity",
                "display_type",
                "parent_state",
                "product_id",
                "product_uom_id",
                "account_mgmt_unit_cost",
            ]
        )
        self.env["account.move"].flush_model(
            ["move_type", "commercial_partner_id", "state"]
        )
        self.env["account.account"].flush_model(["account_type"])
        self.env["product.product"].flush_model(["standard_price", "product_tmpl_id"])
        self.env["product.template"].flush_model(["uom_id"])
        self.env["uom.uom"].flush_model(["factor"])

    def _account_mgmt_capture_unit_cost(self):
        """Store today's product cost on the sales lines of ``self`` (posting)."""
        if self:
            self._account_mgmt_set_unit_cost(SQL("AND line.id IN %s", tuple(self.ids)))

    @api.model
    def _account_mgmt_set_unit_cost(self, where):
        """Set the unit cost of the sales lines matching ``where`` (conditions on
        ``line``) to today's product cost, in one statement; return their number."""
        self._account_mgmt_flush_sales()
        line, move, account = (SQL.identifier(a) for a in ("line", "move", "account"))
        self.env.cr.execute(
            SQL(
                """
                UPDATE account_move_line line
                   SET account_mgmt_unit_cost = COALESCE(%(product_cost)s, 0.0)
                  FROM account_move move,
                       account_account account,
                       product_product product,
                       product_template template,
                       uom_uom product_uom,
                       uom_uom line_uom
                 WHERE move.id = line.move_id
                   AND account.id = line.account_id
                   AND product.id = line.product_id
                   AND template.id = product.product_tmpl_id
                   AND product_uom.id = template.uom_id
                   AND line_uom.id = COALESCE(line.product_uom_id, template.uom_id)
                   AND %(sales_line)s
                   %(where)s
                """,
                product_cost=self._account_mgmt_product_unit_cost_sql(),
                sales_line=self._account_mgmt_sales_line_sql(line, move, account),
                where=where,
            )
        )
        self.invalidate_model(["account_mgmt_unit_cost"])
        return self.env.cr.rowcount

    @api.model
    def _account_mgmt_backfill_unit_cost(self, batch_size=BACKFILL_BATCH_SIZE):
        """Give a unit cost to the posted sales lines that have none.

        Run once at installation (and when upgrading to 18.0.1.2.0, for sales
        receipts): the lines posted before then are valued at the product cost
        of today (converted to the line's unit of measure), which is an estimate
        of the cost they were sold at. Done in SQL by batches of ids.
        """
        self.flush_model()
        self.env.cr.execute(SQL("SELECT MIN(id), MAX(id) FROM account_move_line"))
        first_id, last_id = self.env.cr.fetchone()
        if first_id is None:
            return 0
        updated = 0
        for start in range(first_id, last_id + 1, batch_size):
            updated += self._account_mgmt_set_unit_cost(
                SQL(
                    """
                    AND line.id >= %(start)s
                    AND line.id < %(stop)s
                    AND line.account_mgmt_unit_cost IS NULL
                    """,
                    start=start,
                    stop=start + batch_size,
                )
            )
        _logger.info(
            "Account Management: estimated the unit cost of %s sales lines "
            "posted before installation from today's product costs.",
            updated,
        )
        return updated
