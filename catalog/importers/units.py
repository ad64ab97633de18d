"""Unit conversions shared by the importers: prices per token -> per 1M tokens, yes/no flags."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from catalog.schema import Tri

MILLION = Decimal(1_000_000)
SIX_PLACES = Decimal("0.000001")


def to_decimal(value: Any) -> Decimal | None:
    """A number from a source file as an exact Decimal (floats through their shortest repr)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def tidy(price: Decimal) -> Decimal:
    """Rounded to 6 places and written the short way: 0.4, 10.0, 0.075."""
    rounded = price.quantize(SIX_PLACES).normalize()
    if rounded == rounded.to_integral_value():
        return rounded.quantize(Decimal("0.0"))
    return rounded


def per_million(per_token: Any) -> Decimal | None:
    """USD per token (number or string) -> USD per 1M tokens. Negative or unparsable -> None."""
    number = to_decimal(per_token)
    if number is None or number < 0:
        return None
    return tidy(number * MILLION)


def price(per_million_value: Any) -> Decimal | None:
    """A price already per 1M tokens (models.dev) as a tidy Decimal; negative or unparsable -> None."""
    number = to_decimal(per_million_value)
    if number is None or number < 0:
        return None
    return tidy(number)


def tri(value: Any) -> Tri:
    """True/False from a source -> yes/no; anything else (absent, null) stays unknown."""
    if value is True:
        return Tri.YES
    if value is False:
        return Tri.NO
    return Tri.UNKNOWN


def positive_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None
