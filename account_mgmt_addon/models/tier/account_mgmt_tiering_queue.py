# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a run of automatic tiering in batches still has to write.

A run evaluates the figures of every account of a company once, in its first
call (one statement for the whole company: a few seconds on 50,000 accounts,
more while the profitability summary has months to catch up), keeps the accounts
whose stored figures or tier differ here, with the figures it evaluated, and
each next call writes the next batch of them (in partner id order) and takes
them off: a batch costs in proportion to its size. A batch and its rows leave
together, in the batch's transaction: a run killed halfway loses one batch and
the next call does it again.

A row without an account marks the company as evaluated in the current run:
while another company still has accounts queued, the cron does not evaluate it
a second time; once no company has any, the next call starts a new run.
"""

from odoo import fields, models


class AccountMgmtTieringQueue(models.Model):
    _name = "account_mgmt.tiering.queue"
    _description = "Automatic Tiering Queue"
    _log_access = False
    _order = "company_id, partner_id"

    company_id = fields.Many2one(
        comodel_name="res.company",
        string="Company",
        required=True,
        ondelete="cascade",
        index=True,
    )
    # empty: the company's mark "evaluated in this run"
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Account", ondelete="cascade"
    )
    # the day whose figures the run uses (empty: today's, as the daily job)
    date = fields.Date(string="Figures Of")
    group_id = fields.Integer(string="Corporate Group")
    revenue = fields.Float(string="Revenue")
    cogs = fields.Float(string="Cost of Goods Sold")
    group_revenue = fields.Float(string="Group Revenue")
    group_cogs = fields.Float(string="Group Cost of Goods Sold")
    group_size = fields.Integer(string="Group Size")

    _sql_constraints = [
        (
            "company_partner_uniq",
            "UNIQUE(company_id, partner_id)",
            "An account is queued once per company.",
        ),
    ]
