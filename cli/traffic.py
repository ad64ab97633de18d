"""The traffic options ``versus compare``, ``versus cost`` and ``versus top`` share, and how they are read.

Numbers are read by ``engine.numbers`` (the one reader of numbers people type); a bad one is a one-line
``CliError``.
"""

from __future__ import annotations

import argparse
from decimal import Decimal

from cli.errors import CliError
from engine import numbers
from engine.cost import DEFAULT_TRAFFIC, make_traffic
from engine.results import Traffic


def traffic_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("traffic (default: 1,000,000 requests a month, 800 input and 250 output tokens)")
    group.add_argument(
        "--input-tokens", metavar="N", help=f"input tokens per request (default {DEFAULT_TRAFFIC.input_tokens})"
    )
    group.add_argument(
        "--output-tokens", metavar="N", help=f"output tokens per request (default {DEFAULT_TRAFFIC.output_tokens})"
    )
    group.add_argument("--requests", metavar="N", help="requests per day or month, e.g. 50000, 2.5M (default 1M)")
    group.add_argument(
        "--per", choices=("day", "month"), default="month", help="what --requests counts (default month)"
    )
    group.add_argument("--cached", metavar="F", help="share of input tokens served from cache, 0 to 1 (or 30%%)")
    group.add_argument("--batch", metavar="F", help="share of requests sent through batch, 0 to 1 (or 30%%)")
    group.add_argument(
        "--cache-write",
        metavar="F",
        help="share of input tokens written to the cache, 0 to 1 (or 10%%), priced at each route's cache-write price",
    )
    group.add_argument(
        "--off-peak",
        action="store_true",
        help="price at the off-peak prices routes publish (DeepSeek's API: half price at set hours); "
        "default: their standard (peak) prices",
    )


def parse_count(option: str, text: str | None, default: int, maximum: int) -> int:
    """A whole number of 0 or more: 800, 1,000,000, 50k, 2.5M (``engine.numbers.read_count``)."""
    if text is None:
        return default
    try:
        return numbers.read_count(text, option, maximum)
    except ValueError as exc:
        raise CliError(str(exc)) from None


def parse_share(option: str, text: str | None) -> Decimal:
    """A share from 0 to 1, or a percentage: 0.3, 30% (``engine.numbers.read_share``)."""
    if text is None:
        return Decimal(0)
    try:
        return numbers.read_share(text, option)
    except ValueError as exc:
        raise CliError(str(exc)) from None


def traffic_from(args: argparse.Namespace) -> Traffic:
    try:
        return make_traffic(
            input_tokens=parse_count(
                "--input-tokens", args.input_tokens, DEFAULT_TRAFFIC.input_tokens, numbers.MAX_TOKENS
            ),
            output_tokens=parse_count(
                "--output-tokens", args.output_tokens, DEFAULT_TRAFFIC.output_tokens, numbers.MAX_TOKENS
            ),
            requests=parse_count("--requests", args.requests, DEFAULT_TRAFFIC.requests, numbers.MAX_REQUESTS),
            per=args.per,
            cached_share=parse_share("--cached", args.cached),
            batch_share=parse_share("--batch", args.batch),
            cache_write_share=parse_share("--cache-write", args.cache_write),
            off_peak=getattr(args, "off_peak", False),
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None
