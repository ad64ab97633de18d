"""Cost answers that cannot mislead (issue 11): an unknown long-context price is never the cheapest, cache
writes are priced (or said to have no price), models that do not fit are marked while the others are
priced (the FAQ and the command line agree on which), and ratios never read "1 times the price"."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.main import main
from engine import numbers
from engine.cost import estimate, fits, make_traffic, model_cost
from engine.faq import ask
from engine.rank import rank
from tests.test_engine_support import make_model, route


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- long context -------------------------------------------------------------------------------------


def test_a_route_without_tier_data_is_never_cheapest_above_the_threshold(bundled):
    """The issue's case: Gemini 2.5 Pro at 300k input showed DeepInfra and OpenRouter at half Google's price."""
    gemini = bundled["google/gemini-2.5-pro"]
    traffic = make_traffic(input_tokens=300_000, requests=1_000, per="day")
    cost = model_cost(gemini, traffic)
    tiered = [r for r in gemini.routes if r.tiers]
    flat = [r for r in gemini.routes if r.priced and not r.tiers]
    assert tiered and flat
    threshold = min(t.above_input_tokens for r in tiered for t in r.tiers)
    by_provider = {r.provider: r for r in cost.routes}
    for plain in flat:
        shown = by_provider[plain.provider]
        assert not shown.known and not shown.cheapest and shown.unknown_above == threshold
        own = (300_000 * plain.input + 250 * plain.output) / 1_000_000 * traffic.requests_per_month
        assert shown.low_per_month == own and shown.high_per_month > own
        assert shown.text.startswith(f"price above {numbers.tokens(threshold)} unknown (")
    assert cost.cheapest is not None and cost.cheapest.provider in {r.provider for r in tiered}
    # Below the threshold every route is priced, as before.
    below = model_cost(gemini, make_traffic(input_tokens=threshold))
    assert all(r.known for r in below.routes if r.fits and r.status != "retired" and gemini.routes[0].priced)


def test_a_ranking_and_the_estimate_agree_above_a_threshold(bundled):
    traffic = make_traffic(input_tokens=300_000, output_tokens=2_000, requests=1_000, per="day")
    result = rank(bundled.models, "cost", traffic=traffic, limit=25)
    for entry in result.entries:
        cost = model_cost(bundled.get(entry.model.id), traffic)
        assert entry.value == cost.cheapest.per_month


def test_a_flat_route_is_priced_when_no_route_of_the_model_has_a_tier():
    model = make_model(
        "flat",
        context_window=1_000_000,
        routes=[route("Acme API", "1.00", "2.00"), route("Other Cloud", "0.50", "1.00")],
    )
    cost = model_cost(model, make_traffic(input_tokens=500_000))
    assert cost.cheapest.provider == "Other Cloud" and all(r.known for r in cost.routes)


def test_a_break_even_never_rests_on_an_unknown_price():
    tiered = make_model(
        "tiered",
        context_window=1_000_000,
        routes=[
            route(
                "Acme API", "1.00", "1.00", tiers=[{"above_input_tokens": 200_000, "input": "2.00", "output": "2.00"}]
            ),
            route("Other Cloud", "0.50", "0.50"),
        ],
    )
    steady = make_model("steady", context_window=1_000_000, routes=[route("Acme API", "0.80", "0.80")])
    flips = [f for f in estimate([tiered, steady]).break_evens if f.variable == "input_tokens"]
    # Tiered is cheaper (0.50 on Other Cloud) up to 200K; above, only Acme's 2.00 is known: Steady wins.
    assert [(f.cheaper_below.id, f.cheaper_above.id, f.value) for f in flips] == [
        ("acme/tiered", "acme/steady", 200_000)
    ]


# --- cache writes -------------------------------------------------------------------------------------


def test_cache_writes_are_priced_at_the_cache_write_price(bundled):
    sonnet = bundled["anthropic/claude-sonnet-4.5"]
    api = next(r for r in sonnet.routes if r.provider == "Anthropic API")
    assert api.cache_write is not None
    traffic = make_traffic(
        input_tokens=10_000, output_tokens=0, requests=1, cached_share="0.3", cache_write_share="0.2"
    )
    shown = next(r for r in model_cost(sonnet, traffic).routes if r.provider == "Anthropic API")
    expected = (5_000 * api.input + 3_000 * api.cached_input + 2_000 * api.cache_write) / 1_000_000
    assert shown.per_request == expected and not [n for n in shown.notes if "priced at" in n or "cache" in n]
    assert "20% of input written to the cache" in traffic.description


def test_a_route_without_a_cache_write_price_says_so_and_bills_the_models_surcharge(bundled):
    """Claude Sonnet 4.5 on Perplexity's API publishes no cache-write price: it was priced at its input price
    and named cheapest at 20% written, $3,000/month below Anthropic's own API. The model's surcharge (the
    highest a route of it publishes) bills its writes now, said so."""
    sonnet = bundled["anthropic/claude-sonnet-4.5"]
    plain = next(r for r in sonnet.routes if r.priced and r.sold and r.cache_write is None)
    publishing = [r for r in sonnet.routes if r.sold and r.priced and r.cache_write is not None]
    ratio = max(r.cache_write / r.input for r in publishing)
    assert ratio > 1  # Anthropic bills writes above input
    traffic = make_traffic(input_tokens=10_000, output_tokens=0, requests=1, cache_write_share="0.2")
    cost = model_cost(sonnet, traffic)
    shown = next(r for r in cost.routes if r.provider == plain.provider)
    assert shown.per_request == (8_000 * plain.input + 2_000 * plain.input * ratio) / 1_000_000
    assert any(n.startswith("no cache-write price published: cache writes priced at 1.25 times") for n in shown.notes)
    assert any(f"on {plain.provider}: no cache-write price published" in n for n in estimate([sonnet], traffic).notes)
    # never cheaper for leaving the price out: as dear as a route that publishes it at the same input price
    same = next(r for r in publishing if r.input == plain.input)
    assert shown.per_request == next(r for r in cost.routes if r.provider == same.provider).per_request


def test_without_a_surcharge_anywhere_writes_are_billed_at_the_input_price(bundled):
    mini = bundled["openai/gpt-4.1-mini"]
    assert all(r.cache_write is None for r in mini.routes)  # OpenAI bills no cache writes
    traffic = make_traffic(input_tokens=10_000, output_tokens=0, requests=1, cache_write_share="0.2")
    by_provider = {r.provider: r for r in model_cost(mini, traffic).routes}
    for listed in mini.routes:
        if listed.sold and listed.priced:
            shown = by_provider[listed.provider]
            assert shown.per_request == 10_000 * listed.input / 1_000_000
            assert "no cache-write price published: cache writes priced at the standard input rate" in shown.notes


def test_cached_and_written_shares_cannot_pass_the_whole():
    with pytest.raises(ValueError, match="together at most 1"):
        make_traffic(cached_share="0.7", cache_write_share="0.4")


def test_cache_write_on_the_command_line(capsys):
    code, out, _ = _run(capsys, "cost", "anthropic/claude-sonnet-4.5", "--cache-write", "25%", "--json")
    assert code == 0 and json.loads(out)["traffic"]["cache_write_share"] == 0.25
    code, _, err = _run(capsys, "cost", "anthropic/claude-sonnet-4.5", "--cache-write", "2")
    assert code == 2 and err.startswith("versus: --cache-write must be a number from 0 to 1") and err.count("\n") == 1


# --- what fits --------------------------------------------------------------------------------------


def test_models_that_do_not_fit_are_marked_and_the_others_priced(capsys, bundled):
    code, out, err = _run(capsys, "cost", "openai/gpt-4o", "openai/gpt-4.1", "--input-tokens", "300000", "--json")
    assert code == 0 and err == ""
    result = json.loads(out)
    gpt4o, gpt41 = result["models"]
    assert (
        not gpt4o["fits"]
        and gpt4o["route_text"] == f"does not fit (context {numbers.tokens(bundled['openai/gpt-4o'].context_window)})"
    )
    assert gpt41["fits"] and gpt41["cheapest"]["per_month"] > 0
    assert result["ranking"] == ["openai/gpt-4.1"]
    code, text, _ = _run(capsys, "cost", "openai/gpt-4o", "openai/gpt-4.1", "--input-tokens", "300000")
    assert "does not fit (context 128K)" in text


def test_an_error_only_when_no_model_fits(capsys):
    code, out, err = _run(capsys, "cost", "openai/gpt-4o", "--input-tokens", "300000")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("versus: impossible traffic: 300,000 input tokens per request do not fit GPT-4o's")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_faq_and_the_command_line_agree_on_what_fits(bundled, capsys, data):
    names = ["openai/gpt-4o", "openai/gpt-4.1", "google/gemini-2.5-pro", "anthropic/claude-sonnet-4.5", "xai/grok-4.20"]
    picked = data.draw(st.lists(st.sampled_from(names), min_size=2, max_size=3, unique=True))
    size = data.draw(st.sampled_from([100_000, 150_000, 300_000, 1_200_000, 1_900_000, 2_500_000]))
    expected = {m: fits(bundled[m], size) for m in picked}
    question = f"how much would 1000 requests of {size} input tokens cost on " + " and ".join(picked) + "?"
    answer = ask(question, bundled)
    code, out, _ = _run(capsys, "cost", *picked, "--input-tokens", str(size), "--requests", "1000", "--json")
    if not any(expected.values()):
        assert code == 2 and answer.cost is not None and not any(c.fits for c in answer.cost.models)
        return
    cli = {c["model"]["id"]: c["fits"] for c in json.loads(out)["models"]}
    faq = {c.model.id: c.fits for c in answer.cost.models}
    assert cli == faq == expected


# --- ratios ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "text"),
    [
        ("1.03", "3% more"),
        ("1.004", "0.4% more"),
        ("1.5", "50% more"),
        ("1.96", "96% more"),
        ("2", "2 times as much"),
        ("3.125", "3.1 times as much"),
    ],
)
def test_ratios_are_worded_so_they_cannot_mislead(ratio, text):
    assert numbers.more(Decimal(ratio)) == text


def test_no_answer_says_one_times(bundled):
    """Every pair of a sample of models priced: no sentence says "1 times"."""
    models = [m for m in bundled.models if m.routes][:40]
    for a, b in zip(models, models[1:]):
        for line in estimate([a, b]).summary:
            assert " 1 times" not in line and "1.0 times" not in line, line


# --- unknown context windows ---------------------------------------------------------------------------


def _window_unknown(model, route):
    return (route.context_window if route.context_window is not None else model.context_window) is None


def test_a_route_whose_window_is_unknown_is_never_cheapest_for_a_large_request(bundled):
    """Toppy M 7B's window is stated by no source (4,096 tokens in fact): it was the fifth cheapest model for
    300k-token prompts, and Nemotron 3.5 Lightning (window unknown too) the first."""
    from engine.cost.pricing import UNKNOWN_WINDOW_TAKES

    smallest = min(
        (r.context_window if r.context_window is not None else m.context_window)
        for m in bundled.models
        for r in m.routes
        if r.sold and not _window_unknown(m, r)
    )
    assert UNKNOWN_WINDOW_TAKES == smallest  # the smallest window the catalog records
    unknown = [
        m
        for m in bundled.models
        if not m.retired
        and m.routes
        and all(_window_unknown(m, r) for r in m.routes if r.sold and r.priced)
        and any(r.sold and r.priced for r in m.routes)
    ]
    assert unknown  # the catalog has such models
    big = make_traffic(input_tokens=300_000)
    for model in unknown:
        cost = model_cost(model, big)
        assert cost.cheapest is None and cost.fits, model.id  # not priced, and not said not to fit either
        assert cost.route_text.startswith("context window unknown on every priced route"), model.id
        for shown, listed in zip(
            sorted(cost.routes, key=lambda r: r.provider), sorted(model.routes, key=lambda r: r.provider)
        ):
            if listed.sold and listed.priced:
                assert not shown.known and shown.text.startswith("context window unknown: may not take 300K"), model.id
        # a request every model takes is priced as before
        small = model_cost(model, make_traffic(input_tokens=smallest))
        assert small.cheapest is not None and small.cheapest.known, model.id
    ranked = {e.model.id for e in rank(bundled.models, "cost", traffic=big, limit=25).entries}
    assert not ranked & {m.id for m in unknown}
    for entry in rank(bundled.models, "cost", traffic=big, limit=25).entries:
        model = bundled.get(entry.model.id)
        cost = model_cost(model, big)
        assert entry.value == cost.cheapest.per_month
        route = next(r for r in model.routes if r.provider == cost.cheapest.provider)
        assert not _window_unknown(model, route) and big.input_tokens <= (route.context_window or model.context_window)


def test_the_faq_does_not_name_a_model_of_unknown_window_cheapest_for_large_prompts(bundled):
    result = ask("cheapest model for 300k token prompts", bundled)
    assert result.ranking.traffic.input_tokens == 300_000
    for entry in result.ranking.entries:
        model = bundled.get(entry.model.id)
        assert model.context_window is not None or all(r.context_window for r in model.routes if r.sold and r.priced)
    assert "is known to take the request" in result.answer
