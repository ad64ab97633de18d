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
from engine.faq import QUESTION_LIMIT, ask
from engine.results import FaqAnswer



def answer_book(bot: VersusBot, question: str) -> Book:
    """The engine's answer to ``question`` as a book; shared by /faq and the mention reply."""
    result: FaqAnswer = ask(question, bot.catalog, bot.resolver)
    return faq_book(result)


class Faq(commands.Cog):
    def __init__(self, bot: VersusBot):
        self.bot = bot

    @app_commands.command(name="faq", description="Ask about models, e.g. is grok 4.3 cheaper than gpt-4.1 mini?")
    @app_commands.describe(question="Your question, naming one or two models")
    async def faq(
        self, interaction: discord.Interaction, question: app_commands.Transform[str, Text(QUESTION_LIMIT, "The question")]
    ) -> None:
        await respond(interaction, answer_book(self.bot, question))


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(Faq(bot))
