# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The stored whitespace: the report's statement, computed by the monthly job.

Peers and medians need the whole company, so the job computes one company per
batch (``account_mgmt_addon.batch_size.whitespace`` companies per call, 1 by
default: the whole company's statement took 6.8 s on the ``large`` benchmark),
replaces that company's rows in one transaction and records the run (period and
time). The report reads the stored rows of a company whose run is for the
current period; the others are computed live.
"""

from odoo import api, fields, models
from odoo.tools import SQL

from ...tools.jobs import batch_size, notify_progress, try_job_lock

JOB = "whitespace"
# Companies computed per call of the monthly job.
WHITESPACE_BATCH = 1
# The stored columns, in the order of the report's statement.
STORED_COLUMNS = (
    "id",
    "partner_id",
    "categ_id",
    "company_id",
    "currency_id",
    "account_tier_id",
    "industry_id",
    "revenue",
    "peer_count",
    "peer_buyer_count",
    "penetration",
    "peer_median_revenue",
    "is_whitespace",
    "expected_value",
)


class AccountMgmtWhitespaceLine(models.Model):
    """One account x product category of a company, over the 12 complete months
    before the month of the run (see ``account_mgmt.whitespace.run``)."""

    _name = "account_mgmt.whitespace.line"
    _description = "Whitespace (stored)"
    # A plain table (``init``): the job inserts 640,000 rows on ``large``; the
    # ORM's foreign keys and their per-row checks made that insert 64 s. The id
    # is the report's row id (account, category and company): its primary key
    # forbids a second row of the same cell. The report joins the accounts and
    # categories that still exist.
    _auto = False
    _log_access = False
    _order = "expected_value desc, id"
    _rec_name = "categ_id"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Account",
        readonly=True,
    )
    categ_id = fields.Many2one(
        comodel_name="product.category",
        string="Product Category",
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        string="Company",
        readonly=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency", string="Currency", readonly=True
    )
    account_tier_id = fields.Many2one(
        comodel_name="account_mgmt.tier", string="Tier", readonly=True
    )
    industry_id = fields.Many2one(
        comodel_name="res.partner.industry", string="Industry", readonly=True
    )
    revenue = fields.Monetary(readonly=True)
    peer_count = fields.Integer(string="Peers", readonly=True)
    peer_buyer_count = fields.Integer(string="Peers Buying", readonly=True)
    penetration = fields.Float(string="Penetration (%)", digits=(16, 2), readonly=True)
    peer_median_revenue = fields.Monetary(string="Peer Median Revenue", readonly=True)
    is_whitespace = fields.Boolean(string="Whitespace", readonly=True)
    expected_value = fields.Monetary(string="Expected Value", readonly=True)

    def init(self):
        self.env.cr.execute(
            SQL(
                """
                CREATE TABLE IF NOT EXISTS %(table)s (
                    id bigint PRIMARY KEY,
                    partner_id integer NOT NULL,
                    categ_id integer NOT NULL,
                    company_id integer NOT NULL,
                    currency_id integer,
                    account_tier_id integer,
                    industry_id integer,
                    revenue numeric,
                    peer_count integer,
                    peer_buyer_count integer,
                    penetration numeric,
                    peer_median_revenue numeric,
                    is_whitespace boolean,
                    expected_value numeric
                );
                CREATE INDEX IF NOT EXISTS %(partner_index)s
                    ON %(table)s (partner_id);
                """,
                table=SQL.identifier(self._table),
                partner_index=SQL.identifier(f"{self._table}_partner_id_index"),
            )
        )

    # ------------------------------------------------------------------
    # The monthly job
    # ------------------------------------------------------------------
    @api.model
    def _account_mgmt_companies_to_compute(self):
        """Companies with a ledger whose stored whitespace is not for the
        current period (never computed, or computed in an earlier month)."""
        date_from, _date_to = self.env[
            "account_mgmt.whitespace.report"
        ]._account_mgmt_window()
        companies = (
            self.env["res.company"].sudo().search([("chart_template", "!=", False)])
        )
        current = (
            self.env["account_mgmt.whitespace.run"]
            .sudo()
            .search(
                [("company_id", "in", companies.ids), ("date_from", "=", date_from)]
            )
            .company_id
        )
        return companies - current

    @api.model
    def _cron_account_mgmt_compute_whitespace(self):
        """One bounded batch of the monthly job: the next companies whose
        stored whitespace is not for the current period. Returns the number of
        companies done and the number still to do after this batch (also
        reported to the cron runner)."""
        todo = self._account_mgmt_companies_to_compute()
        size = batch_size(self.env, JOB, WHITESPACE_BATCH)
        batch = todo[:size]
        done = self.env["res.company"]
        for company in batch:
            # Another worker is computing this company: leave it to it.
            if try_job_lock(self.env, JOB, company.id):
                self._account_mgmt_compute(company)
                done |= company
        remaining = len(todo) - len(done)
        notify_progress(self.env, done=len(done), remaining=remaining)
        return len(done), remaining

    @api.model
    def _account_mgmt_compute(self, companies):
        """Replace the stored whitespace of ``companies`` by the report's
        statement over the current period (one INSERT ... SELECT per company:
        peers and medians are per company)."""
        Report = self.env["account_mgmt.whitespace.report"].sudo()
        date_from, date_to = Report._account_mgmt_window()
        Run = self.env["account_mgmt.whitespace.run"].sudo()
        self.flush_model()
        columns = SQL(", ").join(SQL.identifier(name) for name in STORED_COLUMNS)
        for company in companies:
            self.env.cr.execute(
                SQL(
                    "DELETE FROM account_mgmt_whitespace_line WHERE company_id = %s",
                    company.id,
                )
            )
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO account_mgmt_whitespace_line (%(columns)s)
                    SELECT %(columns)s FROM (%(statement)s) ws
                    """,
                    columns=columns,
                    statement=Report._sql_whitespace(date_from, date_to, company),
                )
            )
            count = self.env.cr.rowcount
            vals = {
                "date_from": date_from,
                "date_to": date_to,
                "computed_on": fields.Datetime.now(),
                "line_count": count,
            }
            run = Run.search([("company_id", "=", company.id)])
            if run:
                run.write(vals)
            else:
                Run.create(dict(vals, company_id=company.id))
        self.invalidate_model()

    @api.model
    def _account_mgmt_refresh_threshold(self, companies):
        """The threshold of ``companies`` changed: their stored rows' whitespace
        and expected value again (the other figures don't depend on it)."""
        if not companies:
            return
        self.env["res.company"].flush_model(["account_mgmt_whitespace_threshold"])
        self.flush_model()
        Report = self.env["account_mgmt.whitespace.report"]
        line, company = SQL.identifier("line"), SQL.identifier("company")
        self.env.cr.execute(
            SQL(
                """
                UPDATE account_mgmt_whitespace_line line
                   SET is_whitespace = %(is_whitespace)s,
                       expected_value = %(expected_value)s
                  FROM res_company company
                 WHERE company.id = line.company_id
                   AND line.company_id IN %(company_ids)s
                """,
                is_whitespace=Report._sql_is_whitespace(line, company),
                expected_value=Report._sql_expected_value(
                    line, Report._sql_is_whitespace(line, company)
                ),
                company_ids=tuple(companies.ids),
            )
        )
        self.invalidate_model(["is_whitespace", "expected_value"])


class AccountMgmtWhitespaceRun(models.Model):
    """When a company's stored whitespace was computed, and over which months."""

    _name = "account_mgmt.whitespace.run"
    _description = "Whitespace Computation"
    _order = "company_id"
    _rec_name = "company_id"

    company_id = fields.Many2one(
        comodel_name="res.company",
        string="Company",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    computed_on = fields.Datetime(string="Computed On", required=True, readonly=True)
    line_count = fields.Integer(string="Rows", readonly=True)

    _sql_constraints = [
        (
            "company_unique",
            "UNIQUE(company_id)",
            "A company has one whitespace computation.",
        )
    ]
