# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Progress arithmetic of account plans, in plain Python (no database).

An objective is judged against the share of its period already elapsed: half-way
through the year, an objective that reached half of its target is on track.

- ``done``: the target is reached (progress >= 100 %);
- ``on_track``: progress >= time elapsed;
- ``at_risk``: progress >= 75 % of the time elapsed;
- ``off_track``: below that.

Ratio measures (a margin percentage) are not cumulative: they are compared with the
whole target at any moment, and only count as done once the period is over.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

DONE = "done"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"

STATUS_SELECTION = [
    (ON_TRACK, "On Track"),
    (AT_RISK, "At Risk"),
    (OFF_TRACK, "Off Track"),
    (DONE, "Done"),
]

#: An objective is "at risk" (not yet "off track") down to this share of the
#: progress expected by now.
AT_RISK_RATIO = 0.75

#: A new plan is for the next period when less than this share (in percent) of
#: the current one is left.
NEXT_PERIOD_BELOW = 25.0

#: Statuses from the worst to the best: a plan takes the worst of its objectives.
STATUS_SEVERITY = [OFF_TRACK, AT_RISK, ON_TRACK, DONE]


def progress_percent(actual, target):
    """Actual as a percentage of target; 0 when there is no positive target."""
    if not target or target <= 0:
        return 0.0
    return actual / target * 100.0


def time_elapsed_percent(date_start, date_end, today):
    """Share of the period [date_start, date_end] (both days included) elapsed at the
    end of ``today``, in percent, between 0 and 100."""
    if today < date_start:
        return 0.0
    if today >= date_end:
        return 100.0
    total_days = (date_end - date_start).days + 1
    elapsed_days = (today - date_start).days + 1
    return elapsed_days / total_days * 100.0


def status(progress, elapsed, cumulative=True):
    """Status of an objective with ``progress`` % of its target reached when
    ``elapsed`` % of its period has passed (both in percent)."""
    if cumulative:
        if progress >= 100.0:
            return DONE
        expected = elapsed
    else:
        if progress >= 100.0 and elapsed >= 100.0:
            return DONE
        expected = 100.0
    if progress >= expected:
        return ON_TRACK
    if progress >= expected * AT_RISK_RATIO:
        return AT_RISK
    return OFF_TRACK


def plan_status(objective_statuses, progress, elapsed):
    """Status of a plan: the worst status of its objectives (off track, then at
    risk, then on track; done when every objective is done); without objectives,
    the status of its revenue ``progress`` against the time ``elapsed``.

    An objective without status (False: a margin objective whose figures the
    reader may not see) is left out."""
    objective_statuses = [state for state in objective_statuses if state]
    if not objective_statuses:
        return status(progress, elapsed)
    return min(objective_statuses, key=STATUS_SEVERITY.index)


def use_next_period(date_start, date_end, today):
    """A plan created ``today`` is for the period after [date_start, date_end]
    when less than a quarter of it is left at the end of ``today``."""
    return 100.0 - time_elapsed_percent(date_start, date_end, today) < NEXT_PERIOD_BELOW


def _is_whole_months(date_start, date_end):
    return (
        date_start.day == 1
        and (date_end + timedelta(days=1)).day == 1
        and date_end >= date_start
    )


def next_period(date_start, date_end):
    """The period following [date_start, date_end] with the same length.

    Whole calendar months give whole calendar months (January-June gives
    July-December); any other period gives the same number of days.
    """
    if _is_whole_months(date_start, date_end):
        delta = relativedelta(date_end + timedelta(days=1), date_start)
        months = delta.years * 12 + delta.months
        new_start = date_end + timedelta(days=1)
        return new_start, new_start + relativedelta(months=months) - timedelta(days=1)
    length = date_end - date_start
    new_start = date_end + timedelta(days=1)
    return new_start, new_start + length


def shift_date(date, old_start, old_end, new_start):
    """Move ``date`` of the period starting ``old_start`` into the period starting
    ``new_start`` (same offset, in months when the period is whole months)."""
    if not date:
        return date
    if _is_whole_months(old_start, old_end):
        delta = relativedelta(new_start, old_start)
        return date + delta
    return date + (new_start - old_start)
