# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""pytest-odoo glue.

pytest-odoo imports ``odoo.tests`` before it switches Odoo's ``test_enable`` flag on,
which makes Odoo log a spurious "Importing test framework" ERROR. Import it here,
first, with the flag set for the duration of the import. (Passing --test-enable to
Odoo instead would make the registry run Odoo's own test suites on load.)
"""

import os

import pytest

from odoo.tools import config

_test_enable = config["test_enable"]
config["test_enable"] = True
try:
    import odoo.tests  # noqa: F401
finally:
    config["test_enable"] = _test_enable


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With AMGMT_FAIL_ON_SKIP=1 (make test sets it) a skipped test fails the run:
    a browser tour skipped for want of Chromium must never pass as green."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("AMGMT_FAIL_ON_SKIP") == "1":
        report.outcome = "failed"
        report.longrepr = f"skipped, which make test does not accept: {report.longrepr}"
