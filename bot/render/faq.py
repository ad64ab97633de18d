"""An FAQ answer: the question quoted (inert), the engine's answer, its supporting rows."""

from __future__ import annotations

import discord

from bot.render import common
from bot.render.book import Book, single
from bot.render.cost import cost_fields
from bot.render.ranking import entry_line
from bot.render.pages import COLOUR, ERROR_COLOUR, field, pages
from bot.safety import echo, inert
from engine.results import FaqAnswer

TITLE = "Versus FAQ"
QUESTION_ECHO = 300


def faq_pages(result: FaqAnswer) -> list[discord.Embed]:
    lines = [f"> {echo(result.question, QUESTION_ECHO)}", "", inert(result.answer)]
    fields = []
    if result.table is not None:
        fields.append(field(result.table.title, common.table_lines(result.table)))
    if result.cost is not None:
        fields += cost_fields(result.cost)
    if result.ranking is not None and result.ranking.entries:
        fields.append(field(result.ranking.title, [entry_line(e) for e in result.ranking.entries]))
    colour = COLOUR if result.answered else ERROR_COLOUR
    updated = [(m.name, date) for m, date in zip(result.models, result.updated)]
    return pages(TITLE, lines, fields, footer=common.footer(updated, result.sources), colour=colour)


def faq_book(result: FaqAnswer) -> Book:
    return single("faq", TITLE, faq_pages(result))
