"""The comparison: the seed pages' sections, with their figures right and their mistakes gone."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

from engine import SECTION_GROUPS, SECTION_KEYS, in_group
from engine.compare import compare
from tests.test_engine_support import make_model, route


@pytest.fixture(scope="module")
def seed(bundled):
    return compare([bundled["openai/gpt-4.1-mini"], bundled["xai/grok-4.3"]])


@pytest.fixture(scope="module")
def seed_420(bundled):
    return compare([bundled["openai/gpt-4.1-mini"], bundled["xai/grok-4.20"]])


def _all_text(result) -> str:
    parts = [result.summary, result.verdict]
    for section in result.sections:
        parts += [*section.text, *section.bullets]
        parts += [f.text + " " + (f.detail or "") for f in section.figures]
        parts += [a.answer for a in section.faq]
        for table in section.tables:
            parts += [row.note or "" for row in table.rows]
    return "\n".join(parts)


PAGE = [
    "summary", "scorecard", "tradeoffs", "cost", "switch", "specs", "pricing",
    "capabilities", "benchmarks", "deep_dive", "faq", "sources",
]
"""Every section, in the seed pages' order."""


def test_every_section_once_with_stable_keys(seed):
    assert [s.key for s in seed.sections] == PAGE == list(SECTION_KEYS)
    grouped = [key for keys in SECTION_GROUPS.values() for key in keys]
    assert sorted(grouped) == sorted(PAGE) and len(grouped) == len(set(grouped))
    assert seed.section("benchmarks").key == "benchmarks"
    assert [s.key for s in in_group(seed, "pricing")] == ["cost", "pricing", "switch"]


def test_seed_monthly_cost_section(seed):
    cost = seed.section("cost")
    assert [f.value for f in cost.figures] == [Decimal(720), Decimal(1625)]
    assert [f.text for f in cost.figures] == ["$720/month", "$1,625/month"]
    # every route still sold at the seed price ties; the maker's own API is named first
    assert cost.figures[0].detail == "Cheapest tracked route: OpenAI API; Azure OpenAI, OpenRouter and Replicate API cost the same"
    assert cost.figures[1].detail == (
        "Cheapest tracked route: xAI Console; Amazon Bedrock, Azure AI Foundry, Google Vertex AI, OpenRouter and "
        "Perplexity API cost the same"
    )
    assert seed.cost.gap_per_month == Decimal(905)
    assert any("$905/month" in b for b in cost.bullets)


def test_seed_blended_gap_is_about_86_cents(seed):
    prices = [b.price for b in seed.blended]
    assert prices == [Decimal("0.76"), Decimal("1.625")]
    assert prices[1] - prices[0] == Decimal("0.865")
    assert "about $0.86 ($0.865) per 1M blended tokens" in _all_text(seed)


def test_seed_routes_overlap_and_no_shared_benchmarks(seed, bundled):
    routes = seed.section("scorecard").tables[0].rows[3]
    sold = [sum(r.sold for r in bundled[m].routes) for m in ("openai/gpt-4.1-mini", "xai/grok-4.3")]
    assert [c.value for c in routes.cells] == sold == [4, 6]
    assert seed.shared_providers == ("OpenRouter",)
    assert seed.benchmark_leads == ()
    table = seed.section("benchmarks").tables[0]
    assert table.rows == () and table.empty_text == "No shared benchmark rows for these models."
    assert "Both are on OpenRouter" in _all_text(seed)


def test_seed_percentages_both_ways(seed):
    text = _all_text(seed)
    assert "68% cheaper" in text and "Grok 4.3 costs 3.1 times as much" in text
    assert "213%" not in text


def test_near_equal_context_is_no_lead(seed):
    text = _all_text(seed)
    assert "has the larger context window" not in text
    assert "about the same" in text
    row = seed.section("specs").tables[0].rows[1]
    assert [c.text for c in row.cells] == ["1.05M", "1M"]
    assert not any(c.best for c in row.cells)


def test_seed_420_benchmark_lead(seed_420):
    (lead,) = seed_420.benchmark_leads
    assert lead.benchmark == "SWE-bench Verified"
    assert lead.scores == (Decimal("23.6"), Decimal("76.7"))
    assert lead.leader.id == "xai/grok-4.20" and lead.lead == Decimal("53.1")
    row = seed_420.section("benchmarks").tables[0].rows[0]
    assert [c.text for c in row.cells] == ["23.6%", "76.7%"]
    assert row.note == "On SWE-bench Verified, Grok 4.20 leads by 53.1 points."
    assert "Grok 4.20 has the larger context window, 2M tokens" in _all_text(seed_420)


def test_verdict_is_one_true_line(seed, seed_420):
    assert seed.verdict == (
        "GPT-4.1 Mini costs $720/month at the stated traffic against $1,625 (56% less); "
        "Grok 4.3 adds reasoning and more provider routes (6 against 4)."
    )
    assert "53.1-point lead on SWE-bench Verified" in seed_420.verdict
    assert "\n" not in seed.verdict


def test_switch_friction_names_losses_and_gains_once(seed):
    bullets = seed.section("switch").bullets
    assert bullets[0].startswith("Both are on OpenRouter")
    assert any("loses code execution" in b for b in bullets)
    assert any("gains reasoning" in b for b in bullets)
    assert any("input up $0.85/1M" in b and "output up $0.90/1M" in b for b in bullets)


@pytest.mark.parametrize("ids", [("openai/gpt-4.1-mini", "xai/grok-4.3"), ("openai/gpt-4.1-mini", "xai/grok-4.20", "xai/grok-4.3")])
def test_no_bullet_twice_and_no_seed_mistakes(bundled, ids):
    result = compare([bundled[i] for i in ids])
    bullets = [b for s in result.sections for b in s.bullets]
    assert len(bullets) == len(set(bullets))
    for section in result.sections:
        assert len(section.text) == len(set(section.text))
    text = _all_text(result)
    for mistake in ("are more important", "213%", "$0.4/", "$1.6/", "$2.5/"):
        assert mistake not in text


def test_faq_section_answers_the_seed_questions(seed):
    intents = [a.intent.value for a in seed.section("faq").faq]
    assert intents == ["context", "cheaper", "open_source", "capability", "multimodal", "where"]
    where = seed.section("faq").faq[-1].answer
    assert "GPT-4.1 Mini is available on OpenAI API, Azure OpenAI, OpenRouter and Replicate API." in where


def test_sources_and_data_dates(seed, bundled):
    section = seed.section("sources")
    assert seed.updated == (bundled["openai/gpt-4.1-mini"].updated, bundled["xai/grok-4.3"].updated)
    urls = [s.url for s in section.sources]
    assert "https://replicate.com/openai/gpt-4.1-mini" in urls and len(urls) == len(set(urls))
    assert "https://github.com/BerriAI/litellm/blob/v1.110.2/model_prices_and_context_window.json" in urls


def test_unknown_never_wins():
    known = make_model("known", context_window=200_000, routes=[route("Acme API", "1.00", "2.00")], capabilities={"vision": "yes"})
    dark = make_model(
        "dark", context_window="unknown", routes=[route("Acme API", "unknown", "unknown")], capabilities={"vision": "unknown"}
    )
    result = compare([known, dark])
    text = _all_text(result)
    assert "has the larger context window" not in text
    assert "cannot say which is larger" in text
    assert "cannot say which is cheaper" in text
    assert "Only Known" not in text
    assert "for Dark it is unknown" in text
    for row in result.section("scorecard").tables[0].rows:
        assert not row.cells[1].best
    assert result.section("cost").figures[1].text == "unknown"
    assert "$0" not in result.section("cost").figures[1].text


def test_price_tie_is_a_tie():
    one = make_model("one", routes=[route("Acme API", "1.00", "2.00")])
    two = make_model("two", routes=[route("Acme API", "1.00", "2.00")])
    result = compare([one, two])
    text = _all_text(result)
    assert "cheaper on" not in text
    assert "Both cost $1.00/1M for input tokens" in text
    assert result.verdict.startswith("Both cost the same at the stated traffic ($1,300/month)")


def test_four_models_and_limits(bundled):
    extra = make_model("extra", routes=[route("Acme API", "0.10", "0.20")])
    models = [bundled["openai/gpt-4.1-mini"], bundled["xai/grok-4.3"], bundled["xai/grok-4.20"], extra]
    result = compare(models)
    assert len(result.models) == 4
    assert result.verdict.startswith("Extra costs")
    with pytest.raises(ValueError):
        compare(models[:1])
    with pytest.raises(ValueError):
        compare([models[0], models[0]])


def test_json_has_numbers(seed):
    data = json.loads(json.dumps(seed.as_dict(json=True)))
    assert data["cost"]["gap_per_month"] == 905
    assert data["blended"][1]["price"] == 1.625
    assert data["sections"][0]["key"] == "summary"


def test_a_far_cheaper_model_is_not_called_100_percent_cheaper():
    from engine.compare import compare
    from tests.test_engine_support import make_model, route

    small = make_model("small", routes=[route("Acme API", "0.04", "0.08")])
    large = make_model("large", routes=[route("Acme API", "15.00", "75.00")])
    result = compare([small, large])
    texts = [result.summary, result.verdict] + [t for s in result.sections for t in (*s.text, *s.bullets)]
    texts += [a.answer for s in result.sections for a in s.faq]
    assert not any("100% cheaper" in t or "100% less" in t for t in texts)
    assert any("99.7% cheaper" in t for t in texts)  # input: $0.04 against $15.00


def test_cached_price_of_a_model_with_no_known_price_is_unknown_not_unpublished():
    from engine.compare import compare
    from tests.test_engine_support import make_model, route

    priced = make_model("priced", routes=[route("Acme API", "1.00", "2.00")])
    dark = make_model("dark", routes=[route("Acme API", "unknown", "unknown")])
    row = next(r for r in compare([priced, dark]).section("pricing").tables[0].rows if r.key == "cached_input_price")
    assert [c.text for c in row.cells] == ["not published", "unknown"]
    assert [c.value for c in row.cells] == [None, None]


def test_cheapest_prices_in_one_pass_match_each_kind_found_alone(bundled):
    from engine import facts

    kinds = {
        facts.INPUT: lambda r: r.input,
        facts.OUTPUT: lambda r: r.output,
        facts.CACHED: lambda r: r.cached_input,
        facts.BLEND: facts.blend,
    }
    for model in bundled:
        found = facts.cheapest_prices(model)
        for kind, price_of in kinds.items():
            alone = facts.best_price(model, price_of)
            assert found[kind] == alone and str(found[kind].price) == str(alone.price), (model.id, kind)


@pytest.mark.parametrize(
    "ids",
    [
        ("openai/gpt-4.1-mini", "xai/grok-4.3"),
        ("openai/gpt-4.1-mini", "xai/grok-4.20", "anthropic/claude-sonnet-4.5"),
        ("meta/llama-3.1-8b-instruct", "openai/gpt-oss-120b", "zai/glm-5.2", "anthropic/claude-haiku-4.5"),
    ],
)
def test_some_sections_are_the_same_as_in_the_whole_comparison(bundled, ids):
    models = [bundled[i] for i in ids]
    whole = compare(models)
    for name, keys in SECTION_GROUPS.items():
        # Fresh copies: nothing worked out for the whole comparison is reused by the part.
        part = compare([copy.deepcopy(m) for m in models], sections=[*reversed(keys), "sources"])
        assert [s.key for s in part.sections] == [k for k in PAGE if k in keys or k == "sources"]
        assert in_group(part, name) == in_group(whole, name)
        assert part.section("sources") == whole.section("sources")
        same = {"title", "models", "summary", "verdict", "cost", "blended", "benchmark_leads", "shared_providers", "updated"}
        assert {k: v for k, v in part.as_dict().items() if k in same} == {k: v for k, v in whole.as_dict().items() if k in same}
        missing = next(k for k in PAGE if k not in keys and k != "sources")
        with pytest.raises(KeyError):
            part.section(missing)


def test_an_unknown_section_is_refused(bundled):
    models = [bundled["openai/gpt-4.1-mini"], bundled["xai/grok-4.3"]]
    with pytest.raises(ValueError):
        compare(models, sections=["verdict"])
    assert compare(models, sections=[]).sections == ()
