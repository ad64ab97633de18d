"""The catalog's history: the changes between two versions of it, the dated prices sources publish, and the
history bundled with Versus (so a fresh install answers history questions at once).

``diff(old, new)`` compares two catalogs model by model and route by route; ``dated_changes(models)``
turns the dated prices a route's listing carries (genai-prices' ``start_date``) into price changes;
``bundled()`` reads ``catalog/data/history.json``; ``select(...)`` filters any list of changes the way
``versus catalog changes`` and ``versus history`` ask.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from catalog.changes import PRICE_FIELDS, Change, ChangeKind
from catalog.schema import Model, Route, RouteStatus

HISTORY_FILE = Path(__file__).resolve().parent / "data" / "history.json"


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _cite(route: Route, figure: str) -> tuple[str, str, dt.date]:
    """(source title, address, date) of the source behind a route figure (else its prices' source)."""
    source = route.source_of(figure) or route.source
    return source.title or str(source.url), str(source.url), source.date


def diff(old: Iterable[Model], new: Iterable[Model], noticed: dt.date) -> list[Change]:
    """Every change from catalog ``old`` to catalog ``new``. ``noticed`` dates what no source dates (a route
    that stopped being listed is retired the day a refresh noticed it)."""
    before = {m.id: m for m in old}
    changes: list[Change] = []
    for model in new:
        was = before.get(model.id)
        if was is None:
            changes.append(_model_change(ChangeKind.MODEL_ADDED, model, noticed))
            continue
        changes.extend(_route_changes(was, model, noticed))
        if model.retired and not was.retired:
            changes.append(_model_change(ChangeKind.MODEL_RETIRED, model, model.retired_since or noticed))
    return changes


def _model_change(kind: ChangeKind, model: Model, date: dt.date) -> Change:
    route = next(iter(model.routes), None)
    title, url, _ = _cite(route, "prices") if route else (model.sources[0].title or "", str(model.sources[0].url), date)
    return Change(kind, model.id, model.name, model.vendor, date, title, url)


def _route_changes(was: Model, model: Model, noticed: dt.date) -> list[Change]:
    out: list[Change] = []
    old_routes = {r.provider: r for r in was.routes}
    new_routes = {r.provider: r for r in model.routes}
    base = dict(model_id=model.id, model_name=model.name, vendor=model.vendor)
    for provider, route in new_routes.items():
        old = old_routes.get(provider)
        if old is None:
            title, url, date = _cite(route, "prices")
            out.append(Change(ChangeKind.ROUTE_ADDED, date=date, source=title, source_url=url, provider=provider, **base))
            continue
        for name in PRICE_FIELDS:
            a, b = getattr(old, name), getattr(route, name)
            if a is not None and b is not None and a != b:
                title, url, date = _cite(route, "batch" if name.startswith("batch") else "cache" if "cache" in name else "prices")
                out.append(Change(
                    ChangeKind.PRICE_CHANGED, date=date, source=title, source_url=url, provider=provider,
                    field=name, old=_text(a), new=_text(b), **base,
                ))
        if old.context_window is not None and route.context_window is not None and old.context_window != route.context_window:
            title, url, date = _cite(route, "context_window")
            out.append(Change(
                ChangeKind.CONTEXT_CHANGED, date=date, source=title, source_url=url, provider=provider,
                field="context_window", old=_text(old.context_window), new=_text(route.context_window), **base,
            ))
        if route.deprecation_date is not None and route.deprecation_date != old.deprecation_date and route.status is not RouteStatus.RETIRED:
            title, url, date = _cite(route, "lifecycle")
            out.append(Change(
                ChangeKind.ROUTE_DEPRECATED, date=date, source=title, source_url=url, provider=provider,
                field="deprecation_date", old=_text(old.deprecation_date), new=_text(route.deprecation_date), **base,
            ))
        elif route.status is RouteStatus.DEPRECATED and old.status is RouteStatus.ACTIVE:
            title, url, date = _cite(route, "lifecycle")
            out.append(Change(ChangeKind.ROUTE_DEPRECATED, date=date, source=title, source_url=url, provider=provider, **base))
        if route.status is RouteStatus.RETIRED and old.status is not RouteStatus.RETIRED:
            title, url, _ = _cite(route, "lifecycle")
            out.append(Change(
                ChangeKind.ROUTE_RETIRED, date=route.retired_since or noticed, source=title, source_url=url,
                provider=provider, field="retired_since", new=_text(route.retired_since or noticed), **base,
            ))
    for provider, old in old_routes.items():
        if provider not in new_routes:
            title, url, _ = _cite(old, "prices")
            out.append(Change(ChangeKind.ROUTE_REMOVED, date=noticed, source=title, source_url=url, provider=provider, **base))
    return out


def dated_changes(route_prices: Iterable[tuple[Model, Route, Sequence[dict], str, str]]) -> list[Change]:
    """Price changes from dated price lists: ``(model, route, dated, source title, url)`` where ``dated`` is
    a listing's prices with their start dates, oldest first (``RouteDraft.dated``)."""
    out: list[Change] = []
    for model, route, dated, title, url in route_prices:
        for earlier, later in zip(dated, dated[1:]):
            for name in ("input", "output", "cached_input", "cache_write"):
                a, b = earlier.get(name), later.get(name)
                if a is not None and b is not None and a != b:
                    out.append(Change(
                        ChangeKind.PRICE_CHANGED, model.id, model.name, model.vendor, later["starts"], title, url,
                        provider=route.provider, field=name, old=_text(a), new=_text(b),
                    ))
    return out


def dated_routes(models: Iterable[Model], groups: dict[str, list], source: str) -> Iterable[tuple[Model, Route, Sequence[dict], str, str]]:
    """For ``dated_changes``: each catalog route whose listing in ``source`` lists dated prices, with them."""
    for model in models:
        listings = groups.get(model.id, [])
        for route in model.routes:
            for draft in listings:
                listed = draft.routes.get(route.provider.casefold())
                if draft.origin.source == source and listed is not None and len(listed.dated) >= 2:
                    yield model, route, listed.dated, listed.origin.title or source, listed.origin.url
                    break


# --- the bundled history and queries ----------------------------------------------------------


@lru_cache(maxsize=1)
def bundled() -> tuple[Change, ...]:
    """The history shipped with Versus (``catalog/data/history.json``), oldest first; empty when absent."""
    if not HISTORY_FILE.is_file():
        return ()
    data = json.loads(HISTORY_FILE.read_text(encoding="utf-8"))
    return tuple(Change.from_json(item) for item in data["changes"])


def write_bundled(changes: Sequence[Change], path: Path = HISTORY_FILE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = sorted(changes, key=_order)
    body = {"changes": [c.to_json() for c in ordered]}
    path.write_text(json.dumps(body, indent=0, ensure_ascii=False).replace("\n", "") .replace("},{", "},\n{") + "\n", encoding="utf-8")


def _order(change: Change) -> tuple:
    return (change.date, change.model_id, change.provider or "", change.kind.value, change.field or "")


def combined(*sets: Iterable[Change]) -> list[Change]:
    """Several sets of changes as one, oldest first, each change once."""
    seen: dict[tuple, Change] = {}
    for changes in sets:
        for change in changes:
            seen.setdefault(change.key(), change)
    return sorted(seen.values(), key=_order)


def select(
    changes: Iterable[Change],
    *,
    since: dt.date | None = None,
    vendor: str | None = None,
    model_id: str | None = None,
    provider: str | None = None,
) -> list[Change]:
    """The changes on or after ``since``, of a vendor (its name or id prefix, any case), of one model, on
    one provider (its name, any case)."""
    wanted_vendor = vendor.strip().casefold() if vendor else None
    wanted_provider = provider.strip().casefold() if provider else None
    out = []
    for change in changes:
        if since is not None and change.date < since:
            continue
        if wanted_vendor and wanted_vendor not in (change.vendor.casefold(), change.model_id.split("/", 1)[0]):
            continue
        if model_id is not None and change.model_id != model_id:
            continue
        if wanted_provider and (change.provider or "").casefold() != wanted_provider:
            continue
        out.append(change)
    return out
