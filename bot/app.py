"""The bot: ``create_bot`` builds a ``VersusBot`` holding the catalog and one resolver.

No privileged intents (a message that mentions the bot carries its content anyway) and no
pings: ``allowed_mentions`` is none for everything the bot sends. Command sync is explicit:
to the development guild when one is set, globally only when asked (``sync_global``).
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
import pkgutil
from dataclasses import dataclass

import discord
from discord.ext import commands

from bot.charts import ChartDrawer
from bot.errors import VersusTree
from bot.lookup import ModelLookup
from bot.safety import NO_MENTIONS
from catalog.loader import Catalog, load_catalog
from catalog.resolver import Resolver

log = logging.getLogger(__name__)

COST_CHARTS_ENV = "VERSUS_COST_CHARTS"

EXTENSIONS_PACKAGE = "bot.exts"


def extensions() -> tuple[str, ...]:
    """Every extension the bot loads: each module under ``bot/exts/`` (its ``setup(bot)`` adds a cog),
    found by walking the package, so a new command is one new file. A module whose name starts with
    ``_`` is a helper, not an extension."""
    package = importlib.import_module(EXTENSIONS_PACKAGE)
    found = pkgutil.walk_packages(package.__path__, f"{EXTENSIONS_PACKAGE}.")
    return tuple(sorted(m.name for m in found if not m.name.rsplit(".", 1)[-1].startswith("_")))


def intents() -> discord.Intents:
    """Guilds and guild messages; nothing privileged (no message content, members or presences)."""
    chosen = discord.Intents.none()
    chosen.guilds = True
    chosen.guild_messages = True
    chosen.dm_messages = True
    return chosen


@dataclass(frozen=True, slots=True)
class CatalogState:
    """The catalog the bot serves and what is built on it, replaced together in one step
    (``bot.catalog_updates``). A handler reads ``bot.state`` (or ``bot.catalog``, ``bot.resolver``,
    ``bot.lookup``) without awaiting in between, so it works on one catalog throughout."""

    catalog: Catalog
    resolver: Resolver
    lookup: ModelLookup
    version_id: int | None = None  # the store's version, None for the bundled catalog or a folder


def catalog_state(catalog: Catalog, version_id: int | None = None) -> CatalogState:
    """A state for ``catalog``: its resolver is built here (off the event loop when swapping), unless the
    catalog came with one (``catalog.warm``)."""
    resolver = catalog.resolver
    return CatalogState(catalog, resolver, ModelLookup(catalog, resolver), version_id)


class VersusBot(commands.AutoShardedBot):
    def __init__(
        self,
        catalog: Catalog,
        *,
        shard_ids: list[int] | None = None,
        shard_count: int | None = None,
        dev_guild: int | None = None,
        sync_global: bool = False,
    ):
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents(),
            # Caches the bot never reads: no message cache (replies and edits go by message or interaction,
            # never looked up), no members kept (an interaction carries its member), no chunking.
            max_messages=None,
            member_cache_flags=discord.MemberCacheFlags.none(),
            chunk_guilds_at_startup=False,
            allowed_mentions=NO_MENTIONS,
            tree_cls=VersusTree,
            shard_ids=shard_ids,
            shard_count=shard_count,
        )
        self.state = catalog_state(catalog)
        self.store = None  # the store (catalog.store.Store), while one is open (bot.servers.BotStore)
        self.dev_guild = dev_guild
        self.sync_global = sync_global
        self.cost_charts = os.environ.get(COST_CHARTS_ENV, "on").strip().lower() not in ("off", "0", "no", "false")
        """Whether /cost attaches its chart (drawn in the chart worker after the reply): ``VERSUS_COST_CHARTS=off``
        turns it off (a host without the CPU to spare)."""
        self.charts = ChartDrawer()
        """Where /cost's and /history's charts are drawn: a worker process of its own (``bot.charts``)."""

    async def close(self) -> None:
        self.charts.close()
        await super().close()

    @property
    def catalog(self) -> Catalog:
        return self.state.catalog

    @property
    def resolver(self) -> Resolver:
        return self.state.resolver

    @property
    def lookup(self) -> ModelLookup:
        return self.state.lookup

    async def setup_hook(self) -> None:
        for name in extensions():
            await self.load_extension(name)
        await self.sync_commands()

    async def sync_commands(self) -> None:
        """Sync as configured: the dev guild instantly, globally only when asked; else not at all."""
        if self.dev_guild is not None:
            guild = discord.Object(id=self.dev_guild)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to the development guild %s", len(synced), self.dev_guild)
        if self.sync_global:
            synced = await self.tree.sync()
            log.info("synced %d commands globally (may take a while to show everywhere)", len(synced))
        if self.dev_guild is None and not self.sync_global:
            log.info("commands not synced (set VERSUS_DEV_GUILD, or run `versus bot sync` once)")

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: chat is handled by the mention extension's listener alone."""

    async def on_ready(self) -> None:
        log.info("ready as %s in %d guilds, shards %s of %s", self.user, len(self.guilds), self.shard_ids, self.shard_count)


def create_bot(
    catalog: Catalog | None = None,
    *,
    shard_ids: list[int] | None = None,
    shard_count: int | None = None,
    dev_guild: int | None = None,
    sync_global: bool = False,
) -> VersusBot:
    """The bot, with ``catalog`` (the bundled one when None) and the given shards."""
    return VersusBot(
        catalog if catalog is not None else load_catalog(),
        shard_ids=shard_ids,
        shard_count=shard_count,
        dev_guild=dev_guild,
        sync_global=sync_global,
    )


MIDDLE_GENERATION_THRESHOLD = 40
"""Young collections between two collections of the middle generation (Python's default is 10)."""


def settle_memory() -> None:
    """Call once the bot (its catalog, resolver and commands) is built, before it serves.

    The catalog and the resolver's tables are hundreds of thousands of objects that live as long as
    the process. Moving them out of the collector's reach (``gc.freeze``) spares every full collection
    from walking them again: at 10,000 models one such walk took about 300 ms, a stall for every
    interaction in flight. Objects made later are collected as usual.

    The middle generation is then collected a quarter as often (``MIDDLE_GENERATION_THRESHOLD``).
    What survives a reply is mostly long-lived: the facts the engine keeps on each model it has
    compared, and the reply's controls. A full collection is due only after ten collections of the
    middle generation, so this also makes full collections (the long stalls) rarer. Measured on
    5,000 /compare calls at 10,000 models (bench/results/bot.md): time in the collector 1.10 s
    -> 0.71 s, full collections 7 -> 3, p99 of a call 1.48 -> 1.20 ms.
    """
    gc.collect()
    gc.freeze()
    young, _, old = gc.get_threshold()
    gc.set_threshold(young, MIDDLE_GENERATION_THRESHOLD, old)
