"""Charts drawn in a process of their own: the one place the bot draws a PNG (/cost's and /history's).

matplotlib and what drawing leaves behind do not live in the bot's process. Measured at bundled size
(bench/results/servers.md): the first chart imports matplotlib (about 50 MB); after some thirty charts
of different models glibc holds about 60 MB more that it does not hand back. In the bot's own process
that took its peak from about 115 MB to about 300 MB under a mix of commands. Drawing also takes about
200 ms of CPU a chart, which in a thread would compete with the event loop for the GIL.

So ``ChartDrawer`` keeps one worker process (started at the first chart, with ``spawn``: a fresh
interpreter, nothing of the bot's state copied), replaced after ``CHARTS_PER_WORKER`` charts so its memory
stays what a fresh one reaches, and replaced at the next chart if it dies. Charts are drawn one at a
time; when ``MAX_WAITING`` are already waiting a new one is not drawn (the reply stands without it and
the log says so): a chart is an extra to an answer already sent, not worth an ever longer queue.
"""

from __future__ import annotations

import asyncio
import io
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

import discord

log = logging.getLogger(__name__)

CHARTS_PER_WORKER = 200
MAX_WAITING = 8

T = TypeVar("T")


class ChartsBusy(Exception):
    """Too many charts are waiting to be drawn; this one is left out."""


class ChartDrawer:
    """The bot's chart worker: ``await drawer.run(draw, chart)`` runs ``draw(chart)`` in it."""

    def __init__(self, max_waiting: int = MAX_WAITING, charts_per_worker: int = CHARTS_PER_WORKER) -> None:
        self.max_waiting = max_waiting
        self.charts_per_worker = charts_per_worker
        self.waiting = 0
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                max_tasks_per_child=self.charts_per_worker,
            )
        return self._pool

    async def run(self, draw: Callable[..., T], *args: object) -> T:
        """``draw(*args)`` in the worker process (``draw`` and ``args`` must pickle). Raises ``ChartsBusy``
        when ``max_waiting`` charts are waiting already, ``OSError`` when the worker died drawing it."""
        if self.waiting >= self.max_waiting:
            raise ChartsBusy(f"{self.waiting} charts are waiting to be drawn")
        self.waiting += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor(), draw, *args)
        except BrokenProcessPool:
            self._pool = None  # the next chart starts a new worker
            raise OSError("the chart worker process stopped while drawing") from None
        finally:
            self.waiting -= 1

    async def attach(self, interaction: discord.Interaction, draw: Callable[[Any], bytes], chart: object, filename: str) -> None:
        """Draw ``chart`` here and add it to ``interaction``'s reply, already sent: the answer never waits for
        it. A chart that cannot be drawn or sent, or is left out while others wait, leaves the reply as it
        is, and the log says why."""
        try:
            png = await self.run(draw, chart)
            await interaction.edit_original_response(attachments=[discord.File(io.BytesIO(png), filename=filename)])
        except (discord.HTTPException, ValueError, OSError, ChartsBusy) as error:
            log.warning("the chart %s was not attached to interaction %s: %s", filename, interaction.id, error)

    def close(self) -> None:
        """Stop the worker (charts not yet drawn are dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
