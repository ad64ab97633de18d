"""A book: what one reply can show, as chapters (select menu entries) of pages (embeds).

``/compare`` has a chapter per section group; ``/models`` and a long ``/cost`` have one
chapter of several pages. A chapter's pages are rendered when first shown, so a reply costs
only the page it opens on. ``bot.views.BookView`` turns a book into controls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import discord


@dataclass(eq=False)
class Chapter:
    key: str
    label: str
    render: Callable[[], Sequence[discord.Embed]] = field(repr=False)
    description: str | None = None

    @cached_property
    def pages(self) -> tuple[discord.Embed, ...]:
        return tuple(self.render())


@dataclass(frozen=True, slots=True)
class Book:
    chapters: tuple[Chapter, ...]
    start: str | None = None
    """The key of the chapter shown first (the first chapter when None)."""

    def chapter(self, key: str | None) -> Chapter:
        for chapter in self.chapters:
            if chapter.key == key:
                return chapter
        return self.chapters[0]

    @property
    def interactive(self) -> bool:
        return len(self.chapters) > 1 or len(self.chapters[0].pages) > 1


def single(key: str, label: str, pages: Sequence[discord.Embed]) -> Book:
    return Book((Chapter(key, label, lambda: pages),))
