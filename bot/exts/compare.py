"""/compare: two to four models, section by section, switched with a select menu."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import VersusBot
from bot.lookup import MODEL_DESCRIPTION, ModelArg, distinct
from bot.reply import respond
from bot.render.comparison import GROUP_LABELS, comparison_book, group_sections
from catalog.schema import Model
from bot.exts.cost import WorkloadName
from bot.servers import note_content, priced_at, workload_autocomplete
from engine import compare
from engine.cost import DEFAULT_TRAFFIC
from engine.results import Comparison, Traffic
from engine.sections import SECTION_GROUPS

DEFAULT_SECTION = "overview"
SECTION_CHOICES = [app_commands.Choice(name=label, value=key) for key, (label, _) in GROUP_LABELS.items()]


class Compare(commands.Cog):
    def __init__(self, bot: VersusBot):
        self.bot = bot

    @app_commands.command(name="compare", description="Compare two to four models: verdict, cost, specs, benchmarks, FAQ")
    @app_commands.describe(
        model_a=MODEL_DESCRIPTION,
        model_b=MODEL_DESCRIPTION,
        model_c="A third model (optional)",
        model_d="A fourth model (optional)",
        section="The section to open on (default: overview)",
        workload="One of this server's named workloads (/workload list); default: the server's workload",
    )
    @app_commands.choices(section=SECTION_CHOICES)
    @app_commands.autocomplete(workload=workload_autocomplete)
    async def compare(
        self,
        interaction: discord.Interaction,
        model_a: ModelArg,
        model_b: ModelArg,
        model_c: ModelArg | None = None,
        model_d: ModelArg | None = None,
        section: str = DEFAULT_SECTION,
        workload: WorkloadName | None = None,
    ) -> None:
        models = distinct([model_a, model_b, model_c, model_d])
        opening = section if section in SECTION_GROUPS else DEFAULT_SECTION
        priced = await priced_at(self.bot, interaction.guild_id, named=workload)
        # Only the sections the opening page shows are worked out now; the reply's controls keep a way
        # to work out any other group when it is chosen, not the comparison itself.
        result = compare_group(models, opening, priced.traffic)
        book = comparison_book(result, start=opening, again=partial(compare_group, models, traffic=priced.traffic))
        await respond(interaction, book, content=note_content(priced.note))


def compare_group(models: Sequence[Model], name: str, traffic: Traffic = DEFAULT_TRAFFIC) -> Comparison:
    """The comparison of ``models`` at ``traffic`` with the sections of group ``name`` (and the sources)."""
    return compare(models, traffic, sections=group_sections(name))


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(Compare(bot))
