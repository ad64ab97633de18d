"""/top: models ranked by one figure (cost, price, context, max output, release date or a benchmark), filtered."""

from __future__ import annotations

from decimal import Decimal

import discord
from discord import app_commands
from discord.ext import commands

from bot import limits
from bot.app import VersusBot
from bot.errors import UserError
from bot.exts.cost import PeriodOption, Requests, Tokens
from bot.limits import clip
from bot.lookup import vendor_autocomplete
from bot.options import OneOf, Text
from bot.render.ranking import ranking_book
from bot.reply import respond
from bot.safety import echo, inert, plain
from bot.servers import Priced, note_content, priced_at
from catalog.loader import Catalog
from catalog.query import vendor_named
from catalog.schema import Capability
from engine import numbers
from engine.cost import DEFAULT_INPUT_TOKENS, DEFAULT_OUTPUT_TOKENS, DEFAULT_REQUESTS
from engine.rank import DEFAULT_RESULTS, MAX_RESULTS, MEASURE_KEYS, benchmark_named, benchmark_names, make_filters, rank
from engine.results import Ranking, Traffic

CapabilityOption = OneOf({c.value: c.label for c in Capability}, "capability")
Limit = app_commands.Range[int, 1, MAX_RESULTS]
MinContext = app_commands.Range[int, 0, numbers.MAX_TOKENS]
MaxPrice = app_commands.Range[float, 0.0, float(numbers.MAX_PRICE)]

MEASURE_LABELS = {
    "cost": "Cheapest at a workload (monthly cost)",
    "input": "Input price",
    "output": "Output price",
    "context": "Context window",
    "max-output": "Max output",
    "released": "Newest",
}


def measure_from(by: str, catalog: Catalog) -> tuple[str, str | None]:
    """(measure, benchmark) from the ``by`` option, or a UserError naming what it takes."""
    wanted = by.strip().casefold().replace("_", "-").replace(" ", "-")
    for key, label in MEASURE_LABELS.items():
        if wanted in (key, label.casefold().replace(" ", "-")):
            return key, None
    found = benchmark_named(by, catalog.models)
    if found is not None:
        return "benchmark", found
    names = ", ".join(inert(name) for name, _ in benchmark_names(catalog.models))
    raise UserError(f"by must be one of: {', '.join(MEASURE_KEYS)}, or a benchmark: {names}; not '{echo(by)}'.")


def ranking_for(
    catalog: Catalog,
    by: str,
    traffic: Traffic,
    capabilities: list[str],
    vendor: str | None,
    named: str | None,
    open_weights: bool,
    min_context: int | None,
    max_price: float | None,
    limit: int,
) -> Ranking:
    """The engine's ranking for /top's options; ``traffic`` prices a cost ranking (the asker's options,
    or, where the server has one, its workload)."""
    measure, benchmark = measure_from(by, catalog)
    shown_vendor = vendor_named(catalog.models, catalog.vendors, vendor) if vendor else None
    if vendor and shown_vendor is None:
        raise UserError(
            f"no vendor '{echo(vendor)}' in the catalog; choose from: {', '.join(inert(v) for v in catalog.vendors)}"
        )
    try:
        filters = make_filters(
            capabilities=[Capability(c) for c in capabilities],
            vendor=shown_vendor,
            named=named,
            open_weights=open_weights,
            min_context=min_context,
            max_price=Decimal(repr(max_price)) if max_price is not None else None,
        )
        return rank(catalog.models, measure, filters, traffic, limit, benchmark)
    except (ValueError, ArithmeticError) as exc:
        raise UserError(f"{exc}.") from None


class Top(commands.Cog):
    def __init__(self, bot: VersusBot):
        self.bot = bot

    async def workload(
        self,
        interaction: discord.Interaction,
        input_tokens: int | None,
        output_tokens: int | None,
        requests: int | None,
        period: str | None,
    ) -> Priced:
        """The traffic a cost ranking is priced at: the server's workload and providers (the defaults in a
        DM), with what the asker gave in place of the workload's."""
        given = {"input_tokens": input_tokens, "output_tokens": output_tokens, "requests": requests, "per": period}
        return await priced_at(self.bot, interaction.guild_id, given=given)

    @app_commands.command(
        name="top", description="Rank models by cost, price, context, max output, release date or a benchmark"
    )
    @app_commands.describe(
        by="What to rank on: cost at a workload, input, output, context, max-output, released, or a benchmark",
        capability="Only models with this capability",
        capability_2="And this capability",
        vendor="Only this vendor's models",
        named="Only models whose name has these words, e.g. grok or claude sonnet",
        open_weights="Only models with published weights",
        min_context="Only models with at least this context window (tokens)",
        max_price="Only models with input and output at most this many USD per 1M tokens on some route",
        limit=f"How many to show (default {DEFAULT_RESULTS}, at most {MAX_RESULTS})",
        input_tokens=f"For cost: input tokens per request (default: the server's workload, else {DEFAULT_INPUT_TOKENS})",
        output_tokens=f"For cost: output tokens per request (default: the server's workload, else {DEFAULT_OUTPUT_TOKENS})",
        requests=f"For cost: requests per period (default: the server's workload, else {DEFAULT_REQUESTS:,})",
        period="For cost: per month or per day (default: the server's workload, else month)",
    )
    @app_commands.autocomplete(vendor=vendor_autocomplete)
    async def top(
        self,
        interaction: discord.Interaction,
        by: app_commands.Transform[str, Text(100, "by")] = "cost",
        capability: app_commands.Transform[str, CapabilityOption] | None = None,
        capability_2: app_commands.Transform[str, CapabilityOption] | None = None,
        vendor: app_commands.Transform[str, Text(100, "vendor")] | None = None,
        named: app_commands.Transform[str, Text(100, "named")] | None = None,
        open_weights: bool = False,
        min_context: MinContext | None = None,
        max_price: MaxPrice | None = None,
        limit: Limit = DEFAULT_RESULTS,
        input_tokens: Tokens | None = None,
        output_tokens: Tokens | None = None,
        requests: Requests | None = None,
        period: app_commands.Transform[str, PeriodOption] | None = None,
    ) -> None:
        priced = await self.workload(interaction, input_tokens, output_tokens, requests, period)
        capabilities = [c for c in (capability, capability_2) if c]
        result = ranking_for(
            self.bot.catalog,
            by,
            priced.traffic,
            capabilities,
            vendor,
            named,
            open_weights,
            min_context,
            max_price,
            limit,
        )
        note = note_content(priced.note) if result.measure == "cost" else None
        await respond(interaction, ranking_book(result), content=note)

    @top.autocomplete("by")
    async def by_autocomplete(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        """The measures, then the catalog's benchmarks (most reported first), those containing what was typed."""
        typed = current.strip().casefold()
        options = [(label, key) for key, label in MEASURE_LABELS.items()]
        options += [(name, name) for name, _ in benchmark_names(self.bot.catalog.models)]
        found = [(label, value) for label, value in options if typed in label.casefold() or typed in value.casefold()]
        return [
            app_commands.Choice(name=clip(plain(label), limits.CHOICE_NAME), value=clip(value, limits.CHOICE_VALUE))
            for label, value in found[: limits.AUTOCOMPLETE_CHOICES]
        ]


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(Top(bot))
