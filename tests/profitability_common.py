# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared set-up of the profitability, receivable and cost pool tests.

Two client accounts (Alpha, managed by Anna; Beta, by Bruno), the euro at a fixed
rate (1 EUR = 1.25 company currency), an analytic account whose customer is Alpha
and helpers for vendor bills, interactions and report figures.
"""

from datetime import datetime

from odoo import Command, fields

from .common import AccountMgmtCommon

REPORT = "account_mgmt.profitability.report"
RECEIVABLES = "account_mgmt.receivable.report"
MEASURES = [
    "revenue",
    "cogs",
    "gross_margin",
    "direct_cost",
    "allocated_cost",
    "net_contribution",
]


class ProfitabilityCommon(AccountMgmtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 1 company currency unit = 0.8 EUR, i.e. 1 EUR = 1.25.
        cls.eur = cls.setup_other_currency("EUR", rates=[("2024-01-01", 0.8)])
        cls.alpha = cls._account(
            "Alpha Industries", account_manager_id=cls.user_manager.id
        )
        cls.beta = cls._account("Beta GmbH", account_manager_id=cls.user_manager2.id)
        project_plan, _other_plans = cls.env["account.analytic.plan"]._get_all_plans()
        cls.analytic_alpha = cls.env["account.analytic.account"].create(
            {
                "name": "Alpha Industries (client)",
                "plan_id": project_plan.id,
                "partner_id": cls.alpha.id,
                "company_id": cls.company.id,
            }
        )
        cls.expense_account = cls.company_data["default_account_expense"]
        cls.vendor = cls.env["res.partner"].create({"name": "Freight Vendor"})
        cls.meeting_type = (
            cls.env["account_mgmt.interaction.type"]
            .sudo()
            .create({"name": "Client Meeting", "code": "MEET-PROFIT"})
        )

    @classmethod
    def _vendor_bill(cls, date, amount, analytic=None, account=None):
        """Post a tax-free vendor bill of ``amount`` (company currency)."""
        line = {
            "name": "Freight",
            "quantity": 1,
            "price_unit": amount,
            "account_id": (account or cls.expense_account).id,
            "tax_ids": [Command.clear()],
        }
        if analytic:
            line["analytic_distribution"] = {str(analytic.id): 100}
        bill = cls.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": cls.vendor.id,
                "invoice_date": date,
                "date": date,
                "invoice_line_ids": [Command.create(line)],
            }
        )
        bill.action_post()
        return bill

    @classmethod
    def _interaction(cls, partner, when, hours, state="done", company=None):
        return (
            cls.env["account_mgmt.interaction"]
            .sudo()
            .with_context(account_mgmt_no_summary=True)
            .create(
                {
                    "partner_id": partner.id,
                    "type_id": cls.meeting_type.id,
                    "user_id": cls.user_manager.id,
                    "date": datetime.fromisoformat(when),
                    "duration": hours,
                    "state": state,
                    "company_id": (company or cls.company).id,
                }
            )
        )

    @classmethod
    def _pool(cls, name, date_from, date_to, amount, driver, **vals):
        return cls.env["account_mgmt.cost.pool"].create(
            {
                "name": name,
                "date_from": date_from,
                "date_to": date_to,
                "fixed_amount": amount,
                "driver": driver,
                **vals,
            }
        )

    def _figures(self, domain=None, env=None):
        """Report figures per (account, "YYYY-MM")."""
        report = (env or self.env)[REPORT]
        groups = report._read_group(
            domain or [],
            ["partner_id", "date:month"],
            [f"{fname}:sum" for fname in MEASURES],
        )
        return {
            (partner, fields.Date.to_date(month).strftime("%Y-%m")): dict(
                zip(MEASURES, figures, strict=True)
            )
            for partner, month, *figures in groups
        }

    def assertFigures(self, actual, expected):
        """Compare {field: amount} dicts to the cent."""
        self.assertEqual(set(actual), set(expected))
        for fname, amount in expected.items():
            self.assertAlmostEqual(actual[fname], amount, places=2, msg=fname)
