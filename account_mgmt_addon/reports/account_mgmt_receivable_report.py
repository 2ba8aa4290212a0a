# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from . import receivable_open_items as open_items_sql

# Keys sort in aging order: grouped reads (pivot columns) order them by key.
# Unapplied credits (credit notes, payments) are never "overdue": they sit in a
# bucket of their own, aged by their own date.
AGING_BUCKETS = [
    ("00_credits", "Credits"),
    ("0_not_due", "Not Due"),
    ("1_30", "1-30 Days"),
    ("31_60", "31-60 Days"),
    ("61_90", "61-90 Days"),
    ("over_90", "Over 90 Days"),
]
#: Days sales outstanding: open receivable / sales of the last DSO_DAYS days x
#: DSO_DAYS, both tax included.
DSO_DAYS = 90


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
    amount_overdue = fields.Monetary(
        string="Overdue",
        readonly=True,
        help="What remains past due of the item once the account's unapplied "
        "credit notes and payments are applied to its most recent past-due items.",
    )
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

    def init(self):
        res = super().init()
        open_items_sql.create_open_items(self.env.cr)
        return res

    @property
    def _table_query(self) -> SQL:
        return SQL("%s %s %s", self._select(), self._from(), self._where())

    @api.model
    def _select(self) -> SQL:
        return SQL("SELECT item.*")

    @api.model
    def _from(self) -> SQL:
        # Today is computed in Python (not CURRENT_DATE) so that it follows the
        # user's time zone and frozen test dates.
        return SQL(
            "FROM (%(items)s) item",
            items=self._sql_open_items(
                fields.Date.context_today(self), self.env.companies, convert=True
            ),
        )

    @api.model
    def _where(self) -> SQL:
        return SQL()

    @api.model
    def _sql_open_items(self, date, companies, convert=False):
        """The open receivable items of posted entries of ``companies``, aged on
        ``date``: the one definition of open, overdue and aging that the report,
        the partner form, the health score and the reminder read.

        Per item: ``partner_id`` (the commercial entity), its
        ``account_manager_id`` and ``account_tier_id`` (in the item's company),
        ``company_id``,
        ``amount_residual`` (invoices positive, unapplied credit notes and payments
        negative), ``amount_overdue``, ``days_overdue`` and ``aging_bucket``.

        Overdue is what is past due less unapplied credits, never more than the
        open amount and never negative: per account and company, the credits are
        applied to the most recent past-due items first (the oldest debt stays
        visible, as a collector would chase it), so an item's ``amount_overdue``
        is what remains of it, ``days_overdue`` counts only while something
        remains, and the items' overdue amounts sum to ``max(0, past due +
        credits)``. Credits are aged by their own date in the "Credits" bucket.

        :param convert: amounts in the current company's currency (at today's
            rate); otherwise in each company's currency
        """
        # What the SQL reads: the report's own dependencies.
        for model, fnames in self._depends.items():
            self.env[model].flush_model(fnames)
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        if convert:
            rate = SQL("account_currency_table.rate")
            currency_join = SQL(
                "JOIN %s ON account_currency_table.company_id = line.company_id",
                self.env["res.currency"]._account_mgmt_currency_table(companies),
            )
            currency_id = SQL("%s", self.env.company.currency_id.id)
        else:
            rate = SQL("1.0")
            currency_join = SQL(
                "JOIN res_company line_company ON line_company.id = line.company_id"
            )
            currency_id = SQL("line_company.currency_id")
        past_due = SQL("open.amount_residual > 0 AND open.date_maturity < %s", date)
        open_items = SQL(
            """
            SELECT line.id,
                   line.move_id,
                   line.commercial_partner_id AS partner_id,
                   line.company_id,
                   %(currency_id)s AS currency_id,
                   line.currency_id AS invoice_currency_id,
                   line.date,
                   line.date_maturity,
                   line.amount_residual * %(rate)s AS amount_residual,
                   line.amount_residual_currency,
                   line.account_manager_id,
                   line.account_tier_id
              FROM %(open_items)s line
              %(currency_join)s
             WHERE line.company_id IN %(company_ids)s
            """,
            rate=rate,
            currency_id=currency_id,
            currency_join=currency_join,
            open_items=SQL.identifier(open_items_sql.OPEN_ITEMS_TABLE),
            company_ids=tuple(companies.ids) or (None,),
        )
        # whether the item's account has unapplied credits in its company
        has_credits = SQL(
            """
            EXISTS (SELECT FROM %(open_items)s credit
                     WHERE credit.company_id = open.company_id
                       AND credit.commercial_partner_id = open.partner_id
                       AND credit.amount_residual < 0)
            """,
            open_items=SQL.identifier(open_items_sql.OPEN_ITEMS_TABLE),
        )
        # Three levels: the open items (kept by triggers in a table of their own,
        # see receivable_open_items); the credits applied to them; their aging.
        # Without unapplied credits an item's overdue amount is what is past due
        # of it: the credits' window (two window aggregates, sorting the items)
        # runs only on the items of accounts that have credits.
        return SQL(
            """
            SELECT item.id,
                   item.move_id,
                   item.partner_id,
                   item.company_id,
                   item.currency_id,
                   item.invoice_currency_id,
                   item.date,
                   item.date_maturity,
                   item.amount_residual,
                   item.amount_residual_currency,
                   item.amount_overdue,
                   CASE WHEN item.amount_overdue > 0
                        THEN %(date)s - item.date_maturity ELSE 0
                   END AS days_overdue,
                   CASE WHEN item.amount_residual < 0 THEN '00_credits'
                        WHEN item.date_maturity >= %(date)s THEN '0_not_due'
                        WHEN %(date)s - item.date_maturity <= 30 THEN '1_30'
                        WHEN %(date)s - item.date_maturity <= 60 THEN '31_60'
                        WHEN %(date)s - item.date_maturity <= 90 THEN '61_90'
                        ELSE 'over_90'
                   END AS aging_bucket,
                   item.account_manager_id,
                   item.account_tier_id
              FROM (
                SELECT open.*,
                       CASE WHEN %(past_due)s THEN open.amount_residual
                       ELSE 0.0 END AS amount_overdue
                  FROM (%(open_items)s) open
                 WHERE NOT %(has_credits)s
             UNION ALL
                SELECT open.*,
                       CASE WHEN %(past_due)s THEN GREATEST(0.0, LEAST(
                           open.amount_residual,
                           SUM(open.amount_residual) FILTER (WHERE %(past_due)s)
                               OVER (PARTITION BY open.partner_id, open.company_id
                                     ORDER BY open.date_maturity DESC, open.id DESC)
                           + SUM(LEAST(open.amount_residual, 0.0))
                               OVER (PARTITION BY open.partner_id, open.company_id)))
                       ELSE 0.0 END AS amount_overdue
                  FROM (%(open_items)s) open
                 WHERE %(has_credits)s
              ) item
            """,
            date=date,
            past_due=past_due,
            open_items=open_items,
            has_credits=has_credits,
        )

    @api.model
    def _get_recent_sales(self, partners):
        """Sales of the last 90 days (today included), tax included, per account:
        posted customer invoices and sales receipts less credit notes, in the
        current company's currency, over the selected companies. The DSO's
        denominator, on the same tax-inclusive basis as the receivables.

        Raw SQL on the ledger (no record rule): call it only for accounts whose
        receivables the user may read.
        """
        if not partners:
            return {}
        self.env["account.move"].flush_model(
            [
                "move_type",
                "state",
                "company_id",
                "commercial_partner_id",
                "invoice_date",
                "amount_total_signed",
            ]
        )
        today = fields.Date.context_today(self)
        self.env.cr.execute(
            SQL(
                """
                SELECT move.commercial_partner_id,
                       SUM(move.amount_total_signed * account_currency_table.rate)
                  FROM account_move move
                  JOIN %(currency_table)s
                    ON account_currency_table.company_id = move.company_id
                 WHERE move.state = 'posted'
                   AND move.move_type IN ('out_invoice', 'out_refund', 'out_receipt')
                   AND move.commercial_partner_id IN %(partner_ids)s
                   AND move.company_id IN %(company_ids)s
                   AND move.invoice_date > %(date_from)s
                   AND move.invoice_date <= %(today)s
              GROUP BY move.commercial_partner_id
                """,
                currency_table=self.env["res.currency"]._account_mgmt_currency_table(
                    self.env.companies
                ),
                partner_ids=tuple(partners.ids),
                company_ids=tuple(self.env.companies.ids),
                date_from=today - relativedelta(days=DSO_DAYS),
                today=today,
            )
        )
        return dict(self.env.cr.fetchall())

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
