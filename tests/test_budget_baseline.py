# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The baseline wizard's three methods, from a 24-month history posted here.

Months are counted back from the current month (of the user's today): h(i) is the
month i months before it (h(1) = last month). The version covers the 12 months
from the month after next: m(k) = current month + 2 + k, k = 0..11. Its first
month is after the current one, so the reference months (the complete months
before it) end with last month.

Acme Group (Anna's):
- h(13) .. h(24): 1,000 a month;
- h(12) .. h(1): 1,000, 1,100, ..., 2,100 (h(i) = 1,000 + 100 x (12 - i));
  last year's total: 12 x 1,000 + 100 x (0 + 1 + ... + 11) = 18,600;
- the current month (not complete): 5,000.
Other Ltd (Bruno's): 1,000 a month from h(24) to h(2), 1,001 in h(1).
"""

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .budget_common import BudgetCommon


@tagged("post_install", "-at_install")
class TestBudgetBaseline(BudgetCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for i in range(1, 25):
            month = cls.current_month - relativedelta(months=i)
            acme = 1000.0 if i > 12 else 1000.0 + 100 * (12 - i)
            cls._post_move(cls.account, month, [(cls.product_goods, 1, acme)])
            other = 1001.0 if i == 1 else 1000.0
            cls._post_move(cls.other, month, [(cls.product_goods, 1, other)])
        cls._post_move(cls.account, cls.current_month, [(cls.product_goods, 1, 5000.0)])
        start = cls.current_month + relativedelta(months=2)
        cls.version = cls._version(
            date_from=start, date_to=start + relativedelta(months=12, days=-1)
        )
        cls.Wizard = cls.env["account_mgmt.budget.baseline"].with_user(cls.user_finance)

    def _fill(self, **vals):
        wizard = self.Wizard.create(
            {
                "budget_id": self.version.id,
                "partner_ids": [(6, 0, (self.account | self.other).ids)],
                **vals,
            }
        )
        wizard.action_fill()
        return wizard

    def _amounts(self, account):
        """The version's 12 months for ``account`` (0 where there is no line)."""
        self.env.invalidate_all()
        lines = self.version.line_ids.filtered(lambda x: x.partner_id == account)
        by_month = {}
        for line in lines:
            by_month[line.date] = by_month.get(line.date, 0.0) + line.amount
        return [
            by_month.get(self.version.date_from + relativedelta(months=k), 0.0)
            for k in range(12)
        ]

    def test_same_month_last_year(self):
        self._fill(method="same_month", growth_percent=10.0)
        # m(k) a year before is h(10 - k): k = 0..9 -> h(10)..h(1) = 1,200 + 100 k,
        # x 1.1; k = 10 -> the current month, 5,000 x 1.1 = 5,500 (what is posted
        # so far); k = 11 -> next month, nothing yet.
        self.assertEqual(
            self._amounts(self.account),
            [1320.0, 1430.0, 1540.0, 1650.0, 1760.0, 1870.0, 1980.0, 2090.0]
            + [2200.0, 2310.0, 5500.0, 0.0],
        )
        # 1,000 x 1.1 = 1,100; h(1): 1,001 x 1.1 = 1,101.10
        self.assertEqual(self._amounts(self.other), [1100.0] * 9 + [1101.1, 0.0, 0.0])

    def test_trailing_three_months(self):
        self._fill(method="trailing_3", growth_percent=10.0)  # no growth applied
        # (h(3) + h(2) + h(1)) / 3 = (1,900 + 2,000 + 2,100) / 3 = 2,000
        self.assertEqual(self._amounts(self.account), [2000.0] * 12)
        # (1,000 + 1,000 + 1,001) / 3 = 1,000.333... -> 1,000.33 (the currency)
        self.assertEqual(self._amounts(self.other), [1000.33] * 12)

    def test_last_year_profile(self):
        self._fill(method="profile", growth_percent=10.0)
        # last year = h(12)..h(1): total 18,600 x 1.1 = 20,460, spread by the
        # share of the same calendar month: m(k) for k = 0..9 is h(10 - k)'s
        # month (as above), m(10) is h(12)'s (1,000 / 18,600), m(11) h(11)'s
        # (1,100 / 18,600): 20,460 x 1,000 / 18,600 = 1,100; 1,210.
        acme = self._amounts(self.account)
        self.assertEqual(
            acme,
            [1320.0, 1430.0, 1540.0, 1650.0, 1760.0, 1870.0, 1980.0, 2090.0]
            + [2200.0, 2310.0, 1100.0, 1210.0],
        )
        self.assertAlmostEqual(sum(acme), 20460.0, places=2)
        # Other: 12,001 x 1.1 = 13,201.10; h(1) (m(9)) 1,101.10, the others 1,100
        other = self._amounts(self.other)
        self.assertEqual(other, [1100.0] * 9 + [1101.1, 1100.0, 1100.0])
        self.assertAlmostEqual(sum(other), 13201.1, places=2)

    def test_never_negative(self):
        """A month the credit notes outweigh gives 0, not a negative budget."""
        refunds = self._account("Refunds Ltd")
        h10 = self.current_month - relativedelta(months=10)
        self._post_move(refunds, h10, [(self.product_goods, 1, 1000.0)])
        self._post_move(
            refunds, h10, [(self.product_goods, 1, 3000.0)], move_type="out_refund"
        )
        self._post_move(
            refunds, h10 + relativedelta(months=1), [(self.product_goods, 1, 500.0)]
        )
        self._fill(
            method="same_month", growth_percent=10.0, partner_ids=[(6, 0, refunds.ids)]
        )
        # m(0) a year before is h(10): 1,000 - 3,000 = -2,000 -> 0 (no line);
        # m(1) is h(9): 500 x 1.1 = 550
        self.assertEqual(self._amounts(refunds), [0.0, 550.0] + [0.0] * 10)

    def test_keep_or_replace(self):
        categ = self.env["product.category"].create({"name": "Spares"})
        Line = self.env["account_mgmt.budget.line"].with_user(self.user_finance)
        first = self.version.date_from
        Line.create(
            [
                {
                    "budget_id": self.version.id,
                    "partner_id": self.account.id,
                    "date": first,
                    "amount": 777.0,
                },
                {
                    "budget_id": self.version.id,
                    "partner_id": self.account.id,
                    "date": first + relativedelta(months=1),
                    "categ_id": categ.id,
                    "amount": 500.0,
                },
            ]
        )
        # keep: the months with a line (a category's too) stay as they are
        self._fill(method="trailing_3")
        self.assertEqual(self._amounts(self.account), [777.0, 500.0] + [2000.0] * 10)
        # replace: the baseline (a total per month) replaces them
        self._fill(method="trailing_3", existing="replace")
        self.assertEqual(self._amounts(self.account), [2000.0] * 12)
        self.assertFalse(self.version.line_ids.filtered("categ_id"))
        self.assertEqual(len(self.version.line_ids), 24)

    def test_per_tier(self):
        tier = (
            self.env["account_mgmt.tier"]
            .sudo()
            .create(
                {
                    "name": "Baseline tier",
                    "code": "T-BASE",
                    "company_id": self.company.id,
                }
            )
        )
        self.account.sudo().with_company(self.company).account_tier_id = tier
        self._fill(method="trailing_3", scope="tiers", tier_ids=[(6, 0, tier.ids)])
        # each account of the tier gets its own baseline; Other isn't in it
        self.assertEqual(self._amounts(self.account), [2000.0] * 12)
        self.assertEqual(self._amounts(self.other), [0.0] * 12)

    def test_one_query_for_all_accounts(self):
        """The revenue is read once per run, not once per account."""
        counts = []
        # (a first run flushes the ledger's pending changes)
        for accounts in (self.account, self.account, self.account | self.other):
            wizard = self.Wizard.create(
                {
                    "budget_id": self.version.id,
                    "method": "profile",
                    "partner_ids": [(6, 0, accounts.ids)],
                }
            )
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            wizard._account_mgmt_compute()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[1], counts[2])

    def test_refused(self):
        with self.assertRaises(AccessError):
            self.env["account_mgmt.budget.baseline"].with_user(
                self.user_manager
            ).create({"budget_id": self.version.id})
        with self.assertRaisesMessage(UserError, "Choose the accounts"):
            self.Wizard.create({"budget_id": self.version.id}).action_fill()
        with self.assertRaisesMessage(UserError, "is a contact of"):
            self._fill(partner_ids=[(6, 0, self.contact.ids)])
        self._fill(method="trailing_3")
        self.version.with_user(self.user_finance).action_approve()
        with self.assertRaisesMessage(UserError, "is locked"):
            self._fill(method="profile", existing="replace")
        self.assertEqual(self._amounts(self.account), [2000.0] * 12)
