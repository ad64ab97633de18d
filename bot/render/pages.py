"""Packing text and fields into embeds that always fit Discord's limits.

A renderer describes a document: a title, lines for the description, fields, a footer. ``pages``
packs it into as many embeds as it needs, each a whole message's worth (one embed per page,
so a page is always within the 6,000-character total). Long parts are split at line
boundaries with ``limits.split_text`` and continue on the next page; nothing is cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field as dataclass_field

import discord

from bot import limits
from bot.limits import clip, split_lines, split_text
from bot.safety import checked_url, inert, plain

COLOUR = discord.Colour(0x5865F2)
ERROR_COLOUR = discord.Colour(0xED4245)
CONTINUED = " (continued)"
BLANK = "\u200b"
"""What Discord shows as nothing, for a field name or value that would otherwise be empty."""
PAGE_MARK_ROOM = 16
"""Room kept in the title for " (page 12/12)"."""


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    lines: tuple[str, ...]
    inline: bool = False


@dataclass(slots=True)
class _Page:
    description: str = ""
    fields: list[tuple[str, str, bool]] = dataclass_field(default_factory=list)
    size: int = 0


def _new_page(packed: list[_Page]) -> _Page:
    packed.append(_Page())
    return packed[-1]


def field(name: str, lines: Sequence[str] | str, inline: bool = False) -> Field:
    if isinstance(lines, str):
        lines = (lines,)
    return Field(name, tuple(lines), inline)


def pages(
    title: str,
    lines: Sequence[str] = (),
    fields: Sequence[Field] = (),
    footer: str | None = None,
    url: str | None = None,
    colour: discord.Colour = COLOUR,
) -> list[discord.Embed]:
    """The document as embeds, one per page, each within every embed and message limit.

    ``title``, the field names and ``footer`` are text (made ``inert``, the footer ``plain``: Discord renders
    no markdown there); ``lines`` and the field lines are markdown the renderer wrote, with whatever came from
    the engine or the catalog already made inert. ``url`` is used only if ``bot.safety.checked_url`` accepts it.
    """
    title = clip(inert(title), limits.EMBED_TITLE - PAGE_MARK_ROOM)
    footer = clip(plain(footer), limits.EMBED_FOOTER) if footer else None
    url = checked_url(url) if url else None
    fixed = len(title) + PAGE_MARK_ROOM + (len(footer) if footer else 0)
    budget = limits.EMBEDS_TOTAL_CHARS - fixed
    packed: list[_Page] = [_Page()]

    description_limit = min(limits.EMBED_DESCRIPTION, budget)
    for index, chunk in enumerate(split_lines(lines, description_limit) if lines else ()):
        page = packed[-1] if index == 0 else _new_page(packed)
        page.description = chunk
        page.size = len(chunk)

    for item in fields:
        name = clip(inert(item.name), limits.EMBED_FIELD_NAME - len(CONTINUED)).strip() or BLANK
        chunks = [c if c.strip() else BLANK for c in split_lines(item.lines, limits.EMBED_FIELD_VALUE)]
        for index, value in enumerate(chunks):
            shown = name if index == 0 else name + CONTINUED
            cost = len(shown) + len(value)
            page = packed[-1]
            if len(page.fields) >= limits.EMBED_FIELDS or cost > budget - page.size:
                page = _new_page(packed)
            page.fields.append((shown, value, item.inline))
            page.size += cost

    embeds = []
    count = len(packed)
    for number, page in enumerate(packed, start=1):
        shown_title = title if count == 1 else f"{title} ({number}/{count})"
        embed = discord.Embed(title=shown_title, url=url, colour=colour)
        if page.description:
            embed.description = page.description
        for name, value, inline in page.fields:
            embed.add_field(name=name, value=value, inline=inline)
        if footer:
            embed.set_footer(text=footer)
        embeds.append(embed)
    return embeds


def embed_chars(embed: discord.Embed) -> int:
    """The characters Discord counts toward the 6,000 total for one embed."""
    total = len(embed.title or "") + len(embed.description or "")
    total += len(embed.footer.text or "") if embed.footer else 0
    total += len(embed.author.name or "") if embed.author else 0
    for item in embed.fields:
        total += len(item.name or "") + len(item.value or "")
    return total


def message(text: str, title: str | None = None, colour: discord.Colour = ERROR_COLOUR) -> discord.Embed:
    """A short one-embed message, e.g. an error; ``text`` is split if it would not fit."""
    chunk = split_text(text, limits.EMBED_DESCRIPTION)[0]
    embed = discord.Embed(description=chunk, colour=colour)
    if title:
        embed.title = clip(title, limits.EMBED_TITLE)
    return embed
