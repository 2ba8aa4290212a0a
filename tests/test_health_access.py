# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who reads health snapshots and breakdowns, who recomputes, across companies."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .health_common import HealthScenario


@tagged("post_install", "-at_install")
class TestHealthAccess(HealthScenario):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.setup_other_company()["company"]
        # Bruno's account; Anna is neither its manager nor on its team.
        cls.delta = cls._managed_account("Delta", manager=cls.user_manager2)
        cls._post_move(cls.delta, "2026-04-01", [(cls.widget, 1, 1000.0)])

    def setUp(self):
        super().setUp()
        self.snapshots = self._recompute(self.acme | self.delta)
        self.acme_snapshot = self.snapshots.filtered(
            lambda s: s.partner_id == self.acme
        )
        self.delta_snapshot = self.snapshots - self.acme_snapshot

    def test_manager_reads_own_accounts_only(self):
        Snapshot = self.Snapshot.with_user(self.user_manager)
        self.assertEqual(
            Snapshot.search([("id", "in", self.snapshots.ids)]), self.acme_snapshot
        )
        with self.assertRaises(AccessError):
            self.delta_snapshot.with_user(self.user_manager).read(["score"])
        Line = self.env["account_mgmt.health.snapshot.line"].with_user(
            self.user_manager
        )
        self.assertEqual(
            Line.search([("snapshot_id", "in", self.snapshots.ids)]),
            self.acme_snapshot.line_ids,
        )
        # The breakdown on the account form follows the same rule.
        acme = self.acme.with_user(self.user_manager)
        self.assertEqual(len(acme.account_health_line_ids), 6)
        delta = self.delta.with_user(self.user_manager)
        self.assertFalse(delta.account_health_line_ids)
        # Bruno reads his own.
        self.assertEqual(
            self.Snapshot.with_user(self.user_manager2).search(
                [("id", "in", self.snapshots.ids)]
            ),
            self.delta_snapshot,
        )

    def test_account_team_member_reads_the_breakdown(self):
        self.env["account_mgmt.team.member"].sudo().create(
            {"partner_id": self.delta.id, "user_id": self.user_manager.id}
        )
        delta = self.delta.with_user(self.user_manager)
        self.assertEqual(len(delta.account_health_line_ids), 6)

    def test_director_and_finance_read_all_of_their_companies(self):
        foreign = self.Snapshot.sudo().create(
            {
                "partner_id": self.acme.id,
                "company_id": self.other_company.id,
                "date": "2026-06-15",
                "score": 10.0,
                "band": "red",
            }
        )
        for user in (self.user_director, self.user_finance):
            with self.subTest(user=user.name):
                found = self.Snapshot.with_user(user).search(
                    [("partner_id", "in", (self.acme | self.delta).ids)]
                )
                self.assertEqual(found, self.snapshots)
                with self.assertRaises(AccessError):
                    foreign.with_user(user).read(["score"])

    def test_nobody_writes_snapshots(self):
        for user in (self.user_manager, self.user_director, self.user_finance):
            with self.subTest(user=user.name):
                with self.assertRaises(AccessError):
                    self.acme_snapshot.with_user(user).write({"score": 99.0})
                with self.assertRaises(AccessError):
                    self.acme_snapshot.line_ids[:1].with_user(user).unlink()
        with self.assertRaises(AccessError):
            self.Snapshot.with_user(self.user_plain).search([])

    def test_health_fields_hidden_from_plain_users(self):
        with self.assertRaises(AccessError):
            self.acme.with_user(self.user_plain).read(["account_health_score"])
        # Managers read the score of any account (the breakdown stays their own).
        self.assertAlmostEqual(
            self.delta.with_user(self.user_manager).account_health_score,
            self.delta_snapshot.score,
        )

    def test_only_directors_recompute(self):
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(
                self.user_manager
            ).action_account_health_recompute()
        action = (
            self.env["res.partner"]
            .with_user(self.user_director)
            .browse(self.acme.ids)
            .action_account_health_recompute()
        )
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("1 accounts", action["params"]["message"])
