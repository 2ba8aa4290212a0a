# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
""" "The last 12 months", defined once.

Every figure of the add-on said to cover the last 12 months (tiering, the partner
form, the group totals, health trends, the portfolio, the profitability report's
filter) covers the 12 complete calendar months before the month of the user's
today: on 15 December 2026, December 2025 to November 2026. The current month is
never included: its costs (allocations, vendor bills) are not complete yet.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

LAST_MONTHS = 12


def last_12_months(today):
    """First and last day of the 12 complete calendar months before the month of
    ``today``."""
    month_start = today.replace(day=1)
    return (
        month_start - relativedelta(months=LAST_MONTHS),
        month_start - relativedelta(days=1),
    )


def last_12_months_as_of(day, today):
    """The last 12 months as they stood at the end of ``day``.

    A day before ``today`` is over: on the last day of a month, that month is
    complete and is the last of the 12 (tiering replayed at month ends covers
    whole months). ``today`` (or a later day) is not over: its month is not one of
    the 12.
    """
    if day < today:
        day += timedelta(days=1)
    return last_12_months(day)


def trend_periods(today, months):
    """The ``months`` complete calendar months before the month of ``today``, and
    the same months a year before: ``((first day, last day), (first day, last
    day))``. Health's revenue and margin trends compare them."""
    month_start = today.replace(day=1)
    year = relativedelta(years=1)
    current = (
        month_start - relativedelta(months=months),
        month_start - relativedelta(days=1),
    )
    return current, (current[0] - year, month_start - year - relativedelta(days=1))


def months_label(date_from, date_to, format_month):
    """The months from ``date_from`` to ``date_to``, e.g. "Dec 2025 – Nov 2026",
    or one month, e.g. "Nov 2026".

    :param format_month: function of a date giving its month's name and year in
        the user's language (e.g. ``format_date(env, date, date_format="MMM y")``)
    """
    if (date_from.year, date_from.month) == (date_to.year, date_to.month):
        return format_month(date_from)
    return f"{format_month(date_from)} \N{EN DASH} {format_month(date_to)}"
