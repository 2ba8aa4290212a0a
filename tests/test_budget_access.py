# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who reads and changes budgets and forecasts, per role and company, with
with_user and over JSON-RPC (the roles and accounts of tests/access_common.py:
Anna manages "own" and is on the team of "team"; Bruno manages "team" and
"other"; "unassigned" has no manager; "b" is company B's, Bea's)."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, JsonRpcException, tagged

from .access_common import GROUP_FINANCE, AccessCommon

ACCESS = "odoo.exceptions.AccessError"
USER = "odoo.exceptions.UserError"


class BudgetAccessCommon(AccessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.forecast = cls.config_records["account_mgmt.budget"]["a"]
        cls.forecast_b = cls.config_records["account_mgmt.budget"]["b"]
        cls.lines = {
            key: cls.records["account_mgmt.budget.line"][key] for key in cls.accounts
        }
        # a draft budget of company A, the same month, a line per account of A
        cls.budget = (
            cls.env["account_mgmt.budget"]
            .with_user(cls.users["fred"])
            .create(
                {
                    "name": "Budget A",
                    "kind": "budget",
                    "date_from": cls.forecast.date_from,
                    "date_to": cls.forecast.date_to,
                    "line_ids": [
                        Command.create(
                            {
                                "partner_id": cls.accounts[key].id,
                                "date": cls.forecast.date_from,
                                "amount": 2000.0,
                            }
                        )
                        for key in ("own", "team", "other", "unassigned")
                    ],
                }
            )
        )
        cls.budget_lines = {line.partner_id: line for line in cls.budget.line_ids}
        cls.categ = cls.env["product.category"].create({"name": "Spares"})


@tagged("post_install", "-at_install")
class TestBudgetAccess(BudgetAccessCommon):
    def test_manager_reads_her_accounts(self):
        anna = self.users["anna"]
        Line = self.env["account_mgmt.budget.line"].with_user(anna)
        found = Line.search(
            [("partner_id", "in", [a.id for a in self.accounts.values()])]
        )
        self.assertEqual(
            set(found.partner_id.ids),
            {self.accounts["own"].id, self.accounts["team"].id},
        )
        self.assertEqual(set(found.mapped("kind")), {"budget", "forecast"})
        # the versions of her company, with her accounts' totals only
        self.assertEqual(self.budget.with_user(anna).amount_total, 4000.0)
        self.assertEqual(self.budget.with_user(self.users["fred"]).amount_total, 8000.0)
        with self.assertRaises(AccessError):
            self.lines["other"].with_user(anna).read(["amount"])

    def test_manager_changes_the_forecast_of_her_accounts(self):
        anna = self.users["anna"]
        for key in ("own", "team"):
            self.lines[key].with_user(anna).write(
                {"amount": 1200.0, "adjustment_reason": "Bigger order"}
            )
            self.assertEqual(self.lines[key].amount, 1200.0)
        for key in ("other", "unassigned"):
            with self.subTest(key=key), self.assertRaises(AccessError):
                self.lines[key].with_user(anna).write(
                    {"amount": 1200.0, "adjustment_reason": "Spy"}
                )
        Line = self.env["account_mgmt.budget.line"].with_user(anna)
        vals = {
            "budget_id": self.forecast.id,
            "date": self.forecast.date_from,
            "categ_id": self.categ.id,
            "amount": 300.0,
        }
        Line.create({**vals, "partner_id": self.accounts["own"].id})
        for key in ("other", "unassigned"):
            with self.subTest(key=key), self.assertRaises(AccessError):
                Line.create({**vals, "partner_id": self.accounts[key].id})
        with self.assertRaises(AccessError):
            self.lines["own"].with_user(anna).unlink()
        # never a budget, not even her account's
        with self.assertRaisesMessage(
            AccessError, "only finance and account directors"
        ):
            self.budget_lines[self.accounts["own"]].with_user(anna).amount = 1.0
        with self.assertRaisesMessage(
            AccessError, "only finance and account directors"
        ):
            Line.create(
                {
                    **vals,
                    "budget_id": self.budget.id,
                    "partner_id": self.accounts["own"].id,
                }
            )
        self.assertEqual(self.budget_lines[self.accounts["own"]].amount, 2000.0)

    def test_manager_manages_no_version(self):
        anna = self.users["anna"]
        with self.assertRaises(AccessError):
            self.env["account_mgmt.budget"].with_user(anna).create(
                {
                    "name": "Mine",
                    "date_from": self.forecast.date_from,
                    "date_to": self.forecast.date_to,
                }
            )
        for action in (
            "action_approve",
            "action_freeze_snapshot",
            "action_copy_version",
        ):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(self.budget.with_user(anna), action)()
        with self.assertRaises(AccessError):
            self.budget.with_user(anna).name = "Renamed"
        self.assertEqual(self.budget.state, "draft")

    def test_finance_and_directors(self):
        for role in ("fred", "dora"):
            user = self.users[role]
            with self.subTest(role=role):
                self.lines["other"].with_user(user).amount = 1100.0
                self.budget_lines[self.accounts["other"]].with_user(
                    user
                ).amount = 2100.0
        self.budget.with_user(self.users["dora"]).action_approve()
        self.assertEqual(self.budget.state, "approved")

    def test_margin_follows_profitability(self):
        line = self.lines["own"]
        with self.assertRaises(AccessError):
            line.with_user(self.users["anna"]).read(["margin_amount"])
        with self.assertRaises(AccessError):
            line.with_user(self.users["anna"]).write(
                {"margin_amount": 1.0, "adjustment_reason": "x"}
            )
        self.assertEqual(
            line.with_user(self.users["fred"]).read(["margin_amount"])[0][
                "margin_amount"
            ],
            400.0,
        )
        # the company's setting lets account managers read their accounts' margins
        self.company.account_mgmt_managers_see_profitability = True
        self.env.invalidate_all()
        self.assertEqual(
            line.with_user(self.users["anna"]).read(["margin_amount"])[0][
                "margin_amount"
            ],
            400.0,
        )

    def test_companies(self):
        Budget = self.env["account_mgmt.budget"]
        self.assertEqual(
            Budget.with_user(self.users["fred"]).search(
                [("id", "in", [self.forecast.id, self.forecast_b.id])]
            ),
            self.forecast,
        )
        self.assertEqual(
            Budget.with_user(self.users["bea"]).search(
                [("id", "in", [self.forecast.id, self.forecast_b.id])]
            ),
            self.forecast_b,
        )
        with self.assertRaises(AccessError):
            self.lines["own"].with_user(self.users["bea"]).write(
                {"amount": 1.0, "adjustment_reason": "x"}
            )
        with self.assertRaises(AccessError):
            self.forecast_b.with_user(self.users["dora"]).action_freeze_snapshot()
        # a line of company B's account in company A's version
        with self.assertRaises(UserError):
            self.env["account_mgmt.budget.line"].with_user(self.users["dora"]).create(
                {
                    "budget_id": self.budget.id,
                    "partner_id": self.accounts["b"].id,
                    "date": self.budget.date_from,
                    "amount": 1.0,
                }
            )
        for role in ("sam", "paul"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                Budget.with_user(self.users[role]).search([])

    def test_baseline_wizard_is_its_creators(self):
        fred = self.users["fred"]
        wizard = (
            self.env["account_mgmt.budget.baseline"]
            .with_user(fred)
            .create(
                {
                    "budget_id": self.budget.id,
                    "partner_ids": [(6, 0, self.accounts["own"].ids)],
                }
            )
        )
        other_finance = self._new_user("am_fanny", "Fanny Finance", GROUP_FINANCE)
        for user in (other_finance, self.users["dora"]):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                wizard.with_user(user).read(["method"])
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                wizard.with_user(user).action_fill()
        for role in ("anna", "sam", "paul"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                wizard.with_user(self.users[role]).read(["method"])


@tagged("post_install", "-at_install")
class TestBudgetJsonRpc(BudgetAccessCommon, HttpCase):
    def rpc(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def assertRefused(self, error, model, method, args, kwargs=None):
        """The call answers ``error`` (error.data.name) and changes nothing."""
        before = self._fingerprint()
        with self.assertRaises(JsonRpcException) as catcher:
            self.rpc(model, method, args, kwargs)
        self.assertEqual(str(catcher.exception), error, f"{model}.{method}")
        self.env.invalidate_all()
        self.assertEqual(self._fingerprint(), before, f"{model}.{method}")

    def test_account_manager(self):
        self.authenticate("am_anna", "am_anna")
        line = "account_mgmt.budget.line"
        own, other = self.lines["own"].id, self.lines["other"].id
        budget_own = self.budget_lines[self.accounts["own"]].id
        rows = self.rpc(
            line,
            "search_read",
            [[("budget_id", "in", [self.forecast.id, self.budget.id])], ["partner_id"]],
        )
        self.assertEqual(
            {row["partner_id"][0] for row in rows},
            {self.accounts["own"].id, self.accounts["team"].id},
        )
        self.assertRefused(ACCESS, line, "read", [[other], ["amount"]])
        self.assertRefused(ACCESS, line, "read", [[own], ["margin_amount"]])
        self.assertRefused(
            ACCESS, line, "write", [[other], {"amount": 1.0, "adjustment_reason": "x"}]
        )
        self.assertRefused(
            ACCESS,
            line,
            "write",
            [[budget_own], {"amount": 1.0, "adjustment_reason": "x"}],
        )
        self.assertRefused(USER, line, "write", [[own], {"amount": 1.0}])
        self.assertRefused(
            ACCESS, "account_mgmt.budget", "action_approve", [[self.budget.id]]
        )
        self.assertRefused(
            ACCESS,
            "account_mgmt.budget.adjustment",
            "create",
            [
                {
                    "budget_id": self.forecast.id,
                    "partner_id": self.accounts["own"].id,
                    "date": str(self.forecast.date_from),
                    "old_amount": 0.0,
                    "new_amount": 1.0,
                }
            ],
        )
        # her account's forecast, with a reason: done and logged
        self.rpc(
            line,
            "write",
            [[own], {"amount": 1250.0, "adjustment_reason": "Won the tender"}],
        )
        self.env.invalidate_all()
        adjustment = self.lines["own"].adjustment_ids.sorted("id")[-1]
        self.assertEqual(
            (
                adjustment.user_id,
                adjustment.old_amount,
                adjustment.new_amount,
                adjustment.reason,
            ),
            (self.users["anna"], 1000.0, 1250.0, "Won the tender"),
        )
