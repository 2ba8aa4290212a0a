# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""examples/jsonrpc_example.py against the test server (docs/API.md).

The script runs in a subprocess and talks to the server started for the tests
(``--odoo-http``); HttpCase puts the registry in test mode, so its requests see
this test's data.
"""

import json
import subprocess
import sys
from pathlib import Path

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import GROUP_MANAGER, AccountMgmtCommon

SCRIPT = Path(__file__).resolve().parent.parent / "examples" / "jsonrpc_example.py"


@tagged("post_install", "-at_install")
class TestApiExample(AccountMgmtCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.account_mgmt_managers_see_profitability = True
        cls.api_user = cls._new_user("api_amelia", "Amelia Api", GROUP_MANAGER)
        cls.account = cls._account("Api Robotics", account_manager_id=cls.api_user.id)
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Carl Caller",
                "parent_id": cls.account.id,
                "email": "carl.caller@api-robotics.example.com",
            }
        )
        cls.call_type = cls.env.ref("account_mgmt_addon.interaction_type_call")
        today = fields.Date.context_today(cls.env["res.partner"])
        # Inside the last 12 months (the 12 complete months before this one):
        #   3 widgets x 1000 (cost 600) on their first day + 2 consulting days x
        #   800 (cost 300) last month: revenue 3000 + 1600 = 4600, COGS 1800 +
        #   600 = 2400, gross margin 2200, margin 2200 / 4600 = 47.83 %, no
        #   cost-to-serve: net contribution 2200.
        # 14 months ago and this month (outside): 5 and 4 widgets, not counted.
        cls._post_move(
            cls.account,
            today.replace(day=1) - relativedelta(months=12),
            [(cls.product_goods, 3, 1000.0)],
        )
        cls._post_move(cls.account, today, [(cls.product_goods, 4, 1000.0)])
        cls._post_move(
            cls.account,
            today - relativedelta(months=1),
            [(cls.product_service, 2, 800.0)],
        )
        cls._post_move(
            cls.account,
            today - relativedelta(months=14),
            [(cls.product_goods, 5, 1000.0)],
        )
        cls.env["account_mgmt.health.snapshot"].sudo()._recompute_accounts(
            partners=cls.account, companies=cls.company, alerts=False
        )
        # The call started yesterday at 10:00 UTC: done interactions can't be
        # dated in the future.
        cls.call_start = (fields.Datetime.now() - relativedelta(days=1)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )

    def _run_script(
        self,
        login="api_amelia",
        password="api_amelia",
        email="Carl.Caller@api-robotics.example.com",
    ):
        command = [
            sys.executable,
            str(SCRIPT),
            "--url",
            self.base_url(),
            "--db",
            self.env.cr.dbname,
            "--login",
            login,
            "--password",
            password,
            "--email",
            email,
            "--type-code",
            "CALL",
            "--duration",
            "0.5",
            "--direction",
            "inbound",
            "--subject",
            "Renewal question",
            "--date",
            fields.Datetime.to_string(self.call_start),
            "--json",
        ]
        # The server reads the database: write the test's pending changes first,
        # and forget the cache afterwards to read what the script wrote.
        self.env.flush_all()
        process = subprocess.run(
            command, capture_output=True, text=True, timeout=120, check=False
        )
        self.env.invalidate_all()
        return process

    def _interactions(self):
        # sudo: the test runs as an accounting user, who reads no interaction.
        return (
            self.env["account_mgmt.interaction"]
            .sudo()
            .search([("partner_id", "=", self.account.id)])
        )

    def test_log_call_and_read_figures(self):
        process = self._run_script()
        self.assertEqual(process.returncode, 0, process.stderr)
        result = json.loads(process.stdout)

        interaction = self._interactions()
        self.assertEqual(len(interaction), 1)
        self.assertEqual(result["interaction_id"], interaction.id)
        self.assertTrue(result["created"])
        self.assertEqual(interaction.partner_id, self.account)
        self.assertEqual(interaction.contact_ids, self.contact)
        self.assertEqual(interaction.type_id, self.call_type)
        self.assertEqual(interaction.duration, 0.5)
        self.assertEqual(interaction.direction, "inbound")
        self.assertEqual(interaction.state, "done")
        self.assertEqual(interaction.user_id, self.api_user)
        self.assertEqual(interaction.date, self.call_start)
        self.assertEqual(result["account"], "Api Robotics")
        self.assertEqual(result["contact"], "Carl Caller")

        profit = result["figures"]["profitability"]
        self.assertAlmostEqual(profit["revenue"], 4600.0)
        self.assertAlmostEqual(profit["gross_margin"], 2200.0)
        self.assertAlmostEqual(profit["net_contribution"], 2200.0)
        self.assertAlmostEqual(profit["margin_percent"], 47.83, places=2)

        # The health figures printed are those the recompute stored on the account.
        health = result["figures"]["health"]
        account = self.account.with_company(self.company)
        self.assertTrue(account.account_health_date)
        self.assertAlmostEqual(health["score"], account.account_health_score)
        self.assertEqual(health["band"], account.account_health_band)
        self.assertEqual(health["date"], str(account.account_health_date))
        self.assertEqual(
            {line["name"] for line in health["breakdown"]},
            set(account.account_health_line_ids.mapped("name")),
        )
        self.assertAlmostEqual(
            sum(line["contribution"] for line in health["breakdown"]),
            account.account_health_score,
            delta=0.5,  # contributions are rounded to 0.1 each
        )

    def test_retry_logs_once(self):
        """The phone system retries with the same call: still one interaction."""
        first = self._run_script()
        self.assertEqual(first.returncode, 0, first.stderr)
        second = self._run_script()
        self.assertEqual(second.returncode, 0, second.stderr)
        self.assertFalse(json.loads(second.stdout)["created"])
        self.assertEqual(len(self._interactions()), 1)

    def test_profitability_hidden_when_company_says_so(self):
        self.company.account_mgmt_managers_see_profitability = False
        process = self._run_script()
        self.assertEqual(process.returncode, 0, process.stderr)
        figures = json.loads(process.stdout)["figures"]
        self.assertIsNone(figures["profitability"])
        self.assertIsNotNone(figures["health"]["score"])

    def test_company_email(self):
        """The email of the account itself: logged on it, with no contact."""
        self.account.email = "office@api-robotics.example.com"
        process = self._run_script(email="office@api-robotics.example.com")
        self.assertEqual(process.returncode, 0, process.stderr)
        interaction = self._interactions()
        self.assertEqual(len(interaction), 1)
        self.assertFalse(interaction.contact_ids)
        self.assertEqual(interaction.duration, 0.5)

    def test_unknown_email(self):
        process = self._run_script(email="nobody@example.com")
        self.assertEqual(process.returncode, 1)
        self.assertIn("No contact has the email address", process.stderr)
        self.assertFalse(self._interactions())

    def test_wrong_password(self):
        process = self._run_script(password="not-the-password")
        self.assertEqual(process.returncode, 1)
        self.assertIn("Login failed", process.stderr)
        self.assertFalse(self._interactions())
