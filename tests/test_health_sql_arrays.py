# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The array literals and unnest table expressions that health, tiering and cost
pools send their bulk writes with: the literals in plain Python, the table
expressions read back by PostgreSQL."""

import unittest
from datetime import date

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from odoo.addons.account_mgmt_addon.tools.sql_arrays import (
    array_literal,
    sql_array,
    sql_unnest,
    sql_unnest_rows,
)


class TestArrayLiteral(unittest.TestCase):
    def test_numbers(self):
        self.assertEqual(array_literal([1, 22, 333]), "{1,22,333}")
        # floats as psycopg2 sends them: the shortest text of the same float
        self.assertEqual(array_literal([0.1 + 0.2, 12.5]), "{0.30000000000000004,12.5}")
        self.assertEqual(array_literal([]), "{}")

    def test_nulls_and_booleans(self):
        self.assertEqual(array_literal([1, None, 2.5]), "{1,NULL,2.5}")
        self.assertEqual(array_literal([True, False, None]), "{t,f,NULL}")

    def test_strings_are_quoted_and_escaped(self):
        self.assertEqual(
            array_literal(['say "hi"', "a\\b", "x,y", "NULL", "", "{}"]),
            '{"say \\"hi\\"","a\\\\b","x,y","NULL","","{}"}',
        )

    def test_dates(self):
        self.assertEqual(
            array_literal([date(2026, 6, 15), None]), '{"2026-06-15",NULL}'
        )


@tagged("post_install", "-at_install")
class TestUnnest(TransactionCase):
    def test_sql_array_casts_one_text_parameter(self):
        array = sql_array([3, 1, 2], "int")
        self.assertEqual(array.code, "%s::int[]")
        self.assertEqual(array.params, ["{3,1,2}"])
        [[values]] = self.env.execute_query(SQL("SELECT %s", array))
        self.assertEqual(values, [3, 1, 2])

    def test_unnest_columns_read_back(self):
        table = sql_unnest(
            "row",
            {
                "id": ("int", [7, 8, 9]),
                "day": ("date", [date(2026, 1, 31), None, date(2028, 2, 29)]),
                "amount": ("numeric", ["1234.56", "0.01", "-0.50"]),
                "label": ("varchar", ['say "hi"', "a,b", None]),
            },
        )
        # numeric as text: exactly the digits sent (Odoo reads numeric as float)
        rows = self.env.execute_query(
            SQL('SELECT id, day, amount::text, label FROM %s ORDER BY "row".id', table)
        )
        self.assertEqual(
            rows,
            [
                (7, date(2026, 1, 31), "1234.56", 'say "hi"'),
                (8, None, "0.01", "a,b"),
                (9, date(2028, 2, 29), "-0.50", None),
            ],
        )

    def test_unnest_rows_read_back(self):
        columns = {"id": "int", "score": "float8", "ok": "bool"}
        table = sql_unnest_rows("t", columns, [(1, 12.5, True), (2, None, False)])
        rows = self.env.execute_query(SQL("SELECT * FROM %s ORDER BY t.id", table))
        self.assertEqual(rows, [(1, 12.5, True), (2, None, False)])
        # no row: still a table of the given columns, empty
        empty = sql_unnest_rows("t", columns, [])
        self.assertEqual(self.env.execute_query(SQL("SELECT * FROM %s", empty)), [])
