# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tier selection arithmetic, free of the ORM.

Automatic tiering gives each account the first tier, in sequence order, whose rules
its figures of the last 12 months meet (tools/periods.py). A rule left at zero is no
rule; a tier without any rule is a fallback that takes every account reaching it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class TierRules:
    """The qualifying rules of one tier (zero: no rule)."""

    tier_id: int
    min_annual_revenue: float = 0.0
    min_gross_margin: float = 0.0
    min_margin_percent: float = 0.0


@dataclass(frozen=True)
class Figures:
    """Figures of the last 12 months of an account (or of its group)."""

    annual_revenue: float = 0.0
    gross_margin: float = 0.0
    margin_percent: float = 0.0


def margin_percent(revenue, margin, digits=2):
    """Gross margin as a percentage of revenue; zero without positive revenue."""
    if revenue <= 0:
        return 0.0
    return round(margin / revenue * 100.0, digits)


def make_figures(revenue, cost_of_goods, digits=2):
    """Figures of an account from its revenue and cost of goods sold."""
    revenue = round(revenue, digits)
    margin = round(revenue - round(cost_of_goods, digits), digits)
    return Figures(revenue, margin, margin_percent(revenue, margin))


def qualifies(rules, figures, digits=2):
    """Whether ``figures`` meet every rule of ``rules`` (rules are combined with AND).

    Amounts are compared at ``digits`` decimals so that 99,999.999 rounded to the
    currency does not miss a 100,000 threshold it displays as met.
    """
    checks = (
        (rules.min_annual_revenue, figures.annual_revenue),
        (rules.min_gross_margin, figures.gross_margin),
        (rules.min_margin_percent, figures.margin_percent),
    )
    return all(
        round(value, digits) >= round(minimum, digits)
        for minimum, value in checks
        if minimum
    )


def select_tier(tiers, figures, digits=2):
    """Id of the first tier of ``tiers`` (already in sequence order) that
    ``figures`` qualify for, or ``None`` when none does."""
    for rules in tiers:
        if qualifies(rules, figures, digits):
            return rules.tier_id
    return None
