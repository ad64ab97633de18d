"""Entry point of the `versus` command: builds the parser from the command modules and runs one command.

Each module named in ``COMMANDS`` has ``register(subparsers)``; it adds its subcommands with
``set_defaults(func=...)``, and ``func(args)`` returns an exit status. Only the module of the command
being run is imported (``versus resolve`` loads no engine, no command but ``versus bot`` loads
discord.py); usage, ``--help`` and an unknown command register them all.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from typing import Any

from cli.errors import CliError

COMMANDS: dict[str, str] = {
    "catalog": "cli.catalog_cmds",  # catalog list|validate|import
    "model": "cli.catalog_cmds",
    "resolve": "cli.resolve_cmd",
    "compare": "cli.engine_cmds",
    "cost": "cli.engine_cmds",
    "faq": "cli.engine_cmds",
    "bot": "cli.bot_cmd",
}
"""Each command and the module that registers it, in the order ``versus --help`` lists them."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit status 2.

    ``arguments``, when given, adds the parser's arguments just before it first parses: a command whose
    options are defined with a heavy import (``versus bot``'s, by ``bot.runner``) costs nothing to list."""

    def __init__(self, *args: Any, arguments: Callable[[argparse.ArgumentParser], None] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._arguments = arguments

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
        if self._arguments is not None:
            add, self._arguments = self._arguments, None
            add(self)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n(see '{self.prog} --help')\n")


def command_in(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names: its first word that is neither an option nor ``--catalog``'s value."""
    words = iter(argv)
    for word in words:
        if word == "--catalog":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with ``command``'s module registered, or every module when ``command`` is not one."""
    parser = _Parser(
        prog="versus",
        description="Compare large language models from a curated catalog: specs, prices per provider, "
        "capabilities, benchmarks and monthly cost.",
    )
    parser.add_argument(
        "--catalog",
        metavar="PATH",
        help="catalog folder to use instead of the bundled one (also: $VERSUS_CATALOG)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    modules = [COMMANDS[command]] if command in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for name in modules:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(command_in(argv))
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args) or 0)
    except CliError as exc:
        print(f"versus: {exc.message}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
