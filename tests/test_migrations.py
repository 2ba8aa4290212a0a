# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The migration scripts follow Odoo's convention (see migrations/README.md):
``migrations/18.0.x.y.z/{pre,post,end}-*.py`` defining ``migrate(cr, version)``,
for versions not beyond the manifest's; and they upgrade a database as they say."""

import ast
import importlib.util
import re
import tempfile
import unittest
from pathlib import Path

from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.account_mgmt_addon.reports import profitability_summary

from .profitability_common import ProfitabilityCommon

ADDON = Path(__file__).resolve().parent.parent / "account_mgmt_addon"
MIGRATIONS = ADDON / "migrations"
VERSION = re.compile(r"^18\.0\.(\d+)\.(\d+)\.(\d+)$")
SCRIPT = re.compile(r"^(pre|post|end)-[\w-]+\.py$")


def manifest_version():
    manifest = ast.literal_eval((ADDON / "__manifest__.py").read_text())
    return manifest["version"]


def version_key(version):
    return tuple(int(part) for part in VERSION.match(version).groups())


def defines_migrate(path):
    """Whether the script defines a top-level ``migrate(cr, version)``."""
    tree = ast.parse(path.read_text(), filename=str(path))
    return any(
        isinstance(node, ast.FunctionDef)
        and node.name == "migrate"
        and [arg.arg for arg in node.args.args] == ["cr", "version"]
        for node in tree.body
    )


class TestMigrations(unittest.TestCase):
    def test_manifest_version(self):
        self.assertRegex(manifest_version(), VERSION)

    def test_folders(self):
        current = version_key(manifest_version())
        for folder in sorted(p for p in MIGRATIONS.iterdir() if p.is_dir()):
            if folder.name == "__pycache__":
                continue
            with self.subTest(folder=folder.name):
                self.assertRegex(folder.name, VERSION)
                self.assertLessEqual(
                    version_key(folder.name),
                    current,
                    f"migrations/{folder.name} is newer than the manifest version "
                    f"{manifest_version()}: bump the manifest.",
                )
                scripts = [p for p in folder.iterdir() if p.suffix == ".py"]
                self.assertTrue(scripts, f"migrations/{folder.name} holds no script")
                for script in scripts:
                    self.assertRegex(script.name, SCRIPT)
                    self.assertTrue(
                        defines_migrate(script),
                        f"{script.name} defines no migrate(cr, version)",
                    )

    def test_checks_catch_mistakes(self):
        """The helpers above reject what they must (the folder is empty until
        the first schema change, so exercise them on literals)."""
        self.assertIsNone(VERSION.match("17.0.1.0.0"))
        self.assertIsNone(VERSION.match("18.0.1.0"))
        self.assertLess(version_key("18.0.1.0.9"), version_key("18.0.1.1.0"))
        self.assertLess(version_key("18.0.1.9.0"), version_key("18.0.1.10.0"))
        self.assertIsNone(SCRIPT.match("migrate.py"))
        self.assertTrue(SCRIPT.match("post-migrate.py"))
        with tempfile.TemporaryDirectory() as tmp:
            good, bad = Path(tmp, "good.py"), Path(tmp, "bad.py")
            good.write_text("def migrate(cr, version):\n    pass\n")
            bad.write_text("def migrate(env):\n    pass\n")
            self.assertTrue(defines_migrate(good))
            self.assertFalse(defines_migrate(bad))


def load_migration(version, name="post-migrate"):
    """The ``migrate`` function of ``migrations/<version>/<name>.py``."""
    path = MIGRATIONS / version / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"migration_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.migrate


@tagged("post_install", "-at_install")
class TestUpgrade18012(ProfitabilityCommon):
    """18.0.1.1.0 -> 18.0.1.2.0: sales receipts become sales.

    A database of 18.0.1.1.0 holds sales receipts without a unit cost (it captured
    none) and a summary without them; the upgrade estimates their unit cost from
    today's product cost and rebuilds the summary.
    """

    def _summary(self, partner):
        self.env.cr.execute(
            SQL(
                "SELECT date, revenue, cogs FROM %s WHERE partner_id = %s",
                SQL.identifier(profitability_summary.SUMMARY_TABLE),
                partner.id,
            )
        )
        return self.env.cr.fetchall()

    def test_upgrade_counts_sales_receipts(self):
        receipt = self._post_move(
            self.alpha, "2025-03-10", [(self.product_goods, 2, 1000.0)], "out_receipt"
        )
        line = receipt.invoice_line_ids
        self.assertEqual(line.account_mgmt_unit_cost, 600.0)
        # The state 18.0.1.1.0 left: no unit cost, a summary without the receipt,
        # no month listed as changed.
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                UPDATE account_move_line SET account_mgmt_unit_cost = NULL
                 WHERE id = %(line)s;
                DELETE FROM %(summary)s WHERE partner_id = %(partner)s;
                DELETE FROM %(dirty)s;
                """,
                line=line.id,
                partner=self.alpha.id,
                summary=SQL.identifier(profitability_summary.SUMMARY_TABLE),
                dirty=SQL.identifier(profitability_summary.DIRTY_TABLE),
            )
        )
        line.invalidate_recordset()
        self.assertFalse(self._summary(self.alpha))
        self.product_goods.standard_price = 650.0
        self.env.flush_all()
        load_migration("18.0.1.2.0")(self.env.cr, "18.0.1.1.0")
        # Today's cost, 650, estimates the receipt's: 2 x 650 = 1,300.
        self.assertEqual(line.account_mgmt_unit_cost, 650.0)
        [(month, revenue, cogs)] = self._summary(self.alpha)
        self.assertEqual(str(month), "2025-03-01")
        self.assertEqual((float(revenue), float(cogs)), (2000.0, 1300.0))
