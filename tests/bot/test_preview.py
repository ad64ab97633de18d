"""``discord_bodies``: the exact bodies the bot sends, valid against Discord's contract."""

from __future__ import annotations

import copy

import pytest

from bot.preview import discord_bodies
from engine import compare, estimate, make_traffic
from engine.faq import ask
from tests import discord_contract as contract

SPEC = contract.spec_available()


def without_custom_ids(body):
    body = copy.deepcopy(body)
    for row in body["data"].get("components", []):
        for item in row["components"]:
            item.pop("custom_id", None)
    return body


def check(bodies):
    assert bodies
    for body in bodies:
        contract.validate_callback(body, require_spec=SPEC)
        contract.check_mentions_off(body)


def test_model_body(catalog):
    bodies = discord_bodies(catalog["openai/gpt-4.1-mini"])
    assert len(bodies) == 1 and bodies[0]["type"] == 4
    assert bodies[0]["data"]["embeds"][0]["title"] == "GPT-4.1 Mini"
    check(bodies)


def test_comparison_bodies_cover_every_section(catalog):
    result = compare([catalog["openai/gpt-4.1-mini"], catalog["xai/grok-4.3"]])
    bodies = discord_bodies(result)
    assert [b["type"] for b in bodies][:1] == [4] and {b["type"] for b in bodies[1:]} == {7}
    titles = [b["data"]["embeds"][0]["title"] for b in bodies]
    for label in ("Overview", "Pricing", "Specs", "Benchmarks", "FAQ"):
        assert any(label in t for t in titles)
    check(bodies)


def test_cost_and_faq_bodies(catalog):
    models = [catalog["openai/gpt-4.1-mini"], catalog["xai/grok-4.3"]]
    check(discord_bodies(estimate(models, make_traffic(cached_share="0.5"))))
    check(discord_bodies(ask("is grok 4.3 cheaper than gpt-4.1 mini?", catalog)))


def test_footers_come_from_the_result_not_the_catalog(catalog):
    """A cost estimate and an answer carry their sources and dates: the footer says what they carry, so a
    result whose sources differ from the catalog's is cited as the result says."""
    import datetime as dt

    from engine.results import Source

    models = [catalog["openai/gpt-4.1-mini"], catalog["xai/grok-4.3"]]
    elsewhere = Source(title="A page", url="https://example.org/prices", date=dt.date(2026, 1, 2), how="checked")
    for result in (estimate(models), ask("is grok 4.3 cheaper than gpt-4.1 mini?", catalog)):
        footer = discord_bodies(result)[0]["data"]["embeds"][0]["footer"]["text"]
        assert footer.startswith("Data as of: ") and "openrouter.ai" in footer
        moved = result.replace(sources=(elsewhere,), updated=(dt.date(2026, 1, 2),) * 2)
        footer = discord_bodies(moved)[0]["data"]["embeds"][0]["footer"]["text"]
        assert "example.org" in footer and "openrouter.ai" not in footer and "2026-01-02" in footer


def test_unknown_result_type():
    with pytest.raises(TypeError):
        discord_bodies("not a result")


async def test_preview_matches_what_the_bot_sends(world, catalog):
    reply = await world.alice.slash(world.channel, "compare", model_a="openai/gpt-4.1-mini", model_b="xai/grok-4.3")
    await world.alice.select(reply.response, ["pricing"])
    sent = [r.json for r in world.env.http_requests if r.path.endswith("/callback")]
    result = compare([catalog["openai/gpt-4.1-mini"], catalog["xai/grok-4.3"]])
    preview = discord_bodies(result)
    assert without_custom_ids(sent[-2]) == without_custom_ids(preview[0])
    assert without_custom_ids(sent[-1]) == without_custom_ids(preview[1])


async def test_every_body_checked(world):
    from tests.bot.conftest import validate_sent

    await world.alice.slash(world.channel, "model", name="xai/grok-4.3")
    assert validate_sent(world.env) >= 2  # the command list and the reply
