"""The catalog's types and the engine's results as plain frozen dataclasses (catalog/record.py): what a record
does without pydantic, what pydantic checks where data comes in, and what importing them costs."""

from __future__ import annotations

import copy
import datetime as dt
import dataclasses
import pickle
import subprocess
import sys
from decimal import Decimal

import pytest
from pydantic import ValidationError

from catalog.schema import PriceTier, Route, RouteSource
from engine.results import Cell, Row

SOURCE = RouteSource(url="https://example.com/prices", fetched=dt.date(2026, 11, 1), covers=("prices", "batch"))


def test_a_record_is_a_frozen_keyword_only_dataclass():
    tier = PriceTier(above_input_tokens=200_000, input=Decimal("2.5"), output=Decimal("10"))
    assert dataclasses.is_dataclass(tier)
    assert [f.name for f in dataclasses.fields(PriceTier)] == [
        "above_input_tokens",
        "input",
        "output",
        "cached_input",
        "cache_write",
    ]
    assert tier.cached_input is None and tier.cache_write is None  # defaults
    with pytest.raises(dataclasses.FrozenInstanceError):
        tier.input = Decimal(1)  # type: ignore[misc]
    with pytest.raises(TypeError, match="missing required keyword argument: 'output'"):
        PriceTier(above_input_tokens=1, input=Decimal(1))  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'inputs'"):
        PriceTier(above_input_tokens=1, input=Decimal(1), output=Decimal(1), inputs=Decimal(1))  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        PriceTier(1, Decimal(1), Decimal(1))  # type: ignore[misc]


def test_records_are_equal_and_hash_alike_by_class_and_values():
    cell = Cell(text="$1.00/1M", value=Decimal(1), best=True)
    same = Cell(text="$1.00/1M", value=Decimal(1), best=True)
    assert cell == same and hash(cell) == hash(same) and len({cell, same}) == 1
    assert cell != Cell(text="$1.00/1M", value=Decimal(1))
    assert cell != Row(key="x", label="x", cells=(cell,))
    assert repr(cell) == "Cell(text='$1.00/1M', value=Decimal('1'), best=True)"
    for copied in (copy.deepcopy(cell), pickle.loads(pickle.dumps(cell)), dataclasses.replace(cell)):
        assert copied == cell and copied is not cell
    assert cell.replace(best=False) == Cell(text="$1.00/1M", value=Decimal(1))


def test_the_rules_that_span_fields_hold_for_a_record_built_directly_and_for_validated_data():
    with pytest.raises(ValueError, match="batch_input and batch_output go together"):
        Route(
            provider="P",
            model_id="m",
            input=Decimal(1),
            output=Decimal(2),
            batch_input=Decimal(1),
            context_window=None,
            sources=(SOURCE,),
        )
    route = Route(
        provider="P", model_id="m", input=Decimal(1), output=Decimal(2), context_window=None, sources=(SOURCE,)
    )
    with pytest.raises(ValueError, match="batch_input and batch_output go together"):
        route.replace(batch_input=Decimal(1))
    data = {**route.as_dict(json=True, exclude_defaults=True), "batch_input": "0.5"}
    with pytest.raises(ValidationError, match="batch_input and batch_output go together"):
        Route.validate(data)


def test_validation_checks_types_and_the_rules_in_annotations_and_converts_where_data_comes_in():
    route = Route.validate(
        {
            "provider": " P ",
            "model_id": "m",
            "input": "1.25",
            "output": "unknown",
            "context_window": 128000,
            "sources": [
                {"url": "HTTPS://Example.com", "fetched": "2026-11-01", "covers": ["prices", "context_window"]}
            ],
        }
    )
    assert route.provider == "P" and route.input == Decimal("1.25") and route.output is None
    assert route.sources[0].url == "https://example.com/"  # normalised, kept as text
    assert isinstance(route.sources, tuple)
    with pytest.raises(ValidationError) as caught:
        Route.validate({**route.as_dict(json=True), "input": "-1", "colour": "red"})
    kinds = {(e["loc"], e["type"]) for e in caught.value.errors()}
    assert (("input",), "greater_than_equal") in kinds and (("colour",), "unexpected_keyword_argument") in kinds


def test_as_dict_gives_plain_data_and_json_gives_exact_prices_as_text():
    route = Route(
        provider="P", model_id="m", input=Decimal("1.25"), output=Decimal("10"), context_window=None, sources=(SOURCE,)
    )
    plain = route.as_dict(exclude_defaults=True)
    assert plain["input"] == Decimal("1.25") and plain["sources"][0]["covers"] == ("prices", "batch")
    assert "tiers" not in plain and "status" not in plain  # defaults left out
    data = route.as_dict(json=True)
    assert data["input"] == "1.25" and data["status"] == "active" and data["tiers"] == []
    assert data["sources"][0]["fetched"] == "2026-11-01"
    assert Route.validate(data) == route
    assert Cell(text="x", value=Decimal("2.50")).as_dict(json=True) == {"text": "x", "value": 2.5, "best": False}


def test_importing_the_types_and_the_compare_command_takes_nothing_of_pydantic_beyond_import_pydantic():
    code = (
        "import sys, pydantic, rapidfuzz.process\n"
        "before = set(sys.modules)\n"
        "import catalog.schema, engine.results, cli.engine_cmds, cli.resolve_cmd\n"
        "print(sorted(m for m in set(sys.modules) - before if m.split('.')[0] in ('pydantic', 'annotated_types')))\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert found.strip() == "[]"


def test_a_fields_own_rule_is_reported_at_the_field_and_a_rule_across_fields_at_the_record(tmp_path):
    """`file: field: reason`: a repeated alias names `aliases`, unordered tiers name `routes[0].tiers`; the
    batch pair spans two fields and names the route."""
    from catalog.loader import BUNDLED_ROOT, validate_tree

    text = (BUNDLED_ROOT / "xai" / "grok-4.3.toml").read_text()
    folder = tmp_path / "catalog" / "xai"
    folder.mkdir(parents=True)
    (folder / "grok-4.3.toml").write_text(text.replace('aliases = ["grok4.3"', 'aliases = ["x", "X", "grok4.3"', 1))
    _, errors = validate_tree(tmp_path / "catalog")
    assert [(e.location, e.message) for e in errors] == [("aliases", "x is listed twice")]

    route = Route(provider="P", model_id="m", input=Decimal(1), output=Decimal(2), context_window=None, sources=(SOURCE,))
    tier = {"input": "2", "output": "4"}
    data = {**route.as_dict(json=True), "sources": [{**SOURCE.as_dict(json=True), "covers": ["prices", "tiers", "batch"]}]}
    with pytest.raises(ValidationError) as caught:
        Route.validate({**data, "tiers": [{**tier, "above_input_tokens": 200_000}, {**tier, "above_input_tokens": 100_000}]})
    assert [(e["loc"], e["msg"]) for e in caught.value.errors()] == [
        (("tiers",), "Value error, tiers must have distinct above_input_tokens in ascending order")
    ]
    with pytest.raises(ValidationError) as caught:
        Route.validate({**data, "batch_input": "0.5"})
    assert [e["loc"] for e in caught.value.errors()] == [()]
