# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Budget and forecast versions: approve, supersede, copy, freeze a snapshot, the
locks, the adjustment log, bad input and the import of a spreadsheet of lines."""

import base64

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .budget_common import BudgetCommon


@tagged("post_install", "-at_install")
class TestBudgetVersions(BudgetCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.budget = cls._version(
            lines=[(cls.account, 0, 10000.0), (cls.account, 1, 10000.0)]
        )
        cls.forecast = cls._version(
            kind="forecast",
            lines=[(cls.account, 0, 9000.0), (cls.other, 0, 4000.0)],
        )

    def _state(self, *records):
        self.env.invalidate_all()
        return [record.sudo().state for record in records]

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def test_approve_locks_for_everyone(self):
        self.assertEqual(self.budget.amount_total, 20000.0)
        self.budget.with_user(self.user_finance).action_approve()
        self.assertEqual(self._state(self.budget), ["approved"])
        line = self.budget.line_ids[0]
        for env_user in (self.user_finance, self.user_director):
            with self.subTest(user=env_user.login):
                with self.assertRaisesMessage(UserError, "is locked"):
                    line.with_user(env_user).amount = 12000.0
                with self.assertRaisesMessage(UserError, "is locked"):
                    line.with_user(env_user).unlink()
                with self.assertRaisesMessage(UserError, "is locked"):
                    self.Line.with_user(env_user).create(
                        {
                            "budget_id": self.budget.id,
                            "partner_id": self.other.id,
                            "date": self._month(2),
                            "amount": 1.0,
                        }
                    )
                with self.assertRaisesMessage(UserError, "is locked"):
                    self.budget.with_user(env_user).name = "Renamed"
                with self.assertRaisesMessage(UserError, "is locked"):
                    self.budget.with_user(env_user).unlink()
        # ... the superuser too
        with self.assertRaisesMessage(UserError, "is locked"):
            line.sudo().amount = 12000.0
        self.env.invalidate_all()
        self.assertEqual(line.amount, 10000.0)
        self.assertEqual(len(self.budget.line_ids), 2)
        self.assertEqual(self.budget.name, f"Budget {self.month0.year}")
        # the chatter still takes messages
        self.budget.with_user(self.user_finance).message_post(body="Signed off")

    def test_state_changes_tracked(self):
        budget = self.budget.with_context(tracking_disable=False, mail_notrack=False)
        # (as in a later transaction than the version's creation: records created
        # in a transaction aren't tracked in it)
        self.env.cr.precommit.data.pop("mail.tracking.account_mgmt.budget", None)
        budget.with_user(self.user_finance).action_approve()
        self.env.cr.precommit.run()  # tracking is written at commit
        self.env.invalidate_all()
        tracked = budget.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(
            (tracked.old_value_char, tracked.new_value_char), ("Draft", "Approved")
        )

    def test_approve_supersedes_overlapping(self):
        self.budget.with_user(self.user_finance).action_approve()
        # a later budget of the following year: no overlap, both approved
        later = self.Budget.with_user(self.user_finance).create(
            {
                "name": "Next year",
                "date_from": self.month0 + relativedelta(years=1),
                "date_to": self.year_end + relativedelta(years=1),
            }
        )
        later.action_approve()
        self.assertEqual(self._state(self.budget, later), ["approved", "approved"])
        # a revised budget of the same months supersedes the first
        revised = self.budget.with_user(self.user_finance).action_copy_version()
        revised = self.Budget.browse(revised["res_id"])
        self.assertEqual(self._state(revised), ["draft"])
        self.assertEqual(revised.line_ids.mapped("amount"), [10000.0, 10000.0])
        revised.line_ids[0].with_user(self.user_finance).amount = 11000.0
        revised.with_user(self.user_director).action_approve()
        self.assertEqual(
            self._state(self.budget, revised, later),
            ["superseded", "approved", "approved"],
        )
        self.assertEqual(self.budget.amount_total, 20000.0)  # untouched
        self.assertEqual(revised.amount_total, 21000.0)
        with self.assertRaisesMessage(UserError, "only a draft budget is approved"):
            revised.with_user(self.user_director).action_approve()
        with self.assertRaisesMessage(UserError, "freeze a snapshot"):
            self.forecast.with_user(self.user_director).action_approve()

    def test_freeze_snapshot(self):
        action = self.forecast.with_user(self.user_finance).action_freeze_snapshot()
        snapshot = self.Budget.browse(action["res_id"])
        self.assertTrue(snapshot.is_snapshot)
        self.assertEqual(snapshot.state, "approved")
        self.assertEqual(snapshot.snapshot_of_id, self.forecast)
        self.assertTrue(snapshot.snapshot_date)
        self.assertEqual(snapshot.amount_total, 13000.0)
        # the live forecast moves on, the snapshot keeps what it said
        line = self.forecast.line_ids.filtered(lambda x: x.partner_id == self.account)
        line.with_user(self.user_finance).amount = 9500.0
        self.assertEqual(self.forecast.amount_total, 13500.0)
        self.assertEqual(snapshot.amount_total, 13000.0)
        with self.assertRaisesMessage(UserError, "forecast snapshot"):
            snapshot.line_ids[0].with_user(self.user_finance).amount = 1.0
        with self.assertRaisesMessage(UserError, "not a live forecast"):
            snapshot.with_user(self.user_finance).action_freeze_snapshot()
        with self.assertRaisesMessage(UserError, "not a live forecast"):
            self.budget.with_user(self.user_finance).action_freeze_snapshot()
        # the snapshot's lines aren't adjustments of the forecast
        self.assertFalse(
            self.env["account_mgmt.budget.adjustment"].search(
                [("budget_id", "=", snapshot.id)]
            )
        )

    def test_one_live_forecast(self):
        with self.assertRaisesMessage(ValidationError, "already has a live forecast"):
            self._version(kind="forecast")
        with self.assertRaisesMessage(ValidationError, "already has a live forecast"):
            self.forecast.with_user(self.user_finance).action_copy_version()
        # months after the live forecast's: fine
        self.Budget.with_user(self.user_finance).create(
            {
                "name": "Later forecast",
                "kind": "forecast",
                "date_from": self.month0 + relativedelta(years=1),
                "date_to": self.year_end + relativedelta(years=1),
            }
        )

    # ------------------------------------------------------------------
    # Adjustment log
    # ------------------------------------------------------------------
    def test_adjustment_logged_with_reason(self):
        line = self.forecast.line_ids.filtered(lambda x: x.partner_id == self.account)
        anna = self.user_manager
        with self.assertRaisesMessage(UserError, "Give a reason"):
            line.with_user(anna).amount = 9900.0
        self.env.invalidate_all()
        self.assertEqual(line.amount, 9000.0)
        line.with_user(anna).write(
            {"amount": 9900.0, "adjustment_reason": "Second plant opens in March"}
        )
        line.with_user(anna).with_context(
            account_mgmt_budget_reason="Price increase"
        ).amount = 10395.0
        # finance may leave the reason out; same amount: nothing to log
        line.with_user(self.user_finance).amount = 10000.0
        line.with_user(self.user_finance).amount = 10000.0
        log = line.adjustment_ids.sorted("id")
        self.assertEqual(
            [(a.user_id, a.old_amount, a.new_amount, a.reason) for a in log],
            [
                (self.user_finance, 0.0, 9000.0, False),  # the line's creation
                (anna, 9000.0, 9900.0, "Second plant opens in March"),
                (anna, 9900.0, 10395.0, "Price increase"),
                (self.user_finance, 10395.0, 10000.0, False),
            ],
        )
        self.assertTrue(all(a.create_date for a in log))
        self.assertEqual(set(log.mapped("budget_id")), {self.forecast})
        self.assertEqual(set(log.mapped("date")), {self._month(0)})
        action = self.forecast.action_view_adjustments()
        self.assertEqual(
            self.env["account_mgmt.budget.adjustment"].search(action["domain"]),
            self.forecast.sudo().line_ids.adjustment_ids,
        )
        # budgets have no adjustment log
        self.budget.line_ids[0].with_user(self.user_finance).amount = 10500.0
        self.assertFalse(self.budget.line_ids.adjustment_ids)

    # ------------------------------------------------------------------
    # Bad input: a clear error, nothing saved
    # ------------------------------------------------------------------
    def test_bad_lines(self):
        contact = self.contact  # Acme's buyer (plan_common)
        before = self.Line.search_count([])
        cases = [
            ({"date": self._month(0) + relativedelta(days=4)}, "first day"),
            ({"date": self.month0 - relativedelta(months=1)}, "outside the months"),
            ({"date": self._month(12)}, "outside the months"),
            ({"amount": -1.0}, "can't be negative"),
            ({"partner_id": contact.id}, "is a contact of"),
            ({"partner_id": self.account.id, "date": self._month(0)}, "already has"),
        ]
        for vals, message in cases:
            with (
                self.subTest(message=message),
                self.assertRaisesMessage(ValidationError, message),
            ):
                self.Line.with_user(self.user_finance).create(
                    {
                        "budget_id": self.budget.id,
                        "partner_id": self.other.id,
                        "date": self._month(5),
                        "amount": 100.0,
                        **vals,
                    }
                )
        # duplicates within one batch: none of the batch is saved
        with self.assertRaisesMessage(ValidationError, "already has"):
            self.Line.with_user(self.user_finance).create(
                [
                    {
                        "budget_id": self.budget.id,
                        "partner_id": self.other.id,
                        "date": self._month(5),
                        "amount": 1.0,
                    }
                ]
                * 2
            )
        # moving a line onto another one's month, category or not
        line = self.budget.line_ids.sorted("date")[1]
        with self.assertRaisesMessage(ValidationError, "already has"):
            line.with_user(self.user_finance).date = self._month(0)
        categ = self.env["product.category"].create({"name": "Spares"})
        line.with_user(self.user_finance).categ_id = categ
        line.with_user(self.user_finance).date = self._month(0)  # other category
        self.assertEqual(self.Line.search_count([]), before)

    def test_bad_versions(self):
        cases = [
            (
                {"date_from": self.month0 + relativedelta(days=1)},
                "first day of a month",
            ),
            ({"date_to": self.year_end - relativedelta(days=1)}, "last day of a month"),
            (
                {
                    "date_from": self.month0,
                    "date_to": self.month0 - relativedelta(days=1),
                },
                "before it starts",
            ),
        ]
        for vals, message in cases:
            with (
                self.subTest(message=message),
                self.assertRaisesMessage(ValidationError, message),
            ):
                self._version(**vals)
        # shortening a version under its lines
        with self.assertRaisesMessage(ValidationError, "outside its new dates"):
            self.budget.with_user(self.user_finance).date_to = self.month0 + (
                relativedelta(months=1, days=-1)
            )
        self.env.invalidate_all()
        self.assertEqual(self.budget.date_to, self.year_end)

    # ------------------------------------------------------------------
    # Bulk entry: Odoo's import of a spreadsheet of lines
    # ------------------------------------------------------------------
    def _import(self, rows):
        csv = "Version,Account,Month,Revenue\n" + "".join(
            f"{version},{account},{month},{amount}\n"
            for version, account, month, amount in rows
        )
        wizard = (
            self.env["base_import.import"]
            .with_user(self.user_finance)
            .create(
                {
                    "res_model": "account_mgmt.budget.line",
                    "file": base64.b64decode(base64.b64encode(csv.encode())),
                    "file_name": "lines.csv",
                    "file_type": "text/csv",
                }
            )
        )
        return wizard.execute_import(
            ["budget_id", "partner_id", "date", "amount"],
            ["Version", "Account", "Month", "Revenue"],
            {
                "quoting": '"',
                "separator": ",",
                "has_headers": True,
                "date_format": "%Y-%m-%d",
            },
        )

    def test_import_lines(self):
        version = self.budget.name
        result = self._import(
            [
                (version, "Other Ltd", self._month(0), 2500.0),
                (version, "Other Ltd", self._month(1), 2600.5),
            ]
        )
        self.assertFalse(result["messages"], result["messages"])
        lines = self.budget.line_ids.filtered(lambda x: x.partner_id == self.other)
        self.assertEqual(lines.mapped("amount"), [2500.0, 2600.5])
        # a file with one bad row (negative, a duplicate, a day of a month) saves
        # nothing
        for bad in (
            (version, "Other Ltd", self._month(3), -5.0),
            (version, "Acme Group", self._month(0), 5.0),
            (version, "Other Ltd", self._month(3) + relativedelta(days=2), 5.0),
        ):
            with self.subTest(bad=bad):
                before = self.Line.search_count([])
                result = self._import(
                    [(version, "Other Ltd", self._month(2), 1.0), bad]
                )
                self.assertTrue([m for m in result["messages"] if m["type"] == "error"])
                self.assertEqual(self.Line.search_count([]), before)

    def test_copy_keeps_categories_and_margins(self):
        categ = self.env["product.category"].create({"name": "Spares"})
        draft = self._version(
            name="Draft with categories",
            date_from=self.month0 + relativedelta(years=2),
            date_to=self.year_end + relativedelta(years=2),
            line_ids=[
                Command.create(
                    {
                        "partner_id": self.account.id,
                        "date": self.month0 + relativedelta(years=2),
                        "categ_id": categ.id,
                        "amount": 700.0,
                        "margin_amount": 210.0,
                    }
                )
            ],
        )
        copy = self.Budget.browse(
            draft.with_user(self.user_finance).action_copy_version()["res_id"]
        )
        self.assertEqual(
            [(x.categ_id, x.amount, x.margin_amount) for x in copy.line_ids],
            [(categ, 700.0, 210.0)],
        )
