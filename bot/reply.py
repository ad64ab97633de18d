"""Sending a book: the first page with its controls, as an interaction response or a message reply."""

from __future__ import annotations

import discord

from bot.render.book import Book
from bot.safety import NO_MENTIONS
from bot.views import BookView, book_view


def first_page(book: Book, owner_id: int) -> tuple[discord.Embed, BookView | None]:
    view = book_view(book, owner_id)
    embed = view.embed if view is not None else book.chapter(book.start).pages[0]
    return embed, view


async def respond(interaction: discord.Interaction, book: Book, *, ephemeral: bool = False, content: str | None = None) -> None:
    """``content``: a line above the embed (e.g. whose workload the answer is priced at), kept as pages turn."""
    embed, view = first_page(book, interaction.user.id)
    if view is None:
        await interaction.response.send_message(content, embed=embed, ephemeral=ephemeral, allowed_mentions=NO_MENTIONS)
        return
    sent = await interaction.response.send_message(
        content, embed=embed, view=view, ephemeral=ephemeral, allowed_mentions=NO_MENTIONS
    )
    view.sent_with(interaction, sent)
    book.forget()  # sent: the controls keep what renders the pages again, not the pages


async def reply_to(message: discord.Message, book: Book, *, content: str | None = None) -> discord.Message:
    embed, view = first_page(book, message.author.id)
    if view is None:
        return await message.reply(content, embed=embed, mention_author=False, allowed_mentions=NO_MENTIONS)
    sent = await message.reply(content, embed=embed, view=view, mention_author=False, allowed_mentions=NO_MENTIONS)
    view.message = sent
    book.forget()
    return sent
