"""Alembic's environment for the store.

``catalog.store.migrate`` runs Alembic on a connection it already holds, in a transaction it already
began (after taking the migration lock), and passes it as ``config.attributes["connection"]``. Run any
other way (``alembic -c ...`` by hand, or ``--sql``), this opens the database that
``VERSUS_DATABASE_URL`` names, through the async driver.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from catalog.store.tables import metadata

config = context.config


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=True,  # SQLite too: the store begins its transactions itself (BEGIN IMMEDIATE)
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_async() -> None:
    from catalog.store.url import target

    engine = create_async_engine(target().sqlalchemy_url(), poolclass=pool.NullPool)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(run)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    from catalog.store.url import target

    context.configure(url=target().sqlalchemy_url(), target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif (shared := config.attributes.get("connection")) is not None:
    run(shared)
else:
    asyncio.run(run_async())
