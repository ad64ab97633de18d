"""The catalog's data over time: ``versus catalog refresh|changes|audit`` and ``versus history MODEL``.

``refresh`` fetches the public sources into the store (``catalog.refresh``); ``changes`` and ``history``
read the history bundled with Versus and the changes every refresh recorded in the store
(``catalog.history``), worded by ``engine.history`` as the bot words them; ``audit`` lists every figure
the sources disagree on in the catalog in use.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from collections.abc import Sequence

from catalog import history
from catalog.changes import Change
from catalog.current import store_in_use
from catalog.errors import StoreUnavailable
from catalog.schema import Model
from cli.common import load_for_args, resolve_or_fail
from cli.errors import CliError
from cli.text import INDENT, heading, one_line, print_json, wrap
from engine import history as words
from engine.card import stated_values
from engine import numbers

SHOWN_CHANGES = 40


def register(csub: argparse._SubParsersAction) -> None:
    """``refresh``, ``changes`` and ``audit`` under ``versus catalog``."""
    from catalog.sources import SOURCE_NAMES

    refresh = csub.add_parser(
        "refresh",
        help="fetch the public sources into the store and print what changed",
        description="Fetch models.dev, OpenRouter, LiteLLM and genai-prices (or only the sources named "
        "with --source), reconcile them into a new catalog version in the store ($VERSUS_DATABASE_URL, or "
        "an embedded SQLite file in your data folder) and print what changed. A source that fails is "
        "reported on its own line and keeps its last good snapshot. Exit 0 when the catalog was refreshed, "
        "1 when no source could be fetched.",
    )
    refresh.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="NAME=URL_OR_PATH",
        help=f"fetch only this source, from this address or file (repeatable); NAME is one of {', '.join(SOURCE_NAMES)}",
    )
    refresh.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS", help="per source (default 60)")
    refresh.add_argument("--json", action="store_true", help="print the result as JSON")
    refresh.set_defaults(func=run_refresh)

    changes = csub.add_parser(
        "changes",
        help="what is new or changed: models and routes added, prices changed, routes retired",
        description="The catalog's changes, newest first: the history bundled with Versus and every refresh "
        "stored since.",
    )
    changes.add_argument("--since", metavar="DATE", type=_date, help="only changes on or after DATE (YYYY-MM-DD)")
    changes.add_argument("--vendor", metavar="V", help="only this vendor's models (a name like 'OpenAI' or an id prefix)")
    changes.add_argument("--json", action="store_true", help="print the changes as JSON")
    changes.set_defaults(func=run_changes)

    audit = csub.add_parser(
        "audit",
        help="every figure the sources disagree on",
        description="Every price (more than 2%% apart) and context window the sources state differently, "
        "with the value the catalog uses and each source's value.",
    )
    audit.add_argument("--json", action="store_true", help="print the disagreements as JSON")
    audit.set_defaults(func=run_audit)


def register_history(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "history",
        help="a model's prices over time and every recorded change",
        description="A model's prices on each provider over time, and every change recorded for it.",
    )
    parser.add_argument("name", nargs="+", metavar="MODEL", help="a model name or id")
    parser.add_argument("--provider", metavar="P", help="only this provider's route (e.g. 'OpenRouter')")
    parser.add_argument("--json", action="store_true", help="print the history as JSON")
    parser.set_defaults(func=run_history)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: {one_line(text)[:40]!r}") from None


# --- refresh ---------------------------------------------------------------------------------


def parse_sources(values: Sequence[str]) -> dict[str, str | None]:
    from catalog.sources import SOURCE_NAMES

    asked: dict[str, str | None] = {}
    for value in values:
        name, sep, location = value.partition("=")
        name = name.strip()
        if name not in SOURCE_NAMES:
            raise CliError(f"--source {one_line(value)[:80]!r}: the source must be one of {', '.join(SOURCE_NAMES)}")
        if not sep or not location.strip():
            raise CliError(f"--source {name}: give the address or file after '=', e.g. --source {name}=https://...")
        asked[name] = location.strip()
    return asked


def run_refresh(args: argparse.Namespace) -> int:
    from catalog.refresh import NothingRefreshed, RefreshBusy, refresh
    from catalog.store import Store

    if not (args.timeout > 0 and args.timeout <= 3600):
        raise CliError("--timeout must be a number of seconds from 0 to 3600")
    asked = parse_sources(args.source)

    async def run():
        store = await Store.open()
        try:
            return await refresh(store, asked, timeout=args.timeout), store.display_url
        finally:
            await store.close()

    try:
        result, where = asyncio.run(run())
    except StoreUnavailable as exc:
        raise CliError(str(exc)) from None
    except RefreshBusy as exc:
        raise CliError(str(exc), code=1) from None
    except NothingRefreshed as exc:
        for line in exc.lines:
            print(f"versus: {line}", file=sys.stderr)
        raise CliError("nothing refreshed: no source could be fetched; the catalog in use is unchanged", code=1) from None
    for line in result.refused:
        print(f"versus: {line}", file=sys.stderr)
    for line in result.problems:
        print(f"versus: left out: {line}", file=sys.stderr)
    if args.json:
        print_json({
            "version": result.version_id,
            "store": where,
            "fetched": result.fetched,
            "not_modified": result.unchanged,
            "refused": result.refused,
            "models": len(result.catalog),
            "changes": [c.to_json() for c in result.changes],
        })
        return 0
    for line in result.fetched:
        print(f"fetched {line}")
    for line in result.unchanged:
        print(f"kept {line}")
    from catalog.refresh import summary

    routes = sum(len(m.routes) for m in result.catalog)
    if result.version_id is None:
        print(f"the catalog is unchanged ({len(result.catalog):,} models, {routes:,} routes) in {where}")
    else:
        print(f"stored catalog version {result.version_id} ({len(result.catalog):,} models, {routes:,} routes) in {where}: {summary(result.changes)}")
    print_changes(result.changes)
    return 0


# --- changes and history ---------------------------------------------------------------------


def all_changes() -> list[Change]:
    """The bundled history and, when a store is in use, every change its refreshes recorded."""
    stored: list[Change] = []
    if store_in_use():
        from catalog.store import Store

        async def read() -> list[Change]:
            store = await Store.open()
            try:
                return await store.changes()
            finally:
                await store.close()

        try:
            stored = asyncio.run(read())
        except StoreUnavailable as exc:
            raise CliError(str(exc)) from None
    return history.combined(history.bundled(), stored)


def print_changes(changes: Sequence[Change], limit: int = SHOWN_CHANGES) -> None:
    ordered = words.newest_first(changes)
    for change in ordered[:limit]:
        print(wrap(words.change_line(change), "", INDENT * 6))
    if len(ordered) > limit:
        print(f"... and {len(ordered) - limit:,} more (versus catalog changes --json lists them all)")


def run_changes(args: argparse.Namespace) -> int:
    everything = all_changes()
    if args.vendor and not history.select(everything, vendor=args.vendor):
        _check_vendor(args)
    found = history.select(everything, since=args.since, vendor=args.vendor)
    if args.json:
        print_json([c.to_json() for c in words.newest_first(found)])
        return 0
    if not found:
        what = " of that vendor" if args.vendor else ""
        since = f" since {args.since.isoformat()}" if args.since else ""
        print(f"no changes{what}{since} recorded")
        return 0
    print_changes(found, limit=len(found) if args.since or args.vendor else SHOWN_CHANGES)
    return 0


def _check_vendor(args: argparse.Namespace) -> None:
    """A vendor no change names must at least be the catalog's (as /changes asks), else the name is a typo."""
    from catalog.query import vendor_named

    catalog = load_for_args(args)
    if vendor_named(catalog.models, catalog.vendors, args.vendor) is None:
        shown = one_line(args.vendor)[:60]
        raise CliError(f"no vendor '{shown}' in the catalog or its history (versus catalog list shows the vendors)")


def run_history(args: argparse.Namespace) -> int:
    catalog = load_for_args(args)
    model = resolve_or_fail(catalog, " ".join(args.name))
    if args.provider and not any(r.provider.casefold() == args.provider.strip().casefold() for r in model.routes):
        providers = ", ".join(r.provider for r in model.routes)
        raise CliError(f"{model.name} has no route on '{one_line(args.provider)[:60]}'; its routes: {providers}")
    result = words.model_history(model, history.select(all_changes(), model_id=model.id), args.provider)
    if args.json:
        print_json(_history_json(result))
        return 0
    print(render_history(model, result))
    return 0


def render_history(model: Model, result: words.ModelHistory) -> str:
    blocks = [heading(f"{model.name}: prices over time (USD per 1M tokens, input / output)", "=")]
    for route in result.routes:
        lines = [f"{INDENT}{route.provider} ({route.status})"]
        for point in route.points:
            since = f"since {point.since.isoformat()}" if point.since else ("before" if len(route.points) > 1 else "now")
            lines.append(f"{INDENT * 2}{since:<17}{numbers.price(point.input)} / {numbers.price(point.output)}  ({point.source})")
        blocks.append("\n".join(lines))
    if result.changes:
        blocks.append(heading("Changes recorded") + "\n" + "\n".join(wrap(words.change_line(c), INDENT, INDENT * 7) for c in result.changes))
    else:
        blocks.append(wrap("No change recorded for this model since the history began.", INDENT))
    return "\n\n".join(blocks)


def _history_json(result: words.ModelHistory) -> dict:
    return {
        "model": result.model_id,
        "name": result.model_name,
        "routes": [
            {
                "provider": r.provider,
                "status": r.status,
                "prices": [
                    {
                        "since": p.since.isoformat() if p.since else None,
                        "input": str(p.input) if p.input is not None else None,
                        "output": str(p.output) if p.output is not None else None,
                        "source": p.source,
                        "source_url": p.source_url,
                    }
                    for p in r.points
                ],
            }
            for r in result.routes
        ],
        "changes": [c.to_json() for c in result.changes],
    }


# --- audit -----------------------------------------------------------------------------------


def run_audit(args: argparse.Namespace) -> int:
    catalog = load_for_args(args)
    rows = []
    for model in catalog:
        for item in model.disagreements:
            rows.append((model, None, item, getattr(model, item.field, None)))
        for route in model.routes:
            for item in route.disagreements:
                rows.append((model, route.provider, item, getattr(route, item.field, None)))
    if args.json:
        print_json([
            {
                "model": m.id,
                "provider": provider,
                "field": item.field,
                "catalog": None if value is None else str(value),
                "values": [{"source": v.source, "value": v.value, "url": str(v.url)} for v in item.values],
            }
            for m, provider, item, value in rows
        ])
        return 0
    if not rows:
        print("no disagreements: every source that states a figure states the same one")
        return 0
    routes = sum(len(m.routes) for m in catalog)
    print(f"{len(rows):,} figures the sources disagree on ({routes:,} routes in the catalog):")
    for model, provider, item, value in rows:
        field = words.FIELD_WORDS.get(item.field, item.field.replace("_", " "))
        shown = numbers.tokens(value) if item.field == "context_window" else numbers.price(value)
        where = f"{model.name} on {provider}" if provider else model.name
        stated = stated_values(item)
        print(wrap(f"{where}: {field} {shown} (sources disagree: {stated})", "", INDENT))
    return 0
