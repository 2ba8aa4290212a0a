# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Arithmetic of the account health score, in plain Python.

Nothing here touches the database: the recompute gathers every account's raw
figures with one SQL statement per measure, then calls these functions. They are
tested directly (tests/test_health_scoring.py).

Every scoring function returns a score between 0 and 100, or ``None`` when the
measure is *not applicable* to the account (it has no data for it). A measure
that is not applicable never counts as 0: its weight is spread over the others
(see :func:`weighted_score`).
"""

BANDS = ("red", "amber", "green")
TRENDS = ("up", "flat", "down")


def _clamp(value, low=0.0, high=100.0):
    return max(low, min(high, value))


def score_contact_recency(days_since_contact, cadence_days, zero_after_cadences=3.0):
    """Score the time since the last contact against the account's cadence.

    100 while the last contact is at most one cadence old, then linear down to 0
    at ``zero_after_cadences`` cadences (3 by default):
    ``100 * (3c - d) / (2c)`` between c and 3c.

    An account never contacted scores 0 (the cadence is missed by definition):
    this measure is never "not applicable".
    """
    if cadence_days <= 0:
        raise ValueError("The contact cadence must be at least one day.")
    if zero_after_cadences <= 1:
        raise ValueError("The score must fall to zero after more than one cadence.")
    if days_since_contact is None:
        return 0.0
    days = max(days_since_contact, 0)
    zero_at = zero_after_cadences * cadence_days
    if days <= cadence_days:
        return 100.0
    if days >= zero_at:
        return 0.0
    return 100.0 * (zero_at - days) / (zero_at - cadence_days)


def relative_change(current, previous):
    """Relative change from ``previous`` to ``current`` (0.25 = +25 %).

    ``None`` when both are zero; +/-infinity when only the previous period is zero.
    A negative previous figure (a period of net credit notes or of negative
    margin) is compared in absolute value, so an improvement is always positive.
    """
    current = current or 0.0
    previous = previous or 0.0
    if not previous:
        if not current:
            return None
        return float("inf") if current > 0 else float("-inf")
    return (current - previous) / abs(previous)


def score_trend(current, previous, growth_for_full=0.25, decline_for_zero=0.5):
    """Score a period-on-period change.

    50 when flat, 100 at ``+growth_for_full`` (+25 %) or more, 0 at
    ``-decline_for_zero`` (-50 %) or less, linear in between. Not applicable when
    both periods are zero.
    """
    if growth_for_full <= 0 or decline_for_zero <= 0:
        raise ValueError("Trend thresholds must be positive.")
    change = relative_change(current, previous)
    if change is None:
        return None
    if change >= 0:
        return _clamp(50.0 + 50.0 * change / growth_for_full)
    return _clamp(50.0 + 50.0 * change / decline_for_zero)


def score_overdue(open_amount, overdue_amount):
    """``100 * (1 - s)`` with ``s`` the share of the open receivable overdue.

    Not applicable when nothing is open (or the account is in credit).
    """
    open_amount = open_amount or 0.0
    if open_amount <= 0:
        return None
    share = _clamp((overdue_amount or 0.0) / open_amount, 0.0, 1.0)
    return 100.0 * (1.0 - share)


SENTIMENT_POINTS = {"positive": 100.0, "neutral": 50.0, "negative": 0.0}


def score_sentiment(
    positive=0,
    neutral=0,
    negative=0,
    satisfaction_sum=0.0,
    satisfaction_count=0,
    satisfaction_share=0.5,
):
    """Blend the average sentiment and the average satisfaction of interactions.

    Sentiment: positive 100, neutral 50, negative 0, averaged over the interactions
    that have one. Satisfaction (1 to 5): ``(s - 1) * 25`` averaged. When both
    exist the result is ``(1 - w) * sentiment + w * satisfaction`` with
    ``w = satisfaction_share``; when only one exists, that one; none: not
    applicable.
    """
    if not 0 <= satisfaction_share <= 1:
        raise ValueError("The satisfaction share must be between 0 and 1.")
    count = positive + neutral + negative
    sentiment = None
    if count:
        sentiment = (
            SENTIMENT_POINTS["positive"] * positive
            + SENTIMENT_POINTS["neutral"] * neutral
            + SENTIMENT_POINTS["negative"] * negative
        ) / count
    satisfaction = None
    if satisfaction_count:
        average = satisfaction_sum / satisfaction_count
        satisfaction = _clamp((average - 1.0) * 25.0)
    if sentiment is None:
        return satisfaction
    if satisfaction is None:
        return sentiment
    return (1.0 - satisfaction_share) * sentiment + satisfaction_share * satisfaction


def score_plan_progress(objectives_ok, objectives_total):
    """Share of the current plan's objectives on track or done, times 100.

    Not applicable without a current approved plan, or when it has no objective.
    """
    if not objectives_total:
        return None
    return 100.0 * _clamp(objectives_ok / objectives_total, 0.0, 1.0)


def normalise_weights(weights):
    """Weights as percentages of their total (the total must be positive)."""
    total = sum(weights)
    if any(w < 0 for w in weights) or total <= 0:
        raise ValueError("Weights must be positive or zero, with a positive total.")
    return [100.0 * w / total for w in weights]


def weighted_score(items):
    """Weighted average of the applicable scores.

    ``items``: ``[(weight, score or None)]``. Returns ``(total, effective)`` where
    ``effective`` lists each item's share of the total in percent: the weight of
    the not-applicable items (score ``None``) is spread over the applicable ones
    in proportion to their weights, so the effective shares add up to 100.
    ``total`` is ``None`` when no item with a positive weight is applicable.
    """
    if any(weight < 0 for weight, _score in items):
        raise ValueError("Weights can't be negative.")
    applicable = sum(weight for weight, score in items if score is not None)
    if applicable <= 0:
        return None, [0.0] * len(items)
    effective = [
        100.0 * weight / applicable if score is not None else 0.0
        for weight, score in items
    ]
    total = sum(
        share * score / 100.0
        for share, (_weight, score) in zip(effective, items, strict=True)
        if score is not None
    )
    return _clamp(total), effective


def band(score, green_min=76, amber_min=51):
    """Red / amber / green band of a score (``None`` without score)."""
    if not 0 < amber_min < green_min <= 100:
        raise ValueError("Bands must be ordered: 0 < amber < green <= 100.")
    if score is None:
        return None
    if score >= green_min:
        return "green"
    if score >= amber_min:
        return "amber"
    return "red"


def trend(score, previous_score, tolerance=2.0):
    """Up / flat / down against the previous score (flat within +/- tolerance).

    ``None`` when there is no previous score to compare with.
    """
    if score is None or previous_score is None:
        return None
    delta = score - previous_score
    if delta > tolerance:
        return "up"
    if delta < -tolerance:
        return "down"
    return "flat"
