"""The exact JSON bodies the bot sends for a result, for ``versus ... --discord`` and for checks.

Built by the same functions the commands use: the result's book (``bot.render``), its controls
(``bot.views.BookView``) and discord.py's own body builder for interaction responses. The first
body is the reply (an interaction callback of type 4); one body follows for every other page
the controls can show (type 7, the update a select or button sends).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord
from discord.webhook.async_ import interaction_message_response_params

from bot.render.book import Book
from bot.render.comparison import comparison_book
from bot.render.cost import cost_book
from bot.render.faq import faq_book
from bot.render.model_card import model_book
from bot.reply import first_page
from bot.safety import NO_MENTIONS
from catalog.loader import Catalog, load_catalog
from catalog.schema import Model
from engine.results import Comparison, CostEstimate, FaqAnswer

REPLY = discord.InteractionResponseType.channel_message.value
UPDATE = discord.InteractionResponseType.message_update.value
PREVIEW_OWNER = 0
"""The owner id of a previewed view (any id; it is not part of a body)."""


def _models(ids: Sequence[str], catalog: Catalog | None) -> list[Model]:
    catalog = catalog if catalog is not None else load_catalog()
    return [m for m in (catalog.get(i) for i in ids) if m is not None]


def book_for(result: Any, catalog: Catalog | None = None) -> Book:
    """The book the bot shows for a result: a catalog Model, a Comparison, a CostEstimate or a FaqAnswer."""
    if isinstance(result, Model):
        return model_book(result)
    if isinstance(result, Comparison):
        return comparison_book(result)
    if isinstance(result, CostEstimate):
        return cost_book(result, _models([c.model.id for c in result.models], catalog))
    if isinstance(result, FaqAnswer):
        return faq_book(result, _models([m.id for m in result.models], catalog))
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


def discord_bodies(result: Any, catalog: Catalog | None = None) -> list[dict[str, Any]]:
    """The reply's body, then the update body of every other page its controls can show."""
    book = book_for(result, catalog)
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
