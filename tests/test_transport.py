"""Transport: the real bot (``bot.app.create_bot``) against a loopback fake Discord, over real HTTP and WebSocket.

discord.py runs unmodified; only ``Route.BASE`` and ``DiscordWebSocket.DEFAULT_GATEWAY`` point at the fake on
127.0.0.1. Every REST body the bot sends is checked on arrival by ``tests.discord_contract`` (the spec where
../shared is present, the limits always); a violation is answered 400 like Discord would, and fails the test.

The first tests drive the fake's own protocol with a raw WebSocket client, so the fake is tested in its own
right; the rest run the real bot and skip, with the reason, where it cannot be imported yet.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import pytest

from tests import discord_contract as contract
from tests.fake_discord import FakeDiscord, Recorded

DEADLINE = 3.0  # Discord's: an interaction not answered within 3 seconds fails for the user
HEARTBEAT = 0.05  # seconds; short, so a test sees several heartbeats
PRIVILEGED = discord.Intents(members=True, presences=True, message_content=True).value
COMMANDS = {"compare", "cost", "faq", "model", "models", "top", "help", "settings", "workload", "watch", "changes", "history"}
MESSAGE_VALIDATORS = {"validate_callback", "validate_message", "validate_followup", "validate_webhook_edit", "validate_message_edit"}


# --- the fake on its own: the gateway protocol with a raw WebSocket ---------------------------------

async def _frames(ws: aiohttp.ClientWebSocketResponse, count: int, timeout: float = 5.0) -> list[dict[str, Any]]:
    out = []
    for _ in range(count):
        msg = await asyncio.wait_for(ws.receive(), timeout)
        assert msg.type == aiohttp.WSMsgType.TEXT, msg
        out.append(json.loads(msg.data))
    return out


async def test_fake_gateway_protocol_hello_identify_ready_heartbeat():
    async with FakeDiscord(guild_count=2, heartbeat_interval=0.5) as fake, aiohttp.ClientSession() as http:
        async with http.ws_connect(fake.gateway_url + "?v=10&encoding=json") as ws:
            (hello,) = await _frames(ws, 1)
            assert hello == {"op": 10, "d": {"heartbeat_interval": 500}}
            await ws.send_json({"op": 2, "d": {"token": fake.token, "intents": 513, "properties": {}, "shard": [0, 1]}})
            ready, *guilds = await _frames(ws, 3)
            assert (ready["op"], ready["t"], ready["s"]) == (0, "READY", 1)
            assert ready["d"]["session_id"] and ready["d"]["resume_gateway_url"] == fake.gateway_url
            assert ready["d"]["user"]["id"] == str(fake.application_id)
            assert {g["id"] for g in ready["d"]["guilds"]} == {str(g["id"]) for g in fake.guilds}
            assert [g["t"] for g in guilds] == ["GUILD_CREATE", "GUILD_CREATE"] and [g["s"] for g in guilds] == [2, 3]
            await ws.send_json({"op": 1, "d": 3})
            (ack,) = await _frames(ws, 1)
            assert ack == {"op": 11}
            await ws.send_json({"op": 6, "d": {"token": fake.token, "session_id": "x", "seq": 3}})
            (invalid,) = await _frames(ws, 1)
            assert invalid == {"op": 9, "d": False}
        session = fake.sessions[0]
        assert (session.heartbeats, session.acks, session.shard, session.intents) == (1, 1, (0, 1), 513)


@pytest.mark.parametrize(
    ("identify", "code"),
    [
        ({"token": "wrong", "intents": 0}, 4004),
        ({"token": None, "intents": 0, "shard": [2, 2]}, 4010),
        ({"token": None}, 4013),
    ],
)
async def test_fake_gateway_closes_on_a_bad_identify(identify, code):
    async with FakeDiscord() as fake, aiohttp.ClientSession() as http:
        identify = {k: (fake.token if k == "token" and v is None else v) for k, v in identify.items()}
        async with http.ws_connect(fake.gateway_url) as ws:
            await _frames(ws, 1)
            await ws.send_json({"op": 2, "d": identify})
            msg = await asyncio.wait_for(ws.receive(), 5)
            assert msg.type == aiohttp.WSMsgType.CLOSE and msg.data == code


async def test_fake_rest_checks_the_token_and_the_contract():
    async with FakeDiscord() as fake, aiohttp.ClientSession() as http:
        async with http.get(fake.api_base + "/users/@me") as response:
            assert response.status == 401
        async with http.get(fake.api_base + "/users/@me", headers={"Authorization": f"Bot {fake.token}"}) as response:
            assert response.status == 200 and response.headers["content-type"] == "application/json"
            assert (await response.json())["id"] == str(fake.application_id)
        bad = [{"name": "Not Valid", "description": "x", "type": 1}]
        url = f"{fake.api_base}/applications/{fake.application_id}/commands"
        async with http.put(url, json=bad, headers={"Authorization": f"Bot {fake.token}"}) as response:
            assert response.status == 400
            assert "does not match" in (await response.json())["message"]
        assert len(fake.violations) == 1 and fake.violations[0].route.startswith("PUT /applications/")


def test_fake_listens_on_loopback_only():
    with pytest.raises(ValueError, match="loopback"):
        FakeDiscord(host="0.0.0.0")


# --- the real bot ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def create_bot():
    pytest.importorskip("catalog.resolver", reason="the bot needs catalog.resolver (issue 2), not landed yet")
    app = pytest.importorskip("bot.app", reason="bot.app (the bot, issue 4) is not importable yet")
    return app.create_bot


@contextlib.asynccontextmanager
async def running(bot: discord.Client, fake: FakeDiscord, *, timeout: float = 20.0) -> AsyncIterator[discord.Client]:
    """The bot connected to the fake and ready; closed afterwards, whatever happens."""
    bot._connection.guild_ready_timeout = 0.05  # discord.py waits this long for more GUILD_CREATEs
    task = asyncio.create_task(bot.start(fake.token), name="bot under test")
    try:
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while not bot.is_ready():
            if task.done():
                task.result()  # raises what stopped the bot
                raise AssertionError("the bot stopped before it was ready")
            if loop.time() > end:
                raise AssertionError(f"the bot was not ready after {timeout}s")
            await asyncio.sleep(0.01)
        yield bot
    finally:
        await asyncio.wait_for(bot.close(), timeout)
        await asyncio.wait_for(asyncio.gather(task, return_exceptions=True), timeout)


@pytest.fixture
async def fake():
    async with FakeDiscord(heartbeat_interval=HEARTBEAT) as server:
        yield server
        assert not server.violations, "bodies that break Discord's contract:\n" + "\n".join(
            f"{r.route}: {r.violation}" for r in server.violations
        )


@pytest.fixture
async def live(fake, create_bot, bundled):
    """The real bot with the bundled catalog, commands synced to the fake's guild, ready."""
    bot = create_bot(bundled, dev_guild=fake.guild_id)
    async with running(bot, fake):
        yield fake, bot


def check_sent(record: Recorded) -> None:
    """What every message body the bot sends must be: within the contract, and pinging nobody."""
    assert record.status < 300, f"{record.route} answered {record.status}: {record.violation}"
    name = contract.validate_request(record.method, record.path, record.body, require_spec=False)
    if name in MESSAGE_VALIDATORS and (record.body or {}).get("type") not in (5, 6, 8):
        contract.check_mentions_off(record.body, what=record.route)


async def answer(fake: FakeDiscord, payload: dict[str, Any]) -> Recorded:
    """Dispatch an interaction; its callback, which must arrive inside Discord's deadline."""
    record, _latency = await fake.interact(payload, timeout=DEADLINE)
    check_sent(record)
    return record


def original_id(fake: FakeDiscord, callback: Recorded) -> int:
    token = callback.path.split("/")[3]
    return fake.interactions[token]["original"]


def select_of(body: dict[str, Any]) -> dict[str, Any]:
    rows = body.get("components") or []
    selects = [c for row in rows for c in row["components"] if c["type"] == 3]
    assert selects, f"no select menu in {rows}"
    return selects[0]


async def test_login_and_gateway_handshake(live):
    fake, bot = live
    routes = [r.route for r in fake.requests]
    assert routes[:2] == ["GET /users/@me", "GET /oauth2/applications/@me"], routes
    assert "GET /gateway/bot" in routes  # AutoShardedBot asks how many shards and where the gateway is
    assert all(r.authorized for r in fake.requests)
    (session,) = fake.sessions
    assert session.sent_ops[0] == (10, None)  # HELLO first
    events = [op for op in session.sent_ops if op[0] != 11]  # heartbeat ACKs may come in between
    assert events[1:3] == [(0, "READY"), (0, "GUILD_CREATE")]
    identify = session.identify
    assert identify["token"] == fake.token and identify["shard"] == [0, 1]
    assert identify["intents"] & PRIVILEGED == 0, "the bot must ask for no privileged intent"
    assert identify["intents"] == bot.intents.value
    assert bot.user.id == fake.application_id and bot.application_id == fake.application_id
    assert [g.id for g in bot.guilds] == [fake.guild_id]
    # Heartbeats at the interval HELLO gave, each acknowledged.
    for _ in range(200):
        if session.heartbeats >= 3:
            break
        await asyncio.sleep(HEARTBEAT)
    assert session.heartbeats >= 3 and session.acks == session.heartbeats
    assert bot.latency < 1.0


async def test_command_sync_is_one_guild_overwrite_valid_against_the_spec(live):
    fake, _ = live
    puts = fake.find("PUT", r"/commands$")
    assert [r.path for r in puts] == [f"/applications/{fake.application_id}/guilds/{fake.guild_id}/commands"]
    body = puts[0].body
    assert {c["name"] for c in body} == COMMANDS
    contract.validate_commands(body, require_spec=False)
    compare = next(c for c in body if c["name"] == "compare")
    options = {o["name"]: o for o in compare["options"]}
    assert options["model_a"]["autocomplete"] and options["model_a"]["required"]
    assert not options["model_c"]["required"]


async def test_command_sync_body_matches_application_command_create_request(live):
    fake, _ = live
    (put,) = fake.find("PUT", r"/commands$")
    contract.validate_commands(put.body)  # skips here, with the reason, when the spec is absent
    for command in put.body:
        contract.validate_schema(command, "ApplicationCommandCreateRequest", what=command["name"])


async def test_no_sync_unless_asked_and_global_sync_when_asked(fake, create_bot, bundled):
    async with running(create_bot(bundled), fake):
        assert not fake.find(None, r"/commands$"), "a start without a dev guild or --sync-global must not sync"
    async with running(create_bot(bundled, sync_global=True), fake):
        (put,) = fake.find("PUT", r"/commands$")
        assert put.path == f"/applications/{fake.application_id}/commands"
        assert {c["name"] for c in put.body} == COMMANDS


async def test_compare_is_answered_by_the_callback(live):
    fake, _ = live
    record = await answer(fake, fake.command_interaction("compare", {"model_a": "gpt-4.1 mini", "model_b": "grok 4.3"}))
    assert record.query == {"with_response": "1"}
    body = record.body
    assert body["type"] == 4
    data = body["data"]
    assert not (data.get("flags") or 0) & 64, "a comparison is public"
    (embed,) = data["embeds"]
    text = json.dumps(embed)
    assert "gpt-4.1 mini" in text.lower() and "grok 4.3" in text.lower()
    assert contract.embed_length(embed) <= contract.EMBED_TOTAL_MAX
    options = [o["value"] for o in select_of(data)["options"]]
    assert options == ["overview", "pricing", "specs", "benchmarks", "faq"]
    contract.validate_callback(body, require_spec=False)


async def test_compare_of_four_models_and_an_unknown_model(live):
    fake, _ = live
    # Ids, as an autocomplete choice fills them in, and names as people type them.
    four = {"model_a": "gpt-4.1 mini", "model_b": "grok 4.3", "model_c": "openai/gpt-4o", "model_d": "anthropic/claude-sonnet-4.5"}
    record = await answer(fake, fake.command_interaction("compare", four))
    assert record.body["type"] == 4 and record.body["data"]["embeds"]
    unknown = await answer(fake, fake.command_interaction("compare", {"model_a": "zzqx-nothing", "model_b": "grok 4.3"}))
    assert unknown.body["type"] == 4
    assert unknown.body["data"]["flags"] & 64, "an error is ephemeral"
    assert "no model matches" in unknown.body["data"]["content"]


async def test_autocomplete_is_answered_with_at_most_25_choices(live):
    fake, _ = live
    for typed in ("grok", "", "gpt", "x" * 150):
        record = await answer(fake, fake.autocomplete_interaction("compare", {"model_a": typed}, "model_a"))
        assert record.body["type"] == 8
        choices = record.body["data"]["choices"]
        assert len(choices) <= 25
        assert all(1 <= len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
        contract.validate_autocomplete(record.body, require_spec=False)
        if typed == "grok":
            assert choices and all("grok" in c["name"].lower() for c in choices[:3])
        if typed == "":
            assert len(choices) == 25


async def test_section_select_edits_the_message(live):
    fake, _ = live
    first = await answer(fake, fake.command_interaction("compare", {"model_a": "gpt-4.1 mini", "model_b": "grok 4.3"}))
    message_id = original_id(fake, first)
    select = select_of(first.body["data"])
    before = fake.messages[message_id]["embeds"]
    click = await answer(fake, fake.component_interaction(message_id, select["custom_id"], values=["pricing"]))
    assert click.body["type"] == 7, "a section switch edits the same message (UPDATE_MESSAGE)"
    after = fake.messages[message_id]["embeds"]
    assert after != before and "Pricing" in json.dumps(after)
    defaults = [o["value"] for o in select_of(click.body["data"])["options"] if o.get("default")]
    assert defaults == ["pricing"]
    # Someone else may not switch it: an ephemeral refusal, the message untouched.
    current = select_of(fake.messages[message_id])["custom_id"]  # the message as Discord now shows it
    other = await answer(fake, fake.component_interaction(message_id, current, values=["specs"], user=fake.other_user))
    assert other.body["type"] == 4 and other.body["data"]["flags"] & 64
    assert fake.messages[message_id]["embeds"] == after


async def test_deferred_reply_is_followed_up(fake, create_bot, bundled):
    """No Versus command defers today (each answers in milliseconds), so this test adds one that does, built
    from the bot's own lookup and renderer: DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, then the follow-up webhook."""
    from discord import app_commands

    from bot.reply import first_page
    from bot.render.comparison import comparison_book
    from bot.safety import NO_MENTIONS
    from engine import compare

    bot = create_bot(bundled, dev_guild=fake.guild_id)

    @app_commands.command(name="slow-compare", description="Test only: defer, then follow up")
    async def slow_compare(interaction: discord.Interaction, model_a: str, model_b: str) -> None:
        await interaction.response.defer(thinking=True)
        await asyncio.sleep(0.2)
        book = comparison_book(compare([bot.lookup.one(model_a), bot.lookup.one(model_b)]))
        embed, view = first_page(book, interaction.user.id)
        await interaction.followup.send(embed=embed, view=view, allowed_mentions=NO_MENTIONS)

    bot.tree.add_command(slow_compare)
    async with running(bot, fake):
        payload = fake.command_interaction("slow-compare", {"model_a": "gpt-4.1 mini", "model_b": "grok 4.3"})
        callback = await answer(fake, payload)
        assert callback.body == {"type": 5, "data": {"flags": 0}} or callback.body["type"] == 5
        followup = await fake.wait_for(lambda r: r.method == "POST" and r.path.startswith("/webhooks/"), timeout=5)
        check_sent(followup)
        assert followup.path == f"/webhooks/{fake.application_id}/{payload['token']}"
        assert followup.query.get("wait") in ("1", "true")
        assert followup.body["embeds"] and select_of(followup.body)
        message = fake.messages[original_id(fake, callback)]
        assert message["embeds"] == followup.body["embeds"] and not message["flags"] & 128  # no longer "thinking"


async def test_cost_faq_model_models_help_answer_within_the_contract(live):
    fake, _ = live
    calls = [
        ("cost", {"model": "gpt-4.1 mini", "input_tokens": 1000, "output_tokens": 500, "requests": 10000}),
        ("faq", {"question": "does grok 4.3 support vision?"}),
        ("model", {"name": "grok 4.3"}),
        ("models", {}),
        ("help", {}),
    ]
    for name, options in calls:
        record = await answer(fake, fake.command_interaction(name, options))
        assert record.body["type"] == 4, (name, record.body)
        data = record.body["data"]
        assert data.get("embeds") or data.get("content"), name


async def test_mention_gets_a_reply(live):
    fake, _ = live
    mention = fake.mention_message("does grok 4.3 support vision?")
    await fake.dispatch("MESSAGE_CREATE", mention)
    reply = await fake.wait_for(lambda r: r.method == "POST" and r.path == f"/channels/{fake.channel_id}/messages", timeout=DEADLINE)
    check_sent(reply)
    assert int(reply.body["message_reference"]["message_id"]) == int(mention["id"])
    assert reply.body["allowed_mentions"] == {"parse": [], "replied_user": False} or not reply.body["allowed_mentions"].get("parse")
    assert reply.body.get("embeds") or reply.body.get("content")
    # The bot's own messages and messages that do not mention it get no reply.
    await fake.dispatch("MESSAGE_CREATE", dict(fake.mention_message("hello"), content="no mention here", mentions=[]))
    await asyncio.sleep(0.3)
    assert len(fake.find("POST", r"^/channels/\d+/messages$")) == 1


async def test_a_rejected_token_is_a_login_failure(fake, create_bot, bundled):
    bot = create_bot(bundled)
    try:
        with pytest.raises(discord.LoginFailure):
            await asyncio.wait_for(bot.start("not-the-token"), 10)
    finally:
        await asyncio.wait_for(bot.close(), 10)
    assert [r.status for r in fake.requests] == [401]
    assert not fake.sessions, "no gateway connection after a rejected token"


async def test_shards_each_identify_and_answer(create_bot, bundled):
    async with FakeDiscord(shard_count=2, guild_count=4, heartbeat_interval=HEARTBEAT) as fake:
        bot = create_bot(bundled, shard_count=2, dev_guild=fake.guilds[1]["id"])
        async with running(bot, fake):
            await fake.wait_ready(shards=2)
            assert sorted(s.shard for s in fake.live_sessions()) == [(0, 2), (1, 2)]
            assert sorted(g.id for g in bot.guilds) == sorted(g["id"] for g in fake.guilds)
            for guild in fake.guilds:
                # The dev guild has the commands; others resolve the global tree (not synced, still handled).
                record = await answer(fake, fake.command_interaction("help", {}, guild_id=guild["id"]))
                assert record.body["type"] == 4
        # One process running only shard 1 of 2.
        fake.sessions.clear()
        bot = create_bot(bundled, shard_ids=[1], shard_count=2)
        async with running(bot, fake):
            assert [s.shard for s in fake.live_sessions()] == [(1, 2)]
            assert {g.id for g in bot.guilds} == {g["id"] for g in fake.guilds if fake.shard_of(g["id"]) == 1}
        assert not fake.violations


async def test_every_body_the_bot_sent_matches_the_spec(live):
    """One session of everything, then each recorded body against the spec itself (skips without it)."""
    fake, _ = live
    first = await answer(fake, fake.command_interaction("compare", {"model_a": "gpt-4.1 mini", "model_b": "grok 4.3"}))
    await answer(fake, fake.autocomplete_interaction("cost", {"model": "gpt"}, "model"))
    await answer(fake, fake.component_interaction(original_id(fake, first), select_of(first.body["data"])["custom_id"], values=["faq"]))
    await fake.dispatch("MESSAGE_CREATE", fake.mention_message("is grok 4.3 cheaper than gpt-4.1 mini?"))
    await fake.wait_for(lambda r: r.path.endswith("/messages") and r.method == "POST", timeout=DEADLINE)
    checked = []
    for record in fake.requests:
        name = contract.validate_request(record.method, record.path, record.body, require_spec=True)
        if name:
            checked.append(name)
    assert {"validate_commands", "validate_callback", "validate_message"} <= set(checked)
