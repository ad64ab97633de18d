"""An FAQ answer: the question quoted (inert), the engine's answer, its supporting rows."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.render import common
from bot.render.book import Book, single
from bot.render.cost import cost_fields
from bot.render.pages import COLOUR, ERROR_COLOUR, field, pages
from bot.safety import echo, inert
from catalog.schema import Model
from engine.results import FaqAnswer

TITLE = "Versus FAQ"
QUESTION_ECHO = 300


def faq_pages(result: FaqAnswer, models: Sequence[Model]) -> list[discord.Embed]:
    lines = [f"> {echo(result.question, QUESTION_ECHO)}", "", inert(result.answer)]
    fields = []
    if result.table is not None:
        fields.append(field(result.table.title, common.table_lines(result.table)))
    if result.cost is not None:
        fields += cost_fields(result.cost)
    colour = COLOUR if result.answered else ERROR_COLOUR
    return pages(TITLE, lines, fields, footer=common.footer(models), colour=colour)


def faq_book(result: FaqAnswer, models: Sequence[Model]) -> Book:
    return single("faq", TITLE, faq_pages(result, models))
