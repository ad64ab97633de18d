"""What changed, in words every surface shows the same way: the lines of ``versus catalog changes``,
``versus history``, ``/changes``, ``/history`` and price alerts, and a model's prices over time.

Pure functions of ``catalog.changes.Change`` records and catalog models; no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from catalog.changes import Change, ChangeKind
from catalog.schema import Model, Route, RouteStatus
from engine import numbers

FIELD_WORDS = {
    "input": "input",
    "output": "output",
    "cached_input": "cached input",
    "cache_write": "cache write",
    "batch_input": "batch input",
    "batch_output": "batch output",
    "context_window": "context window",
    "max_output_tokens": "max output",
}


def _same(text: str) -> str:
    return text


def _price(text: str | None, quote: Callable[[str], str]) -> str:
    try:
        return numbers.price(Decimal(text)) if text is not None else numbers.UNKNOWN_TEXT
    except InvalidOperation:
        return quote(text or numbers.UNKNOWN_TEXT)


def _tokens(text: str | None, quote: Callable[[str], str], places: int = 1) -> str:
    try:
        value = int(text) if text is not None else None
    except ValueError:
        return quote(text or numbers.UNKNOWN_TEXT)
    if value is None:
        return numbers.UNKNOWN_TEXT
    return numbers.tokens(value, places) if places else numbers.count(value)


def _window_change(old: str | None, new: str | None, quote: Callable[[str], str]) -> tuple[str, str]:
    """Both context windows, as short as they can be while they still read as different (202.8K -> 202.8K
    would hide the change: 202,752 -> 202,800)."""
    for places in (1, 2, 0):
        before, after = _tokens(old, quote, places), _tokens(new, quote, places)
        if before != after:
            break
    return before, after


def percent_text(change: Change) -> str | None:
    """``+66.7%`` / ``-20%``: the change in percent, where it has one."""
    value = change.percent
    if value is None:
        return None
    for step in ("0.1", "0.01"):
        rounded = value.quantize(Decimal(step))
        if rounded or not value:
            text = f"{rounded:+f}".rstrip("0").rstrip(".")
            return f"{text}%"
    return f"{'+' if value > 0 else '-'}<0.01%"  # never "-0%" for a change that happened


def what_changed(change: Change, quote: Callable[[str], str] = _same, arrow: str = "->") -> str:
    """The change without the model's name: ``Together AI input $1.50/1M -> $2.50/1M (+66.7%)``.

    ``quote`` is applied to the text that comes from the catalog (a provider's name, a field, a date): the
    bot makes it inert; ``arrow`` is what stands between the old value and the new."""
    where = quote(change.provider or "")
    kind = change.kind
    pct = percent_text(change)
    shown = f" ({pct})" if pct else ""
    if kind is ChangeKind.PRICE_CHANGED:
        field = FIELD_WORDS.get(change.field or "", quote(change.field or "price"))
        return f"{where} {field} {_price(change.old, quote)} {arrow} {_price(change.new, quote)}{shown}"
    if kind is ChangeKind.CONTEXT_CHANGED:
        before, after = _window_change(change.old, change.new, quote)
        return f"{where} context window {before} {arrow} {after}{shown}"
    if kind is ChangeKind.MODEL_ADDED:
        return "added to the catalog"
    if kind is ChangeKind.MODEL_RETIRED:
        return "retired: no route sells it any more"
    if kind is ChangeKind.ROUTE_ADDED:
        return f"now on {where}"
    if kind is ChangeKind.ROUTE_REMOVED:
        return f"no longer listed on {where}"
    if kind is ChangeKind.ROUTE_DEPRECATED:
        return f"{where} deprecated" + (f": retires {quote(change.new)}" if change.new else "")
    if kind is ChangeKind.ROUTE_RETIRED:
        return f"{where} retired" + (f" since {quote(change.new)}" if change.new else "")
    return quote(kind.value.replace("_", " "))


def change_line(change: Change, gap: str = "  ") -> str:
    """One line: ``2026-11-20  Qwen3.7 Max: Together AI input $1.50/1M -> $2.50/1M (+66.7%)``; ``gap`` after
    the date: two spaces make a column in a list, one reads as a sentence."""
    return f"{change.date.isoformat()}{gap}{change.model_name}: {what_changed(change)}"


def newest_first(changes: Iterable[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: (c.date, c.model_id, c.provider or "", c.field or ""), reverse=True)


# --- a model's prices over time -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PricePoint:
    """A route's input and output price from ``since`` on (``None``: since before the first recorded
    change, or for as long as the catalog knows); prices ``None`` where unknown. ``source`` shows it."""

    since: dt.date | None
    input: Decimal | None
    output: Decimal | None
    source: str
    source_url: str


@dataclass(frozen=True, slots=True)
class RouteHistory:
    provider: str
    status: str  # "active", "deprecated (retires 2027-01-10)", "retired since 2026-07-05"
    points: tuple[PricePoint, ...]  # oldest first; the last is today's price


@dataclass(frozen=True, slots=True)
class ModelHistory:
    model_id: str
    model_name: str
    routes: tuple[RouteHistory, ...]
    changes: tuple[Change, ...]  # newest first

    @property
    def changed(self) -> bool:
        return any(len(r.points) > 1 for r in self.routes)


def status_text(route: Route) -> str:
    if route.status is RouteStatus.RETIRED:
        return f"retired since {route.retired_since.isoformat()}" if route.retired_since else "retired"
    if route.status is RouteStatus.DEPRECATED:
        return (
            f"deprecated: retires {route.deprecation_date.isoformat()}"
            if route.deprecation_date
            else "deprecated: no date announced"
        )
    return "active"


def model_history(model: Model, changes: Sequence[Change], provider: str | None = None) -> ModelHistory:
    """Each route's prices over time: walked back from today's prices through the recorded changes."""
    mine = [
        c
        for c in changes
        if c.model_id == model.id and (provider is None or (c.provider or "").casefold() == provider.casefold())
    ]
    routes = []
    for route in model.routes:
        if provider is not None and route.provider.casefold() != provider.casefold():
            continue
        routes.append(RouteHistory(route.provider, status_text(route), _points(route, mine)))
    return ModelHistory(model.id, model.name, tuple(routes), tuple(newest_first(mine)))


def _points(route: Route, changes: Sequence[Change]) -> tuple[PricePoint, ...]:
    """The route's prices, oldest first: today's, and before each recorded change of its input or output
    price the value it changed from."""
    current: dict[str, Decimal | None] = {"input": route.input, "output": route.output}
    by_date: dict[dt.date, list[Change]] = {}
    for change in changes:
        if change.provider == route.provider and change.kind is ChangeKind.PRICE_CHANGED and change.field in current:
            by_date.setdefault(change.date, []).append(change)
    newest_first_points = []
    for date in sorted(by_date, reverse=True):
        first = by_date[date][0]
        newest_first_points.append(
            PricePoint(date, current["input"], current["output"], first.source, first.source_url)
        )
        for change in by_date[date]:
            current[change.field] = Decimal(change.old) if change.old is not None else None  # type: ignore[index]
    source = route.source
    oldest_source = (source.title or str(source.url), str(source.url))
    if by_date:
        earliest = by_date[min(by_date)][0]
        oldest_source = (earliest.source, earliest.source_url)
    newest_first_points.append(PricePoint(None, current["input"], current["output"], *oldest_source))
    return tuple(reversed(newest_first_points))
