"""/compare: two to four models, section by section, switched with a select menu."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import VersusBot
from catalog.schema import Model
from bot.lookup import MODEL_DESCRIPTION, model_autocomplete
from bot.reply import respond
from bot.render.comparison import GROUP_LABELS, comparison_book, group_sections
from engine import compare
from engine.results import Comparison
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
    )
    @app_commands.choices(section=SECTION_CHOICES)
    @app_commands.autocomplete(
        model_a=model_autocomplete, model_b=model_autocomplete, model_c=model_autocomplete, model_d=model_autocomplete
    )
    async def compare(
        self,
        interaction: discord.Interaction,
        model_a: app_commands.Range[str, 1, 100],
        model_b: app_commands.Range[str, 1, 100],
        model_c: app_commands.Range[str, 1, 100] | None = None,
        model_d: app_commands.Range[str, 1, 100] | None = None,
        section: str = DEFAULT_SECTION,
    ) -> None:
        models = self.bot.lookup.several([model_a, model_b, model_c, model_d], required=2)
        opening = section if section in SECTION_GROUPS else DEFAULT_SECTION
        # Only the sections the opening page shows are worked out now; the reply's controls keep a way
        # to work out any other group when it is chosen, not the comparison itself.
        result = compare_group(models, opening)
        await respond(interaction, comparison_book(result, start=opening, again=partial(compare_group, models)))


def compare_group(models: Sequence[Model], name: str) -> Comparison:
    """The comparison of ``models`` with the sections of group ``name`` (and the sources)."""
    return compare(models, sections=group_sections(name))


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(Compare(bot))
