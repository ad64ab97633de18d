"""``versus catalog list|validate|import``: the catalog in a terminal.

Every fact shown comes from the catalog as it is; numbers are written by ``engine.numbers`` and the
cheapest route is the engine's (``engine.facts``), as on the bot's model card. Unknown stays unknown:
an unpublished price reads "unknown", never $0.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from catalog.loader import CatalogError, default_root, display_path, model_files, validate_tree
from catalog.query import capability_named, having, vendor_named
from catalog.schema import Capability, Model
from cli.common import load_for_args, shown_path
from cli.errors import CliError
from cli.text import WIDTH, one_line, print_json, wrap
from engine import facts, numbers
from engine.rank import SORTS, sort_models

# --- registering the commands ---------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:
    catalog_parser = subparsers.add_parser(
        "catalog",
        help="list, validate, import, refresh or audit; what changed",
        description="Work with the catalog: list its models, validate a catalog tree, import public snapshots, "
        "refresh it from the public sources, list what changed and where the sources disagree.",
    )
    catalog_parser.set_defaults(func=lambda _args: _print_usage(catalog_parser))
    csub = catalog_parser.add_subparsers(dest="catalog_command", metavar="SUBCOMMAND")

    list_parser = csub.add_parser(
        "list",
        help="list models, filtered by vendor or capability",
        description="List the catalog's models by vendor: id, name, context window and the cheapest known "
        "input and output prices (USD per 1M tokens) across their routes.",
    )
    list_parser.add_argument("--vendor", metavar="V", help="only this vendor's models (a name like 'OpenAI' or an id prefix like 'openai')")
    list_parser.add_argument(
        "--capability",
        metavar="C",
        help=f"only models where this is yes: {', '.join(c.value for c in Capability)}",
    )
    list_parser.add_argument(
        "--sort",
        choices=tuple(SORTS),
        help="one list in this order instead of grouped by vendor: "
        + "; ".join(f"{key}: {label.lower()}" for key, (label, _) in SORTS.items())
        + " (unknown figures last)",
    )
    list_parser.add_argument("--json", action="store_true", help="print the models as JSON")
    list_parser.set_defaults(func=run_list)

    validate_parser = csub.add_parser(
        "validate",
        help="check a catalog folder or file and report every error",
        description="Validate every model file of a catalog tree and print every error as "
        "'file: field: reason'. Exits 1 when there are errors, 0 when the catalog is valid.",
    )
    validate_parser.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="a catalog folder or one model file (default: --catalog, $VERSUS_CATALOG or the bundled catalog)",
    )
    validate_parser.set_defaults(func=run_validate)

    from cli.data_cmds import register as register_data
    from cli.import_cmd import register as register_import

    register_import(csub)
    register_data(csub)


def _print_usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


# --- catalog list ---------------------------------------------------------------------------

ID_WIDTH = 30
NAME_WIDTH = 18
FIGURE_WIDTH = 8
GAP = "  "
"""ID, NAME, CONTEXT, INPUT, OUTPUT: 30 + 18 + 3 * 8 + 4 gaps of 2 = 80 columns (a price may be $0.04815)."""


def vendor_filter(models: Sequence[Model], vendors: Sequence[str], vendor: str) -> str:
    """The catalog's spelling of ``vendor`` (a vendor name or an id prefix, any case), or a one-line error."""
    found = vendor_named(models, vendors, vendor)
    if found is not None:
        return found
    raise CliError(f"no vendor '{one_line(vendor)[:80]}' in the catalog; choose from: {', '.join(vendors)}")


def capability_filter(capability: str) -> Capability:
    found = capability_named(capability)
    if found is None:
        choices = ", ".join(c.value for c in Capability)
        raise CliError(f"no capability '{one_line(capability)[:80]}'; choose from: {choices} (or words such as tools, json, images)")
    return found


def select(models: Iterable[Model], vendor: str | None, capability: Capability | None) -> list[Model]:
    return sorted(having(models, vendor, capability), key=lambda m: (m.vendor.casefold(), m.id))


def _json_price(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def list_entry(model: Model) -> dict[str, object]:
    """One model of ``catalog list --json``: what the text table shows, and a little more."""
    cheapest_in, cheapest_out = facts.cheapest_input(model), facts.cheapest_output(model)
    return {
        "id": model.id,
        "name": model.name,
        "vendor": model.vendor,
        "family": model.family,
        "release_date": model.release_date.isoformat() if model.release_date else None,
        "context_window": model.context_window,
        "max_output_tokens": model.max_output_tokens,
        "input": {"price": _json_price(cheapest_in.price), "providers": list(cheapest_in.providers)},
        "output": {"price": _json_price(cheapest_out.price), "providers": list(cheapest_out.providers)},
        "capabilities": {c.value: t.value for c, t in model.capabilities.items()},
        "tags": [t.value for t in model.tags],
        "providers": list(facts.providers(model)),
    }


def _list_row(model: Model) -> list[str]:
    figures = (
        numbers.tokens(model.context_window),
        numbers.price_value(facts.cheapest_input(model).price),
        numbers.price_value(facts.cheapest_output(model).price),
    )
    tail = GAP + GAP.join(f.rjust(FIGURE_WIDTH) for f in figures)
    names = textwrap.wrap(model.name, NAME_WIDTH, break_on_hyphens=False) or [""]
    lines = []
    if len(model.id) > ID_WIDTH:
        lines.append(model.id)
        first_id = ""
    else:
        first_id = model.id
    lines.append(first_id.ljust(ID_WIDTH) + GAP + names[0].ljust(NAME_WIDTH) + tail)
    lines += [" " * (ID_WIDTH + len(GAP)) + more for more in names[1:]]
    return [line.rstrip() for line in lines]


def render_list(models: Sequence[Model], sort: str | None = None) -> str:
    """Grouped by vendor, or (``sort``) one list in that order."""
    if not models:
        return "No model matches these filters."
    header = "ID".ljust(ID_WIDTH) + GAP + "NAME".ljust(NAME_WIDTH) + GAP
    header += GAP.join(h.rjust(FIGURE_WIDTH) for h in ("CONTEXT", "INPUT", "OUTPUT"))
    lines = [header, "-" * WIDTH]
    if sort is not None:
        lines.insert(0, f"Sorted: {SORTS[sort][0].lower()}")
    vendor = None
    for model in models:
        if sort is None and model.vendor != vendor:
            vendor = model.vendor
            count = sum(1 for m in models if m.vendor == vendor)
            if len(lines) > 2:
                lines.append("")
            lines.append(f"{vendor} ({count})")
        lines += _list_row(model)
    vendors = len({m.vendor for m in models})
    lines += [
        "",
        wrap(
            f"{len(models)} model{'s' if len(models) != 1 else ''} from {vendors} vendor{'s' if vendors != 1 else ''}. "
            "INPUT and OUTPUT are the cheapest known prices in USD per 1M tokens across each model's routes "
            "(unknown where no route publishes one); see 'versus model NAME' for every route."
        ),
    ]
    return "\n".join(lines)


def run_list(args: argparse.Namespace) -> int:
    catalog = load_for_args(args)
    vendor = vendor_filter(catalog.models, catalog.vendors, args.vendor) if args.vendor is not None else None
    capability = capability_filter(args.capability) if args.capability is not None else None
    models = select(catalog, vendor, capability)
    if args.sort is not None:
        models = sort_models(models, args.sort)
    if args.json:
        print_json([list_entry(m) for m in models])
    else:
        print(render_list(models, args.sort))
    return 0


# --- catalog validate -----------------------------------------------------------------------


def run_validate(args: argparse.Namespace) -> int:
    if args.path is not None and not args.path.strip():
        raise CliError("name a catalog folder or model file, or leave PATH out for the catalog in use")
    target = Path(args.path) if args.path else default_root(getattr(args, "catalog", None))
    shown = shown_path(target.as_posix())
    try:
        exists = target.exists()
    except OSError as exc:
        raise CliError(f"cannot read {shown}: {exc.strerror or exc.__class__.__name__}") from None
    if not exists:
        raise CliError(f"no such catalog folder or file: {shown}")
    try:
        files = 1 if target.is_file() else len(model_files(target))
        models, errors = validate_tree(target)
    except (OSError, ValueError, RecursionError) as exc:
        reason = (exc.strerror or exc.__class__.__name__) if isinstance(exc, OSError) else one_line(exc)[:200]
        raise CliError(f"cannot validate {shown}: {reason}") from None
    for error in errors:
        print(" ".join(str(error).splitlines()))  # one line each, even for a file name or value with a line break
    print(validate_summary(len(models), errors, files, display_path(target)))
    return 1 if errors else 0


def validate_summary(valid: int, errors: Sequence[CatalogError], files: int, where: str) -> str:
    if not errors:
        return f"{valid} model{'s' if valid != 1 else ''} valid"
    counted = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    if not files:
        return f"{counted}: no model files checked in {where}"
    bad_files = len({e.path for e in errors})
    return (
        f"{counted} in {bad_files} file{'s' if bad_files != 1 else ''} "
        f"({files} file{'s' if files != 1 else ''} checked in {where})"
    )
