"""End to end (issue 10): two bot processes, shards 0 and 1 of 2, the loopback fake Discord and one PostgreSQL.

Each process is ``versus bot`` itself (``tests/fake_discord/versus_bot.py``: the runner, its settings, its
store, its catalog updates and its alert sender) with ``VERSUS_SHARD_IDS``/``VERSUS_SHARD_COUNT``. The store
starts from a real refresh of LiteLLM 1.109.1 (``versus catalog refresh`` in its own process). Servers on
both shards add a watch with ``/watch add`` (each answered by the process holding its shard). Another
``versus catalog refresh`` then brings LiteLLM 1.110.2, in which Together AI's Qwen3.7 Max goes from
$1.50/$4.50 to $2.50/$7.50. Each watching
channel gets exactly one alert, posted by its shard's process. Shard 0's process is killed while it
delivers (Discord has made the message, the answer has not come back) and started again: nothing is lost,
nothing is posted twice.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from tests.conftest import REPO, shared_path
from tests.fake_discord import FakeDiscord
from tests.fake_discord.server import MANAGER_PERMISSIONS

WRAPPER = REPO / "tests" / "fake_discord" / "versus_bot.py"
QWEN = "qwen/qwen3.7-max"


class Process:
    """``versus bot`` for some shards, in its own process, pointed at the fake and the database."""

    def __init__(self, fake: FakeDiscord, url: str, shard: int, count: int, folder):
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "VERSUS_"))}
        self.env.update(
            DISCORD_TOKEN=fake.token,
            VERSUS_DATABASE_URL=url,
            VERSUS_SHARD_IDS=str(shard),
            VERSUS_SHARD_COUNT=str(count),
            VERSUS_STORE_POLL_SECONDS="1",
            VERSUS_REFRESH_HOURS="0",
        )
        self.args = (sys.executable, str(WRAPPER), "--api", fake.api_base, "--gateway", fake.gateway_url)
        self.folder = folder
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> "Process":
        self.process = await asyncio.create_subprocess_exec(
            *self.args, cwd=self.folder, env=self.env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
        )
        return self

    async def stop(self, signum: int = signal.SIGTERM) -> str:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signum)
        out, _ = await asyncio.wait_for(self.process.communicate(), 30)
        return out.decode(errors="replace")


async def until(check, seconds: float = 30.0, what: str = ""):
    end = asyncio.get_running_loop().time() + seconds
    while True:
        value = check()
        if value:
            return value
        if asyncio.get_running_loop().time() > end:
            raise AssertionError(f"not within {seconds} s: {what}")
        await asyncio.sleep(0.05)


async def refresh(url: str, source: str) -> str:
    """``versus catalog refresh --source litellm=SOURCE`` in its own process, on the shared database."""
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cli", "catalog", "refresh", "--source", f"litellm={source}", cwd=REPO,
        env={**os.environ, "VERSUS_DATABASE_URL": url}, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(child.communicate(), 120)
    assert child.returncode == 0, out.decode()
    return out.decode()


@pytest.fixture
async def litellm():
    """LiteLLM's JSON at releases 1.109.1 and 1.110.2 on a loopback server, at paths that name the release."""
    files = {
        "v1.109.1": shared_path("data", "litellm", "model_prices_and_context_window.json"),
        "v1.110.2": shared_path("data", "litellm-history", "1.110.2.json"),
    }

    async def serve(request: web.Request) -> web.StreamResponse:
        return web.Response(body=files[request.match_info["tag"]].read_bytes(), content_type="application/json")

    app = web.Application()
    app.router.add_get("/{tag}/model_prices_and_context_window.json", serve)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield lambda tag: f"http://127.0.0.1:{server.port}/{tag}/model_prices_and_context_window.json"
    await server.close()


async def test_two_shard_processes_post_each_alert_once_across_a_kill(pg_cluster, litellm, tmp_path):
    url = pg_cluster.new_database()
    await refresh(url, litellm("v1.109.1"))  # the catalog as LiteLLM 1.109.1 lists it, before the bots start
    async with FakeDiscord(shard_count=2, guild_count=4, heartbeat_interval=5.0) as fake:
        by_shard = {0: [g for g in fake.guilds if fake.shard_of(g["id"]) == 0], 1: [g for g in fake.guilds if fake.shard_of(g["id"]) == 1]}
        assert len(by_shard[0]) == 2 and len(by_shard[1]) == 2
        processes = {shard: await Process(fake, url, shard, 2, tmp_path).start() for shard in (0, 1)}
        logs: list[str] = []
        try:
            await fake.wait_ready(shards=2, timeout=60)
            for guild in fake.guilds:  # each answered by the process that holds the guild's shard
                payload = fake.command_interaction("watch add", {"target": "qwen3.7 max"}, guild_id=guild["id"], permissions=MANAGER_PERMISSIONS)
                callback, _ = await fake.interact(payload, timeout=10)
                assert "Watching model **Qwen3.7 Max**" in callback.body["data"]["content"], callback.body
            first, second = by_shard[0]
            fake.holds[first["channel_id"]] = 600.0  # Discord makes the message; its answer never comes back
            said = await refresh(url, litellm("v1.110.2"))  # another process: the real change to 1.110.2
            assert "stored catalog version" in said

            def posted(guild) -> list:
                return fake.find("POST", rf"/channels/{guild['channel_id']}/messages$")

            await until(lambda: posted(first), what="shard 0's first post")
            await until(lambda: all(len(fake.channel_messages(g["channel_id"])) == 1 for g in by_shard[1]), what="shard 1's alerts")
            assert fake.channel_messages(second["channel_id"]) == []  # shard 0 is stuck on the first
            logs.append(await processes[0].stop(signal.SIGKILL))  # killed while it delivers
            fake.holds.clear()
            processes[0] = await Process(fake, url, 0, 2, tmp_path).start()
            await until(lambda: all(len(fake.channel_messages(g["channel_id"])) == 1 for g in fake.guilds), what="every alert")
            await asyncio.sleep(2.0)  # and nothing more comes
            for guild in fake.guilds:
                (message,) = fake.channel_messages(guild["channel_id"])
                embed = message["embeds"][0]
                assert embed["title"].startswith("Qwen3.7 Max: ")
                assert "Together AI input $1.50/1M → $2.50/1M (+66.7%)" in embed["description"]
                assert "Together AI output $4.50/1M → $7.50/1M (+66.7%)" in embed["description"]
            assert len(posted(first)) == 2  # posted again after the restart, answered with the message made before
            for guild in fake.guilds:
                assert all(r.status == 200 for r in posted(guild))
            assert not fake.violations
        finally:
            for process in processes.values():
                if process.process is not None and process.process.returncode is None:
                    logs.append(await process.stop())
        for log in logs:
            assert "Traceback" not in log, log[-3000:]
