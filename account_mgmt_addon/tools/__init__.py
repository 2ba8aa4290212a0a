# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plain-Python helpers of the add-on (no database), tested on their own."""
