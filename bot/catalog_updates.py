"""Keeping the bot's catalog current: its own refresh every few hours, and the versions other processes store.

While the store is open (``bot.servers.BotStore``: ``bot.store``), ``CatalogUpdates``:

* loads the store's newest catalog version at start, when there is one (else the bot serves the bundled
  catalog it started with);
* refreshes every ``VERSUS_REFRESH_HOURS`` hours (default 6; 0 turns it off), in the background: the
  refresh runs in a child process (``versus catalog refresh``, into the same store), so its parsing and
  reconciling never hold the bot's interpreter, then the new version is loaded like any other. With
  several processes on one database only one refreshes at a time (the store's refresh lock); the others
  skip their turn;
* loads every new version the store announces, whoever wrote it (PostgreSQL: at once, by LISTEN/NOTIFY;
  SQLite: polling every ``VERSUS_STORE_POLL_SECONDS``).

A new catalog replaces the old one in a single step (``VersusBot.state``): an interaction reads the state
once and finishes on the catalog it started with. Any failure keeps the old catalog serving and logs one
line.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from catalog.loader import Catalog

log = logging.getLogger("bot.catalog")

DEFAULT_REFRESH_HOURS = 6.0
CHILD_SECONDS = 15 * 60
"""How long a refresh in its child process may take before it is stopped."""


@dataclass
class Refreshed:
    """What a refresh in a child process reports (the fields of ``catalog.refresh.RefreshResult`` the bot uses)."""

    version_id: int | None
    refused: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


async def refresh_in_child(url: str | None, sources: Sequence[str] = ()) -> Refreshed:
    """``versus catalog refresh --json`` in a child process, into the store at ``url`` (None: the default
    one, as the bot has it); ``sources``: ``NAME=URL_OR_PATH`` for ``--source`` (none: the public
    addresses). Raises ``RuntimeError`` with the child's last line when it failed."""
    env = dict(os.environ)
    if url is not None:
        env["VERSUS_DATABASE_URL"] = url
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cli", "catalog", "refresh", "--json", *(f"--source={s}" for s in sources),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env,
    )
    try:
        out, err = await asyncio.wait_for(child.communicate(), CHILD_SECONDS)
    except (TimeoutError, asyncio.CancelledError):
        child.kill()
        await child.wait()
        raise
    lines = [line.removeprefix("versus: ") for line in err.decode(errors="replace").splitlines() if line.strip()]
    if child.returncode == 0:
        body = json.loads(out)
        return Refreshed(body["version"], list(body["refused"]), [line for line in lines if line.startswith("left out: ")])
    if child.returncode == 1 and any(line.startswith("nothing refreshed") for line in lines):
        from catalog.refresh import NothingRefreshed

        raise NothingRefreshed([line for line in lines if not line.startswith("nothing refreshed")])
    if child.returncode == 1 and any("another process is refreshing" in line for line in lines):
        from catalog.refresh import RefreshBusy

        raise RefreshBusy(lines[-1])
    raise RuntimeError(lines[-1] if lines else f"the refresh ended with status {child.returncode}")


class CatalogUpdates:
    """The refresh and version-watching tasks (see the module's docstring)."""

    def __init__(
        self,
        bot: Any,
        *,
        refresh_hours: float = DEFAULT_REFRESH_HOURS,
        poll_seconds: float | None = None,
        store_url: str | None = None,
        refresh: Callable[..., Any] | None = None,
    ):
        self.bot = bot
        self.store_url = store_url
        self.refresh_hours = refresh_hours
        self.poll_seconds = poll_seconds
        self._refresh = refresh
        self.tasks: list[asyncio.Task[None]] = []
        self.loaded: list[int] = []  # version ids loaded, in order (for tests and the log)

    @property
    def store(self) -> Any:
        return self.bot.store

    async def __aenter__(self) -> "CatalogUpdates":
        newest = await self.store.latest_version()
        if newest is not None:
            await self.load(newest.id)
        self.tasks.append(asyncio.create_task(self._watch(), name="versus catalog watch"))
        if self.refresh_hours > 0:
            self.tasks.append(asyncio.create_task(self._every(self.refresh_hours * 3600), name="versus catalog refresh"))
        return self

    async def __aexit__(self, *exc: object) -> None:
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self.tasks.clear()

    # --- loading a version -------------------------------------------------------------------

    async def load(self, version_id: int) -> bool:
        """Serve stored version ``version_id``; False (and one log line) when it cannot be loaded."""
        from catalog import versions

        if self.bot.state.version_id is not None and version_id <= self.bot.state.version_id:
            return False
        try:
            found = await self.store.load_version(version_id)
            if found is None:
                return False
            models = await asyncio.to_thread(versions.load, found[1])
            await self.swap(Catalog(models), version_id)
        except Exception as error:  # noqa: BLE001 - the old catalog keeps serving; one line says why
            log.warning("catalog version %s not loaded (%s: %s); still serving the one loaded before", version_id, error.__class__.__name__, error)
            return False
        return True

    async def swap(self, catalog: Catalog, version_id: int | None) -> None:
        """Build the new state (resolver included) off the event loop, then replace the old in one step."""
        from bot.app import catalog_state

        state = await asyncio.to_thread(catalog_state, catalog, version_id)
        self.bot.state = state
        self.loaded.append(version_id or 0)
        log.info("serving catalog version %s: %d models", version_id, len(catalog))

    async def _watch(self) -> None:
        while True:
            try:
                async for version_id in self.store.watch_versions(self.poll_seconds):
                    await self.load(version_id)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - the database dropped: watch again shortly
                log.warning("watching for new catalog versions failed (%s); trying again in 30 s", error.__class__.__name__)
                await asyncio.sleep(30)

    # --- refreshing --------------------------------------------------------------------------

    async def _every(self, seconds: float) -> None:
        while True:
            await asyncio.sleep(seconds)
            await self.refresh_once()

    async def refresh_once(self) -> int | None:
        """One refresh; the new version's id (now served), or None. Never raises but for cancellation."""
        from catalog.errors import StoreUnavailable
        from catalog.refresh import NothingRefreshed, RefreshBusy

        run = self._refresh or (lambda store: refresh_in_child(self.store_url))
        try:
            result = await run(self.store)
        except asyncio.CancelledError:
            raise
        except RefreshBusy:
            log.info("catalog refresh skipped: another process is refreshing")
            return None
        except NothingRefreshed as error:
            log.warning("catalog refresh: no source could be fetched (%s); still serving the catalog loaded before", error)
            return None
        except StoreUnavailable as error:
            log.warning("catalog refresh failed: %s; still serving the catalog loaded before", error)
            return None
        except Exception as error:  # noqa: BLE001 - a refresh never stops the bot
            log.error("catalog refresh failed (%s: %s); still serving the catalog loaded before", error.__class__.__name__, error)
            return None
        for line in (*result.refused, *result.problems):
            log.warning("catalog refresh: %s", line)
        if result.version_id is None:
            log.info("catalog refresh: no change")
            return None
        await self.load(result.version_id)
        return result.version_id
