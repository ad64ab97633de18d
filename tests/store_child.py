"""Another process on the same store, for the tests that need two: ``python -m tests.store_child ACTION``.

The database's URL comes in ``VERSUS_DATABASE_URL``, as a real second process would get it.

- ``hold``: take the refresh lock, print ``held`` or ``refused``, then (when held) wait to be killed;
  ``VERSUS_TEST_LEASE_SECONDS`` shortens a SQLite lease (how long a dead holder keeps it).
- ``version MODELS``: write one catalog version (with one change) and print its id.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import os
import sys

from catalog.changes import Change, ChangeKind
from catalog.store import Store


async def hold() -> None:
    async with Store.open() as store:
        store.lease_seconds = float(os.environ.get("VERSUS_TEST_LEASE_SECONDS", store.lease_seconds))
        async with store.refresh_lock() as held:
            print("held" if held else "refused", flush=True)
            if held:
                await asyncio.sleep(3600)


async def version(models: int) -> None:
    async with Store.open() as store:
        record = await store.save_version(
            gzip.compress(b'{"models": []}'),
            as_of=dt.date(2026, 11, 29),
            models=models,
            routes=models * 2,
            sources={"litellm": {"label": "LiteLLM 1.110.2"}},
            summary="written by another process",
            changes=[
                Change(ChangeKind.MODEL_ADDED, "acme/other", "Other", "Acme", dt.date(2026, 11, 29), "LiteLLM 1.110.2",
                       "https://example.org/litellm")
            ],
        )
        print(record.id, flush=True)


def main(argv: list[str]) -> int:
    if argv[0] == "hold":
        asyncio.run(hold())
    elif argv[0] == "version":
        asyncio.run(version(int(argv[1])))
    else:
        print(f"unknown action {argv[0]}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
