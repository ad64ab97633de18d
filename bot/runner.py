"""Starting the bot from a terminal: ``versus bot`` and ``python -m bot``.

``versus bot`` connects and serves. ``versus bot sync`` logs in, syncs the commands globally
(and to the development guild when ``VERSUS_DEV_GUILD`` is set), and exits; ``--sync-global``
does the same sync and then serves. Without either, a start syncs only to the development guild,
if one is set: never globally on every start. A missing or rejected token is one line on
stderr and exit status 2; the log goes to stdout, every line through the token redactor.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

import aiohttp
import discord

from bot.config import SHARD_COUNT_ENV, SHARD_IDS_ENV, ConfigError, environment, install_redaction, settings

PROG = "versus bot"
REJECTED = "Discord rejected the token: check DISCORD_TOKEN (Developer Portal > your application > Bot > Reset Token)"
INTENTS = "Discord refused an intent this bot asked for; Versus needs no privileged intent, so this is a bug"

log = logging.getLogger("bot.runner")


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


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    from catalog.loader import CatalogInvalid, load_catalog

    try:
        chosen = settings(
            environment(),
            shard_ids=args.shard_ids,
            shard_count=args.shard_count,
            sync_global=args.sync_global or args.action == "sync",
        )
    except ConfigError as exc:
        return _fail(str(exc))
    discord.utils.setup_logging(handler=logging.StreamHandler(sys.stdout), root=True)
    install_redaction(chosen.token)
    try:
        catalog = load_catalog(getattr(args, "catalog", None))
    except CatalogInvalid as exc:
        return _fail(f"the catalog has {len(exc.errors)} errors; run `versus catalog validate`")

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
        asyncio.run(serve(bot, chosen.token, sync_only=args.action == "sync"))
    except discord.LoginFailure:
        return _fail(REJECTED)
    except discord.PrivilegedIntentsRequired:
        return _fail(INTENTS)
    except (aiohttp.ClientError, OSError) as exc:
        print(f"{PROG}: cannot reach Discord ({exc.__class__.__name__}); check the network", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


async def serve(bot: discord.Client, token: str, *, sync_only: bool = False) -> None:
    async with bot:
        if sync_only:
            await bot.login(token)  # setup_hook syncs as configured
            return
        await bot.start(token)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Run the Versus Discord bot.")
    parser.add_argument("--catalog", metavar="PATH", help="catalog folder to use instead of the bundled one")
    add_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))
