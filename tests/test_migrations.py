# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The migration scripts follow Odoo's convention (see migrations/README.md):
``migrations/18.0.x.y.z/{pre,post,end}-*.py`` defining ``migrate(cr, version)``,
for versions not beyond the manifest's."""

import ast
import re
import tempfile
import unittest
from pathlib import Path

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
    def test_convention_documented(self):
        self.assertTrue((MIGRATIONS / "README.md").is_file())

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
