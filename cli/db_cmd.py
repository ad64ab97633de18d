"""``versus db upgrade``: bring the store's database (``VERSUS_DATABASE_URL``, else the embedded SQLite
file in the user's data folder) to the newest revision. The bot and every command that opens the store
also do this when they start; this is for doing it ahead, e.g. before starting several bot processes."""

from __future__ import annotations

import argparse
import asyncio

from cli.errors import CliError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "db",
        help="the database refreshed catalogs and servers' settings are kept in",
        description="The store: VERSUS_DATABASE_URL (postgresql://... or sqlite:///path), else an embedded "
        "SQLite file in the user's data folder ($XDG_DATA_HOME/versus/versus.db).",
    )
    actions = parser.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    upgrade = actions.add_parser(
        "upgrade",
        help="apply the migrations the database lacks (Alembic)",
        description="Bring the database to the newest revision (creating its tables on an empty one) and "
        "say which revision it was at. Safe to run from several places at once.",
    )
    upgrade.set_defaults(func=run_upgrade)


STORE_UNAVAILABLE = 5
"""Exit status when the database cannot be opened or migrated (as ``versus bot``'s)."""


def run_upgrade(args: argparse.Namespace) -> int:
    from catalog.store import Store, StoreUnavailable

    async def upgrade() -> tuple[str, str | None, str | None]:
        async with Store.open() as store:
            return store.display_url, store.migrated_from, store.revision

    try:
        where, before, after = asyncio.run(upgrade())
    except StoreUnavailable as exc:
        raise CliError(str(exc), code=STORE_UNAVAILABLE) from None
    if before == after:
        print(f"{where}: already at revision {after}, the newest")
    else:
        print(f"{where}: upgraded from revision {before or 'none (empty)'} to {after}, the newest")
    return 0
