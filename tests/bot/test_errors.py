"""Every error path answers ephemerally and briefly; a failure logs its traceback; nothing pings."""

from __future__ import annotations

import logging
import re

import pytest

from bot.errors import FAILED, UserError
from tests.bot.conftest import acknowledge_errors


def user_errors(env) -> list[UserError]:
    return [e.__cause__ or e for e in acknowledge_errors(env)]


async def test_unknown_model(world):
    result = await world.alice.slash(world.channel, "model", name="zzqqxx")
    assert result.ephemeral
    assert result.response.content.startswith("no model matches 'zzqqxx'")
    assert isinstance(user_errors(world.env)[0], UserError)


async def test_unknown_model_suggests(world):
    result = await world.alice.slash(world.channel, "compare", model_a="gpt-4.1-mini-typo", model_b="xai/grok-4.3")
    assert result.ephemeral
    text = result.response.content
    assert "no model matches" in text or "more than one model" in text
    assert "did you mean:" in text
    acknowledge_errors(world.env)


async def test_ambiguous_model(world):
    result = await world.alice.slash(world.channel, "model", name="mini")
    assert result.ephemeral
    assert "could be more than one model; did you mean:" in result.response.content
    acknowledge_errors(world.env)


async def test_a_family_with_no_one_newest_model_names_its_members(world, catalog):
    result = await world.alice.slash(world.channel, "model", name="gpt")
    assert result.ephemeral
    text = result.response.content
    assert "'gpt' is a family" in text and "name one:" in text
    named = re.findall(r"\(([\w./-]+)\)", text)
    assert len(named) >= 2 and all(catalog.get(i) is not None and i.startswith("openai/gpt-") for i in named)
    acknowledge_errors(world.env)


async def test_echoed_text_cannot_ping_or_format(world):
    result = await world.alice.slash(world.channel, "model", name="@everyone **<@&1234567890123456789>**")
    text = result.response.content
    assert "@everyone" not in text  # escaped with a zero-width space
    assert "\\*\\*" in text and "<@&1234567890123456789>" not in text
    acknowledge_errors(world.env)
    # and the body carried allowed_mentions with nothing to parse (checked for every body by the fixture)


async def test_same_model_twice(world):
    result = await world.alice.slash(world.channel, "compare", model_a="xai/grok-4.3", model_b="grok 4.3")
    assert result.ephemeral and "named twice" in result.response.content
    acknowledge_errors(world.env)


async def test_impossible_traffic(world):
    result = await world.alice.slash(world.channel, "cost", model="xai/grok-4.3", input_tokens=0, output_tokens=0)
    assert result.ephemeral
    assert "needs some tokens" in result.response.content
    acknowledge_errors(world.env)


async def test_input_larger_than_the_context_window(world):
    result = await world.alice.slash(world.channel, "cost", model="openai/gpt-4.1-mini", input_tokens=5_000_000)
    assert result.ephemeral
    assert result.response.content == (
        "Impossible traffic: 5,000,000 input tokens per request do not fit GPT-4.1 Mini's context window of 1,047,576 tokens."
    )
    acknowledge_errors(world.env)


async def test_input_no_tracked_route_takes(world, bundled):
    # A model whose own window is larger than any of its routes' (GPT-5 Chat: 400,000 against 128,000).
    model = next(
        m for m in bundled
        if m.context_window and all(r.context_window for r in m.routes if r.sold)
        and max(r.context_window for r in m.routes if r.sold) < m.context_window
    )
    largest = max(r.context_window for r in model.routes if r.sold)
    tokens = (largest + model.context_window) // 2
    result = await world.alice.slash(world.channel, "cost", model=model.id, input_tokens=tokens)
    assert result.ephemeral
    assert result.response.content == (
        f"Impossible traffic: {tokens:,} input tokens per request do not fit any tracked route of {model.name} "
        f"(the largest context window among them is {largest:,} tokens)."
    )
    acknowledge_errors(world.env)


@pytest.mark.parametrize(
    ("option", "value"),
    [("cached_share", 1.5), ("batch_share", -0.1), ("input_tokens", -1), ("requests", 0), ("output_tokens", 10**12)],
)
async def test_out_of_range_numbers_are_refused_by_the_option_limits(world, option, value):
    """Discord itself refuses these (the options declare min_value/max_value); SimCord enforces the same."""
    from simcord import OptionError

    with pytest.raises(OptionError, match=option):
        await world.alice.slash(world.channel, "cost", model="xai/grok-4.3", **{option: value})


async def test_unknown_vendor(world):
    result = await world.alice.slash(world.channel, "models", vendor="<@123> nobody")
    assert result.ephemeral and "no vendor" in result.response.content and "xAI" in result.response.content
    acknowledge_errors(world.env)


async def test_exception_inside_a_command(world, monkeypatch, caplog):
    import bot.exts.compare as module

    def broken(*args, **kwargs):
        raise RuntimeError("engine exploded: secret detail")

    monkeypatch.setattr(module, "compare", broken)
    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        result = await world.alice.slash(world.channel, "compare", model_a="openai/gpt-4.1-mini", model_b="xai/grok-4.3")
    assert result.ephemeral
    assert result.response.content == FAILED
    assert "secret detail" not in result.response.content
    record = next(r for r in caplog.records if r.name == "bot.errors")
    assert record.exc_info and "engine exploded" in caplog.text and "Traceback" in caplog.text
    assert isinstance(acknowledge_errors(world.env)[0].__cause__, RuntimeError)


async def test_exception_inside_a_view(world, monkeypatch, caplog):
    result = await world.alice.slash(world.channel, "compare", model_a="openai/gpt-4.1-mini", model_b="xai/grok-4.3")
    from bot.views import BookView

    def broken(self, chapter, page):
        raise RuntimeError("view exploded")

    monkeypatch.setattr(BookView, "turn", broken)
    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        clicked = await world.alice.select(result.response, ["pricing"])
    assert clicked.ephemeral and clicked.response.content == FAILED
    assert "view exploded" in caplog.text
    acknowledge_errors(world.env)
