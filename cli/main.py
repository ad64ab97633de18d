"""Entry point of the `versus` command: builds the parser from the command modules and runs one command.

Each module named in ``COMMANDS`` has ``register(subparsers)``; it adds its subcommands with
``set_defaults(func=...)``, and ``func(args)`` returns an exit status. Only the module of the command
being run is imported (``versus resolve`` loads no engine, no command but ``versus bot`` loads
discord.py); usage, ``--help`` and an unknown command register them all.
"""

from __future__ import annotations

import argparse
import errno
import gc
import importlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from cli.errors import CliError

COMMANDS: dict[str, str] = {
    "catalog": "cli.catalog_cmds",  # catalog list|validate|import|refresh|changes|audit
    "model": "cli.model_cmd",
    "resolve": "cli.resolve_cmd",
    "compare": "cli.engine_cmds",
    "cost": "cli.engine_cmds",
    "faq": "cli.faq_cmd",
    "top": "cli.top_cmd",
    "history": "cli.history_cmd",
    "bot": "cli.bot_cmd",
    "db": "cli.db_cmd",
}
"""Each command and the module that registers it, in the order ``versus --help`` lists them."""

QUICK_COMMANDS = frozenset({"model", "resolve", "compare", "cost", "faq", "top", "history"})
"""Commands that read a catalog, answer and exit: run without the cyclic collector (``short_lived``)."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit status 2.

    ``arguments``, when given, adds the parser's arguments just before it first parses: a command whose
    options are defined with a heavy import (``versus bot``'s, by ``bot.runner``) costs nothing to list."""

    def __init__(self, *args: Any, arguments: Callable[[argparse.ArgumentParser], None] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._arguments = arguments

    def parse_known_args(self, args=None, namespace=None):
        if self._arguments is not None:
            add, self._arguments = self._arguments, None
            add(self)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())[:300]} (see '{self.prog} --help')\n")


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
    """Run one command. Bad input is one line on stderr and status 2 (``CliError``); output that cannot be
    written (stdout closed early, as by ``| head -1``; a full disk, as ``> /dev/full``) is one line and
    ``BROKEN_PIPE`` or ``WRITE_FAILED``; never a traceback."""
    argv = list(sys.argv[1:] if argv is None else argv)
    problem = unreadable_argument(argv)
    if problem is not None:
        print(f"versus: {problem}", file=sys.stderr)
        return 2
    command = command_in(argv)
    with short_lived(command in QUICK_COMMANDS):
        return _run(build_parser(command), argv)


@contextmanager
def short_lived(quick: bool) -> Iterator[None]:
    """For a quick command, the cyclic collector is off while it runs, and what it made is frozen when it is done.

    A quick command makes its objects (modules, the catalog read back from the cache, its answer), prints and
    exits: nearly nothing becomes garbage before the exit frees it all. The collector's passes over those
    objects while the command runs, and the interpreter's final pass at exit, found nothing and were about a
    tenth of ``versus compare``'s time (bench/results/cli.md). Frozen objects are skipped by that final pass.
    Other commands (a refresh, the bot, which tunes the collector itself: ``bot.app.settle_memory``) keep it.
    """
    if not quick or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _run(parser: argparse.ArgumentParser, argv: list[str]) -> int:
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit:  # --help or a usage error: what argparse printed must reach stdout, or fail here
            _flush_stdout()
            raise
        func = getattr(args, "func", None)
        if func is None:
            parser.print_help()
            status = 2
        else:
            status = int(func(args) or 0)
        _flush_stdout()  # a write error shows here, not as a traceback at exit
        return status
    except CliError as exc:
        print(f"versus: {exc.message}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _write_failed(BROKEN_PIPE, "the output was closed before all of it was written (broken pipe)")
    except OSError as exc:
        if exc.filename is not None or exc.errno not in OUTPUT_ERRNOS:
            raise  # not the output: a command's own error, a bug to see in full
        reason = "standard output is closed" if exc.errno == errno.EBADF else exc.strerror or exc.__class__.__name__
        return _write_failed(WRITE_FAILED, f"cannot write the output: {reason}")


def unreadable_argument(argv: Sequence[str]) -> str | None:
    """Why an argument is not text a command can take, or None: bytes that are not UTF-8 (Python passes
    them on as lone surrogates, which cannot be printed back), or control characters other than tab and
    line breaks (an escape sequence echoed in an error would drive the terminal)."""
    for position, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return f"argument {position} is not valid text (bytes that are not UTF-8)"
        if any(ord(c) < 32 and c not in "\t\n\r" or 0x7F <= ord(c) < 0xA0 for c in arg):
            return f"argument {position} holds control characters"
    return None


OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF})
"""What writing stdout fails with (a file a command reads or writes names itself in ``filename``)."""
BROKEN_PIPE = 141
"""Exit status when stdout closed early (what a shell reports for a process ended by SIGPIPE)."""
WRITE_FAILED = 74
"""Exit status when stdout cannot be written (EX_IOERR), e.g. a full disk."""


def _flush_stdout() -> None:
    if sys.stdout is None:  # started with stdout closed (>&-): whatever was printed went nowhere
        raise OSError(errno.EBADF, "standard output is closed")
    sys.stdout.flush()


def _write_failed(status: int, message: str) -> int:
    """Say why on stderr, and point stdout at /dev/null so the interpreter's flush at exit has nothing to fail on."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass
    try:
        print(f"versus: {message}", file=sys.stderr)
    except OSError:
        pass
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
