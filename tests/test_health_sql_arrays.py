# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The array literals the health recompute sends its bulk writes with, in plain
Python: no database, no registry."""

import unittest
from datetime import date

from odoo.addons.account_mgmt_addon.tools.sql_arrays import array_literal


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
