"""Looking a model up from typed text, shared by the command line and the bot (catalog/lookup.py)."""

from __future__ import annotations

import pytest

from catalog.lookup import look_up, miss_message
from catalog.resolver import Resolver


@pytest.fixture(scope="module")
def resolver(bundled):
    return Resolver(bundled)


def test_an_id_a_name_and_a_typo_find_the_model(bundled, resolver):
    for text in ("openai/gpt-4.1-mini", "  GPT-4.1 Mini ", "gpt 4.1 mnii"):
        found = look_up(bundled, resolver, text)
        assert found.model is bundled["openai/gpt-4.1-mini"], text
        assert not found.alternatives and not found.ambiguous


def test_a_prefix_of_several_models_is_ambiguous_with_the_candidates(bundled, resolver):
    found = look_up(bundled, resolver, "gemini 2.5")
    assert found.model is None and found.ambiguous
    assert len(found.alternatives) > 1 and all(c.id.startswith("google/") for c in found.alternatives)
    message = miss_message(found, "hint")
    # Gemini 2.5's models share a release date: a family with no one newest, its members offered.
    assert message.startswith("'gemini 2.5' is a family (no one model is its newest); name one: ")
    assert f"{found.alternatives[0].name} ({found.alternatives[0].id})" in message


def newest(bundled, pattern):
    from tests.test_faq_questions import newest_of

    return newest_of(bundled, pattern)


@pytest.mark.parametrize("text", ["claude sonnet", "claude-sonnet-latest", "Claude Sonnet"])
def test_a_family_name_is_its_newest_active_model_where_the_caller_takes_families(bundled, resolver, text):
    sonnet = newest(bundled, r"Claude Sonnet ([\d.]+)")
    found = look_up(bundled, resolver, text, families=True)
    assert found.model is sonnet and found.note.startswith(f"'claude sonnet' read as {sonnet.name}, the newest active")
    refused = look_up(bundled, resolver, text)
    assert refused.model is None and refused.alternatives[0].id == sonnet.id
    assert miss_message(refused, "hint").startswith(f"'{text}' is a family (its newest active model is {sonnet.name}); name one: ")


def test_suggestions_are_by_score_then_newest_first(bundled, resolver):
    found = look_up(bundled, resolver, "gpt-4.2 mini")
    dates = {}
    for c in found.alternatives:
        model = bundled.get(c.id)
        dates.setdefault(c.score, []).append(model.release_date)
    scores = [c.score for c in found.alternatives]
    assert scores == sorted(scores, reverse=True)
    for same in dates.values():
        known = [d for d in same if d is not None]
        assert known == sorted(known, reverse=True) and same[: len(known)] == known


def test_a_different_number_is_offered_not_matched(bundled, resolver):
    found = look_up(bundled, resolver, "gpt-4.2 mini")
    assert found.model is None and not found.ambiguous
    assert "openai/gpt-4.1-mini" in [c.id for c in found.alternatives]
    assert miss_message(found, "hint").startswith("no model matches 'gpt-4.2 mini'; did you mean: ")


def test_nonsense_and_nothing_end_with_the_hint(bundled, resolver):
    for text in ("banana phone 9000", "   "):
        found = look_up(bundled, resolver, text)
        assert found.model is None and not found.alternatives
        assert miss_message(found, "see the list") == f"no model matches '{text.strip()}'; see the list"


def test_what_is_shown_is_quoted_and_cut(bundled, resolver):
    found = look_up(bundled, resolver, "@everyone " + "x" * 300)
    message = miss_message(found, "hint", quote=lambda s: s.replace("@", "@\u200b"))
    assert "@\u200beveryone" in message and "@everyone" not in message
    assert len(message) < 200
