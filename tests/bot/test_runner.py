"""``versus bot`` as an operator meets it: the real runner in its own process against the loopback fake Discord.

Each fatal condition ends in one line on stderr and the exit status the README lists; SIGINT and SIGTERM
stop the bot in every state, including discord.py's 5-second wait before identifying again; the token
never reaches stderr or the log.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot import runner
from bot.runner import EXIT
from tests.conftest import REPO
from tests.fake_discord import FakeDiscord

WRAPPER = REPO / "tests" / "fake_discord" / "versus_bot.py"
EXIT_TIMEOUT = 20.0
"""How long a test waits for the process; a bot that does not stop hangs until then and fails."""


@dataclass
class Ended:
    status: int
    out: str
    err: str


class Bot:
    """``versus bot`` started in ``cwd`` (its .env is read from there), pointed at ``fake``."""

    def __init__(self, fake: FakeDiscord, cwd: Path, *args: str, token: str | None = None):
        self.fake, self.cwd, self.args = fake, cwd, args
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "VERSUS_"))}
        if token is not None:
            self.env["DISCORD_TOKEN"] = token
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> Bot:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, str(WRAPPER), "--api", self.fake.api_base, "--gateway", self.fake.gateway_url, "--", *self.args,
            cwd=self.cwd, env=self.env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        return self

    async def ready(self) -> None:
        try:
            await self.fake.wait_ready(timeout=EXIT_TIMEOUT)
        except TimeoutError:
            ended = await self.ended()
            raise AssertionError(f"the bot did not connect: {ended}") from None

    def signal(self, signum: int) -> None:
        assert self.process is not None
        self.process.send_signal(signum)

    async def ended(self) -> Ended:
        assert self.process is not None
        try:
            out, err = await asyncio.wait_for(self.process.communicate(), EXIT_TIMEOUT)
        except asyncio.TimeoutError:
            self.process.kill()
            out, err = await self.process.communicate()
            raise AssertionError(f"the bot did not stop within {EXIT_TIMEOUT}s; log:\n{out.decode()[-3000:]}") from None
        return Ended(self.process.returncode, out.decode(), err.decode())


def one_line(ended: Ended, token: str) -> str:
    """stderr is exactly one line starting "versus bot: "; the token is in neither stream."""
    assert token not in ended.err + ended.out
    assert "Traceback" not in ended.err, ended.err
    lines = ended.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("versus bot: "), ended.err
    return lines[0]


async def close_code(session) -> int | None:
    """The code a gateway session closed with (the fake notes it a moment after the client has gone)."""
    for _ in range(250):
        if session.closed:
            break
        await asyncio.sleep(0.02)
    return session.close_code


@pytest.fixture
async def fake():
    async with FakeDiscord(heartbeat_interval=1.0) as server:
        yield server


async def test_token_reset_while_running_is_one_line_and_exit_2(fake, tmp_path):
    # The token comes from a .env with a byte-order mark, quotes and a comment: read as python-dotenv reads it.
    (tmp_path / ".env").write_text(f'\ufeffDISCORD_TOKEN="{fake.token}"  # the bot\n', encoding="utf-8")
    bot = await Bot(fake, tmp_path).start()
    await bot.ready()
    await fake.close_gateway(4004)
    ended = await bot.ended()
    line = one_line(ended, fake.token)
    assert ended.status == EXIT["settings"] == 2
    assert "token is no longer valid" in line and "DISCORD_TOKEN" in line


async def test_intents_refused_while_running_is_one_line_and_exit_4(fake, tmp_path):
    bot = await Bot(fake, tmp_path, token=fake.token).start()
    await bot.ready()
    await fake.close_gateway(4014)
    ended = await bot.ended()
    assert "intent" in one_line(ended, fake.token)
    assert ended.status == EXIT["refused"] == 4


async def test_token_rejected_at_start_is_exit_2(fake, tmp_path):
    bot = await Bot(fake, tmp_path, token="not-the-token").start()
    ended = await bot.ended()
    assert "rejected the token" in one_line(ended, "not-the-token")
    assert ended.status == 2
    assert not fake.sessions


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_a_signal_while_serving_closes_the_connection_and_exits_0(fake, tmp_path, signum):
    bot = await Bot(fake, tmp_path, token=fake.token).start()
    await bot.ready()
    bot.signal(signum)
    ended = await bot.ended()
    assert ended.status == EXIT["stopped"] == 0, ended.err
    assert ended.err == ""
    assert f"stopped by {signal.Signals(signum).name}" in ended.out
    (session,) = fake.sessions
    assert await close_code(session) == 1000, "the bot closes the gateway connection cleanly"


async def test_a_signal_during_the_wait_before_identifying_again_stops_the_bot(fake, tmp_path):
    """discord.py waits 5 seconds before it identifies again after an INVALID_SESSION. A signal in that wait
    stopped nothing before (the cancellation was swallowed): the process ran on until a second signal."""
    bot = await Bot(fake, tmp_path, token=fake.token).start()
    await bot.ready()
    await fake.invalidate_session()
    for _ in range(200):  # the bot has opened its next connection and is waiting to identify on it
        if len(fake.sessions) == 2:
            break
        await asyncio.sleep(0.02)
    assert len(fake.sessions) == 2
    bot.signal(signal.SIGINT)
    ended = await bot.ended()
    assert ended.status == 0 and ended.err == "", ended.err
    assert fake.sessions[1].identify is None, "stopped inside the wait: it never identified again"
    assert len(fake.sessions) == 2


async def test_discord_unreachable_is_one_line_and_exit_5(tmp_path):
    async with FakeDiscord() as fake:
        api, gateway, token = fake.api_base, fake.gateway_url, fake.token
    # The fake has stopped: nothing listens on its port any more.
    process = await asyncio.create_subprocess_exec(
        sys.executable, str(WRAPPER), "--api", api, "--gateway", gateway,
        cwd=tmp_path, env=dict(os.environ, DISCORD_TOKEN=token), stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), EXIT_TIMEOUT)
    line = one_line(Ended(process.returncode, out.decode(), err.decode()), token)
    assert process.returncode == EXIT["unreachable"] == 5
    assert "cannot reach Discord" in line


# --- conditions met before connecting: the runner in this process ----------------------------------------------

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.fake-token-for-tests-0123456789"


@pytest.fixture
def operator(monkeypatch, tmp_path):
    """A token in the environment, nothing else set, an empty working folder."""
    for name in [n for n in os.environ if n.startswith(("DISCORD_", "VERSUS_"))]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.chdir(tmp_path)
    import logging

    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    monkeypatch.setattr(root, "level", root.level)
    return tmp_path


def _fifo(folder: Path) -> Path:
    path = folder / "catalog.fifo"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda folder: Path(os.devnull), "is not a catalog folder"),
        (_fifo, "is not a catalog folder"),
        (lambda folder: folder / "missing", "no such catalog folder"),
    ],
    ids=["dev-null", "fifo", "missing"],
)
def test_a_catalog_that_is_not_a_folder_is_one_line_and_exit_3(operator, capsys, make, expected):
    path = make(operator)
    assert runner.main(["--catalog", str(path)]) == EXIT["catalog"] == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("versus bot: the catalog at ") and expected in err
    assert "versus catalog validate" in err


def test_an_invalid_catalog_names_its_first_error(operator, capsys):
    folder = operator / "models" / "openai"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('id = "openai/broken"\n[[')
    assert runner.main(["--catalog", str(operator / "models")]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "1 error (first: " in err and "broken.toml: invalid TOML" in err


def test_fatal_wording_for_each_close_code_and_the_database():
    from catalog.errors import StoreUnavailable

    class Socket:
        close_code = None

    def closed(code):
        import discord

        return discord.ConnectionClosed(Socket(), shard_id=0, code=code)

    kinds = {code: runner.fatal(closed(code)) for code in (4004, 4010, 4011, 4012, 4013, 4014, 4000)}
    assert {code: (f.kind if f else None) for code, f in kinds.items()} == {
        4004: "settings", 4010: "settings", 4011: "settings", 4012: None, 4013: "refused", 4014: "refused", 4000: "unreachable",
    }
    class Response:
        reason = "Forbidden"

        def __init__(self, status):
            self.status = status

    import discord

    http = {status: runner.fatal(discord.HTTPException(Response(status), "x")) for status in (401, 403, 404, 400, 429, 503)}
    assert {status: (f.kind if f else None) for status, f in http.items()} == {
        401: "settings", 403: "settings", 404: "settings", 400: None, 429: "unreachable", 503: "unreachable",
    }
    assert "VERSUS_DEV_GUILD" in http[403].message
    down = runner.fatal(StoreUnavailable("the database at db.internal:5432 does not answer; check it is running"))
    assert (down.status, down.message) == (5, "the database at db.internal:5432 does not answer; check it is running")
    assert runner.fatal(KeyError("x")) is None


async def test_serve_closes_what_it_was_given_after_the_connection(fake, bundled):
    """``serve(closing=...)`` is where the database goes: opened before the bot, closed after it on a signal."""
    import aiohttp

    from bot.app import create_bot

    bot = create_bot(bundled)
    bot._connection.guild_ready_timeout = 0.05
    session = aiohttp.ClientSession()  # a real resource with an async close, standing where the database will
    serving = asyncio.create_task(runner.serve(bot, fake.token, closing=[session]))
    await fake.wait_ready()
    assert not session.closed
    os.kill(os.getpid(), signal.SIGTERM)
    assert await asyncio.wait_for(serving, EXIT_TIMEOUT) == "SIGTERM"
    assert session.closed and bot.is_closed()
    assert await close_code(fake.sessions[0]) == 1000


async def test_a_signal_while_discord_is_down_stops_the_bot(fake, tmp_path):
    """While the gateway refuses connections discord.py retries every 5 seconds; a signal stops that too."""
    fake.gateway_down = True
    bot = await Bot(fake, tmp_path, token=fake.token).start()
    await fake.wait_for(lambda r: r.path == "/gateway/bot", timeout=EXIT_TIMEOUT)
    await asyncio.sleep(0.5)  # the first connection has failed: discord.py is in its wait before trying again
    bot.signal(signal.SIGTERM)
    ended = await bot.ended()
    assert ended.status == 0 and ended.err == "", ended.err
    assert not fake.sessions


# --- the faults the bot recovers from by itself: kept as they were -------------------------------------------

@pytest.mark.parametrize("fault", ["close-1000", "close-4000", "close-4009", "reconnect-op-7", "dropped-1006"])
async def test_the_bot_recovers_from_gateway_faults_and_answers_again(fake, bundled, fault):
    from bot.app import create_bot

    bot = create_bot(bundled, dev_guild=fake.guild_id)
    bot._connection.guild_ready_timeout = 0.05
    serving = asyncio.create_task(runner.serve(bot, fake.token))
    try:
        await fake.wait_ready()
        before = await fake.interact(fake.command_interaction("help", {}), timeout=3.0)
        kind, _, detail = fault.partition("-")
        if kind == "close":
            await fake.close_gateway(int(detail))
        elif kind == "reconnect":
            await fake.request_reconnect()
        else:
            fake.drop_gateway()
        for _ in range(500):  # a new session, resumed (or identified) and ready
            if any(s.ready.is_set() and not s.closed for s in fake.sessions[1:]):
                break
            await asyncio.sleep(0.02)
        after, _ = await fake.interact(fake.command_interaction("help", {}), timeout=3.0)
        assert after.body["type"] == 4 and before[0].body["type"] == 4
        assert not serving.done(), "the bot is still serving"
        assert len(fake.sessions) == 2 and fake.sessions[1].resumes == 1, "the session was resumed, not identified anew"
    finally:
        os.kill(os.getpid(), signal.SIGTERM)
        assert await asyncio.wait_for(serving, EXIT_TIMEOUT) == "SIGTERM"
