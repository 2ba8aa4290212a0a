# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Split an amount over weights so that the parts add up exactly.

Plain Python (no Odoo import) so that it is tested without a database
(tests/test_cost_pool_math.py). Used by
``account_mgmt.cost.pool`` to allocate a cost pool over accounts and months.

The amount is counted in units of ``rounding`` (cents for a currency with two
decimals). Every key first gets the whole units of its exact share; the units
left over go, one each, to the keys with the largest remainders (the
largest-remainder method). Equal remainders are broken by key order, so the
result never depends on the order of the input.
"""

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def _to_fraction(value):
    # str() keeps the decimal meaning of a float (0.1 stays 1/10).
    return Fraction(Decimal(str(value)))


def _to_integers(values):
    """Integers in the exact proportions of ``values`` (their decimal meaning, as
    ``_to_fraction``): much faster to compute with than fractions over tens of
    thousands of weights."""
    ratios = [Decimal(str(value)).as_integer_ratio() for value in values]
    denominator = math.lcm(*(den for _num, den in ratios))
    return [num * (denominator // den) for num, den in ratios]


def split_amount(amount, weights, rounding=0.01):
    """Split ``amount`` in proportion to ``weights``.

    :param amount: the amount to split (float, int or Decimal; may be negative)
    :param weights: ``{key: weight}``; keys must be sortable; keys whose weight is
        zero or negative get nothing and are left out of the result
    :param rounding: the smallest unit of the result (a currency's rounding)
    :return: ``{key: part}`` with parts multiple of ``rounding`` whose sum is
        ``amount`` rounded to ``rounding``
    :raises ValueError: when no weight is positive, or rounding isn't positive
    """
    step = _to_fraction(rounding)
    if step <= 0:
        raise ValueError("The rounding must be positive.")
    keys = sorted(key for key, weight in weights.items() if weight and weight > 0)
    if not keys:
        raise ValueError("There is no positive weight to split the amount by.")
    total_units = int(
        (Decimal(str(amount)) / Decimal(str(rounding))).to_integral_value(
            rounding=ROUND_HALF_UP
        )
    )
    sign = -1 if total_units < 0 else 1
    total_units = abs(total_units)
    # Key i's exact share is total_units x weight i / total weight: its whole
    # units and its remainder (over the same denominator, the total weight).
    integers = _to_integers([weights[key] for key in keys])
    total_weight = sum(integers)
    shares = [divmod(total_units * weight, total_weight) for weight in integers]
    units = [whole for whole, _remainder in shares]
    left_over = total_units - sum(units)
    # Largest remainder first; on equal remainders the smaller key (index) wins
    # (the sort is stable, also in reverse).
    order = sorted(range(len(keys)), key=lambda i: shares[i][1], reverse=True)
    for index in order[:left_over]:
        units[index] += 1
    unit = Decimal(str(rounding))
    return {
        key: float(Decimal(sign * count) * unit)
        for key, count in zip(keys, units, strict=True)
    }
