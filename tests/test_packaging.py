# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The add-on builds as the wheel odoo-addon-account_mgmt_addon (whool, as OCA does)
and, installed from it, is found by Odoo without touching the addons path."""

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

ADDON = Path(__file__).resolve().parent.parent / "account_mgmt_addon"
PREFIX = "odoo/addons/account_mgmt_addon/"


def _manifest():
    return ast.literal_eval((ADDON / "__manifest__.py").read_text())


def _build_wheel(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
        ]
        + ["-w", str(tmp_path), str(ADDON)],
        check=True,
        timeout=300,
    )
    wheels = list(tmp_path.glob("odoo_addon_account_mgmt_addon-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_contents(tmp_path):
    manifest = _manifest()
    wheel = _build_wheel(tmp_path)
    # Version from the manifest (whool adds a post-release number for later commits).
    assert wheel.name.startswith(f"odoo_addon_account_mgmt_addon-{manifest['version']}")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = next(
            archive.read(n).decode() for n in names if n.endswith(".dist-info/METADATA")
        )
    assert PREFIX + "__manifest__.py" in names
    assert PREFIX + "static/description/icon.png" in names
    for key in ("data", "demo"):
        for data_file in manifest.get(key, []):
            assert PREFIX + data_file in names, f"{data_file} missing from the wheel"
    for python_file in ADDON.rglob("*.py"):
        relative = python_file.relative_to(ADDON).as_posix()
        if "__pycache__" not in relative and not relative.startswith("migrations/"):
            assert PREFIX + relative in names, f"{relative} missing from the wheel"
    requires = {
        line.split(":", 1)[1].strip()
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:")
    }
    assert "odoo==18.0.*" in requires
    core = {"mail", "contacts", "account", "sale_management", "crm", "web"}
    for dependency in set(manifest["depends"]) - core:
        assert f"odoo-addon-{dependency}==18.0.*" in requires, requires


def test_wheel_installs_into_odoo_namespace(tmp_path):
    wheel = _build_wheel(tmp_path / "dist")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps"]
        + ["--target", str(target), str(wheel)],
        check=True,
        timeout=300,
    )
    # A Python with only the wheel's directory added finds the add-on through Odoo's
    # own module discovery (odoo.addons namespace), with no addons_path option.
    probe = (
        "import odoo.addons, odoo.modules.module as m;"
        "print(m.get_module_path('account_mgmt_addon'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert result.stdout.strip() == str(target / "odoo/addons/account_mgmt_addon")
