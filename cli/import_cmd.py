"""``versus catalog import --from FORMAT PATH --out DIR``: build catalog files from a public source."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from catalog.importers.errors import ImportFormatError
from catalog.importers.pipeline import FORMATS, import_into
from catalog.loader import validate_tree
from cli.errors import CliError


def register(csub: argparse._SubParsersAction) -> None:
    """Add ``import`` to the ``catalog`` command group's subparsers."""
    parser = csub.add_parser(
        "import",
        help="turn a models.dev, LiteLLM, OpenRouter or genai-prices snapshot into catalog files",
        description="Read a public model/price snapshot and write one catalog file per model "
        "(<creator>/<slug>.toml) into DIR, routes of one model from several providers merged.",
    )
    parser.add_argument("--from", dest="fmt", required=True, choices=sorted(FORMATS), help="the snapshot's format")
    parser.add_argument(
        "path",
        metavar="PATH",
        help="models-dev: the checkout folder (with providers/) or api.json; litellm: "
        "model_prices_and_context_window.json; openrouter: the /api/v1/models JSON; genai-prices: prices/data.json",
    )
    parser.add_argument(
        "--version",
        metavar="V",
        help="the snapshot's release (litellm: 1.110.2) or commit (models-dev, genai-prices), which its figures "
        "cite; needed when the file name does not show it",
    )
    parser.add_argument(
        "--fetched",
        metavar="DATE",
        type=_date,
        help="when the snapshot was taken from its source (YYYY-MM-DD); default: the file's modification date",
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write the catalog files into")
    parser.set_defaults(func=run)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: {text!r}") from None


def run(args: argparse.Namespace) -> int:
    out_dir = Path(args.out)
    try:
        outcome = import_into(args.fmt, Path(args.path), out_dir, version=args.version, fetched=args.fetched)
    except ImportFormatError as exc:
        raise CliError(str(exc)) from None
    written = outcome.result.written
    print(
        f"imported {len(written)} models ({outcome.result.routes} routes) from {args.path} into {out_dir}; "
        f"{len(outcome.report.skipped)} source records skipped"
    )
    errors = list(outcome.result.errors)
    if written:
        errors += [str(e) for e in validate_tree(out_dir)[1]]
    for line in errors:
        print(line, file=sys.stderr)
    if errors:
        print(f"{len(errors)} model(s) not written or invalid", file=sys.stderr)
        return 1
    return 0
