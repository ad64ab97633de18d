"""The questions teams ask (issue 11), each form with its variants (typos, no question mark, lower and
upper case), answered from the catalog: every figure is recomputed here from the catalog, not copied.
And the property: an answer never covers fewer models than the question named unless it says which
name it did not recognise."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.resolver import Resolver
from catalog.schema import Capability, Tri
from engine import numbers
from engine.cost import make_traffic, model_cost
from engine.faq import ask
from engine.results import FaqIntent


@pytest.fixture(scope="module")
def resolver(bundled):
    return Resolver(bundled)


def asked(bundled, resolver, question):
    return ask(question, bundled, resolver)


def active(bundled):
    return [m for m in bundled.models if not m.retired]


def cheapest(model, kind):
    prices = [getattr(r, kind) for r in model.routes if r.priced and r.sold]
    return min(prices) if prices else None


def monthly(model, traffic):
    known = [r.per_month for r in model_cost(model, traffic).routes if r.known]
    return min(known) if known else None


def entry_models(result, bundled):
    return [bundled.get(e.model.id) for e in result.ranking.entries]


# --- rankings and discovery ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "cheapest model with vision and tools",
        "Cheapest model with vision and tools?",
        "which is the CHEAPEST model with vision and tool use",
        "cheapest modle with vision and tools",
    ],
)
def test_cheapest_with_capabilities(bundled, resolver, question):
    result = asked(bundled, resolver, question)
    assert result.answered and result.intent is FaqIntent.RANKING
    ranking = result.ranking
    assert ranking.measure == "cost" and set(ranking.filters.capabilities) == {"vision", "tool_use"}
    traffic = make_traffic()
    eligible = [m for m in active(bundled) if m.capabilities.vision is Tri.YES and m.capabilities.tool_use is Tri.YES]
    costs = sorted(c for c in (monthly(m, traffic) for m in eligible) if c is not None)
    assert [e.value for e in ranking.entries] == costs[: len(ranking.entries)]
    first = entry_models(result, bundled)[0]
    assert f"1. {first.name}, {numbers.usd(costs[0])}/month" in result.answer
    assert traffic.description in result.answer  # the workload it priced


@pytest.mark.parametrize(
    "question",
    [
        "best coding model under $1 per 1M output",
        "Best coding model under $1/1M output?",
        "best codng model under 1 dollar per million output",
    ],
)
def test_best_coding_model_under_a_price(bundled, resolver, question):
    result = asked(bundled, resolver, question)
    ranking = result.ranking
    assert result.answered and ranking.measure == "benchmark" and ranking.benchmark == "SWE-bench Verified"
    assert ranking.filters.max_price == 1 and ranking.filters.max_price_of == "output"
    eligible = [m for m in active(bundled) if (cheapest(m, "output") or 99) <= 1]
    scores = sorted(
        (Decimal(repr(b.score)) for m in eligible for b in m.benchmarks if b.name == "SWE-bench Verified"), reverse=True
    )
    assert [e.value for e in ranking.entries] == scores[: len(ranking.entries)]
    assert "Best at coding read as the highest SWE-bench Verified score" in result.answer


@pytest.mark.parametrize(
    "question",
    [
        "which grok has the biggest context",
        "Which Grok has the biggest context window?",
        "wich grok has the largest context",
    ],
)
def test_superlative_within_a_family(bundled, resolver, question):
    result = asked(bundled, resolver, question)
    ranking = result.ranking
    assert result.answered and ranking.measure == "context" and ranking.filters.named == "grok"
    groks = [m for m in active(bundled) if m.name.casefold().startswith("grok") and m.context_window]
    assert all(m.name.startswith("Grok") for m in entry_models(result, bundled))
    assert ranking.entries[0].value == max(m.context_window for m in groks)


@pytest.mark.parametrize(
    "question",
    [
        "what's new from deepseek",
        "Whats new from DeepSeek?",
        "what is new from deepseek",
        "anything new from deepseek",
        "What's the latest from DeepSeek?",
        "news from deepseek",
    ],
)
def test_whats_new_from_a_vendor(bundled, resolver, question):
    result = asked(bundled, resolver, question)
    assert result.answered and result.intent is FaqIntent.NEWS
    assert result.ranking.filters.vendor == "DeepSeek" and result.ranking.measure == "released"
    dates = sorted((m.release_date for m in active(bundled) if m.vendor == "DeepSeek" and m.release_date), reverse=True)
    assert [e.value for e in result.ranking.entries] == [d.isoformat() for d in dates[: len(result.ranking.entries)]]


@pytest.mark.parametrize("question", ["best open weights model for coding", "Best open-weight model for code?"])
def test_best_open_weights_for_coding(bundled, resolver, question):
    result = asked(bundled, resolver, question)
    assert result.ranking.filters.open_weights and result.ranking.benchmark == "SWE-bench Verified"
    assert all(m.open_weights is Tri.YES for m in entry_models(result, bundled))


@pytest.mark.parametrize(
    ("question", "measure", "figure"),
    [
        ("which model has the largest context window", "context", lambda m: m.context_window),
        ("Which model has the biggest context?", "context", lambda m: m.context_window),
        ("which model has the largest max output", "max-output", lambda m: m.max_output_tokens),
    ],
)
def test_largest_in_the_catalog(bundled, resolver, question, measure, figure):
    result = asked(bundled, resolver, question)
    assert result.ranking.measure == measure
    assert result.ranking.entries[0].value == max(figure(m) for m in active(bundled) if figure(m))


@pytest.mark.parametrize(
    "question", ["cheapest openai model", "Cheapest OpenAI model?", "what is the cheapest open ai model"]
)
def test_cheapest_of_a_vendor(bundled, resolver, question):
    result = asked(bundled, resolver, question)
    if "open ai" in question:  # not the vendor's spelling: a ranking of every model, said as such
        assert result.ranking.filters.vendor is None
        return
    assert result.ranking.filters.vendor == "OpenAI"
    assert all(m.vendor == "OpenAI" for m in entry_models(result, bundled))


def test_better_than_a_model_at_coding(bundled, resolver):
    result = asked(bundled, resolver, "which models are better than gpt-4.1 at coding")
    own = next(Decimal(repr(b.score)) for b in bundled["openai/gpt-4.1"].benchmarks if b.name == "SWE-bench Verified")
    assert result.answered and result.ranking.entries
    assert all(Decimal(str(e.value)) > own for e in result.ranking.entries)


def _scores(bundled, name):
    return {m.id: Decimal(repr(b.score)) for m in active(bundled) for b in m.benchmarks if b.name == name}


@pytest.mark.parametrize("question", ["which models beat gpt-4.1 at coding", "What's better than GPT-4.1 for coding?"])
def test_better_than_says_how_many_score_higher(bundled, resolver, question):
    """The count stopped at '25+' (the most one ranking shows): it is the exact count now."""
    result = asked(bundled, resolver, question)
    scores = _scores(bundled, "SWE-bench Verified")
    higher = sorted((v for v in scores.values() if v > scores["openai/gpt-4.1"]), reverse=True)
    assert f"{len(higher)} models score higher than GPT-4.1 on SWE-bench Verified" in result.answer
    assert [Decimal(str(e.value)) for e in result.ranking.entries] == higher[: len(result.ranking.entries)]


def test_better_at_coding_reads_the_coding_score_the_model_has(bundled, resolver):
    """GPT-4o reports no SWE-bench Verified score: 'better than gpt-4o at coding' was refused though it
    reports an Aider Polyglot one."""
    scores = _scores(bundled, "Aider Polyglot")
    assert "openai/gpt-4o" in scores and "openai/gpt-4o" not in _scores(bundled, "SWE-bench Verified")
    result = asked(bundled, resolver, "better than gpt-4o at coding?")
    assert result.answered and result.ranking.benchmark == "Aider Polyglot"
    assert "the catalog has no SWE-bench Verified score for GPT-4o" in result.answer
    higher = sorted((v for v in scores.values() if v > scores["openai/gpt-4o"]), reverse=True)
    assert [Decimal(str(e.value)) for e in result.ranking.entries] == higher[: len(result.ranking.entries)]
    assert f"{len(higher)} models score higher than GPT-4o on Aider Polyglot" in result.answer


def test_best_with_nothing_to_be_best_at_asks_what(bundled, resolver):
    result = asked(bundled, resolver, "which model is best for poetry?")
    assert not result.answered and result.answer.startswith("Best at what?")


# --- single facts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["what is the max output of gpt-4.1 mini", "max output gpt 4.1 mini", "What's GPT-4.1 Mini's maximum output?"],
)
def test_max_output(bundled, resolver, question):
    result = asked(bundled, resolver, question)
    model = bundled["openai/gpt-4.1-mini"]
    assert result.intent is FaqIntent.MAX_OUTPUT
    assert f"{numbers.count(model.max_output_tokens)} tokens" in result.answer


def test_parameters_known_and_unknown(bundled, resolver):
    known = next(m for m in active(bundled) if m.parameters and len(m.name.split()) >= 2)
    result = asked(bundled, resolver, f"how many parameters does {known.name} have")
    assert result.intent is FaqIntent.PARAMETERS and known.parameters in result.answer
    unknown = next(m for m in active(bundled) if m.parameters is None and m.id.startswith("openai/gpt-4.1"))
    text = asked(bundled, resolver, f"how big is {unknown.name}").answer
    assert "parameter count is unknown" in text


@pytest.mark.parametrize("question", ["what licence is llama 3.3 70b under", "Llama 3.3 70B license?"])
def test_licence(bundled, resolver, question):
    result = asked(bundled, resolver, question)
    model = bundled.get(result.models[0].id)
    assert result.intent is FaqIntent.LICENCE and model.licence in result.answer


def test_knowledge_cutoff(bundled, resolver):
    result = asked(bundled, resolver, "knowledge cutoff of gpt-4.1")
    assert result.intent is FaqIntent.CUTOFF and bundled["openai/gpt-4.1"].knowledge_cutoff in result.answer


# --- what the catalog cannot answer ---------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["what's the latency of gpt-5", "how fast is grok 4.3?", "throughput of claude sonnet 4.5 in tokens per second"],
)
def test_latency_and_throughput_are_said_plainly(bundled, resolver, question):
    result = asked(bundled, resolver, question)
    assert result.intent is FaqIntent.NOT_IN_CATALOG and not result.answered
    assert "no latency or throughput figures" in result.answer and "It can answer instead" in result.answer
    assert result.models and all(m.name in result.answer for m in result.models)


# --- names: no silent guesses ---------------------------------------------------------------------


def newest_of(bundled, pattern):
    """The newest active model whose name is ``pattern`` with a version (group 1): the newest release date,
    unless a model whose date is unknown has a higher version than every dated one."""
    members = [(m, Decimal(found.group(1))) for m in active(bundled) if (found := re.fullmatch(pattern, m.name))]
    dated = [(m, v) for m, v in members if m.release_date]
    later = [(m, v) for m, v in members if not m.release_date and v > max(v for _, v in dated)]
    if later:
        return max(later, key=lambda item: item[1])[0]
    return max(dated, key=lambda item: item[0].release_date)[0]


def test_a_later_version_of_unknown_date_is_the_newest_said_so(bundled, resolver):
    """Claude Sonnet 5.5 has no known release date and Claude Sonnet 5 was released 2026-06-30: 'claude
    sonnet' was read as Sonnet 5, 'the newest active model', though 5.5 is sold on Anthropic's API."""
    undated = [m for m in active(bundled) if re.fullmatch(r"Claude Sonnet [\d.]+", m.name) and not m.release_date]
    assert undated  # the catalog has such a model
    sonnet = newest_of(bundled, r"Claude Sonnet ([\d.]+)")
    dated = max(
        (m for m in active(bundled) if re.fullmatch(r"Claude Sonnet [\d.]+", m.name) and m.release_date),
        key=lambda m: m.release_date,
    )
    assert sonnet.release_date is None and sonnet is not dated
    result = asked(bundled, resolver, "is claude sonnet cheaper than gpt-5?")
    assert result.models[0].id == sonnet.id
    assert (
        f"'claude sonnet' read as {sonnet.name}, the newest active model of the family (release date unknown; "
        f"a later version than {dated.name}, released {dated.release_date.isoformat()})"
    ) in result.answer


def test_a_family_whose_later_versions_tie_is_asked_about(bundled, resolver):
    """'claude': Claude Haiku, Opus and Sonnet 5.5 are all later than every dated Claude, none dated."""
    result = asked(bundled, resolver, "is claude cheaper than gpt-5?")
    assert "claude" in result.unrecognised and "Which one did you mean?" in result.answer
    later = sorted(m.name for m in active(bundled) if re.fullmatch(r"Claude \w+ 5\.5", m.name) and not m.release_date)
    claude = [m for m in active(bundled) if m.name.startswith("Claude ")]
    assert len(later) > 1 and f"'claude' is a family of {len(claude)} models: {', '.join(later)}, " in result.answer
    assert [m.id for m in result.models] == ["openai/gpt-5"]


@pytest.mark.parametrize(
    "question",
    [
        "is claude sonnet cheaper than gpt-5?",
        "Is Claude Sonnet cheaper than GPT-5",
        "is claude-sonnet-latest cheaper than gpt-5",
    ],
)
def test_a_family_name_is_its_newest_active_model_said_so(bundled, resolver, question):
    result = asked(bundled, resolver, question)
    sonnet = newest_of(bundled, r"Claude Sonnet ([\d.]+)")
    assert [m.id for m in result.models] == [sonnet.id, "openai/gpt-5"]
    assert f"'claude sonnet' read as {sonnet.name}, the newest active model of the family" in result.answer
    assert result.read_as and result.answer.startswith(result.read_as[0])


def test_a_name_not_recognised_is_said_and_the_rest_answered(bundled, resolver):
    result = asked(bundled, resolver, "is gpt-7 cheaper than grok 4.3")
    assert result.unrecognised == ("gpt-7",) and "I did not recognise 'gpt-7'" in result.answer
    assert [m.id for m in result.models] == ["xai/grok-4.3"]


@pytest.mark.parametrize(
    ("question", "typed", "meant", "other"),
    [
        ("is clade sonnet cheaper than gpt-5", "clade sonnet", "claude sonnet", "openai/gpt-5"),
        ("Is gemni flash cheaper than GPT-5 Mini?", "gemni flash", "gemini flash", "openai/gpt-5-mini"),
        ("is mistrl large cheaper than gpt-4o", "mistrl large", "mistral large", "openai/gpt-4o"),
    ],
)
def test_a_misspelt_name_is_said_not_recognised_with_the_name_it_may_mean(
    bundled, resolver, question, typed, meant, other
):
    """A brand misspelt ("clade") was passed over in silence and the answer covered the other model alone."""
    from catalog.families import family

    result = asked(bundled, resolver, question)
    assert result.unrecognised == (typed,) and [m.id for m in result.models] == [other]
    newest = family(bundled, meant).members[0]
    assert result.answer.startswith(f"I did not recognise '{typed}' (did you mean: {meant}, {newest.name}")


def test_only_a_misspelt_vendor_asks_which_was_meant(bundled, resolver):
    result = asked(bundled, resolver, "whats new from deepsek")
    assert not result.answered and result.unrecognised == ("deepsek",) and result.suggestions[0] == "deepseek"


def test_only_unrecognised_names_is_no_model(bundled, resolver):
    result = asked(bundled, resolver, "is zeta-7b cheaper than qux-3?")
    assert result.intent is FaqIntent.NO_MODEL and set(result.unrecognised) == {"zeta-7b", "qux-3"}
    assert "'zeta-7b'" in result.answer and "'qux-3'" in result.answer


def test_a_family_with_no_one_newest_is_asked_about(bundled, resolver):
    result = asked(bundled, resolver, "is deepseek cheaper than gpt-5")
    assert "deepseek" in result.unrecognised and "Which one did you mean?" in result.answer
    assert [m.id for m in result.models] == ["openai/gpt-5"]


# --- numbers in the question -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "input_tokens", "requests", "per"),
    [
        ("how much for 20k token prompts on gemini 2.5 pro, 50k requests a day", 20_000, 50_000, "day"),
        ("Gemini 2.5 Pro cost at 300k input, 1000 requests per day?", 300_000, 1_000, "day"),
        ("cost of gemini 2.5 pro for 2,000 calls a month of 20K tokens", 20_000, 2_000, "month"),
    ],
)
def test_token_sizes_and_volumes_are_read(bundled, resolver, question, input_tokens, requests, per):
    result = asked(bundled, resolver, question)
    traffic = result.cost.traffic
    assert (traffic.input_tokens, traffic.requests, traffic.per) == (input_tokens, requests, per)
    assert result.answer.startswith(f"At {traffic.description}:")
    model = bundled["google/gemini-2.5-pro"]
    assert result.cost.models[0].cheapest.per_month == monthly(model, traffic)


def test_a_token_volume_is_split_by_the_request_size_and_said(bundled, resolver):
    result = asked(bundled, resolver, "how much would 10M tokens a day cost on gpt-4.1 mini")
    traffic = result.cost.traffic
    assert traffic.requests == round(10_000_000 / (800 + 250)) and traffic.per == "day"
    assert result.read_as[0].startswith("10,000,000 tokens a day read as 9,524 requests a day")


def test_shares_are_read(bundled, resolver):
    result = asked(bundled, resolver, "what would 1M requests a month cost on gpt-4.1 mini with 80% cached?")
    assert result.cost.traffic.cached_share == Decimal("0.8")


@pytest.mark.parametrize(
    ("question", "cached", "written"),
    [
        ("claude sonnet 4.5 with 10% cache writes cost", "0", "0.1"),
        ("how much would claude sonnet 4.5 cost with 20% written to the cache and 50% cached", "0.5", "0.2"),
        ("Claude Sonnet 4.5 cost at 30% cached?", "0.3", "0"),
    ],
)
def test_shares_alone_price_a_cost_question_cache_writes_included(bundled, resolver, question, cached, written):
    """A share with no volume was read and then left unused (the answer gave the per-1M prices), and cache
    writes were not read at all."""
    result = asked(bundled, resolver, question)
    traffic = result.cost.traffic
    assert (traffic.cached_share, traffic.cache_write_share) == (Decimal(cached), Decimal(written))
    sonnet = bundled["anthropic/claude-sonnet-4.5"]
    api = next(r for r in sonnet.routes if r.provider == "Anthropic API")
    fresh = 800 * (1 - Decimal(cached) - Decimal(written))
    per_request = (
        fresh * api.input
        + 800 * Decimal(cached) * api.cached_input
        + 800 * Decimal(written) * api.cache_write
        + 250 * api.output
    ) / 1_000_000
    assert result.cost.models[0].cheapest.per_request == per_request
    assert result.answer.startswith(f"At {traffic.description}:")


def test_a_question_keeps_the_base_workloads_cache_writes_and_off_peak(bundled, resolver):
    base = make_traffic(cache_write_share="0.1", off_peak=True)
    result = ask("what would 20k token prompts cost on deepseek v3.2", bundled, resolver, traffic=base)
    assert result.cost.traffic.input_tokens == 20_000
    assert result.cost.traffic.cache_write_share == Decimal("0.1") and result.cost.traffic.off_peak


def test_a_size_in_a_ranking_prices_it(bundled, resolver):
    result = asked(bundled, resolver, "cheapest model with vision for 300k token prompts")
    assert result.ranking.traffic.input_tokens == 300_000
    for model in entry_models(result, bundled):
        assert (model.context_window or 0) >= 300_000 or any((r.context_window or 0) >= 300_000 for r in model.routes)


# --- the property ---------------------------------------------------------------------------------

MADE_UP = [
    "zeta-7b",
    "gpt-9",
    "claude-12",
    "quux-3",
    "llama-9",
    "mistral-99",
    "clade sonnet",
    "gemni flash",
    "mistrl large",
]
FAMILIES = ["claude sonnet", "gemini flash", "mistral large", "grok"]
TEMPLATES = [
    "is {0} cheaper than {1}?",
    "{0} vs {1} context window",
    "does {0} or {1} support vision",
    "which is cheaper, {0}, {1} or {2}",
    "compare {0} and {1} and {2} on price",
    "when were {0} and {1} released",
]


@st.composite
def questions(draw, bundled, resolver, findable):
    template = draw(st.sampled_from(TEMPLATES))
    count = template.count("{")
    names = []
    resolved = set()
    for _ in range(count):
        kind = draw(st.sampled_from(["real", "real", "made-up", "family"]))
        if kind == "real":
            name, model_id = draw(st.sampled_from(findable))
            if name in resolved:
                continue
            resolved.add(name)
            names.append(draw(st.sampled_from([name, model_id])))
        elif kind == "family":
            names.append(draw(st.sampled_from(FAMILIES)))
        else:
            names.append(draw(st.sampled_from(MADE_UP)))
    names = list(dict.fromkeys(names))
    if len(names) < count:
        names += [n for n in MADE_UP if n not in names][: count - len(names)]
    return template.format(*names), names


@pytest.fixture(scope="module")
def findable(bundled, resolver):
    """Models a question finds by their name alone, other than the newest of the families named (a family
    and its newest model named together are one model, rightly)."""
    from catalog.families import family

    newest = {f.newest.id for f in (family(bundled, name) for name in FAMILIES) if f is not None and f.newest}
    return [
        (m.name, m.id)
        for m in active(bundled)[:120]
        if m.id not in newest and [x.id for x in resolver.find_in_text(f"is {m.name} good", 4)] == [m.id]
    ]


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_an_answer_never_covers_fewer_models_than_named_unless_it_says_which_it_did_not_recognise(
    bundled, resolver, findable, data
):
    question, names = data.draw(questions(bundled, resolver, findable))
    result = ask(question, bundled, resolver)
    covered = len({m.id for m in result.models})
    assert covered + len(result.unrecognised) >= len(names), (question, result.answer)
    for name in result.unrecognised:
        assert f"'{name}'" in result.answer


def test_whats_new_lists_the_recorded_changes_newest_first(bundled, resolver):
    from catalog import history
    from engine import history as words

    changes = history.bundled()
    deepseek = words.newest_first(history.select(changes, vendor="DeepSeek"))
    assert deepseek  # the bundled history records DeepSeek's changes
    result = ask("what's new from deepseek", bundled, resolver, changes=changes)
    assert f"Recorded changes, newest first ({len(deepseek)} in all): {words.change_line(deepseek[0], gap=' ')}" in result.answer
    assert deepseek[0].source_url in {s.url for s in result.sources}


def test_the_history_is_read_only_for_a_whats_new_question(bundled, resolver):
    read = []

    def changes():
        read.append(1)
        return ()

    ask("which is cheaper, gpt-4.1 mini or grok 4.3?", bundled, resolver, changes=changes)
    ask("cheapest model with vision", bundled, resolver, changes=changes)
    assert read == []
    ask("what's new from google", bundled, resolver, changes=changes)
    assert read == [1]


def test_a_newest_ranking_names_the_later_versions_whose_date_is_unknown(bundled, resolver):
    """'which is the newest grok' ranked Grok 4.3 first and only counted the ten Groks of unknown date, Grok
    4.7 among them; the family reads 'grok' as Grok 4.7. Both now say it."""
    from catalog.families import family

    result = asked(bundled, resolver, "which is the newest grok")
    groks = [m for m in active(bundled) if m.name.startswith("Grok")]
    undated = [m for m in groks if m.release_date is None]
    assert result.ranking.measure == "released" and result.ranking.unknown == len(undated)
    latest = family(bundled, "grok").newest
    assert latest.release_date is None and latest in undated
    assert f"their release date is unknown ({latest.name}, " in result.answer
    assert [e.value for e in result.ranking.entries][0] == max(
        m.release_date for m in groks if m.release_date
    ).isoformat()
