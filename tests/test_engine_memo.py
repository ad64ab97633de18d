"""The engine's caches: per object by identity, and results built without validation that equal validated ones."""

from __future__ import annotations

import gc

import pytest

from engine import memo
from engine.compare import compare
from engine.cost import DEFAULT_TRAFFIC, estimate, make_traffic, model_cost
from engine.results import Cell, Comparison, CostEstimate
from tests.test_engine_support import make_model, route


class Thing:
    pass


def test_a_cache_belongs_to_its_object_and_goes_with_it():
    one, two = Thing(), Thing()
    assert memo.cached(one, "k", lambda: 1) == 1
    assert memo.cached(one, "k", lambda: 99) == 1
    assert memo.cached(two, "k", lambda: 2) == 2
    key = id(one)
    del one
    gc.collect()
    assert key not in memo._slots
    # A new object, wherever it lands, starts empty.
    three = Thing()
    assert memo.cached(three, "k", lambda: 3) == 3


def test_same_id_in_two_catalogs_is_not_mixed_up():
    cheap = make_model("same", routes=[route("Acme API", "1.00", "2.00")])
    dear = make_model("same", routes=[route("Acme API", "3.00", "6.00")])
    assert cheap.id == dear.id
    assert model_cost(cheap, DEFAULT_TRAFFIC).cheapest.per_month != model_cost(dear, DEFAULT_TRAFFIC).cheapest.per_month


def test_equal_traffics_share_and_different_ones_do_not():
    model = make_model("m", routes=[route("Acme API", "1.00", "2.00", cached_input="0.10")])
    a = model_cost(model, make_traffic(cached_share="0.3"))
    b = model_cost(model, make_traffic(cached_share="0.3"))
    c = model_cost(model, make_traffic(cached_share="0.30"))
    assert a is b
    assert c.cheapest.per_month == a.cheapest.per_month
    assert model_cost(model, make_traffic(cached_share="0.5")).cheapest.per_month != a.cheapest.per_month


def test_trusted_results_equal_validated_ones(bundled):
    models = [bundled["openai/gpt-4.1-mini"], bundled["xai/grok-4.3"], bundled["xai/grok-4.20"]]
    result = compare(models)
    again = Comparison.model_validate(result.model_dump())
    assert again == result
    assert again.model_dump_json() == result.model_dump_json()
    cost = estimate(models)
    assert CostEstimate.model_validate(cost.model_dump()) == cost


def test_trusted_refuses_unknown_or_missing_fields():
    with pytest.raises(TypeError):
        Cell.trusted(text="x", colour="red")
    with pytest.raises(TypeError):
        Cell.trusted(value=1)


def test_a_copy_of_a_trusted_result_changes_neither_it_nor_its_kind():
    first, second = Cell.trusted(text="a"), Cell.trusted(text="b")
    changed = first.model_copy(update={"text": "c"})
    assert (changed.text, first.text, second.text) == ("c", "a", "b")
    assert first.model_fields_set == second.model_fields_set == {"text", "value", "best"}
    assert changed.model_dump() == Cell(text="c").model_dump()
