"""Answers at a server's workload and providers (issue 10), through SimCord on a real store: /cost, /compare,
/faq and mentions use them unless the command gives its own, and say so; a named workload; DMs use the
defaults; settings that cannot be read give the defaults, said so."""

from __future__ import annotations

from decimal import Decimal

from catalog.store.servers import Workload
from tests.bot.stored_world import refused, simcord_bot, store, text_of, world  # noqa: F401 - fixtures

BUSY = Workload(50_000, "day", 1_200, 400, Decimal("0.3"), Decimal("0"))
BUSY_WORDS = "50,000 requests a day of 1,200 input and 400 output tokens each (30% of input from cache)"
MINI, GROK = "openai/gpt-4.1-mini", "xai/grok-4.3"


async def test_cost_without_settings_is_at_the_defaults_and_says_nothing_more(world):
    result = await world.alice.slash(world.channel, "cost", model=MINI)
    assert result.response.content in (None, "")
    assert "At 1,000,000 requests a month of 800 input and 250 output tokens each" in text_of(result)


async def test_cost_uses_the_servers_workload_and_says_so(world, store):
    await store.servers.set_workload(world.guild.id, BUSY)
    result = await world.bob.slash(world.channel, "cost", model=MINI)
    assert result.response.content == "-# At this server's workload (/settings show)."
    assert f"At {BUSY_WORDS}" in text_of(result)
    changed = await world.bob.slash(world.channel, "cost", model=MINI, requests=10)
    assert changed.response.content == "-# At this server's workload, with the options given (/settings show)."
    assert "At 10 requests a day of 1,200 input and 400 output tokens each (30% of input from cache)" in text_of(changed)


async def test_cheapest_is_among_the_servers_providers_and_the_others_are_outside(world, store):
    await store.servers.set_providers(world.guild.id, ["OpenRouter"])
    result = await world.bob.slash(world.channel, "cost", model=MINI)
    assert result.response.content == "-# At this server's providers (/settings show)."
    text = text_of(result)
    assert "bought from OpenRouter only" in text
    mini = next(f for f in result.response.embeds[0].fields if f.name == "GPT-4.1 Mini").value
    lines = {line.split("**")[1]: line for line in mini.splitlines()}
    assert "★ cheapest" in lines["OpenRouter"] and "★ cheapest" not in lines["OpenAI API"]
    assert "outside this server's providers" in lines["OpenAI API"]


async def test_a_named_workload_prices_cost_and_compare(world, store):
    await store.servers.save_workload(world.guild.id, "nightly batch", Workload(2_000_000, "month", 800, 250, Decimal(0), Decimal(1)))
    cost = await world.bob.slash(world.channel, "cost", model=MINI, workload="Nightly Batch")
    assert cost.response.content == "-# At this server's workload 'nightly batch' (/settings show)."
    assert "2,000,000 requests a month of 800 input and 250 output tokens each (100% of requests by batch)" in text_of(cost)
    compared = await world.bob.slash(world.channel, "compare", model_a=MINI, model_b=GROK, section="pricing", workload="nightly batch")
    assert compared.response.content == cost.response.content
    assert "100% of requests by batch" in text_of(compared)
    text = refused(world, await world.bob.slash(world.channel, "cost", model=MINI, workload="daily"))
    assert "No workload called 'daily'" in text and "nightly batch" in text


async def test_compare_at_the_servers_workload(world, store):
    default = text_of(await world.bob.slash(world.channel, "compare", model_a=MINI, model_b=GROK, section="pricing"))
    await store.servers.set_workload(world.guild.id, BUSY)
    result = await world.bob.slash(world.channel, "compare", model_a=MINI, model_b=GROK, section="pricing")
    assert result.response.content == "-# At this server's workload (/settings show)."
    assert "$720/month" in default and "$720/month" not in text_of(result)
    assert BUSY_WORDS in text_of(result)


async def test_faq_and_mentions_use_the_servers_workload(world, store):
    await store.servers.set_workload(world.guild.id, BUSY)
    answer = await world.bob.slash(world.channel, "faq", question="which is cheaper, gpt-4.1 mini or grok 4.3?")
    assert answer.response.content == "-# At this server's workload (/settings show)."
    assert BUSY_WORDS in text_of(answer)
    stated = await world.bob.slash(world.channel, "faq", question="how much would 1000 requests a day cost on grok 4.3?")
    assert "1,000 requests a day of 1,200 input and 400 output tokens each" in text_of(stated)  # the rest: the server's
    assert stated.response.content == "-# At this server's workload, with the question's numbers (/settings show)."
    written = await world.bob.slash(world.channel, "faq", question="what would grok 4.3 cost with 10% cache writes?")
    assert "50,000 requests a day of 1,200 input and 400 output tokens each (30% of input from cache and 10% of input written to the cache)" in text_of(written)
    assert written.response.content == stated.response.content  # a share alone is the question's number too
    me = world.env.bot.user
    await world.bob.send(world.channel, f"{me.mention} which is cheaper, gpt-4.1 mini or grok 4.3?")
    reply = world.channel.last_message
    assert reply.author.id == me.id and reply.content == "-# At this server's workload (/settings show)."
    assert BUSY_WORDS in reply.embeds[0].description


async def test_in_a_dm_the_defaults_apply(world, store):
    await store.servers.set_workload(world.guild.id, BUSY)
    result = await world.bob.user.slash("cost", model=MINI)
    assert result.response.content in (None, "")
    assert "At 1,000,000 requests a month" in text_of(result)


async def test_without_a_database_answers_use_the_defaults_and_say_why(world, store):
    await store.close()  # as while the database is unreachable and nothing is cached
    async def unreachable(guild_id):
        raise ConnectionRefusedError(111, "Connect call failed")

    store.servers.settings = unreachable
    result = await world.bob.slash(world.channel, "cost", model=MINI)
    assert "settings are unavailable right now" in result.response.content
    assert "At 1,000,000 requests a month" in text_of(result)
    text = refused(world, await world.alice.slash(world.channel, "settings show"))
    assert "settings are unavailable right now" in text


async def test_top_by_cost_ranks_at_the_servers_workload_and_providers(world, store):
    default = text_of(await world.bob.slash(world.channel, "top", by="cost"))
    await store.servers.set_workload(world.guild.id, BUSY)
    await store.servers.set_providers(world.guild.id, ["Amazon Bedrock"])
    result = await world.bob.slash(world.channel, "top", by="cost")
    assert result.response.content == "-# At this server's workload and this server's providers (/settings show)."
    assert "bought from Amazon Bedrock only" in text_of(result) and text_of(result) != default
    by_context = await world.bob.slash(world.channel, "top", by="context")
    assert by_context.response.content in (None, "")  # no workload in a ranking by context window
