"""Rankings (engine.rank): every figure checked against the catalog, and two properties over random filters:
a ranking is sorted by the figure it shows, and every model in it passes the filters (and none that should be
there is missing)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.schema import Capability, Model, Tri
from engine import numbers
from engine.cost import make_traffic, model_cost
from engine.rank import (
    MAX_RESULTS,
    MEASURE_KEYS,
    MEASURES,
    SORTS,
    benchmark_named,
    benchmark_names,
    make_filters,
    name_words,
    rank,
    sort_models,
)


# --- what a figure is, recomputed from the catalog without the engine's facts ----------------


def cheapest(model: Model, kind: str) -> Decimal | None:
    prices = [getattr(r, kind) for r in model.routes if r.priced and r.sold]
    return min(prices) if prices else None


def expected_value(model: Model, measure: str, traffic, benchmark: str | None):
    if measure == "input":
        return cheapest(model, "input")
    if measure == "output":
        return cheapest(model, "output")
    if measure == "context":
        return model.context_window
    if measure == "max-output":
        return model.max_output_tokens
    if measure == "released":
        return model.release_date
    if measure == "benchmark":
        found = [b for b in model.benchmarks if b.name.casefold() == benchmark.casefold()]
        return Decimal(repr(found[0].score)) if found else None
    if measure == "cost":
        known = [r.per_month for r in model_cost(model, traffic).routes if r.known]
        return min(known) if known else None
    raise AssertionError(measure)


def expected_pass(model: Model, filters) -> bool:
    if not filters.include_retired and model.routes and not any(r.sold for r in model.routes):
        return False
    if filters.vendor is not None and model.vendor != filters.vendor:
        return False
    if filters.open_weights and model.open_weights is not Tri.YES:
        return False
    if any(model.capabilities.get(Capability(c)) is not Tri.YES for c in filters.capabilities):
        return False
    if filters.min_context is not None and (model.context_window or 0) < filters.min_context:
        return False
    if filters.named is not None and not set(filters.named.split()) <= set(name_words(model.name)):
        return False
    if filters.max_price is not None:
        kinds = ("input", "output") if filters.max_price_of == "both" else (filters.max_price_of,)
        for kind in kinds:
            price = cheapest(model, kind)
            if price is None or price > filters.max_price:
                return False
    return True


def as_value(value):
    return value.isoformat() if isinstance(value, dt.date) else value


# --- properties -------------------------------------------------------------------------------


@st.composite
def rankings(draw, catalog):
    benchmarks = [name for name, _ in benchmark_names(catalog.models)]
    measure = draw(st.sampled_from([*MEASURE_KEYS, "benchmark"]))
    benchmark = draw(st.sampled_from(benchmarks)) if measure == "benchmark" else None
    filters = make_filters(
        capabilities=draw(st.lists(st.sampled_from(list(Capability)), max_size=3)),
        vendor=draw(st.none() | st.sampled_from(catalog.vendors)),
        named=draw(st.none() | st.sampled_from(["grok", "claude", "gpt", "gemini flash", "llama", "mini", "qwen3"])),
        open_weights=draw(st.booleans()),
        min_context=draw(st.none() | st.sampled_from([8_000, 128_000, 200_000, 1_000_000])),
        max_price=draw(st.none() | st.sampled_from([Decimal("0.1"), Decimal("0.5"), Decimal(1), Decimal(5)])),
        max_price_of=draw(st.sampled_from(["input", "output", "both"])),
        include_retired=draw(st.booleans()),
    )
    traffic = make_traffic(
        input_tokens=draw(st.sampled_from([0, 800, 20_000, 300_000])),
        output_tokens=draw(st.sampled_from([0, 250, 4_000])),
        requests=draw(st.sampled_from([1, 50_000, 1_000_000])),
        per=draw(st.sampled_from(["day", "month"])),
    )
    limit = draw(st.integers(1, MAX_RESULTS))
    return measure, benchmark, filters, traffic, limit


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_ranking_is_sorted_by_its_figure_and_every_result_passes_the_filters(bundled, data):
    measure, benchmark, filters, traffic, limit = data.draw(rankings(bundled))
    result = rank(bundled.models, measure, filters, traffic, limit, benchmark)

    passing = [m for m in bundled.models if expected_pass(m, filters)]
    known = [(m, expected_value(m, measure, traffic, benchmark)) for m in passing]
    known = [(m, v) for m, v in known if v is not None]
    assert result.matched == len(passing)
    assert result.unknown == len(passing) - len(known)
    assert len(result.entries) == min(limit, len(known))

    by_id = {m.id: m for m in bundled.models}
    for entry in result.entries:
        model = by_id[entry.model.id]
        assert expected_pass(model, filters), f"{model.id} does not pass {filters.description}"
        assert entry.value == as_value(expected_value(model, measure, traffic, benchmark)), model.id

    # Sorted by the figure shown, best first; equal figures share a rank and go by name.
    higher_first = MEASURES[measure].higher_first
    values = [expected_value(by_id[e.model.id], measure, traffic, benchmark) for e in result.entries]
    assert values == sorted(values, reverse=higher_first)
    for before, after in zip(result.entries, result.entries[1:]):
        if before.value == after.value:
            assert before.rank == after.rank and before.model.name.casefold() <= after.model.name.casefold()
        else:
            assert after.rank > before.rank
    # Nobody better was left out: the shown figures are the best ``limit`` of all known ones.
    best = sorted((v for _, v in known), reverse=higher_first)[: len(result.entries)]
    assert values == best


# --- each measure, against the catalog ----------------------------------------------------------


def test_context_ranking_names_the_largest_windows_with_their_source(bundled):
    result = rank(bundled.models, "context", limit=5)
    largest = max(m.context_window for m in bundled.models if m.context_window and not m.retired)
    assert result.entries[0].value == largest and result.entries[0].text == f"{numbers.count(largest)} tokens"
    top = bundled.get(result.entries[0].model.id)
    source = result.entries[0].source
    assert source is not None and any(str(s.url) == source.url and "context_window" in s.covers for s in top.sources)
    assert result.title == "Largest context window"


def test_price_ranking_names_the_provider_and_cites_its_listing(bundled):
    vision = make_filters(capabilities=[Capability.VISION, Capability.FUNCTION_CALLING])
    result = rank(bundled.models, "input", vision, limit=3)
    first = result.entries[0]
    model = bundled.get(first.model.id)
    route = next(r for r in model.routes if r.priced and r.input == first.value)
    assert first.text == numbers.price(first.value) and route.provider in first.detail
    assert first.source.url in {str(s.url) for r in model.routes for s in r.sources}
    assert "with vision and function calling" in result.title


def test_cost_ranking_is_priced_at_the_traffic_and_agrees_with_the_estimate(bundled):
    traffic = make_traffic(input_tokens=20_000, output_tokens=500, requests=50_000, per="day")
    result = rank(bundled.models, "cost", traffic=traffic, limit=5)
    assert result.traffic == traffic
    assert result.summary[0] == f"Priced at {traffic.description}, each model on its cheapest route."
    for entry in result.entries:
        cost = model_cost(bundled.get(entry.model.id), traffic)
        assert entry.value == cost.cheapest.per_month and entry.text == f"{numbers.usd(cost.cheapest.per_month)}/month"


def test_a_request_too_large_for_a_model_leaves_it_out_as_unknown(bundled):
    traffic = make_traffic(input_tokens=1_500_000)
    result = rank(bundled.models, "cost", traffic=traffic, limit=MAX_RESULTS)
    for entry in result.entries:
        model = bundled.get(entry.model.id)
        # a window known to be too small leaves a route out; an unknown one is not held against it
        windows = [
            r.context_window if r.context_window is not None else model.context_window
            for r in model.routes
            if r.priced and r.sold
        ]
        assert any(w is None or w >= 1_500_000 for w in windows), model.id
    assert result.unknown > 0 and "left out" in result.summary[-1]


def test_benchmark_names_are_read_as_people_type_them(bundled):
    assert benchmark_named("swe-bench verified", bundled.models) == "SWE-bench Verified"
    assert benchmark_named("SWE bench", bundled.models) == "SWE-bench Verified"  # the most reported of the two
    assert benchmark_named("aider", bundled.models) == "Aider Polyglot"
    assert benchmark_named("chess", bundled.models) is None
    result = rank(bundled.models, "benchmark", make_filters(open_weights=True), benchmark="Aider Polyglot", limit=3)
    for entry in result.entries:
        item = next(b for b in bundled.get(entry.model.id).benchmarks if b.name == "Aider Polyglot")
        assert entry.source.url == str(item.source) and entry.source.date == item.date
    assert result.summary[-1].endswith("they report no Aider Polyglot score.")


def test_no_model_matches(bundled):
    result = rank(bundled.models, "context", make_filters(named="no such family words"))
    assert result.entries == () and result.matched == 0
    assert result.summary == ("No model in the catalog matches: named 'no such family words'.",)


@pytest.mark.parametrize("limit", [0, 26])
def test_limits_out_of_range_are_refused(bundled, limit):
    with pytest.raises(ValueError, match="a ranking shows 1 to 25 models"):
        rank(bundled.models, "context", limit=limit)


def test_unknown_measure_and_missing_benchmark_are_refused(bundled):
    with pytest.raises(ValueError, match="no measure 'speed'"):
        rank(bundled.models, "speed")
    with pytest.raises(ValueError, match="needs the benchmark's name"):
        rank(bundled.models, "benchmark")


# --- list orders ------------------------------------------------------------------------------


@pytest.mark.parametrize("sort", list(SORTS))
def test_list_sorts_put_unknown_figures_last(bundled, sort):
    ordered = sort_models(bundled.models, sort)
    assert sorted(m.id for m in ordered) == sorted(m.id for m in bundled.models)
    figure = {
        "name": lambda m: m.name.casefold(),
        "price": lambda m: min(
            (Decimal("0.7") * r.input + Decimal("0.3") * r.output for r in m.routes if r.priced and r.sold),
            default=None,
        ),
        "context": lambda m: m.context_window,
        "newest": lambda m: m.release_date,
    }[sort]
    values = [figure(m) for m in ordered]
    if sort in ("context", "newest", "price"):
        known = [v for v in values if v is not None]
        assert values[: len(known)] == known == sorted(known, reverse=sort != "price")
    if sort == "name":
        assert values == sorted(values)


def test_a_cost_ranking_at_a_teams_providers_agrees_with_the_estimate(bundled):
    traffic = make_traffic(providers=("Amazon Bedrock", "Azure AI Foundry"))
    result = rank(bundled.models, "cost", traffic=traffic, limit=10)
    assert result.entries
    for entry in result.entries:
        cost = model_cost(bundled.get(entry.model.id), traffic)
        assert entry.value == cost.cheapest.per_month and cost.cheapest.provider in traffic.providers


def test_a_cost_ranking_off_peak_and_at_peak_each_agree_with_the_estimate(bundled):
    timed = tuple(m for m in bundled.models if any(r.off_peak for r in m.routes) and not m.retired)
    assert timed  # the catalog has off-peak prices (DeepSeek's API)
    seen = set()
    for off_peak in (False, True, False, True):
        traffic = make_traffic(off_peak=off_peak)
        result = rank(timed, "cost", traffic=traffic, limit=len(timed))
        assert result.entries
        for entry in result.entries:
            assert entry.value == model_cost(bundled.get(entry.model.id), traffic).cheapest.per_month, off_peak
        seen.add(tuple(e.value for e in result.entries))
    assert len(seen) == 2  # off-peak is cheaper: the two rankings differ
