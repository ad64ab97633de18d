"""bench/synthetic.py makes a valid catalog that loads back unchanged."""

from __future__ import annotations

import sys
from pathlib import Path

from catalog.loader import load_catalog

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
        assert loaded[model.id].as_dict() == model.as_dict()
