"""A ranking: what it ranks and what was left out, then one line per model with its figure and source."""

from __future__ import annotations

import discord

from bot.render.book import Book, single
from bot.render.pages import pages
from bot.safety import code, inert, link
from engine.results import RankEntry, Ranking


def entry_line(entry: RankEntry) -> str:
    """ "1. **Grok 4.20** `xai/grok-4.20`: **2,000,000 tokens** on xAI API · [source](url) (fetched 2026-05-15)"."""
    line = f"{entry.rank}. **{inert(entry.model.name)}** {code(entry.model.id)}: **{inert(entry.text)}**"
    if entry.detail:
        line += f" {inert(entry.detail)}"
    if entry.source is not None:
        line += f" · {link('source', entry.source.url)} ({inert(entry.source.dated)})"
    return line


def ranking_pages(result: Ranking) -> list[discord.Embed]:
    lines = [inert(text) for text in result.summary]
    if result.entries:
        lines.append("")
        lines += [entry_line(e) for e in result.entries]
    footer = f"Ranked on {result.label} | Versus catalog"
    return pages(result.title, lines, footer=footer)


def ranking_book(result: Ranking) -> Book:
    return single("top", result.title, ranking_pages(result))
