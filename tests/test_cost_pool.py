# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cost pools: drivers, exact splits, re-allocation, lock dates and bad input.

Ledger (company currency, Consulting Days without tax):

- Alpha: 1,000 on 5 Mar 2025 and 2,000 on 20 Mar; 1,000 on 10 Apr.
- Beta: 1,000 on 12 Mar.
- Gamma (tier Strategic): 3,000 on 15 Apr.
- Delta (tier Strategic): nothing.
- Expenses: 600 on 25 Mar, 300 on 26 Mar on the Customer Service analytic
  account, 100 on 2 May.
"""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .profitability_common import ProfitabilityCommon


@tagged("post_install", "-at_install")
class TestCostPool(ProfitabilityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_strategic = (
            cls.env["account_mgmt.tier"]
            .sudo()
            .create(
                {"name": "Strategic", "code": "STRAT-P", "company_id": cls.company.id}
            )
        )
        cls.gamma = cls._account("Gamma Retail", account_tier_id=cls.tier_strategic.id)
        cls.delta = cls._account("Delta Foods", account_tier_id=cls.tier_strategic.id)
        service = cls.product_service
        cls._post_move(cls.alpha, "2025-03-05", [(service, 1, 1000.0)])
        cls._post_move(cls.alpha, "2025-03-20", [(service, 1, 2000.0)])
        cls._post_move(cls.alpha, "2025-04-10", [(service, 1, 1000.0)])
        cls._post_move(cls.beta, "2025-03-12", [(service, 1, 1000.0)])
        cls._post_move(cls.gamma, "2025-04-15", [(service, 1, 3000.0)])
        project_plan, _other_plans = cls.env["account.analytic.plan"]._get_all_plans()
        cls.analytic_service = cls.env["account.analytic.account"].create(
            {
                "name": "Customer Service",
                "plan_id": project_plan.id,
                "company_id": cls.company.id,
            }
        )
        cls._vendor_bill("2025-03-25", 600.0)
        cls._vendor_bill("2025-03-26", 300.0, analytic=cls.analytic_service)
        cls._vendor_bill("2025-05-02", 100.0)

    def _split(self, pool):
        """{(account, "YYYY-MM"): amount} of the pool's allocation."""
        return {
            (a.partner_id, a.date.strftime("%Y-%m")): a.amount
            for a in pool.allocation_ids
        }

    def test_revenue_driver_over_two_months(self):
        pool = self._pool("Key accounts", "2025-03-01", "2025-04-30", 1000.0, "revenue")
        pool.action_allocate()
        # Revenue cells: Alpha Mar 3,000, Beta Mar 1,000, Alpha Apr 1,000, Gamma Apr
        # 3,000 = 8,000: 1,000 x 3/8 = 375, x 1/8 = 125.
        self.assertEqual(
            self._split(pool),
            {
                (self.alpha, "2025-03"): 375.0,
                (self.beta, "2025-03"): 125.0,
                (self.alpha, "2025-04"): 125.0,
                (self.gamma, "2025-04"): 375.0,
            },
        )
        # The report shows them as allocated cost of each account and month.
        figures = self._figures([("partner_id", "=", self.alpha.id)])
        self.assertAlmostEqual(figures[self.alpha, "2025-03"]["allocated_cost"], 375.0)
        self.assertAlmostEqual(figures[self.alpha, "2025-04"]["allocated_cost"], 125.0)

    def test_rows_hold_what_the_orm_would_write(self):
        """The rows are written in bulk SQL: every column is still filled."""
        other = self._pool("Other", "2025-03-01", "2025-03-31", 10.0, "equal")
        other.action_allocate()
        pool = self._pool("Key accounts", "2025-03-01", "2025-03-31", 1000.0, "revenue")
        pool.with_user(self.user_finance).action_allocate()
        # March revenue: Alpha 3,000, Beta 1,000: 750 and 250.
        self.assertEqual(
            {
                (
                    row.partner_id,
                    row.date.isoformat(),
                    row.amount,
                    row.driver_value,
                    row.driver,
                    row.company_id,
                    row.currency_id,
                    row.create_uid,
                    row.write_uid,
                )
                for row in pool.allocation_ids
            },
            {
                (
                    partner,
                    "2025-03-01",
                    amount,
                    revenue,
                    "revenue",
                    self.company,
                    self.company.currency_id,
                    self.user_finance,
                    self.user_finance,
                )
                for partner, amount, revenue in (
                    (self.alpha, 750.0, 3000.0),
                    (self.beta, 250.0, 1000.0),
                )
            },
        )
        self.assertTrue(all(row.create_date for row in pool.allocation_ids))
        self.assertEqual(
            set(pool.allocation_ids.mapped("write_date")),
            set(pool.allocation_ids.mapped("create_date")),
        )
        self.assertEqual(pool.state, "allocated")
        self.assertEqual(pool.allocation_count, 2)
        self.assertTrue(pool.allocated_on)
        self.assertIn("allocated over 2 accounts by Revenue", pool.message_ids[:1].body)
        # Re-allocating replaces the pool's own rows only.
        pool.with_user(self.user_finance).action_allocate()
        self.assertEqual(pool.allocation_count, 2)
        self.assertEqual(other.allocation_count, 2)
        self.assertEqual(other.allocated_amount, 10.0)

    def test_invoice_count_driver(self):
        pool = self._pool(
            "Billing", "2025-03-01", "2025-04-30", 1000.0, "invoice_count"
        )
        pool.action_allocate()
        # 5 invoices: Alpha 2 in March (400), Beta 1, Alpha 1 in April, Gamma 1 (200).
        self.assertEqual(
            self._split(pool),
            {
                (self.alpha, "2025-03"): 400.0,
                (self.beta, "2025-03"): 200.0,
                (self.alpha, "2025-04"): 200.0,
                (self.gamma, "2025-04"): 200.0,
            },
        )

    def test_equal_share_rounds_exactly(self):
        pool = self._pool("Overheads", "2025-03-01", "2025-04-30", 100.0, "equal")
        pool.action_allocate()
        # Accounts with an invoice in the period: Alpha, Beta, Gamma; one share per
        # account and month: 6 shares of 100 / 6 = 16.666... -> 16.66 each and the 4
        # cents left to the first four (account id, month): Alpha's and Beta's.
        split = self._split(pool)
        self.assertEqual(len(split), 6)
        self.assertEqual(split[self.alpha, "2025-03"], 16.67)
        self.assertEqual(split[self.alpha, "2025-04"], 16.67)
        self.assertEqual(split[self.beta, "2025-03"], 16.67)
        self.assertEqual(split[self.beta, "2025-04"], 16.67)
        self.assertEqual(split[self.gamma, "2025-03"], 16.66)
        self.assertEqual(split[self.gamma, "2025-04"], 16.66)
        self.assertEqual(round(sum(split.values()), 2), 100.0)
        self.assertEqual(pool.allocated_amount, 100.0)

    def test_tier_scope(self):
        tiers = {"scope": "tier", "tier_ids": [self.tier_strategic.id]}
        pool = self._pool(
            "Strategic desk", "2025-03-01", "2025-04-30", 1000.0, "revenue", **tiers
        )
        pool.action_allocate()
        # Among Strategic accounts only Gamma has revenue: it bears everything.
        self.assertEqual(self._split(pool), {(self.gamma, "2025-04"): 1000.0})
        # Equal share: every account of the tier (Delta too), each month: 4 x 250.
        pool = self._pool(
            "Strategic events", "2025-03-01", "2025-04-30", 1000.0, "equal", **tiers
        )
        pool.action_allocate()
        self.assertEqual(
            self._split(pool),
            {
                (self.gamma, "2025-03"): 250.0,
                (self.gamma, "2025-04"): 250.0,
                (self.delta, "2025-03"): 250.0,
                (self.delta, "2025-04"): 250.0,
            },
        )

    def test_amount_from_expense_accounts(self):
        pool = self._pool(
            "March costs",
            "2025-03-01",
            "2025-03-31",
            0.0,
            "revenue",
            amount_source="accounts",
            account_ids=[self.expense_account.id],
        )
        # 600 + 300 in March (the 100 of May is outside the period).
        self.assertEqual(pool.amount, 900.0)
        # Only what was booked to the Customer Service analytic account.
        pool.analytic_account_ids = self.analytic_service
        self.assertEqual(pool.amount, 300.0)
        pool.action_allocate()
        # 300 by March revenue: Alpha 3,000, Beta 1,000 -> 225 / 75.
        self.assertEqual(
            self._split(pool),
            {(self.alpha, "2025-03"): 225.0, (self.beta, "2025-03"): 75.0},
        )
        # Several pools, one statement, same figures.
        other = pool.copy({"analytic_account_ids": False})
        both = (pool | other).browse((pool | other).ids)
        self.assertEqual(both.mapped("amount"), [300.0, 900.0])

    def test_driver_without_base_is_refused_by_name(self):
        pool = self._pool(
            "Calls", "2025-03-01", "2025-03-31", 1000.0, "interaction_hours"
        )
        with self.assertRaisesRegex(UserError, "Interaction Hours"):
            pool.action_allocate()
        self.assertFalse(pool.allocation_ids)
        self.assertEqual(pool.state, "draft")

    def test_reallocate_replaces_and_failure_keeps_previous(self):
        pool = self._pool(
            "Calls", "2025-03-01", "2025-03-31", 1000.0, "interaction_count"
        )
        first = self._interaction(self.alpha, "2025-03-03 10:00:00", 1.0)
        second = self._interaction(self.alpha, "2025-03-04 10:00:00", 1.0)
        third = self._interaction(self.beta, "2025-03-05 10:00:00", 1.0)
        pool.action_allocate()
        # 2 and 1 interactions: 666.67 / 333.33.
        self.assertEqual(
            self._split(pool),
            {(self.alpha, "2025-03"): 666.67, (self.beta, "2025-03"): 333.33},
        )
        fourth = self._interaction(self.beta, "2025-03-06 10:00:00", 1.0)
        pool.action_allocate()
        # 2 and 2: the rows are replaced, not added.
        self.assertEqual(
            self._split(pool),
            {(self.alpha, "2025-03"): 500.0, (self.beta, "2025-03"): 500.0},
        )
        self.assertEqual(len(pool.allocation_ids), 2)
        # No base any more: refused, and the last allocation stays as it was.
        (first | second | third | fourth).write({"state": "cancelled"})
        with self.assertRaisesRegex(UserError, "Interaction Count"):
            pool.action_allocate()
        self.assertEqual(
            self._split(pool),
            {(self.alpha, "2025-03"): 500.0, (self.beta, "2025-03"): 500.0},
        )

    def test_interactions_of_other_companies_are_ignored(self):
        other_company = self.setup_other_company()["company"]
        self._interaction(self.alpha, "2025-03-03 10:00:00", 3.0)
        self._interaction(self.beta, "2025-03-03 10:00:00", 5.0, company=other_company)
        pool = self._pool(
            "Calls", "2025-03-01", "2025-03-31", 1000.0, "interaction_hours"
        )
        pool.action_allocate()
        self.assertEqual(self._split(pool), {(self.alpha, "2025-03"): 1000.0})

    def test_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "can't be negative"):
            self._pool("Negative", "2025-03-01", "2025-03-31", -1.0, "revenue")
        with self.assertRaisesRegex(ValidationError, "before it starts"):
            self._pool("Backwards", "2025-03-31", "2025-03-01", 100.0, "revenue")
        with self.assertRaisesRegex(ValidationError, "choose at least one account"):
            self._pool(
                "No account",
                "2025-03-01",
                "2025-03-31",
                0.0,
                "revenue",
                amount_source="accounts",
            )
        with self.assertRaisesRegex(ValidationError, "choose at least one tier"):
            self._pool(
                "No tier", "2025-03-01", "2025-03-31", 100.0, "revenue", scope="tier"
            )
        pool = self._pool("Empty", "2025-03-01", "2025-03-31", 0.0, "revenue")
        with self.assertRaisesRegex(UserError, "no amount to allocate"):
            pool.action_allocate()
        # A credit balance is no cost.
        credit = self._pool(
            "Credit",
            "2025-03-01",
            "2025-03-31",
            0.0,
            "revenue",
            amount_source="accounts",
            account_ids=[self.company_data["default_account_revenue"].id],
        )
        with self.assertRaisesRegex(UserError, "credit balance"):
            credit.action_allocate()

    def test_allocated_pool_is_frozen_until_reset(self):
        pool = self._pool("Key accounts", "2025-03-01", "2025-03-31", 1000.0, "revenue")
        pool.action_allocate()
        with self.assertRaisesRegex(UserError, "reset its allocation"):
            pool.fixed_amount = 2000.0
        pool.note = "Notes can change."
        pool.action_reset_allocation()
        self.assertFalse(pool.allocation_ids)
        self.assertEqual(pool.state, "draft")
        pool.fixed_amount = 2000.0
        pool.action_allocate()
        self.assertEqual(pool.allocated_amount, 2000.0)

    def test_locked_period(self):
        march = self._pool("March", "2025-03-01", "2025-03-31", 1000.0, "revenue")
        april = self._pool("April", "2025-04-01", "2025-04-30", 1000.0, "revenue")
        march.action_allocate()
        self.company.sudo().sale_lock_date = "2025-03-31"
        for action in (
            march.action_allocate,
            march.action_reset_allocation,
            march.unlink,
        ):
            with self.assertRaisesRegex(UserError, "locked"):
                action()
        with self.assertRaisesRegex(UserError, "locked"):
            march.allocation_ids.sudo().unlink()
        self.assertEqual(march.allocated_amount, 1000.0)
        # The next period is open.
        april.action_allocate()
        self.assertEqual(april.allocated_amount, 1000.0)
        # The fiscal year lock date closes it too.
        self.company.sudo().fiscalyear_lock_date = "2025-04-30"
        with self.assertRaisesRegex(UserError, "locked up to"):
            april.action_allocate()
