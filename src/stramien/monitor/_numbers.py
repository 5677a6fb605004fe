"""Decimal arithmetic in one fixed context, so results never depend on the caller's settings."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Context, Decimal

_CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN)
HUNDRED = Decimal(100)
ZERO = Decimal(0)


def total(values: Iterable[Decimal]) -> Decimal:
    result = ZERO
    for value in values:
        result = _CONTEXT.add(result, value)
    return result


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal:
    return _CONTEXT.divide(numerator, denominator)


def product(left: Decimal, right: Decimal) -> Decimal:
    return _CONTEXT.multiply(left, right)


def difference(left: Decimal, right: Decimal) -> Decimal:
    return _CONTEXT.subtract(left, right)


def mean(values: list[Decimal]) -> Decimal:
    return ratio(total(values), Decimal(len(values)))


def percent(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator / denominator x 100, or None when the denominator is zero."""
    if denominator == ZERO:
        return None
    return product(ratio(numerator, denominator), HUNDRED)
