"""Hostile input through the real discord.py stack, against the loopback fake Discord (issue 13).

Hypothesis generates what a hostile or unlucky user sends: huge strings, right-to-left and zero-width
characters, markdown and mention injection, masked links (``[free nitro](https://evil.example/login)``),
numbers out of range or too large to hold, values outside an option's choices or of the wrong type, and
clicks on stale or forged controls. Every slash command (its options read from the commands the bot synced),
every autocomplete, the section menu and page buttons, and mentions. For each input:

* no exception reaches an error handler except a ``UserError`` (a clear ephemeral reply): nothing logged at
  ERROR, nothing the tree's handler would answer with the generic failure;
* the interaction is answered within Discord's 3-second deadline (a mention, replied to within it);
* every body the bot sends passes the contract (the spec where present, Discord's limits always: the fake
  answers a violation with 400 and records it);
* nothing the user typed is live in a reply: no link to the user's host, no mention, no markdown
  (``tests/inertness.py``).

Seeded (``derandomize``) and bounded: a fixed number of examples per kind, well under two minutes.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import create_bot
from bot.errors import FAILED, user_message
from bot.exts.expired import EXPIRED
from tests import discord_contract as contract
from tests.fake_discord import FakeDiscord, Recorded
from tests.fake_discord.server import EVERYONE_PERMISSIONS, MANAGER_PERMISSIONS
from tests.inertness import Hostile, live_problems

DEADLINE = 3.0
EXAMPLES = 200
FEW = 60
SEEDED = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)

MARKUP = ("**pwned**", "__pwned__", "||pwned||", "`pwned`", "~~pwned~~", "# pwned", "-# pwned")
HOSTILE = Hostile(hosts=frozenset({"evil.example"}), markup=MARKUP)
LINKS = (
    "[free nitro](https://evil.example/login)",
    "https://evil.example/x",
    "<https://evil.example/y>",
    "[x](<https://evil.example/z>)",
    "HTTPS://EVIL.EXAMPLE/caps",
    "[a](http://evil.example/\u200b)",
)
MENTIONS = (
    "@everyone", "@here", "<@123456789012345678>", "<@!123456789012345678>", "<@&123456789012345678>",
    "<#123456789012345678>", "</help:123456789012345678>",
)
ODD = ("\u202egrok 4.3", "gpt\u200b-4.1 mini", "\ufeff", "\u0000", "𝔤𝔯𝔬𝔨", "ｇｒｏｋ ４.３", "\n\n", "\\", "\t", "🙂" * 3)
NUMBERS = ("9" * 400, "1e308", "NaN", "-1", "inf", "0x10", "1,000,000,000,000,000", "2.5M", "50k")
WORDS = ("grok 4.3", "gpt-4.1 mini", "claude", "openai/gpt-4.1-mini", "xai/grok-4.3", "cheaper", "vision",
         "how much would", "requests a day", "input tokens", "swe-bench", "context window", "open source")

piece = st.one_of(
    st.sampled_from(MARKUP + LINKS + MENTIONS + ODD + NUMBERS + WORDS),
    st.text(max_size=20),
)
hostile_text = st.lists(piece, min_size=1, max_size=8).map(" ".join)
huge_text = st.tuples(st.sampled_from(LINKS + MENTIONS + MARKUP + ("x", "grok 4.3 ")), st.integers(50, 700)).map(lambda t: t[0] * t[1])
any_text = st.one_of(hostile_text, hostile_text, huge_text)
forged_number = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.just(10**400),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 5e-324, 0.5, True, None, [], {}]),
    hostile_text,
)


class Live:
    """The real bot connected to the fake, on a loop of its own, driven synchronously by hypothesis."""

    def __init__(self, catalog) -> None:
        self.loop = asyncio.new_event_loop()
        self.errors: list[BaseException] = []
        self.logged: list[logging.LogRecord] = []
        self.run(self._start(catalog))

    def run(self, coro, timeout: float = 30.0):
        return self.loop.run_until_complete(asyncio.wait_for(coro, timeout))

    async def _start(self, catalog) -> None:
        self.fake = FakeDiscord(heartbeat_interval=30.0)
        await self.fake.start()
        self._patch = self.fake.patch()
        self._patch.__enter__()
        self.bot = create_bot(catalog, dev_guild=self.fake.guild_id)
        self.bot._connection.guild_ready_timeout = 0.05
        from catalog.store import Store

        self._folder = tempfile.TemporaryDirectory(prefix="versus-hostile-")
        self.bot.store = await Store.open(f"sqlite:///{self._folder.name}/hostile.db")  # settings commands run for real
        handle = self.bot.tree.on_error

        async def on_error(interaction, error):  # what reaches the tree's handler, before it answers
            self.errors.append(error)
            await handle(interaction, error)

        self.bot.tree.on_error = on_error
        self.task = asyncio.create_task(self.bot.start(self.fake.token))
        await self.fake.wait_ready()
        while not self.bot.is_ready():
            await asyncio.sleep(0.01)
        self.commands = {c["name"]: c for c in self.fake.commands[self.fake.guild_id]}

    def close(self) -> None:
        async def stop():
            await self.bot.close()
            await asyncio.gather(self.task, return_exceptions=True)
            await self.fake.stop()
            await self.bot.store.close()

        async def drain():  # the live replies' timeouts
            rest = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in rest:
                task.cancel()
            await asyncio.gather(*rest, return_exceptions=True)

        self.run(stop())
        self.loop.run_until_complete(drain())
        self._patch.__exit__(None, None, None)
        self.loop.close()
        self._folder.cleanup()

    # --- one input, and everything it must not do ------------------------------------------------

    def check(self, start: int) -> list[Recorded]:
        """The bodies sent since request ``start``: none broke the contract, none has live user text,
        and nothing but a UserError reached a handler."""
        sent = self.fake.requests[start:]
        bugs = [e for e in self.errors if user_message(e) is None]
        logged = [f"{r.name}: {r.getMessage()}" for r in self.logged if r.levelno >= logging.ERROR]
        self.errors.clear()
        self.logged.clear()
        assert not bugs, f"exceptions reached the error handler: {bugs!r}"
        assert not logged, f"errors logged: {logged}"
        for record in sent:
            assert record.violation is None, f"{record.route}: {record.violation}"
            assert record.status < 300, f"{record.route} answered {record.status}"
            problems = live_problems(record.body, HOSTILE)
            assert not problems, "\n".join(problems)
            if contract.validator_for(record.method, record.path) and (record.body or {}).get("type") not in (5, 6, 8):
                if record.body is not None and not isinstance(record.body, list):
                    contract.check_mentions_off(record.body, what=record.route)
        return sent

    def interact(self, payload: dict[str, Any]) -> Recorded:
        start = len(self.fake.requests)
        callback, _ = self.run(self.fake.interact(payload, timeout=DEADLINE))
        self.run(asyncio.sleep(0))  # let a handler that answered finish its bookkeeping
        self.check(start)
        return callback

    def mention(self, text: str) -> Recorded:
        start = len(self.fake.requests)
        message = self.fake.mention_message(text)
        path = f"/channels/{self.fake.channel_id}/messages"

        def is_reply(r: Recorded) -> bool:
            ref = (r.body or {}).get("message_reference") or {}
            return r.method == "POST" and r.path == path and str(ref.get("message_id")) == message["id"]

        async def go():
            await self.fake.dispatch("MESSAGE_CREATE", message)
            return await self.fake.wait_for(is_reply, timeout=DEADLINE, past=False)

        reply = self.run(go())
        self.check(start)
        return reply


class _Collect(logging.Handler):
    def __init__(self, into: list[logging.LogRecord]):
        super().__init__(logging.ERROR)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record)


@pytest.fixture(scope="module")
def live(bundled):
    world = Live(bundled)
    handler = _Collect(world.logged)
    logging.getLogger().addHandler(handler)
    try:
        yield world
    finally:
        logging.getLogger().removeHandler(handler)
        world.close()


def ephemeral_text(callback: Recorded) -> str | None:
    data = (callback.body or {}).get("data") or {}
    return data.get("content") if (data.get("flags") or 0) & 64 else None


def answered_clearly(callback: Recorded) -> None:
    """A reply (type 4) or an update (type 7); an ephemeral error is never the generic failure."""
    assert callback.body["type"] in (4, 7), callback.body
    text = ephemeral_text(callback)
    assert text != FAILED, "the generic failure: an exception reached the handler"


# --- slash commands: options from the synced commands -----------------------------------------------

def option_values(option: dict[str, Any]) -> st.SearchStrategy:
    """What a person can send for ``option`` (within its type, limits and choices), and what a forged
    request can (anything)."""
    kind = option["type"]
    if option.get("choices"):
        typed = st.sampled_from([c["value"] for c in option["choices"]])
        return st.one_of(typed, typed, any_text, forged_number)
    if kind == 3:
        limit = option.get("max_length", 6000)
        typed = any_text.map(lambda s: s[:limit]).filter(lambda s: s.strip())
        return st.one_of(typed, typed, typed, any_text, forged_number)
    if kind == 4:
        low, high = option.get("min_value", -(2**53)), option.get("max_value", 2**53)
        return st.one_of(st.integers(low, high), st.integers(low, high), forged_number)
    if kind == 10:
        low, high = option.get("min_value", -1e15), option.get("max_value", 1e15)
        return st.one_of(st.floats(low, high, allow_nan=False), st.floats(low, high, allow_nan=False), forged_number)
    return forged_number


def leaves(commands: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every invocable command by its path: a command, or each subcommand of a group ("settings workload")."""
    out: dict[str, dict[str, Any]] = {}

    def walk(path: str, node: dict[str, Any]) -> None:
        subs = [o for o in node.get("options") or [] if o["type"] in (1, 2)]
        if not subs:
            out[path] = node
        for sub in subs:
            walk(f"{path} {sub['name']}", sub)

    for name, command in commands.items():
        walk(name, command)
    return out


@st.composite
def slash_call(draw, commands: dict[str, dict[str, Any]]):
    invocable = leaves(commands)
    name = draw(st.sampled_from(sorted(invocable)))
    values: dict[str, Any] = {}
    for option in invocable[name].get("options") or []:
        if option.get("required") or draw(st.booleans()):
            values[option["name"]] = draw(option_values(option))
    return name, values, draw(st.booleans())


def test_every_slash_command_with_hostile_options(live):
    @SEEDED
    @given(call=slash_call(live.commands))
    def run(call):
        name, values, manager = call
        permissions = MANAGER_PERMISSIONS if manager else EVERYONE_PERMISSIONS
        callback = live.interact(live.fake.command_interaction(name, values, permissions=permissions))
        answered_clearly(callback)

    run()


# --- autocomplete ------------------------------------------------------------------------------------------

def autocompleted(commands: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    return [(path, o["name"]) for path, c in leaves(commands).items() for o in c.get("options") or [] if o.get("autocomplete")]


def test_every_autocomplete_with_hostile_text(live):
    targets = autocompleted(live.commands)
    assert ("compare", "model_a") in targets and ("models", "vendor") in targets

    @settings(SEEDED, max_examples=EXAMPLES)
    @given(target=st.sampled_from(targets), typed=st.one_of(any_text, st.just("")))
    def run(target, typed):
        command, option = target
        callback = live.interact(live.fake.autocomplete_interaction(command, {option: typed}, option))
        assert callback.body["type"] == 8
        contract.validate_autocomplete(callback.body, require_spec=False)

    run()


# --- controls: live, stale and forged ------------------------------------------------------------------

def reply_with_controls(live: Live, name: str, options: dict[str, Any]) -> tuple[int, list[dict[str, Any]]]:
    callback = live.interact(live.fake.command_interaction(name, options))
    token = callback.path.split("/")[3]
    message_id = live.fake.interactions[token]["original"]
    return message_id, controls_of(live, message_id)


def controls_of(live: Live, message_id: int) -> list[dict[str, Any]]:
    rows = live.fake.messages[message_id].get("components") or []
    return [c for row in rows for c in row["components"]]


forged_id = st.one_of(st.text(min_size=1, max_size=100), st.sampled_from(["", "x" * 100, "versus:compare:0", "00000000000000000000000000000000"]))


def test_clicks_on_live_stale_and_forged_controls_are_always_answered(live):
    compare_id, _ = reply_with_controls(live, "compare", {"model_a": "gpt-4.1 mini", "model_b": "grok 4.3"})
    list_id, buttons = reply_with_controls(live, "models", {})
    assert any(c["type"] == 2 for c in buttons), "the model list is several pages, with buttons"
    # A reply whose controls have timed out (what every reply's controls are after a restart).
    stale_id, stale = reply_with_controls(live, "compare", {"model_a": "claude", "model_b": "grok 4.3"})
    for item in live.bot._connection._view_store._views.get(stale_id, {}).values():
        item.view.stop()
        break

    @settings(SEEDED, max_examples=EXAMPLES)
    @given(
        message=st.sampled_from([compare_id, list_id, stale_id]),
        pick=st.integers(0, 10),
        forged=st.one_of(st.none(), forged_id),
        values=st.one_of(st.none(), st.lists(st.one_of(st.sampled_from(["overview", "pricing", "faq"]), st.text(max_size=30)), max_size=3)),
        kind=st.sampled_from([None, 2, 3, 5]),
        stranger=st.booleans(),
    )
    def run(message, pick, forged, values, kind, stranger):
        controls = controls_of(live, message) or [{"custom_id": "gone", "type": 2}]
        control = controls[pick % len(controls)]
        custom_id = forged if forged is not None else control["custom_id"]
        component_type = kind if kind is not None else control["type"]
        if component_type == 3 and values is None:
            values = [control["options"][0]["value"]] if control.get("options") else []
        user = live.fake.other_user if stranger else None
        payload = live.fake.component_interaction(message, custom_id, values=values, component_type=component_type, user=user)
        live_control = message != stale_id and any(
            (c["custom_id"], c["type"]) == (custom_id, component_type) for c in controls_of(live, message)
        )
        callback = live.interact(payload)
        answered_clearly(callback)
        if not live_control:
            assert ephemeral_text(callback) == EXPIRED, callback.body
        elif not stranger:
            assert callback.body["type"] == 7, "the owner's click on a live control updates the reply"

    run()


def test_dispatched_to_a_view_agrees_with_discord_py(live):
    """``bot.views.dispatched_to_a_view`` repeats discord.py's look-up on its store: a live control is
    dispatched (and answered by its view), an unknown one is not (and answered as expired)."""
    message_id, controls = reply_with_controls(live, "compare", {"model_a": "gpt-4.1 mini", "model_b": "grok 4.3"})
    select = next(c for c in controls if c["type"] == 3)
    live_click = live.interact(live.fake.component_interaction(message_id, select["custom_id"], values=["pricing"]))
    assert live_click.body["type"] == 7
    forged = live.interact(live.fake.component_interaction(message_id, "forged-id", values=["pricing"]))
    assert ephemeral_text(forged) == EXPIRED


# --- mentions ------------------------------------------------------------------------------------------------

def test_mentions_with_hostile_text(live):
    @settings(SEEDED, max_examples=FEW)
    @given(text=st.one_of(any_text, st.just("")))
    def run(text):
        reply = live.mention(text)
        assert reply.body.get("content") != FAILED
        assert reply.body.get("content") or reply.body.get("embeds")

    run()


# --- what the test found, pinned: each answered with a clear ephemeral line ---------------------------------

@pytest.mark.parametrize(
    ("command", "options", "expected"),
    [
        ("models", {"capability": "telepathy"}, "capability must be one of: Vision, Multimodal"),
        ("models", {"sort": "random"}, "sort must be one of: Name, Cheapest first"),
        ("models", {"vendor": 12345}, "vendor must be text."),
        ("cost", {"model": "grok 4.3", "cached_share": 10**400}, "The option cached\\_share must be a number."),
        ("cost", {"model": "grok 4.3", "batch_share": "half"}, "The option batch\\_share must be a number."),
        ("cost", {"model": "grok 4.3", "requests": 10**30}, "requests must be at most 1,000,000,000,000"),
        ("faq", {"question": "is grok 4.3 cheap? " * 600}, "The question must be at most 500 characters"),
        ("faq", {"question": "how much would " + "9" * 400 + " requests cost on grok 4.3?"}, None),
        ("compare", {"model_a": 4.3, "model_b": "grok 4.3"}, "A model option takes a model's name or id, as text."),
        ("compare", {"model_b": "grok 4.3"}, "sent without an option it needs"),
    ],
    ids=[
        "capability", "sort", "vendor-type", "number-overflow", "number-text", "requests", "long-question",
        "faq-400-digits", "model-type", "model-missing",
    ],
)
def test_forged_and_impossible_options_get_a_clear_answer(live, command, options, expected):
    callback = live.interact(live.fake.command_interaction(command, options))
    answered_clearly(callback)
    if expected is None:  # answered with the FAQ's own "I can't price that"
        assert "can't price that" in str(callback.body)
    else:
        assert expected in (ephemeral_text(callback) or ""), callback.body
