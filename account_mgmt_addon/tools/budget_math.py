# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Budget attainment: plain arithmetic, tested without a database."""


def attainment_percent(actual, budget):
    """Actual / budget in percent, or None without a budget (not applicable,
    never 0 %)."""
    if not budget or budget <= 0:
        return None
    return 100.0 * actual / budget


def score_attainment(percent):
    """Health score of a budget attainment: the attainment itself, from 0 (no
    revenue) to 100 (budget reached or exceeded); None when not applicable."""
    if percent is None:
        return None
    return max(0.0, min(100.0, percent))
