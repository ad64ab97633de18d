"""Where PostgreSQL cannot run, the storage tests skip with the reason; under CI (``CI=true``) that is a
failure instead (``tests.pg.start_or_skip``, which the ``pg_cluster`` fixture every PostgreSQL test uses
calls)."""

from __future__ import annotations

import pytest

from tests import pg

MISSING = "PostgreSQL is not installed (needs initdb, pg_ctl and postgres on PATH)"


@pytest.fixture
def no_postgresql(monkeypatch):
    monkeypatch.setattr(pg, "unavailable", lambda: MISSING)
    monkeypatch.setattr(pg.Cluster, "start", classmethod(lambda cls: pytest.fail("no cluster may be started")))


@pytest.mark.parametrize("ci", [None, "", "false", "0"])
def test_without_postgresql_the_storage_tests_skip_with_the_reason(no_postgresql, monkeypatch, ci):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL is not installed"):
        pg.start_or_skip()


@pytest.mark.parametrize("ci", ["true", "TRUE", "true "])
def test_under_ci_a_skip_of_them_is_a_failure(no_postgresql, monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match="CI=true, and the PostgreSQL storage tests cannot run: PostgreSQL is not installed"):
        pg.start_or_skip()

