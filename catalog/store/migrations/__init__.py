"""Alembic migrations of the store (``versus db upgrade``; applied when ``Store.open(migrate=True)``)."""
