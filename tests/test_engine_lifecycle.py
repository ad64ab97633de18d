"""Routes' lifecycle and time-dependent prices in the catalog and the engine (catalog/lifecycle.py,
engine/cost/pricing.py): retired routes are never cheapest, dates that pass retire routes and bring
announced prices, off-peak prices are used only when asked and said otherwise."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.lifecycle import settle
from catalog.loader import Catalog
from engine import compare
from engine.cost import make_traffic, model_cost
from engine.facts import cheapest_blend, cheapest_input, providers
from engine.faq import answer
from tests.test_engine_support import make_model, route

TODAY = dt.date(2026, 11, 29)


def retired(provider: str, input: str, output: str, since: str = "2026-05-15", **extra) -> dict:
    return route(provider, input, output, status="retired", retired_since=since, deprecation_date=since, **extra)


def test_a_deprecation_date_that_passes_retires_the_route_on_that_day():
    model = make_model("widget", routes=[route("Acme API", "1.00", "2.00", status="deprecated", deprecation_date="2026-12-15")])
    assert settle(model, dt.date(2026, 12, 14)) is model  # nothing has passed: the same object
    later = settle(model, dt.date(2026, 12, 15)).routes[0]
    assert later.status.value == "retired" and later.retired_since == dt.date(2026, 12, 15)
    assert Catalog([model], as_of=dt.date(2027, 1, 1))["acme/widget"].retired


def test_announced_prices_apply_from_their_day():
    scheduled = [{"starts": "2026-12-01", "input": "3.00", "output": "15.00"}]
    model = make_model("widget", routes=[route("Acme API", "2.00", "10.00", scheduled=scheduled)])
    before = settle(model, dt.date(2026, 11, 30)).routes[0]
    after = settle(model, dt.date(2026, 12, 1)).routes[0]
    assert (before.input, before.output, len(before.scheduled)) == (Decimal(2), Decimal(10), 1)
    assert (after.input, after.output, after.scheduled) == (Decimal(3), Decimal(15), ())


def test_a_retired_route_is_listed_as_retired_and_never_priced_or_available():
    model = make_model("widget", routes=[retired("Acme API", "0.10", "0.20"), route("Other Cloud", "1.00", "2.00")])
    cost = model_cost(model, make_traffic())
    by = {r.provider: r for r in cost.routes}
    assert by["Acme API"].text == "retired since 2026-05-15" and not by["Acme API"].known
    assert cost.cheapest.provider == "Other Cloud"
    assert cheapest_input(model).providers == ("Other Cloud",) and providers(model) == ("Other Cloud",)


def test_a_model_with_every_route_retired_is_said_to_be_retired():
    gone = make_model("gone", routes=[retired("Acme API", "1.00", "2.00")])
    other = make_model("other", routes=[route("Acme API", "1.00", "2.00")])
    assert gone.retired and gone.retired_since == dt.date(2026, 5, 15)
    sentence = "Gone is retired: no tracked route has sold it since 2026-05-15."
    assert sentence in compare([gone, other]).summary
    assert answer("which is cheaper", [gone, other]).answer.startswith(sentence)


prices = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("30"), places=2)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(prices, prices, st.booleans()), min_size=1, max_size=6))
def test_a_retired_route_is_never_cheapest(listed):
    routes = [
        retired(f"Cloud {i}", str(i_), str(o)) if gone else route(f"Cloud {i}", str(i_), str(o))
        for i, (i_, o, gone) in enumerate(listed)
    ]
    model = make_model("widget", routes=routes)
    gone = {f"Cloud {i}" for i, (_, _, g) in enumerate(listed) if g}
    cost = model_cost(model, make_traffic())
    assert all(r.provider not in gone for r in cost.routes if r.cheapest)
    assert not set(cheapest_blend(model).providers) & gone
    if len(gone) == len(listed):
        assert cost.cheapest is None and model.retired


def test_off_peak_prices_only_when_asked_and_said_otherwise():
    window = [{"start": "16:30", "end": "00:30", "input": "0.135", "output": "0.55"}]
    model = make_model("chat", routes=[route("DeepSeek API", "0.27", "1.10", off_peak=window)])
    standard = model_cost(model, make_traffic(input_tokens=100_000, output_tokens=0, requests=10)).routes[0]
    assert standard.per_request == Decimal("0.027")
    assert any(n.startswith("standard (peak) prices; off-peak $0.135/1M input and $0.55/1M output, 16:30-00:30 UTC every day") for n in standard.notes)
    cheap = model_cost(model, make_traffic(input_tokens=100_000, output_tokens=0, requests=10, off_peak=True)).routes[0]
    assert cheap.per_request == Decimal("0.0135")
    assert "off-peak prices, 16:30-00:30 UTC every day" in cheap.notes


def test_weekday_windows_and_whole_weekend_days_are_worded():
    windows = [
        {"start": "10:00", "end": "01:00", "days": [1, 2, 3, 4, 5], "input": "0.15", "output": "0.60"},
        {"start": "00:00", "end": "00:00", "days": [6, 7], "input": "0.15", "output": "0.60"},
    ]
    model = make_model("flash", routes=[route("DeepSeek API", "0.30", "1.20", off_peak=windows)])
    notes = model_cost(model, make_traffic()).routes[0].notes
    assert any("10:00-01:00 UTC Mon-Fri; all day Sat-Sun" in n for n in notes)


def test_the_day_commands_answer_as_of_is_todays_unless_versus_as_of_pins_one(monkeypatch, capsys):
    """The bundled data has Claude Sonnet 4.5's own API deprecated until 2026-11-30: as of the 29th it is still
    sold, as of the 30th it is retired. The tests pin the 29th (tests/conftest.py); a bad value is one line."""
    import json

    from catalog.lifecycle import AS_OF_ENV, today
    from cli.main import main

    statuses = {}
    for day in ("2026-11-29", "2026-11-30"):
        monkeypatch.setenv(AS_OF_ENV, day)
        assert today() == dt.date.fromisoformat(day)
        assert main(["model", "anthropic/claude-sonnet-4.5", "--json"]) == 0
        card = json.loads(capsys.readouterr().out)
        statuses[day] = {route["provider"]: route["status"] for route in card["routes"]}
    assert statuses["2026-11-29"]["Anthropic API"] == "deprecated" and statuses["2026-11-30"]["Anthropic API"] == "retired"
    monkeypatch.delenv(AS_OF_ENV)
    assert today() == dt.datetime.now(dt.UTC).date()
    for bad in ("30/11/2026", "2026-02-30", "tomorrow"):
        monkeypatch.setenv(AS_OF_ENV, bad)
        assert main(["model", "anthropic/claude-sonnet-4.5"]) == 2
        assert capsys.readouterr().err == f"versus: VERSUS_AS_OF must be a day written YYYY-MM-DD, not {bad}\n"


def test_the_bot_refuses_a_bad_versus_as_of_in_its_settings():
    import pytest

    from bot.config import ConfigError
    from bot.config import settings as bot_settings

    assert bot_settings({"DISCORD_TOKEN": "t", "VERSUS_AS_OF": "2026-11-29"}).token == "t"
    with pytest.raises(ConfigError, match="VERSUS_AS_OF must be a day written YYYY-MM-DD, not 29.11.2026"):
        bot_settings({"DISCORD_TOKEN": "t", "VERSUS_AS_OF": "29.11.2026"})
