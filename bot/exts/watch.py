"""/watch: a server's watches (Manage Server). A watch names a model, a vendor (any new model or change of
that vendor) or everything, an optional threshold (only price changes of at least that many percent) and
a channel (this one by default); when a refresh records changes it wants, the bot posts them there
(``bot.alerts``). A channel the bot can no longer post in marks the watch broken; ``/watch list`` says so.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import limits
from bot.app import VersusBot
from bot.errors import UserError
from bot.limits import clip
from bot.options import Between, Text
from bot.render.pages import pages
from bot.safety import NO_MENTIONS, echo, inert, plain
from bot.servers import require_manage_server, stored, timed
from catalog.query import vendor_named
from catalog.store.servers import EVERYTHING, LimitReached, Watch


class ChannelOption(app_commands.Transformer):
    """A text or announcement channel of this server, whatever the client sent (a forged id that Discord did
    not resolve, another kind of channel: a ``UserError``)."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[discord.ChannelType]:
        return [discord.ChannelType.text, discord.ChannelType.news]

    async def transform(self, interaction: discord.Interaction, value: Any, /) -> Any:
        if isinstance(value, (discord.TextChannel, app_commands.AppCommandChannel)) and value.type in self.channel_types:
            if getattr(value, "guild_id", None) in (None, interaction.guild_id):
                return value
        raise UserError("The channel must be a text or announcement channel of this server.")


TARGET_LIMIT = 100
EVERYTHING_WORDS = ("everything", "all", "*")
Target = app_commands.Transform[str, Text(TARGET_LIMIT, "The target")]
Threshold = app_commands.Transform[float, Between(0.1, 1000.0, "The threshold")]
NEEDED = ("view_channel", "send_messages", "embed_links")
NEEDED_WORDS = "View Channel, Send Messages and Embed Links"


def vendors(bot: VersusBot) -> list[str]:
    return sorted({m.vendor for m in bot.catalog}, key=str.casefold)


def read_target(bot: VersusBot, text: str) -> tuple[str, str, str]:
    """(kind, target, label) for what was typed or picked: ``everything``, a vendor (its name or id
    prefix, or ``vendor:NAME`` from the autocomplete), else a model (``UserError`` when none matches)."""
    typed = " ".join(text.split())
    if typed.casefold() in EVERYTHING_WORDS:
        return "everything", EVERYTHING, "everything"
    kind, sep, rest = typed.partition(":")
    if sep and kind.casefold() == "vendor":
        typed = rest.strip()
    vendor = vendor_named(bot.catalog.models, vendors(bot), typed)
    if vendor is not None:
        return "vendor", vendor.casefold(), vendor
    if sep and kind.casefold() == "model":
        typed = rest.strip()
    model = bot.lookup.one(typed)
    return "model", model.id, model.name


async def target_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """``everything``, the vendors whose name starts with what is typed, then the models the resolver suggests."""
    bot: VersusBot = interaction.client  # type: ignore[assignment]
    typed = current.strip().casefold()
    out: list[app_commands.Choice[str]] = []
    if not typed or "everything".startswith(typed):
        out.append(app_commands.Choice(name="everything: every change in the catalog", value="everything"))
    for vendor in vendors(bot):
        if typed and vendor.casefold().startswith(typed):
            out.append(app_commands.Choice(name=clip(plain(f"{vendor} (vendor): any new model or change"), limits.CHOICE_NAME),
                                           value=clip(f"vendor:{vendor}", limits.CHOICE_VALUE)))
    out += bot.lookup.choices(current)
    return out[: limits.AUTOCOMPLETE_CHOICES]


async def watched_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """The server's watched targets whose name contains what is typed."""
    bot: VersusBot = interaction.client  # type: ignore[assignment]
    if interaction.guild_id is None or getattr(bot, "store", None) is None:
        return []
    try:
        watching = await timed(bot.store.servers.watches(interaction.guild_id), 1.0)
    except UserError:
        return []
    typed = current.strip().casefold()
    seen: dict[str, str] = {}
    for watch in watching:
        value = "everything" if watch.kind == "everything" else f"{watch.kind}:{watch.target if watch.kind == 'model' else watch.label}"
        if typed in watch.label.casefold() or typed in value.casefold():
            seen.setdefault(value, f"{watch.label} ({watch.kind})")
    return [app_commands.Choice(name=clip(plain(n), limits.CHOICE_NAME), value=clip(v, limits.CHOICE_VALUE)) for v, n in seen.items()][
        : limits.AUTOCOMPLETE_CHOICES
    ]


def check_channel(interaction: discord.Interaction, channel: discord.abc.GuildChannel | app_commands.AppCommandChannel | None) -> int:
    """The channel to post in (this one by default): the asker must be able to post there, and so must the
    bot, else a ``UserError`` saying which."""
    if channel is None:
        here = interaction.channel
        if here is None or interaction.guild_id is None:
            raise UserError("Name a channel for the alerts.")
        kind = getattr(here, "type", None)
        if kind is not None and kind not in ChannelOption().channel_types:  # a thread, a voice channel's chat
            raise UserError("Alerts are posted in a text or announcement channel: name one with channel:, or run this there.")
        mine = interaction.app_permissions
        theirs = interaction.permissions
        channel_id, name = here.id, f"<#{here.id}>"
    else:
        channel_id, name = channel.id, f"<#{channel.id}>"
        if isinstance(channel, app_commands.AppCommandChannel):
            theirs = channel.permissions
            resolved = channel.resolve()
            mine = resolved.permissions_for(resolved.guild.me) if resolved is not None and resolved.guild.me is not None else None
        else:
            theirs = channel.permissions_for(interaction.user)  # type: ignore[arg-type]
            me = channel.guild.me
            mine = channel.permissions_for(me) if me is not None else None
    if not (theirs.view_channel and theirs.send_messages):
        raise UserError(f"You can't post in {name}, so alerts can't be sent there for you; pick a channel you can post in.")
    if mine is not None and not all(getattr(mine, p) for p in NEEDED):
        raise UserError(f"I can't post alerts in {name}: I need {NEEDED_WORDS} there.")
    return channel_id


def watch_line(watch: Watch) -> str:
    what = {"model": "model", "vendor": "any new model or change of", "everything": ""}[watch.kind]
    target = "everything" if watch.kind == "everything" else f"{what} **{inert(watch.label)}**"
    threshold = f", price changes of {watch.threshold.normalize():f}% or more" if watch.threshold is not None else ""
    line = f"{target} in <#{watch.channel_id}>{threshold}"
    if watch.broken:
        line += f" (**broken**: {inert(watch.broken)}; fix the channel, then /watch add again)"
    return line


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Watches(commands.GroupCog, group_name="watch", group_description="Price-change alerts in this server's channels (Manage Server)"):
    def __init__(self, bot: VersusBot):
        self.bot = bot
        super().__init__()

    @app_commands.command(name="add", description="Post changes of a model, a vendor or everything in a channel")
    @app_commands.describe(
        target="A model, a vendor (e.g. anthropic: any new model or change) or everything",
        threshold="Only price changes of at least this many percent (optional)",
        channel="Where to post (default: this channel)",
    )
    @app_commands.autocomplete(target=target_autocomplete)
    async def add(
        self,
        interaction: discord.Interaction,
        target: Target,
        threshold: Threshold | None = None,
        channel: app_commands.Transform[discord.abc.GuildChannel, ChannelOption] | None = None,
    ) -> None:
        guild_id = require_manage_server(interaction)
        kind, key, label = read_target(self.bot, target)
        channel_id = check_channel(interaction, channel)
        chosen = Decimal(repr(threshold)) if threshold is not None else None
        try:
            watch, new = await timed(
                stored(self.bot).servers.add_watch(guild_id, channel_id, kind, key, label, chosen, created_by=interaction.user.id)
            )
        except LimitReached as exc:
            raise UserError(f"Not added: {exc}.") from None
        verb = "Watching" if new else "Updated the watch on"
        text = f"{verb} {watch_line(watch)}. Alerts come when a catalog refresh records such a change."
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="list", description="This server's watches, and any the bot can no longer post for")
    async def list(self, interaction: discord.Interaction) -> None:
        guild_id = require_manage_server(interaction)
        watching = await timed(stored(self.bot).servers.watches(guild_id))
        lines = [watch_line(w) for w in watching] or ["Nothing watched yet: /watch add."]
        embed = pages("This server's watches", lines)[0]
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="remove", description="Stop watching a target (in every channel)")
    @app_commands.describe(target="What is watched: a model, a vendor or everything")
    @app_commands.autocomplete(target=watched_autocomplete)
    async def remove(self, interaction: discord.Interaction, target: Target) -> None:
        guild_id = require_manage_server(interaction)
        store = stored(self.bot)
        kind, key, label = await self._watched(guild_id, target)
        removed = await timed(store.servers.remove_watches(guild_id, kind, key))
        if not removed:
            raise UserError(f"This server does not watch '{echo(target)}'; /watch list shows what it does.")
        where = "1 channel" if removed == 1 else f"{removed} channels"
        await interaction.response.send_message(
            f"Stopped watching {inert(label)} ({where}).", ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    async def _watched(self, guild_id: int, text: str) -> tuple[str, str, str]:
        """What ``text`` names among the server's watches first (a model since removed from the catalog
        can still be unwatched), else as ``/watch add`` reads it."""
        typed = " ".join(text.split())
        kind, sep, rest = typed.partition(":")
        for watch in await timed(stored(self.bot).servers.watches(guild_id)):
            names = {watch.label.casefold(), watch.target.casefold()}
            if typed.casefold() in names or (sep and kind.casefold() == watch.kind and rest.strip().casefold() in names):
                return watch.kind, watch.target, watch.label
        return read_target(self.bot, typed)


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(Watches(bot))
