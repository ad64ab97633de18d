"""Every model option autocompletes with the resolver: at most 25 choices of at most 100 characters, fast."""

from __future__ import annotations

import time

import pytest

from bot import limits

MODEL_OPTIONS = [
    ("compare", "model_a"), ("compare", "model_b"), ("compare", "model_c"), ("compare", "model_d"),
    ("cost", "model"), ("cost", "model_2"), ("cost", "model_3"), ("cost", "model_4"),
    ("model", "name"),
]


def assert_valid(choices: list[dict]) -> None:
    assert len(choices) <= limits.AUTOCOMPLETE_CHOICES
    for choice in choices:
        assert 1 <= len(choice["name"]) <= limits.CHOICE_NAME
        assert 1 <= len(choice["value"]) <= limits.CHOICE_VALUE


@pytest.mark.parametrize(("command", "option"), MODEL_OPTIONS)
async def test_model_options_autocomplete(world, command, option):
    choices = await world.alice.autocomplete(world.channel, command, option, "gpt")
    assert_valid(choices)
    assert choices and all("gpt" in c["name"].lower() for c in choices)


@pytest.mark.parametrize("typed", ["", "g", "claude", "x" * 100, "<@&123> **bold**", "🙂🙂🙂", "zzzzzz"])
async def test_any_text_gets_valid_choices(world, typed):
    assert_valid(await world.alice.autocomplete(world.channel, "model", "name", typed))


async def test_empty_query_offers_models(world):
    choices = await world.alice.autocomplete(world.channel, "compare", "model_a", "")
    assert len(choices) == limits.AUTOCOMPLETE_CHOICES


async def test_choice_value_resolves(world):
    choices = await world.alice.autocomplete(world.channel, "model", "name", "grok 4.3")
    result = await world.alice.slash(world.channel, "model", name=choices[0]["value"])
    assert not result.ephemeral


async def test_vendor_autocomplete(world):
    choices = await world.alice.autocomplete(world.channel, "models", "vendor", "open")
    assert_valid(choices)
    assert "OpenAI" in [c["value"] for c in choices]


def test_choices_are_fast(simcord_bot):
    lookup = simcord_bot.lookup
    queries = ["gpt", "claude sonnet", "gem", "grok 4", "llama", "x", "mistral large", "deepseek v3"] * 25
    timings = []
    for query in queries:
        start = time.perf_counter()
        lookup.choices(query)
        timings.append(time.perf_counter() - start)
    timings.sort()
    p99 = timings[int(len(timings) * 0.99) - 1]
    assert p99 < 0.05, f"autocomplete p99 {p99 * 1000:.1f} ms"
