"""Shared test helpers: where ../shared is, and the bundled catalog loaded once."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from catalog.loader import load_catalog

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the calling test when it is absent (a user's clone has none)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)}, which is only beside the checkout in CI and on developer machines")
    return path


@pytest.fixture(scope="session")
def bundled():
    """The bundled catalog, validated."""
    return load_catalog()


@pytest.fixture(autouse=True)
def _collector_as_found():
    """Put the collector back as the test found it: a test that runs the bot's start-up
    (``bot.app.settle_memory``) freezes the heap and changes the thresholds of the whole process."""
    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()
    yield
    gc.set_threshold(*thresholds)
    if not frozen and gc.get_freeze_count():
        gc.unfreeze()
