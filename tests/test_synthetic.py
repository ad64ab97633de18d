"""bench/synthetic.py makes a valid catalog that loads back unchanged; the loader's quick TOML reader agrees with tomllib."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from catalog.loader import BUNDLED_ROOT, _fast_toml, load_catalog, read_toml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synthetic import synthetic_models, write_catalog  # noqa: E402


def test_synthetic_models_are_deterministic_distinct_and_load_back(tmp_path):
    models = synthetic_models(400)
    assert len(models) == 400
    assert [m.id for m in models] == [m.id for m in synthetic_models(400)]
    assert len({m.id for m in models}) == 400
    write_catalog(models, tmp_path)
    loaded = load_catalog(tmp_path)
    assert len(loaded) == 400
    for model in models:
        assert loaded[model.id].model_dump() == model.model_dump()


@pytest.mark.parametrize(
    "text",
    [
        'a = 1\nb = -0\nc = 0.40\nd = 2025-02-30\n', 'a = 1\na = 2\n', 'a = "x" # c\n', 'a = 012\n', 'a = 1e5\n',
        'a = [1, 2,]\n', 'a = [\n  1,\n  2,\n]\n', 'a = [\n  1,\n  # c\n  2,\n]\n', 'a = [,]\n', 'a = [{ x = 1, y = "a}" }]\n',
        'a = [{ x = 1, x = 2 }]\n', 'a = [{ x = 1, }]\n', '[t]\nx = 1\n[t]\ny = 2\n', '[[r]]\nx = 1\n[[r.s]]\ny = 2\n[[r]]\nz = 3\n',
        '[[r]]\ns = [{y = 1}]\n[[r.s]]\n', '[r]\n[[r]]\n', 'r = 1\n[r]\n', 'a = """x"""\n', "a = 'x'\n", 'a = "a\\tb"\n',
        'a = 2025-01-01T10:00:00\n', 'a = 2025-01-01 10:00:00\n', 'a = null\n', 'a.b = 1\n', 'a = [1, [2]]\n', 'a = 1\r\n',
        'a = [2025-01-01, "x", 1.5, true]\n', 'a = ["]"]\n', 'a = [\n"]",\n]\n', 'a = 2025-13-01\n', 'x = 1\n[[x]]\n', 'a = "é"\n',
    ],
)
def test_quick_reader_agrees_with_tomllib(text):
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        assert _fast_toml(text) is None
        with pytest.raises(tomllib.TOMLDecodeError) as info:
            read_toml(text)
        assert str(info.value) == str(exc)
        return
    for seen in (None, {}):
        quick = _fast_toml(text, seen)
        assert quick is None or repr(quick) == repr(expected)
    assert repr(read_toml(text)) == repr(expected)


def test_quick_reader_reads_every_bundled_file_as_tomllib_does():
    seen: dict = {}
    for path in sorted(BUNDLED_ROOT.rglob("*.toml")):
        text = path.read_text(encoding="utf-8")
        quick = _fast_toml(text, seen)
        assert quick is not None, path
        assert repr(quick) == repr(tomllib.loads(text)), path
