"""The catalog cache (catalog/warm.py): a folder read once is read back as it was, never stale."""

from __future__ import annotations

import os
import shutil

from catalog import warm
from catalog.loader import BUNDLED_ROOT, load_catalog


def test_a_folder_read_twice_is_validated_once_and_reads_back_the_same_models(tmp_path):
    tree = tmp_path / "catalog"
    shutil.copytree(BUNDLED_ROOT / "xai", tree / "xai")
    before = (warm.hits, warm.misses)
    first = load_catalog(tree)
    second = load_catalog(tree)
    assert (warm.hits - before[0], warm.misses - before[1]) == (1, 1)
    assert list(first.models) == list(second.models) and len(first) == len(list((tree / "xai").glob("*.toml")))


def test_a_changed_file_is_read_again(tmp_path):
    tree = tmp_path / "catalog"
    shutil.copytree(BUNDLED_ROOT / "xai", tree / "xai")
    load_catalog(tree)
    path = tree / "xai" / "grok-4.3.toml"
    path.write_text(path.read_text().replace('name = "Grok 4.3"', 'name = "Grok Four Point Three"', 1))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    misses = warm.misses
    assert load_catalog(tree)["xai/grok-4.3"].name == "Grok Four Point Three"
    assert warm.misses == misses + 1


def test_an_invalid_folder_is_never_kept_and_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    tree = tmp_path / "catalog"
    shutil.copytree(BUNDLED_ROOT / "xai", tree / "xai")
    path = tree / "xai" / "grok-4.3.toml"
    path.write_text(path.read_text().replace("input = 1.25", "input = -1", 1))
    import pytest

    from catalog.loader import CatalogInvalid

    for _ in range(2):
        with pytest.raises(CatalogInvalid):
            load_catalog(tree)
    monkeypatch.setenv(warm.CACHE_ENV, "off")
    assert not warm.enabled()
    before = (warm.hits, warm.misses)
    load_catalog(BUNDLED_ROOT)
    load_catalog(BUNDLED_ROOT)
    assert (warm.hits, warm.misses) == before


def test_the_name_index_is_kept_beside_the_models_and_serves_the_catalog_of_any_day(tmp_path):
    import datetime as dt

    import pytest

    from catalog.loader import Catalog
    from catalog.resolver import Resolver

    tree = tmp_path / "catalog"
    for vendor in ("xai", "openai"):
        shutil.copytree(BUNDLED_ROOT / vendor, tree / vendor)
    load_catalog(tree)  # kept
    hits = warm.hits
    read_back = load_catalog(tree)
    assert warm.hits == hits + 1
    assert read_back._resolver is not None  # came with its index: nothing to build
    fresh = Resolver(read_back.models)
    for query in ("grok 4.3", "gpt 4.1 mini", "grok", "gtp-4.1", "o3"):
        assert read_back.resolver.resolve(query) == fresh.resolve(query)
    # Years later GPT-4.1 Mini's routes are past their deprecation dates: the settled model is another object,
    # and the kept index hands out that one, not the one it was made with.
    later = Catalog(read_back.models, as_of=dt.date(2100, 1, 1), resolver=read_back.resolver)
    mini = later.resolver.named("gpt 4.1 mini")
    assert mini is later["openai/gpt-4.1-mini"] and mini is not read_back["openai/gpt-4.1-mini"]
    openai_api = {m: next(r for r in m.routes if r.provider == "OpenAI API") for m in (mini, read_back["openai/gpt-4.1-mini"])}
    assert not openai_api[mini].sold and openai_api[read_back["openai/gpt-4.1-mini"]].sold
    with pytest.raises(ValueError, match="only the models it was made of"):
        read_back.resolver.over(read_back.models[1:])
    assert Catalog(read_back.models[1:], resolver=read_back.resolver).resolver.named("grok 4.3") is not None  # made anew
