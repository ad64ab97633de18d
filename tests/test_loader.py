"""Loading a catalog tree: every error is named by file, field and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.loader import CatalogInvalid, load_catalog, validate_tree
from catalog.schema import Tri

SEED = Path(__file__).resolve().parent.parent / "catalog" / "models" / "openai" / "gpt-4.1-mini.toml"


def _write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_catalog_loads(bundled):
    model = bundled["openai/gpt-4.1-mini"]
    assert model.context_window == 1_047_576


def test_negative_price_names_file_field_and_reason(tmp_path):
    text = SEED.read_text().replace("input = 0.40", "input = -1", 1)
    _write(tmp_path, "openai/gpt-4.1-mini.toml", text)
    _, errors = validate_tree(tmp_path)
    assert len(errors) == 1
    assert str(errors[0]).endswith("openai/gpt-4.1-mini.toml: routes[0].input: must be >= 0")


def test_every_error_in_a_tree_is_reported(tmp_path):
    text = SEED.read_text()
    bad = text.replace('vision = "yes"', 'vison = "yes"').replace("release_date = 2025-04-14", 'release_date = "soon"')
    _write(tmp_path, "openai/gpt-4.1-mini.toml", bad)
    _write(tmp_path, "openai/broken.toml", 'id = "x"\n[[')
    _, errors = validate_tree(tmp_path)
    rendered = "\n".join(str(e) for e in errors)
    assert "broken.toml: invalid TOML" in rendered
    assert "capabilities.vison: is not a known key (a typo?)" in rendered
    assert "capabilities.vision: is required" in rendered
    assert "release_date:" in rendered
    with pytest.raises(CatalogInvalid) as info:
        load_catalog(tmp_path)
    assert len(info.value.errors) == len(errors) >= 4


def test_duplicate_ids_and_contested_aliases(tmp_path):
    text = SEED.read_text()
    _write(tmp_path, "openai/gpt-4.1-mini.toml", text)
    twin = text.replace('id = "openai/gpt-4.1-mini"', 'id = "openai/gpt-4.1-mini-copy"').replace(
        'name = "GPT-4.1 Mini"', 'name = "GPT-4.1 Mini Copy"'
    )
    _write(tmp_path, "openai/gpt-4.1-mini-copy.toml", twin)
    _, errors = validate_tree(tmp_path)
    assert any("aliases[0]" in str(e) and "already claimed by openai/gpt-4.1-mini" in str(e) for e in errors)


def test_unknown_is_a_value_not_a_default(tmp_path):
    text = SEED.read_text().replace('code_execution = "yes"', 'code_execution = "unknown"')
    _write(tmp_path, "openai/gpt-4.1-mini.toml", text)
    catalog = load_catalog(tmp_path)
    assert catalog["openai/gpt-4.1-mini"].capabilities.code_execution is Tri.UNKNOWN


def test_a_known_fact_without_a_source_is_an_error(tmp_path):
    text = SEED.read_text().replace('covers = ["tags"]', 'covers = ["licence"]')
    _write(tmp_path, "openai/gpt-4.1-mini.toml", text)
    _, errors = validate_tree(tmp_path)
    assert any("no [[sources]] entry covers tags" in str(e) for e in errors)


def test_file_must_be_named_for_its_id(tmp_path):
    _write(tmp_path, "openai/mini.toml", SEED.read_text())
    _, errors = validate_tree(tmp_path)
    assert [e.message for e in errors] == ["'openai/gpt-4.1-mini' must live in openai/gpt-4.1-mini.toml"]
