"""/workload: a server's named workloads, settings like /settings': the group is for Manage Server by default
(``default_member_permissions``: Discord shows it to the members who have it, and to whom a server's admins
open it), and ``save`` and ``delete`` check the permission again. Anyone may use a named workload with
``/cost workload:NAME`` or ``/compare workload:NAME``, whose option suggests the server's workloads with
what each is."""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import VersusBot
from bot.errors import UserError
from bot.options import Text
from bot.render.pages import pages
from bot.safety import NO_MENTIONS, echo, inert
from bot.servers import (
    check_workload,
    guild_of,
    require_manage_server,
    stored,
    timed,
    workload_autocomplete,
    workload_text,
)
from catalog.store.servers import LimitReached, NamedWorkload
from engine import numbers
from engine.cost import DEFAULT_INPUT_TOKENS, DEFAULT_OUTPUT_TOKENS, DEFAULT_REQUESTS

NAME_LIMIT = 40
Tokens = app_commands.Range[int, 0, numbers.MAX_TOKENS]
Requests = app_commands.Range[int, 1, numbers.MAX_REQUESTS]
Share = app_commands.Range[float, 0.0, 1.0]
Name = app_commands.Transform[str, Text(NAME_LIMIT, "A workload's name")]


def check_name(name: str) -> str:
    """A workload name: 1 to 40 characters of letters, digits, spaces, '-', '_' or '.'."""
    shown = " ".join(name.split())
    if not shown or not all(c.isalnum() or c in " -_." for c in shown):
        raise UserError(f"A workload's name takes letters, digits, spaces, '-', '_' and '.'; not '{echo(name)}'.")
    return shown


async def named_workload(bot: VersusBot, interaction: discord.Interaction, name: str) -> NamedWorkload:
    """The server's workload ``name``, or a ``UserError`` naming the ones it has."""
    guild_id = guild_of(interaction)
    store = stored(bot)
    found = await timed(store.servers.workload(guild_id, name))
    if found is not None:
        return found
    named = await timed(store.servers.workloads(guild_id))
    have = f"This server's workloads: {', '.join(inert(w.name) for w in named)}." if named else "This server has none yet: /workload save."
    raise UserError(f"No workload called '{echo(name)}'. {have}")


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Workloads(commands.GroupCog, group_name="workload", group_description="This server's named workloads, for /cost and /compare"):
    def __init__(self, bot: VersusBot):
        self.bot = bot
        super().__init__()

    @app_commands.command(name="save", description="Save a named workload (Manage Server); the same name replaces it")
    @app_commands.describe(
        name="A name for it, e.g. batch jobs",
        requests=f"Requests per period (default {DEFAULT_REQUESTS:,})",
        per="What requests counts: per month (default) or per day",
        input_tokens=f"Input tokens per request (default {DEFAULT_INPUT_TOKENS})",
        output_tokens=f"Output tokens per request (default {DEFAULT_OUTPUT_TOKENS})",
        cached="Share of input tokens served from cache, 0 to 1 (default 0)",
        batch="Share of requests sent through a batch API, 0 to 1 (default 0)",
    )
    async def save(
        self,
        interaction: discord.Interaction,
        name: Name,
        requests: Requests = DEFAULT_REQUESTS,
        per: Literal["month", "day"] = "month",
        input_tokens: Tokens = DEFAULT_INPUT_TOKENS,
        output_tokens: Tokens = DEFAULT_OUTPUT_TOKENS,
        cached: Share = 0.0,
        batch: Share = 0.0,
    ) -> None:
        guild_id = require_manage_server(interaction)
        shown = check_name(name)
        workload = check_workload(requests, per, input_tokens, output_tokens, cached, batch)
        store = stored(self.bot)
        try:
            saved = await timed(store.servers.save_workload(guild_id, shown, workload))
        except LimitReached as exc:
            raise UserError(f"Not saved: {exc}.") from None
        text = f"Saved **{inert(saved.name)}**: {inert(workload_text(workload))}. Use it with `/cost workload:` or `/compare workload:`."
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="list", description="This server's named workloads")
    async def list(self, interaction: discord.Interaction) -> None:
        guild_id = guild_of(interaction)
        named = await timed(stored(self.bot).servers.workloads(guild_id))
        lines = [f"**{inert(w.name)}**: {inert(workload_text(w.workload))}" for w in named] or [
            "None yet. Someone with Manage Server can add one with /workload save."
        ]
        embed = pages("This server's workloads", lines, footer="Use one with /cost workload:NAME or /compare workload:NAME.")[0]
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="delete", description="Delete a named workload (Manage Server)")
    @app_commands.describe(name="The workload's name")
    @app_commands.autocomplete(name=workload_autocomplete)
    async def delete(self, interaction: discord.Interaction, name: Name) -> None:
        guild_id = require_manage_server(interaction)
        if not await timed(stored(self.bot).servers.delete_workload(guild_id, name)):
            await named_workload(self.bot, interaction, name)  # raises, naming the ones there are
        await interaction.response.send_message(f"Deleted the workload '{echo(name)}'.", ephemeral=True, allowed_mentions=NO_MENTIONS)


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(Workloads(bot))
