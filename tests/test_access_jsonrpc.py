# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 14 over JSON-RPC: an account manager logged in to the web client tries
the hostile paths of each class of the issue through /web/dataset/call_kw (what
the browser and any script with her session send). Each gets the clean error
(its JSON ``error.data.name``) or the masked value, and the add-on's tables and
the partners are unchanged (tests/access_common.py's fingerprint)."""

from odoo.tests import HttpCase, JsonRpcException, tagged

from .access_common import AccessCommon

ACCESS = "odoo.exceptions.AccessError"
USER = "odoo.exceptions.UserError"


@tagged("post_install", "-at_install")
class TestAccessJsonRpc(AccessCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.accounts["other"]
        cls.own = cls.accounts["own"]
        for account in (cls.own, cls.other):
            account.sudo().write(
                {"account_gross_margin": 4000.0, "account_annual_revenue": 12000.0}
            )

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

    def test_hostile_account_manager(self):
        self.authenticate("am_anna", "am_anna")
        other, own = self.other.id, self.own.id
        # Class 4: another account's margin is not hers (setting off): read,
        # oracle, group by and export are refused.
        self.assertRefused(
            ACCESS, "res.partner", "read", [[other], ["account_gross_margin"]]
        )
        self.assertRefused(
            ACCESS,
            "res.partner",
            "search_count",
            [[("id", "=", other), ("account_gross_margin", ">", 3999)]],
        )
        self.assertRefused(
            ACCESS,
            "res.partner",
            "read_group",
            [[], ["id:count"], ["account_gross_margin"]],
            {"lazy": False},
        )
        self.assertRefused(
            ACCESS,
            "res.partner",
            "web_search_read",
            [[("id", "in", [own, other])]],
            {
                "specification": {"display_name": {}},
                "order": "account_gross_margin desc",
            },
        )
        self.assertRefused(
            ACCESS, "res.partner", "export_data", [[other], ["account_gross_margin"]]
        )
        # Class 7 and the revenue decision: another account's health and revenue
        # read, export and filter as empty; her own account's as they are.
        rows = self.rpc(
            "res.partner",
            "read",
            [[own, other], ["account_health_band", "account_annual_revenue"]],
        )
        self.assertEqual(
            {row["id"]: row["account_annual_revenue"] for row in rows},
            {own: 12000.0, other: False},
        )
        self.assertFalse(
            next(r for r in rows if r["id"] == other)["account_health_band"]
        )
        self.assertTrue(next(r for r in rows if r["id"] == own)["account_health_band"])
        self.assertEqual(
            self.rpc(
                "res.partner",
                "search_count",
                [[("id", "=", other), ("account_annual_revenue", ">", 11999)]],
            ),
            0,
        )
        self.assertEqual(
            self.rpc(
                "res.partner",
                "export_data",
                [[own, other], ["account_annual_revenue", "account_health_band"]],
            )["datas"][1],
            ["", ""],
        )
        groups = self.rpc(
            "res.partner",
            "web_read_group",
            [
                [("id", "in", [own, other])],
                ["account_annual_revenue:sum"],
                ["account_manager_id"],
            ],
            {"lazy": False},
        )
        self.assertEqual(
            {
                g["account_manager_id"][0]: g["account_annual_revenue"]
                for g in groups["groups"]
            },
            {self.users["anna"].id: 12000.0},  # Bruno's account isn't counted
        )
        # Class 1: her team line moved to another manager's account.
        line = self.rpc(
            "account_mgmt.team.member",
            "create",
            [{"partner_id": own, "user_id": self.users["anna"].id}],
        )
        self.assertRefused(
            ACCESS, "account_mgmt.team.member", "write", [[line], {"partner_id": other}]
        )
        # Class 2: a plan on another manager's account.
        self.assertRefused(
            ACCESS,
            "account_mgmt.plan",
            "create",
            [{"name": "Spy", "partner_id": other, "date_start": "2020-01-01"}],
        )
        # Class 3: finance's ranking wizard.
        wizard = (
            self.env["account_mgmt.profitability.export"]
            .with_user(self.users["fred"])
            .create({"date_from": "2024-01-01", "date_to": "2024-12-31"})
        )
        self.assertRefused(
            ACCESS,
            "account_mgmt.profitability.export",
            "read",
            [[wizard.id], ["date_from"]],
        )
        self.assertRefused(
            ACCESS,
            "account_mgmt.profitability.export",
            "action_rank_accounts",
            [[wizard.id]],
        )
        # Class 5: an interaction logged as someone else, on another account.
        vals = {
            "partner_id": own,
            "type_id": self.env.ref("account_mgmt_addon.interaction_type_call").id,
        }
        self.assertRefused(
            ACCESS,
            "account_mgmt.interaction",
            "create",
            [dict(vals, user_id=self.users["bruno"].id)],
        )
        self.assertRefused(
            ACCESS, "account_mgmt.interaction", "create", [dict(vals, partner_id=other)]
        )
        # Class 6: the internal context key doesn't make her a director.
        tier = self.config_records["account_mgmt.tier"]["a"].id
        self.assertRefused(
            ACCESS,
            "res.partner",
            "write",
            [[own], {"account_tier_id": tier}],
            {"context": {"account_mgmt_tiering": True}},
        )
        # Class 9: the report renderer called directly, one-record actions with
        # none or several records, values that aren't values.
        self.assertRefused(
            USER,
            "report.account_mgmt_addon.profitability_xlsx",
            "generate_xlsx_report",
            [[], None, None, None],
        )
        plans = self.records["account_mgmt.plan"]
        self.assertRefused(USER, "account_mgmt.plan", "action_send_back", [[]])
        self.assertRefused(
            USER,
            "account_mgmt.plan",
            "action_send_back",
            [[plans["own"].id, plans["team"].id]],
        )
        self.assertRefused(
            USER,
            "res.partner",
            "action_log_interaction",
            [[own, self.accounts["team"].id]],
        )
        self.assertRefused(USER, "account_mgmt.interaction", "create", ["oops"])

    def test_director_context_key(self):
        """Class 6: a director's write with the internal context key still leaves
        its tier history row."""
        self.authenticate("am_dora", "am_dora")
        History = self.env["account_mgmt.tier.history"].sudo()
        before = History.search_count([("partner_id", "=", self.own.id)])
        self.rpc(
            "res.partner",
            "write",
            [
                [self.own.id],
                {"account_tier_id": self.config_records["account_mgmt.tier"]["a"].id},
            ],
            {"context": {"account_mgmt_tiering": True}},
        )
        self.assertEqual(
            History.search_count([("partner_id", "=", self.own.id)]), before + 1
        )
