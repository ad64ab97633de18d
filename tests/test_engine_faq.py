"""FAQ: every intent answered from data, unknowns said as unknown, what it cannot answer said so."""

from __future__ import annotations

from decimal import Decimal

import pytest

from catalog.schema import Capability
from engine.faq import SUPPORTED, answer, ask, parse
from engine.results import FaqIntent
from tests.test_engine_support import make_model, route


@pytest.fixture(scope="module")
def pair(bundled):
    return [bundled["openai/gpt-4.1-mini"], bundled["xai/grok-4.3"]]


@pytest.fixture(scope="module")
def pair_420(bundled):
    return [bundled["openai/gpt-4.1-mini"], bundled["xai/grok-4.20"]]


@pytest.mark.parametrize(
    ("question", "intent", "capability"),
    [
        ("Which is cheaper?", FaqIntent.CHEAPER, None),
        ("what does it cost per token", FaqIntent.CHEAPER, None),
        ("which has the larger context window", FaqIntent.CONTEXT, None),
        ("is it open source?", FaqIntent.OPEN_SOURCE, None),
        ("can I get the weights", FaqIntent.OPEN_SOURCE, None),
        ("does it support vision", FaqIntent.CAPABILITY, Capability.VISION),
        ("can it read images", FaqIntent.CAPABILITY, Capability.VISION),
        ("does it do reasoning", FaqIntent.CAPABILITY, Capability.REASONING),
        ("does it support tool use", FaqIntent.CAPABILITY, Capability.TOOL_USE),
        ("does it support function calling", FaqIntent.CAPABILITY, Capability.FUNCTION_CALLING),
        ("does it support structured outputs", FaqIntent.CAPABILITY, Capability.STRUCTURED_OUTPUTS),
        ("can it run code", FaqIntent.CAPABILITY, Capability.CODE_EXECUTION),
        ("is it multimodal", FaqIntent.MULTIMODAL, None),
        ("where can I run it", FaqIntent.WHERE, None),
        ("which providers offer it", FaqIntent.WHERE, None),
        ("how much would 10,000 requests cost", FaqIntent.COST, None),
        ("which scores higher on benchmarks", FaqIntent.BENCHMARK, None),
        ("when was it released", FaqIntent.RELEASE, None),
        ("what is its knowledge cutoff", FaqIntent.CUTOFF, None),
        ("write me a poem", FaqIntent.UNSUPPORTED, None),
    ],
)
def test_intents(pair, question, intent, capability):
    parsed = parse(question, pair)
    assert parsed.kind is intent
    assert parsed.capability is capability


def test_model_names_do_not_read_as_intents(bundled):
    grok = bundled["xai/grok-4.20"]
    # The alias "grok-4.20-0309-reasoning" must not make this a reasoning question.
    assert parse("where can I run grok-4.20-0309-reasoning", [grok]).kind is FaqIntent.WHERE


def test_cheaper_answer_has_percentages_both_ways(pair):
    result = answer("which is cheaper, gpt-4.1 mini or grok 4.3?", pair)
    assert result.answered and result.intent is FaqIntent.CHEAPER
    assert "68% cheaper" in result.answer and "Grok 4.3 costs 3.1 times as much" in result.answer
    assert "$905/month cheaper" in result.answer
    assert result.cost.gap_per_month == Decimal(905)


def test_context_answers(pair, pair_420):
    near = answer("which has the larger context?", pair).answer
    assert "about the same" in near and "has the larger" not in near
    far = answer("which has the larger context?", pair_420).answer
    assert far.startswith("Grok 4.20 has the larger context window, 2M tokens")


def test_capability_answers(pair):
    assert answer("does it do reasoning", pair).answer == "Only Grok 4.3 supports reasoning; GPT-4.1 Mini does not."
    assert answer("does it support vision", pair).answer == "Both support vision."
    single = answer("does it support reasoning", pair[:1])
    assert single.answer == "No: GPT-4.1 Mini does not support reasoning."


def test_unknown_capability_is_unknown_not_no():
    model = make_model("mystery", capabilities={"vision": "unknown"})
    result = answer("does it support vision", [model])
    assert "does not know" in result.answer
    assert "No:" not in result.answer


def test_where_open_source_release_cutoff(pair):
    where = answer("where can I run them", pair).answer
    assert "OpenAI API, Azure OpenAI, OpenRouter and Replicate API" in where and "Both are on OpenRouter" in where
    assert "not open source" in answer("is it open source", pair).answer
    assert answer("when was it released", pair).answer == (
        "Released: GPT-4.1 Mini 2025-04-14; Grok 4.3 2026-04-30. Grok 4.3 is newer."
    )
    assert "GPT-4.1 Mini 2024-06; Grok 4.3 2025-12" in answer("what is the knowledge cutoff", pair).answer


def test_unknown_release_and_price_are_unknown():
    model = make_model("dark", routes=[route("Acme API", "unknown", "unknown")])
    assert "unknown" in answer("when was it released", [model]).answer
    cheaper = answer("how much does it cost", [model]).answer
    assert "no known price" in cheaper and "$0" not in cheaper


def test_cost_question_reads_the_traffic(pair):
    result = answer("how much would 5k requests a day at 2000 input tokens cost?", pair)
    assert result.intent is FaqIntent.COST
    traffic = result.cost.traffic
    assert (traffic.requests, traffic.per, traffic.input_tokens, traffic.output_tokens) == (5000, "day", 2000, 250)


def test_benchmark_answers(pair_420, pair):
    named = answer("which scores higher on swe-bench?", pair_420)
    assert named.intent is FaqIntent.BENCHMARK
    assert "Grok 4.20 leads by 53.1 points" in named.answer
    assert named.table.rows[0].cells[1].best
    none_shared = answer("which scores higher on benchmarks", pair).answer
    assert none_shared.startswith("No shared benchmark rows")


def test_unsupported_lists_what_it_can_answer(pair):
    result = answer("write me a poem", pair)
    assert not result.answered and result.intent is FaqIntent.UNSUPPORTED
    assert result.suggestions == SUPPORTED


class _Resolver:
    def __init__(self, found):
        self.found = found

    def find_in_text(self, text, limit=4):
        return self.found[:limit]

    def mentions(self, text, limit=4):
        from catalog.resolver import Mention

        return text.casefold().split(), [Mention(m, 0, 0) for m in self.found[:limit]]

    def suggest(self, partial):
        return []


def test_ask_with_no_model_says_so(bundled):
    result = ask("is it cheap?", bundled, resolver=_Resolver([]))
    assert not result.answered and result.intent is FaqIntent.NO_MODEL
    assert "names no model" in result.answer and not result.suggestions
    assert 'e.g. "is grok 4.3 cheaper than gpt-4.1 mini?"' in result.answer  # an example, not arbitrary models


def test_no_model_offers_the_names_closest_to_its_words(bundled):
    result = ask("is devstra cheap?", bundled)
    assert not result.answered and result.suggestions
    assert all("Devstral" in name for name in result.suggestions)
    assert result.unrecognised == ("devstra",)  # a misspelt name is said to be one, with the closest names
    assert result.answer.startswith(f"I did not recognise 'devstra' (did you mean: {', '.join(result.suggestions)}?)")
    assert ask("hello, how are you today?", bundled).suggestions == ()


def test_ask_answers_with_found_models(bundled, pair):
    result = ask("which is cheaper?", bundled, resolver=_Resolver(pair))
    assert result.answered and [m.id for m in result.models] == [m.id for m in pair]


def test_a_cost_question_past_a_models_window_says_so_before_the_figures(bundled):
    from engine import faq

    found = faq.answer("how much would 1000 requests at 300k input tokens cost?", [bundled["openai/gpt-4o"]])
    assert found.answer.startswith("300,000 input tokens per request do not fit GPT-4o's context window of 128,000 tokens.")
    assert "GPT-4o does not fit (context 128K)" in found.answer
    assert found.cost is not None and found.cost.models[0].cheapest is None
    assert all(not r.fits for r in found.cost.models[0].routes)


def test_a_number_too_large_to_price_is_an_answer_not_an_error(bundled):
    """A 400-digit number once ended in OverflowError (float infinity); it is refused, in words."""
    from engine.faq import ask

    result = ask("how much would " + "9" * 400 + " requests a day cost on grok 4.3?", bundled)
    assert not result.answered and result.intent == "cost"
    assert result.answer.startswith("I can't price that: requests must be at most 1,000,000,000,000")
    assert len(result.answer) < 200
    tokens = ask("how much would 1000 requests of 500000000 input tokens cost on grok 4.3?", bundled)
    assert not tokens.answered and "input tokens must be at most 100,000,000" in tokens.answer


def test_answers_carry_the_sources_and_dates_they_rest_on(pair, bundled):
    result = ask("is grok 4.3 cheaper than gpt-4.1 mini?", bundled)
    models = [bundled[m.id] for m in result.models]
    assert [m.id for m in models] == ["xai/grok-4.3", "openai/gpt-4.1-mini"]
    assert result.updated == tuple(m.updated for m in models)
    urls = {s.url for s in result.sources}
    assert {str(s.url) for m in models for s in m.sources} <= urls
    assert {str(s.url) for m in models for r in m.routes for s in r.sources} <= urls
    assert result.cost is not None and result.cost.sources == result.sources
    unsupported = ask("who would win a chess game, grok 4.3 or gpt-4.1 mini?", bundled)
    assert not unsupported.answered and unsupported.updated == result.updated
    nothing = ask("which model is best for poetry?", bundled)
    assert nothing.updated == () and nothing.sources == ()
