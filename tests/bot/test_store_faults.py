"""The database drops while the bot serves (issue 10), on a PostgreSQL of its own that the test stops and
starts: commands that need no database keep working (a server's cached settings still apply); those that
need it answer ephemerally that settings are unavailable right now; nothing crashes; once the database is
back the bot uses it again by itself, and alerts queued meanwhile are posted."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from catalog.store import Store
from catalog.store.servers import Workload
from tests import pg
from tests.bot.stored_world import refused, simcord_bot, text_of, world  # noqa: F401 - fixtures

BUSY = Workload(50_000, "day", 1_200, 400, Decimal("0.3"), Decimal("0"))


@pytest.fixture
def cluster(pg_cluster):  # pg_cluster: skipped (or failed under CI) where PostgreSQL cannot run
    own = pg.Cluster.start()
    yield own
    own.stop()


@pytest.fixture
async def store(cluster):  # in place of stored_world's: this test's own cluster, which it stops and starts
    async with Store.open(cluster.url()) as opened:
        yield opened


async def test_a_database_that_drops_while_serving(world, store, cluster):
    await world.alice.slash(world.channel, "settings workload", requests=50_000, per="day", input_tokens=1200, output_tokens=400, cached=0.3)
    await asyncio.to_thread(cluster.pause)
    try:
        cost = await world.bob.slash(world.channel, "cost", model="openai/gpt-4.1-mini")  # the cached settings
        assert cost.response.content == "-# At this server's workload (/settings show)."
        assert "50,000 requests a day" in text_of(cost)
        model = await world.bob.slash(world.channel, "model", name="grok 4.3")  # needs no database at all
        assert model.response.embeds[0].title == "Grok 4.3"
        assert "unavailable right now" in refused(world, await world.alice.slash(world.channel, "settings show"))
        assert "unavailable right now" in refused(world, await world.alice.slash(world.channel, "watch add", target="everything"))
        other = world.env.create_guild()  # a server whose settings were never read: the defaults, said so
        room = other.create_text_channel("general")
        carol = other.add_member(world.env.create_user("carol"))
        fallback = await carol.slash(room, "cost", model="openai/gpt-4.1-mini")
        assert "settings are unavailable right now" in fallback.response.content
    finally:
        await asyncio.to_thread(cluster.resume)
    shown = await world.alice.slash(world.channel, "settings show")  # reconnected by itself
    assert "50,000 requests a day" in text_of(shown)
    added = await world.alice.slash(world.channel, "watch add", target="everything")
    assert "Watching everything" in added.response.content
