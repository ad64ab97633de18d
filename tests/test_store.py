"""The store (catalog/store) on real databases: every test here runs on a SQLite file and on PostgreSQL.

Migrations from an empty database; snapshots and catalog versions written and read back byte for byte;
one transaction per version (a failure leaves nothing); the refresh lock between two connections and
two processes; new versions heard from another connection and another process; the one-line
``StoreUnavailable`` for every way opening fails, never with the password.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gzip
import os
import random
import signal
import subprocess
import sys
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from catalog.changes import Change, ChangeKind
from catalog.store import (
    SnapshotRecord,
    Store,
    StoreSettingInvalid,
    StoreUnavailable,
    VersionRecord,
    core,
    migrate,
)
from catalog.store.tables import catalog_versions, metadata, source_snapshots
from catalog.store.url import default_path, poll_seconds, target
from tests.conftest import REPO

NOW = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)


def snapshot(source: str, n: int = 1, **extra) -> SnapshotRecord:
    return SnapshotRecord(
        source=source,
        label=f"{source} #{n}",
        url=f"https://example.org/{source}/{n}.json",
        fetched_at=NOW + dt.timedelta(hours=n),
        sha256=f"{n:064x}",
        count=100 + n,
        **extra,
    )


def change(kind=ChangeKind.PRICE_CHANGED, model="together/qwen3.7-max", vendor="Alibaba", day=dt.date(2026, 11, 1),
           provider="Together AI", field="input", old="1.5", new="2.5") -> Change:
    return Change(kind, model, model.split("/")[-1].title(), vendor, day, "LiteLLM 1.110.2",
                  "https://github.com/BerriAI/litellm/blob/v1.110.2/model_prices_and_context_window.json",
                  provider, field, old, new)


CHANGES = [
    change(),
    change(field="output", old="4.5", new="7.5"),
    change(kind=ChangeKind.MODEL_ADDED, model="anthropic/claude-x", vendor="Anthropic", day=dt.date(2026, 10, 1),
           provider=None, field=None, old=None, new=None),
    change(kind=ChangeKind.ROUTE_RETIRED, model="openai/o1", vendor="OpenAI", day=dt.date(2026, 11, 20),
           provider="OpenAI", field="deprecation_date", old=None, new="2026-11-20"),
]


async def save(store: Store, changes=(), snapshots=(), payload: bytes = b"{}", models: int = 3) -> VersionRecord:
    return await store.save_version(
        gzip.compress(payload),
        as_of=dt.date(2026, 11, 29),
        models=models,
        routes=models * 2,
        sources={"litellm": {"label": "LiteLLM 1.110.2", "fetched": "2026-11-29T12:00:00Z"}},
        summary=f"{len(changes)} changes",
        changes=list(changes),
        snapshots=list(snapshots),
    )


# -- migrations -----------------------------------------------------------------------------------------


async def test_an_empty_database_is_migrated_to_the_newest_revision_matching_the_tables(database_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    async with Store.open(database_url) as store:
        assert (store.migrated_from, store.revision) == (None, migrate.HEAD)

        def differences(sync_conn):
            return compare_metadata(MigrationContext.configure(sync_conn, opts={"compare_type": True}), metadata)

        async with store._engine.connect() as conn:
            assert await conn.run_sync(differences) == []
    async with Store.open(database_url) as again:  # the second open finds it at the head
        assert (again.migrated_from, again.revision) == (migrate.HEAD, migrate.HEAD)


def test_the_revisions_the_store_knows_are_alembics():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    ordered = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert tuple(ordered) == migrate.REVISIONS
    assert scripts.get_current_head() == migrate.HEAD


async def test_two_processes_opening_an_empty_database_at_once_both_find_it_migrated(database_url):
    stores = await asyncio.gather(Store.open(database_url), Store.open(database_url))
    try:
        assert {s.revision for s in stores} == {migrate.HEAD}
        assert sorted(s.migrated_from is None for s in stores) == [False, True]  # exactly one migrated
    finally:
        await asyncio.gather(*(s.close() for s in stores))


async def test_an_unmigrated_database_is_refused_without_migrate(database_url):
    with pytest.raises(StoreUnavailable, match="versus db upgrade") as caught:
        await Store.open(database_url, migrate=False)
    assert "\n" not in str(caught.value)


async def test_a_database_from_a_newer_versus_is_refused(store, database_url):
    async with store._writer.begin() as conn:
        await conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreUnavailable, match="revision 9999, newer than this Versus knows"):
        await Store.open(database_url)


# -- snapshots ------------------------------------------------------------------------------------------


async def test_snapshots_come_back_as_saved_newest_of_each_source(store):
    assert await store.snapshot_records() == {}
    assert await store.last_snapshot("litellm") is None
    first, second = snapshot("litellm", 1, version="1.109.1"), snapshot("litellm", 2, version="1.110.2", etag='W/"x"')
    other = snapshot("openrouter", 1, last_modified="Sat, 28 Nov 2026 10:00:00 GMT")
    payload = gzip.compress(random.Random(1).randbytes(50_000))
    await store.save_snapshot(first, b"old")
    await store.save_snapshot(other, b"or")
    await store.save_snapshot(second, payload)
    assert await store.snapshot_records() == {"litellm": second, "openrouter": other}
    assert await store.last_snapshot("litellm") == (second, payload)
    assert await store.last_snapshot("openrouter") == (other, b"or")
    assert (await store.last_snapshot("litellm"))[0].fetched_at.tzinfo is not None


async def test_only_the_newest_snapshots_of_a_source_are_kept(store):
    for n in range(1, core.KEEP_SNAPSHOTS + 3):
        await store.save_snapshot(snapshot("litellm", n), f"payload {n}".encode())
    await store.save_snapshot(snapshot("openrouter", 1), b"kept")
    async with store._engine.connect() as conn:
        rows = (await conn.execute(select(source_snapshots.c.source, source_snapshots.c.label))).all()
    labels = sorted(label for source, label in rows if source == "litellm")
    assert labels == sorted(f"litellm #{n}" for n in range(3, core.KEEP_SNAPSHOTS + 3))
    assert ("openrouter", "openrouter #1") in rows


def test_a_snapshot_record_needs_a_time_zone():
    with pytest.raises(ValueError, match="time zone"):
        SnapshotRecord("litellm", "x", "https://x", dt.datetime(2026, 1, 1), "0" * 64, 1)


# -- catalog versions and their changes -----------------------------------------------------------------


async def test_a_version_comes_back_byte_for_byte_with_its_changes_and_snapshots(store):
    assert await store.latest_version() is None
    assert await store.load_version() is None
    payload = random.Random(7).randbytes(1_000_000)  # incompressible: a megabyte stored as given
    record = await store.save_version(
        payload,
        as_of=dt.date(2026, 11, 29),
        models=250,
        routes=2900,
        sources={"litellm": {"label": "LiteLLM 1.110.2"}, "openrouter": {"count": 330}},
        summary="2 prices changed, 1 model added, 1 route retired",
        changes=CHANGES,
        snapshots=[(snapshot("litellm", 5), b"lite"), (snapshot("genai-prices", 1), b"genai")],
    )
    assert record.id >= 1 and record.created_at.tzinfo is not None
    assert record.sha256 == __import__("hashlib").sha256(payload).hexdigest()
    assert await store.latest_version() == record
    assert await store.load_version() == (record, payload)
    assert await store.load_version(record.id) == (record, payload)
    assert await store.load_version(record.id + 1) is None
    assert set(await store.snapshot_records()) == {"litellm", "genai-prices"}
    by_date = sorted(CHANGES, key=lambda c: c.date)  # oldest first; the same day as recorded
    assert await store.changes() == by_date
    assert await store.changes(version_id=record.id) == by_date
    assert [c for _, c in await store.change_rows(record.id)] == by_date


async def test_changes_filter_by_date_vendor_model_provider_and_version(store):
    first = await save(store, CHANGES)
    later = change(model="together/qwen3.7-max", day=dt.date(2026, 11, 25), old="2.5", new="2.0")
    second = await save(store, [later])
    assert await store.changes(since=dt.date(2026, 11, 1)) == [CHANGES[0], CHANGES[1], CHANGES[3], later]
    assert await store.changes(since=dt.date(2026, 11, 21)) == [later]
    assert await store.changes(vendor="anthropic") == [CHANGES[2]]  # any case
    assert await store.changes(vendor="ANTHROPIC ") == [CHANGES[2]]
    assert await store.changes(model_id="together/qwen3.7-max") == [CHANGES[0], CHANGES[1], later]
    assert await store.changes(provider="together ai") == [CHANGES[0], CHANGES[1], later]
    assert await store.changes(version_id=second.id) == [later]
    assert await store.changes(version_id=first.id, provider="OpenAI") == [CHANGES[3]]
    assert await store.changes(vendor="nobody") == []
    assert round((await store.changes(model_id="together/qwen3.7-max"))[0].percent, 2) == Decimal("66.67")


async def test_a_version_is_one_transaction_a_failure_leaves_nothing(store):
    heard: list[int] = []

    async def listen():
        async for version_id in store.watch_versions(0.05):
            heard.append(version_id)

    watcher = asyncio.create_task(listen())
    await asyncio.sleep(0.2)
    broken = snapshot("litellm", 9)
    object.__setattr__(broken, "count", None)  # NOT NULL: fails after the version and its changes went in
    with pytest.raises(Exception) as caught:
        await save(store, CHANGES, snapshots=[(snapshot("openrouter", 1), b"x"), (broken, b"y")])
    assert not isinstance(caught.value, AssertionError)
    assert await store.latest_version() is None
    assert await store.changes() == []
    assert await store.snapshot_records() == {}
    good = await save(store, CHANGES[:1])
    await _until(lambda: heard, 10)
    watcher.cancel()
    assert heard == [good.id]  # nothing announced for the version that was rolled back
    assert await store.changes() == CHANGES[:1]


async def test_old_versions_lose_their_payload_but_keep_their_history(store):
    records = [await save(store, [change(old=str(n), new=str(n + 1))], payload=f"v{n}".encode()) for n in range(core.KEEP_VERSIONS + 2)]
    assert await store.load_version(records[0].id) is None
    assert await store.load_version(records[1].id) is None
    kept = await store.load_version(records[2].id)
    assert kept is not None and gzip.decompress(kept[1]) == b"v2"
    assert gzip.decompress((await store.load_version())[1]) == f"v{core.KEEP_VERSIONS + 1}".encode()
    assert len(await store.changes()) == core.KEEP_VERSIONS + 2
    async with store._engine.connect() as conn:
        assert (await conn.execute(select(func.count()).select_from(catalog_versions))).scalar() == core.KEEP_VERSIONS + 2


async def test_sources_that_json_cannot_hold_are_refused_before_anything_is_written(store):
    with pytest.raises(TypeError):
        await store.save_version(b"x", as_of=dt.date(2026, 1, 1), models=1, routes=1, sources={"when": dt.date(2026, 1, 1)},
                                 summary="", changes=[])
    assert await store.latest_version() is None


# -- the refresh lock -----------------------------------------------------------------------------------


async def test_only_one_connection_holds_the_refresh_lock(store, database_url):
    async with Store.open(database_url) as other:
        async with store.refresh_lock() as held:
            assert held is True
            async with other.refresh_lock() as second:
                assert second is False
            async with store.refresh_lock() as again:  # not re-entrant: a second refresh in one process waits its turn
                assert again is False
        async with other.refresh_lock() as after:
            assert after is True


async def test_two_at_once_exactly_one_holds_it(store, database_url):
    async with Store.open(database_url) as other:
        results = []

        async def take(s: Store):
            async with s.refresh_lock() as held:
                results.append(held)
                await asyncio.sleep(0.3)

        await asyncio.gather(take(store), take(other), take(store))
        assert sorted(results) == [False, False, True]


async def test_a_sqlite_lease_is_renewed_while_held_and_taken_over_when_its_holder_stops(tmp_path):
    url = f"sqlite:///{tmp_path / 'lease.db'}"
    async with Store.open(url) as one, Store.open(url) as two:
        one.lease_seconds = two.lease_seconds = 0.6
        async with one.refresh_lock() as held:
            assert held
            await asyncio.sleep(1.5)  # past two lease lengths: held only because it is renewed
            async with two.refresh_lock() as second:
                assert second is False
        async with two.refresh_lock() as after:
            assert after is True


async def test_a_process_holding_the_lock_excludes_others_and_a_killed_one_lets_go(store, database_url):
    child = _child("hold", database_url, VERSUS_TEST_LEASE_SECONDS="1")
    try:
        assert (await asyncio.wait_for(asyncio.to_thread(child.stdout.readline), 30)).strip() == "held"
        async with store.refresh_lock() as held:
            assert held is False
        child.send_signal(signal.SIGKILL)
        child.wait(10)

        async def taken() -> bool:
            async with store.refresh_lock() as held:
                return held

        assert await _until(taken, 15)  # PostgreSQL: with the dead connection; SQLite: when the lease expires
    finally:
        _end(child)


# -- new versions, whoever writes them ------------------------------------------------------------------


async def test_a_version_written_by_another_connection_is_heard(store, database_url):
    # PostgreSQL polls only once a minute here: hearing it within the wait means NOTIFY woke the watcher.
    poll = 60.0 if store.dialect == "postgresql" else 0.1
    heard: asyncio.Queue[int] = asyncio.Queue()
    before = await save(store)

    async def listen():
        async for version_id in store.watch_versions(poll):
            await heard.put(version_id)

    watcher = asyncio.create_task(listen())
    try:
        await asyncio.sleep(0.5)  # listening (and the newest version seen) before the write
        async with Store.open(database_url) as writer:
            written = await save(writer, CHANGES)
        assert await asyncio.wait_for(heard.get(), 10) == written.id
        assert written.id > before.id
        assert heard.empty()
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher


async def test_a_version_written_by_another_process_is_heard(store, database_url):
    poll = 60.0 if store.dialect == "postgresql" else 0.1
    heard: asyncio.Queue[int] = asyncio.Queue()

    async def listen():
        async for version_id in store.watch_versions(poll):
            await heard.put(version_id)

    watcher = asyncio.create_task(listen())
    try:
        await asyncio.sleep(0.5)
        child = _child("version", database_url, extra_args=("7",))
        out, err = await asyncio.to_thread(child.communicate, timeout=60)
        assert child.returncode == 0, err
        assert await asyncio.wait_for(heard.get(), 10) == int(out.strip())
        assert (await store.latest_version()).models == 7
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher


async def test_watching_from_a_known_version_catches_up_then_follows(store):
    first, second = await save(store), await save(store)
    seen = []
    async with contextlib.aclosing(store.watch_versions(0.05, after=first.id)) as versions:
        async for version_id in versions:
            seen.append(version_id)
            if len(seen) == 1:
                third = await save(store)
            if len(seen) == 2:
                break
    assert seen == [second.id, third.id]


async def test_the_listener_comes_back_after_its_connection_is_killed(pg_cluster):
    url = pg_cluster.new_database()
    async with Store.open(url) as store, Store.open(url) as writer:
        heard: asyncio.Queue[int] = asyncio.Queue()

        async def listen():
            async for version_id in store.watch_versions(60.0):
                await heard.put(version_id)

        watcher = asyncio.create_task(listen())
        try:
            await asyncio.sleep(0.5)
            async with writer._engine.connect() as conn:
                killed = (await conn.execute(text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND query LIKE 'LISTEN%'"
                ))).scalar()
            assert killed == 1
            await asyncio.sleep(0.5)  # the termination wakes the watcher, which listens again
            written = await save(writer)
            assert await asyncio.wait_for(heard.get(), 10) == written.id
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher


# -- opening: where, and every way it fails -------------------------------------------------------------


def test_without_a_url_the_store_is_a_file_in_the_users_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("VERSUS_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "versus" / "versus.db"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_path() == tmp_path / "home" / ".local" / "share" / "versus" / "versus.db"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert target().path == tmp_path / "home" / ".local" / "share" / "versus" / "versus.db"


async def test_the_default_store_makes_its_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("VERSUS_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    async with Store.open() as store:
        assert store.dialect == "sqlite" and store.revision == migrate.HEAD
        await save(store)
    assert (tmp_path / "xdg" / "versus" / "versus.db").is_file()


def test_urls_are_taken_as_people_write_them(monkeypatch):
    from pathlib import Path

    assert target("postgres://u:p@db/versus").sqlalchemy_url().drivername == "postgresql+asyncpg"
    assert target("postgresql://u@db:5433/versus").port == 5433
    pg = target("postgresql+asyncpg://us%40er:p%3Ass@[::1]:6432/my%20db")
    assert (pg.dialect, pg.user, pg.password, pg.host, pg.port, pg.database) == ("postgresql", "us@er", "p:ss", "::1", 6432, "my db")
    assert pg.display == "postgresql+asyncpg://us%40er:***@[::1]:6432/my%20db"
    assert pg.asyncpg_params() == {"user": "us@er", "password": "p:ss", "host": "::1", "port": 6432, "database": "my db"}
    assert pg.sqlalchemy_url().password == "p:ss"
    ssl = target("postgresql://u@db/versus?sslmode=require&password=oops")
    assert dict(ssl.query) == {"ssl": "require", "password": "oops"} and "oops" not in ssl.display
    assert target("sqlite:///rel/v.db").path == Path("rel/v.db")
    assert target("sqlite:////abs/v.db").path == Path("/abs/v.db")
    assert target("sqlite+aiosqlite:////abs/v.db").sqlalchemy_url().database == "/abs/v.db"
    assert target("sqlite://").path is None and target("sqlite://").sqlalchemy_url().database == ":memory:"
    monkeypatch.setenv("VERSUS_DATABASE_URL", "postgresql://envuser@envhost/x")
    assert target().host == "envhost"


@pytest.mark.parametrize("url, says", [
    ("mysql://u:pw@h/db", "unsupported database 'mysql'"),
    ("not a url at all", "not a database URL"),
    ("postgresql://u:hunter2@host:notaport/db", "not a valid PostgreSQL URL"),
    ("sqlite:relative.db", "not a database URL"),
    ("sqlite://relative.db", "three slashes"),
    ("redis://:hunter2@cache:6379/0", "unsupported database 'redis'"),
])
async def test_a_url_of_the_wrong_kind_is_one_line(url, says):
    with pytest.raises(StoreSettingInvalid) as caught:
        await Store.open(url)
    message = str(caught.value)
    assert says in message and "\n" not in message and "hunter2" not in message and "pw@" not in message


async def test_a_host_that_does_not_exist_is_one_line():
    with pytest.raises(StoreUnavailable) as caught:
        await Store.open("postgresql://versus:topsecret@nohost.invalid/versus")
    message = str(caught.value)
    assert message.startswith("cannot open the database at postgresql://versus:***@nohost.invalid/versus (")
    assert "topsecret" not in message and "\n" not in message


async def test_a_port_nobody_listens_on_is_one_line():
    from tests.pg import free_port

    with pytest.raises(StoreUnavailable) as caught:
        await Store.open(f"postgresql://versus:topsecret@127.0.0.1:{free_port()}/versus")
    message = str(caught.value)
    assert "ConnectionRefusedError" in message and "topsecret" not in message and "\n" not in message


async def test_a_wrong_password_is_one_line_without_the_password(pg_cluster):
    from tests.pg import PASSWORD, PASSWORD_ROLE

    wrong = "Wr0ng:p@ss/w%rd"
    from urllib.parse import quote

    url = pg_cluster.url("postgres", user=PASSWORD_ROLE, password=quote(wrong, safe=""))
    with pytest.raises(StoreUnavailable) as caught:
        await Store.open(url)
    message = str(caught.value)
    assert "InvalidPasswordError" in message and f"{PASSWORD_ROLE}:***@" in message
    assert wrong not in message and quote(wrong, safe="") not in message and "\n" not in message
    async with Store.open(pg_cluster.url("postgres", user=PASSWORD_ROLE, password=PASSWORD)) as right:
        assert PASSWORD not in right.display_url and right.revision == migrate.HEAD


async def test_bad_sqlite_paths_are_one_line(tmp_path):
    cases = {
        f"sqlite:///{tmp_path}/missing/v.db": "the folder",
        f"sqlite:///{tmp_path}": "it is a folder",
    }
    (tmp_path / "text.db").write_text("not a database, just text" * 100)
    cases[f"sqlite:///{tmp_path}/text.db"] = "file is not a database"
    locked = tmp_path / "ro"
    locked.mkdir()
    if os.geteuid() != 0:  # root writes anywhere
        locked.chmod(0o500)
        cases[f"sqlite:///{locked}/v.db"] = "unable to open database file"
    for url, says in cases.items():
        with pytest.raises(StoreUnavailable) as caught:
            await Store.open(url)
        message = str(caught.value)
        assert says in message and "\n" not in message, message


def test_the_poll_interval_is_a_number_of_seconds(monkeypatch):
    monkeypatch.delenv("VERSUS_STORE_POLL_SECONDS", raising=False)
    assert poll_seconds() == 30.0
    monkeypatch.setenv("VERSUS_STORE_POLL_SECONDS", "2.5")
    assert poll_seconds() == 2.5
    for bad in ("0", "-1", "soon", "nan", "1e9"):
        with pytest.raises(StoreSettingInvalid, match="VERSUS_STORE_POLL_SECONDS"):
            poll_seconds(bad)


# -- helpers --------------------------------------------------------------------------------------------


def _child(action: str, url: str, *, extra_args: tuple[str, ...] = (), **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store_child", action, *extra_args],
        cwd=REPO,
        env={**os.environ, "VERSUS_DATABASE_URL": url, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _end(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.kill()
    child.communicate(timeout=10)


async def _until(check, seconds: float):
    """Wait until ``check()`` (a function, or a coroutine function) gives something true, or fail."""
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        value = check()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"not within {seconds} s")
        await asyncio.sleep(0.1)


# -- the quick reader (catalog.store.quick): the newest version without SQLAlchemy ------------------------


async def test_the_quick_reader_reads_what_the_store_wrote(store, database_url):
    from catalog.store.quick import newest_version

    assert await asyncio.to_thread(newest_version, database_url) is None  # migrated, no version yet
    await save(store, payload=b"first")
    written = await save(store, CHANGES, payload=random.Random(3).randbytes(200_000))
    assert await asyncio.to_thread(newest_version, database_url) == await store.load_version()
    assert (await asyncio.to_thread(newest_version, database_url))[0] == written


async def test_the_quick_reader_finds_nothing_in_an_unmigrated_or_missing_database(database_url, tmp_path):
    from catalog.store.quick import newest_version

    assert await asyncio.to_thread(newest_version, database_url) is None
    missing = tmp_path / "nobody" / "versus.db"
    assert newest_version(f"sqlite:///{missing}") is None
    assert not missing.parent.exists()  # reading never creates anything


def test_the_quick_reader_imports_no_sqlalchemy(tmp_path):
    code = (
        "import sys\nfrom catalog.store.quick import newest_version\n"
        f"assert newest_version('sqlite:///{tmp_path}/v.db') is None\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'aiosqlite')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_quick_reader_says_what_failed_in_one_line(pg_cluster, tmp_path):
    from catalog.store.quick import newest_version
    from tests.pg import PASSWORD_ROLE, free_port

    (tmp_path / "text.db").write_text("not a database" * 100)
    for url, says in [
        (pg_cluster.url("postgres", user=PASSWORD_ROLE, password="n0t-it"), "InvalidPasswordError"),
        (f"postgresql://u:n0t-it@127.0.0.1:{free_port()}/x", "ConnectionRefusedError"),
        (f"sqlite:///{tmp_path}/text.db", "file is not a database"),
    ]:
        with pytest.raises(StoreUnavailable) as caught:
            newest_version(url)
        message = str(caught.value)
        assert says in message and "n0t-it" not in message and "\n" not in message, message
