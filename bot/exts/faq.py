"""/faq: a question about one or two models, answered by the engine from catalog data."""

from __future__ import annotations

from collections.abc import Sequence

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import VersusBot
from bot.errors import UserError
from bot.options import Text
from bot.render.book import Book
from bot.render.faq import faq_book
from bot.reply import respond
from bot.servers import note_content, priced_at, timed
from catalog import history
from catalog.changes import Change
from engine.cost import DEFAULT_TRAFFIC
from engine.discovery import is_news
from engine.faq import QUESTION_LIMIT, ask
from engine.results import FaqAnswer, Traffic


def answer_book(
    bot: VersusBot, question: str, traffic: Traffic = DEFAULT_TRAFFIC, changes: Sequence[Change] = ()
) -> Book:
    """The engine's answer to ``question`` as a book, costs at ``traffic`` (the server's workload and
    providers) unless the question states its own, "what's new" from ``changes``; shared by /faq and the
    mention reply."""
    return faq_book(answer(bot, question, traffic, changes))


def answer(
    bot: VersusBot, question: str, traffic: Traffic = DEFAULT_TRAFFIC, changes: Sequence[Change] = ()
) -> FaqAnswer:
    return ask(question, bot.catalog, bot.resolver, traffic=traffic, changes=changes)


def _numbers(traffic: Traffic) -> tuple[object, ...]:
    return (
        traffic.requests,
        traffic.per,
        traffic.input_tokens,
        traffic.output_tokens,
        traffic.cached_share,
        traffic.batch_share,
        traffic.cache_write_share,
    )


async def recorded_changes(bot: VersusBot, question: str) -> Sequence[Change]:
    """The catalog's history for a "what's new" question (else nothing is read): the bundled history and
    what the store's refreshes recorded; without the store (or when it does not answer), the bundled alone."""
    if not is_news(question.casefold()):
        return ()
    stored: Sequence[Change] = []
    store = getattr(bot, "store", None)
    if store is not None:
        try:
            stored = await timed(store.changes())
        except UserError:
            stored = []
    return history.combined(history.bundled(), stored)


async def server_answer(bot: VersusBot, question: str, guild_id: int | None) -> tuple[Book, str | None]:
    """``answer_book`` at the server's workload and providers, and the line that says so (None: defaults);
    a question that states numbers of its own is priced at them, and the line says so."""
    priced = await priced_at(bot, guild_id)
    changes = await recorded_changes(bot, question)
    result = answer(bot, question, priced.traffic, changes)
    stated = result.cost is not None and _numbers(result.cost.traffic) != _numbers(priced.traffic)
    return faq_book(result), note_content(priced.restated if stated else priced.note)


class Faq(commands.Cog):
    def __init__(self, bot: VersusBot):
        self.bot = bot

    @app_commands.command(name="faq", description="Ask about models, e.g. is grok 4.3 cheaper than gpt-4.1 mini?")
    @app_commands.describe(question="Your question, naming one or two models")
    async def faq(
        self,
        interaction: discord.Interaction,
        question: app_commands.Transform[str, Text(QUESTION_LIMIT, "The question")],
    ) -> None:
        book, note = await server_answer(self.bot, question, interaction.guild_id)
        await respond(interaction, book, content=note)


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(Faq(bot))
