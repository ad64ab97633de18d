"""/history MODEL [provider]: a model's prices over time, route by route, with the changes recorded and,
where a price changed, a chart (a PNG drawn by matplotlib in the bot's chart worker process, added to the reply once
drawn, so the answer never waits for it)."""

from __future__ import annotations

import datetime as dt

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import VersusBot
from bot.errors import UserError
from bot.exts.changes import recorded_changes
from bot.lookup import MODEL_DESCRIPTION, ModelArg
from bot.options import Text
from bot.render.history import history_book
from bot.reply import respond
from bot.safety import echo, inert
from catalog import history
from catalog.schema import Model
from engine.history import ModelHistory, model_history
from engine.history_chart import draw, price_chart


CHART_FILE = "history.png"


async def attach_chart(interaction: discord.Interaction, result: ModelHistory) -> None:
    """Add the price chart to the reply already sent, when a price changed (``bot.charts``: drawn in the
    bot's chart worker)."""
    chart = price_chart(result, dt.datetime.now(dt.UTC).date())
    if chart is not None:
        await interaction.client.charts.attach(interaction, draw, chart, CHART_FILE)  # type: ignore[attr-defined]


def check_provider(model: Model, provider: str | None) -> str | None:
    if provider is None:
        return None
    wanted = " ".join(provider.split()).casefold()
    for route in model.routes:
        if route.provider.casefold() == wanted:
            return route.provider
    names = ", ".join(inert(r.provider) for r in model.routes)
    raise UserError(f"{inert(model.name)} has no route on '{echo(provider)}'; its routes: {names}.")


class History(commands.Cog):
    def __init__(self, bot: VersusBot):
        self.bot = bot

    @app_commands.command(name="history", description="A model's prices over time, with a chart where they changed")
    @app_commands.describe(model=MODEL_DESCRIPTION, provider="Only this provider's route (optional)")
    async def history(
        self,
        interaction: discord.Interaction,
        model: ModelArg,
        provider: app_commands.Transform[str, Text(100, "provider")] | None = None,
    ) -> None:
        route = check_provider(model, provider)
        everything, note = await recorded_changes(self.bot, model_id=model.id)
        result = model_history(model, history.select(everything, model_id=model.id), route)
        await respond(interaction, history_book(result, note))
        await attach_chart(interaction, result)


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(History(bot))
