"""A comparison as a book: one chapter per section group (overview, pricing, specs, ...)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import discord

from bot.render import common
from bot.render.book import Book, Chapter
from bot.render.pages import pages
from bot.safety import inert, plain
from engine.results import Comparison, Section
from engine.sections import SECTION_GROUPS, in_group

GROUP_LABELS: dict[str, tuple[str, str]] = {
    "overview": ("Overview and verdict", "Summary, verdict, scorecard, trade-offs"),
    "pricing": ("Pricing and monthly cost", "Monthly cost, prices per provider, switch friction"),
    "specs": ("Specs and capabilities", "Context, output, release, licence, capabilities"),
    "benchmarks": ("Benchmarks", "Shared benchmark rows and the deep dive"),
    "faq": ("FAQ", "Common questions answered from data; sources"),
}
"""Each of the engine's section groups as the select menu shows it: label and description."""


def section_lines(section: Section) -> list[str]:
    lines = [f"**__{inert(section.title)}__**"]
    lines += [inert(text) for text in section.text]
    for figure in section.figures:
        lines.append(f"**{inert(figure.label)}**: {inert(figure.text)}")
        if figure.detail:
            lines.append(f"-# {inert(figure.detail)}")
    lines += common.bullets(section.bullets)
    for table in section.tables:
        if table.title != section.title:
            lines.append(f"*{inert(table.title)}*")
        lines += common.table_lines(table)
    for item in section.faq:
        lines += [f"**Q: {inert(item.question)}**", inert(item.answer)]
    lines += common.source_lines(section.sources)
    return lines


def updated_footer(result: Comparison) -> str:
    updated = " · ".join(f"{plain(m.name)} {d.isoformat()}" for m, d in zip(result.models, result.updated))
    domains: dict[str, None] = {}
    for section in result.sections:
        for item in section.sources:
            domains.setdefault(common.domain(item.url), None)
    return common.footer_text(updated, list(domains))


def group_pages(result: Comparison, name: str) -> list[discord.Embed]:
    lines: list[str] = []
    for section in in_group(result, name):
        if lines:
            lines.append("")
        lines += section_lines(section)
    label = GROUP_LABELS[name][0]
    return pages(f"{result.title}: {label}", lines, footer=updated_footer(result))


def group_sections(name: str) -> tuple[str, ...]:
    """The sections a page of group ``name`` needs: the group's own and the sources its footer names."""
    return (*SECTION_GROUPS[name], "sources")


def comparison_book(
    result: Comparison,
    start: str = "overview",
    groups: Sequence[str] = tuple(SECTION_GROUPS),
    *,
    again: Callable[[str], Comparison] | None = None,
) -> Book:
    """The comparison as a book, one chapter per section group, each rendered when first shown.

    ``again``, when given, works the same comparison out afresh for one group (``again(name)`` holds at
    least ``group_sections(name)``, e.g. ``engine.compare(models, sections=group_sections(name))``), and
    ``result`` need hold only the opening group's. The book keeps no reference to ``result``: the opening
    chapter is rendered now, any other when first shown from ``again(name)``, and its chapters are
    renewable (the reply drops their pages once sent). A reply's controls live for minutes, so a bot that
    kept every reply's whole ``Comparison`` (or its rendered text) would hold thousands of them: memory,
    and time in every full garbage collection. A click costs one more comparison of that group instead.
    """
    if again is None:
        return Book(
            tuple(Chapter(name, GROUP_LABELS[name][0], partial(group_pages, result, name), GROUP_LABELS[name][1]) for name in groups),
            start,
        )
    opening = start if start in groups else groups[0]
    chapters = []
    for name in groups:
        chapter = Chapter(name, GROUP_LABELS[name][0], _Later(again, name), GROUP_LABELS[name][1], renewable=True)
        if name == opening:
            chapter.keep(group_pages(result, name))
        chapters.append(chapter)
    return Book(tuple(chapters), start)


class _Later:
    """A chapter's pages rendered from the comparison worked out again: ``group_pages(again(name), name)``.

    Like ``partial(_later, again, name)`` but slotted (two references, no args tuple or keywords dict):
    every live reply holds one per chapter."""

    __slots__ = ("again", "name")

    def __init__(self, again: Callable[[str], Comparison], name: str):
        self.again = again
        self.name = name

    @property
    def args(self) -> tuple[Callable[[str], Comparison], str]:
        return (self.again, self.name)

    def __call__(self) -> list[discord.Embed]:
        return group_pages(self.again(self.name), self.name)
