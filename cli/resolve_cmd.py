"""``versus resolve``: which model a name means, with its score and the alternatives (the resolver alone)."""

from __future__ import annotations

import argparse

from catalog.resolver import Resolution
from cli.common import check_name, load_for_args
from cli.text import INDENT, one_line, print_json, wrap


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "resolve",
        help="show which model a name means, and the alternatives",
        description="Resolve a name to a catalog model: the match and its score (0-100), or ranked "
        "alternatives when the name is ambiguous or nothing is close. Exits 0 either way.",
    )
    parser.add_argument("query", nargs="+", metavar="QUERY", help="a model name, id or nickname")
    parser.add_argument("--json", action="store_true", help='print {"match": ..., "alternatives": [...]}')
    parser.set_defaults(func=run_resolve)


def _score(score: float) -> str:
    """A score as the resolver rounds it (one decimal), without a trailing ".0": 83.3, 100."""
    return f"{score:g}"


def render_resolution(resolution: Resolution) -> str:
    """The match and its score, or why there is none; then the alternatives, best first."""
    shown = one_line(resolution.query)[:80]
    if resolution.match is not None:
        match = resolution.match
        lines = [wrap(f"match: {match.name} ({match.id}), score {_score(match.score)}")]
        if resolution.alternatives:
            lines.append("other close names:")
    elif resolution.ambiguous:
        lines = [wrap(f"'{shown}' could be more than one model; the closest:")]
    elif resolution.alternatives:
        lines = [wrap(f"no model matches '{shown}'; the closest:")]
    else:
        return wrap(f"no model matches '{shown}'; nothing is close (see 'versus catalog list')")
    lines += [
        wrap(f"{c.name} ({c.id}), score {_score(c.score)}", INDENT + "- ", INDENT + "  ")
        for c in resolution.alternatives
    ]
    return "\n".join(lines)


def run_resolve(args: argparse.Namespace) -> int:
    query = check_name(" ".join(args.query))
    resolution = load_for_args(args).resolver.resolve(query)
    if args.json:
        print_json(resolution.as_dict())
    else:
        print(render_resolution(resolution))
    return 0
