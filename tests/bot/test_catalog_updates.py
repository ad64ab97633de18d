"""The bot keeps its catalog current (bot/catalog_updates.py), on SQLite and on a real PostgreSQL.

A version another process stores is served; catalogs swap under load with no interaction failing; a refresh
that fails keeps the old catalog serving; the bot's own refresh serves the version it stored.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from decimal import Decimal

import pytest

from bot.catalog_updates import CatalogUpdates
from bot.servers import BotStore
from catalog import versions
from catalog.loader import Catalog
from tests.bot.conftest import acknowledge_errors
from tests.conftest import SHARED

MINI = "openai/gpt-4.1-mini"


def repriced(catalog: Catalog, model_id: str, provider: str, price: Decimal) -> list:
    """The catalog's models with one route's input price changed."""
    out = []
    for model in catalog:
        if model.id == model_id:
            routes = tuple(r.replace(input=price) if r.provider == provider else r for r in model.routes)
            model = model.replace(routes=routes)
        out.append(model)
    return out


async def store_version(url: str, models: list) -> int:
    """A version stored through a connection of its own, as another process would."""
    from catalog.store import Store

    async with Store.open(url) as other:
        record = await other.save_version(
            versions.dump(models), as_of=dt.date(2026, 11, 29), models=len(models),
            routes=sum(len(m.routes) for m in models), sources={}, summary="a test version", changes=[],
        )
    return record.id


async def until(condition, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out")


async def test_a_version_another_process_stores_is_served(world, database_url, bundled):
    bot = world.env.bot
    async with BotStore(bot, database_url), CatalogUpdates(bot, refresh_hours=0, poll_seconds=0.1):
        assert bot.state.version_id is None  # nothing stored yet: the bundled catalog
        version = await store_version(database_url, repriced(bundled, MINI, "OpenAI API", Decimal("0.30")))
        await until(lambda: bot.state.version_id == version)
        route = next(r for r in bot.catalog[MINI].routes if r.provider == "OpenAI API")
        assert route.input == Decimal("0.30")
        result = await world.alice.slash(world.channel, "model", name=MINI)
        text = str([e.to_dict() for e in result.response.embeds])
        assert "in $0.30/1M" in text


async def test_the_newest_stored_version_is_served_from_the_start(world, database_url, bundled):
    bot = world.env.bot
    version = await store_version(database_url, repriced(bundled, MINI, "OpenAI API", Decimal("0.35")))
    async with BotStore(bot, database_url), CatalogUpdates(bot, refresh_hours=0, poll_seconds=30):
        assert bot.state.version_id == version
        assert next(r for r in bot.catalog[MINI].routes if r.provider == "OpenAI API").input == Decimal("0.35")


async def test_catalogs_swap_under_load_and_no_interaction_fails(world, database_url, bundled):
    """Catalogs are swapped all the time while interactions run (SimCord runs one at a time; each awaits the
    event loop many times, and the swaps happen in between): every one is answered, none fails."""
    bot = world.env.bot
    cheaper = Catalog(repriced(bundled, MINI, "OpenAI API", Decimal("0.20")))
    async with BotStore(bot, database_url), CatalogUpdates(bot, refresh_hours=0, poll_seconds=30) as updates:
        stop = asyncio.Event()

        async def swapping() -> None:
            i = 0
            while not stop.is_set():
                i += 1
                await updates.swap(cheaper if i % 2 else bundled, i)
                await asyncio.sleep(0.001)

        task = asyncio.create_task(swapping())
        results = []
        try:
            i = 0
            while i < 30 or len(updates.loaded) < 10:  # until the catalog changed under them ten times at least
                i += 1
                if i % 2:
                    results.append(await world.alice.slash(world.channel, "compare", model_a=MINI, model_b="xai/grok-4.3"))
                else:
                    results.append(await world.bob.slash(world.channel, "cost", model=MINI))
        finally:
            stop.set()
            await task
    assert all(r.acknowledged and not r.ephemeral and r.response.embeds for r in results)
    assert acknowledge_errors(world.env) == []
    assert len(results) >= 30 and len(updates.loaded) >= 10


async def test_a_refresh_that_fails_keeps_the_old_catalog_and_logs_one_line(world, database_url, bot_log):
    bot = world.env.bot

    async def broken(store):
        raise OSError("the network is down")

    async with BotStore(bot, database_url), CatalogUpdates(bot, refresh_hours=0, refresh=broken) as updates:
        before = bot.state
        assert await updates.refresh_once() is None
        assert bot.state is before
    lines = [r.getMessage() for r in bot_log.records if r.name == "bot.catalog" and r.levelno >= logging.WARNING]
    assert lines == ["catalog refresh failed (OSError: the network is down); still serving the catalog loaded before"]


async def test_the_bots_own_refresh_serves_the_version_it_stored(world, database_url):
    release = SHARED / "data" / "litellm-history" / "1.105.0.json"
    if not release.is_file():
        pytest.skip("needs ../shared/data/litellm-history/1.105.0.json, only beside the checkout in CI and on developer machines")
    from catalog.refresh import refresh

    bot = world.env.bot

    async def from_the_release(store):
        return await refresh(store, {"litellm": str(release)})

    async with BotStore(bot, database_url), CatalogUpdates(bot, refresh_hours=0, refresh=from_the_release) as updates:
        version = await updates.refresh_once()
        assert version is not None and bot.state.version_id == version
        newest = await bot.store.latest_version()
        assert newest.id == version and "prices changed" in newest.summary
