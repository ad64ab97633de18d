"""Servers in the store (issue 10) on SQLite and PostgreSQL: settings, named workloads, watches, the alerts
a stored version queues, the outbox that hands each shard its servers' alerts once, and isolation between
servers (a property over random guild ids)."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.changes import Change, ChangeKind
from catalog.store import Store
from catalog.store.alerts import concerns
from catalog.store.servers import (
    MAX_WATCHES,
    MAX_WORKLOADS,
    LimitReached,
    ServerSettings,
    Workload,
)

A, B = 111_111_111_111_111_111, 222_222_222_222_222_222
DAY = dt.date(2026, 11, 29)
URL = "https://github.com/BerriAI/litellm/blob/v1.110.2/model_prices_and_context_window.json"
BUSY = Workload(50_000, "day", 1_200, 400, Decimal("0.3"), Decimal(0))


def guild_on_shard(shard: int, count: int, n: int = 1) -> int:
    """A guild id that Discord puts on ``shard`` of ``count`` ((id >> 22) % count)."""
    return ((n * count + shard) << 22) | 12345


def price(model="together/qwen3.7-max", vendor="Alibaba", old="1.5", new="2.5", field="input", provider="Together AI") -> Change:
    return Change(ChangeKind.PRICE_CHANGED, model, model.split("/")[1], vendor, DAY, "LiteLLM 1.110.2", URL, provider, field, old, new)


def added(model="anthropic/claude-x", vendor="Anthropic") -> Change:
    return Change(ChangeKind.MODEL_ADDED, model, "Claude X", vendor, DAY, "LiteLLM 1.110.2", URL)


async def version(store: Store, changes) -> int:
    record = await store.save_version(gzip.compress(b"{}"), as_of=DAY, models=1, routes=1, sources={}, summary="", changes=list(changes))
    return record.id


# -- settings -------------------------------------------------------------------------------------------


async def test_settings_are_the_defaults_until_saved_then_cached_until_changed(store):
    assert await store.servers.settings(A) == ServerSettings(A)
    assert (await store.servers.settings(A)).is_default
    saved = await store.servers.set_workload(A, BUSY)
    assert saved == ServerSettings(A, BUSY, ())
    hits = store.servers.cache.hits
    assert await store.servers.settings(A) == saved
    assert store.servers.cache.hits == hits + 1  # no database read
    assert store.servers.cached(A) == saved
    with_providers = await store.servers.set_providers(A, ["Azure", "Amazon Bedrock", "Azure"])
    assert with_providers == ServerSettings(A, BUSY, ("Azure", "Amazon Bedrock"))
    async with _same(store) as other:
        assert await other.servers.settings(A) == with_providers  # what was stored, read by another connection
    assert (await store.servers.set_workload(A, None)).workload is None
    assert (await store.servers.set_providers(A, [])).providers == ()
    assert (await store.servers.settings(A)).is_default


async def test_a_workload_keeps_its_shares_exactly(store):
    exact = Workload(1, "month", 0, 7, Decimal("0.333333333333"), Decimal(1))
    await store.servers.set_workload(A, exact)
    store.servers.cache.drop(A)
    assert (await store.servers.settings(A)).workload == exact


async def test_forget_deletes_every_row_of_the_server_and_no_other(store):
    for guild in (A, B):
        await store.servers.set_workload(guild, BUSY)
        await store.servers.save_workload(guild, "batch jobs", BUSY)
        await store.servers.add_watch(guild, 5, "model", "together/qwen3.7-max", "Qwen3.7 Max")
    await version(store, [price()])
    await store.servers.forget(A)
    assert await store.servers.settings(A) == ServerSettings(A)
    assert await store.servers.workloads(A) == [] and await store.servers.watches(A) == []
    assert await store.outbox.counts(A) == {"pending": 0, "sent": 0, "dropped": 0}
    assert (await store.servers.settings(B)).workload == BUSY
    assert len(await store.servers.workloads(B)) == 1 and len(await store.servers.watches(B)) == 1
    assert (await store.outbox.counts(B))["pending"] == 1


# -- named workloads ------------------------------------------------------------------------------------


async def test_named_workloads_are_found_without_regard_to_case_and_replaced_by_name(store):
    saved = await store.servers.save_workload(A, "  Batch   Jobs ", BUSY)
    assert saved.name == "Batch Jobs"
    assert (await store.servers.workload(A, "batch jobs")).workload == BUSY
    small = Workload(10, "month", 100, 10)
    await store.servers.save_workload(A, "BATCH JOBS", small)
    assert [(w.name, w.workload) for w in await store.servers.workloads(A)] == [("BATCH JOBS", small)]
    assert await store.servers.workload(B, "batch jobs") is None
    assert await store.servers.delete_workload(A, "Batch jobs") is True
    assert await store.servers.delete_workload(A, "Batch jobs") is False
    assert await store.servers.workloads(A) == []


async def test_a_server_keeps_at_most_so_many_workloads(store):
    for n in range(MAX_WORKLOADS):
        await store.servers.save_workload(A, f"w{n}", BUSY)
    with pytest.raises(LimitReached):
        await store.servers.save_workload(A, "one more", BUSY)
    assert len(await store.servers.workloads(A)) == MAX_WORKLOADS
    await store.servers.save_workload(A, "W3", Workload(1, "day", 1, 1))  # replacing one is not one more
    assert (await store.servers.workload(A, "w3")).workload.requests == 1


# -- watches and the alerts a version queues ------------------------------------------------------------


def test_what_a_watch_wants():
    up, down = price(old="1.5", new="2.5"), price(old="2.5", new="2.4")
    assert concerns("model", "together/qwen3.7-max", None, up) and concerns("model", "together/qwen3.7-max", None, added("together/qwen3.7-max"))
    assert not concerns("model", "openai/o1", None, up)
    assert concerns("vendor", "alibaba", None, up) and not concerns("vendor", "anthropic", None, up)
    assert concerns("everything", "*", None, added())
    assert concerns("everything", "*", Decimal(50), up) and not concerns("everything", "*", Decimal(67), up)
    assert concerns("model", "together/qwen3.7-max", Decimal(4), down) and not concerns("model", "together/qwen3.7-max", Decimal(5), down)
    assert not concerns("everything", "*", Decimal(1), added())  # a threshold is about prices only
    assert not concerns("everything", "*", Decimal(1), price(old="unknown", new="2"))


async def test_watches_are_added_listed_mended_and_removed(store):
    watch, new = await store.servers.add_watch(A, 10, "model", "together/qwen3.7-max", "Qwen3.7 Max", Decimal(5), created_by=7)
    assert new and (watch.guild_id, watch.channel_id, watch.threshold, watch.broken) == (A, 10, Decimal(5), None)
    await store.servers.mark_broken(watch.id, "Missing Access")
    assert (await store.servers.watches(A))[0].broken == "Missing Access"
    again, new = await store.servers.add_watch(A, 10, "model", "together/qwen3.7-max", "Qwen3.7 Max")
    assert not new and again.id == watch.id and again.threshold is None and again.broken is None
    await store.servers.add_watch(A, 11, "model", "together/qwen3.7-max", "Qwen3.7 Max")
    await store.servers.add_watch(A, 10, "everything", "*", "everything")
    assert len(await store.servers.watches(A)) == 3
    assert await store.servers.remove_watches(A, "model", "together/qwen3.7-max") == 2
    assert [w.kind for w in await store.servers.watches(A)] == ["everything"]
    assert await store.servers.remove_watches(B, "everything", "*") == 0


@pytest.mark.parametrize("threshold", ["NaN", "Infinity", "-5", "0"])
async def test_a_threshold_that_is_no_positive_number_is_refused_and_nothing_stored(store, threshold):
    """A NaN threshold stored would make every later refresh fail (a NaN cannot be compared)."""
    with pytest.raises(ValueError, match="positive number of percent"):
        await store.servers.add_watch(A, 10, "everything", "*", "everything", Decimal(threshold))
    assert await store.servers.watches(A) == []


async def test_a_server_keeps_at_most_so_many_watches(store):
    for n in range(MAX_WATCHES):
        await store.servers.add_watch(A, n, "everything", "*", "everything")
    with pytest.raises(LimitReached):
        await store.servers.add_watch(A, 999, "everything", "*", "everything")
    assert len(await store.servers.watches(A)) == MAX_WATCHES


async def test_a_version_queues_one_batch_per_watch_with_the_changes_it_wants(store):
    model, _ = await store.servers.add_watch(A, 1, "model", "together/qwen3.7-max", "Qwen3.7 Max")
    vendor, _ = await store.servers.add_watch(A, 2, "vendor", "anthropic", "Anthropic")
    big, _ = await store.servers.add_watch(B, 3, "everything", "*", "everything", Decimal(50))
    broken, _ = await store.servers.add_watch(B, 4, "everything", "*", "everything")
    await store.servers.mark_broken(broken.id, "Unknown Channel")
    changes = [price(), price(field="output", old="4.5", new="7.5"), price(old="2.5", new="2.4", provider="Fireworks"), added()]
    await version(store, changes)
    batches = await store.outbox.claim("test")
    got = {(b.watch.id, tuple(sorted((c.provider or "", c.field or "", c.new or "") for c in b.changes))) for b in batches}
    assert got == {
        (model.id, (("Fireworks", "input", "2.4"), ("Together AI", "input", "2.5"), ("Together AI", "output", "7.5"))),
        (vendor.id, (("", "", ""),)),
        (big.id, (("Together AI", "input", "2.5"), ("Together AI", "output", "7.5"))),
    }
    assert await store.outbox.counts() == {"pending": 3, "sent": 0, "dropped": 0}  # one message each


async def test_a_batch_keeps_the_threshold_it_was_queued_with(store):
    watch, _ = await store.servers.add_watch(A, 1, "model", "together/qwen3.7-max", "Qwen3.7 Max", Decimal(50))
    await version(store, [price(), price(old="2.5", new="2.4")])
    await store.servers.add_watch(A, 1, "model", "together/qwen3.7-max", "Qwen3.7 Max")  # the threshold removed later
    (batch,) = await store.outbox.claim("p")
    assert [c.new for c in batch.changes] == ["2.5"]  # what the watch wanted when the version came


async def test_a_version_without_a_watcher_queues_nothing(store):
    await store.servers.add_watch(A, 1, "model", "openai/o1", "o1")
    await version(store, [price(), added()])
    assert await store.outbox.counts() == {"pending": 0, "sent": 0, "dropped": 0}


# -- the outbox -----------------------------------------------------------------------------------------


async def test_each_shard_claims_its_servers_alerts_in_one_batch_per_watch_and_version(store):
    on0, on1 = guild_on_shard(0, 2), guild_on_shard(1, 2)
    w0, _ = await store.servers.add_watch(on0, 1, "model", "together/qwen3.7-max", "Qwen3.7 Max")
    w1, _ = await store.servers.add_watch(on1, 2, "model", "together/qwen3.7-max", "Qwen3.7 Max")
    first = await version(store, [price(), price(field="output", old="4.5", new="7.5")])
    second = await version(store, [price(old="2.5", new="3")])
    zero = await store.outbox.claim("p0", shard_ids=[0], shard_count=2)
    assert [(b.watch.id, b.version_id, len(b.changes)) for b in zero] == [(w0.id, first, 2), (w0.id, second, 1)]
    assert zero[0].nonce != zero[1].nonce and len(zero[0].nonce) <= 25
    assert await store.outbox.claim("p0 again", shard_ids=[0], shard_count=2) == []  # claimed: no other holder takes them
    one = await store.outbox.claim("p1", shard_ids=[1], shard_count=2)
    assert [(b.watch.id, b.version_id) for b in one] == [(w1.id, first), (w1.id, second)]
    for batch in zero + one:
        await store.outbox.sent(batch, message_id=123)
    assert await store.outbox.counts() == {"pending": 0, "sent": 4, "dropped": 0}
    assert await store.outbox.claim("p0") == []


async def test_a_lapsed_claim_is_claimed_again_with_the_same_nonce(store):
    await store.servers.add_watch(A, 1, "model", "together/qwen3.7-max", "Qwen3.7 Max")
    await version(store, [price()])
    (first,) = await store.outbox.claim("dies", claim_seconds=0.2)
    assert first.attempts == 0
    assert await store.outbox.claim("another") == []
    await asyncio.sleep(0.4)
    (again,) = await store.outbox.claim("another")
    assert (again.nonce, again.id, again.changes, again.attempts) == (first.nonce, first.id, first.changes, 1)


async def test_the_same_holder_takes_its_own_claims_back_at_once(store):
    await store.servers.add_watch(A, 1, "model", "together/qwen3.7-max", "Qwen3.7 Max")
    await version(store, [price()])
    (first,) = await store.outbox.claim("host shards 0 of 2", claim_seconds=600)
    assert await store.outbox.claim("host shards 1 of 2") == []
    (again,) = await store.outbox.claim("host shards 0 of 2")  # restarted with the same shards
    assert again.nonce == first.nonce
    await store.outbox.drop(again)
    assert await store.outbox.counts(A) == {"pending": 0, "sent": 0, "dropped": 1}


async def test_a_batch_told_to_wait_is_not_claimed_before_then(store):
    await store.servers.add_watch(A, 1, "model", "together/qwen3.7-max", "Qwen3.7 Max")
    await version(store, [price()])
    (batch,) = await store.outbox.claim("p")
    await store.outbox.retry(batch, after_seconds=0.5)
    assert await store.outbox.claim("p") == []
    await asyncio.sleep(0.7)
    assert [b.id for b in await store.outbox.claim("p")] == [batch.id]


async def test_a_broken_watch_drops_its_queued_alerts(store):
    watch, _ = await store.servers.add_watch(A, 1, "model", "together/qwen3.7-max", "Qwen3.7 Max")
    await version(store, [price(), price(field="output")])
    await store.servers.mark_broken(watch.id, "Missing Permissions")
    assert await store.outbox.claim("p") == []
    assert await store.outbox.counts(A) == {"pending": 0, "sent": 0, "dropped": 1}
    await version(store, [price(old="2.5", new="3")])  # a broken watch is not matched any more
    assert (await store.outbox.counts(A))["pending"] == 0


async def test_two_processes_claiming_at_once_never_share_an_alert(store, database_url):
    for n in range(30):
        await store.servers.add_watch(guild_on_shard(0, 1, n), n, "everything", "*", "everything")
    await version(store, [price(), added()])
    async with _same(store) as other:
        claims = await asyncio.gather(*(s.outbox.claim(f"h{i}", limit=7) for i, s in enumerate([store, other] * 3)))
    ids = [batch.id for batches in claims for batch in batches]
    assert len(ids) == len(set(ids)) == 30
    assert all(len(batch.changes) == 2 for batches in claims for batch in batches)


# -- isolation: server A never sees or changes server B's rows ------------------------------------------

guild_ids = st.integers(min_value=1 << 22, max_value=(1 << 63) - 1)
workload_values = st.builds(
    Workload,
    requests=st.integers(1, 10**9),
    per=st.sampled_from(["month", "day"]),
    input_tokens=st.integers(0, 10**6),
    output_tokens=st.integers(0, 10**6),
    cached=st.decimals(0, 1, places=3),
    batch=st.decimals(0, 1, places=3),
)
names = st.text(st.characters(categories=("L", "N"), include_characters=" -_"), min_size=1, max_size=30).filter(str.strip)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("workload"), workload_values),
        st.tuples(st.just("providers"), st.lists(st.sampled_from(["Azure", "Amazon Bedrock", "OpenAI", "Together AI"]), max_size=3)),
        st.tuples(st.just("save"), names, workload_values),
        st.tuples(st.just("delete"), names),
        st.tuples(st.just("watch"), st.integers(1, 5), st.sampled_from(["openai/o1", "together/qwen3.7-max"])),
        st.tuples(st.just("unwatch"), st.sampled_from(["openai/o1", "together/qwen3.7-max"])),
        st.tuples(st.just("forget")),
    ),
    max_size=6,
)


def test_a_server_never_sees_or_changes_another_servers_rows(database_url):
    with asyncio.Runner() as runner:
        store = runner.run(_opened(database_url))
        try:

            async def state(guild: int):
                store.servers.cache.drop(guild)
                return (
                    await store.servers.settings(guild),
                    [(w.name, w.workload) for w in await store.servers.workloads(guild)],
                    [(w.channel_id, w.kind, w.target, w.threshold) for w in await store.servers.watches(guild)],
                )

            async def apply(guild: int, op) -> None:
                servers = store.servers
                if op[0] == "workload":
                    await servers.set_workload(guild, op[1])
                elif op[0] == "providers":
                    await servers.set_providers(guild, op[1])
                elif op[0] == "save":
                    try:
                        await servers.save_workload(guild, op[1], op[2])
                    except LimitReached:
                        pass
                elif op[0] == "delete":
                    await servers.delete_workload(guild, op[1])
                elif op[0] == "watch":
                    try:
                        await servers.add_watch(guild, op[1], "model", op[2], op[2])
                    except LimitReached:
                        pass
                elif op[0] == "unwatch":
                    await servers.remove_watches(guild, "model", op[1])
                else:
                    await servers.forget(guild)

            @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
            @given(a=guild_ids, b=guild_ids, setup=operations, ops=operations)
            def check(a, b, setup, ops):
                if a == b:
                    return

                async def run() -> None:
                    for op in setup:
                        await apply(b, op)
                    before = await state(b)
                    for op in ops:
                        await apply(a, op)
                    assert await state(b) == before
                    settings_a, workloads_a, watches_a = await state(a)
                    assert settings_a.guild_id == a
                    assert all(w.guild_id == a for w in await store.servers.watches(a))
                    assert all(w.guild_id == a for w in await store.servers.workloads(a))

                runner.run(run())

            check()
        finally:
            runner.run(store.close())


async def _opened(url: str) -> Store:
    return await Store.open(url)


class _same:
    """Another store on the same database as ``store`` (another process's connections)."""

    def __init__(self, store: Store):
        self._url = _url_of(store)
        self._store: Store | None = None

    async def __aenter__(self) -> Store:
        self._store = await Store.open(self._url)
        return self._store

    async def __aexit__(self, *exc) -> None:
        if self._store is not None:
            await self._store.close()


def _url_of(store: Store) -> str:
    t = store._target
    if t.dialect == "sqlite":
        return f"sqlite:///{t.path}"
    return f"postgresql://{t.user}@{t.host}:{t.port}/{t.database}"


async def test_pending_alerts_of_the_per_change_outbox_are_carried_into_batches(database_url):
    """A database at revision 0002 (one outbox row per change) with queued alerts, opened by this Versus:
    migrated to one batch per watch and version, the pending ones still pending, the sent ones sent."""
    from alembic import command
    from sqlalchemy import text

    from catalog.store import core, migrate
    from catalog.store.url import target

    where = target(database_url)
    if where.path is not None:
        core._sqlite_wal(where.path)
    engine = core._engine(where)

    def to_0002(conn):
        command.upgrade(migrate.alembic_config(conn), "0002")

    now = "2026-11-29 12:00:00+00"
    async with engine.begin() as conn:
        await conn.run_sync(to_0002)
        await conn.execute(text(f"INSERT INTO catalog_versions (id, created_at, as_of, models, routes, sha256, sources, summary, payload) "
                                f"VALUES (1, '{now}', '2026-11-29', 1, 1, 'x', '{{}}', '', NULL)"))
        for cid, field in ((1, "input"), (2, "output")):
            await conn.execute(text(
                "INSERT INTO changes (id, version_id, kind, model_id, model_name, vendor, date, source, source_url, provider, field, old, new) "
                f"VALUES ({cid}, 1, 'price_changed', 'together/qwen3.7-max', 'Qwen3.7 Max', 'Alibaba', '2026-11-01', 'LiteLLM', "
                f"'https://example.org', 'Together AI', '{field}', '1.5', '2.5')"))
        for wid, gid in ((1, A), (2, B)):
            await conn.execute(text(
                "INSERT INTO watches (id, guild_id, channel_id, kind, target, label, threshold, created_by, created_at, broken) "
                f"VALUES ({wid}, {gid}, 5, 'model', 'together/qwen3.7-max', 'Qwen3.7 Max', NULL, NULL, '{now}', NULL)"))
        for aid, wid, gid, cid, status in ((1, 1, A, 1, "pending"), (2, 1, A, 2, "pending"), (3, 2, B, 1, "sent"), (4, 2, B, 2, "sent")):
            await conn.execute(text(
                "INSERT INTO alerts (id, watch_id, change_id, version_id, guild_id, channel_id, status, attempts) "
                f"VALUES ({aid}, {wid}, {cid}, 1, {gid}, 5, '{status}', 0)"))
    await engine.dispose()
    async with Store.open(database_url) as store:
        assert (store.migrated_from, store.revision) == ("0002", migrate.HEAD)
        assert await store.outbox.counts(A) == {"pending": 1, "sent": 0, "dropped": 0}
        assert await store.outbox.counts(B) == {"pending": 0, "sent": 1, "dropped": 0}
        (batch,) = await store.outbox.claim("p")
        assert (batch.watch.guild_id, [c.field for c in batch.changes]) == (A, ["input", "output"])


# -- two managers at once ------------------------------------------------------------------------------


async def test_a_servers_writes_at_once_from_two_processes_all_land(store, database_url):
    """Two processes (or two managers) writing one new server's rows at the same moment: every write lands,
    none fails for the other (on PostgreSQL two first saves of a server once collided on its key)."""
    async with _same(store) as other:
        for round_ in range(5):
            guild = A + round_
            writes = [
                store.servers.set_workload(guild, BUSY),
                other.servers.set_providers(guild, ["Azure"]),
                store.servers.save_workload(guild, "nightly", BUSY),
                other.servers.save_workload(guild, "Nightly", Workload(1, "day", 1, 1)),
                store.servers.add_watch(guild, 10, "everything", "*", "everything"),
                other.servers.add_watch(guild, 10, "everything", "*", "everything", Decimal(5)),
            ]
            await asyncio.gather(*writes)
            store.servers.cache.drop(guild)
            assert await store.servers.settings(guild) == ServerSettings(guild, BUSY, ("Azure",))
            assert [w.name.casefold() for w in await store.servers.workloads(guild)] == ["nightly"]
            assert len(await store.servers.watches(guild)) == 1


async def test_a_read_that_raced_a_write_does_not_cache_the_old_settings(store, monkeypatch):
    """A read of a server's settings that read the row before a write and returns after it must not put the
    old settings back in the cache (they would be served until the next change)."""
    import contextlib

    guild, held, release = A, asyncio.Event(), asyncio.Event()
    reading = store._read

    @contextlib.asynccontextmanager
    async def slow_read():
        async with reading() as conn:
            yield conn
        held.set()
        await release.wait()  # the row is read; the reader is held before it caches it

    monkeypatch.setattr(store, "_read", slow_read)
    read = asyncio.ensure_future(store.servers.settings(guild))
    await held.wait()
    monkeypatch.setattr(store, "_read", reading)
    await store.servers.set_workload(guild, BUSY)
    release.set()
    assert (await read).workload is None  # what it read, before the write
    assert (await store.servers.settings(guild)).workload == BUSY
