"""/top through SimCord: the ranking embed, its options, autocomplete and errors."""

from __future__ import annotations

from catalog.schema import Tri
from engine import numbers
from engine.rank import make_filters, rank
from tests.bot.conftest import acknowledge_errors
from tests.bot.test_autocomplete import assert_valid


async def test_top_by_context_with_a_capability(world, catalog):
    result = await world.alice.slash(world.channel, "top", by="context", capability="vision", limit=5)
    assert not result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "Largest context window, with vision"
    expected = rank(catalog.models, "context", make_filters(capabilities=["vision"]), limit=5)
    for entry in expected.entries:
        assert numbers.count(entry.value) in embed.description
    assert "source" in embed.description and "Ranked on context window" in embed.footer.text


async def test_top_cost_at_the_given_workload(world):
    result = await world.alice.slash(world.channel, "top", input_tokens=20_000, requests=50_000, period="day", limit=3)
    description = result.response.embeds[0].description
    assert "Priced at 50,000 requests a day of 20,000 input and 250 output tokens each" in description


async def test_top_by_benchmark_and_open_weights(world, catalog):
    result = await world.alice.slash(world.channel, "top", by="swe-bench verified", open_weights=True, limit=3)
    embed = result.response.embeds[0]
    assert embed.title == "Highest SWE-bench Verified, with open weights"
    expected = rank(catalog.models, "benchmark", make_filters(open_weights=True), benchmark="SWE-bench Verified", limit=3)
    for entry in expected.entries:
        assert catalog.get(entry.model.id).open_weights is Tri.YES
        assert entry.text in embed.description


async def test_top_refuses_an_unknown_measure_ephemerally(world):
    result = await world.alice.slash(world.channel, "top", by="latency")
    assert result.ephemeral and result.response.content.startswith("by must be one of: cost, input, output")
    acknowledge_errors(world.env)


async def test_top_refuses_an_unknown_vendor(world):
    result = await world.alice.slash(world.channel, "top", vendor="nobody")
    assert result.ephemeral and "no vendor 'nobody'" in result.response.content
    acknowledge_errors(world.env)


async def test_top_by_autocompletes_measures_and_benchmarks(world):
    everything = await world.alice.autocomplete(world.channel, "top", "by", "")
    assert_valid(everything)
    assert [c["value"] for c in everything][:6] == ["cost", "input", "output", "context", "max-output", "released"]
    bench = await world.alice.autocomplete(world.channel, "top", "by", "swe")
    assert bench and all("swe" in c["name"].lower() for c in bench)
