"""A snapshot as compact, exact bytes: gzip'd JSON, prices as decimal strings, dates in ISO form.

``load_snapshot(dump_snapshot(s)) == s`` for every snapshot an adapter makes. The store keeps each
source's last good snapshot this way, and the bundled catalog ships the four sources' last good
snapshots this way. Citations repeat (LiteLLM's one URL, models.dev's commit), so each distinct
``Origin`` is written once and listings refer to it by number. Output is deterministic (no gzip time
stamp, keys in a fixed order): the same snapshot gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import zlib
from decimal import Decimal, InvalidOperation
from typing import Any

from catalog.importers.draft import ModelDraft, Origin, RouteDraft
from catalog.schema import Tri
from catalog.sources.base import Snapshot

FORMAT = "versus-snapshot/1"


class SnapshotUnreadable(Exception):
    """The bytes are not a snapshot this version can read; the message is one line."""


_DATE_FACTS = frozenset({"release_date"})
_TUPLE_FACTS = frozenset({"input_modalities", "output_modalities"})
_PRICE_KEYS = frozenset({"input", "output", "cached_input", "cache_write"})
_ROUTE_PRICES = ("input", "output", "cached_input", "cache_write", "batch_input", "batch_output")
_TRI = {t.value: t for t in Tri}


# --- writing --------------------------------------------------------------------------------

class _Origins:
    def __init__(self) -> None:
        self.index: dict[Origin, int] = {}

    def __call__(self, origin: Origin) -> int:
        found = self.index.get(origin)
        if found is None:
            found = self.index[origin] = len(self.index)
        return found

    def table(self) -> list[list[Any]]:
        return [[o.url, o.date.isoformat(), o.title, o.how, o.source] for o in self.index]


def _price(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _row(row: dict[str, Any]) -> dict[str, Any]:
    """A tier, off-peak window or dated price: prices as strings, dates as ISO text."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key in _PRICE_KEYS:
            out[key] = _price(value)
        elif key == "starts":
            out[key] = value.isoformat() if value is not None else None
        elif key == "tiers":
            out[key] = [_row(t) for t in value]
        elif key == "days":
            out[key] = list(value)
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            out[key] = value
        else:
            raise TypeError(f"cannot write {key}={value!r}")
    return out


def _route(route: RouteDraft, origins: _Origins) -> dict[str, Any]:
    out: dict[str, Any] = {"p": route.provider, "m": route.model_id, "o": origins(route.origin)}
    for name in _ROUTE_PRICES:
        value = getattr(route, name)
        if value is not None:
            out[name] = str(value)
    if route.context_window is not None:
        out["cw"] = route.context_window
    for name in ("tiers", "off_peak", "dated"):
        rows = getattr(route, name)
        if rows:
            out[name] = [_row(r) for r in rows]
    if route.deprecation_date is not None:
        out["dd"] = route.deprecation_date.isoformat()
    if route.deprecated:
        out["dep"] = 1
    return out


def _fact(name: str, value: Any) -> Any:
    if name in _DATE_FACTS:
        return value.isoformat()
    if name in _TUPLE_FACTS:
        return list(value)
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return value
    raise TypeError(f"cannot write fact {name}={value!r}")


def _bench(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items()}


def _draft(draft: ModelDraft, origins: _Origins) -> dict[str, Any]:
    home = origins(draft.origin)
    out: dict[str, Any] = {"i": draft.id, "n": draft.name, "v": draft.vendor, "o": home}
    if draft.keys:
        out["k"] = sorted(draft.keys)
    if draft.facts:
        out["f"] = {k: _fact(k, v) for k, v in draft.facts.items()}
        moved = {k: origins(o) for k, o in draft.fact_origin.items() if o != draft.origin}
        if moved:
            out["fo"] = moved
    if draft.capabilities:
        out["c"] = {k: Tri(v).value for k, v in draft.capabilities.items()}
        moved = {k: origins(o) for k, o in draft.capability_origin.items() if o != draft.origin}
        if moved:
            out["co"] = moved
    if draft.routes:
        out["r"] = [_route(r, origins) for r in draft.routes.values()]
    if draft.benchmarks:
        out["b"] = [_bench(b) for b in draft.benchmarks.values()]
    if draft.aliases:
        out["a"] = list(draft.aliases)
    if draft.tags:
        out["t"] = list(draft.tags)
    if draft.creator_file:
        out["cf"] = 1
    return out


def dump_snapshot(snapshot: Snapshot) -> bytes:
    """The snapshot as gzip'd JSON; ``load_snapshot`` gives it back equal."""
    origins = _Origins()
    drafts = [_draft(d, origins) for d in snapshot.drafts]
    doc = {
        "format": FORMAT,
        "source": snapshot.source,
        "label": snapshot.label,
        "version": snapshot.version,
        "url": snapshot.url,
        "fetched_at": snapshot.fetched_at.isoformat(),
        "etag": snapshot.etag,
        "last_modified": snapshot.last_modified,
        "sha256": snapshot.sha256,
        "origins": origins.table(),
        "drafts": drafts,
    }
    text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


# --- reading --------------------------------------------------------------------------------

def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _read_row(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key in _PRICE_KEYS:
            out[key] = _decimal(value)
        elif key == "starts":
            out[key] = _date(value)
        elif key == "tiers":
            out[key] = [_read_row(t) for t in value]
        elif key == "days":
            out[key] = tuple(value)
        else:
            out[key] = value
    return out


def _read_route(data: dict[str, Any], origins: list[Origin]) -> RouteDraft:
    prices = {name: Decimal(data[name]) if name in data else None for name in _ROUTE_PRICES}
    return RouteDraft(
        provider=data["p"],
        model_id=data["m"],
        context_window=data.get("cw"),
        origin=origins[data["o"]],
        tiers=[_read_row(r) for r in data.get("tiers", ())],
        off_peak=[_read_row(r) for r in data.get("off_peak", ())],
        dated=[_read_row(r) for r in data.get("dated", ())],
        deprecation_date=_date(data.get("dd")),
        deprecated=bool(data.get("dep")),
        **prices,
    )


def _read_fact(name: str, value: Any) -> Any:
    if name in _DATE_FACTS:
        return dt.date.fromisoformat(value)
    if name in _TUPLE_FACTS:
        return tuple(value)
    return value


def _read_draft(data: dict[str, Any], origins: list[Origin]) -> ModelDraft:
    home = origins[data["o"]]
    draft = ModelDraft(id=data["i"], name=data["n"], vendor=data["v"], origin=home, keys=set(data.get("k", ())))
    moved = data.get("fo", {})
    for name, value in data.get("f", {}).items():
        draft.facts[name] = _read_fact(name, value)
        draft.fact_origin[name] = origins[moved[name]] if name in moved else home
    moved = data.get("co", {})
    for name, value in data.get("c", {}).items():
        draft.capabilities[name] = _TRI[value]
        draft.capability_origin[name] = origins[moved[name]] if name in moved else home
    for route in data.get("r", ()):
        made = _read_route(route, origins)
        draft.routes[made.provider.casefold()] = made
    for row in data.get("b", ()):
        draft.benchmarks[row["name"].casefold()] = {**row, "date": dt.date.fromisoformat(row["date"])}
    draft.aliases = list(data.get("a", ()))
    draft.tags = list(data.get("t", ()))
    draft.creator_file = bool(data.get("cf"))
    return draft


def load_snapshot(data: bytes) -> Snapshot:
    """A snapshot from ``dump_snapshot``'s bytes; anything else raises ``SnapshotUnreadable`` (one line)."""
    try:
        doc = json.loads(gzip.decompress(data))
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SnapshotUnreadable(f"not a stored snapshot ({exc.__class__.__name__})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        found = doc.get("format") if isinstance(doc, dict) else None
        raise SnapshotUnreadable(f"not a stored snapshot in {FORMAT} (found {found!r})")
    try:
        origins = [Origin(url, dt.date.fromisoformat(day), title, how, source) for url, day, title, how, source in doc["origins"]]
        return Snapshot(
            source=doc["source"],
            label=doc["label"],
            version=doc["version"],
            url=doc["url"],
            fetched_at=dt.datetime.fromisoformat(doc["fetched_at"]),
            etag=doc["etag"],
            last_modified=doc["last_modified"],
            sha256=doc["sha256"],
            drafts=[_read_draft(d, origins) for d in doc["drafts"]],
        )
    except (KeyError, TypeError, ValueError, IndexError, InvalidOperation) as exc:
        raise SnapshotUnreadable(f"a damaged stored snapshot ({exc.__class__.__name__}: {exc})") from None
