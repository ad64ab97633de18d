"""Catalog text reaches Discord as inert as user text: a model named with markdown, a link or a mention, a source
URL that would close a link early. Every body the bot would send for such a catalog (model card, comparison,
cost, FAQ, model list, autocomplete) is checked with ``tests.inertness``; only the renderer makes links."""

from __future__ import annotations

import pytest

from bot.preview import discord_bodies
from bot.safety import checked_url, echo, inert, link, plain
from catalog.loader import Catalog
from catalog.schema import Model
from tests.inertness import Hostile, check_inert, live_problems

HOSTILE = Hostile(markup=("**Free**", "__Evil__", "||spoiler||", "# Heading", "`tick`"))
NAME = "**Free** Nitro [claim](https://evil.example/login) @everyone"


@pytest.fixture(scope="module")
def hostile_catalog(bundled) -> Catalog:
    """The seed model as an importer might copy a hostile listing: every free-text field carries an injection."""
    data = bundled["openai/gpt-4.1-mini"].as_dict(json=True)
    data.update(
        id="evil/free-nitro",
        name=NAME,
        vendor="__Evil__ Corp",
        family="||spoiler|| family",
        aliases=["free nitro <@&123456789012345678>"],
        licence="`tick` <#123456789012345678> licence",
    )
    data["routes"][0]["provider"] = "||spoiler|| <@123456789012345678> API"
    data["sources"][0]["title"] = "Docs](https://evil.example/x) [more"
    data["sources"][0]["url"] = "https://docs.example/page)(https://evil.example/b"
    data["benchmarks"][0]["name"] = "# Heading https://evil.example/bench"
    hostile = Model.validate(data)
    assert hostile.name == NAME and ")" in str(hostile.sources[0].url)
    return Catalog([hostile, bundled["xai/grok-4.3"]])


def test_model_card_comparison_cost_and_faq_of_a_hostile_catalog_are_inert(hostile_catalog):
    from catalog.resolver import Resolver
    from engine import compare, estimate
    from engine.faq import ask

    evil, other = hostile_catalog["evil/free-nitro"], hostile_catalog["xai/grok-4.3"]
    results = [
        evil,
        compare([evil, other]),
        estimate([evil, other]),
        ask("is free nitro cheaper than grok 4.3?", hostile_catalog, Resolver(hostile_catalog)),
    ]
    bodies = [body for result in results for body in discord_bodies(result)]
    assert len(bodies) > 5
    check_inert(bodies, HOSTILE)
    shown = "".join(text for body in bodies for _, text in __import__("tests.inertness", fromlist=["texts"]).texts(body))
    assert "Free" in shown and "spoiler" in shown, "the hostile text is shown (escaped), not dropped"
    # The renderer still makes links of the sources it can check.
    assert "](https://platform.openai.com/docs/models/gpt-4.1-mini)" in shown


def test_model_list_and_autocomplete_of_a_hostile_catalog_are_inert(hostile_catalog):
    from bot.exts.models import describe
    from bot.lookup import ModelLookup
    from bot.render.model_card import model_list
    from catalog.resolver import Resolver

    embeds = model_list("Models", list(hostile_catalog), describe)
    check_inert([e.to_dict() for e in embeds], HOSTILE)
    choices = ModelLookup(hostile_catalog, Resolver(hostile_catalog)).choices("free")
    assert choices
    check_inert([{"choices": [{"name": c.name, "value": c.value} for c in choices]}], Hostile())


def test_the_checker_sees_what_would_be_live():
    """The checker itself: each thing it must catch, caught; each escaped form, passed."""
    live = [
        "[free nitro](https://evil.example/login)",
        "go to https://evil.example/login",
        "<https://evil.example>",
        "@everyone",
        "<@123456789012345678>",
        "<@&123456789012345678>",
        "<#123456789012345678>",
        "</help:123456789012345678>",
        "**Free** stuff",
    ]
    for text in live:
        assert live_problems({"content": text}, HOSTILE), text
    for text in live:
        assert not live_problems({"content": inert(text)}, HOSTILE), inert(text)


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://openai.com/api/pricing/", True),
        ("http://example.com/a?b=1#c", True),
        ("https://docs.example/page)(https://evil.example/b", False),
        ("https://a.example/x y", False),
        ("https://a.example/[x]", False),
        ("javascript:alert(1)", False),
        ("ftp://a.example/", False),
        ("https://", False),
        ("catalog/CURATION.md", False),
        ("https://exa\u200bmple.com/", False),
    ],
)
def test_only_checked_urls_become_links(url, ok):
    assert (checked_url(url) is not None) is ok
    made = link("Title", url)
    assert made.startswith("[Title](") is ok
    assert not live_problems({"content": made}, Hostile(hosts=frozenset({"evil.example"})))


def test_inert_text_keeps_what_it_says():
    assert inert("GPT-4.1 Mini") == "GPT-4.1 Mini" and inert("3.5 Sonnet") == "3.5 Sonnet"
    assert inert("a_b *c*") == "a\\_b \\*c\\*"
    assert inert("# Big") == "\\# Big" and inert("-# small") == "\\-# small" and inert("1. first") == "1\\. first"
    assert inert("x \u202eevil") == "x evil", "a right-to-left override would reverse the bot's own text after it"
    assert plain("@here https://a.example") == "@\u200bhere https:\u200b//a.example"
    assert echo("x" * 500) == "x" * 79 + "…"
