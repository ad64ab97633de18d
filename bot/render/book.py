"""A book: what one reply can show, as chapters (select menu entries) of pages (embeds).

``/compare`` has a chapter per section group; ``/models`` and a long ``/cost`` have one
chapter of several pages. ``bot.views.BookView`` turns a book into controls.
"""

from __future__ import annotations

from dataclasses import dataclass

import discord


@dataclass(frozen=True, slots=True)
class Chapter:
    key: str
    label: str
    pages: tuple[discord.Embed, ...]
    description: str | None = None


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
        return len(self.chapters) > 1 or any(len(c.pages) > 1 for c in self.chapters)


def single(key: str, label: str, pages: list[discord.Embed]) -> Book:
    return Book((Chapter(key, label, tuple(pages)),))
