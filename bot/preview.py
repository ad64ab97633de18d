"""The exact JSON bodies the bot sends for a result, for ``versus ... --discord`` and for checks.

Built by the same functions the commands use: the result's book (``bot.render``), its controls
(``bot.views.BookView``) and discord.py's own body builder for interaction responses. The first
body is the reply (an interaction callback of type 4); one body follows for every other page
the controls can show (type 7, the update a select or button sends).
"""

from __future__ import annotations

from typing import Any

import discord
from discord.webhook.async_ import interaction_message_response_params

from bot.render.book import Book
from bot.render.comparison import comparison_book
from bot.render.cost import cost_book
from bot.render.faq import faq_book
from bot.render.model_card import model_book
from bot.render.ranking import ranking_book
from bot.reply import first_page
from bot.safety import NO_MENTIONS
from catalog.schema import Model
from engine.card import model_card
from engine.results import Comparison, CostEstimate, FaqAnswer, ModelCard, Ranking

REPLY = discord.InteractionResponseType.channel_message.value
UPDATE = discord.InteractionResponseType.message_update.value
PREVIEW_OWNER = 0
"""The owner id of a previewed view (any id; it is not part of a body)."""


def book_for(result: Any) -> Book:
    """The book the bot shows for a result: a ModelCard (or the catalog Model it is the card of), a
    Comparison, a CostEstimate, a Ranking or a FaqAnswer. Each carries its sources: no catalog is read."""
    if isinstance(result, Model):
        result = model_card(result)
    if isinstance(result, ModelCard):
        return model_book(result)
    if isinstance(result, Comparison):
        return comparison_book(result)
    if isinstance(result, CostEstimate):
        return cost_book(result)
    if isinstance(result, Ranking):
        return ranking_book(result)
    if isinstance(result, FaqAnswer):
        return faq_book(result)
    raise TypeError(f"no Discord rendering for {type(result).__name__}")


def _body(kind: int, embed: discord.Embed, view: discord.ui.View | None) -> dict[str, Any]:
    params = interaction_message_response_params(
        type=kind,
        content=None if kind == REPLY else discord.utils.MISSING,  # as send_message and edit_message pass it
        embed=embed,
        view=view if view is not None else discord.utils.MISSING,
        previous_allowed_mentions=NO_MENTIONS,
        allowed_mentions=NO_MENTIONS,
    )
    return params.payload


def discord_bodies(result: Any) -> list[dict[str, Any]]:
    """The reply's body, then the update body of every other page its controls can show."""
    book = book_for(result)
    embed, view = first_page(book, PREVIEW_OWNER)
    bodies = [_body(REPLY, embed, view)]
    if view is None:
        return bodies
    shown = (view.current, view.page)
    for chapter in book.chapters:
        for page in range(len(chapter.pages)):
            if (chapter.key, page) == shown:
                continue
            view.turn(chapter.key, page)
            bodies.append(_body(UPDATE, view.embed, view))
    return bodies
