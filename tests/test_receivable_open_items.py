# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The open receivable items' table equals the ledger after every kind of change.

``account_mgmt_open_item`` is kept by PostgreSQL triggers (see
``reports/receivable_open_items.py``). After each change below, two checks:

- the table holds exactly the open items computed here from
  ``account_move_line`` (a query of the test's own, the definition the report
  had before the table);
- ``_sql_open_items`` (which reads the table) returns, item for item, what the
  report's query computed from the ledger before the table (copied below): same
  amounts, overdue amounts, days and buckets.

Every test also checks hand-computed figures of the items it changes. On 30
June 2025, Gamma (account manager Anna) owes:

====  ==========  ==========  ======
Inv   Date        Due         Amount
====  ==========  ==========  ======
I1    2025-06-15  2025-07-15   1,000  not due
I2    2025-04-02  2025-05-30   3,000  31 days overdue
====  ==========  ==========  ======
"""

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.account_mgmt_addon.reports import receivable_open_items

from .common import read_group_as_core
from .profitability_common import RECEIVABLES, ProfitabilityCommon
from .test_migrations import load_migration

# The open items from the ledger: (journal item, entry, commercial partner,
# company, invoice currency, invoice date, due date, residual, residual in the
# invoice currency, the commercial partner's manager and tier in the company).
LEDGER_ITEMS = """
    SELECT line.id, line.move_id, line_partner.commercial_partner_id,
           line.company_id, line.currency_id,
           COALESCE(move.invoice_date, line.date),
           COALESCE(line.date_maturity, line.date),
           line.amount_residual, line.amount_residual_currency,
           client.account_manager_id,
           (client.account_tier_id ->> line.company_id::text)::integer
      FROM account_move_line line
      JOIN account_account account ON account.id = line.account_id
      JOIN res_partner line_partner ON line_partner.id = line.partner_id
      JOIN res_partner client ON client.id = line_partner.commercial_partner_id
      JOIN account_move move ON move.id = line.move_id
     WHERE account.account_type = 'asset_receivable'
       AND line.parent_state = 'posted'
       AND line.amount_residual != 0
       AND line.company_id = %(company)s
"""
TABLE_ITEMS = """
    SELECT id, move_id, commercial_partner_id, company_id, currency_id, date,
           date_maturity, amount_residual, amount_residual_currency,
           account_manager_id, account_tier_id
      FROM account_mgmt_open_item
     WHERE company_id = %(company)s
"""
# The report's open items as computed from the ledger before the table
# (18.0.1.2.0, company currency): the figures must not change.
LEDGER_REPORT = """
    SELECT item.id, item.move_id, item.partner_id, item.company_id,
           item.invoice_currency_id,
           COALESCE(move.invoice_date, item.line_date) AS date,
           item.date_maturity, item.amount_residual, item.amount_residual_currency,
           item.amount_overdue,
           CASE WHEN item.amount_overdue > 0
                THEN %(date)s - item.date_maturity ELSE 0 END AS days_overdue,
           CASE WHEN item.amount_residual < 0 THEN '00_credits'
                WHEN item.date_maturity >= %(date)s THEN '0_not_due'
                WHEN %(date)s - item.date_maturity <= 30 THEN '1_30'
                WHEN %(date)s - item.date_maturity <= 60 THEN '31_60'
                WHEN %(date)s - item.date_maturity <= 90 THEN '61_90'
                ELSE 'over_90' END AS aging_bucket
      FROM (
        SELECT open.*,
               CASE WHEN open.amount_residual > 0 AND open.date_maturity < %(date)s
               THEN GREATEST(0.0, LEAST(open.amount_residual,
                   SUM(open.amount_residual) FILTER (
                       WHERE open.amount_residual > 0
                         AND open.date_maturity < %(date)s)
                       OVER (PARTITION BY open.partner_id, open.company_id
                             ORDER BY open.date_maturity DESC, open.id DESC)
                   + SUM(LEAST(open.amount_residual, 0.0))
                       OVER (PARTITION BY open.partner_id, open.company_id)))
               ELSE 0.0 END AS amount_overdue
          FROM (
            SELECT line.id, line.move_id,
                   line_partner.commercial_partner_id AS partner_id,
                   line.company_id, line.currency_id AS invoice_currency_id,
                   line.date AS line_date,
                   COALESCE(line.date_maturity, line.date) AS date_maturity,
                   line.amount_residual, line.amount_residual_currency
              FROM account_move_line line
              JOIN res_partner line_partner ON line_partner.id = line.partner_id
             WHERE line.account_id IN (SELECT id FROM account_account
                                        WHERE account_type = 'asset_receivable')
               AND line.parent_state = 'posted'
               AND line.amount_residual != 0
               AND line.company_id = %(company)s
          ) open
      ) item
      LEFT JOIN account_move move ON move.id = item.move_id
"""
REPORT_COLUMNS = (
    "id, move_id, partner_id, company_id, invoice_currency_id, date, "
    "date_maturity, amount_residual, amount_residual_currency, amount_overdue, "
    "days_overdue, aging_bucket"
)


@tagged("post_install", "-at_install")
@freeze_time("2025-06-30")
class TestReceivableOpenItems(ProfitabilityCommon):
    @classmethod
    def _invoice(cls, partner, date, due, amount, move_type="out_invoice"):
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": date,
                "date": date,
                "invoice_date_due": due,
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product_service.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gamma = cls._account("Gamma Retail", account_manager_id=cls.user_manager.id)
        cls.i1 = cls._invoice(cls.gamma, "2025-06-15", "2025-07-15", 1000.0)
        cls.i2 = cls._invoice(cls.gamma, "2025-04-02", "2025-05-30", 3000.0)

    # ------------------------------------------------------------------ helpers
    def _rows(self, query, **params):
        self.env.flush_all()
        self.env.cr.execute(query, {"company": self.company.id, **params})
        return sorted(self.env.cr.fetchall())

    def assertLedgerExact(self):
        """The table equals the ledger; the report's items equal the former
        ledger query's, to the cent."""
        ledger = self._rows(LEDGER_ITEMS)
        self.assertEqual(self._rows(TABLE_ITEMS), ledger)
        today = fields.Date.context_today(self.env.user)
        report = self.env[RECEIVABLES]
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM (%s) item",
                SQL(REPORT_COLUMNS),
                report._sql_open_items(today, self.company),
            )
        )
        new = sorted(self.env.cr.fetchall())
        self.assertEqual(new, self._rows(LEDGER_REPORT, date=today))
        return ledger

    def _items(self, move):
        """(residual, due date, bucket, overdue) of the report's items of
        ``move``."""
        self.env[RECEIVABLES].invalidate_model()
        return [
            (
                item.amount_residual,
                str(item.date_maturity),
                item.aging_bucket,
                item.amount_overdue,
            )
            for item in self.env[RECEIVABLES].search([("move_id", "=", move.id)])
        ]

    def _account_of(self, move):
        self.env[RECEIVABLES].invalidate_model()
        return self.env[RECEIVABLES].search([("move_id", "=", move.id)]).partner_id

    def _pay(self, invoice, amount=None):
        vals = {"payment_date": "2025-06-20"}
        if amount:
            vals["amount"] = amount
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(vals)
            ._create_payments()
        )

    # -------------------------------------------------------------------- tests
    def test_post(self):
        ledger = self.assertLedgerExact()
        self.assertEqual(len(ledger), 2)
        self.assertEqual(
            self._items(self.i1), [(1000.0, "2025-07-15", "0_not_due", 0.0)]
        )
        self.assertEqual(
            self._items(self.i2), [(3000.0, "2025-05-30", "31_60", 3000.0)]
        )
        i3 = self._invoice(self.gamma, "2025-06-01", "2025-06-10", 250.0)
        self.assertEqual(self._items(i3), [(250.0, "2025-06-10", "1_30", 250.0)])
        self.assertEqual(len(self.assertLedgerExact()), 3)

    def test_partial_full_payment_and_unreconcile(self):
        payment = self._pay(self.i2, 1200.0)
        self.assertEqual(
            self._items(self.i2), [(1800.0, "2025-05-30", "31_60", 1800.0)]
        )
        self.assertLedgerExact()
        self._pay(self.i2)
        self.assertEqual(self._items(self.i2), [])
        self.assertEqual(len(self.assertLedgerExact()), 1)
        # Unreconcile the first payment: the invoice owes 1,200 again and the
        # payment is an unapplied credit of 1,200, applied to what is past due.
        payment.move_id.line_ids.remove_move_reconcile()
        self.assertEqual(self._items(self.i2), [(1200.0, "2025-05-30", "31_60", 0.0)])
        self.assertEqual(
            self._items(payment.move_id),
            [(-1200.0, "2025-06-20", "00_credits", 0.0)],
        )
        self.assertEqual(len(self.assertLedgerExact()), 3)

    def test_credit_note(self):
        refund = self._invoice(
            self.gamma, "2025-06-25", "2025-06-25", 500.0, move_type="out_refund"
        )
        self.assertEqual(
            self._items(refund), [(-500.0, "2025-06-25", "00_credits", 0.0)]
        )
        # the credit is applied to the past-due invoice: 3,000 - 500
        self.assertEqual(
            self._items(self.i2), [(3000.0, "2025-05-30", "31_60", 2500.0)]
        )
        self.assertLedgerExact()

    def test_reset_to_draft_cancel_delete(self):
        self.i1.button_draft()
        self.assertEqual(self._items(self.i1), [])
        self.assertLedgerExact()
        self.i1.action_post()
        self.assertEqual(
            self._items(self.i1), [(1000.0, "2025-07-15", "0_not_due", 0.0)]
        )
        self.assertLedgerExact()
        self.i1.button_draft()
        self.i1.button_cancel()
        self.assertEqual(self.i1.state, "cancel")
        self.assertLedgerExact()
        # an entry posted, reset to draft and deleted
        i3 = self._invoice(self.gamma, "2025-06-01", "2025-06-10", 250.0)
        self.assertEqual(len(self.assertLedgerExact()), 2)
        i3.button_draft()
        i3.unlink()
        self.assertEqual(len(self.assertLedgerExact()), 1)
        # A posted entry's items deleted in SQL (statement trigger).
        self.env.cr.execute(
            "DELETE FROM account_move_line WHERE move_id = %s", [self.i2.id]
        )
        self.assertEqual(self.assertLedgerExact(), [])

    def test_commercial_partner_changes(self):
        """An invoice to a person; the person is then attached to a company:
        the items move to the company's account."""
        jane = self.env["res.partner"].create({"name": "Jane Buyer"})
        i3 = self._invoice(jane, "2025-06-01", "2025-06-10", 400.0)
        self.assertEqual(self._account_of(i3), jane)
        jane.parent_id = self.gamma
        self.assertEqual(jane.commercial_partner_id, self.gamma)
        self.assertEqual(self._account_of(i3), self.gamma)
        self.assertEqual(
            self.env[RECEIVABLES].search_count([("partner_id", "=", self.gamma.id)]), 3
        )
        self.assertLedgerExact()
        # Gamma itself attached to a holding: a company stays its own
        # commercial entity (nothing moves); its invoice date changed in SQL
        # moves nothing either but the date.
        self.gamma.parent_id = self.env["res.partner"].create(
            {"name": "Gamma Holding", "is_company": True}
        )
        self.env.cr.execute(
            "UPDATE account_move SET invoice_date = '2025-06-16' WHERE id = %s",
            [self.i1.id],
        )
        self.env.invalidate_all()
        self.assertEqual(
            str(self.env[RECEIVABLES].search([("move_id", "=", self.i1.id)]).date),
            "2025-06-16",
        )
        self.assertEqual(self._account_of(self.i1), self.gamma)
        self.assertLedgerExact()

    def _by_manager_and_tier(self):
        return {
            (manager.login, tier.name): residual
            for manager, tier, residual in self.env[RECEIVABLES]._read_group(
                [("partner_id", "=", self.gamma.id)],
                ["account_manager_id", "account_tier_id"],
                ["amount_residual:sum"],
            )
        }

    def test_manager_and_tier_changes(self):
        """The report groups by the account's manager and tier (kept in the
        table): changed on the account, its items follow."""
        self.assertEqual(self._by_manager_and_tier(), {("am_anna", False): 4000.0})
        tier = (
            self.env["account_mgmt.tier"]
            .sudo()
            .create({"name": "Open Items Gold", "code": "OIGOLD", "sequence": 99})
        )
        self.gamma.write({"account_manager_id": self.user_manager2.id})
        self.gamma.with_company(self.company).account_tier_id = tier
        self.assertEqual(
            self._by_manager_and_tier(), {("am_bruno", "Open Items Gold"): 4000.0}
        )
        self.assertLedgerExact()
        self.gamma.with_company(self.company).account_tier_id = False
        self.gamma.account_manager_id = False
        self.assertEqual(self._by_manager_and_tier(), {(False, False): 4000.0})
        self.assertLedgerExact()

    def test_account_type_changed(self):
        receivable = self.company_data["default_account_receivable"]
        receivable.account_type = "asset_current"
        self.assertEqual(self.assertLedgerExact(), [])
        self.assertEqual(self._items(self.i2), [])
        receivable.account_type = "asset_receivable"
        self.assertEqual(len(self.assertLedgerExact()), 2)
        self.assertEqual(
            self._items(self.i2), [(3000.0, "2025-05-30", "31_60", 3000.0)]
        )

    def test_journal_item_written_in_sql(self):
        line = self.i2.line_ids.filtered(lambda aml: aml.amount_residual)
        self.env.cr.execute(
            """
            UPDATE account_move_line
               SET amount_residual = 2750, date_maturity = '2025-04-01'
             WHERE id = %s
            """,
            [line.id],
        )
        self.env.invalidate_all()
        self.assertEqual(
            self._items(self.i2), [(2750.0, "2025-04-01", "61_90", 2750.0)]
        )
        self.assertLedgerExact()
        self.env.cr.execute(
            "UPDATE account_move_line SET amount_residual = 0 WHERE id = %s", [line.id]
        )
        self.assertEqual(len(self.assertLedgerExact()), 1)

    def test_upgrade_builds_the_table(self):
        """18.0.1.2.0 -> 18.0.1.3.0: the table (dropped here, as before the
        upgrade) is built from the ledger; running the script again changes
        nothing."""
        receivable_open_items.drop_open_items(self.env.cr)
        migrate = load_migration("18.0.1.3.0", "post-aging")
        migrate(self.env.cr, "18.0.1.2.0")
        first = self.assertLedgerExact()
        self.assertEqual(len(first), 2)
        migrate(self.env.cr, "18.0.1.2.0")
        self.assertEqual(self.assertLedgerExact(), first)
        # and the triggers are back
        self._pay(self.i1)
        self.assertEqual(len(self.assertLedgerExact()), 1)

    def test_partner_labels_as_core(self):
        """The grouped reads label accounts with core's display names, read in
        one query for the partners displayed by their name alone."""
        holding = self._account("Gamma Holding")
        subsidiary = self._account(" Gamma  Retail \n South ", parent_id=holding.id)
        buyer = self.env["res.partner"].create(
            {"name": "Jane Buyer", "parent_id": self.gamma.id}
        )
        partners = self.gamma | holding | subsidiary | buyer
        report = self.env[RECEIVABLES]
        field = report._fields["partner_id"]
        samples = {(p.id,): p for p in partners}
        labels = report._account_mgmt_partner_labels(field, samples)
        # the contact of a company is left to core
        self.assertEqual(set(labels), set((self.gamma | holding | subsidiary).ids))
        self.assertEqual(labels[subsidiary.id], "Gamma  Retail\n South")
        for partner_id, label in labels.items():
            self.assertEqual(
                label, report.env["res.partner"].browse(partner_id).display_name
            )
        for key in ("show_email", "show_vat", "show_address", "partner_show_db_id"):
            with self.subTest(context=key):
                self.assertEqual(
                    report.with_context(**{key: True})._account_mgmt_partner_labels(
                        field, samples
                    ),
                    {},
                )
        # the pivot's grouped reads, dict for dict as core formats them
        self._invoice(subsidiary, "2025-06-01", "2025-06-10", 250.0)
        self._invoice(buyer, "2025-06-02", "2025-06-11", 150.0)
        for groupby in (["partner_id", "aging_bucket"], ["partner_id"]):
            with self.subTest(groupby=groupby):
                measures = ["amount_residual:sum", "amount_overdue:sum", "__count"]
                ours = report.read_group([], measures, groupby, lazy=False)
                core = read_group_as_core(report, [], measures, groupby, lazy=False)
                self.assertEqual(ours, core)
                self.assertIn(
                    (subsidiary.id, "Gamma  Retail\n South"),
                    [group["partner_id"] for group in ours],
                )

    def test_accounts_ordered_as_core(self):
        """Groups of accounts come in core's order, the partners' (name, then
        the newest first), though the grouped read sorts them itself rather
        than joining every partner in its query."""
        order_a = self._account("Order A", account_manager_id=self.user_manager.id)
        order_b1 = self._account("Order B")
        order_b2 = self._account("Order B", account_manager_id=self.user_manager2.id)
        order_c = self._account("Order C")
        # a person with a company name: labelled by core ("Order Z Co, Person")
        person = self.env["res.partner"].create(
            {"name": "Person", "company_name": "Order Z Co"}
        )
        for account, date, due, amount in (
            (order_c, "2025-06-01", "2025-07-01", 100.0),
            (order_b1, "2025-03-01", "2025-03-31", 200.0),
            (order_b2, "2025-06-02", "2025-06-10", 300.0),
            (person, "2025-05-01", "2025-05-31", 400.0),
            (order_a, "2025-06-03", "2025-08-01", 500.0),
            (order_a, "2025-01-03", "2025-01-31", 50.0),
        ):
            self._invoice(account, date, due, amount)
        report = self.env[RECEIVABLES]
        measures = ["amount_residual:sum", "amount_overdue:sum", "__count"]
        accounts = order_a | order_b1 | order_b2 | order_c | person
        domain = [("partner_id", "in", accounts.ids)]
        # by hand: A, then the two "Order B" newest first, C, then the person
        # (complete name "Order Z Co, Person")
        groups = report.read_group(domain, measures, ["partner_id"], lazy=False)
        self.assertEqual(
            [(group["partner_id"], group["amount_residual"]) for group in groups],
            [
                ((order_a.id, "Order A"), 550.0),
                ((order_b2.id, "Order B"), 300.0),
                ((order_b1.id, "Order B"), 200.0),
                ((order_c.id, "Order C"), 100.0),
                ((person.id, "Order Z Co, Person"), 400.0),
            ],
        )
        # A's two items: over 90 days (2025-01-31, 150 days) then not due
        groups = report.read_group(
            domain, measures, ["partner_id", "aging_bucket"], lazy=False
        )
        self.assertEqual(
            [(group["partner_id"][0], group["aging_bucket"]) for group in groups],
            [
                (order_a.id, "0_not_due"),
                (order_a.id, "over_90"),
                (order_b2.id, "1_30"),
                (order_b1.id, "over_90"),
                (order_c.id, "0_not_due"),
                (person.id, "1_30"),
            ],
        )
        # dict for dict as core, in every groupby the pivot and lists send
        for groupby, orderby, limit, offset in (
            (["partner_id"], False, None, 0),
            (["partner_id", "aging_bucket"], False, None, 0),
            (["partner_id", "account_manager_id"], False, None, 0),
            (["partner_id", "account_tier_id", "aging_bucket"], False, None, 0),
            (["aging_bucket", "partner_id"], False, None, 0),
            # another order, or a page of groups: core's own query
            (["partner_id"], "partner_id desc", None, 0),
            (["partner_id", "aging_bucket"], "amount_residual desc", None, 0),
            (["partner_id"], False, 2, 1),
        ):
            for lazy in (False, True):
                for dom in (domain, []):
                    with self.subTest(groupby=groupby, orderby=orderby, lazy=lazy):
                        args = (dom, measures, groupby)
                        kwargs = {
                            "orderby": orderby,
                            "limit": limit,
                            "offset": offset,
                            "lazy": lazy,
                        }
                        self.env.invalidate_all()
                        ours = report.read_group(*args, **kwargs)
                        core = read_group_as_core(report, *args, **kwargs)
                        self.assertTrue(core)
                        self.assertEqual(ours, core)

    def test_pivot_queries_do_not_depend_on_accounts(self):
        """Accounts x bucket: the same queries for 1 account as for 6 (labels
        in one query, no display name computed per partner)."""
        report = self.env[RECEIVABLES]
        measures = ["amount_residual:sum", "amount_overdue:sum", "__count"]

        def count():
            self.env.invalidate_all()
            report.read_group([], measures, ["partner_id", "aging_bucket"], lazy=False)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            groups = report.read_group(
                [], measures, ["partner_id", "aging_bucket"], lazy=False
            )
            return self.env.cr.sql_log_count - before, len(groups)

        one = count()
        # five queries, whatever the number of accounts
        self.assertEqual(one[0], 5)
        for i in range(5):
            self._invoice(
                self._account(f"Epsilon {i}"), "2025-06-01", "2025-06-10", 10.0
            )
        six = count()
        self.assertEqual(six[1], one[1] + 5)
        self.assertEqual(six[0], one[0])
        with self.assertQueryCount(5):
            self.env.invalidate_all()
            report.read_group([], measures, ["partner_id", "aging_bucket"], lazy=False)
