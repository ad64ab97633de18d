"""A server's settings as the commands use them (issue 10).

``server_settings(bot, guild_id)`` is what ``/compare``, ``/cost``, ``/faq`` and mentions read: the
server's workload and providers, from the store's per-server cache (no database after the first read),
else from the database within ``READ_SECONDS``. What cannot be read is said, never guessed: the answer
then uses the defaults and says that this server's settings are unavailable right now. In DMs (no
server) the defaults apply and nothing is said.

``stored(bot)`` gives the store to the commands that need it (``/settings``, ``/workload``, ``/watch``,
``/changes``, ``/history``); without one, or when the database does not answer (``timed``), they answer
ephemerally that settings are unavailable right now (``UNAVAILABLE``). The bot reconnects by itself: the
store's pool replaces a dropped connection at the next use.

``workload_traffic`` turns a stored workload into the engine's traffic, and ``check_workload`` checks
a person's numbers with the same engine rules before anything is stored.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot import limits
from bot.errors import UserError
from bot.limits import clip
from bot.safety import inert, plain
from catalog.store.servers import ServerSettings, Workload
from engine import make_traffic
from engine.cost import DEFAULT_INPUT_TOKENS, DEFAULT_OUTPUT_TOKENS, DEFAULT_REQUESTS
from engine.results import Traffic

log = logging.getLogger("bot.servers")

READ_SECONDS = 1.5
"""How long a command waits for the database before answering without it (Discord waits 3 s)."""
UNAVAILABLE = "This server's settings are unavailable right now (the database is not answering); try again in a minute."
MANAGE_SERVER = "You need the Manage Server permission to change this server's settings."
NOT_IN_DM = "Settings belong to a server: use this command in a server, not in a direct message."

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ServerContext:
    """What an answer is computed at: the server's settings (None in DMs, or when they cannot be read)."""

    settings: ServerSettings | None = None
    unavailable: bool = False

    @property
    def workload(self) -> Workload | None:
        return self.settings.workload if self.settings is not None else None

    @property
    def providers(self) -> tuple[str, ...]:
        return self.settings.providers if self.settings is not None else ()


DEFAULTS = ServerContext()


def stored(bot: Any) -> Any:
    """The open store, or a ``UserError`` saying settings are unavailable right now."""
    store = getattr(bot, "store", None)
    if store is None:
        raise UserError(UNAVAILABLE)
    return store


async def timed(work: Awaitable[T], seconds: float = READ_SECONDS) -> T:
    """``work``, or ``UserError(UNAVAILABLE)`` when the database fails or takes longer than ``seconds``."""
    from catalog.errors import StoreUnavailable

    try:
        return await asyncio.wait_for(work, seconds)
    except (UserError, asyncio.CancelledError):
        raise
    except (TimeoutError, StoreUnavailable, OSError) as error:
        log.warning("the database did not answer (%s); answered that settings are unavailable", error.__class__.__name__)
        raise UserError(UNAVAILABLE) from None
    except Exception as error:
        if _database_error(error):
            log.warning("the database failed (%s); answered that settings are unavailable", error.__class__.__name__)
            raise UserError(UNAVAILABLE) from None
        raise


def _database_error(error: BaseException) -> bool:
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    return isinstance(error, (DBAPIError, InterfaceError, OperationalError))


async def server_settings(bot: Any, guild_id: int | None) -> ServerContext:
    """The settings an answer in ``guild_id`` uses (see the module docstring); never raises for the database."""
    store = getattr(bot, "store", None)
    if guild_id is None or store is None:  # a DM, or a bot run without a store (tests, previews)
        return DEFAULTS
    cached = store.servers.cached(guild_id)
    if cached is not None:
        return ServerContext(cached)
    try:
        return ServerContext(await timed(store.servers.settings(guild_id)))
    except UserError:
        return ServerContext(unavailable=True)


def guild_of(interaction: discord.Interaction) -> int:
    """The server an interaction came from, or a ``UserError`` for a DM."""
    if interaction.guild_id is None:
        raise UserError(NOT_IN_DM)
    return interaction.guild_id


def require_manage_server(interaction: discord.Interaction) -> int:
    """The server's id, when the user may change its settings (Manage Server), else a ``UserError``.

    Commands that change settings also declare ``default_member_permissions`` (Discord hides them from
    members without the permission); this is checked again because a server's admins can change who sees
    a command, and a request can be forged."""
    guild_id = guild_of(interaction)
    permissions = interaction.permissions
    if not (permissions.manage_guild or permissions.administrator):
        raise UserError(MANAGE_SERVER)
    return guild_id


async def workload_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """The server's named workloads whose name contains what is typed (none in DMs or without a database)."""
    bot = interaction.client
    if interaction.guild_id is None or getattr(bot, "store", None) is None:
        return []
    try:
        named = await timed(bot.store.servers.workloads(interaction.guild_id), 1.0)
    except UserError:
        return []
    wanted = current.strip().casefold()
    return [
        app_commands.Choice(name=clip(plain(f"{w.name}: {workload_text(w.workload)}"), limits.CHOICE_NAME), value=w.name)
        for w in named
        if wanted in w.name.casefold()
    ][: limits.AUTOCOMPLETE_CHOICES]


def check_workload(
    requests: int, per: str, input_tokens: int, output_tokens: int, cached: Decimal | float | str, batch: Decimal | float | str
) -> Workload:
    """A workload from a person's numbers, checked by the engine's rules (``make_traffic``): a negative or
    absurd count, a share outside 0 to 1, or no tokens at all is a ``UserError`` and nothing is stored."""
    if input_tokens == 0 and output_tokens == 0:
        raise UserError("A request needs some tokens: set input_tokens or output_tokens above 0.")
    try:
        traffic = make_traffic(
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            requests=requests,
            per=per,  # type: ignore[arg-type]
            cached_share=_decimal(cached),
            batch_share=_decimal(batch),
        )
    except (ValueError, ArithmeticError) as exc:
        raise UserError(f"Impossible workload: {inert(str(exc))}.") from None  # it may quote what was typed
    if traffic.requests < 1:
        raise UserError("Impossible workload: requests must be at least 1.")
    return Workload(traffic.requests, traffic.per, traffic.input_tokens, traffic.output_tokens, traffic.cached_share, traffic.batch_share)


def _decimal(value: Decimal | float | str) -> Decimal:
    if isinstance(value, float):
        return Decimal(repr(value))  # 0.3 as typed, not 0.29999999999999998889...
    return Decimal(str(value))


def workload_traffic(workload: Workload) -> Traffic:
    """The engine's traffic for a stored workload (checked when it was stored)."""
    return make_traffic(
        input_tokens=workload.input_tokens,
        output_tokens=workload.output_tokens,
        requests=workload.requests,
        per=workload.per,  # type: ignore[arg-type]
        cached_share=workload.cached,
        batch_share=workload.batch,
    )


def workload_text(workload: Workload | None) -> str:
    """In words, as every answer says it: "50,000 requests a day of 1,200 input and 400 output tokens each
    (30% of input from cache)"; the defaults' words when None."""
    if workload is None:
        return make_traffic().description
    return workload_traffic(workload).description


def provider_text(providers: tuple[str, ...]) -> str:
    from engine.words import and_list

    return and_list(list(providers)) if providers else "every provider"


class BotStore:
    """The store, open while the bot serves (``bot.runner.serve``'s ``closing``): ``bot.store`` meanwhile.

    ``url`` None: ``VERSUS_DATABASE_URL`` from the environment or ``.env`` (``bot.config.environment``), else
    the embedded file. A database that cannot be opened raises ``StoreUnavailable`` (one line; the runner
    ends with exit status 5)."""

    def __init__(self, bot: Any, url: str | None = None, poll_seconds: float | None = None):
        self.bot = bot
        self.url = url
        self.poll_seconds = poll_seconds
        self.store: Any = None

    async def __aenter__(self) -> BotStore:
        from catalog.store import Store, StoreBehind

        try:
            self.store = await Store.open(self.url, migrate=False, poll_seconds=self.poll_seconds)
        except StoreBehind:
            await upgrade_in_child(self.url)
            self.store = await Store.open(self.url, migrate=False, poll_seconds=self.poll_seconds)
        self.bot.store = self.store
        log.info("store open: %s (%s)", self.store.display_url, self.store.dialect)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.store is not None:
            self.bot.store = None
            await self.store.close()


async def upgrade_in_child(url: str | None) -> None:
    """Migrate the store's database with ``versus db upgrade`` in a process of its own: Alembic (some 11 MB
    once imported) never enters the long-running bot's process, which opens the store without migrating
    it. The migration lock makes it safe when several bot processes start at once. A failure is the
    child's one line, as ``StoreUnavailable``."""
    import os
    import sys

    from catalog.store import StoreUnavailable
    from catalog.store.url import DATABASE_URL_ENV

    env = dict(os.environ)
    env.pop(DATABASE_URL_ENV, None)
    if url is not None:
        env[DATABASE_URL_ENV] = url  # the same database the bot opens, whether it came from .env or not
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cli", "db", "upgrade",
        env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    _, err = await child.communicate()
    if child.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        said = lines[-1].removeprefix("versus: ") if lines else f"versus db upgrade ended with status {child.returncode}"
        raise StoreUnavailable(said)
    log.info("store migrated by versus db upgrade in a process of its own")


def server_resources(bot: Any, env: dict[str, str]) -> list[Any]:
    """What ``versus bot`` opens before connecting and closes after: the store (from ``env``'s
    ``VERSUS_DATABASE_URL``, else the embedded file) and the alert sender."""
    from bot.alerts import AlertSender
    from catalog.store.url import DATABASE_URL_ENV, POLL_SECONDS_ENV, poll_seconds

    url = (env.get(DATABASE_URL_ENV) or "").strip() or None
    poll = poll_seconds(env.get(POLL_SECONDS_ENV, ""))
    return [BotStore(bot, url, poll), AlertSender(bot)]


# -- answers at a server's workload ---------------------------------------------------------------------

TRAFFIC_FIELDS = ("requests", "per", "input_tokens", "output_tokens", "cached", "batch")


@dataclass(frozen=True, slots=True)
class Priced:
    """The traffic an answer is priced at, and the line that says whose it is (None: the defaults, said
    by the answer's own "At ..." sentence)."""

    traffic: Traffic
    note: str | None = None
    restated: str | None = None
    """The note for an answer whose question states numbers of its own (the FAQ's "1000 requests a day"):
    the rest is still the server's ("..., with the question's numbers")."""


async def priced_at(
    bot: Any, guild_id: int | None, *, named: str | None = None, given: dict[str, Any] | None = None
) -> Priced:
    """The traffic of an answer in ``guild_id``: the named workload when ``named`` (a ``UserError`` naming
    the server's workloads when there is none of that name), else the server's workload, else the
    defaults; then each option the asker ``given`` (not None) in place of the workload's (``off_peak``: the
    routes' off-peak prices), and the server's providers. Impossible numbers are a ``UserError``. In DMs: the defaults and the given options."""
    given = {k: v for k, v in (given or {}).items() if v is not None}
    context = await server_settings(bot, guild_id)
    base: Workload | None = context.workload
    label = "this server's workload"
    if named is not None:
        if guild_id is None:
            raise UserError(NOT_IN_DM.replace("Settings belong", "Named workloads belong"))
        found = await timed(stored(bot).servers.workload(guild_id, named))
        if found is None:
            listed = await timed(stored(bot).servers.workloads(guild_id))
            have = f"This server's workloads: {', '.join(inert(w.name) for w in listed)}." if listed else "This server has none yet: /workload save."
            raise UserError(f"No workload called '{inert(named[:80])}'. {have}")
        base, label = found.workload, f"this server's workload '{inert(found.name)}'"
    start = base or Workload(DEFAULT_REQUESTS, "month", DEFAULT_INPUT_TOKENS, DEFAULT_OUTPUT_TOKENS)
    values = {
        "requests": given.get("requests", start.requests),
        "per": given.get("per", start.per),
        "input_tokens": given.get("input_tokens", start.input_tokens),
        "output_tokens": given.get("output_tokens", start.output_tokens),
        "cached": given.get("cached", start.cached),
        "batch": given.get("batch", start.batch),
    }
    if values["input_tokens"] == 0 and values["output_tokens"] == 0:
        raise UserError("A request needs some tokens: set input_tokens or output_tokens above 0.")
    try:
        traffic = make_traffic(
            input_tokens=values["input_tokens"],
            output_tokens=values["output_tokens"],
            requests=values["requests"],
            per=values["per"],
            cached_share=_decimal(values["cached"]),
            batch_share=_decimal(values["batch"]),
            cache_write_share=_decimal(given.get("cache_write", 0)),
            providers=context.providers,
            off_peak=bool(given.get("off_peak", False)),
        )
    except (ValueError, ArithmeticError) as exc:
        raise UserError(f"Impossible traffic: {inert(str(exc))}.") from None
    restated = _note(context, base, label, "the question's numbers", named is not None)
    return Priced(traffic, _note(context, base, label, "the options given" if given else None, named is not None), restated)


def _note(context: ServerContext, base: Workload | None, label: str, changed: str | None, named: bool) -> str | None:
    if context.unavailable and not named:
        return "This server's settings are unavailable right now: priced at the default workload, every provider."
    parts = []
    if base is not None:
        parts.append(label + (f", with {changed}" if changed else ""))
    if context.providers:
        parts.append("this server's providers")
    if not parts:
        return None
    return "At " + " and ".join(parts) + " (/settings show)."


def note_content(note: str | None) -> str | None:
    """The note as the reply's message content (small print above the embed, kept as pages turn)."""
    return None if note is None else f"-# {note}"
