"""``versus faq``: a question about one or more models, answered by the engine (``engine.faq``).

Its own module: what the FAQ reads a question with (rankings, workloads) is imported only for it."""

from __future__ import annotations

import argparse

from cli.common import load_for_args, output_options
from cli.engine_cmds import render_faq
from cli.errors import CliError
from cli.text import print_discord, print_json
from engine.faq import QUESTION_LIMIT, ask


def register(subparsers: argparse._SubParsersAction) -> None:
    faq_parser = subparsers.add_parser(
        "faq",
        help="answer a question about one or more models from the catalog",
        description='Answer a question such as "is grok 4.3 cheaper than gpt-4.1 mini?" from catalog data.',
    )
    faq_parser.add_argument("question", metavar="QUESTION", help="the question, in quotes")
    output_options(faq_parser)
    faq_parser.set_defaults(func=run_faq)


def _changes() -> list:
    """The catalog's history (bundled, and the store's when one is in use): read only for a "what's new"."""
    from cli.data_cmds import all_changes

    return all_changes()


def run_faq(args: argparse.Namespace) -> int:
    if not args.question.strip():
        raise CliError('ask a question, e.g. versus faq "is grok 4.3 cheaper than gpt-4.1 mini?"')
    if len(args.question) > QUESTION_LIMIT:
        raise CliError(f"a question is at most {QUESTION_LIMIT} characters, not {len(args.question):,}")
    catalog = load_for_args(args)
    result = ask(args.question, catalog, catalog.resolver, changes=_changes)
    if args.json:
        print_json(result.as_dict(json=True))
    elif args.discord:
        print_discord(result)
    else:
        print(render_faq(result))
    return 0 if result.answered else 1
