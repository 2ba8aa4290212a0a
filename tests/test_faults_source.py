# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The add-on never commits: Odoo commits (or rolls back) each request and each
cron job as a whole, so a run that fails halfway leaves nothing half-written."""

import re
import unittest
from pathlib import Path

ADDON = Path(__file__).resolve().parent.parent / "account_mgmt_addon"
COMMIT = re.compile(r"\.commit\(")


class TestNoCommit(unittest.TestCase):
    def test_no_commit_in_source(self):
        sources = sorted(ADDON.rglob("*.py"))
        # The add-on's models, wizards and reports are all there is to scan.
        self.assertGreater(len(sources), 20)
        found = [
            f"{path.relative_to(ADDON)}:{number}: {line.strip()}"
            for path in sources
            for number, line in enumerate(path.read_text().splitlines(), start=1)
            if COMMIT.search(line)
        ]
        self.assertEqual(found, [], "cr.commit() in the add-on:\n" + "\n".join(found))
