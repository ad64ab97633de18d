"""bot.charts: the bot's charts are drawn in a worker process of their own, replaced when it dies, and a
chart beyond the waiting limit is left out instead of queued."""

from __future__ import annotations

import asyncio
import os
import signal
import time

import pytest

from bot.charts import ChartDrawer, ChartsBusy
from catalog.loader import Catalog
from engine.chart import cost_chart, draw
from engine.cost.traffic import DEFAULT_TRAFFIC

PNG = b"\x89PNG\r\n\x1a\n"


def _pid() -> int:
    return os.getpid()


def _slow(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


@pytest.fixture
async def drawer():
    charts = ChartDrawer(max_waiting=2)
    yield charts
    charts.close()


async def test_a_chart_is_drawn_in_another_process(drawer, bundled: Catalog):
    png = await drawer.run(draw, cost_chart([bundled.get("openai/gpt-4.1-mini"), bundled.get("xai/grok-4.3")], DEFAULT_TRAFFIC))
    assert png.startswith(PNG)
    worker = await drawer.run(_pid)
    assert worker != os.getpid()
    assert await drawer.run(_pid) == worker  # one worker, kept between charts


async def test_a_worker_that_dies_is_replaced_at_the_next_chart(drawer):
    worker = await drawer.run(_pid)
    os.kill(worker, signal.SIGKILL)
    with pytest.raises(OSError, match="stopped"):
        await drawer.run(_slow, 0.0)  # the pool finds its worker gone
    again = await drawer.run(_pid)
    assert again not in (worker, os.getpid())


async def test_charts_beyond_the_waiting_limit_are_left_out(drawer):
    first = asyncio.ensure_future(drawer.run(_slow, 1.0))
    second = asyncio.ensure_future(drawer.run(_slow, 0.0))
    await asyncio.sleep(0)  # both waiting now
    with pytest.raises(ChartsBusy):
        await drawer.run(_pid)
    assert await first and await second
    assert drawer.waiting == 0
    assert await drawer.run(_pid)  # room again
