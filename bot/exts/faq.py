"""/faq: a question about one or two models, answered by the engine from catalog data."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import VersusBot
from bot.options import Text
from bot.render.book import Book
from bot.render.faq import faq_book
from bot.reply import respond
from bot.servers import note_content, priced_at
from engine.cost import DEFAULT_TRAFFIC
from engine.faq import QUESTION_LIMIT, ask
from engine.results import FaqAnswer, Traffic



def answer_book(bot: VersusBot, question: str, traffic: Traffic = DEFAULT_TRAFFIC) -> Book:
    """The engine's answer to ``question`` as a book, costs at ``traffic`` (the server's workload and
    providers) unless the question states its own; shared by /faq and the mention reply."""
    result: FaqAnswer = ask(question, bot.catalog, bot.resolver, traffic=traffic)
    return faq_book(result)


async def server_answer(bot: VersusBot, question: str, guild_id: int | None) -> tuple[Book, str | None]:
    """``answer_book`` at the server's workload and providers, and the line that says so (None: defaults)."""
    priced = await priced_at(bot, guild_id)
    return answer_book(bot, question, priced.traffic), note_content(priced.note)


class Faq(commands.Cog):
    def __init__(self, bot: VersusBot):
        self.bot = bot

    @app_commands.command(name="faq", description="Ask about models, e.g. is grok 4.3 cheaper than gpt-4.1 mini?")
    @app_commands.describe(question="Your question, naming one or two models")
    async def faq(
        self, interaction: discord.Interaction, question: app_commands.Transform[str, Text(QUESTION_LIMIT, "The question")]
    ) -> None:
        book, note = await server_answer(self.bot, question, interaction.guild_id)
        await respond(interaction, book, content=note)


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(Faq(bot))
