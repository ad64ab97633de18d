"""/settings: a server's workload and the providers it may buy from (Manage Server), shown and reset.

Every ``/compare``, ``/cost``, ``/faq`` and mention answer in the server then uses them unless the
command gives its own, and says so. ``/settings reset`` deletes every row the server has (settings,
named workloads, watches and their queued alerts), as removing the bot does.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands
from rapidfuzz import fuzz, process

from bot import limits
from bot.app import VersusBot
from bot.errors import UserError
from bot.limits import clip
from bot.options import Text
from bot.render.pages import pages
from bot.safety import NO_MENTIONS, echo, inert, plain
from bot.servers import (
    check_workload,
    provider_text,
    require_manage_server,
    stored,
    timed,
    workload_text,
)
from catalog.store.servers import MAX_PROVIDERS, LimitReached, ServerSettings
from engine import numbers
from engine.cost import DEFAULT_INPUT_TOKENS, DEFAULT_OUTPUT_TOKENS, DEFAULT_REQUESTS

log = logging.getLogger("bot.settings")

Tokens = app_commands.Range[int, 0, numbers.MAX_TOKENS]
Requests = app_commands.Range[int, 1, numbers.MAX_REQUESTS]
Share = app_commands.Range[float, 0.0, 1.0]
ProviderList = app_commands.Transform[str, Text(1000, "The providers")]
EVERY_PROVIDER = ("all", "any", "every", "every provider", "none", "clear", "reset")


def catalog_providers(bot: VersusBot) -> list[str]:
    """Every provider the catalog lists a route on, as the catalog spells them."""
    seen: dict[str, str] = {}
    for model in bot.catalog:
        for route in model.routes:
            seen.setdefault(route.provider.casefold(), route.provider)
    return sorted(seen.values(), key=str.casefold)


def read_providers(bot: VersusBot, text: str) -> list[str]:
    """The providers a comma-separated list names, as the catalog spells them (any case). A name that is
    the first word(s) of several providers names them all ("Azure": Azure OpenAI and Azure AI Foundry;
    "OpenAI": OpenAI API). A name the catalog does not know is a ``UserError`` with the closest it does."""
    known = catalog_providers(bot)
    by_key = {name.casefold(): name for name in known}
    wanted = [part.strip() for part in text.split(",") if part.strip()]
    if not wanted:
        raise UserError("Name at least one provider, e.g. `Azure, Amazon Bedrock`, or `all` for every provider.")
    if len(wanted) > MAX_PROVIDERS:
        raise UserError(f"Name at most {MAX_PROVIDERS} providers.")
    chosen = []
    for name in wanted:
        key = " ".join(name.split()).casefold()
        found = by_key.get(key)
        if found is not None:
            chosen.append(found)
            continue
        starting = [p for k, p in by_key.items() if k.startswith(key + " ")]
        if starting:
            chosen.extend(starting)
            continue
        if found is None:
            close = [match for match, score, _ in process.extract(name, known, scorer=fuzz.WRatio, limit=3) if score >= 60]
            hint = f" Did you mean: {', '.join(inert(c) for c in close)}?" if close else " /settings providers suggests them as you type."
            raise UserError(f"No provider in the catalog is called '{echo(name)}'.{hint}")
    return list(dict.fromkeys(chosen))


async def providers_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Suggestions for the name being typed after the last comma, keeping the names before it."""
    bot: VersusBot = interaction.client  # type: ignore[assignment]
    done, _, typing = current.rpartition(",")
    before = [part.strip() for part in done.split(",") if part.strip()]
    known = catalog_providers(bot)
    fragment = typing.strip()
    if fragment:
        names = [m for m, score, _ in process.extract(fragment, known, scorer=fuzz.WRatio, limit=limits.AUTOCOMPLETE_CHOICES) if score >= 50]
    else:
        names = known[: limits.AUTOCOMPLETE_CHOICES]
    out = []
    for name in names:
        value = ", ".join([*before, name])
        if len(value) <= limits.CHOICE_VALUE:
            out.append(app_commands.Choice(name=clip(plain(value), limits.CHOICE_NAME), value=value))
    return out


def settings_embed(title: str, settings: ServerSettings, extra: Sequence[str] = ()) -> discord.Embed:
    workload = workload_text(settings.workload)
    lines = [
        f"**Workload**: {inert(workload)}" + ("" if settings.workload is not None else " (the defaults)"),
        f"**Providers**: {inert(provider_text(settings.providers))}",
        *extra,
    ]
    footer = "/compare, /cost, /faq and mentions in this server use these unless a command gives its own."
    return pages(title, lines, footer=footer)[0]


async def reply(interaction: discord.Interaction, embed: discord.Embed) -> None:
    await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Settings(commands.GroupCog, group_name="settings", group_description="This server's workload and providers (Manage Server)"):
    """The /settings group: workload, providers, show, reset."""

    def __init__(self, bot: VersusBot):
        self.bot = bot
        super().__init__()

    @app_commands.command(name="workload", description="Set the traffic every answer in this server is priced at")
    @app_commands.describe(
        requests=f"Requests per period (now: the server's, else {DEFAULT_REQUESTS:,})",
        per="What requests counts: per month or per day",
        input_tokens=f"Input tokens per request (else {DEFAULT_INPUT_TOKENS})",
        output_tokens=f"Output tokens per request (else {DEFAULT_OUTPUT_TOKENS})",
        cached="Share of input tokens served from cache, 0 to 1",
        batch="Share of requests sent through a batch API, 0 to 1",
        defaults="True: back to the default workload (providers, named workloads and watches stay)",
    )
    async def workload(
        self,
        interaction: discord.Interaction,
        requests: Requests | None = None,
        per: Literal["month", "day"] | None = None,
        input_tokens: Tokens | None = None,
        output_tokens: Tokens | None = None,
        cached: Share | None = None,
        batch: Share | None = None,
        defaults: bool = False,
    ) -> None:
        guild_id = require_manage_server(interaction)
        store = stored(self.bot)
        if defaults:
            if any(v is not None for v in (requests, per, input_tokens, output_tokens, cached, batch)):
                raise UserError("Either go back to the defaults or give numbers, not both.")
            saved = await timed(store.servers.set_workload(guild_id, None))
            await reply(interaction, settings_embed("Workload back to the defaults", saved))
            return
        current = (await timed(store.servers.settings(guild_id))).workload
        now = check_workload(DEFAULT_REQUESTS, "month", DEFAULT_INPUT_TOKENS, DEFAULT_OUTPUT_TOKENS, 0, 0) if current is None else current
        workload = check_workload(
            requests if requests is not None else now.requests,
            per if per is not None else now.per,
            input_tokens if input_tokens is not None else now.input_tokens,
            output_tokens if output_tokens is not None else now.output_tokens,
            cached if cached is not None else now.cached,
            batch if batch is not None else now.batch,
        )
        saved = await timed(store.servers.set_workload(guild_id, workload))
        await reply(interaction, settings_embed("Workload saved", saved))

    @app_commands.command(name="providers", description="The providers this team can buy from ('all' for every one)")
    @app_commands.describe(providers="Comma-separated, e.g. Azure, Amazon Bedrock; or 'all'")
    @app_commands.autocomplete(providers=providers_autocomplete)
    async def providers(self, interaction: discord.Interaction, providers: ProviderList) -> None:
        guild_id = require_manage_server(interaction)
        store = stored(self.bot)
        if " ".join(providers.split()).casefold() in EVERY_PROVIDER:
            chosen: list[str] = []
        else:
            chosen = read_providers(self.bot, providers)
        try:
            saved = await timed(store.servers.set_providers(guild_id, chosen))
        except LimitReached as exc:
            raise UserError(f"Too many providers: {exc}.") from None
        extra = ["-# \"Cheapest\" now means cheapest among these; other routes are shown as outside this server's providers."] if chosen else []
        await reply(interaction, settings_embed("Providers saved", saved, extra))

    @app_commands.command(name="show", description="This server's workload, providers, named workloads and watches")
    async def show(self, interaction: discord.Interaction) -> None:
        guild_id = require_manage_server(interaction)
        store = stored(self.bot)
        settings = await timed(store.servers.settings(guild_id))
        named = await timed(store.servers.workloads(guild_id))
        watching = await timed(store.servers.watches(guild_id))
        extra = [
            f"**Named workloads**: {', '.join(inert(w.name) for w in named) if named else 'none'} (/workload)",
            f"**Watches**: {len(watching)} (/watch list)",
        ]
        await reply(interaction, settings_embed("This server's settings", settings, extra))

    @app_commands.command(name="reset", description="Delete this server's settings, named workloads and watches")
    async def reset(self, interaction: discord.Interaction) -> None:
        guild_id = require_manage_server(interaction)
        store = stored(self.bot)
        named = await timed(store.servers.workloads(guild_id))
        watching = await timed(store.servers.watches(guild_id))
        await timed(store.servers.forget(guild_id))
        text = (
            f"Deleted this server's settings, {numbers.count(len(named))} named workload{'s' if len(named) != 1 else ''} "
            f"and {numbers.count(len(watching))} watch{'es' if len(watching) != 1 else ''}. Answers use the defaults again."
        )
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """The bot was removed from a server: its rows go too."""
        store = getattr(self.bot, "store", None)
        if store is None:
            return
        try:
            await store.servers.forget(guild.id)
        except Exception as error:  # noqa: BLE001 - logged; the rows stay until /settings reset or the next removal
            log.warning("could not delete the rows of a server that removed the bot (%s)", error.__class__.__name__)


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(Settings(bot))
