"""A book: what one reply can show, as chapters (select menu entries) of pages (embeds).

``/compare`` has a chapter per section group; ``/models`` and a long ``/cost`` have one
chapter of several pages. A chapter's pages are rendered when first shown, so a reply costs
only the page it opens on. A renewable chapter (one that can render its pages again, e.g. from the
models of a comparison) drops them once they are sent, so a reply's controls, alive for minutes, hold
no rendered text. ``bot.views.BookView`` turns a book into controls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import discord


@dataclass(eq=False, slots=True)
class Chapter:
    key: str
    label: str
    render: Callable[[], Sequence[discord.Embed]] = field(repr=False)
    description: str | None = None
    renewable: bool = False
    """Its pages can be rendered again at any time, so a reply need not keep them between uses."""
    _pages: tuple[discord.Embed, ...] | None = field(default=None, init=False, repr=False)
    # Slots, not a __dict__: a live reply's controls hold a few chapters for minutes, thousands of them at once.

    @property
    def pages(self) -> tuple[discord.Embed, ...]:
        """The rendered pages (rendered on first use and kept until ``forget``)."""
        if self._pages is None:
            self._pages = tuple(self.render())
        return self._pages

    def keep(self, pages: Sequence[discord.Embed]) -> None:
        """Take pages already rendered (so the first use does not render them again)."""
        self._pages = tuple(pages)

    def forget(self) -> None:
        """Drop the rendered pages if they can be rendered again."""
        if self.renewable:
            self._pages = None


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

    def forget(self) -> None:
        """Drop every renewable chapter's rendered pages (after they were sent)."""
        for chapter in self.chapters:
            chapter.forget()

    @property
    def interactive(self) -> bool:
        return len(self.chapters) > 1 or len(self.chapters[0].pages) > 1


def single(key: str, label: str, pages: Sequence[discord.Embed]) -> Book:
    return Book((Chapter(key, label, lambda: pages),))
