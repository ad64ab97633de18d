"""Price-change alerts posted by the real bot (discord.py, unmodified) to the loopback fake Discord, from a
real store (SQLite and PostgreSQL): one message per watch and version, the workload's monthly cost, a
channel the bot may not post in marks the watch broken, a 429's retry-after honoured, a batch posted again
after a crash not posted twice (Discord's nonce), and every body within Discord's contract."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
from decimal import Decimal

import pytest

from bot.alerts import AlertSender
from bot.app import create_bot
from catalog.changes import Change, ChangeKind
from catalog.store import Store
from catalog.store.servers import Workload
from tests.fake_discord import FakeDiscord
from tests.test_transport import check_sent, running

DAY = dt.date(2026, 11, 20)
LITELLM = "https://github.com/BerriAI/litellm/blob/v1.110.2/model_prices_and_context_window.json"
QWEN = "qwen/qwen3.7-max"


def repriced(field: str, old: str, new: str) -> Change:
    return Change(ChangeKind.PRICE_CHANGED, QWEN, "Qwen3.7 Max", "Qwen", DAY, "LiteLLM 1.110.2", LITELLM, "Together AI", field, old, new)


CHANGES = [repriced("input", "1.5", "2.5"), repriced("output", "4.5", "7.5")]


async def store_version(store: Store, changes=CHANGES) -> int:
    record = await store.save_version(gzip.compress(b"{}"), as_of=DAY, models=1, routes=1, sources={}, summary="", changes=changes)
    return record.id


async def until(check, seconds: float = 15.0):
    end = asyncio.get_running_loop().time() + seconds
    while True:
        value = check()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if asyncio.get_running_loop().time() > end:
            raise AssertionError(f"not within {seconds} s")
        await asyncio.sleep(0.05)


@pytest.fixture
async def setup(database_url, bundled):
    async with FakeDiscord(guild_count=3) as fake, Store.open(database_url, poll_seconds=0.2) as store:
        bot = create_bot(bundled)
        bot.store = store
        async with running(bot, fake):
            yield fake, bot, store


def posts(fake: FakeDiscord, channel_id: int):
    return [r for r in fake.find("POST", rf"/channels/{channel_id}/messages$")]


async def test_each_watching_channel_gets_one_alert_with_the_workloads_monthly_cost(setup):
    fake, bot, store = setup
    (g0, c0), (g1, c1) = [(g["id"], g["channel_id"]) for g in fake.guilds[:2]]
    await store.servers.add_watch(g0, c0, "model", QWEN, "Qwen3.7 Max")
    await store.servers.add_watch(g1, c1, "vendor", "qwen", "Qwen", threshold=Decimal(50))
    await store.servers.set_workload(g0, Workload(1_000_000, "month", 800, 250))
    async with AlertSender(bot, poll_seconds=0.2, pace_seconds=0, channel_seconds=0) as sender:
        version = await store_version(store)
        await until(lambda: len(fake.channel_messages(c0)) == 1 and len(fake.channel_messages(c1)) == 1)
        await asyncio.sleep(0.5)  # nothing more comes
    assert sender.sent == 2
    assert [len(fake.channel_messages(c)) for c in (c0, c1)] == [1, 1]
    (embed,) = fake.channel_messages(c0)[0]["embeds"]
    assert embed["title"] == "Qwen3.7 Max: 2 price changes"
    text = embed["description"]
    assert "Together AI input $1.50/1M → $2.50/1M (+66.7%)" in text
    assert "Together AI output $4.50/1M → $7.50/1M (+66.7%)" in text
    assert "At this server's workload (1,000,000 requests a month of 800 input and 250 output tokens each):" in text
    assert "$2,325/month → $3,875/month (+$1,550, +67%)" in text  # the engine's pricing, both changes at once
    assert text.endswith(f"Source: [LiteLLM 1.110.2]({LITELLM}) (2026-11-20)")  # where, and as of when
    assert f"catalog version {version}" in embed["footer"]["text"]
    other = fake.channel_messages(c1)[0]["embeds"][0]["description"]  # no workload saved there: the default's
    assert "At this server's workload" not in other
    assert (
        "At the default workload (/settings workload sets yours) (1,000,000 requests a month of 800 input and 250 "
        "output tokens each):" in other
    )
    assert "$2,325/month → $3,875/month (+$1,550, +67%)" in other
    for record in posts(fake, c0) + posts(fake, c1):
        check_sent(record)
        assert record.body["enforce_nonce"] is True and record.body["nonce"]
    assert await store.outbox.counts() == {"pending": 0, "sent": 2, "dropped": 0}


async def test_a_channel_the_bot_may_not_post_in_marks_the_watch_broken(setup):
    fake, bot, store = setup
    g0, c0 = fake.guilds[0]["id"], fake.guilds[0]["channel_id"]
    fake.forbidden_channels[c0] = (403, 50013, "Missing Permissions")
    watch, _ = await store.servers.add_watch(g0, c0, "model", QWEN, "Qwen3.7 Max")
    async with AlertSender(bot, poll_seconds=0.2, pace_seconds=0, channel_seconds=0) as sender:
        await store_version(store)
        await until(lambda: sender.broken == 1)
        await store_version(store, [repriced("input", "2.5", "3")])  # a broken watch gets no more alerts
        await asyncio.sleep(0.6)
    (listed,) = await store.servers.watches(g0)
    assert listed.broken and "Missing Permissions" in listed.broken
    assert fake.channel_messages(c0) == [] and len(posts(fake, c0)) == 1
    assert await store.outbox.counts(g0) == {"pending": 0, "sent": 0, "dropped": 1}
    assert bot.is_ready() and not bot.is_closed()  # the bot goes on


async def test_a_429_is_waited_out_then_the_alert_posted_once(setup):
    fake, bot, store = setup
    g0, c0 = fake.guilds[0]["id"], fake.guilds[0]["channel_id"]
    fake.channel_faults[c0] = [(429, {"message": "You are being rate limited.", "retry_after": 0.6, "global": False})]
    await store.servers.add_watch(g0, c0, "model", QWEN, "Qwen3.7 Max")
    async with AlertSender(bot, poll_seconds=0.2, pace_seconds=0, channel_seconds=0) as sender:
        await store_version(store)
        await until(lambda: len(fake.channel_messages(c0)) == 1)
        await asyncio.sleep(0.5)
    first, second = posts(fake, c0)
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 0.6  # not before the retry-after
    assert sender.retried == 0  # discord.py waited it out within the one send
    assert len(fake.channel_messages(c0)) == 1


async def test_a_429_that_outlasts_discord_pys_own_retries_is_put_back_until_its_retry_after(setup, caplog):
    fake, bot, store = setup
    g0, c0 = fake.guilds[0]["id"], fake.guilds[0]["channel_id"]
    limited = (429, {"message": "You are being rate limited.", "retry_after": 0.4, "global": False})
    fake.channel_faults[c0] = [limited] * 5  # discord.py tries five times, then gives up with the last 429
    await store.servers.add_watch(g0, c0, "model", QWEN, "Qwen3.7 Max")
    await store_version(store)
    sender = AlertSender(bot, pace_seconds=0, channel_seconds=0)
    caplog.set_level("INFO", logger="bot.alerts")
    (batch,) = await store.outbox.claim(sender.holder)
    assert await sender.deliver(batch) is False and sender.retried == 1
    assert "not posted (rate limited); trying again in 0.4 s" in caplog.text  # the 429's own retry-after
    assert await store.outbox.claim(sender.holder) == []  # not before then
    await asyncio.sleep(0.5)
    (again,) = await store.outbox.claim(sender.holder)
    assert await sender.deliver(again) is True
    assert [r.status for r in posts(fake, c0)] == [429] * 5 + [200] and len(fake.channel_messages(c0)) == 1


async def test_a_batch_that_fails_unexpectedly_is_put_back_and_the_others_still_go(setup, caplog):
    fake, bot, store = setup
    (g0, c0), (g1, c1) = [(g["id"], g["channel_id"]) for g in fake.guilds[:2]]
    await store.servers.add_watch(g0, c0, "model", QWEN, "Qwen3.7 Max")
    await store.servers.add_watch(g1, c1, "model", QWEN, "Qwen3.7 Max")
    sender = AlertSender(bot, poll_seconds=0.2, pace_seconds=0, channel_seconds=0)
    rendering = sender.render

    async def render(batch):
        if batch.watch.guild_id == g0:
            raise ArithmeticError("a figure the renderer cannot take")
        return await rendering(batch)

    sender.render = render
    async with sender:
        await store_version(store)
        await until(lambda: len(fake.channel_messages(c1)) == 1)
        assert not any(task.done() for task in sender._tasks)  # still sending
    assert fake.channel_messages(c0) == [] and sender.retried == 1
    assert "alert batch" in caplog.text and "trying it again later" in caplog.text
    assert await store.outbox.counts(g0) == {"pending": 1, "sent": 0, "dropped": 0}  # put back, not lost


async def test_a_server_error_puts_the_batch_back_and_it_is_posted_later(setup):
    fake, bot, store = setup
    g0, c0 = fake.guilds[0]["id"], fake.guilds[0]["channel_id"]
    fake.channel_faults[c0] = [(500, {"message": "500: Internal Server Error", "code": 0})] * 4  # discord.py tries 5 times
    await store.servers.add_watch(g0, c0, "model", QWEN, "Qwen3.7 Max")
    sender = AlertSender(bot, poll_seconds=0.2, pace_seconds=0, channel_seconds=0)
    await store_version(store)
    (batch,) = await store.outbox.claim(sender.holder)
    assert await sender.deliver(batch) is True  # discord.py itself retries a 500 a few times
    assert len(fake.channel_messages(c0)) == 1


async def test_a_batch_posted_again_after_a_crash_is_not_posted_twice(setup):
    fake, bot, store = setup
    g0, c0 = fake.guilds[0]["id"], fake.guilds[0]["channel_id"]
    await store.servers.add_watch(g0, c0, "model", QWEN, "Qwen3.7 Max")
    await store_version(store)
    dying = AlertSender(bot, pace_seconds=0, channel_seconds=0)
    (batch,) = await store.outbox.claim(dying.holder)
    embed = await dying.render(batch)
    channel = bot.get_partial_messageable(c0, guild_id=g0)
    await channel.send(embed=embed, nonce=batch.nonce)  # posted; the process dies before marking it sent
    async with AlertSender(bot, poll_seconds=0.2, pace_seconds=0, channel_seconds=0) as restarted:
        await until(lambda: restarted.sent == 1)
    assert len(posts(fake, c0)) == 2 and len(fake.channel_messages(c0)) == 1
    assert await store.outbox.counts(g0) == {"pending": 0, "sent": 1, "dropped": 0}


async def test_the_sender_outlives_a_database_outage_and_posts_what_was_queued(pg_cluster, bundled, caplog):
    from tests import pg

    own = pg.Cluster.start()
    try:
        async with FakeDiscord() as fake, Store.open(own.url(), poll_seconds=0.2) as store:
            bot = create_bot(bundled)
            bot.store = store
            g0, c0 = fake.guild_id, fake.channel_id
            await store.servers.add_watch(g0, c0, "model", QWEN, "Qwen3.7 Max")
            async with running(bot, fake), AlertSender(bot, poll_seconds=0.2, pace_seconds=0, channel_seconds=0) as sender:
                await asyncio.to_thread(own.pause)
                await asyncio.sleep(1.0)  # the sender polls a database that is not there
                assert not sender._tasks[1].done()
                await asyncio.to_thread(own.resume)
                await store_version(store)
                await until(lambda: len(fake.channel_messages(c0)) == 1)
            assert "cannot read queued alerts" in caplog.text
    finally:
        own.stop()
