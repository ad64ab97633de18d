"""/cost attaches the cost chart, drawn off the event loop; its cache_write option prices cache writes."""

from __future__ import annotations

import pytest

from engine.chart import MAX_BYTES

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def charts_on(world):
    world.env.bot.cost_charts = True


async def test_cost_reply_carries_the_chart(world):
    result = await world.alice.slash(world.channel, "cost", model="openai/gpt-4.1-mini", model_2="xai/grok-4.3")
    (attachment,) = result.response.attachments
    assert attachment.filename == "cost.png"
    data = await attachment.read()
    assert data.startswith(PNG) and 10_000 < len(data) < MAX_BYTES
    assert result.response.embeds[0].title == "Cost estimate"  # the estimate itself is unchanged


async def test_no_chart_when_turned_off(world):
    world.env.bot.cost_charts = False
    result = await world.alice.slash(world.channel, "cost", model="openai/gpt-4.1-mini")
    assert result.response.attachments == [] and result.response.embeds


async def test_a_model_that_does_not_fit_is_marked_and_the_others_priced(world):
    result = await world.alice.slash(world.channel, "cost", model="openai/gpt-4o", model_2="openai/gpt-4.1", input_tokens=300_000)
    assert not result.ephemeral
    fields = {f.name: f.value for f in result.response.embeds[0].fields}
    assert fields["GPT-4o"] == "does not fit (context 128K)"
    assert "★ cheapest" in fields["GPT-4.1"]


async def test_none_fitting_is_an_ephemeral_error(world):
    result = await world.alice.slash(world.channel, "cost", model="openai/gpt-4o", input_tokens=300_000)
    assert result.ephemeral and result.response.content.startswith("Impossible traffic: 300,000 input tokens")
    world.env.errors.clear()


async def test_cache_write_is_priced_and_stated(world):
    result = await world.alice.slash(world.channel, "cost", model="anthropic/claude-sonnet-4.5", cache_write=0.2)
    embed = result.response.embeds[0]
    assert "20% of input written to the cache" in embed.description
    notes = next(f.value for f in embed.fields if f.name.startswith("Notes"))
    assert "no cache-write price published" in notes
