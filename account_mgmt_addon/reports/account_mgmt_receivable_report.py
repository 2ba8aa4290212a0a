# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

# Keys sort in aging order: grouped reads (pivot columns) order them by key.
AGING_BUCKETS = [
    ("0_not_due", "Not Due"),
    ("1_30", "1-30 Days"),
    ("31_60", "31-60 Days"),
    ("61_90", "61-90 Days"),
    ("over_90", "Over 90 Days"),
]


class AccountMgmtReceivableReport(models.Model):
    """Open receivable items of posted entries, per account, aged today.

    Amounts are in company currency (converted to the current company's currency
    at today's rate when several companies of different currencies are
    selected); ``amount_residual_currency`` stays in the invoice currency.
    """

    _name = "account_mgmt.receivable.report"
    _inherit = ["account_mgmt.grouped.report.mixin"]
    _description = "Receivables per Account"
    _auto = False
    _rec_name = "move_id"
    _order = "date_maturity, id"

    move_id = fields.Many2one(
        comodel_name="account.move", string="Invoice", readonly=True
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Account", readonly=True
    )
    company_id = fields.Many2one(
        comodel_name="res.company", string="Company", readonly=True
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency", string="Currency", readonly=True
    )
    invoice_currency_id = fields.Many2one(
        comodel_name="res.currency", string="Invoice Currency", readonly=True
    )
    date = fields.Date(string="Invoice Date", readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    amount_residual = fields.Monetary(string="Amount Due", readonly=True)
    amount_residual_currency = fields.Monetary(
        string="Amount Due in Invoice Currency",
        currency_field="invoice_currency_id",
        readonly=True,
        aggregator=None,
    )
    amount_overdue = fields.Monetary(string="Overdue", readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    aging_bucket = fields.Selection(
        selection=AGING_BUCKETS, string="Aging", readonly=True
    )
    account_manager_id = fields.Many2one(
        comodel_name="res.users", string="Account Manager", readonly=True
    )
    account_tier_id = fields.Many2one(
        comodel_name="account_mgmt.tier", string="Tier", readonly=True
    )

    _depends = {
        "account.move": ["invoice_date", "commercial_partner_id"],
        "account.move.line": [
            "move_id",
            "account_id",
            "partner_id",
            "company_id",
            "currency_id",
            "date",
            "date_maturity",
            "amount_residual",
            "amount_residual_currency",
            "parent_state",
        ],
        "account.account": ["account_type"],
        "res.partner": [
            "commercial_partner_id",
            "account_manager_id",
            "account_tier_id",
        ],
    }

    @property
    def _table_query(self) -> SQL:
        return SQL("%s %s %s", self._select(), self._from(), self._where())

    @api.model
    def _select(self) -> SQL:
        # Today is computed in Python (not CURRENT_DATE) so that it follows the
        # user's time zone and frozen test dates.
        today = fields.Date.context_today(self)
        due = SQL("COALESCE(line.date_maturity, line.date)")
        return SQL(
            """
            SELECT line.id,
                   line.move_id,
                   line_partner.commercial_partner_id AS partner_id,
                   line.company_id,
                   %(currency_id)s AS currency_id,
                   line.currency_id AS invoice_currency_id,
                   COALESCE(move.invoice_date, line.date) AS date,
                   %(due)s AS date_maturity,
                   line.amount_residual * account_currency_table.rate
                       AS amount_residual,
                   line.amount_residual_currency,
                   CASE WHEN line.amount_residual > 0 AND %(due)s < %(today)s
                        THEN %(today)s - %(due)s ELSE 0
                   END AS days_overdue,
                   CASE WHEN line.amount_residual > 0 AND %(due)s < %(today)s
                        THEN line.amount_residual * account_currency_table.rate
                        ELSE 0.0
                   END AS amount_overdue,
                   CASE WHEN %(due)s >= %(today)s THEN '0_not_due'
                        WHEN %(today)s - %(due)s <= 30 THEN '1_30'
                        WHEN %(today)s - %(due)s <= 60 THEN '31_60'
                        WHEN %(today)s - %(due)s <= 90 THEN '61_90'
                        ELSE 'over_90'
                   END AS aging_bucket,
                   client.account_manager_id,
                   %(tier)s AS account_tier_id
            """,
            currency_id=self.env.company.currency_id.id,
            due=due,
            today=today,
            tier=self.env["account_mgmt.profitability.report"]._sql_partner_tier(
                SQL("client"), SQL("line.company_id")
            ),
        )

    @api.model
    def _from(self) -> SQL:
        # Outer joins on unique keys: PostgreSQL leaves them out of the grouped
        # reads that don't use their columns (most pivot cells).
        return SQL(
            """
            FROM account_move_line line
            JOIN res_partner line_partner ON line_partner.id = line.partner_id
            JOIN %(currency_table)s
              ON account_currency_table.company_id = line.company_id
            LEFT JOIN account_move move ON move.id = line.move_id
            LEFT JOIN res_partner client
              ON client.id = line_partner.commercial_partner_id
            """,
            currency_table=self.env["res.currency"]._get_simple_currency_table(
                self.env.companies
            ),
        )

    @api.model
    def _where(self) -> SQL:
        # The receivable accounts as an array: the open items index serves it.
        return SQL(
            """
            WHERE line.account_id = ANY(ARRAY(
                      SELECT id FROM account_account
                       WHERE account_type = 'asset_receivable'))
              AND line.parent_state = 'posted'
              AND line.amount_residual != 0
              AND line.company_id IN %s
            """,
            tuple(self.env.companies.ids),
        )

    @api.model
    def _get_account_figures(self, partners):
        """Open receivable, overdue amount and oldest overdue days per account,
        read with the user's rights.

        :return: {partner id: (open receivable, overdue amount, oldest overdue days)}
        """
        return {
            partner.id: (residual, overdue, days)
            for partner, residual, overdue, days in self._read_group(
                [("partner_id", "in", partners.ids)],
                ["partner_id"],
                ["amount_residual:sum", "amount_overdue:sum", "days_overdue:max"],
            )
        }
