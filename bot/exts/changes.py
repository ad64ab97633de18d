"""/changes [vendor] [since]: what is new or changed in the catalog, newest first, each with its source.

The changes are those bundled with Versus (the shared snapshots' history) and those every refresh
recorded in the store; without the database only the bundled ones are shown, and the reply says so.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import VersusBot
from bot.errors import UserError
from bot.lookup import vendor_autocomplete
from bot.options import Text
from bot.render.history import changes_book
from bot.reply import respond
from bot.safety import echo
from bot.servers import timed
from catalog import history
from catalog.changes import Change
from catalog.query import vendor_named
from engine.history import newest_first

log = logging.getLogger("bot.changes")

STORED_UNAVAILABLE = "Changes recorded by refreshes are unavailable right now (the database is not answering); these are the bundled ones."


def read_since(text: str, today: dt.date) -> dt.date:
    """A date as ``2026-11-01``, or a span back from today: ``30d``, ``2w``, ``6 months``."""
    typed = " ".join(text.split()).casefold()
    try:
        return dt.date.fromisoformat(typed)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,4})\s*(d|days?|w|weeks?|m|months?)", typed)
    if match is None:
        raise UserError(f"since takes a date (2026-11-01) or a span back from today (30d, 2w, 6 months); not '{echo(text)}'.")
    count, unit = int(match[1]), match[2][0]
    days = count * {"d": 1, "w": 7, "m": 30}[unit]
    return today - dt.timedelta(days=days)


async def recorded_changes(bot: VersusBot, *, since: dt.date | None = None, model_id: str | None = None) -> tuple[list[Change], str | None]:
    """The bundled history and the store's recorded changes (oldest first, each once), and a note when the
    store's could not be read."""
    stored: list[Change] = []
    note = None
    if getattr(bot, "store", None) is not None:
        try:
            stored = await timed(bot.store.changes(since=since, model_id=model_id))
        except UserError:
            note = STORED_UNAVAILABLE
    return history.combined(history.bundled(), stored), note


class Changes(commands.Cog):
    def __init__(self, bot: VersusBot):
        self.bot = bot

    @app_commands.command(name="changes", description="What is new or changed in the catalog: prices, models, routes")
    @app_commands.describe(vendor="Only this vendor's models (e.g. anthropic)", since="From this date (2026-11-01) or span (30d, 2w)")
    @app_commands.autocomplete(vendor=vendor_autocomplete)
    async def changes(
        self,
        interaction: discord.Interaction,
        vendor: app_commands.Transform[str, Text(100, "vendor")] | None = None,
        since: app_commands.Transform[str, Text(40, "since")] | None = None,
    ) -> None:
        today = dt.datetime.now(dt.UTC).date()
        start = read_since(since, today) if since else None
        shown_vendor = None
        if vendor:
            shown_vendor = vendor_named(self.bot.catalog.models, self.bot.catalog.vendors, vendor)
            if shown_vendor is None:
                raise UserError(f"No vendor '{echo(vendor)}' in the catalog; /changes suggests them as you type.")
        everything, note = await recorded_changes(self.bot, since=start)
        found = newest_first(history.select(everything, since=start, vendor=shown_vendor))
        what = f"{shown_vendor}: changes" if shown_vendor else "Catalog changes"
        title = what + (f" since {start.isoformat()}" if start else "")
        await respond(interaction, changes_book(found, title, note))


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(Changes(bot))
