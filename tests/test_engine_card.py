"""The model card (``engine.card``): the catalog's facts about one model, its routes with their prices and
sources, the cheapest route named by the engine, unknown kept unknown."""

from __future__ import annotations

from decimal import Decimal

from engine.card import model_card
from engine.facts import cheapest_blend
from tests.test_engine_support import make_model, route


def test_card_of_gpt_41_mini(bundled):
    model = bundled["openai/gpt-4.1-mini"]
    card = model_card(model)
    assert (card.model.id, card.model.name, card.context_window) == (model.id, model.name, model.context_window)
    assert [r.provider for r in card.routes] == [r.provider for r in model.routes]
    assert [r.provider for r in card.routes if r.cheapest] == list(cheapest_blend(model).providers[:1]) == ["OpenAI API"]
    assert card.open_weights == "no" and {c.key: c.answer for c in card.capabilities}["vision"] == "yes"
    assert [s.url for s in card.sources] == [str(s.url) for s in model.sources]
    assert all(s.covers for s in card.sources) and card.updated == model.updated
    swe = next(b for b in card.benchmarks if b.name == "SWE-bench Verified")
    assert swe.score == Decimal("23.6") and swe.verification == "vendor-reported"


def test_card_tiers_and_route_sources(bundled):
    model = bundled["xai/grok-4.20"]
    card = model_card(model)
    tiered = [r for r in card.routes if r.tiers]
    assert tiered and tiered[0].tiers[0].above_input_tokens == 200_000
    for shown, route in zip(card.routes, model.routes):
        assert [s.url for s in shown.sources] == [str(s.url) for s in route.sources]
        assert [s.covers for s in shown.sources] == [s.covers for s in route.sources]


def test_unknown_stays_unknown_on_the_card():
    model = make_model("dark", routes=[route("Acme API", "unknown", "unknown")], context_window="unknown")
    card = model_card(model)
    assert card.context_window is None
    assert card.routes[0].input is None and card.routes[0].output is None
    assert not any(r.cheapest for r in card.routes)
