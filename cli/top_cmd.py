"""``versus top``: models ranked by one figure, filtered, each figure with its source (``engine.rank``)."""

from __future__ import annotations

import argparse
import textwrap

from catalog.loader import Catalog
from catalog.schema import Capability
from cli.catalog_cmds import capability_filter, vendor_filter
from cli.common import load_for_args, output_options
from cli.errors import CliError
from cli.text import INDENT, WIDTH, heading, one_line, print_discord, print_json, wrap
from cli.traffic import parse_count, traffic_from, traffic_options
from engine import numbers
from engine.rank import DEFAULT_RESULTS, MAX_RESULTS, MEASURE_KEYS, benchmark_named, benchmark_names, make_filters, rank
from engine.results import Ranking


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "top",
        help="rank models by cost, price, context, max output, release date or a benchmark",
        description="Rank the catalog's models by one figure, best first, after filters: the monthly cost at a "
        "traffic (each model on its cheapest route), the cheapest input or output price, the context window, "
        "the max output, the release date, or a benchmark's score. Each figure is shown with its source. "
        "A model whose figure is unknown is left out and counted, never ranked as $0.",
    )
    parser.add_argument(
        "--by",
        default="cost",
        metavar="MEASURE",
        help=f"what to rank on: {'|'.join(MEASURE_KEYS)}, or a benchmark's name such as 'swe-bench verified' "
        "or 'aider polyglot' (default cost)",
    )
    parser.add_argument(
        "--capability",
        action="append",
        default=[],
        metavar="C",
        help=f"only models where this is yes (repeat for several): {', '.join(c.value for c in Capability)}",
    )
    parser.add_argument(
        "--vendor", metavar="V", help="only this vendor's models (a name like 'OpenAI' or an id prefix like 'openai')"
    )
    parser.add_argument(
        "--named", metavar="WORDS", help="only models whose name has these words, e.g. 'grok' or 'claude sonnet'"
    )
    parser.add_argument("--open-weights", action="store_true", help="only models with published weights")
    parser.add_argument(
        "--min-context", metavar="N", help="only models with a context window of at least N tokens (128k, 1M)"
    )
    parser.add_argument(
        "--max-price", metavar="USD", help="only models with a price of at most USD per 1M tokens on some route"
    )
    parser.add_argument(
        "--max-price-of",
        choices=("input", "output", "both"),
        default="both",
        help="which price --max-price caps: input, output or both (default both)",
    )
    parser.add_argument("--include-retired", action="store_true", help="rank retired models too")
    parser.add_argument(
        "--limit", metavar="N", help=f"how many to show, 1 to {MAX_RESULTS} (default {DEFAULT_RESULTS})"
    )
    traffic_options(parser)
    output_options(parser)
    parser.set_defaults(func=run_top)


def measure_from(by: str, catalog: Catalog) -> tuple[str, str | None]:
    """(measure, benchmark) from ``--by``: a measure's key, or a benchmark the catalog holds."""
    wanted = by.strip().casefold().replace("_", "-").replace(" ", "-")
    if wanted == "max-output-tokens":
        wanted = "max-output"
    if wanted in MEASURE_KEYS:
        return wanted, None
    found = benchmark_named(by, catalog.models)
    if found is not None:
        return "benchmark", found
    names = ", ".join(name for name, _ in benchmark_names(catalog.models))
    raise CliError(
        f"no measure or benchmark '{one_line(by)[:80]}'; choose from: {', '.join(MEASURE_KEYS)}, or a benchmark: {names}"
    )


def run_top(args: argparse.Namespace) -> int:
    catalog = load_for_args(args)
    measure, benchmark = measure_from(args.by, catalog)
    traffic = traffic_from(args)
    limit = parse_count("--limit", args.limit, DEFAULT_RESULTS, MAX_RESULTS)
    if limit < 1:
        raise CliError(f"--limit must be 1 to {MAX_RESULTS}, not {limit}")
    try:
        max_price = numbers.read_price(args.max_price, "--max-price") if args.max_price is not None else None
    except ValueError as exc:
        raise CliError(str(exc)) from None
    filters = make_filters(
        capabilities=[capability_filter(c) for c in args.capability],
        vendor=vendor_filter(catalog.models, catalog.vendors, args.vendor) if args.vendor is not None else None,
        named=args.named,
        open_weights=args.open_weights,
        min_context=parse_count("--min-context", args.min_context, 0, numbers.MAX_TOKENS)
        if args.min_context is not None
        else None,
        max_price=max_price,
        max_price_of=args.max_price_of,
        include_retired=args.include_retired,
    )
    result = rank(catalog.models, measure, filters, traffic, limit, benchmark)
    if args.json:
        print_json(result.as_dict(json=True))
    elif args.discord:
        print_discord(result)
    else:
        print(render_ranking(result))
    return 0


PLACE_WIDTH = 4
NAME_WIDTH = 34
FIGURE_WIDTH = 18


def render_ranking(result: Ranking) -> str:
    """The ranking as a table: place, model, the figure; under each, where it comes from and its source."""
    blocks = [heading(result.title, "=")]
    blocks += [wrap(line) for line in result.summary]
    if result.entries:
        blocks.append(render_entries(result))
    return "\n\n".join(blocks)


def render_entries(result: Ranking) -> str:
    """The ranked models as a table, each with where its figure comes from."""
    lines = []
    label = result.label[: NAME_WIDTH + FIGURE_WIDTH - len("Model ")]  # ends where the figures end, never cut short
    header = "#".ljust(PLACE_WIDTH) + "Model".ljust(NAME_WIDTH + FIGURE_WIDTH - len(label)) + label
    lines.append(INDENT + header)
    lines.append(INDENT + "-" * (WIDTH - len(INDENT)))
    for entry in result.entries:
        names = textwrap.wrap(entry.model.name, NAME_WIDTH - 2, break_on_hyphens=False) or [""]
        lines.append(
            INDENT + str(entry.rank).ljust(PLACE_WIDTH) + names[0].ljust(NAME_WIDTH) + entry.text.rjust(FIGURE_WIDTH)
        )
        lines += [INDENT + " " * PLACE_WIDTH + more for more in names[1:]]
        under = " " * (len(INDENT) + PLACE_WIDTH)
        about = [entry.model.id]
        if entry.detail:
            about.append(entry.detail)
        if entry.source is not None:
            about.append(entry.source.dated)
        lines.append(wrap(" · ".join(about), under, under))
        if entry.source is not None:
            lines.append(under + entry.source.url)
    return "\n".join(lines)
