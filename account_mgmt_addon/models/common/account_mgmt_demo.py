# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo ledger: 24 months of invoices, credit notes, payments and vendor bills.

Amounts are fixed by the profiles below (no randomness), so the demo screens are
the same on every database and tests can state the figures they expect. Dates derive
from one "today" (the user's) and month boundaries: a month's invoice is on its 10th
(today, for the current month before the 10th), so monthly figures, what is open and
what is overdue are the same on any day of any month.
"""

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

# account xml id -> (months with an invoice, [(product xml id, quantity, unit price)],
#                    currency xml id or None, months left unpaid)
# A month is "k months ago"; k = 0 is the current month.
DEMO_PROFILES = {
    "partner_northwind_demo": (
        range(0, 24, 3),
        [("product_control_unit_demo", 2, 3500.0)],
        None,
        {3},
    ),
    "partner_northwind_logistics_demo": (
        range(24),
        [("product_sensor_demo", 3, 1200.0)],
        None,
        set(),
    ),
    "partner_northwind_europe_demo": (
        range(0, 24, 2),
        [("product_control_unit_demo", 1, 3200.0)],
        "base.EUR",
        set(),
    ),
    "partner_bluewater_demo": (
        range(24),
        [("product_sensor_demo", 5, 1200.0)],
        None,
        set(),
    ),
    "partner_helios_demo": (
        range(24),
        [
            ("product_control_unit_demo", 2, 3500.0),
            ("product_installation_demo", 1, 800.0),
        ],
        None,
        {2, 4, 5},
    ),
    "partner_aurora_demo": (
        range(0, 24, 2),
        [("product_support_demo", 1, 2400.0), ("product_installation_demo", 2, 800.0)],
        None,
        set(),
    ),
    "partner_pinnacle_demo": (
        range(0, 24, 3),
        [("product_sensor_demo", 4, 1200.0)],
        None,
        {3},
    ),
    "partner_sakura_demo": (
        range(24),
        [("product_support_demo", 1, 2400.0)],
        None,
        set(),
    ),
    "partner_vertex_demo": (
        range(12, 24, 2),
        [("product_installation_demo", 1, 800.0)],
        None,
        {12},
    ),
    "partner_orchid_demo": (
        range(6),
        [("product_sensor_demo", 2, 1200.0)],
        None,
        set(),
    ),
}

# account xml id -> [(months ago, product xml id, quantity, unit price)]
DEMO_CREDIT_NOTES = {
    "partner_bluewater_demo": [(5, "product_sensor_demo", 1, 1200.0)],
    "partner_helios_demo": [(10, "product_installation_demo", 1, 800.0)],
}

# account xml id -> monthly freight / field-service bill booked to its analytic account
DEMO_SERVICE_COSTS = {
    "partner_helios_demo": 300.0,
    "partner_bluewater_demo": 150.0,
}
DEMO_SERVICE_MONTHS = range(1, 7)


class AccountMgmtDemo(models.AbstractModel):
    _name = "account_mgmt.demo"
    _description = "Account Management Demo Data"

    def _demo_ref(self, xmlid):
        if "." not in xmlid:
            xmlid = f"account_mgmt_addon.{xmlid}"
        return self.env.ref(xmlid)

    def _demo_date(self, months_ago, day=10):
        today = fields.Date.context_today(self)
        date = today.replace(day=1) - relativedelta(months=months_ago)
        return min(date + relativedelta(days=day - 1), today)

    @api.model
    def _load_demo(self):
        """Generate the demo ledger once (a module update does not add to it)."""
        company = self.env.ref("base.main_company")
        if not company.chart_template:
            return
        partners = [self._demo_ref(x) for x in DEMO_PROFILES]
        moves = self.env["account.move"].with_company(company)
        if moves.search_count(
            [("partner_id", "in", [p.id for p in partners])], limit=1
        ):
            return
        # Invoices of the last two months, left open, are due at the end of the
        # following month: never overdue, whatever today's day. Older ones have 30
        # days: the ones left unpaid on purpose are overdue on any day.
        term = self.env.ref("account.account_payment_term_30days")
        recent_term = self.env.ref("account.account_payment_term_end_following_month")
        invoice_vals = []
        unpaid_keys = set()
        for xmlid, (months, lines, currency_xmlid, unpaid) in DEMO_PROFILES.items():
            partner = self._demo_ref(xmlid)
            currency = (
                self._demo_ref(currency_xmlid)
                if currency_xmlid
                else company.currency_id
            )
            for months_ago in months:
                invoice_vals.append(
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": self._demo_date(months_ago),
                        "invoice_payment_term_id": (
                            recent_term if months_ago < 2 else term
                        ).id,
                        "currency_id": currency.id,
                        "invoice_user_id": (
                            partner.account_manager_id or self.env.user
                        ).id,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": self._demo_ref(product).id,
                                    "quantity": qty,
                                    "price_unit": price,
                                }
                            )
                            for product, qty, price in lines
                        ],
                    }
                )
                if months_ago in unpaid or months_ago < 2:
                    unpaid_keys.add((partner.id, invoice_vals[-1]["invoice_date"]))
        for xmlid, notes in DEMO_CREDIT_NOTES.items():
            partner = self._demo_ref(xmlid)
            for months_ago, product, qty, price in notes:
                invoice_vals.append(
                    {
                        "move_type": "out_refund",
                        "partner_id": partner.id,
                        "invoice_date": self._demo_date(months_ago, day=20),
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": self._demo_ref(product).id,
                                    "quantity": qty,
                                    "price_unit": price,
                                }
                            )
                        ],
                    }
                )
        invoices = moves.create(invoice_vals)
        invoices.action_post()
        self._demo_pay(
            invoices.filtered(
                lambda m: (m.partner_id.id, m.invoice_date) not in unpaid_keys
            )
        )
        self._demo_vendor_bills(company)

    def _demo_pay(self, moves):
        """Pay the settled invoices (and credit notes) quarter by quarter."""
        groups = {}
        for move in moves:
            quarter_end = move.invoice_date.replace(day=1) + relativedelta(
                months=3 - (move.invoice_date.month - 1) % 3
            )
            groups.setdefault(
                (move.partner_id, move.currency_id, quarter_end), moves.browse()
            )
            groups[(move.partner_id, move.currency_id, quarter_end)] |= move
        today = fields.Date.context_today(self)
        for (_partner, _currency, quarter_end), group in groups.items():
            pay_date = min(quarter_end + relativedelta(days=25), today)
            if sum(group.mapped("amount_residual_signed")) <= 0:
                continue
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=group.ids
            ).create(
                {"payment_date": pay_date, "group_payment": True}
            )._create_payments()

    def _demo_vendor_bills(self, company):
        # The project plan is the one analytic lines carry in account_id.
        plan = self.env.ref("analytic.analytic_plan_projects", raise_if_not_found=False)
        plan = plan or self.env["account.analytic.plan"].create({"name": "Clients"})
        vendor = self._demo_ref("partner_freight_vendor_demo")
        product = self._demo_ref("product_freight_demo")
        bills = []
        for xmlid, amount in DEMO_SERVICE_COSTS.items():
            partner = self._demo_ref(xmlid)
            analytic = self.env["account.analytic.account"].create(
                {
                    "name": partner.name,
                    "plan_id": plan.id,
                    "partner_id": partner.id,
                    "company_id": company.id,
                }
            )
            for months_ago in DEMO_SERVICE_MONTHS:
                bills.append(
                    {
                        "move_type": "in_invoice",
                        "partner_id": vendor.id,
                        "invoice_date": self._demo_date(months_ago, day=25),
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "name": self.env._(
                                        "Freight and field service for %(client)s",
                                        client=partner.name,
                                    ),
                                    "quantity": 1,
                                    "price_unit": amount,
                                    "tax_ids": [Command.clear()],
                                    "analytic_distribution": {str(analytic.id): 100},
                                }
                            )
                        ],
                    }
                )
        self.env["account.move"].with_company(company).create(bills).action_post()
