"""Errors a surface turns into one line and an exit status (see bot.runner and cli.main)."""

from __future__ import annotations


class StoreUnavailable(Exception):
    """A store the catalog is read from cannot be reached: a database that refuses connections or does not
    answer in time. Raise it with a message that names the store and what to check (never a password or a
    full connection URL with credentials): ``bot.runner`` ends with that one line and exit status 5, so a
    supervisor may start the bot again later."""


class StoreBehind(StoreUnavailable):
    """The store's database is at an older revision than this Versus needs, and was opened without
    migrating it (``Store.open(migrate=False)``): ``versus db upgrade`` (or an open that migrates) fixes it."""
