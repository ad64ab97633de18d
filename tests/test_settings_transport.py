"""/settings through the real discord.py stack and the loopback fake Discord, on a real store: a member
without Manage Server who sends the command anyway (a forged request, or a server whose admins let everyone
see it) is refused ephemerally and nothing is stored; a manager's workload is stored and used by /cost."""

from __future__ import annotations

import pytest

from bot.app import create_bot
from catalog.store import Store
from catalog.store.servers import ServerSettings
from tests.fake_discord import FakeDiscord
from tests.fake_discord.server import EVERYONE_PERMISSIONS, MANAGER_PERMISSIONS
from tests.test_transport import check_sent, running

FLAG_EPHEMERAL = 1 << 6


@pytest.fixture
async def live(database_url, bundled):
    async with FakeDiscord() as fake, Store.open(database_url) as store:
        bot = create_bot(bundled, dev_guild=fake.guild_id)
        bot.store = store
        async with running(bot, fake):
            yield fake, store


async def test_without_manage_server_the_command_is_refused_and_nothing_stored(live):
    fake, store = live
    payload = fake.command_interaction("settings workload", {"requests": 5}, permissions=EVERYONE_PERMISSIONS)
    callback, _ = await fake.interact(payload)
    check_sent(callback)
    data = callback.body["data"]
    assert data["flags"] & FLAG_EPHEMERAL and "Manage Server" in data["content"]
    assert await store.servers.settings(fake.guild_id) == ServerSettings(fake.guild_id)


async def test_a_managers_workload_is_stored_and_answers_use_it(live):
    fake, store = live
    payload = fake.command_interaction("settings workload", {"requests": 5, "per": "day"}, permissions=MANAGER_PERMISSIONS)
    callback, _ = await fake.interact(payload)
    check_sent(callback)
    assert (await store.servers.settings(fake.guild_id)).workload.requests == 5
    answer, _ = await fake.interact(fake.command_interaction("cost", {"model": "openai/gpt-4.1-mini"}))
    check_sent(answer)
    assert answer.body["data"]["content"] == "-# At this server's workload (/settings show)."
    assert "5 requests a day" in answer.body["data"]["embeds"][0]["description"]


FORGED_WORKLOADS = [
    ({"cached": 1.5}, "cached share must be a number from 0 to 1"),
    ({"batch": -0.25}, "batch share must be a number from 0 to 1"),
    ({"requests": -5}, "requests must be a whole number of 0 or more"),
    ({"input_tokens": 10**13}, "input tokens must be at most 100,000,000"),
    ({"per": "week"}, "per must be 'day' or 'month'"),
    ({"cached": float("nan")}, "The option cached must be a number"),  # VersusTree.interaction_check
]


@pytest.mark.parametrize("options, says", FORGED_WORKLOADS)
async def test_a_forged_workload_out_of_bounds_is_refused_ephemerally_and_nothing_stored(live, options, says):
    """Discord keeps a number within the bounds the command declares, but a forged request need not: the
    bot checks again, answers ephemerally, and stores nothing."""
    fake, store = live
    callback, _ = await fake.interact(fake.command_interaction("settings workload", options, permissions=MANAGER_PERMISSIONS))
    check_sent(callback)
    data = callback.body["data"]
    assert data["flags"] & FLAG_EPHEMERAL and says in data["content"], data
    assert await store.servers.settings(fake.guild_id) == ServerSettings(fake.guild_id)


@pytest.mark.parametrize("threshold", [-5.0, 0.0, float("nan"), float("inf"), 1e300])
async def test_a_forged_watch_threshold_is_refused_and_no_refresh_is_broken_by_it(live, threshold):
    fake, store = live
    payload = fake.command_interaction("watch add", {"target": "everything", "threshold": threshold}, permissions=MANAGER_PERMISSIONS)
    callback, _ = await fake.interact(payload)
    check_sent(callback)
    data = callback.body["data"]
    assert data["flags"] & FLAG_EPHEMERAL and "threshold must be" in data["content"], data
    assert await store.servers.watches(fake.guild_id) == []
