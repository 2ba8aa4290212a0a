# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared set-up of the tier tests: the test company's own tiers (the default
shared tiers are archived so that only these apply) and helpers.

Tiers of the test company, in sequence order:
- Gold: revenue >= 50,000 and margin >= 30 %;
- Silver: revenue >= 20,000;
- Bronze: no rule (fallback).
Products (tests/common.py): Widget sold 1,000 at cost 600 (40 % margin), Consulting
Day sold 800 at cost 300.
"""

from dateutil.relativedelta import relativedelta

from odoo import fields

from .common import AccountMgmtCommon


class TiersCommon(AccountMgmtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        # The last 12 months: the 12 complete calendar months before this one.
        cls.month_start = cls.today.replace(day=1)
        cls.date_from = cls.month_start - relativedelta(months=12)
        cls.date_to = cls.month_start - relativedelta(days=1)
        # The 10th of last month: inside the last 12 months whatever the day.
        cls.recent = cls.month_start - relativedelta(months=1, day=10)
        Tier = cls.env["account_mgmt.tier"].sudo()
        Tier.search([("company_id", "=", False)]).active = False
        cls.gold, cls.silver, cls.bronze = Tier.create(
            [
                {
                    "name": "Gold",
                    "code": "T-GOLD",
                    "sequence": 1,
                    "color": 3,
                    "company_id": cls.company.id,
                    "min_annual_revenue": 50000,
                    "min_margin_percent": 30,
                    "contact_cadence_days": 14,
                    "review_interval_days": 90,
                    "requires_account_plan": True,
                },
                {
                    "name": "Silver",
                    "code": "T-SILV",
                    "sequence": 2,
                    "company_id": cls.company.id,
                    "min_annual_revenue": 20000,
                    "contact_cadence_days": 30,
                    "review_interval_days": 180,
                },
                {
                    "name": "Bronze",
                    "code": "T-BRNZ",
                    "sequence": 3,
                    "company_id": cls.company.id,
                    "contact_cadence_days": 90,
                    "review_interval_days": 365,
                },
            ]
        )
        cls.History = cls.env["account_mgmt.tier.history"].sudo()

    @classmethod
    def _recompute(cls, company=None, date=None):
        return (
            cls.env["res.partner"]
            .sudo()
            ._account_mgmt_recompute_tiers(company or cls.company, date)
        )

    def _in(self, partner, company=None):
        """``partner`` read in ``company`` (default: the test company)."""
        return partner.with_company(company or self.company)

    def _history(self, partner):
        return self.History.search(
            [("partner_id", "=", partner.id), ("company_id", "=", self.company.id)],
            order="id",
        )
