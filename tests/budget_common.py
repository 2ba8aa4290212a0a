# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared set-up of the budget and forecast tests.

Dates are relative to the user's today: the versions cover the 12 months from
next month (``month0`` to ``month0 + 11``), whatever the day the suite runs.
Acme Group (tests/plan_common.py) is Anna's account; Other Ltd is Bruno's.
"""

from dateutil.relativedelta import relativedelta

from odoo import Command, fields

from .plan_common import PlanCommon


class BudgetCommon(PlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.current_month = cls.today.replace(day=1)
        cls.month0 = cls.current_month + relativedelta(months=1)
        cls.year_end = cls.month0 + relativedelta(months=12, days=-1)
        cls.other = cls._account("Other Ltd", account_manager_id=cls.user_manager2.id)
        cls.Budget = cls.env["account_mgmt.budget"]
        cls.Line = cls.env["account_mgmt.budget.line"]

    @classmethod
    def _month(cls, n):
        """First day of the n-th month of the versions (0: next month)."""
        return cls.month0 + relativedelta(months=n)

    @classmethod
    def _version(cls, kind="budget", user=None, lines=(), **vals):
        """A version of the 12 months from next month, created by ``user`` (default
        finance), with ``lines``: [(account, month index, amount)]."""
        return (
            cls.env["account_mgmt.budget"]
            .with_user(user or cls.user_finance)
            .create(
                {
                    "name": f"{kind.title()} {cls.month0.year}",
                    "kind": kind,
                    "date_from": cls.month0,
                    "date_to": cls.year_end,
                    "line_ids": [
                        Command.create(
                            {
                                "partner_id": account.id,
                                "date": cls._month(n),
                                "amount": amount,
                            }
                        )
                        for account, n, amount in lines
                    ],
                    **vals,
                }
            )
        )
