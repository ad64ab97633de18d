"""``versus catalog list|validate|import`` and ``versus model``: the catalog in a terminal.

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
from catalog.query import having, vendor_named
from catalog.schema import Capability, Model, PriceTier, Route
from cli.common import load_for_args, output_options, resolve_or_fail, resolver_for, shown_path
from cli.errors import CliError
from cli.text import INDENT, WIDTH, heading, one_line, print_discord, print_json, wrap
from engine import facts, numbers

# --- registering the commands ---------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:
    catalog_parser = subparsers.add_parser(
        "catalog",
        help="list, validate or import catalog models",
        description="Work with the catalog: list its models, validate a catalog tree, import public snapshots.",
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

    from cli.import_cmd import register as register_import

    register_import(csub)

    model_parser = subparsers.add_parser(
        "model",
        help="show a model card: specs, prices, benchmarks",
        description="The model card: specs, capabilities, tags, aliases, provider routes with prices, "
        "benchmarks, and sources with the date behind each (fetched, read or checked).",
    )
    model_parser.add_argument("name", nargs="+", metavar="NAME", help="a model name or id, e.g. gpt 4.1 mini")
    output_options(model_parser, json_help="print the catalog model as JSON")
    model_parser.set_defaults(func=run_model)


def _print_usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


# --- catalog list ---------------------------------------------------------------------------

ID_WIDTH = 30
NAME_WIDTH = 21
FIGURE_WIDTH = 7
GAP = "  "
"""ID, NAME, CONTEXT, INPUT, OUTPUT: 30 + 21 + 3 * 7 + 4 gaps of 2 = 80 columns."""


def vendor_filter(models: Sequence[Model], vendors: Sequence[str], vendor: str) -> str:
    """The catalog's spelling of ``vendor`` (a vendor name or an id prefix, any case), or a one-line error."""
    found = vendor_named(models, vendors, vendor)
    if found is not None:
        return found
    raise CliError(f"no vendor '{one_line(vendor)[:80]}' in the catalog; choose from: {', '.join(vendors)}")


def capability_filter(capability: str) -> Capability:
    wanted = capability.strip().casefold().replace("-", "_").replace(" ", "_")
    try:
        return Capability(wanted)
    except ValueError:
        choices = ", ".join(c.value for c in Capability)
        raise CliError(f"no capability '{one_line(capability)[:80]}'; choose from: {choices}") from None


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


def render_list(models: Sequence[Model]) -> str:
    if not models:
        return "No model matches these filters."
    header = "ID".ljust(ID_WIDTH) + GAP + "NAME".ljust(NAME_WIDTH) + GAP
    header += GAP.join(h.rjust(FIGURE_WIDTH) for h in ("CONTEXT", "INPUT", "OUTPUT"))
    lines = [header, "-" * WIDTH]
    vendor = None
    for model in models:
        if model.vendor != vendor:
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
    if args.json:
        print_json([list_entry(m) for m in models])
    else:
        print(render_list(models))
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


# --- model ----------------------------------------------------------------------------------


def _fact(value: object) -> str:
    return numbers.UNKNOWN_TEXT if value is None else str(value)


def _tokens(value: int | None) -> str:
    if value is None:
        return numbers.UNKNOWN_TEXT
    return f"{numbers.tokens(value)} tokens ({numbers.count(value)})"


def _parts(parts: Sequence[str], indent: str) -> str:
    """Parts joined by " · ", lines broken between parts (a long part is wrapped on its own)."""
    lines: list[str] = []
    line = ""
    for part in parts:
        joined = f"{line} · {part}" if line else part
        if line and len(indent + joined) > WIDTH:
            lines.append(indent + line)
            line = part
        else:
            line = joined
    lines.append(indent + line)
    return "\n".join(wrap(text, "", indent) if len(text) > WIDTH else text for text in lines)


def _field(label: str, value: str) -> str:
    return wrap(f"{label}: {value}", INDENT, INDENT * 3)


def _tier_parts(tier: PriceTier) -> list[str]:
    above = f"above {numbers.tokens(tier.above_input_tokens)} input tokens"
    parts = [f"{above}: input {numbers.price(tier.input)}", f"output {numbers.price(tier.output)}"]
    if tier.cached_input is not None:
        parts.append(f"cached input {numbers.price(tier.cached_input)}")
    if tier.cache_write is not None:
        parts.append(f"cache write {numbers.price(tier.cache_write)}")
    return parts


def route_block(route: Route, cheapest: bool) -> str:
    title = route.provider + ("  * cheapest" if cheapest else "")
    prices = [f"input {numbers.price(route.input)}", f"output {numbers.price(route.output)}"]
    if route.cached_input is not None:
        prices.append(f"cached input {numbers.price(route.cached_input)}")
    if route.cache_write is not None:
        prices.append(f"cache write {numbers.price(route.cache_write)}")
    if route.batch_input is not None:
        prices.append(f"batch in/out {numbers.price_value(route.batch_input)}/{numbers.price_value(route.batch_output)}")
    lines = [INDENT + title, _parts(prices, INDENT * 2)]
    lines += [_parts(_tier_parts(t), INDENT * 2) for t in route.tiers]
    details = [f"model id {route.model_id}", f"context {numbers.tokens(route.context_window)}"]
    lines.append(_parts(details, INDENT * 2))
    for source in route.sources:
        covers = ", ".join(c.replace("_", " ") for c in source.covers)
        lines.append(wrap(f"{covers}: {source.dated}", INDENT * 2, INDENT * 3))
        lines.append(f"{INDENT * 3}{source.url}")
    return "\n".join(lines)


def routes_section(model: Model) -> str:
    title = heading("Prices per 1M tokens (USD), by provider")
    if not model.routes:
        return title + "\n" + wrap("No provider routes tracked.", INDENT)
    cheapest = set(facts.cheapest_blend(model).providers[:1])
    blocks = [route_block(r, r.provider in cheapest) for r in model.routes]
    if cheapest:
        blocks.append(wrap("* cheapest at a 70/30 input/output mix", INDENT))
    return title + "\n" + "\n\n".join(blocks)


def benchmark_block(model: Model) -> str:
    lines = [heading("Benchmarks")]
    for item in model.benchmarks:
        unit = "%" if item.unit == "%" else f" {item.unit}"
        text = f"{item.name}: {numbers.points(facts.score(item))}{unit} ({item.verification.value}, {item.date.isoformat()})"
        lines.append(wrap(text, INDENT, INDENT * 3))
        if item.notes:
            lines.append(wrap(item.notes, INDENT * 3, INDENT * 3))
        lines.append(f"{INDENT * 3}{item.source}")
    return "\n".join(lines)


def sources_block(model: Model) -> str:
    lines = [heading("Sources")]
    for item in model.sources:
        title = item.title or str(item.url)
        covers = ", ".join(c.replace("_", " ") for c in item.covers)
        lines.append(wrap(f"{title} ({item.dated})", INDENT + "- ", INDENT + "  "))
        lines.append(wrap(f"for: {covers}", INDENT + "  ", INDENT + "  "))
        lines.append(f"{INDENT}  {item.url}")
    return "\n".join(lines)


def render_model(model: Model) -> str:
    top = [heading(model.name, "="), wrap(model.id)]
    if model.aliases:
        top.append(wrap("Also known as: " + ", ".join(model.aliases), "", INDENT))
    specs = [
        heading("Specs"),
        _field("Vendor", model.vendor),
        _field("Family", model.family),
        _field("Released", _fact(model.release_date)),
        _field("Knowledge cutoff", _fact(model.knowledge_cutoff)),
        _field("Context window", _tokens(model.context_window)),
        _field("Max output", _tokens(model.max_output_tokens)),
        _field("Parameters", _fact(model.parameters)),
        _field("Architecture", _fact(model.architecture)),
        _field("Licence", _fact(model.licence)),
        _field("Open weights", model.open_weights.value),
        _field("Input", ", ".join(m.value for m in model.input_modalities)),
        _field("Output", ", ".join(m.value for m in model.output_modalities)),
    ]
    capabilities = [heading("Capabilities")] + [_field(c.label, t.value) for c, t in model.capabilities.items()]
    blocks = ["\n".join(top), "\n".join(specs), "\n".join(capabilities)]
    blocks.append(heading("Good for") + "\n" + wrap(", ".join(t.value for t in model.tags) or "no tags", INDENT))
    blocks.append(routes_section(model))
    if model.benchmarks:
        blocks.append(benchmark_block(model))
    else:
        blocks.append(heading("Benchmarks") + "\n" + wrap("No benchmark scores tracked.", INDENT))
    blocks.append(sources_block(model))
    blocks.append(f"Data as of: {model.updated.isoformat()} (the newest date behind its figures)")
    return "\n\n".join(blocks)


def run_model(args: argparse.Namespace) -> int:
    name = " ".join(args.name)
    if not name.strip():
        raise CliError("name a model, e.g. versus model \"gpt 4.1 mini\"")
    model = resolve_or_fail(load_for_args(args), name)
    if args.json:
        print_json(model.model_dump(mode="json"))
        return 0
    if args.discord:
        return print_discord(model)
    print(render_model(model))
    return 0
