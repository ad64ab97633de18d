"""Every model option autocompletes with the resolver: at most 25 choices of at most 100 characters."""

from __future__ import annotations

import logging

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


def test_common_queries_get_matching_choices(simcord_bot):
    """What people type gets choices naming what they typed (speed is measured in bench/bench_bot.py)."""
    lookup = simcord_bot.lookup
    for query in ["gpt", "claude sonnet", "gem", "grok 4", "llama", "mistral large", "deepseek v3"]:
        choices = [c.to_dict() for c in lookup.choices(query)]
        assert_valid(choices)
        assert choices, query
        first = query.split()[0]
        assert first in choices[0]["name"].lower(), (query, choices[0])


async def test_an_exception_inside_autocomplete_is_logged_and_answers_nothing(world, monkeypatch, caplog):
    from tests.bot.conftest import acknowledge_errors

    def broken(current):
        raise RuntimeError("resolver exploded")

    monkeypatch.setattr(world.env.bot.lookup, "choices", broken)
    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        try:
            choices = await world.alice.autocomplete(world.channel, "compare", "model_a", "gpt")
        except Exception as exc:  # SimCord may report the unanswered autocomplete; never the bot's own error
            assert "resolver exploded" not in str(exc)
            choices = []
    assert not choices
    assert "resolver exploded" in caplog.text and "Traceback" in caplog.text
    assert "exploded" not in str([r.json for r in world.env.http_requests])
    acknowledge_errors(world.env).clear()
