"""What changed (``/changes``) and a model's prices over time (``/history``): pages of lines, each change
with its source linked; the words are ``engine.history``'s, as the command line and price alerts say them."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.render.alerts import ARROW
from bot.render.book import Book, single
from bot.render.pages import field, pages
from bot.safety import inert, link
from catalog.changes import Change
from engine import numbers
from engine.history import ModelHistory, what_changed

SHOWN = 200
"""Changes one /changes reply lists (newest first); the command line lists them all."""


def change_line(change: Change, *, named: bool = True) -> str:
    """``2026-11-20 **Qwen3.7 Max**: Together AI input $1.50/1M → $2.50/1M (+66.7%) ([LiteLLM 1.110.2](...))``."""
    who = f"**{inert(change.model_name)}**: " if named else ""
    return f"{change.date.isoformat()} {who}{what_changed(change, quote=inert, arrow=ARROW)} ({link(change.source, change.source_url)})"


def changes_book(changes: Sequence[Change], title: str, note: str | None = None) -> Book:
    """The changes (newest first), at most ``SHOWN``; ``note`` a line before them."""
    lines = [inert(note)] if note else []
    if not changes:
        lines.append("No change recorded.")
    lines += [change_line(c) for c in changes[:SHOWN]]
    if len(changes) > SHOWN:
        lines.append(f"…and {len(changes) - SHOWN:,} older: narrow it with vendor or since, or run `versus catalog changes --json`.")
    footer = "Recorded by each catalog refresh and bundled with Versus; each change links the listing that shows it."
    return single("changes", "Changes", pages(title, lines, footer=footer))


def history_pages(result: ModelHistory, note: str | None = None) -> list[discord.Embed]:
    fields = []
    for route in result.routes:
        lines = []
        for point in route.points:
            since = f"since {point.since.isoformat()}" if point.since else ("before" if len(route.points) > 1 else "now")
            prices = f"{numbers.price(point.input)} in / {numbers.price(point.output)} out"
            lines.append(f"{since}: {prices} ({link(point.source, point.source_url)})")
        fields.append(field(f"{route.provider} ({route.status})", lines))
    changes = [change_line(c, named=False) for c in result.changes] or ["No change recorded for this model since the history began."]
    fields.append(field("Changes recorded", changes))
    intro = [inert(note)] if note else []
    return pages(f"{result.model_name}: prices over time", intro, fields, footer="USD per 1M tokens. Newest changes first.")


def history_book(result: ModelHistory, note: str | None = None) -> Book:
    return single("history", "History", history_pages(result, note))
