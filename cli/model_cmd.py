"""``versus model``: the model card (``engine.card``) in a terminal, as JSON, or as the bot's bodies.

Every fact shown is the card's; numbers are written by ``engine.numbers``. Unknown stays unknown: an
unpublished price reads "unknown", never $0.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from cli.common import load_for_args, output_options, resolve_or_fail
from cli.errors import CliError
from cli.text import INDENT, WIDTH, heading, print_discord, print_json, wrap
from engine import numbers
from engine.card import model_card
from engine.results import CardRoute, CardTier, ModelCard, Source


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "model",
        help="show a model card: specs, prices, benchmarks",
        description="The model card: specs, capabilities, tags, aliases, provider routes with prices, "
        "benchmarks, and sources with the date behind each (fetched, read or checked).",
    )
    parser.add_argument("name", nargs="+", metavar="NAME", help="a model name or id, e.g. gpt 4.1 mini")
    output_options(parser, json_help="print the model card as JSON")
    parser.set_defaults(func=run_model)


def run_model(args: argparse.Namespace) -> int:
    name = " ".join(args.name)
    if not name.strip():
        raise CliError('name a model, e.g. versus model "gpt 4.1 mini"')
    card = model_card(resolve_or_fail(load_for_args(args), name))
    if args.json:
        print_json(card.as_dict(json=True))
        return 0
    if args.discord:
        return print_discord(card)
    print(render_model(card))
    return 0


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


def _covers(source: Source) -> str:
    return ", ".join(c.replace("_", " ") for c in source.covers)


def _tier_parts(tier: CardTier) -> list[str]:
    above = f"above {numbers.tokens(tier.above_input_tokens)} input tokens"
    parts = [f"{above}: input {numbers.price(tier.input)}", f"output {numbers.price(tier.output)}"]
    if tier.cached_input is not None:
        parts.append(f"cached input {numbers.price(tier.cached_input)}")
    if tier.cache_write is not None:
        parts.append(f"cache write {numbers.price(tier.cache_write)}")
    return parts


def route_block(route: CardRoute) -> str:
    title = route.provider + ("  * cheapest" if route.cheapest else "")
    if route.status != "active":
        title += f"  ({route.status_text})"
    prices = [f"input {numbers.price(route.input)}", f"output {numbers.price(route.output)}"]
    if route.cached_input is not None:
        prices.append(f"cached input {numbers.price(route.cached_input)}")
    if route.cache_write is not None:
        prices.append(f"cache write {numbers.price(route.cache_write)}")
    if route.batch_input is not None:
        prices.append(
            f"batch in/out {numbers.price_value(route.batch_input)}/{numbers.price_value(route.batch_output)}"
        )
    lines = [INDENT + title, _parts(prices, INDENT * 2)]
    lines += [_parts(_tier_parts(t), INDENT * 2) for t in route.tiers]
    lines += [wrap(text, INDENT * 2, INDENT * 3) for text in (route.off_peak, *route.scheduled) if text]
    lines += [wrap(text, INDENT * 2, INDENT * 3) for text in route.disagreements]
    details = [f"model id {route.model_id}", f"context {numbers.tokens(route.context_window)}"]
    lines.append(_parts(details, INDENT * 2))
    for source in route.sources:
        lines.append(wrap(f"{_covers(source)}: {source.dated}", INDENT * 2, INDENT * 3))
        lines.append(f"{INDENT * 3}{source.url}")
    return "\n".join(lines)


def routes_section(card: ModelCard) -> str:
    title = heading("Prices per 1M tokens (USD), by provider")
    if not card.routes:
        return title + "\n" + wrap("No provider routes tracked.", INDENT)
    blocks = [route_block(r) for r in card.routes]
    if any(r.cheapest for r in card.routes):
        blocks.append(wrap("* cheapest at a 70/30 input/output mix", INDENT))
    return title + "\n" + "\n\n".join(blocks)


def benchmark_block(card: ModelCard) -> str:
    lines = [heading("Benchmarks")]
    for item in card.benchmarks:
        unit = "%" if item.unit == "%" else f" {item.unit}"
        text = f"{item.name}: {numbers.points(item.score)}{unit} ({item.verification}, {item.date.isoformat()})"
        lines.append(wrap(text, INDENT, INDENT * 3))
        if item.notes:
            lines.append(wrap(item.notes, INDENT * 3, INDENT * 3))
        lines.append(f"{INDENT * 3}{item.source}")
    return "\n".join(lines)


def sources_block(card: ModelCard) -> str:
    lines = [heading("Sources")]
    for item in card.sources:
        lines.append(wrap(f"{item.title} ({item.dated})", INDENT + "- ", INDENT + "  "))
        lines.append(wrap(f"for: {_covers(item)}", INDENT + "  ", INDENT + "  "))
        lines.append(f"{INDENT}  {item.url}")
    return "\n".join(lines)


def render_model(card: ModelCard) -> str:
    top = [heading(card.model.name, "="), wrap(card.model.id)]
    if card.retired_since is not None:
        top.append(wrap(f"Retired: no tracked route has sold it since {card.retired_since.isoformat()}.", "", INDENT))
    if card.aliases:
        top.append(wrap("Also known as: " + ", ".join(card.aliases), "", INDENT))
    specs = [
        heading("Specs"),
        _field("Vendor", card.model.vendor),
        _field("Family", card.family),
        _field("Released", _fact(card.release_date)),
        _field("Knowledge cutoff", _fact(card.knowledge_cutoff)),
        _field("Context window", _tokens(card.context_window)),
        _field("Max output", _tokens(card.max_output_tokens)),
        _field("Parameters", _fact(card.parameters)),
        _field("Architecture", _fact(card.architecture)),
        _field("Licence", _fact(card.licence)),
        _field("Open weights", card.open_weights),
        _field("Input", ", ".join(card.input_modalities)),
        _field("Output", ", ".join(card.output_modalities)),
    ]
    specs += [wrap(text, INDENT, INDENT * 2) for text in card.disagreements]
    capabilities = [heading("Capabilities")] + [_field(c.label, c.answer) for c in card.capabilities]
    blocks = ["\n".join(top), "\n".join(specs), "\n".join(capabilities)]
    blocks.append(heading("Good for") + "\n" + wrap(", ".join(card.tags) or "no tags", INDENT))
    blocks.append(routes_section(card))
    if card.benchmarks:
        blocks.append(benchmark_block(card))
    else:
        blocks.append(heading("Benchmarks") + "\n" + wrap("No benchmark scores tracked.", INDENT))
    blocks.append(sources_block(card))
    blocks.append(f"Data as of: {card.updated.isoformat()} (the newest date behind its figures)")
    return "\n\n".join(blocks)
