# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Health measures: shipped per company, weights checked, directors configure."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AccountMgmtCommon

SHIPPED = {
    "contact_recency": 20.0,
    "revenue_trend": 20.0,
    "margin_trend": 15.0,
    "overdue_receivables": 15.0,
    "sentiment": 15.0,
    "plan_progress": 15.0,
}


@tagged("post_install", "-at_install")
class TestHealthMeasure(AccountMgmtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Measure = cls.env["account_mgmt.health.measure"]
        # Directors configure the measures.
        cls.measures = cls.Measure.with_user(cls.user_director).search(
            [("company_id", "=", cls.company.id)]
        )

    def test_every_company_gets_the_shipped_measures(self):
        self.assertEqual(
            {m.code: m.weight for m in self.measures}, SHIPPED, "Test company"
        )
        # Shares of 100: 20 % and 15 %.
        recency = self.measures.filtered(lambda m: m.code == "contact_recency")
        self.assertAlmostEqual(recency.weight_percent, 20.0)
        company = self.env["res.company"].create({"name": "Health Newco"})
        new = self.Measure.search([("company_id", "=", company.id)])
        self.assertEqual({m.code: m.weight for m in new}, SHIPPED)
        # Creating them again adds nothing.
        company._account_mgmt_health_create_measures()
        self.assertEqual(
            self.Measure.search_count([("company_id", "=", company.id)]), 6
        )

    def test_weight_share_after_archiving(self):
        # Archive the 15-weight plan measure: recency is 20 / 85 = 23.5 %.
        self.measures.filtered(lambda m: m.code == "plan_progress").active = False
        recency = self.measures.filtered(lambda m: m.code == "contact_recency")
        recency.invalidate_recordset(["weight_percent"])
        self.assertAlmostEqual(recency.weight_percent, 2000 / 85, places=1)

    def test_bad_input(self):
        recency = self.measures.filtered(lambda m: m.code == "contact_recency")
        cases = [
            ({"weight": -1}, "can't be negative"),
            ({"recency_zero_cadences": 1.0}, "more than one cadence"),
            ({"trend_months": 0}, "between 1 and 12 months"),
            ({"trend_decline_zero": 150.0}, "decline for a zero score"),
            ({"window_days": 0}, "at least one day"),
            ({"satisfaction_share": 120.0}, "between 0 and 100"),
        ]
        for vals, message in cases:
            with self.subTest(vals=vals):
                self._assert_refused(ValidationError, message, recency.write, vals)
        self._assert_refused(
            ValidationError,
            "at least one active health measure",
            self.measures.write,
            {"weight": 0.0},
        )
        self._assert_refused(
            ValidationError,
            "at least one active health measure",
            self.measures.action_archive,
        )
        self._assert_refused(UserError, "archive", recency.unlink)
        self._assert_refused(
            ValidationError,
            "must be ordered",
            self.company.write,
            {"account_mgmt_health_amber_min": 80},
        )
        # Nothing was written.
        self.assertEqual({m.code: m.weight for m in self.measures}, SHIPPED)

    def _assert_refused(self, exception, message, method, *args):
        # Odoo's assertRaises rolls the failed write back (savepoint).
        with self.assertRaises(exception) as catcher:
            method(*args)
        self.assertIn(message, str(catcher.exception))

    def test_directors_configure_managers_read(self):
        recency = self.measures.filtered(lambda m: m.code == "contact_recency")
        recency.with_user(self.user_director).weight = 30.0
        self.assertEqual(recency.weight, 30.0)
        self.assertEqual(recency.with_user(self.user_manager).weight, 30.0)
        with self.assertRaises(AccessError):
            recency.with_user(self.user_manager).weight = 10.0
        with self.assertRaises(AccessError):
            self.Measure.with_user(self.user_plain).search([])

    def test_other_company_measures_are_hidden(self):
        other = self.setup_other_company()["company"]
        foreign = self.Measure.search([("company_id", "=", other.id)])
        self.assertEqual(len(foreign), 6)
        with self.assertRaises(AccessError):
            foreign.with_user(self.user_director).read(["weight"])
