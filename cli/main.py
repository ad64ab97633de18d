"""Entry point of the `versus` command: builds the parser from each command module and runs one.

Each module under ``cli/`` that defines commands has ``register(subparsers)``; it adds its
subcommands with ``set_defaults(func=...)``. ``func(args)`` returns an exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from cli.errors import CliError

COMMAND_MODULES = (
    "cli.catalog_cmds",   # catalog list|validate|import, model, resolve
    "cli.engine_cmds",    # compare, cost, faq
    "cli.bot_cmd",        # bot
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n(see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
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
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # a surface not built yet
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
