"""Small layout pieces shared by every renderer: tables as lines, bullets, the footer.

Every string from the engine or the catalog goes through ``bot.safety`` (``inert`` where Discord renders
markdown, ``plain`` where it does not, ``link`` for a source): the markdown in a reply is the renderer's alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import lru_cache
from urllib.parse import urlparse

from bot.safety import inert, link, plain
from engine.results import Source, Table

BULLET = "• "
BEST = " ★"
UNKNOWN = "unknown"


def bullets(items: Iterable[str]) -> list[str]:
    """Engine or catalog sentences as bullet lines (inert)."""
    return [BULLET + inert(item) for item in items]


def table_lines(table: Table) -> list[str]:
    """A table as one line per row: the label, then each model's value; the row's best starred."""
    if not table.rows:
        return [inert(table.empty_text or "Nothing to show.")]
    lines = []
    single = len(table.columns) == 1
    for row in table.rows:
        values = []
        for column, cell in zip(table.columns, row.cells):
            text = inert(cell.text) + (BEST if cell.best else "")
            values.append(text if single else f"{inert(column)} {text}")
        lines.append(f"**{inert(row.label)}**: " + " · ".join(values))
        if row.note:
            lines.append(f"-# {inert(row.note)}")
    if any(cell.best for row in table.rows for cell in row.cells):
        lines.append(f"-# {BEST.strip()} leads the row")
    return lines


def domain(url: object) -> str:
    """The site a source is on ("openai.com"); the text itself when it is not a web address."""
    return _domain(str(url))


@lru_cache(maxsize=4096)
def _domain(text: str) -> str:
    # Cached: every reply's footer names the sites of a few dozen sources, and most recur.
    scheme, sep, rest = text.partition("://")
    if sep and scheme in ("https", "http"):
        host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        if host and not any(c in host for c in "@[:"):  # a plain host name: no user, port or IPv6
            return host.lower().removeprefix("www.")
    host = urlparse(text).hostname
    if not host:
        return text
    return host.removeprefix("www.")


def domains(sources: Iterable[Source]) -> list[str]:
    """The sites of some sources, each once, in first-seen order."""
    return list(dict.fromkeys(domain(item.url) for item in sources))


def footer(updated: Sequence[tuple[str, dt.date]], sources: Iterable[Source]) -> str:
    """What a result's data is as of (one date alone, or each model's name and date) and its sources' sites."""
    if len(updated) == 1:
        shown = updated[0][1].isoformat()
    else:
        shown = " · ".join(f"{plain(name)} {date.isoformat()}" for name, date in updated)
    return footer_text(shown, domains(sources))


def footer_text(updated: str, domains: Sequence[str]) -> str:
    """The footer every reply carries: "Data as of: ... | Sources: site, site"."""
    parts = []
    if updated:
        parts.append(f"Data as of: {updated}")
    if domains:
        parts.append("Sources: " + ", ".join(domains))
    return " | ".join(parts) or "Versus catalog"


def source_lines(sources: Sequence[Source]) -> list[str]:
    """Sources as links (``bot.safety.link``: a source that is not a checked web address, e.g. the curation
    notes, as text)."""
    return [f"{BULLET}{link(item.title, item.url)} ({inert(item.dated)})" for item in sources]
