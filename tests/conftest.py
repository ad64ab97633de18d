"""Shared test helpers: where ../shared is, and the bundled catalog loaded once."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from catalog.lifecycle import AS_OF_ENV
from catalog.loader import load_catalog

# Every catalog in the tests, and in the processes they start, is used as of this day: a route the bundled data
# says is deprecated until a later day would otherwise retire under the tests on that day, changing answers
# with the calendar rather than with the code. Tests of the dates themselves pass their own ``as_of``.
TEST_DAY = "2026-11-29"
os.environ[AS_OF_ENV] = TEST_DAY

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


@pytest.fixture(autouse=True)
def _no_store_of_the_user(monkeypatch, tmp_path_factory):
    """No test reads or writes the user's own store or cache: the embedded store lives in a fresh data
    folder, the catalog cache in a fresh cache folder, and ``$VERSUS_DATABASE_URL`` is unset unless a test
    sets it."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data-home")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache-home")))
    monkeypatch.delenv("VERSUS_DATABASE_URL", raising=False)


# -- databases: every storage test runs on SQLite and on a real PostgreSQL (tests/pg.py) ---------------


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster for the session; skipped with the reason where none can run, a
    failure under CI (``CI=true``), where the storage tests must run on PostgreSQL."""
    from tests import pg

    cluster = pg.start_or_skip()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty database's URL: a SQLite file, then a fresh database in the PostgreSQL cluster."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'versus.db'}"
    return request.getfixturevalue("pg_cluster").new_database()


@pytest.fixture
async def store(database_url):
    """The store on ``database_url``, migrated."""
    from catalog.store import Store

    async with Store.open(database_url) as opened:
        yield opened
