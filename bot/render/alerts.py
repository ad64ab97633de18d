"""A price-change alert: one embed for the changes of one catalog version that one watch wants.

Each change says what changed, the old and the new value and the change in percent (``engine.history``'s
words, as ``/changes`` and the command line say them); the sources are linked once at the end, each with
the date the change was recorded from it. Where a price change touches the server's workload, a line says
what it does to the monthly cost there (``engine.alerts``). Everything from the catalog is made inert (``bot.safety``).
The embed always fits Discord's limits: lines that do not fit are counted ("and 12 more: /changes").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import discord

from bot import limits
from bot.render.pages import COLOUR
from bot.safety import inert, link, plain
from catalog.changes import Change, ChangeKind
from catalog.store.alerts import AlertBatch
from engine import numbers
from engine.alerts import WorkloadEffect
from engine.history import what_changed

KIND_TITLES = {
    ChangeKind.PRICE_CHANGED: ("price change", "price changes"),
    ChangeKind.MODEL_ADDED: ("new model", "new models"),
}
ARROW = "→"
"""Between an old value and the new, in every reply (the command line writes ->)."""
ROOM = 3_600
"""Characters of the description the change lines may use (the rest: effects, sources, the 'more' line)."""


def change_line(change: Change) -> str:
    """``**Qwen3.7 Max**: Together AI input $1.50/1M → $2.50/1M (+66.7%)``: the engine's words, made inert."""
    return f"**{inert(change.model_name)}**: {what_changed(change, quote=inert, arrow=ARROW)}"


def effect_line(model_name: str, effect: WorkloadEffect) -> str:
    pct = effect.percent
    shown = f", {'+' if pct >= 0 else '-'}{numbers.percent(abs(pct) / 100)}" if pct is not None else ""
    sign = "+" if effect.difference >= 0 else "-"
    return (
        f"**{inert(model_name)}** on {inert(effect.provider)}: {numbers.usd(effect.before)}/month {ARROW} "
        f"{numbers.usd(effect.after)}/month ({sign}{numbers.usd(abs(effect.difference))}{shown})"
    )


SOURCES_ROOM = 1_000
"""Characters the sources' line may take; the sources past it are counted."""


def sources_line(changes: Sequence[Change]) -> str:
    """``Source: [LiteLLM 1.110.2](https://...) (2026-11-20)``: each source once, linked, with the date of the
    newest change recorded from it; as many as fit in ``SOURCES_ROOM``, the others counted."""
    sources: dict[str, tuple[str, dt.date]] = {}
    for change in changes:
        title, day = sources.setdefault(change.source_url, (change.source, change.date))
        sources[change.source_url] = (title, max(day, change.date))
    links = [f"{link(title, url)} ({day.isoformat()})" for url, (title, day) in sources.items()]
    start = "Source: " if len(links) == 1 else "Sources: "
    for count in range(len(links), 0, -1):
        rest = f" and {len(links) - count} more (/changes links them)" if count < len(links) else ""
        line = start + ", ".join(links[:count]) + rest
        if len(line) <= SOURCES_ROOM:
            return line
    return f"{start}{len(links)}, each too long to show here: /changes links them"


def title_of(batch: AlertBatch) -> str:
    changes = batch.changes
    kinds = {c.kind for c in changes}
    if len(kinds) == 1 and next(iter(kinds)) in KIND_TITLES:
        one, many = KIND_TITLES[next(iter(kinds))]
        what = one if len(changes) == 1 else f"{len(changes)} {many}"
    else:
        what = "1 change" if len(changes) == 1 else f"{len(changes)} changes"
    models = {c.model_name for c in changes}
    subject = next(iter(models)) if len(models) == 1 else batch.watch.label
    return plain(f"{subject}: {what}")[: limits.EMBED_TITLE]


def alert_embed(
    batch: AlertBatch,
    effects: Sequence[tuple[str, WorkloadEffect]] = (),
    workload: str | None = None,
    when: dt.datetime | None = None,
    saved: bool = True,
) -> discord.Embed:
    """The embed for ``batch``; ``effects`` as (model name, effect) at the server's ``workload`` (in words;
    ``saved`` False: the default workload, the server having saved none).

    The sources come last and are never cut: the change lines and the workload's lines take the room they
    leave, and what does not fit is counted."""
    tail = sources_line(batch.changes)
    budget = limits.EMBED_DESCRIPTION - len(tail) - 2  # a blank line before the sources
    lines: list[str] = []
    used = 0
    shown = 0
    more = len(f"…and {len(batch.changes)} more: /changes lists them all.") + 1
    for change in batch.changes:
        line = change_line(change)
        if used + len(line) + 1 > min(ROOM, budget - more):
            break
        lines.append(line)
        used += len(line) + 1
        shown += 1
    if shown < len(batch.changes):
        lines.append(f"…and {len(batch.changes) - shown} more: /changes lists them all.")
        used += len(lines[-1]) + 1
    if effects and workload:
        whose = "this server's workload" if saved else "the default workload (/settings workload sets yours)"
        header = f"At {whose} ({inert(workload)}):"
        room = budget - used - len(header) - 2
        chosen = []
        for model_name, effect in effects:
            line = effect_line(model_name, effect)
            if room - len(line) - 1 < 0:
                break
            chosen.append(line)
            room -= len(line) + 1
        if chosen:
            lines += ["", header, *chosen]
    lines += ["", tail]
    description = "\n".join(lines)
    embed = discord.Embed(title=title_of(batch), description=description, colour=COLOUR, timestamp=when)
    threshold = f", price changes of {batch.watch.threshold.normalize():f}% or more" if batch.watch.threshold is not None else ""
    footer = f"Watching {batch.watch.label}{threshold} · catalog version {batch.version_id} · /watch list"
    embed.set_footer(text=plain(footer)[: limits.EMBED_FOOTER])
    return embed
