"""Numbers as people write them, for every surface: $0.40/1M, $1,625, 1M tokens, 68%, 3.1 times; and the
one reader of numbers people type (``read_count``, ``read_share``).

Rounding is half to even throughout (0.865 at cents reads $0.86). Formatting never changes a
value the engine compares: it is the last step, applied to exact ``Decimal`` figures.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal

from engine.cache import cached

UNKNOWN_TEXT = "unknown"
PER_MILLION = "/1M"
WHOLE_DOLLARS_FROM = Decimal(100)
"""Totals at or above this are shown in whole dollars ($1,625); smaller ones with cents."""

SMALL_DIGITS = 4
"""Significant digits shown for amounts under a dollar (per-request costs)."""
_TOKEN_UNITS = ((Decimal(1_000_000), "M"), (Decimal(1_000), "K"))
_MAX_TOKEN_DECIMALS = 3


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def _grouped(value: Decimal, places: int) -> str:
    return f"{_round(value, places):,.{places}f}"


def _significant_places(value: Decimal, digits: int) -> int:
    """Decimal places that show ``digits`` significant digits of a small positive value."""
    return max(digits - value.adjusted() - 1, 0)


@cached("usd text", size=4096, key="value")
def usd(amount: Decimal | None) -> str:
    """A dollar total: $1,625 / $12.34 / $0.72 / $0.06936 / $0.001625 (up to four significant digits below a dollar)."""
    if amount is None:
        return UNKNOWN_TEXT
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if value >= WHOLE_DOLLARS_FROM:
        return f"{sign}${_grouped(value, 0)}"
    if value == 0 or value >= 1:
        return f"{sign}${_grouped(value, 2)}"
    places = max(_significant_places(value, SMALL_DIGITS), 2)
    text = f"{_grouped(value, places)}".rstrip("0")
    if len(text.partition(".")[2]) < 2:
        text = f"{_grouped(value, 2)}"
    return f"{sign}${text}"


@cached("cents text", size=4096, key="value")
def cents(amount: Decimal) -> str:
    """A dollar figure to the cent, half to even: 0.865 -> $0.86."""
    return f"${_grouped(amount, 2)}"


@cached("price value text", size=4096, key="value")
def price_value(price: Decimal | None) -> str:
    """A price per 1M tokens without the unit: $0.40, $1.25, $0.075, $10.00."""
    if price is None:
        return UNKNOWN_TEXT
    text = f"{price.normalize():f}"
    places = len(text.partition(".")[2])
    return f"${_grouped(price, max(places, 2))}"


@cached("price text", size=4096, key="value")
def price(price: Decimal | None) -> str:
    """A price per 1M tokens: $0.40/1M (or "unknown")."""
    if price is None:
        return UNKNOWN_TEXT
    return price_value(price) + PER_MILLION


@cached("count text", size=4096, key="value")
def count(value: int | Decimal) -> str:
    """A whole count with thousands separators: 1,000,000."""
    return _grouped(Decimal(value), 0)


@cached("tokens text", size=4096, key="value")
def tokens(value: int | None, places: int = 1) -> str:
    """A token count compactly: 1,047,576 -> 1M (places=1) or 1.05M (places=2); 128,000 -> 128K."""
    if value is None:
        return UNKNOWN_TEXT
    number = Decimal(value)
    for size, unit in _TOKEN_UNITS:
        if number >= size:
            text = f"{_round(number / size, places):f}"
            if "." in text:
                text = text.rstrip("0").rstrip(".")
            return text + unit
    return count(value)


def token_row(values: list[int | None]) -> list[str]:
    """Token counts for side-by-side display: as short as possible while unequal values differ."""
    known = [v for v in values if v is not None]
    distinct = len(set(known))
    for places in range(1, _MAX_TOKEN_DECIMALS + 1):
        shown = [tokens(v, places) for v in values]
        if len({tokens(v, places) for v in known}) == distinct:
            return shown
    return [count(v) if v is not None else UNKNOWN_TEXT for v in values]


@cached("percent text", size=4096, key="value")
def percent(fraction: Decimal) -> str:
    """A share as a percentage: 0.68 -> 68%; below 1% with one decimal (0.004 -> 0.4%), and one
    decimal where a whole number would say 100% of what is not all of it (0.997 -> 99.7%). What
    one decimal still rounds to 0% or 100% reads "under 0.1%" or "over 99.9%"."""
    value = fraction * 100
    sign = "-" if value < 0 else ""
    whole = _round(value, 0)
    if value != 0 and abs(value) < 1:
        shown = _round(value, 1)
        return f"{shown:f}%" if shown else f"{sign}under 0.1%"
    if abs(whole) == 100 and abs(value) != 100:
        shown = _round(value, 1)
        return f"{shown:f}%" if abs(shown) != 100 else f"{sign}over 99.9%"
    return f"{whole:f}%"


@cached("times text", size=4096, key="value")
def times(ratio: Decimal) -> str:
    """A ratio as people say it: 3.125 -> 3.1 times; 2 -> 2 times."""
    text = f"{_round(ratio, 1):f}"
    if text.endswith(".0"):
        text = text[:-2]
    return f"{text} times"


TIMES_FROM = Decimal(2)
"""A ratio below this reads as a percentage more ("3% more"), at or above it as times ("2.5 times as much"):
"1 times the price" must never stand for 1.03 times."""


def more(ratio: Decimal) -> str:
    """How much more the dearer of two costs, as people say it, for ``ratio`` = dearer / cheaper (> 1):
    1.03 -> "3% more"; 1.004 -> "0.4% more"; 2 -> "2 times as much"; 3.125 -> "3.1 times as much"."""
    if ratio < TIMES_FROM:
        return f"{percent(ratio - 1)} more"
    return f"{times(ratio)} as much"


@cached("points text", size=4096, key="value")
def points(value: Decimal) -> str:
    """A score or a lead: 53.1, 76.7, 80 (no trailing zeros)."""
    text = f"{value.normalize():f}"
    return text


def share(fraction: Decimal) -> str:
    """A 0..1 share in words: 0.25 -> 25%."""
    return percent(fraction)


# --- reading numbers people typed ---------------------------------------------------------------
#
# The one place a number is read from text (the FAQ's questions, the command line's options): exact
# (Decimal, never float, so a 400-digit number is refused, not turned into infinity), with the scales people
# use, and refused with a one-line reason when it is not a number or is more than the engine prices.

MAX_TOKENS = 100_000_000
"""Tokens per request: far above any context window, low enough to stay an honest figure."""
MAX_REQUESTS = 1_000_000_000_000
"""Requests per day or month (a trillion)."""

_SCALES = {
    "": 1,
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "million": 1_000_000,
    "b": 1_000_000_000,
    "billion": 1_000_000_000,
}
_READ_COUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(k|m|b|thousand|million|billion)?", re.IGNORECASE)
_SHOWN = 40
"""How much of the text a refusal quotes."""


def _quoted(text: str) -> str:
    flat = " ".join(str(text).split())
    return repr(flat if len(flat) <= _SHOWN else flat[: _SHOWN - 1] + "…")


def read_count(text: str, what: str = "the number", maximum: int | None = None) -> int:
    """A whole number of 0 or more as people write it: ``800``, ``1,000,000``, ``50k``, ``2.5M``, ``3 million``.

    Raises ``ValueError`` with a one-line reason when ``text`` is not one (``NaN``, ``1e308``, ``-5``, ``2.5``
    without a scale that makes it whole) or is above ``maximum``.
    """
    raw = str(text).strip().replace(",", "").replace("_", "")
    match = _READ_COUNT.fullmatch(raw)
    if match is None:
        raise ValueError(f"{what} must be a whole number of 0 or more, not {_quoted(text)}")
    value = Decimal(match.group(1)) * _SCALES[(match.group(2) or "").lower()]
    if value != value.to_integral_value():
        raise ValueError(f"{what} must be a whole number of 0 or more, not {_quoted(text)}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{what} must be at most {count(maximum)}, not {_quoted(text)}")
    return int(value)


def read_share(text: str, what: str = "the share") -> Decimal:
    """A share from 0 to 1, or a percentage: ``0.3``, ``30%``. ``ValueError`` (one line) for anything else."""
    raw = str(text).strip()
    try:
        value = Decimal(raw[:-1]) / 100 if raw.endswith("%") else Decimal(raw)
    except (ArithmeticError, ValueError):
        value = None
    if value is None or not value.is_finite() or not 0 <= value <= 1:
        raise ValueError(f"{what} must be a number from 0 to 1 (or a percentage), not {_quoted(text)}")
    return value


MAX_PRICE = Decimal(100_000)
"""USD per 1M tokens: the catalog's own bound on a price."""
_READ_PRICE = re.compile(
    r"\$?\s*(\d+(?:\.\d+)?|\.\d+)\s*(?:\$|usd|dollars?)?(?:\s*(?:/|per)\s*(?:1\s*m|million|1,000,000)(?:\s*tokens?)?)?",
    re.IGNORECASE,
)


def read_price(text: str, what: str = "the price") -> Decimal:
    """A price in USD per 1M tokens as people write it: ``1``, ``$0.40``, ``2.5 dollars``, ``$1/1M``, ``$3 per
    million``. ``ValueError`` (one line) for anything else, or a price above ``MAX_PRICE``."""
    raw = str(text).strip().replace(",", "")
    match = _READ_PRICE.fullmatch(raw)
    if match is None:
        raise ValueError(f"{what} must be an amount in USD per 1M tokens, e.g. 1.50, not {_quoted(text)}")
    value = Decimal(match.group(1))
    if value > MAX_PRICE:
        raise ValueError(f"{what} must be at most {price(MAX_PRICE)}, not {_quoted(text)}")
    return value
