"""The engine's one cache (``engine.cache``): keyed by identity or by a given key, bounded, counted, and
switched off by ``VERSUS_ENGINE_CACHE=off``; and results that equal their validated copies."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import pytest

from engine import cache
from engine.compare import compare
from engine.cost import DEFAULT_TRAFFIC, estimate, make_traffic, model_cost
from engine.results import Cell, Comparison, CostEstimate
from tests.conftest import REPO
from tests.test_engine_support import make_model, route

needs_cache = pytest.mark.skipif(not cache.ENABLED, reason=f"{cache.SWITCH} turns the engine's caches off")


class Thing:
    pass


def _counted(name: str, size: int = 3, key=None):
    calls: list[object] = []

    @cache.cached(name, size=size, key=key)
    def work(thing: object) -> int:
        calls.append(thing)
        return len(calls)

    return work, calls


@needs_cache
def test_an_entry_belongs_to_its_object_and_keeps_it_alive():
    work, calls = _counted("test: by identity")
    one, two = Thing(), Thing()
    assert work(one) == 1 and work(one) == 1 and work(two) == 2
    assert (work.cache.hits, work.cache.misses) == (1, 2)
    key = id(one)
    del one
    gc.collect()
    # The entry holds its argument: no other object can take that identity while it lives.
    assert any(id(args[0]) == key for args, _ in work.cache.entries.values())


@needs_cache
def test_the_oldest_entry_goes_first_when_full():
    work, calls = _counted("test: bound", size=2)
    things = [Thing(), Thing(), Thing()]
    for thing in things:
        work(thing)
    assert len(work.cache.entries) == 2
    work(things[0])  # evicted: worked out again
    assert len(calls) == 4
    work(things[2])  # still there
    assert len(calls) == 4


@needs_cache
def test_a_key_makes_equal_arguments_share():
    work, calls = _counted("test: by value", key=lambda text: text.casefold())
    assert work("Grok") == work("grok") == 1
    assert [s for s in cache.stats() if s.name == "test: by value"][0].hits == 1


def test_keyword_arguments_are_refused():
    work, _ = _counted("test: positional")
    with pytest.raises(TypeError):
        work(thing=Thing())


def test_two_caches_cannot_share_a_name():
    _counted("test: named once")
    with pytest.raises(ValueError):
        _counted("test: named once")


def test_the_switch_turns_every_cache_off():
    code = (
        "from engine import cache\n"
        "from engine.cost import DEFAULT_TRAFFIC, model_cost\n"
        "from catalog.loader import load_catalog\n"
        "model = load_catalog()['openai/gpt-4.1-mini']\n"
        "assert model_cost(model, DEFAULT_TRAFFIC) is not model_cost(model, DEFAULT_TRAFFIC)\n"
        "print(cache.ENABLED, sum(s.entries for s in cache.stats()))\n"
    )
    env = {"VERSUS_ENGINE_CACHE": "off", "PATH": ""}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, check=True)
    assert done.stdout.split() == ["False", "0"]


def test_same_id_in_two_catalogs_is_not_mixed_up():
    cheap = make_model("same", routes=[route("Acme API", "1.00", "2.00")])
    dear = make_model("same", routes=[route("Acme API", "3.00", "6.00")])
    assert cheap.id == dear.id
    assert model_cost(cheap, DEFAULT_TRAFFIC).cheapest.per_month != model_cost(dear, DEFAULT_TRAFFIC).cheapest.per_month


@needs_cache
def test_equal_traffics_share_and_different_ones_do_not():
    model = make_model("m", routes=[route("Acme API", "1.00", "2.00", cached_input="0.10")])
    a = model_cost(model, make_traffic(cached_share="0.3"))
    b = model_cost(model, make_traffic(cached_share="0.3"))
    c = model_cost(model, make_traffic(cached_share="0.30"))
    assert a is b
    assert c.cheapest.per_month == a.cheapest.per_month
    assert model_cost(model, make_traffic(cached_share="0.5")).cheapest.per_month != a.cheapest.per_month


def test_results_equal_their_validated_copies(bundled):
    models = [bundled["openai/gpt-4.1-mini"], bundled["xai/grok-4.3"], bundled["xai/grok-4.20"]]
    result = compare(models)
    again = Comparison.validate(result.as_dict())
    assert again == result and hash(again) == hash(result)
    # Byte for byte: the engine built it of the declared types (tuples, Decimal amounts), as validation would.
    assert json.dumps(again.as_dict(json=True)) == json.dumps(result.as_dict(json=True))
    cost = estimate(models)
    assert CostEstimate.validate(cost.as_dict()) == cost


def test_results_refuse_unknown_or_missing_fields():
    with pytest.raises(TypeError):
        Cell(text="x", colour="red")
    with pytest.raises(TypeError):
        Cell(value=1)


def test_a_copy_of_a_result_changes_neither_it_nor_its_kind():
    first, second = Cell(text="a"), Cell(text="b")
    changed = first.replace(text="c")
    assert (changed.text, first.text, second.text) == ("c", "a", "b")
    assert type(changed) is Cell and changed == Cell(text="c") and changed.as_dict() == Cell(text="c").as_dict()
