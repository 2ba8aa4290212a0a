# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The benchmark data generator (scripts/bench_data.py).

Its arithmetic is checked against figures computed by hand; a tiny ledger is
generated in the test transaction (with the foreign-key triggers on) and must
pass the generator's own consistency checks and the ORM's recomputation.
"""

import os
import sys
import unittest

from odoo.tests import TransactionCase, tagged

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "scripts"))
import bench_data


class TestBenchArithmetic(unittest.TestCase):
    def test_rounding_half_up(self):
        # 5 / 2 = 2.5 -> 3 ; -5 / 2 = -2.5 -> -3 (away from zero, like Odoo)
        self.assertEqual(bench_data.div_round(5, 2), 3)
        self.assertEqual(bench_data.div_round(-5, 2), -3)
        self.assertEqual(bench_data.div_round(7, 3), 2)

    def test_tax_cents(self):
        # 10.01 x 15 % = 1.5015 -> 1.50 ; 10.10 x 15 % = 1.515 -> 1.52
        self.assertEqual(bench_data.pct(1001, 15), 150)
        self.assertEqual(bench_data.pct(1010, 15), 152)

    def test_conversion(self):
        # 300.00 EUR at 0.9 EUR per USD = 333.333... -> 333.33 USD
        self.assertEqual(bench_data.convert(30000, 9000), 33333)
        # 45.00 EUR at 0.9 -> 50.00 USD ; -345.00 EUR at 0.95 = -363.157... -> -363.16
        self.assertEqual(bench_data.convert(4500, 9000), 5000)
        self.assertEqual(bench_data.convert(-34500, 9500), -36316)

    def test_copy_format(self):
        self.assertEqual(bench_data.money(-1234), "-12.34")
        self.assertEqual(bench_data.money(5), "0.05")
        self.assertEqual(bench_data.copy_value(None), "\\N")
        self.assertEqual(bench_data.copy_value("a\tb\\c"), "a\\tb\\\\c")
        self.assertEqual(bench_data.copy_value({"7": 100}), '{"7": 100}')


@tagged("post_install", "-at_install")
class TestBenchData(TransactionCase):
    def test_tiny_ledger_is_consistent(self):
        env = self.env(
            context=dict(
                self.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                no_reset_password=True,
                mail_notify_force_send=False,
            )
        )
        # seed 5: a ledger with foreign-currency invoices (seed 7 had none)
        generator = bench_data.Generator(env, "tiny", seed=5, commit=False, fast=False)
        generator.run()
        self.assertEqual(sum(bulk.check_foreign_keys() for bulk in generator.bulks), 0)
        self.assertEqual(bench_data.verify_sql(env.cr), 0)
        self.assertFalse(bench_data.verify_orm(env, sample_size=40))
        # 12 accounts with 2 contacts each; every planned document is in the ledger
        accounts = env["res.partner"].browse([a.id for a in generator.accounts])
        self.assertEqual(len(accounts.filtered("is_company")), 12)
        self.assertEqual(
            len(accounts.child_ids.filtered(lambda p: not p.is_company)), 24
        )
        moves = env["account.move"].browse([d.id for d in generator.docs])
        self.assertEqual(len(moves.exists()), len(generator.docs))
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        # a foreign-currency invoice is converted at its month's rate (the tiny
        # ledger must hold one)
        doc = next(
            (d for d in generator.docs if d.kind == "inv" and d.currency == "eur"),
            None,
        )
        self.assertIsNotNone(doc, "the generator made no foreign-currency invoice")
        move = moves.browse(doc.id)
        rate = doc.rate / 10000
        self.assertAlmostEqual(
            move.amount_total_signed,
            sum(
                round(-line.amount_currency / rate, 2)
                for line in move.line_ids
                if line.display_type in ("product", "tax")
            ),
            delta=0.005,
        )
