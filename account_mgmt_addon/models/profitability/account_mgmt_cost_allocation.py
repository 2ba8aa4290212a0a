# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AccountMgmtCostAllocation(models.Model):
    """The share of a cost pool borne by one account in one month.

    Written only by ``account_mgmt.cost.pool._allocate`` (users read them).
    """

    _name = "account_mgmt.cost.allocation"
    _description = "Cost Allocation"
    _order = "date desc, pool_id, partner_id"
    _check_company_auto = True

    pool_id = fields.Many2one(
        comodel_name="account_mgmt.cost.pool",
        string="Cost Pool",
        required=True,
        index=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Account",
        required=True,
        index=True,
        ondelete="restrict",
    )
    date = fields.Date(
        string="Month",
        required=True,
        index=True,
        help="First day of the month the cost is allocated to.",
    )
    amount = fields.Monetary(currency_field="currency_id")
    driver = fields.Selection(related="pool_id.driver")
    driver_value = fields.Float(
        string="Driver Base",
        digits=(16, 2),
        help="The account's driver base in the month (hours, interactions, invoices, "
        "revenue, or 1 for an equal share).",
    )
    company_id = fields.Many2one(
        related="pool_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    _sql_constraints = [
        (
            "pool_partner_month_uniq",
            "unique(pool_id, partner_id, date)",
            "A cost pool allocates to an account once per month.",
        ),
    ]

    @api.depends("pool_id", "partner_id", "date")
    def _compute_display_name(self):
        for allocation in self:
            allocation.display_name = (
                f"{allocation.pool_id.name} / {allocation.partner_id.display_name}"
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.pool_id._check_period_unlocked()
