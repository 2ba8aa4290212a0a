# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Automatic tiering assigns the tier the figures of the last 12 months call for
(the 12 complete calendar months before the current one).

Tiers (tiers_common): Gold >= 50,000 and >= 30 %; Silver >= 20,000; Bronze fallback.
Widget: price 1,000, cost 600. Consulting Day: price 800, cost 300.
"""

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import tagged

from .tiers_common import TiersCommon


@tagged("post_install", "-at_install")
class TestTiersRecompute(TiersCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        goods, service = cls.product_goods, cls.product_service
        # Alpha: 60 x 1,000 = 60,000; cost 60 x 600 = 36,000; margin 24,000 = 40 %.
        cls.alpha = cls._account("Alpha")
        cls._post_move(cls.alpha, cls.recent, [(goods, 60, 1000.0)])
        # Mid: 70 x 800 = 56,000; cost 70 x 600 = 42,000; margin 14,000 = 25 %:
        # enough revenue for Gold but not the margin -> Silver.
        cls.mid = cls._account("Mid Margin")
        cls._post_move(cls.mid, cls.recent, [(goods, 70, 800.0)])
        # Beta: 30 x 1,000 = 30,000 -> Silver (a credit note later drops it).
        cls.beta = cls._account("Beta")
        cls._post_move(cls.beta, cls.recent, [(goods, 30, 1000.0)])
        # Group: parent 10 x 800 = 8,000 (cost 3,000), subsidiary 15 x 1,000 =
        # 15,000 (cost 9,000): group 23,000, margin 11,000 -> Silver for both,
        # although each alone is Bronze.
        cls.parent = cls._account("Parent Holding")
        cls.parent_contact = cls.env["res.partner"].create(
            {"name": "Paula Parent", "parent_id": cls.parent.id}
        )
        cls.subsidiary = cls._account("Subsidiary", parent_id=cls.parent.id)
        cls._post_move(cls.parent, cls.recent, [(service, 10, 800.0)])
        cls._post_move(cls.subsidiary, cls.recent, [(goods, 15, 1000.0)])
        # Locked: a director locked it on Gold; 1 x 1,000 = 1,000 of sales.
        cls.locked = cls._account("Locked Account")
        cls.locked.with_user(cls.user_director).write(
            {
                "account_tier_id": cls.gold.id,
                "account_tier_locked": True,
                "account_tier_lock_reason": "Flagship reference client",
            }
        )
        cls._post_move(cls.locked, cls.recent, [(goods, 1, 1000.0)])
        # Foreign: 20 x 1,000 EUR at 0.8 EUR per company unit = 25,000; cost
        # 20 x 600 = 12,000; margin 13,000 = 52 % -> Silver (below 50,000).
        cls.eur = cls.setup_other_currency("EUR", rates=[("2000-01-01", 0.8)])
        cls.foreign = cls._account("Foreign")
        cls._post_move(cls.foreign, cls.recent, [(goods, 20, 1000.0)], currency=cls.eur)
        # Old: 100 x 1,000 a day before the twelve months, 100 x 1,000 this month
        # (the current month is not one of the last 12), and a draft invoice of
        # 100 x 1,000 last month: none counts -> 0 -> Bronze.
        cls.old = cls._account("Old Client")
        cls._post_move(
            cls.old, cls.date_from - relativedelta(days=1), [(goods, 100, 1000.0)]
        )
        cls._post_move(cls.old, cls.today, [(goods, 100, 1000.0)])
        cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.old.id,
                "invoice_date": cls.recent,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": goods.id, "quantity": 100, "price_unit": 1000}
                    )
                ],
            }
        )
        # Edge: 21 x 1,000 = 21,000 on the first day of the twelve months and
        # 2 x 800 on their last day (cost 600): 22,600, cost 13,200 -> Silver.
        cls.edge = cls._account("Edge Client")
        cls._post_move(cls.edge, cls.date_from, [(goods, 21, 1000.0)])
        cls._post_move(cls.edge, cls.date_to, [(service, 2, 800.0)])
        # Receipt: a sales receipt of 25 x 1,000 counts as a sale (cost 15,000)
        # -> Silver.
        cls.receipt = cls._account("Receipt Client")
        cls._post_move(cls.receipt, cls.recent, [(goods, 25, 1000.0)], "out_receipt")
        cls.changes = cls._recompute()

    def assertFigures(self, partner, revenue, margin, percent):
        partner = self._in(partner)
        self.assertAlmostEqual(partner.account_annual_revenue, revenue, places=2)
        self.assertAlmostEqual(partner.account_gross_margin, margin, places=2)
        self.assertAlmostEqual(partner.account_margin_percent, percent, places=2)

    def test_tier_follows_the_figures(self):
        self.assertEqual(self._in(self.alpha).account_tier_id, self.gold)
        self.assertFigures(self.alpha, 60000.0, 24000.0, 40.0)
        # Revenue over the Gold threshold, margin under it: the rules are ANDed.
        self.assertEqual(self._in(self.mid).account_tier_id, self.silver)
        self.assertFigures(self.mid, 56000.0, 14000.0, 25.0)
        self.assertEqual(self._in(self.beta).account_tier_id, self.silver)
        self.assertFigures(self.beta, 30000.0, 12000.0, 40.0)

    def test_foreign_currency_in_company_currency(self):
        self.assertNotEqual(self.company.currency_id, self.eur)
        # 20,000 EUR / 0.8 = 25,000; 25,000 - 12,000 = 13,000; 13,000 / 25,000 = 52 %.
        self.assertFigures(self.foreign, 25000.0, 13000.0, 52.0)
        self.assertEqual(self._in(self.foreign).account_tier_id, self.silver)

    def test_only_posted_lines_of_the_twelve_months(self):
        self.assertFigures(self.old, 0.0, 0.0, 0.0)
        self.assertEqual(self._in(self.old).account_tier_id, self.bronze)
        # The first and the last day of the period count: 21,000 + 1,600 = 22,600;
        # cost 12,600 + 600 = 13,200; margin 9,400 = 41.59 %.
        self.assertFigures(self.edge, 22600.0, 9400.0, 41.59)
        self.assertEqual(self._in(self.edge).account_tier_id, self.silver)

    def test_sales_receipt_is_a_sale(self):
        # 25,000 - 15,000 = 10,000 = 40 %.
        self.assertFigures(self.receipt, 25000.0, 10000.0, 40.0)
        self.assertEqual(self._in(self.receipt).account_tier_id, self.silver)

    def test_period_is_the_twelve_months_before_the_current_one(self):
        Partner = self.env["res.partner"]
        self.assertEqual(
            Partner._account_mgmt_period(date(2026, 12, 15)),
            (date(2025, 12, 1), date(2026, 11, 30)),
        )
        self.assertEqual(
            Partner._account_mgmt_period(date(2028, 3, 1)),
            (date(2027, 3, 1), date(2028, 2, 29)),
        )
        self.assertEqual(Partner._account_mgmt_period(), (self.date_from, self.date_to))
        # A past day is over: at the end of the last day of last month, last
        # month was complete (the same 12 months as today's).
        self.assertEqual(
            Partner._account_mgmt_period(self.date_to), (self.date_from, self.date_to)
        )
        # Tiering as of the 10th of last month leaves last month out: Alpha's
        # sales of that day and Edge's of the last day of last month.
        self._recompute(date=self.recent)
        self.assertFigures(self.alpha, 0.0, 0.0, 0.0)
        self.assertFigures(self.edge, 21000.0, 8400.0, 40.0)

    def test_locked_account_keeps_its_tier_and_refreshes_figures(self):
        self.assertEqual(self._in(self.locked).account_tier_id, self.gold)
        # 1,000 - 600 = 400 = 40 %: figures refreshed although far below Gold.
        self.assertFigures(self.locked, 1000.0, 400.0, 40.0)
        self.assertNotIn(self.locked.id, [c.partner_id for c in self.changes])

    def test_credit_note_drops_a_tier(self):
        # Credit note of 15 x 1,000: 30,000 - 15,000 = 15,000; cost 18,000 - 9,000
        # = 9,000; margin 6,000 = 40 % -> below Silver's 20,000 -> Bronze.
        self._post_move(
            self.beta, self.recent, [(self.product_goods, 15, 1000.0)], "out_refund"
        )
        changes = self._recompute()
        self.assertEqual([c.partner_id for c in changes], [self.beta.id])
        self.assertEqual(self._in(self.beta).account_tier_id, self.bronze)
        self.assertFigures(self.beta, 15000.0, 6000.0, 40.0)

    def test_parent_lifted_by_its_subsidiary(self):
        parent, subsidiary = self._in(self.parent), self._in(self.subsidiary)
        self.assertEqual(subsidiary.account_group_id, self.parent)
        # Own figures: parent 8,000 - 3,000; subsidiary 15,000 - 9,000.
        self.assertFigures(parent, 8000.0, 5000.0, 62.5)
        self.assertFigures(subsidiary, 15000.0, 6000.0, 40.0)
        # Group: 23,000 revenue, 11,000 margin, 11,000 / 23,000 = 47.83 %.
        for member in (parent, subsidiary):
            self.assertAlmostEqual(member.account_group_revenue, 23000.0)
            self.assertAlmostEqual(member.account_group_gross_margin, 11000.0)
            self.assertAlmostEqual(member.account_group_margin_percent, 47.83)
            self.assertEqual(member.account_tier_id, self.silver)
        # Shares: 8,000 / 23,000 = 34.78 %, 15,000 / 23,000 = 65.22 %.
        self.assertAlmostEqual(parent.account_group_share, 34.78)
        self.assertAlmostEqual(subsidiary.account_group_share, 65.22)
        self.assertEqual(parent.account_group_member_ids, parent | subsidiary)
        self.assertEqual(parent.account_group_member_count, 2)

    def test_contacts_show_their_account(self):
        contact = self._in(self.parent_contact)
        self.assertEqual(contact.account_tier_id, self.silver)
        self.assertAlmostEqual(contact.account_annual_revenue, 8000.0)
        self.assertAlmostEqual(contact.account_group_revenue, 23000.0)
        self.assertEqual(contact.account_group_id, self.parent)
        # A contact created later takes the account's values too.
        late = self.env["res.partner"].create(
            {"name": "Late Contact", "parent_id": self.parent.id}
        )
        self.assertEqual(self._in(late).account_tier_id, self.silver)
        self.assertAlmostEqual(self._in(late).account_group_revenue, 23000.0)

    def test_second_run_changes_nothing(self):
        self.assertFalse(self._recompute())
        self.assertEqual(self._in(self.alpha).account_tier_id, self.gold)
        self.assertEqual(self.company.account_mgmt_figures_date, self.today)

    def test_cost_follows_the_stored_unit_cost(self):
        # Cost captured at posting wins over today's product cost: raise the cost
        # of the Widget to 900 after the fact; Alpha keeps 60 x 600 of cost.
        self.product_goods.standard_price = 900.0
        self._recompute()
        self.assertFigures(self.alpha, 60000.0, 24000.0, 40.0)
