"""/help: what each command does, with an example."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import VersusBot
from bot.render.book import single
from bot.render.pages import field, pages
from bot.reply import respond

EXAMPLES: dict[str, str] = {
    "compare": "/compare model_a:gpt-4.1 mini model_b:grok 4.3 section:Pricing and monthly cost",
    "cost": "/cost model:gpt-4.1 mini model_2:grok 4.3 input_tokens:800 output_tokens:250 requests:1000000 cached_share:0.3",
    "faq": "/faq question:does grok 4.3 support vision?",
    "model": "/model name:claude sonnet 4.5",
    "models": "/models capability:Vision sort:Cheapest first (70/30 blended price)",
    "top": "/top by:Context window capability:Vision vendor:Google",
    "help": "/help",
    "settings": "/settings workload requests:50000 per:day input_tokens:1200 cached:0.3",
    "workload": "/workload save name:batch jobs requests:2000000 batch:1",
    "watch": "/watch add target:anthropic threshold:10 channel:#pricing",
    "changes": "/changes vendor:anthropic since:30d",
    "history": "/history model:qwen3.7 max",
}
"""One example per command; a test checks every command has one."""

INTRO = (
    "Versus answers \"model A vs model B\" from a curated catalog: specs, prices per provider, "
    "capabilities, benchmarks and monthly cost. Model options autocomplete as you type."
)
MENTION = "Mention me with a question, e.g. `@Versus is grok 4.3 cheaper than gpt-4.1 mini?`, and I reply with the answer."


class Help(commands.Cog):
    def __init__(self, bot: VersusBot):
        self.bot = bot

    def help_pages(self) -> list[discord.Embed]:
        fields = []
        for command in sorted(self.bot.tree.get_commands(), key=lambda c: c.name):
            example = EXAMPLES.get(command.name, f"/{command.name}")
            fields.append(field(f"/{command.name}", [command.description, f"`{example}`"]))
        fields.append(field("In chat", MENTION))
        return pages("Versus help", [INTRO], fields, footer="Prices are USD per 1M tokens unless stated.")

    @app_commands.command(name="help", description="What each command does, with an example")
    async def help(self, interaction: discord.Interaction) -> None:
        await respond(interaction, single("help", "Help", self.help_pages()), ephemeral=True)


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(Help(bot))
