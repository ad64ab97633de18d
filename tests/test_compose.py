"""compose.yaml: PostgreSQL and bot processes whose shards cover every shard exactly once, all on the one
database, each started only once the database answers; every setting it passes is one the bot reads."""

from __future__ import annotations

import re

import pytest

from bot.config import SHARD_COUNT_ENV, SHARD_IDS_ENV, TOKEN_ENV, settings
from catalog.store.url import DATABASE_URL_ENV, target
from tests.conftest import REPO

yaml = pytest.importorskip("yaml", reason="PyYAML reads compose.yaml (the test extras install it)")


def substituted(value: str) -> str:
    """A value as docker compose would pass it with the required variables set."""
    return re.sub(r"\$\{(\w+):\?[^}]*\}", lambda m: {"DISCORD_TOKEN": "MTIz.x.y", "VERSUS_DB_PASSWORD": "pw"}[m[1]], value)


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((REPO / "compose.yaml").read_text())


def bots(compose) -> dict[str, dict]:
    return {name: s for name, s in compose["services"].items() if s.get("command") == ["bot"]}


def test_the_bots_cover_every_shard_once_on_one_database(compose):
    found = bots(compose)
    assert len(found) >= 2
    counts, shards, urls = set(), [], set()
    for name, service in found.items():
        env = {k: substituted(str(v)) for k, v in service["environment"].items()}
        chosen = settings(env, shard_ids=None, shard_count=None, sync_global=False)  # what `versus bot` reads
        counts.add(chosen.shard_count)
        shards += list(chosen.shard_ids)
        urls.add(env[DATABASE_URL_ENV])
        assert service["depends_on"]["db"]["condition"] == "service_healthy", name
        assert TOKEN_ENV in env and SHARD_IDS_ENV in env and SHARD_COUNT_ENV in env
    (count,) = counts
    assert sorted(shards) == list(range(count))
    (url,) = urls
    where = target(url)
    assert (where.dialect, where.host, where.database) == ("postgresql", "db", "versus")
    assert "pw" not in where.display


def test_the_database_is_postgresql_15_and_checked_before_the_bots_start(compose):
    db = compose["services"]["db"]
    assert db["image"].startswith("postgres:15")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert substituted(db["environment"]["POSTGRES_PASSWORD"]) == "pw"  # the password comes from the environment
