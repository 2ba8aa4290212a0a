# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import fields, models
from odoo.tools import SQL, create_index

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
# report's query 620 ms -> 370 ms). Dropped by the uninstall hook.
OPEN_ITEMS_INDEX = "account_move_line_account_mgmt_open_index"


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    account_mgmt_unit_cost = fields.Float(
        string="Unit Cost at Posting",
        digits="Product Price",
        readonly=True,
        copy=False,
        help="Cost of one unit (in the line's unit of measure) of the product, in "
        "company currency, captured when the customer invoice or credit note was "
        "posted. Client profitability values the cost of goods sold with it, so "
        "margins do not drift when product costs change later. Lines posted before "
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
        create_index(
            self.env.cr,
            OPEN_ITEMS_INDEX,
            self._table,
            ["account_id", "company_id"],
            where="amount_residual <> 0 AND parent_state = 'posted'",
        )
        return res

    def _account_mgmt_capture_unit_cost(self):
        """Store the current product cost on customer invoice product lines.

        Lines are grouped by value so that one write serves every line sharing a
        product, company and unit of measure.
        """
        lines = self.filtered(
            lambda line: (
                line.display_type == "product"
                and line.product_id
                and line.move_id.move_type in ("out_invoice", "out_refund")
            )
        )
        by_cost = {}
        for line in lines:
            product = line.product_id.with_company(line.company_id)
            cost = product.standard_price
            if line.product_uom_id and product.uom_id:
                cost = product.uom_id._compute_price(cost, line.product_uom_id)
            by_cost.setdefault(cost, self.browse())
            by_cost[cost] |= line
        for cost, cost_lines in by_cost.items():
            cost_lines.write({"account_mgmt_unit_cost": cost})

    def _account_mgmt_backfill_unit_cost(self, batch_size=BACKFILL_BATCH_SIZE):
        """Give a unit cost to the posted customer invoice lines that have none.

        Run once at installation: the lines posted before then are valued at the
        product cost of today (converted to the line's unit of measure), which is
        an estimate of the cost they were sold at. Done in SQL by batches of ids.
        """
        self.flush_model()
        self.env["product.product"].flush_model(["standard_price", "product_tmpl_id"])
        self.env["product.template"].flush_model(["uom_id"])
        self.env.cr.execute(SQL("SELECT MIN(id), MAX(id) FROM account_move_line"))
        first_id, last_id = self.env.cr.fetchone()
        if first_id is None:
            return 0
        updated = 0
        for start in range(first_id, last_id + 1, batch_size):
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE account_move_line line
                       SET account_mgmt_unit_cost = ROUND((
                               COALESCE(
                                   (product.standard_price ->> line.company_id::text)
                                       ::numeric,
                                   0
                               )
                               * COALESCE(uom_template.factor, 1)
                               / COALESCE(NULLIF(uom_line.factor, 0), 1)
                           )::numeric, %(digits)s)
                      FROM account_move move,
                           product_product product,
                           product_template template,
                           uom_uom uom_template,
                           uom_uom uom_line
                     WHERE line.id >= %(start)s
                       AND line.id < %(stop)s
                       AND line.account_mgmt_unit_cost IS NULL
                       AND line.display_type = 'product'
                       AND line.parent_state = 'posted'
                       AND move.id = line.move_id
                       AND move.move_type IN ('out_invoice', 'out_refund')
                       AND product.id = line.product_id
                       AND template.id = product.product_tmpl_id
                       AND uom_template.id = template.uom_id
                       AND uom_line.id = COALESCE(line.product_uom_id, template.uom_id)
                    """,
                    digits=self.env["decimal.precision"].precision_get("Product Price"),
                    start=start,
                    stop=start + batch_size,
                )
            )
            updated += self.env.cr.rowcount
        self.invalidate_model(["account_mgmt_unit_cost"])
        _logger.info(
            "Account Management: estimated the unit cost of %s customer invoice "
            "lines posted before installation from today's product costs.",
            updated,
        )
        return updated
