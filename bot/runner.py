"""Starting the bot from a terminal: ``versus bot`` and ``python -m bot``.

``versus bot`` connects and serves. ``versus bot sync`` logs in, syncs the commands globally
(and to the development guild when ``VERSUS_DEV_GUILD`` is set), and exits; ``--sync-global``
does the same sync and then serves. Without either, a start syncs only to the development guild,
if one is set: never globally on every start. The log goes to stdout, every line through the
token redactor.

How the bot stops, in one place:

1. SIGINT (Ctrl-C) or SIGTERM (``docker stop``), in any state (connecting, serving, or in discord.py's
   5-second wait before identifying again): the connection is closed with code 1000, then whatever
   ``serve`` was given to close (the database, once there is one), within ``STOP_SECONDS``; exit status 0.
   A second signal stops waiting for a clean close. A signal that comes before the bot starts serving
   (while the catalog loads) ends the process at once, as it would any program (SIGINT: status 130).
2. A fatal condition (``fatal``): one line on stderr, ``versus bot: <cause>; <what to do>``, and the exit
   status of its kind (``EXIT``; the README lists them). The token is never in that line or the log.
3. Anything else is a bug: the traceback goes to the log, one line to stderr, exit status 1.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

import aiohttp
import discord

from bot.config import SHARD_COUNT_ENV, SHARD_IDS_ENV, ConfigError, environment, install_redaction, settings
from catalog.errors import StoreUnavailable
from catalog.lifecycle import AS_OF_ENV
from catalog.store.url import StoreSettingInvalid

PROG = "versus bot"
STOP_SECONDS = 5.0
"""How long a stop waits for the connection (and anything else ``serve`` closes) to close cleanly."""

EXIT = {
    "stopped": 0,  # SIGINT or SIGTERM, or `versus bot sync` done
    "bug": 1,  # an unexpected error: the log has the traceback
    "settings": 2,  # a setting missing or wrong; the token missing or rejected (at start or while running)
    "catalog": 3,  # the catalog folder is invalid or cannot be read
    "refused": 4,  # Discord refused the intents the bot asked for
    "unreachable": 5,  # Discord or the database cannot be reached: starting again later may work
}
"""Exit statuses by kind of ending (the README's table says the same)."""

REJECTED = "Discord rejected the token: check DISCORD_TOKEN (Developer Portal > your application > Bot > Reset Token)"
REJECTED_LIVE = (
    "Discord closed the connection because the token is no longer valid (reset while the bot ran?): "
    "put the new token in DISCORD_TOKEN and start again"
)
INTENTS = "Discord refused an intent this bot asked for; Versus needs no privileged intent, so this is a bug: report it"
BAD_SHARD = "Discord refused the shard settings (close code {code}): check VERSUS_SHARD_IDS and VERSUS_SHARD_COUNT"
NEEDS_SHARDS = "Discord says the bot is in too many guilds for one connection (close code 4011): set VERSUS_SHARD_COUNT"
CLOSED = "Discord closed the connection with code {code} and it cannot be resumed; start again, and report it if it repeats"
SYNC_REFUSED = (
    "Discord refused to sync the commands (HTTP {status}): check VERSUS_DEV_GUILD, and that the bot is in that guild, "
    "invited with the applications.commands scope"
)
UNREACHABLE = "cannot reach Discord ({what}); check the network, then start again"
FAILED = "stopped by an unexpected error ({what}); the log above has the traceback: please report it"

log = logging.getLogger("bot.runner")


class Fatal(Exception):
    """An ending the operator can act on: ``message`` is the one line, ``kind`` a key of ``EXIT``."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message

    @property
    def status(self) -> int:
        return EXIT[self.kind]


def fatal(error: BaseException) -> Fatal | None:
    """The operator's line for an error that ended the bot, or None when it is a bug."""
    if isinstance(error, Fatal):
        return error
    if isinstance(error, discord.LoginFailure):
        return Fatal("settings", REJECTED)
    if isinstance(error, discord.PrivilegedIntentsRequired):
        return Fatal("refused", INTENTS)
    if isinstance(error, discord.ConnectionClosed):
        code = error.code
        if code == 4004:
            return Fatal("settings", REJECTED_LIVE)
        if code in (4013, 4014):
            return Fatal("refused", INTENTS)
        if code == 4010:
            return Fatal("settings", BAD_SHARD.format(code=code))
        if code == 4011:
            return Fatal("settings", NEEDS_SHARDS)
        if code == 4012:
            return None  # an API version discord.py should not ask for: a bug
        return Fatal("unreachable", CLOSED.format(code=code))
    if isinstance(error, StoreSettingInvalid):  # a wrong VERSUS_DATABASE_URL or poll interval: no retry helps
        return Fatal("settings", str(error))
    if isinstance(error, StoreUnavailable):
        return Fatal("unreachable", str(error) or "the database cannot be reached; check it is running, then start again")
    if isinstance(error, discord.HTTPException):
        if error.status == 401:
            return Fatal("settings", REJECTED)
        if error.status >= 500 or error.status == 429:
            return Fatal("unreachable", UNREACHABLE.format(what=f"HTTP {error.status} from Discord"))
        if error.status in (403, 404):  # before serving, the only such request is the command sync
            return Fatal("settings", SYNC_REFUSED.format(status=error.status))
        return None  # a request the bot got wrong: a bug
    if isinstance(error, (discord.GatewayNotFound, aiohttp.ClientError, OSError, asyncio.TimeoutError)):
        return Fatal("unreachable", UNREACHABLE.format(what=error.__class__.__name__))
    return None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        nargs="?",
        choices=("run", "sync"),
        default="run",
        help="run: connect and serve (default); sync: sync the slash commands globally, then exit",
    )
    parser.add_argument("--sync-global", action="store_true", help="sync the slash commands globally before serving")
    parser.add_argument("--shard-ids", metavar="IDS", help=f"shards this process runs, e.g. 0,1 or 0-3 (also ${SHARD_IDS_ENV})")
    parser.add_argument("--shard-count", metavar="N", help=f"shards across every process (also ${SHARD_COUNT_ENV})")


def _end(ending: Fatal) -> int:
    print(f"{PROG}: {ending.message}", file=sys.stderr)
    return ending.status


def load_catalog_for(path: str | None):
    """The catalog to serve, or ``Fatal("catalog", ...)`` naming the folder, the first error and the check to run."""
    from catalog.loader import CatalogInvalid, default_root, load_catalog

    root = default_root(path)
    try:
        return load_catalog(root)
    except CatalogInvalid as exc:
        count = len(exc.errors)
        first = " ".join(str(exc.errors[0]).split())[:300] if exc.errors else "?"
        noun = "error" if count == 1 else "errors"
        raise Fatal(
            "catalog", f"the catalog at {root} has {count} {noun} (first: {first}); run `versus catalog validate {root}`"
        ) from None
    except (OSError, ValueError, RecursionError) as exc:  # the loader reports bad entries; this is the folder itself
        raise Fatal("catalog", f"cannot read the catalog at {root} ({exc.__class__.__name__}); check --catalog or VERSUS_CATALOG") from None


def team_catalog(args: argparse.Namespace) -> bool:
    """A catalog folder was named (``--catalog`` or ``VERSUS_CATALOG``): it is served as it is, never refreshed."""
    from catalog.loader import BUNDLED_ROOT, default_root

    return default_root(getattr(args, "catalog", None)) != BUNDLED_ROOT


def resources(bot: discord.Client, env: dict[str, str], refresh_hours: float, team: bool) -> list[AbstractAsyncContextManager[object]]:
    """What ``versus bot`` opens before connecting and closes after, in order: the store (unreachable: exit
    status 5), the catalog's updates (the newest stored version, a refresh every ``refresh_hours``, new
    versions as they are stored; not for a team's own catalog folder) and the alert sender."""
    from bot.catalog_updates import CatalogUpdates
    from bot.servers import server_resources
    from catalog.store.url import DATABASE_URL_ENV, POLL_SECONDS_ENV, poll_seconds

    found = server_resources(bot, env)
    if not team:
        url = (env.get(DATABASE_URL_ENV) or "").strip() or None
        poll = poll_seconds(env.get(POLL_SECONDS_ENV, ""))
        found.insert(1, CatalogUpdates(bot, refresh_hours=refresh_hours, store_url=url, poll_seconds=poll))
    return found


def run(args: argparse.Namespace) -> int:
    try:
        env = environment()
        chosen = settings(
            env,
            shard_ids=args.shard_ids,
            shard_count=args.shard_count,
            sync_global=args.sync_global or args.action == "sync",
        )
    except ConfigError as exc:
        return _end(Fatal("settings", str(exc)))
    if env.get(AS_OF_ENV, "").strip():  # from .env too, like every other setting (catalog.lifecycle reads it)
        os.environ[AS_OF_ENV] = env[AS_OF_ENV]
    discord.utils.setup_logging(handler=logging.StreamHandler(sys.stdout), root=True)
    install_redaction(chosen.token)
    try:
        catalog = load_catalog_for(getattr(args, "catalog", None))
    except Fatal as ending:
        return _end(ending)

    from bot.app import create_bot, settle_memory

    bot = create_bot(
        catalog,
        shard_ids=list(chosen.shard_ids) if chosen.shard_ids is not None else None,
        shard_count=chosen.shard_count,
        dev_guild=chosen.dev_guild,
        sync_global=chosen.sync_global,
    )
    settle_memory()
    try:
        closing = [] if args.action == "sync" else resources(bot, env, chosen.refresh_hours, team_catalog(args))
        stopped_by = asyncio.run(serve(bot, chosen.token, sync_only=args.action == "sync", closing=closing))
    except Exception as error:  # noqa: BLE001 - the one place an ending is worded (see the module docstring)
        ending = fatal(error)
        if ending is None:
            log.error("the bot stopped on an unexpected error", exc_info=error)
            ending = Fatal("bug", FAILED.format(what=error.__class__.__name__))
        return _end(ending)
    if stopped_by is not None:
        log.info("stopped by %s; the connection was closed", stopped_by)
    return EXIT["stopped"]


@dataclass(slots=True)
class _Stop:
    """What the signal handlers set: the first signal asks for a clean stop, a second stops waiting."""

    requested: asyncio.Event
    hurry: asyncio.Event
    name: str | None = None

    def signal(self, signum: int) -> None:
        if self.requested.is_set():
            self.hurry.set()
            return
        self.name = signal.Signals(signum).name
        log.info("%s received: closing the connection (again to stop at once)", self.name)
        self.requested.set()


async def serve(
    bot: discord.Client,
    token: str,
    *,
    sync_only: bool = False,
    closing: Sequence[AbstractAsyncContextManager[object]] = (),
) -> str | None:
    """Run ``bot`` until it stops or a signal asks it to; returns the signal's name, or None.

    ``closing``: what else to open before the bot and close after it (the database, once there is one),
    in order; a ``StoreUnavailable`` from opening one ends the bot like any fatal condition. Errors that end
    the bot are raised as they come (``fatal`` words them).
    """
    loop = asyncio.get_running_loop()
    stop = _Stop(asyncio.Event(), asyncio.Event())
    signals = (signal.SIGINT, signal.SIGTERM)
    for signum in signals:
        loop.add_signal_handler(signum, stop.signal, signum)
    try:
        async with contextlib.AsyncExitStack() as stack:
            for resource in closing:
                await stack.enter_async_context(resource)
            stack.push_async_callback(_close, bot)  # however the bot ends, its HTTP session and sockets close
            task = asyncio.create_task(_run_bot(bot, token, sync_only), name="versus bot")
            asked = asyncio.create_task(stop.requested.wait(), name="versus stop")
            try:
                await asyncio.wait({task, asked}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                asked.cancel()
            if not task.done():
                await _stop(bot, task, stop)
                return stop.name
            task.result()  # raises what ended the bot
            return None
    finally:
        for signum in signals:
            loop.remove_signal_handler(signum)


async def _close(bot: discord.Client) -> None:
    if not bot.is_closed():
        with contextlib.suppress(Exception, asyncio.TimeoutError):
            await asyncio.wait_for(bot.close(), STOP_SECONDS)


async def _run_bot(bot: discord.Client, token: str, sync_only: bool) -> None:
    if sync_only:
        await bot.login(token)  # setup_hook syncs as configured
        return
    await bot.start(token)


async def _stop(bot: discord.Client, task: asyncio.Task[None], stop: _Stop) -> None:
    """Close the connection, then end the task: within ``STOP_SECONDS``, or at once on a second signal.

    ``bot.close()`` marks the client closed, so no loop of discord.py starts another connection; cancelling
    the task then ends a wait such as the 5 seconds before identifying again (where discord.py swallows the
    cancellation, sees the client closed and returns)."""
    hurry = asyncio.create_task(stop.hurry.wait())
    try:
        closing = asyncio.create_task(bot.close())
        await asyncio.wait({closing, hurry}, timeout=STOP_SECONDS, return_when=asyncio.FIRST_COMPLETED)
        if not closing.done():
            log.warning("the connection did not close in time; stopping anyway")
            closing.cancel()
        task.cancel()
        await asyncio.wait({task, hurry}, timeout=STOP_SECONDS, return_when=asyncio.FIRST_COMPLETED)
        if task.done() and not task.cancelled() and task.exception() is not None:
            log.info("while stopping: %s", task.exception().__class__.__name__)
    finally:
        hurry.cancel()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Run the Versus Discord bot.")
    parser.add_argument("--catalog", metavar="PATH", help="catalog folder to use instead of the bundled one")
    add_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(build_parser().parse_args(argv))
    except KeyboardInterrupt:  # Ctrl-C before the bot serves (while the catalog loads): nothing to close
        return 130
