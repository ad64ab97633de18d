"""/cost: what a traffic costs on every route of one to four models, the cheapest marked."""

from __future__ import annotations

from collections.abc import Sequence

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import VersusBot
from bot.errors import UserError
from bot.lookup import MODEL_DESCRIPTION, ModelArg, distinct
from bot.options import OneOf, Text
from bot.render.cost import cost_book
from bot.reply import respond
from bot.servers import note_content, priced_at, workload_autocomplete
from catalog.schema import Model
from engine import estimate, numbers
from engine.chart import cost_chart, draw
from engine.results import Traffic
from engine.cost import DEFAULT_INPUT_TOKENS, DEFAULT_OUTPUT_TOKENS, DEFAULT_REQUESTS, context_problem, unfit


MAX_TOKENS = numbers.MAX_TOKENS
MAX_REQUESTS = numbers.MAX_REQUESTS

Tokens = app_commands.Range[int, 0, MAX_TOKENS]
Requests = app_commands.Range[int, 1, MAX_REQUESTS]
Share = app_commands.Range[float, 0.0, 1.0]
WorkloadName = app_commands.Transform[str, Text(40, "A workload's name")]
PeriodOption = OneOf({"month": "month", "day": "day"}, "period")
"""What requests counts; checked whatever the client sent (a forged value is an ephemeral "must be ...")."""


def check_fits(models: Sequence[Model], priced) -> None:
    """A request's input must fit some route of one model at least (the engine's rule, ``engine.cost.fits``):
    the models that cannot take it are marked in the estimate, the others priced."""
    if len(unfit(models, priced)) < len(models):
        return
    problem = context_problem(models, priced)
    if problem is not None:
        raise UserError(f"Impossible traffic: {problem}.")


CHART_FILE = "cost.png"


async def attach_chart(interaction: discord.Interaction, models: Sequence[Model], traffic: Traffic) -> None:
    """Add the cost chart to the reply already sent (``bot.charts``: drawn in the bot's chart worker)."""
    await interaction.client.charts.attach(interaction, draw, cost_chart(models, traffic), CHART_FILE)  # type: ignore[attr-defined]


class Cost(commands.Cog):
    def __init__(self, bot: VersusBot):
        self.bot = bot

    @app_commands.command(name="cost", description="Estimate the cost of a traffic on every route of up to four models")
    @app_commands.describe(
        model=MODEL_DESCRIPTION,
        model_2="Another model to price (optional)",
        model_3="Another model to price (optional)",
        model_4="Another model to price (optional)",
        input_tokens=f"Input tokens per request (default: the server's workload, else {DEFAULT_INPUT_TOKENS})",
        output_tokens=f"Output tokens per request (default: the server's workload, else {DEFAULT_OUTPUT_TOKENS})",
        requests=f"Requests per period (default: the server's workload, else {DEFAULT_REQUESTS:,})",
        period="What requests counts: per month or per day (default: the server's workload, else month)",
        cached_share="Share of input tokens served from cache, 0 to 1 (default 0)",
        batch_share="Share of requests sent through a batch API, 0 to 1 (default 0)",
        workload="One of this server's named workloads (/workload list); other options change it",
        cache_write="Share of input tokens written to the cache, 0 to 1, at each route's cache-write price (default 0)",
        off_peak="Price at off-peak prices where a route publishes them (default: standard, peak prices)",
    )
    @app_commands.autocomplete(workload=workload_autocomplete)
    async def cost(
        self,
        interaction: discord.Interaction,
        model: ModelArg,
        model_2: ModelArg | None = None,
        model_3: ModelArg | None = None,
        model_4: ModelArg | None = None,
        input_tokens: Tokens | None = None,
        output_tokens: Tokens | None = None,
        requests: Requests | None = None,
        period: app_commands.Transform[str, PeriodOption] | None = None,
        cached_share: Share | None = None,
        batch_share: Share | None = None,
        workload: WorkloadName | None = None,
        cache_write: Share | None = None,
        off_peak: bool = False,
    ) -> None:
        models = distinct([model, model_2, model_3, model_4])
        given = {"input_tokens": input_tokens, "output_tokens": output_tokens, "requests": requests, "per": period,
                 "cached": cached_share, "batch": batch_share, "cache_write": cache_write, "off_peak": off_peak or None}
        priced = await priced_at(self.bot, interaction.guild_id, named=workload, given=given)
        check_fits(models, priced.traffic)
        result = estimate(models, priced.traffic)
        await respond(interaction, cost_book(result), content=note_content(priced.note))
        if self.bot.cost_charts:
            await attach_chart(interaction, models, priced.traffic)


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(Cost(bot))
