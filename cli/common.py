"""What every catalog-reading command shares: the catalog the options name, and a model by name or a clear error."""

from __future__ import annotations

import argparse
import sys
from functools import lru_cache
from pathlib import Path

from catalog.current import store_catalog, store_in_use
from catalog.errors import StoreUnavailable
from catalog.lifecycle import today
from catalog.loader import BUNDLED_ROOT, Catalog, CatalogError, CatalogInvalid, default_root, load_catalog
from catalog.lookup import QUERY_LIMIT, SUGGESTIONS, look_up, miss_message
from cli.errors import CliError

SHOWN_ERRORS = 5


SHOWN_PATH = 80
"""How much of a path an error quotes."""


def shown_path(path: object) -> str:
    """A path for a one-line error: one line, at most ``SHOWN_PATH`` characters (the end kept, where the name is)."""
    text = " ".join(str(path).split())
    return text if len(text) <= SHOWN_PATH else "…" + text[-(SHOWN_PATH - 1):]


def load_for_args(args: argparse.Namespace) -> Catalog:
    """The catalog of ``--catalog`` / ``$VERSUS_CATALOG``, else the store's newest version, else the bundled
    one (``catalog.current``); an invalid or unreachable one is a short error."""
    try:
        day = today()
    except ValueError as exc:
        raise CliError(str(exc)) from None
    chosen = getattr(args, "catalog", None)
    if chosen is not None and not chosen.strip():
        raise CliError("--catalog needs a folder (leave it out for $VERSUS_CATALOG or the bundled catalog)")
    folder = default_root(chosen)
    if folder == BUNDLED_ROOT and store_in_use():
        try:
            found = store_catalog()
        except StoreUnavailable as exc:
            raise CliError(str(exc)) from None
        if found is not None:
            return found[0]
    try:
        is_dir, found_path = folder.is_dir(), folder.exists()
    except OSError as exc:  # a name too long for the file system, say
        raise CliError(f"cannot read the catalog folder {shown_path(folder)}: {exc.strerror or exc.__class__.__name__}") from None
    if not is_dir:
        shown = shown_path(folder)
        raise CliError(f"not a catalog folder (a file, FIFO or device): {shown}" if found_path else f"catalog folder not found: {shown}")
    try:
        return _load(folder.resolve(), day)
    except CatalogInvalid as exc:
        raise CliError(invalid_message(exc.errors)) from None


@lru_cache(maxsize=4)
def _load(folder: Path, day: object) -> Catalog:
    """The folder's catalog as of ``day`` (the key: a catalog is settled to its day)."""
    return load_catalog(folder)


def output_options(parser: argparse.ArgumentParser, json_help: str = "print the result as JSON") -> None:
    """``--json`` or ``--discord`` (the exact bodies the bot would send), one or the other."""
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=json_help)
    output.add_argument("--discord", action="store_true", help="print the Discord message bodies the bot would send")


def invalid_message(errors: list[CatalogError]) -> str:
    shown = "; ".join(str(e) for e in errors[:SHOWN_ERRORS])
    more = f" (and {len(errors) - SHOWN_ERRORS} more; run 'versus catalog validate')" if len(errors) > SHOWN_ERRORS else ""
    return f"the catalog has {len(errors)} error(s): {shown}{more}"


def check_name(name: str) -> str:
    """``name`` when it can be a model's name: not blank, at most ``QUERY_LIMIT`` characters (the resolver
    reads no more)."""
    if not name.strip():
        raise CliError('name a model, e.g. "gpt 4.1 mini"')
    if len(name) > QUERY_LIMIT:
        raise CliError(f"a model name is at most {QUERY_LIMIT} characters, not {len(name):,}")
    return name


def resolve_or_fail(catalog: Catalog, name: str):
    """The model ``name`` means, or a one-line error saying why none (``catalog.lookup.miss_message``)."""
    check_name(name)
    found = look_up(catalog, catalog.resolver, name, SUGGESTIONS, families=True)
    if found.model is not None and found.note is not None:
        print(f"versus: {found.note}", file=sys.stderr)  # a family read as its newest model: said, not guessed
    if found.model is not None:
        return found.model
    raise CliError(miss_message(found, "see 'versus catalog list'"))
