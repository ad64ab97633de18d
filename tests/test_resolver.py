"""The resolver finds the model a person means, offers ranked alternatives when unsure, and never guesses."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.resolver import SUGGEST_LIMIT, Resolver, compact, variants
from catalog.schema import Model


@pytest.fixture(scope="module")
def resolver(bundled):
    return Resolver(bundled)


@pytest.mark.parametrize(
    "query",
    [
        "gpt 4.1 mini",
        "GPT-4.1-mini",
        "gpt4.1mini",
        "openai/gpt-4.1-mini",
        "gpt-4.1-mini-2025-04-14",
        "openai/gpt-4.1-mini:free",
        "  Gpt 4.1   MINI ",
        "mini gpt 4.1",
        "gpt-4.1 mnii",
    ],
)
def test_ways_of_naming_gpt_41_mini(resolver, query):
    result = resolver.resolve(query)
    assert result.match is not None and result.match.id == "openai/gpt-4.1-mini"
    assert all(c.id != "openai/gpt-4.1-mini" for c in result.alternatives)


@pytest.mark.parametrize(
    ("query", "model_id"),
    [
        ("x-ai/grok-4.20", "xai/grok-4.20"),
        ("xai/grok-4.3", "xai/grok-4.3"),
        ("grok 4.3", "xai/grok-4.3"),
        ("sonnet 4.5", "anthropic/claude-sonnet-4.5"),
        ("claude-sonnet-4-5-20250929", "anthropic/claude-sonnet-4.5"),
        ("anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic/claude-sonnet-4.5"),
        ("command r+", "cohere/command-r-plus-08-2024"),
        ("llama 4 maverik", "meta/llama-4-maverick"),
    ],
)
def test_other_catalogs_ids_nicknames_and_typos(resolver, query, model_id):
    result = resolver.resolve(query)
    assert result.match is not None and result.match.id == model_id


def test_exact_scores_100_and_typos_less(resolver):
    assert resolver.resolve("gpt 4.1 mini").match.score == 100.0
    assert 85.0 <= resolver.resolve("gpt-4.1 mnii").match.score < 100.0


def test_two_equally_close_models_are_not_guessed(resolver):
    result = resolver.resolve("gemini 2.5")
    assert result.match is None and result.ambiguous
    ids = [c.id for c in result.alternatives]
    assert "google/gemini-2.5-pro" in ids and "google/gemini-2.5-flash" in ids
    scores = [c.score for c in result.alternatives]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("query", ["banana phone 9000", "zzqx-no-such-model", "", "   ", "!!!", "@everyone"])
def test_nonsense_never_resolves(resolver, query):
    assert resolver.resolve(query).match is None


def test_a_different_number_is_never_a_typo(resolver):
    """gpt-4.2 mini is one letter from gpt-4.1 mini; it is offered, not chosen."""
    result = resolver.resolve("gpt-4.2 mini")
    assert result.match is None
    assert result.alternatives[0].id == "openai/gpt-4.1-mini"


@pytest.mark.parametrize(
    ("query", "ambiguous"),
    [
        ("gemini 2.5", True),  # the start of Gemini 2.5 Pro and Gemini 2.5 Flash
        ("gpt", True),
        ("gpt-4.2 mini", False),  # close to GPT-4.1 Mini, but it names no model: nothing matches
        ("banana phone 9000", False),
        ("gpt 4.1 mini", False),
        ("gpt-4.1 mnii", False),
        ("", False),
    ],
)
def test_ambiguous_only_when_several_are_about_equally_close(resolver, query, ambiguous):
    result = resolver.resolve(query)
    assert result.ambiguous is ambiguous
    if ambiguous:
        assert result.match is None and len(result.alternatives) > 1


def test_no_match_with_alternatives_is_not_ambiguous(resolver):
    result = resolver.resolve("gpt-4.2 mini")
    assert result.match is None and len(result.alternatives) > 1 and not result.ambiguous


def _renamed(model, model_id, name):
    return model.replace(id=model_id, name=name, aliases=(), family=name)


def test_fuzzy_candidates_within_the_margin_are_ambiguous(bundled):
    """Two models a typo is equally close to: neither is chosen, and the answer says it could be either."""
    base = bundled["openai/gpt-4.1-mini"]
    alpha = _renamed(base, "acme/zephyr-7-alpha", "Zephyr 7 Alpha")
    resolver = Resolver([alpha, _renamed(base, "acme/zephyr-7-alpho", "Zephyr 7 Alpho")])
    result = resolver.resolve("zephyr 7 alphx")
    assert result.match is None and result.ambiguous
    assert {c.id for c in result.alternatives} == {"acme/zephyr-7-alpha", "acme/zephyr-7-alpho"}
    assert result.alternatives[0].score >= 85.0 and result.alternatives[0].score - result.alternatives[1].score < 5.0
    alone = Resolver([alpha]).resolve("zephyr 7 alphx")
    assert alone.match is not None and not alone.ambiguous


def test_alternatives_to_an_exact_match_are_its_neighbours(resolver):
    result = resolver.resolve("gpt 4.1 mini")
    ids = [c.id for c in result.alternatives]
    assert {"openai/gpt-4.1-nano", "openai/gpt-4o-mini", "openai/gpt-4.1"} <= set(ids)
    assert len(ids) <= 5 and "openai/gpt-4.1-mini" not in ids
    scores = [c.score for c in result.alternatives]
    assert scores == sorted(scores, reverse=True)
    assert not result.ambiguous


def test_json_has_no_ambiguity_key(resolver):
    """The --json shape is the issue's: match and alternatives only."""
    assert set(resolver.resolve("gemini 2.5").as_dict()) == {"match", "alternatives"}


def test_json_shape(resolver):
    data = resolver.resolve("gpt 4.1 mini").as_dict()
    assert set(data) == {"match", "alternatives"}
    assert data["match"] == {"id": "openai/gpt-4.1-mini", "name": "GPT-4.1 Mini", "score": 100.0}
    assert all(set(a) == {"id", "name", "score"} for a in data["alternatives"])
    assert resolver.resolve("banana phone 9000").as_dict() == {"match": None, "alternatives": []}


def test_suggestions_for_a_partial_name(resolver):
    names = [c.name for c in resolver.suggest("grok 4")]
    assert {"Grok 4", "Grok 4.3", "Grok 4.20"} <= set(names)
    assert all(n.startswith("Grok 4") for n in names[:14])
    assert [c.name for c in resolver.suggest("gpt-4.1 mi")][0] == "GPT-4.1 Mini"
    assert any("Sonnet" in c.name for c in resolver.suggest("sonn"))


def test_suggestions_by_words(resolver):
    """Every word typed starts a word of the model; a name with the words themselves comes first."""
    names = [c.name for c in resolver.suggest("Cl Op 4.")]
    assert names and all(n.startswith("Claude Opus 4") for n in names)
    names = [c.name for c in resolver.suggest("2")]
    assert names.index("Devstral 2") < names.index("Gemma 3 27B")
    found = resolver.suggest("gpt 4.1 mini", limit=5)
    assert found[0].id == "openai/gpt-4.1-mini" and len(found) == 5


def test_suggestions_are_bounded(resolver):
    for partial in ("", "g", "gpt", "a" * 5000, "claude"):
        found = resolver.suggest(partial)
        assert len(found) <= SUGGEST_LIMIT
        assert all(len(c.name) <= 100 for c in found)
        assert len({c.id for c in found}) == len(found)
    assert len(resolver.suggest("", limit=100)) == SUGGEST_LIMIT
    assert resolver.suggest("gpt", limit=3) and len(resolver.suggest("gpt", limit=3)) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("which is cheaper, gpt-4.1 mini or grok 4.3?", ["openai/gpt-4.1-mini", "xai/grok-4.3"]),
        ("@Versus does grok 4.3 support vision?", ["xai/grok-4.3"]),
        ("compare gpt 4.1 mnii and grok-4.20", ["openai/gpt-4.1-mini", "xai/grok-4.20"]),
        ("is GPT-4.1 Mini cheaper than gpt-4.1-mini?", ["openai/gpt-4.1-mini"]),
        ("is llama cheap?", []),
        ("what is the weather like", []),
    ],
)
def test_models_named_in_free_text(resolver, text, expected):
    assert [m.id for m in resolver.find_in_text(text)] == expected


def test_free_text_limit(resolver):
    text = "gpt-4.1 mini vs grok 4.3 vs grok 4.20 vs o3 vs claude sonnet 4.5"
    assert len(resolver.find_in_text(text, limit=4)) == 4
    assert [m.id for m in resolver.find_in_text(text, limit=2)] == ["openai/gpt-4.1-mini", "xai/grok-4.3"]


def test_a_key_two_models_claim_is_ambiguous(bundled):
    base = bundled["openai/gpt-4.1-mini"]
    twin = base.replace(id="acme/gpt-4.1-mini", aliases=())
    resolver = Resolver([base, twin])
    result = resolver.resolve("gpt 4.1 mini")
    assert result.match is None and {c.id for c in result.alternatives} == {base.id, twin.id}
    assert result.ambiguous
    assert resolver.resolve("acme/gpt-4.1-mini").match.id == twin.id


def test_normalisation():
    assert compact("GPT-4.1 Mini") == compact("gpt_4.1/mini") == "gpt4.1mini"
    assert compact("Command R+") == "commandrplus"
    assert variants("x-ai/grok-4.20:free")[-1] == "grok-4.20"
    assert variants("gpt-4o-2024-08-06")[-1] == "gpt-4o"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_an_answer_not_an_exception(resolver, text):
    result = resolver.resolve(text)
    assert result.match is None or result.match.score >= 85.0
    assert len(resolver.suggest(text)) <= SUGGEST_LIMIT
    assert len(resolver.find_in_text(text)) <= 4


def test_empty_catalog():
    resolver = Resolver([])
    assert resolver.resolve("gpt").match is None
    assert resolver.suggest("gpt") == [] and resolver.suggest("") == []
    assert resolver.find_in_text("gpt 4.1 mini") == []


def test_model_type_is_the_catalogs(bundled):
    found = Resolver(bundled).find_in_text("grok 4.3")
    assert isinstance(found[0], Model) and found[0].updated <= dt.date.today()


def _exact_names(model: Model) -> list[str]:
    """Ways to name a model exactly: its id, slug, name and aliases, and other catalogs' forms of its id."""
    slug = model.id.rsplit("/", 1)[-1]
    return [model.id, slug, model.name, *model.aliases, f"{slug}-2025-04-14", f"openrouter/{model.id}:free"]


def test_an_exact_key_is_found_without_the_fuzzy_pass_and_agrees_with_resolve(bundled, resolver):
    for model in bundled:
        for text in _exact_names(model):
            fast = resolver.named(text)
            match = resolver.resolve(text).match
            assert (fast.id if fast else None) == (match.id if match is not None and match.score >= 95.0 else None), text
    assert resolver.named("sonnet 4.5").id == "anthropic/claude-sonnet-4.5"
    assert resolver.named("gpt4.1mini-2025-04-14").id == "openai/gpt-4.1-mini"


@pytest.mark.parametrize("query", ["gpt-4.1 mnii", "gemini 2.5", "gpt-4.2 mini", "", "   ", "hello"])
def test_no_exact_key_no_fast_answer(resolver, query):
    """A typo, a prefix of several models, a different number or nothing: left to ``resolve``."""
    assert resolver.named(query) is None
