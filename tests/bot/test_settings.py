"""/settings through SimCord, on a real store (SQLite and PostgreSQL): who may change them, what is stored,
what bad input gets, and that nothing is stored then."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.errors import UserError
from catalog.store.servers import ServerSettings, Workload
from tests.bot.stored_world import refused, simcord_bot, store, text_of, world  # noqa: F401 - fixtures


async def test_a_manager_sets_the_workload_and_it_is_stored(world, store):
    result = await world.alice.slash(world.channel, "settings workload", requests=50_000, per="day", input_tokens=1200, cached=0.3)
    assert result.ephemeral
    assert "50,000 requests a day of 1,200 input and 250 output tokens each (30% of input from cache)" in text_of(result)
    store.servers.cache.drop(world.guild.id)
    assert (await store.servers.settings(world.guild.id)).workload == Workload(50_000, "day", 1200, 250, Decimal("0.3"), Decimal("0"))
    again = await world.alice.slash(world.channel, "settings workload", output_tokens=400)
    assert "50,000 requests a day of 1,200 input and 400 output tokens each" in text_of(again)  # the rest kept


async def test_the_workload_goes_back_to_the_defaults_and_the_rest_stays(world, store):
    await world.alice.slash(world.channel, "settings workload", requests=5, per="day")
    await world.alice.slash(world.channel, "settings providers", providers="OpenRouter")
    both = refused(world, await world.alice.slash(world.channel, "settings workload", defaults=True, requests=7))
    assert "not both" in both and (await store.servers.settings(world.guild.id)).workload.requests == 5
    world.env.errors.clear()
    result = await world.alice.slash(world.channel, "settings workload", defaults=True)
    assert "1,000,000 requests a month of 800 input and 250 output tokens each (the defaults)" in text_of(result)
    store.servers.cache.drop(world.guild.id)
    assert await store.servers.settings(world.guild.id) == ServerSettings(world.guild.id, None, ("OpenRouter",))
    cost = await world.bob.slash(world.channel, "cost", model="openai/gpt-4.1-mini")
    assert cost.response.content == "-# At this server's providers (/settings show)."


async def test_providers_are_taken_in_the_catalogs_spelling_and_cleared_with_all(world, store):
    result = await world.alice.slash(world.channel, "settings providers", providers="azure,  amazon bedrock")
    assert "Azure AI Foundry, Azure OpenAI and Amazon Bedrock" in text_of(result)  # "Azure": every Azure route
    assert (await store.servers.settings(world.guild.id)).providers == ("Azure AI Foundry", "Azure OpenAI", "Amazon Bedrock")
    cleared = await world.alice.slash(world.channel, "settings providers", providers="all")
    assert "every provider" in text_of(cleared)
    assert (await store.servers.settings(world.guild.id)).providers == ()


async def test_an_unknown_provider_is_refused_with_the_closest_and_nothing_stored(world, store):
    result = await world.alice.slash(world.channel, "settings providers", providers="Azure, Amazn Bedrok")
    text = refused(world, result)
    assert "No provider in the catalog is called 'Amazn Bedrok'" in text and "Did you mean: Amazon Bedrock" in text
    assert await store.servers.settings(world.guild.id) == ServerSettings(world.guild.id)


async def test_a_workload_without_tokens_is_refused_and_nothing_stored(world, store):
    result = await world.alice.slash(world.channel, "settings workload", input_tokens=0, output_tokens=0)
    assert "needs some tokens" in refused(world, result)
    assert await store.servers.settings(world.guild.id) == ServerSettings(world.guild.id)


async def test_the_workload_options_declare_their_bounds_to_discord(world):
    (command,) = [c for c in await world.env.bot.tree.fetch_commands() if c.name == "settings"]
    options = {o.name: o for o in next(o for o in command.options if o.name == "workload").options}
    assert (options["requests"].min_value, options["requests"].max_value) == (1, 10**12)
    assert (options["cached"].min_value, options["cached"].max_value) == (0, 1)
    assert (options["batch"].min_value, options["batch"].max_value) == (0, 1)
    assert options["input_tokens"].max_value == 100_000_000


@pytest.mark.parametrize(
    "numbers, says",
    [
        ((1000, "month", 800, 250, 1.5, 0), "cached share must be a number from 0 to 1"),
        ((1000, "month", 800, 250, 0, -0.1), "batch share must be a number from 0 to 1"),
        ((-5, "month", 800, 250, 0, 0), "requests must be a whole number of 0 or more"),
        ((0, "month", 800, 250, 0, 0), "requests must be at least 1"),
        ((1000, "month", 10**12, 250, 0, 0), "input tokens must be at most 100,000,000"),
        ((1000, "week", 800, 250, 0, 0), "per must be 'day' or 'month'"),
        ((1000, "month", 800, 250, "nan", 0), "cached share"),
    ],
)
def test_a_forged_workload_is_refused_by_the_engines_rules(numbers, says):
    from bot.servers import check_workload

    with pytest.raises(UserError) as caught:
        check_workload(*numbers)
    assert caught.value.message.startswith("Impossible workload: ") and says in caught.value.message


async def test_a_member_without_manage_server_is_refused(world, store):
    assert "settings workload" not in world.bob.available_commands(world.channel)  # default_member_permissions
    assert "settings workload" in world.alice.available_commands(world.channel)


async def test_show_and_reset(world, store):
    await store.servers.set_workload(world.guild.id, Workload(10, "day", 100, 10))
    await store.servers.save_workload(world.guild.id, "batch", Workload(5, "month", 1, 1))
    await store.servers.add_watch(world.guild.id, world.channel.id, "everything", "*", "everything")
    shown = await world.alice.slash(world.channel, "settings show")
    assert "10 requests a day of 100 input and 10 output tokens each" in text_of(shown)
    assert "batch" in text_of(shown) and "**Watches**: 1" in text_of(shown)
    reset = await world.alice.slash(world.channel, "settings reset")
    assert "1 named workload and 1 watch" in reset.response.content
    assert await store.servers.settings(world.guild.id) == ServerSettings(world.guild.id)
    assert await store.servers.workloads(world.guild.id) == [] and await store.servers.watches(world.guild.id) == []


async def test_a_server_that_removes_the_bot_loses_its_rows(world, store):
    await world.alice.slash(world.channel, "settings workload", requests=5)
    await store.servers.save_workload(world.guild.id, "kept", Workload(1, "day", 1, 1))
    await store.servers.add_watch(world.guild.id, world.channel.id, "everything", "*", "everything")
    world.env.backend.remove_guild(world.guild.id)  # kicked: Discord sends GUILD_DELETE
    await world.env.settle()
    store.servers.cache.drop(world.guild.id)
    assert await store.servers.settings(world.guild.id) == ServerSettings(world.guild.id)
    assert await store.servers.workloads(world.guild.id) == [] and await store.servers.watches(world.guild.id) == []
