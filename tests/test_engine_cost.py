"""Cost estimates: the seed figures, per-request tiers, cache and batch shares, unknowns, ties, break-even."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.cost import DEFAULT_TRAFFIC, estimate, make_traffic, model_cost
from tests.test_engine_support import make_model, route


def _by_provider(cost):
    return {r.provider: r for r in cost.routes}


def test_seed_pair_monthly_cost_and_gap(bundled):
    mini, grok = bundled["openai/gpt-4.1-mini"], bundled["xai/grok-4.3"]
    result = estimate([mini, grok])
    costs = {c.model.id: c for c in result.models}
    assert costs["openai/gpt-4.1-mini"].cheapest.per_month == Decimal(720)
    assert costs["xai/grok-4.3"].cheapest.per_month == Decimal(1625)
    assert result.gap_per_month == Decimal(905)
    assert result.ranking == ("openai/gpt-4.1-mini", "xai/grok-4.3")
    assert "$720/month" in " ".join(result.summary)
    assert "$1,625/month" in " ".join(result.summary)
    assert "$905/month cheaper" in " ".join(result.summary)


def test_default_traffic_is_the_seed_traffic():
    assert (DEFAULT_TRAFFIC.requests_per_month, DEFAULT_TRAFFIC.input_tokens, DEFAULT_TRAFFIC.output_tokens) == (
        1_000_000,
        800,
        250,
    )


def test_tied_routes_name_the_vendor_api_and_state_the_tie(bundled):
    cost = model_cost(bundled["openai/gpt-4.1-mini"], DEFAULT_TRAFFIC)
    assert cost.cheapest.provider == "OpenAI API"
    assert cost.cheapest_providers == ("OpenAI API", "Azure OpenAI", "OpenRouter", "Replicate API")
    assert cost.route_text == "OpenAI API; Azure OpenAI, OpenRouter and Replicate API cost the same"
    assert all(r.cheapest for r in cost.routes)
    grok = model_cost(bundled["xai/grok-4.3"], DEFAULT_TRAFFIC)
    assert grok.route_text.startswith("xAI Console; ") and grok.cheapest_providers[0] == "xAI Console"


def test_per_request_day_and_month(bundled):
    cost = model_cost(bundled["openai/gpt-4.1-mini"], make_traffic(requests=1000, per="day"))
    best = cost.cheapest
    assert best.per_request == Decimal("0.00072")
    assert best.per_day == Decimal("0.72")
    assert best.per_month == Decimal("21.6")


def test_tier_applies_per_request_not_to_monthly_totals(bundled):
    grok = bundled["xai/grok-4.3"]
    # Many small requests: their monthly input is far above 200K, yet each request is standard-priced.
    small = _by_provider(model_cost(grok, make_traffic(input_tokens=1000, output_tokens=0, requests=10_000)))
    assert small["xAI Console"].tier_above_input_tokens is None
    assert small["xAI Console"].per_request == Decimal("0.00125")
    # A request whose own input passes the threshold is billed at the tier for the whole request.
    large = _by_provider(model_cost(grok, make_traffic(input_tokens=200_001, output_tokens=1000, requests=1)))
    console = large["xAI Console"]
    assert console.tier_above_input_tokens == 200_000
    assert console.per_request == (Decimal(200_001) * Decimal("2.50") + 1000 * Decimal("5.00")) / 1_000_000
    # OpenRouter's route keeps the tier models.dev states for the same prices (issue 9): the same bill as xAI's
    assert large["OpenRouter"].tier_above_input_tokens == 200_000
    assert large["OpenRouter"].per_request == console.per_request
    # Amazon Bedrock's route publishes no tier: above the others' 200K its price is unknown, a range, never the cheapest.
    bare = large["Amazon Bedrock"]
    assert (bare.known, bare.cheapest, bare.unknown_above, bare.per_month) == (False, False, 200_000, None)
    base = (Decimal(200_001) * Decimal("1.25") + 1000 * Decimal("2.50")) / 1_000_000
    assert bare.low_per_month == base and bare.high_per_month == base * (console.per_request / base)
    assert bare.text.startswith("price above 200K unknown (")
    assert console.cheapest
    at_threshold = _by_provider(model_cost(grok, make_traffic(input_tokens=200_000, output_tokens=0, requests=1)))
    assert at_threshold["xAI Console"].tier_above_input_tokens is None


def test_cache_and_batch_shares_use_published_prices_or_say_so(bundled):
    traffic = make_traffic(input_tokens=1000, output_tokens=100, requests=1, cached_share=Decimal("0.5"), batch_share=Decimal("0.5"))
    routes = _by_provider(model_cost(bundled["openai/gpt-4.1-mini"], traffic))
    # OpenAI API: cached 500 at $0.10; uncached 500 half at $0.40, half batch at $0.20; output half $1.60, half $0.80.
    expected = (500 * Decimal("0.10") + 500 * Decimal("0.30") + 100 * Decimal("1.20")) / 1_000_000
    assert routes["OpenAI API"].per_request == expected
    assert [n for n in routes["OpenAI API"].notes if "priced at" in n] == []
    # Replicate publishes neither cache nor batch prices: both shares at the standard rate, stated.
    assert routes["Replicate API"].per_request == (1000 * Decimal("0.40") + 100 * Decimal("1.60")) / 1_000_000
    assert any("cached input priced at the standard input rate" in n for n in routes["Replicate API"].notes)
    assert any("batch share priced at the standard rate" in n for n in routes["Replicate API"].notes)
    assert routes["OpenAI API"].cheapest


def test_unknown_price_is_listed_never_counted_as_zero():
    model = make_model("partial", routes=[route("Acme API", "unknown", "unknown"), route("Other Cloud", "1.00", "2.00")])
    cost = model_cost(model, DEFAULT_TRAFFIC)
    unknown = _by_provider(cost)["Acme API"]
    assert not unknown.known and unknown.per_month is None and unknown.text == "price unknown"
    assert not unknown.cheapest
    assert cost.cheapest.provider == "Other Cloud"
    assert cost.routes[-1].provider == "Acme API"


def test_model_with_no_known_price_is_unknown_not_cheapest():
    priced = make_model("priced", routes=[route("Acme API", "5.00", "10.00")])
    dark = make_model("dark", routes=[route("Acme API", "unknown", "unknown")])
    result = estimate([priced, dark])
    assert result.ranking == ("acme/priced",)
    assert result.gap_per_month is None
    assert any("no route with a known price" in s for s in result.summary)


def test_equal_costs_are_a_tie():
    one = make_model("one", routes=[route("Acme API", "1.00", "2.00")])
    two = make_model("two", routes=[route("Acme API", "1.00", "2.00")])
    result = estimate([one, two])
    assert result.gap_per_month == 0
    assert any("cost the same" in s for s in result.summary)
    assert not any("cheaper than" in s for s in result.summary)


def test_break_even_on_input_share():
    # Cheap input / dear output against the reverse: the ranking flips with the mix.
    reader = make_model("reader", routes=[route("Acme API", "1.00", "10.00")])
    writer = make_model("writer", routes=[route("Acme API", "4.00", "2.00")])
    flips = [f for f in estimate([reader, writer], make_traffic(input_tokens=500, output_tokens=500)).break_evens]
    share = [f for f in flips if f.variable == "input_share"]
    assert len(share) == 1
    # s*1 + (1-s)*10 = s*4 + (1-s)*2  ->  s = 8/11
    assert abs(share[0].value - Decimal(8) / Decimal(11)) < Decimal("1e-9")
    assert share[0].cheaper_below.id == "acme/writer" and share[0].cheaper_above.id == "acme/reader"
    assert "73%" in share[0].text


def test_break_even_at_a_long_context_tier(bundled):
    flat = make_model(
        "flat", routes=[route("Acme API", "2.00", "3.00")], context_window=1_000_000
    )
    grok = bundled["xai/grok-4.3"]
    # With no other routes, Grok 4.3's xAI Console is the tiered route; keep only it.
    tiered = grok.replace(routes=tuple(r for r in grok.routes if r.provider == "xAI Console"))
    flips = estimate([flat, tiered]).break_evens
    tokens = [f for f in flips if f.variable == "input_tokens"]
    assert [f.value for f in tokens] == [Decimal(200_000)]
    assert tokens[0].cheaper_below.id == "xai/grok-4.3" and tokens[0].cheaper_above.id == "acme/flat"


def test_seed_pair_has_no_break_even(bundled):
    result = estimate([bundled["openai/gpt-4.1-mini"], bundled["xai/grok-4.3"]])
    assert result.break_evens == ()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"input_tokens": -1},
        {"output_tokens": -5},
        {"requests": -1},
        {"cached_share": "1.5"},
        {"batch_share": -0.1},
        {"cached_share": "abc"},
        {"per": "week"},
    ],
)
def test_impossible_traffic_is_refused(kwargs):
    with pytest.raises(ValueError):
        make_traffic(**kwargs)


def test_cost_estimate_serialises_numbers_as_json_numbers(bundled):
    data = estimate([bundled["openai/gpt-4.1-mini"]]).as_dict(json=True)
    best = data["models"][0]["cheapest"]
    assert best["per_month"] == 720 and isinstance(best["per_month"], int)
    assert best["per_request"] == 0.00072


def _cheapest_request(model, input_tokens, output_tokens, traffic):
    """By brute force: the cheapest of the model's priced routes whose context window takes the input and
    whose price there is known: a route without tiers has none above a threshold another route of the
    model bills higher above."""
    from engine.cost import request_cost, takes

    raised = [
        t.above_input_tokens for r in model.routes if r.priced for t in r.tiers if (t.input, t.output) != (r.input, r.output)
    ]
    routes = [
        r
        for r in model.routes
        if takes(model, r, input_tokens) and (r.tiers or not raised or input_tokens <= min(raised))
    ]
    known = [c for c in (request_cost(r, input_tokens, output_tokens, traffic) for r in routes) if c is not None]
    return min(known)


def _check_break_even(flip, models, traffic):
    """The model named cheaper below really is cheaper just below the point, and the other just above."""
    below, above = models[flip.cheaper_below.id], models[flip.cheaper_above.id]
    total = Decimal(traffic.input_tokens + traffic.output_tokens)

    def request(x):
        if flip.variable == "input_tokens":
            return x, Decimal(traffic.output_tokens)
        return x * total, total - x * total

    step = Decimal("0.5") if flip.variable == "input_tokens" else Decimal("0.0005")
    before, after = request(flip.value - step), request(flip.value + step)
    assert _cheapest_request(below, *before, traffic) < _cheapest_request(above, *before, traffic), flip.text
    assert _cheapest_request(above, *after, traffic) < _cheapest_request(below, *after, traffic), flip.text


def test_break_even_is_where_the_ranking_flips_when_the_crossing_is_not_exact():
    # 0.80/3.20 against 1.25/2.50 at 1,050 tokens a request: equal at 14/23 (60.9%) input, a
    # crossing no decimal writes exactly. It was once reported at 30%, halfway to the last probe.
    steady = make_model("steady", routes=[route("Acme API", "0.80", "3.20"), route("Other Cloud", "0.80", "3.20")])
    writer = make_model("writer", routes=[route("Acme API", "1.25", "2.50"), route("Other Cloud", "1.25", "2.50")])
    result = estimate([steady, writer])
    share = [f for f in result.break_evens if f.variable == "input_share"]
    assert len(share) == 1
    assert abs(share[0].value - Decimal(14) / Decimal(23)) < Decimal("1e-9")
    assert share[0].cheaper_below.id == "acme/writer" and share[0].cheaper_above.id == "acme/steady"
    assert "up to 61% of them" in share[0].text
    _check_break_even(share[0], {m.id: m for m in (steady, writer)}, DEFAULT_TRAFFIC)


def test_every_break_even_is_a_real_flip():
    # Seeded mixes of routes, some with long-context tiers, some cheaper on input and dearer on output.
    import random

    rng = random.Random(3)
    prices = ["0.10", "0.15", "0.20", "0.40", "0.80", "1.25", "1.60", "2.00", "2.50", "3.20", "5.00", "10.00"]
    traffics = [DEFAULT_TRAFFIC, make_traffic(cached_share="0.3", batch_share="0.5"), make_traffic(input_tokens=150_000, output_tokens=2_000)]
    models = []
    for n in range(24):
        routes = []
        for k in range(rng.randint(1, 4)):
            extra = {}
            if rng.random() < 0.3:
                extra["tiers"] = [{"above_input_tokens": rng.choice([128_000, 200_000]), "input": rng.choice(prices), "output": rng.choice(prices)}]
            if rng.random() < 0.3:
                extra["batch_input"], extra["batch_output"] = rng.choice(prices), rng.choice(prices)
            if rng.random() < 0.4:  # a route that takes less than the model (or, unknown, as much)
                extra["context_window"] = rng.choice([32_000, 64_000, 128_000, 200_000, 400_000])
            routes.append(route(f"Cloud {k}", rng.choice(prices), rng.choice(prices), **extra))
        models.append(make_model(f"m{n}", routes=routes, context_window=rng.choice([128_000, 400_000, 1_000_000])))
    by_id = {m.id: m for m in models}
    seen = 0
    for traffic in traffics:
        for _ in range(40):
            for flip in estimate(rng.sample(models, 2), traffic).break_evens:
                _check_break_even(flip, by_id, traffic)
                seen += 1
    assert seen > 10


def test_vendor_route_is_the_makers_own_api_by_name_not_substring():
    from engine.cost import is_vendor_route

    same = ("0.40", "1.60")
    # An OpenAI model tied on Azure OpenAI and OpenRouter: Azure OpenAI is Microsoft's, so catalog order decides.
    oss = make_model(
        "oss",
        vendor="OpenAI",
        routes=[route("OpenRouter", *same), route("Azure OpenAI", *same), route("OpenAI API", *same)],
    )
    assert not is_vendor_route(oss, "Azure OpenAI")
    assert is_vendor_route(oss, "OpenAI API")
    cost = model_cost(oss, DEFAULT_TRAFFIC)
    assert cost.cheapest_providers == ("OpenAI API", "OpenRouter", "Azure OpenAI")
    no_own = make_model("oss-b", vendor="OpenAI", routes=[route("OpenRouter", *same), route("Azure OpenAI", *same)])
    assert model_cost(no_own, DEFAULT_TRAFFIC).cheapest.provider == "OpenRouter"
    # "xai" is inside "Google Vertex AI"; it is not xAI's own API.
    grok = make_model("grok", vendor="xAI", routes=[route("Google Vertex AI", *same), route("xAI Console", *same)])
    assert not is_vendor_route(grok, "Google Vertex AI")
    assert model_cost(grok, DEFAULT_TRAFFIC).cheapest.provider == "xAI Console"
    # A vendor written unlike its API: "Z.ai (Zhipu)" sells through "Z.ai API"; Qwen through Alibaba Cloud.
    glm = make_model(
        "glm", vendor="Z.ai (Zhipu)", id="zai/glm", routes=[route("OpenRouter", *same), route("Z.ai API", *same)]
    )
    assert model_cost(glm, DEFAULT_TRAFFIC).cheapest.provider == "Z.ai API"
    qwen = make_model(
        "qwen",
        vendor="Alibaba (Qwen)",
        id="qwen/qwen",
        routes=[route("OpenRouter", *same), route("Alibaba Cloud Model Studio", *same)],
    )
    assert is_vendor_route(qwen, "Alibaba Cloud Model Studio")
    # A maker whose own cloud sells its models.
    nova = make_model("nova", vendor="Amazon", routes=[route("OpenRouter", *same), route("Amazon Bedrock", *same)])
    assert model_cost(nova, DEFAULT_TRAFFIC).cheapest.provider == "Amazon Bedrock"


def test_break_even_shortcut_agrees_with_the_general_way(bundled):
    """Where each model's one cheapest line holds across its long-context thresholds, the
    break-even is the two lines' crossing; walking the zones gives the same points, written alike."""
    import dataclasses
    from decimal import Decimal

    from engine import cost
    from engine.cost import breakeven

    tiered = sorted((m for m in bundled if any(r.tiers for r in m.routes)), key=lambda m: m.id)[:15]
    others = sorted(bundled, key=lambda m: m.id)[::5]
    crossings = 0
    for traffic in (cost.DEFAULT_TRAFFIC, cost.make_traffic(input_tokens=150_000, output_tokens=2_000)):
        tokens, shares = breakeven._directions(traffic)
        for a in tiered:
            for b in others:
                if a is b:
                    continue
                for direction, low, high in (
                    (tokens, Decimal(1), breakeven._largest_input(a, b, traffic)),
                    (shares, Decimal(0), shares.output_base),
                ):
                    lines_a, lines_b = breakeven._model_lines(a, traffic, direction), breakeven._model_lines(b, traffic, direction)
                    if lines_a is None or lines_b is None:
                        continue
                    general = breakeven._flip_points(
                        dataclasses.replace(lines_a, single=None), dataclasses.replace(lines_b, single=None), low, high
                    )
                    found = breakeven._flip_points(lines_a, lines_b, low, high)
                    assert [(str(p), s) for p, s in found] == [(str(p), s) for p, s in general], (a.id, b.id)
                    crossings += bool(found)
    assert crossings


def test_context_problem_names_the_model_whose_window_is_too_small(bundled):
    from engine.cost import context_problem

    mini, grok = bundled["openai/gpt-4.1-mini"], bundled["xai/grok-4.20"]
    assert context_problem([mini, grok], make_traffic(input_tokens=1_000_000)) is None
    problem = context_problem([grok, mini], make_traffic(input_tokens=1_500_000))
    assert problem == "1,500,000 input tokens per request do not fit GPT-4.1 Mini's context window of 1,047,576 tokens"
    unknown = mini.replace(context_window=None)
    assert context_problem([unknown], make_traffic(input_tokens=50_000_000)) is None  # unknown is not held against it


def test_a_route_too_small_for_the_request_is_listed_and_never_cheapest():
    model = make_model(
        "long",
        context_window=1_000_000,
        routes=[
            route("Cheap Cloud", "0.10", "0.10", context_window=64_000),
            route("Acme API", "2.00", "2.00", context_window=1_000_000),
            route("Other Cloud", "0.50", "0.50"),  # its window unknown: the model's 1M applies
        ],
    )
    short = model_cost(model, make_traffic(input_tokens=800))
    assert short.cheapest.provider == "Cheap Cloud" and all(r.fits for r in short.routes)
    long = model_cost(model, make_traffic(input_tokens=100_000))
    assert long.cheapest.provider == "Other Cloud"
    (cheap,) = [r for r in long.routes if r.provider == "Cheap Cloud"]
    assert (cheap.fits, cheap.known, cheap.cheapest, cheap.per_month) == (False, False, False, None)
    assert cheap.text == "does not fit (64K context window)"
    assert long.routes[-1] is cheap  # listed after every route that can be priced
    huge = model_cost(model, make_traffic(input_tokens=1_000_000))
    assert [r.provider for r in huge.routes if r.fits] == ["Other Cloud", "Acme API"]


def test_no_route_taking_the_request_is_said_so_not_unknown():
    from engine.cost import context_problem

    model = make_model("narrow", context_window=2_000_000, routes=[route("Acme API", "1.00", "1.00", context_window=1_000_000)])
    traffic = make_traffic(input_tokens=1_500_000)
    cost = model_cost(model, traffic)
    assert cost.cheapest is None and not cost.fits
    assert cost.route_text == "does not fit (context 1M)"
    assert estimate([model], traffic).summary[1].startswith("Narrow does not fit (context 1M)")
    problem = context_problem([model], traffic)
    assert problem == (
        "1,500,000 input tokens per request do not fit any tracked route of Narrow "
        "(the largest context window among them is 1,000,000 tokens)"
    )
    assert context_problem([model], make_traffic(input_tokens=1_000_000)) is None


def test_grok_4_20_past_its_own_api_window_is_priced_only_where_a_price_is_known(bundled):
    grok = bundled["xai/grok-4.20"]
    cost = model_cost(grok, make_traffic(input_tokens=1_500_000))
    own = [r for r in cost.routes if r.provider == "xAI Console"]
    assert own and not own[0].fits and not own[0].cheapest
    # A route that takes 1.5M but publishes no long-context tier, which xAI bills above 200K, has no known
    # price there (a range) and is never the cheapest; one with the tier is priced at it.
    untiered = [r for r in cost.routes if r.fits and r.unknown_above is not None]
    assert untiered and all(not r.cheapest and r.low_per_month < r.high_per_month for r in untiered)
    tiered = {r.provider for r in grok.routes if r.tiers and r.sold and (r.context_window or 0) >= 1_500_000}
    assert cost.fits and cost.cheapest is not None and cost.cheapest.provider in tiered
    assert cost.cheapest.tier_above_input_tokens == 200_000


def test_break_even_where_a_cheap_route_stops_taking_requests():
    # Split below 64,000 input tokens on its cheap route, then only on its dear one: Plain wins above.
    split = make_model(
        "split",
        context_window=1_000_000,
        routes=[route("Cheap Cloud", "0.10", "0.10", context_window=64_000), route("Acme API", "5.00", "5.00")],
    )
    plain = make_model("plain", context_window=1_000_000, routes=[route("Acme API", "1.00", "1.00")])
    flips = [f for f in estimate([split, plain]).break_evens if f.variable == "input_tokens"]
    assert len(flips) == 1
    assert flips[0].value == 64_000
    assert (flips[0].cheaper_below.id, flips[0].cheaper_above.id) == ("acme/split", "acme/plain")
    _check_break_even(flips[0], {m.id: m for m in (split, plain)}, DEFAULT_TRAFFIC)


def test_an_estimate_carries_the_sources_and_dates_it_rests_on(bundled):
    models = [bundled["openai/gpt-4.1-mini"], bundled["xai/grok-4.3"]]
    result = estimate(models)
    assert result.updated == tuple(m.updated for m in models)
    urls = [s.url for s in result.sources]
    assert len(urls) == len(set(urls)), "each page once"
    for model in models:
        assert all(str(s.url) in urls for s in model.sources)
        assert all(str(s.url) in urls for r in model.routes for s in r.sources)
    # In order: the first model's own sources come first, each with the date behind it.
    assert urls[0] == str(models[0].sources[0].url)
    assert result.sources[0].date == models[0].sources[0].date and result.sources[0].how == models[0].sources[0].how
