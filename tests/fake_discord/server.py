"""A loopback fake Discord: an aiohttp server on 127.0.0.1 that speaks enough REST and gateway for discord.py.

Use::

    async with FakeDiscord() as fake:          # starts the server and points discord.py at it
        task = asyncio.create_task(bot.start(fake.token))
        await fake.wait_ready()
        callback, latency = await fake.interact(fake.command_interaction("compare", {"model_a": "x"}))

REST: login (``GET /users/@me``, ``GET /oauth2/applications/@me``), ``GET /gateway[/bot]``, command sync
(``PUT``/``POST``/``GET`` global and guild commands), the interaction callback (``?with_response=1``, the
created message returned), follow-ups and edits through the webhook routes, channel messages (a create
with ``enforce_nonce`` whose nonce the channel has seen returns that message, as Discord does; per channel,
a refusal for every create (``forbidden_channels``), answers for the next creates (``channel_faults``: a 429
with its retry-after, a 500) and a delay of the answer to a create that is already made (``holds``)). Every request
is recorded (method, path, query, JSON body) and, by default, every body is checked against
``tests.discord_contract`` as it arrives: a violation is answered ``400 Invalid Form Body`` like Discord would
and kept in ``fake.violations``.

Gateway: HELLO (op 10), IDENTIFY (op 2: token, intents and shard checked), READY and one GUILD_CREATE per
guild of the shard, heartbeats (op 1) acknowledged (op 11), RESUME of a session it knows answered with RESUMED
(else INVALID_SESSION), faults on request (a close code, RECONNECT, a dropped connection, an outage), and
dispatches (``INTERACTION_CREATE``, ``MESSAGE_CREATE``) sent on request.

Safety: it binds 127.0.0.1 only; every receive loop is bounded in frames and in time; every wait has a timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import json
import re
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from tests import discord_contract as contract

BOT_TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAw.fake.loopback-token"
API = "/api/v10"
DISCORD_EPOCH_MS = 1420070400000
EVERYONE_PERMISSIONS = "2248473465835073"
MANAGER_PERMISSIONS = str(int(EVERYONE_PERMISSIONS) | 0x20)
"""A member who may also manage the server (Manage Server, 0x20)."""
ATTACHMENT_LIMIT = 10 * 1024 * 1024

MAX_FRAMES_PER_SESSION = 2_000_000
MAX_RECORDS = 200_000
SEND_TIMEOUT = 10.0

FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7


@dataclass
class Recorded:
    """One REST request as the fake received it."""

    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    body: Any
    status: int = 200
    at: float = 0.0  # time.perf_counter() on arrival
    validator: str | None = None
    violation: str | None = None
    authorized: bool = True

    @property
    def route(self) -> str:
        return f"{self.method} {self.path}"


@dataclass
class GatewaySession:
    """One gateway connection."""

    number: int
    opened_at: float
    ws: web.WebSocketResponse | None = None
    query: dict[str, str] = field(default_factory=dict)
    request: web.Request | None = None
    identify: dict[str, Any] | None = None
    shard: tuple[int, int] | None = None
    session_id: str = ""
    sequence: int = 0
    heartbeats: int = 0
    acks: int = 0
    resumes: int = 0
    sent_ops: list[tuple[int, str | None]] = field(default_factory=list)
    close_code: int | None = None
    closed: bool = False
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def intents(self) -> int | None:
        return None if self.identify is None else self.identify.get("intents")


def _iso(moment: dt.datetime | None = None) -> str:
    return (moment or dt.datetime.now(dt.timezone.utc)).isoformat()


def _json(data: Any, status: int = 200) -> web.Response:
    # discord.py reads JSON only when content-type is exactly "application/json" (no charset).
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})


def _error(status: int, message: str, code: int = 0) -> web.Response:
    return _json({"message": message, "code": code}, status=status)


class FakeDiscord:
    """The fake. Start it with ``async with`` (or ``start()``/``stop()`` plus ``patch()``)."""

    def __init__(
        self,
        *,
        token: str = BOT_TOKEN,
        shard_count: int = 1,
        guild_count: int = 1,
        heartbeat_interval: float = 41.25,
        validate: str = "contract",
        max_session_seconds: float = 900.0,
        host: str = "127.0.0.1",
    ) -> None:
        if host not in ("127.0.0.1", "localhost"):
            raise ValueError("the fake Discord listens on the loopback interface only")
        if validate not in ("contract", "limits", "off"):
            raise ValueError("validate is 'contract' (spec where present, plus limits), 'limits' or 'off'")
        self.token = token
        self.shard_count = shard_count
        self.heartbeat_interval = heartbeat_interval
        self.validate = validate
        self.max_session_seconds = max_session_seconds
        self.host = "127.0.0.1"
        self.port = 0
        self._counter = itertools.count(1)
        self._base_ms = int(time.time() * 1000) - DISCORD_EPOCH_MS - 10_000_000

        self.application_id = self.snowflake()
        self.bot_user = self._user(self.application_id, "Versus", bot=True)
        self.owner = self._user(self.snowflake(), "owner")
        self.member_user = self._user(self.snowflake(), "asker")
        self.other_user = self._user(self.snowflake(), "someone-else")
        # Guild ids spread over the shards: shard = (guild_id >> 22) % shard_count.
        self.guilds: list[dict[str, Any]] = []
        for index in range(guild_count):
            guild_id = ((self._base_ms + 1_000 + index) << 22) | 1
            channel_id = self.snowflake()
            self.guilds.append({"id": guild_id, "channel_id": channel_id, "name": f"guild-{index}"})

        self.requests: list[Recorded] = []
        self.sessions: list[GatewaySession] = []
        self.gateway_down = False
        """When True, the gateway refuses connections (503), as during an outage."""
        self.commands: dict[int | None, list[dict[str, Any]]] = {}  # guild id (None = global) -> commands
        self.messages: dict[int, dict[str, Any]] = {}
        self.nonces: dict[tuple[int, str], dict[str, Any]] = {}
        """(channel id, nonce) -> the message a create with ``enforce_nonce`` made (Discord returns it again)."""
        self.channel_faults: dict[int, list[tuple[int, dict[str, Any]]]] = {}
        """channel id -> answers (status, body) for its next message creates, in order (e.g. a 429 or a 500)."""
        self.forbidden_channels: dict[int, tuple[int, int, str]] = {}
        """channel id -> (status, code, message) every message create there gets (403 50013, 404 10003...)."""
        self.holds: dict[int, float] = {}
        """channel id -> seconds the answer to a message create there is held back (the message is made at once)."""
        self.interactions: dict[str, dict[str, Any]] = {}  # token -> what the fake knows about it
        self._waiters: list[tuple[Callable[[Recorded], bool], asyncio.Future[Recorded]]] = []
        self._callback_futures: dict[int, asyncio.Future[Recorded]] = {}  # interaction id -> its callback
        self._runner: web.AppRunner | None = None
        self._patch: contextlib.ExitStack | None = None

    # --- ids and objects -----------------------------------------------------------------------

    def snowflake(self) -> int:
        return ((self._base_ms + next(self._counter)) << 22) | 7

    @staticmethod
    def _user(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
        return {
            "id": str(user_id),
            "username": name,
            "discriminator": "0",
            "global_name": name,
            "avatar": None,
            "bot": bot,
            "public_flags": 0,
        }

    def _member(self, user: dict[str, Any]) -> dict[str, Any]:
        return {
            "user": user,
            "roles": [],
            "joined_at": _iso(),
            "deaf": False,
            "mute": False,
            "flags": 0,
            "nick": None,
            "avatar": None,
            "premium_since": None,
            "pending": False,
            "communication_disabled_until": None,
        }

    def _channel(self, guild: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": str(guild["channel_id"]),
            "type": 0,
            "guild_id": str(guild["id"]),
            "name": "general",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }

    def _guild_create(self, guild: dict[str, Any]) -> dict[str, Any]:
        gid = str(guild["id"])
        return {
            "id": gid,
            "name": guild["name"],
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": self.owner["id"],
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": "en-US",
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "vanity_url_code": None,
            "application_id": None,
            "features": [],
            "roles": [
                {
                    "id": gid,
                    "name": "@everyone",
                    "color": 0,
                    "hoist": False,
                    "position": 0,
                    "permissions": EVERYONE_PERMISSIONS,
                    "managed": False,
                    "mentionable": False,
                    "flags": 0,
                }
            ],
            "emojis": [],
            "stickers": [],
            "joined_at": _iso(),
            "large": False,
            "unavailable": False,
            "member_count": 2,
            "voice_states": [],
            "members": [self._member(self.bot_user), self._member(self.member_user)],
            "channels": [self._channel(guild)],
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def shard_of(self, guild_id: int) -> int:
        return (int(guild_id) >> 22) % self.shard_count

    @property
    def guild_id(self) -> int:
        return self.guilds[0]["id"]

    @property
    def channel_id(self) -> int:
        return self.guilds[0]["channel_id"]

    # --- lifecycle -----------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def api_base(self) -> str:
        return self.base_url + API

    @property
    def gateway_url(self) -> str:
        return f"ws://{self.host}:{self.port}/gateway"

    async def start(self) -> FakeDiscord:
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        sockets = site._server.sockets  # type: ignore[union-attr]
        self.port = sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        for session in list(self.sessions):
            if session.ws is not None and not session.ws.closed:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(session.ws.close(code=1001), 2)
        for future in [f for _, f in self._waiters] + list(self._callback_futures.values()):
            if not future.done():
                future.cancel()
        self._waiters.clear()
        self._callback_futures.clear()
        if self._runner is not None:
            await asyncio.wait_for(self._runner.cleanup(), 10)
            self._runner = None

    def patch(self) -> contextlib.AbstractContextManager[None]:
        return patch_discord(self.api_base, self.gateway_url)

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        self._patch = contextlib.ExitStack()
        self._patch.enter_context(self.patch())
        return self

    async def __aexit__(self, *exc: object) -> None:
        try:
            await self.stop()
        finally:
            if self._patch is not None:
                self._patch.close()
                self._patch = None

    # --- recording and waiting -----------------------------------------------------------------------

    @property
    def violations(self) -> list[Recorded]:
        return [r for r in self.requests if r.violation]

    def find(self, method: str | None = None, pattern: str | None = None) -> list[Recorded]:
        regex = re.compile(pattern) if pattern else None
        return [
            r
            for r in self.requests
            if (method is None or r.method == method.upper()) and (regex is None or regex.search(r.path))
        ]

    def callbacks(self) -> list[Recorded]:
        return self.find("POST", r"^/interactions/\d+/[^/]+/callback$")

    async def wait_for(self, predicate: Callable[[Recorded], bool], timeout: float = 5.0, *, past: bool = True) -> Recorded:
        """The first request matching ``predicate`` (already received, if ``past``, or the next one)."""
        if past:
            for record in self.requests:
                if predicate(record):
                    return record
        future: asyncio.Future[Recorded] = asyncio.get_running_loop().create_future()
        entry = (predicate, future)
        self._waiters.append(entry)
        try:
            return await asyncio.wait_for(future, timeout)
        finally:
            with contextlib.suppress(ValueError):
                self._waiters.remove(entry)

    def _record(self, record: Recorded) -> None:
        if len(self.requests) < MAX_RECORDS:
            self.requests.append(record)
        for predicate, future in list(self._waiters):
            if not future.done() and predicate(record):
                future.set_result(record)

    def _check(self, record: Recorded) -> None:
        if self.validate == "off" or record.body is None:
            return
        try:
            if self.validate == "limits":
                if contract.validator_for(record.method, record.path) is not None:
                    contract.check_limits(record.body)
                    record.validator = "check_limits"
            else:
                record.validator = contract.validate_request(record.method, record.path, record.body, require_spec=False)
        except AssertionError as exc:
            record.violation = str(exc)

    # --- REST ------------------------------------------------------------------------------------------

    async def _read_body(self, request: web.Request) -> Any:
        if not request.can_read_body:
            return None
        if request.content_type == "multipart/form-data":
            form = await request.post()
            payload = form.get("payload_json")
            body = json.loads(payload) if isinstance(payload, str) else {}
            if isinstance(body, dict):
                body.setdefault("_files", [k for k in form if k != "payload_json"])
            return body
        text = await request.text()
        if not text:
            return None
        try:
            return json.loads(text)
        except ValueError:
            return {"_unparsed": text[:2000]}

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        arrived = time.perf_counter()
        path = "/" + request.match_info["tail"]
        body = await self._read_body(request)
        record = Recorded(request.method, path, dict(request.query), body, at=arrived)
        webhook_route = path.startswith("/interactions/") or path.startswith("/webhooks/")
        if not webhook_route and request.headers.get("Authorization") != f"Bot {self.token}":
            record.authorized = False
            record.status = 401
            self._record(record)
            return _error(401, "401: Unauthorized")
        self._check(record)
        if record.violation:
            record.status = 400
            self._record(record)
            return _json(
                {"code": 50035, "errors": {}, "message": "Invalid Form Body (fake Discord contract): " + record.violation[:1500]},
                status=400,
            )
        fault = self._channel_fault(record)
        if fault is not None:
            record.status = fault.status
            self._record(record)
            return fault
        try:
            response = self._route(record)
        except KeyError as exc:
            response = _error(404, f"404: Not Found ({exc})", 10008)
        record.status = response.status
        self._record(record)
        held = self._held(record)
        if held:  # done (the message made) and recorded; the answer comes later, or never if the client goes
            await asyncio.sleep(held)
        return response

    @staticmethod
    def _message_create(r: Recorded) -> int | None:
        match = re.fullmatch(r"/channels/(\d+)/messages", r.path)
        return int(match[1]) if match and r.method == "POST" else None

    def _channel_fault(self, r: Recorded) -> web.Response | None:
        """A refusal set up for the channel of a message create (``forbidden_channels``, ``channel_faults``)."""
        channel_id = self._message_create(r)
        if channel_id is None:
            return None
        if channel_id in self.forbidden_channels:
            status, code, message = self.forbidden_channels[channel_id]
            return _error(status, f"{status}: {message}", code)
        queued = self.channel_faults.get(channel_id)
        if not queued:
            return None
        status, body = queued.pop(0)
        headers = {"Via": "1.1 google", "X-RateLimit-Scope": "user"} if status == 429 else {}
        if status == 429:
            headers["Retry-After"] = str(body.get("retry_after", 1))
        return web.Response(body=json.dumps(body).encode(), status=status, headers={**headers, "Content-Type": "application/json"})

    def _held(self, r: Recorded) -> float:
        channel_id = self._message_create(r)
        return self.holds.get(channel_id, 0.0) if channel_id is not None else 0.0

    def channel_messages(self, channel_id: int) -> list[dict[str, Any]]:
        """The messages posted to a channel (``POST /channels/{id}/messages``; not interaction replies), oldest
        first; a create answered from its nonce is not another."""
        return [m for m in self.messages.values() if m["channel_id"] == str(channel_id) and "interaction_metadata" not in m]

    def _route(self, r: Recorded) -> web.Response:
        m, p = r.method, r.path
        if m == "GET" and p == "/users/@me":
            return _json(self.bot_user)
        if m == "GET" and p == "/oauth2/applications/@me":
            return _json(self._application())
        if m == "GET" and p == "/gateway":
            return _json({"url": self.gateway_url})
        if m == "GET" and p == "/gateway/bot":
            return _json(
                {
                    "url": self.gateway_url,
                    "shards": self.shard_count,
                    "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
                }
            )
        match = re.fullmatch(r"/applications/(\d+)(?:/guilds/(\d+))?/commands", p)
        if match:
            if int(match[1]) != self.application_id:
                return _error(403, "403: Forbidden (wrong application)", 50001)
            guild = int(match[2]) if match[2] else None
            if m == "GET":
                return _json(self.commands.get(guild, []))
            if m == "PUT":
                self.commands[guild] = [self._stored_command(c, guild) for c in (r.body or [])]
                return _json(self.commands[guild])
            if m == "POST":
                command = self._stored_command(r.body, guild)
                self.commands.setdefault(guild, []).append(command)
                return _json(command, 201)
        match = re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", p)
        if match and m == "POST":
            return self._callback(int(match[1]), match[2], r)
        match = re.fullmatch(r"/webhooks/(\d+)/([^/]+)(?:/messages/([^/]+))?", p)
        if match:
            return self._webhook(m, match[2], match[3], r)
        match = re.fullmatch(r"/channels/(\d+)/messages(?:/(\d+))?", p)
        if match:
            channel_id = int(match[1])
            if m == "POST" and not match[2]:
                body = r.body or {}
                nonce = body.get("nonce")
                if nonce is not None and body.get("enforce_nonce") and (channel_id, str(nonce)) in self.nonces:
                    return _json(self.nonces[(channel_id, str(nonce))])  # Discord: the message made with this nonce
                message = self._message(body, channel_id, reference=body.get("message_reference"))
                if nonce is not None:
                    message["nonce"] = str(nonce)
                    if body.get("enforce_nonce"):
                        self.nonces[(channel_id, str(nonce))] = message
                return _json(message)
            if match[2]:
                message = self.messages[int(match[2])]
                if m == "PATCH":
                    return _json(self._edit(message, r.body or {}))
                if m == "GET":
                    return _json(message)
                if m == "DELETE":
                    self.messages.pop(int(match[2]), None)
                    return web.Response(status=204)
        return _error(404, f"404: Not Found ({m} {p} is not in the fake)")

    def _application(self) -> dict[str, Any]:
        return {
            "id": str(self.application_id),
            "name": "Versus",
            "icon": None,
            "description": "Compare LLMs",
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": self.owner,
            "verify_key": secrets.token_hex(32),
            "team": None,
            "flags": 0,
            "summary": "",
            "rpc_origins": [],
            "bot": self.bot_user,
        }

    def _stored_command(self, body: dict[str, Any], guild: int | None) -> dict[str, Any]:
        existing = {c["name"]: c["id"] for c in self.commands.get(guild, [])}
        stored = dict(body)
        stored.setdefault("type", 1)
        stored.setdefault("description", "")
        stored["id"] = existing.get(body.get("name")) or str(self.snowflake())
        stored["application_id"] = str(self.application_id)
        stored["version"] = str(self.snowflake())
        if guild is not None:
            stored["guild_id"] = str(guild)
        return stored

    def _message(
        self,
        body: dict[str, Any],
        channel_id: int,
        *,
        author: dict[str, Any] | None = None,
        interaction: dict[str, Any] | None = None,
        reference: dict[str, Any] | None = None,
        flags: int = 0,
    ) -> dict[str, Any]:
        message_id = self.snowflake()
        guild = next((g for g in self.guilds if g["channel_id"] == channel_id), None)
        message: dict[str, Any] = {
            "id": str(message_id),
            "channel_id": str(channel_id),
            "author": author or self.bot_user,
            "content": body.get("content") or "",
            "timestamp": _iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 0,
            "flags": (body.get("flags") or 0) | flags,
        }
        if guild is not None:
            message["guild_id"] = str(guild["id"])
        if interaction is not None:
            message["type"] = 20
            message["application_id"] = str(self.application_id)
            message["webhook_id"] = str(self.application_id)
            message["interaction_metadata"] = interaction
        if reference:
            message["type"] = 19
            message["message_reference"] = {k: str(v) if isinstance(v, int) else v for k, v in reference.items()}
        self.messages[message_id] = message
        return message

    def _edit(self, message: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        for key in ("content", "embeds", "components", "flags"):
            if key in body and body[key] is not None:
                message[key] = body[key]
        message["flags"] = int(message.get("flags") or 0) & ~FLAG_LOADING
        message["edited_timestamp"] = _iso()
        return message

    def _callback(self, interaction_id: int, token: str, r: Recorded) -> web.Response:
        info = self.interactions.get(token)
        if info is None or info["id"] != interaction_id:
            return _error(404, "Unknown interaction", 10062)
        if info.get("responded"):
            return _error(400, "Interaction has already been acknowledged.", 40060)
        info["responded"] = True
        future = self._callback_futures.pop(interaction_id, None)
        if future is not None and not future.done():
            future.set_result(r)
        kind = (r.body or {}).get("type")
        data = (r.body or {}).get("data") or {}
        meta = {"id": str(interaction_id), "type": info["type"]}
        response: dict[str, Any] = {"interaction": dict(meta)}
        if kind in (4, 5):
            flags = FLAG_LOADING if kind == 5 else 0
            metadata = {
                "id": str(interaction_id),
                "type": info["type"],
                "user": info["user"],
                "authorizing_integration_owners": {"0": str(info["guild_id"])},
            }
            message = self._message(data, info["channel_id"], interaction=metadata, flags=flags)
            info["original"] = int(message["id"])
            response["interaction"].update(
                response_message_id=message["id"],
                response_message_loading=kind == 5,
                response_message_ephemeral=bool(message["flags"] & FLAG_EPHEMERAL),
            )
            response["resource"] = {"type": kind, "message": message}
        elif kind in (6, 7):
            message = self.messages.get(info.get("message_id") or 0)
            if message is None:
                return _error(400, "no message to update: the interaction is not a component click", 50035)
            if kind == 7:
                self._edit(message, data)
            info["original"] = int(message["id"])
            response["interaction"]["response_message_id"] = message["id"]
            response["resource"] = {"type": kind, "message": message}
        if r.query.get("with_response") in ("1", "true", "True"):
            return _json(response)
        return web.Response(status=204)

    def _webhook(self, method: str, token: str, message_ref: str | None, r: Recorded) -> web.Response:
        info = self.interactions.get(token)
        if info is None:
            return _error(404, "Unknown Webhook", 10015)
        if message_ref is None:
            if method != "POST":
                return _error(405, "405: Method Not Allowed")
            original = self.messages.get(info.get("original") or 0)
            if original is not None and original["flags"] & FLAG_LOADING and not info.get("followed_up"):
                # The first follow-up after a deferred response fills in the "thinking..." message.
                info["followed_up"] = True
                return _json(self._edit(original, r.body or {}))
            info["followed_up"] = True
            message = self._message(r.body or {}, info["channel_id"], interaction=None)
            message["webhook_id"] = str(self.application_id)
            return _json(message)
        message_id = info.get("original") if message_ref == "@original" else int(message_ref)
        message = self.messages.get(message_id or 0)
        if message is None:
            return _error(404, "Unknown Message", 10008)
        if method == "PATCH":
            return _json(self._edit(message, r.body or {}))
        if method == "GET":
            return _json(message)
        if method == "DELETE":
            self.messages.pop(int(message["id"]), None)
            return web.Response(status=204)
        return _error(405, "405: Method Not Allowed")

    # --- gateway -------------------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        if self.gateway_down:
            return web.Response(status=503, text="fake Discord: the gateway is down")
        ws = web.WebSocketResponse(heartbeat=None, max_msg_size=16 * 1024 * 1024)
        await ws.prepare(request)
        loop = asyncio.get_running_loop()
        session = GatewaySession(
            number=len(self.sessions) + 1, opened_at=loop.time(), ws=ws, query=dict(request.query), request=request
        )
        self.sessions.append(session)
        await self._send(session, {"op": 10, "d": {"heartbeat_interval": int(self.heartbeat_interval * 1000)}})
        deadline = session.opened_at + self.max_session_seconds
        try:
            for _ in range(MAX_FRAMES_PER_SESSION):
                remaining = deadline - loop.time()
                if remaining <= 0:
                    await ws.close(code=4000, message=b"fake Discord: session time limit")
                    break
                try:
                    msg = await asyncio.wait_for(ws.receive(), remaining)
                except asyncio.TimeoutError:
                    continue
                if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    break
                if msg.type != aiohttp.WSMsgType.TEXT:
                    continue
                try:
                    frame = json.loads(msg.data)
                except ValueError:
                    await ws.close(code=4002, message=b"Error while decoding payload.")
                    break
                if not await self._on_frame(session, frame):
                    break
        finally:
            session.closed = True
            session.close_code = ws.close_code
        return ws

    async def _on_frame(self, session: GatewaySession, frame: dict[str, Any]) -> bool:
        op = frame.get("op")
        data = frame.get("d")
        assert session.ws is not None
        if op == 1:
            session.heartbeats += 1
            await self._send(session, {"op": 11})
            session.acks += 1
            return True
        if op == 2:
            return await self._identify(session, data or {})
        if op == 6:
            session.resumes += 1
            data = data or {}
            old = next((s for s in self.sessions if s.session_id and s.session_id == data.get("session_id")), None)
            if old is None or data.get("token") != self.token:
                await self._send(session, {"op": 9, "d": False})  # nothing to resume: identify again
                return True
            session.identify, session.shard, session.session_id = old.identify, old.shard, old.session_id
            session.sequence = max(old.sequence, int(data.get("seq") or 0))
            await self._dispatch(session, "RESUMED", {})
            session.ready.set()
            return True
        return True  # presence updates, member requests...: accepted and ignored

    async def _identify(self, session: GatewaySession, data: dict[str, Any]) -> bool:
        assert session.ws is not None
        session.identify = data
        if data.get("token") != self.token:
            await session.ws.close(code=4004, message=b"Authentication failed.")
            return False
        shard = data.get("shard") or [0, 1]
        shard_id, count = int(shard[0]), int(shard[1])
        if count != self.shard_count or not 0 <= shard_id < count:
            await session.ws.close(code=4010, message=b"Invalid shard.")
            return False
        if not isinstance(data.get("intents"), int):
            await session.ws.close(code=4013, message=b"Invalid intent(s).")
            return False
        session.shard = (shard_id, count)
        session.session_id = secrets.token_hex(16)
        mine = [g for g in self.guilds if self.shard_of(g["id"]) == shard_id]
        await self._dispatch(
            session,
            "READY",
            {
                "v": 10,
                "user": dict(self.bot_user, verified=True, mfa_enabled=False, flags=0),
                "guilds": [{"id": str(g["id"]), "unavailable": True} for g in mine],
                "session_id": session.session_id,
                "resume_gateway_url": self.gateway_url,
                "shard": [shard_id, count],
                "application": {"id": str(self.application_id), "flags": 0},
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "geo_ordered_rtc_regions": ["loopback"],
                "user_settings": {},
                "guild_join_requests": [],
            },
        )
        for guild in mine:
            await self._dispatch(session, "GUILD_CREATE", self._guild_create(guild))
        session.ready.set()
        return True

    async def _send(self, session: GatewaySession, payload: dict[str, Any]) -> None:
        assert session.ws is not None
        async with session.lock:
            session.sent_ops.append((payload["op"], payload.get("t")))
            # Bounded: a client that stops reading must not stall the fake for ever.
            await asyncio.wait_for(session.ws.send_str(json.dumps(payload)), SEND_TIMEOUT)

    async def _dispatch(self, session: GatewaySession, event: str, data: dict[str, Any]) -> None:
        session.sequence += 1
        await self._send(session, {"op": 0, "t": event, "s": session.sequence, "d": data})

    async def close_gateway(self, code: int, *, guild_id: int | None = None) -> GatewaySession:
        """Close the live session of a guild's shard with ``code`` (4004: the token was reset, 4014: intents...)."""
        session = self.session_for(guild_id or self.guild_id)
        assert session.ws is not None
        await asyncio.wait_for(session.ws.close(code=code, message=b"fake Discord: closed on request"), SEND_TIMEOUT)
        return session

    async def request_reconnect(self, *, guild_id: int | None = None) -> GatewaySession:
        """Send RECONNECT (op 7): discord.py closes the connection and resumes on a new one."""
        session = self.session_for(guild_id or self.guild_id)
        await self._send(session, {"op": 7, "d": None})
        return session

    def drop_gateway(self, *, guild_id: int | None = None) -> GatewaySession:
        """Cut the connection without a close frame (the client sees 1006), as a network failure would."""
        session = self.session_for(guild_id or self.guild_id)
        assert session.request is not None and session.request.transport is not None
        session.request.transport.close()
        return session

    async def invalidate_session(self, *, guild_id: int | None = None) -> GatewaySession:
        """Send INVALID_SESSION (op 9, not resumable): discord.py waits 5 seconds, then identifies again."""
        session = self.session_for(guild_id or self.guild_id)
        await self._send(session, {"op": 9, "d": False})
        return session

    def live_sessions(self) -> list[GatewaySession]:
        return [s for s in self.sessions if not s.closed and s.shard is not None]

    def session_for(self, guild_id: int) -> GatewaySession:
        shard = self.shard_of(guild_id)
        for session in reversed(self.sessions):
            if not session.closed and session.shard is not None and session.shard[0] == shard:
                return session
        raise LookupError(f"no live gateway session for shard {shard} (guild {guild_id})")

    async def wait_ready(self, shards: int | None = None, timeout: float = 10.0) -> list[GatewaySession]:
        """Wait until ``shards`` sessions (default: every shard) have been sent READY."""
        want = self.shard_count if shards is None else shards
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while loop.time() < end:
            ready = [s for s in self.sessions if s.ready.is_set() and not s.closed]
            if len({s.shard for s in ready}) >= want:
                return ready
            await asyncio.sleep(0.01)
        raise TimeoutError(f"only {len([s for s in self.sessions if s.ready.is_set()])} of {want} shards got READY in {timeout}s")

    async def dispatch(self, event: str, data: dict[str, Any], *, guild_id: int | None = None) -> float:
        """Send a dispatch on the right shard's session; returns time.perf_counter() just before sending."""
        session = self.session_for(guild_id or self.guild_id)
        sent = time.perf_counter()
        await self._dispatch(session, event, data)
        return sent

    # --- interactions ----------------------------------------------------------------------------------

    def _command_id(self, name: str, guild_id: int) -> tuple[str, dict[str, Any] | None, bool]:
        for scope in (guild_id, None):
            for command in self.commands.get(scope, []):
                if command["name"] == name and command.get("type", 1) == 1:
                    return command["id"], command, scope is not None
        return str(self.snowflake()), None, False

    @staticmethod
    def _options(values: dict[str, Any], command: dict[str, Any] | None, focused: str | None) -> list[dict[str, Any]]:
        declared = {o["name"]: o for o in (command or {}).get("options") or []}
        out = []
        for name, value in values.items():
            if name in declared:
                kind = declared[name]["type"]
            elif isinstance(value, bool):
                kind = 5
            elif isinstance(value, int):
                kind = 4
            elif isinstance(value, float):
                kind = 10
            else:
                kind = 3
            option: dict[str, Any] = {"name": name, "type": kind, "value": value}
            if name == focused:
                option["focused"] = True
                option["value"] = str(value)
            out.append(option)
        return out

    def _interaction(self, kind: int, data: dict[str, Any], *, guild_id: int | None = None, user: dict[str, Any] | None = None,
                     message: dict[str, Any] | None = None, permissions: str = EVERYONE_PERMISSIONS) -> dict[str, Any]:
        guild = next(g for g in self.guilds if g["id"] == (guild_id or self.guild_id))
        interaction_id = self.snowflake()
        token = f"itok-{interaction_id}-{secrets.token_hex(8)}"
        user = user or self.member_user
        member = dict(self._member(user), permissions=permissions)
        payload = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": kind,
            "data": data,
            "guild_id": str(guild["id"]),
            "guild": {"id": str(guild["id"]), "locale": "en-US", "features": []},
            "channel_id": str(guild["channel_id"]),
            "channel": self._channel(guild),
            "member": member,
            "token": token,
            "version": 1,
            "app_permissions": EVERYONE_PERMISSIONS,
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild["id"])},
            "context": 0,
            "attachment_size_limit": ATTACHMENT_LIMIT,
        }
        if message is not None:
            payload["message"] = message
        self.interactions[token] = {
            "id": interaction_id,
            "type": kind,
            "user": user,
            "guild_id": guild["id"],
            "channel_id": guild["channel_id"],
            "message_id": int(message["id"]) if message else None,
            "payload": payload,
        }
        return payload

    def _command_data(self, name: str, options: dict[str, Any], focused: str | None, guild_id: int) -> dict[str, Any]:
        """A command's interaction data; ``name`` may name a subcommand (``"watch add"``, ``"a b c"``), whose
        options are then nested under it as Discord nests them."""
        root, *path = name.split()
        command_id, command, is_guild = self._command_id(root, guild_id)
        declared = command
        chain: list[str] = []
        for part in path:
            declared = next((o for o in (declared or {}).get("options") or [] if o["name"] == part and o["type"] in (1, 2)), None)
            chain.append(part)
        nested = self._options(options, declared, focused)
        for depth in range(len(chain) - 1, -1, -1):
            kind = 2 if depth < len(chain) - 1 else 1
            nested = [{"name": chain[depth], "type": kind, "options": nested}]
        data: dict[str, Any] = {"id": command_id, "name": root, "type": 1, "options": nested}
        if is_guild:
            data["guild_id"] = str(guild_id)
        return data

    def command_interaction(self, name: str, options: dict[str, Any] | None = None, *, guild_id: int | None = None,
                            user: dict[str, Any] | None = None, permissions: str = EVERYONE_PERMISSIONS) -> dict[str, Any]:
        """An INTERACTION_CREATE for a slash command (type 2), options typed from the synced command;
        ``name`` may be a subcommand's path (``"settings workload"``); ``permissions``: the member's
        (``MANAGER_PERMISSIONS`` adds Manage Server)."""
        guild_id = guild_id or self.guild_id
        data = self._command_data(name, options or {}, None, guild_id)
        return self._interaction(2, data, guild_id=guild_id, user=user, permissions=permissions)

    def autocomplete_interaction(self, name: str, options: dict[str, Any], focused: str, *, guild_id: int | None = None,
                                 user: dict[str, Any] | None = None, permissions: str = EVERYONE_PERMISSIONS) -> dict[str, Any]:
        """An INTERACTION_CREATE for autocomplete (type 4): the option ``focused`` is being typed."""
        guild_id = guild_id or self.guild_id
        data = self._command_data(name, options, focused, guild_id)
        return self._interaction(4, data, guild_id=guild_id, user=user, permissions=permissions)

    def component_interaction(self, message_id: int | str, custom_id: str, *, values: list[str] | None = None,
                              component_type: int | None = None, user: dict[str, Any] | None = None) -> dict[str, Any]:
        """An INTERACTION_CREATE for a click (type 3) on a message the bot sent."""
        message = self.messages[int(message_id)]
        guild_id = int(message.get("guild_id") or self.guild_id)
        kind = component_type if component_type is not None else (3 if values is not None else 2)
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": kind}
        if values is not None:
            data["values"] = list(values)
        return self._interaction(3, data, guild_id=guild_id, user=user, message=json.loads(json.dumps(message)))

    async def send_interaction(self, payload: dict[str, Any]) -> tuple[float, asyncio.Future[Recorded]]:
        """Dispatch an INTERACTION_CREATE; returns the send time and a future for its callback request."""
        future: asyncio.Future[Recorded] = asyncio.get_running_loop().create_future()
        self._callback_futures[int(payload["id"])] = future
        sent = await self.dispatch("INTERACTION_CREATE", payload, guild_id=int(payload["guild_id"]))
        return sent, future

    async def interact(self, payload: dict[str, Any], timeout: float = 5.0) -> tuple[Recorded, float]:
        """Dispatch an interaction and wait for its callback: (the callback request, seconds it took)."""
        sent, future = await self.send_interaction(payload)
        try:
            record = await asyncio.wait_for(future, timeout)
        finally:
            self._callback_futures.pop(int(payload["id"]), None)
        return record, record.at - sent

    def mention_message(self, text: str, *, user: dict[str, Any] | None = None, guild_id: int | None = None) -> dict[str, Any]:
        """A MESSAGE_CREATE payload in which someone mentions the bot."""
        guild = next(g for g in self.guilds if g["id"] == (guild_id or self.guild_id))
        user = user or self.member_user
        message_id = self.snowflake()
        message = {
            "id": str(message_id),
            "channel_id": str(guild["channel_id"]),
            "guild_id": str(guild["id"]),
            "author": user,
            "member": {k: v for k, v in self._member(user).items() if k != "user"},
            "content": f"<@{self.bot_user['id']}> {text}",
            "timestamp": _iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [dict(self.bot_user, member={k: v for k, v in self._member(self.bot_user).items() if k != "user"})],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "components": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
        }
        self.messages[message_id] = message
        return message


@contextlib.contextmanager
def patch_discord(api_base: str, gateway_url: str) -> Iterator[None]:
    """Point discord.py's REST routes and default gateway at the fake; restore them afterwards."""
    import discord.gateway
    import discord.http
    import yarl

    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway
