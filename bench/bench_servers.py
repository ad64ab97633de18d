"""Servers' settings and alerts (issue 10): what reading a server's settings adds to an interaction, matching
one refresh's changes against 10,000 watches in 5,000 servers, and the bot's memory with the database layer.

Run: ``python bench/bench_servers.py [--quick]``. Prints the figures and writes ``bench/results/servers.md``.

1. **Settings read** (target: under 1 ms added at the 99th percentile). 5,000 servers with settings (half
   with a workload, a fifth with providers) in a SQLite file and in PostgreSQL. What a command adds is
   ``bot.servers.priced_at``: the server's settings (the store's per-server cache after the first read) and
   the traffic built from them, against ``make_traffic()``, the defaults every answer built before. Timed
   over 20,000 interactions on servers drawn at random, every server read once before (as a running bot
   has); the first read of a server (from the database) is shown apart, with no target.
2. **Matching and queueing** (target: under 5 s). 10,000 watches in 5,000 servers (70% a model, 25% a
   vendor, 5% everything, a third of them with a threshold); one refresh's changes: 300 price changes on
   routes of the bundled catalog drawn at random and 20 new models. Timed: ``Store.save_version`` with those
   changes, one transaction that stores the version and its changes, matches them against every watch and
   queues the alerts; the same save with no watches is shown for comparison.
3. **Memory** (target: under 130 MB). ``versus bot`` itself (the runner, the bundled catalog, the store on a
   SQLite file, the alert sender) in its own process against the loopback fake Discord: settings, workloads,
   watches, /cost and /compare at the server's workload, and alerts posted, for ``MEMORY_SECONDS``; the
   process's peak resident memory (``VmHWM``).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gzip
import os
import platform
import random
import signal
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
for entry in (str(ROOT), str(ROOT / "bench")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from catalog.changes import Change, ChangeKind  # noqa: E402
from catalog.loader import load_catalog  # noqa: E402
from catalog.store import Store  # noqa: E402
from catalog.store.servers import Workload  # noqa: E402
from stats import percentile  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "servers.md"
SEED = 20261129
SERVERS = 5_000
WATCHES = 10_000
READS = 20_000
SETTINGS_TARGET_MS = 1.0
MATCH_TARGET_S = 5.0
MEMORY_TARGET_MB = 130.0
MEMORY_SECONDS = 30.0


def guild(n: int) -> int:
    return ((1_400_000_000_000 + n) << 22) | 7


async def fill_settings(store: Store, rng: random.Random, providers: list[str]) -> None:
    for n in range(SERVERS):
        if n % 2 == 0:
            workload = Workload(rng.randint(1, 10**7), rng.choice(["day", "month"]), rng.randint(1, 20_000), rng.randint(1, 4_000),
                                Decimal(rng.randint(0, 10)) / 10, Decimal(0))
            await store.servers.set_workload(guild(n), workload)
        if n % 5 == 0:
            await store.servers.set_providers(guild(n), rng.sample(providers, 2))


async def time_settings(url: str, providers: list[str]) -> dict[str, list[float]]:
    from bot.servers import priced_at
    from engine import make_traffic

    rng = random.Random(SEED)
    async with Store.open(url) as store:
        await fill_settings(store, rng, providers)
        store.servers.cache.entries.clear()
        bot = SimpleNamespace(store=store)
        cold = []
        for n in range(SERVERS):  # every server read once, as a running bot has
            start = time.perf_counter()
            await priced_at(bot, guild(n))
            cold.append((time.perf_counter() - start) * 1000)
        warm, base = [], []
        for _ in range(READS):
            gid = guild(rng.randrange(SERVERS))
            start = time.perf_counter()
            await priced_at(bot, gid)
            warm.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            make_traffic()
            base.append((time.perf_counter() - start) * 1000)
        return {"cold": cold, "warm": warm, "base": base}


def refresh_changes(catalog, rng: random.Random) -> list[Change]:
    day = dt.date(2026, 11, 29)
    url = "https://github.com/BerriAI/litellm/blob/v1.110.2/model_prices_and_context_window.json"
    routes = [(m, r) for m in catalog for r in m.routes if r.input is not None]
    changes = []
    for model, route in rng.sample(routes, 300):
        factor = Decimal(rng.choice([-30, -10, -5, 5, 10, 25, 66])) / 100 + 1
        changes.append(Change(ChangeKind.PRICE_CHANGED, model.id, model.name, model.vendor, day, "LiteLLM 1.110.2", url,
                              route.provider, "input", str(route.input), str((route.input * factor).quantize(Decimal("0.0001")))))
    for n in range(20):
        vendor = rng.choice(catalog.models).vendor
        changes.append(Change(ChangeKind.MODEL_ADDED, f"{vendor.casefold()}/new-model-{n}", f"New {n}", vendor, day, "LiteLLM 1.110.2", url))
    return changes


async def add_watches(store: Store, catalog, rng: random.Random) -> None:
    from catalog.store.tables import watches

    vendors = sorted({m.vendor for m in catalog})
    rows = []
    now = dt.datetime.now(dt.UTC)
    for n in range(WATCHES):
        gid = guild(n % SERVERS)
        roll = rng.random()
        if roll < 0.70:
            model = rng.choice(catalog.models)
            kind, target, label = "model", model.id, model.name
        elif roll < 0.95:
            vendor = rng.choice(vendors)
            kind, target, label = "vendor", vendor.casefold(), vendor
        else:
            kind, target, label = "everything", "*", "everything"
        threshold = str(rng.choice([5, 10, 25])) if rng.random() < 1 / 3 else None
        rows.append({"guild_id": gid, "channel_id": gid + 1 + n, "kind": kind, "target": target, "label": label,
                     "threshold": threshold, "created_at": now, "created_by": None, "broken": None})
    async with store._write() as conn:  # 10,000 rows at once (the commands add them one by one)
        await conn.execute(watches.insert(), rows)


async def time_matching(url: str, catalog, runs: int) -> dict[str, object]:
    rng = random.Random(SEED + 1)
    changes = refresh_changes(catalog, rng)
    payload = gzip.compress(b'{"models": []}')

    async def save(store: Store) -> float:
        start = time.perf_counter()
        await store.save_version(payload, as_of=dt.date(2026, 11, 29), models=len(catalog), routes=0, sources={},
                                 summary="bench", changes=changes)
        return time.perf_counter() - start

    async with Store.open(url) as store:
        await save(store)  # warm: the first statements compiled
        without = [await save(store) for _ in range(runs)]
        await add_watches(store, catalog, rng)
        before = (await store.outbox.counts())["pending"]
        timed = [await save(store) for _ in range(runs)]
        queued = ((await store.outbox.counts())["pending"] - before) // runs  # batches: one message each
    return {"with": timed, "without": without, "changes": len(changes), "queued": queued}


async def memory_run(seconds: float) -> dict[str, float]:
    """``versus bot`` in its own process against the fake Discord, driven for ``seconds``; its VmHWM (MB)."""
    from tests.fake_discord import FakeDiscord
    from tests.fake_discord.server import MANAGER_PERMISSIONS

    rng = random.Random(SEED + 2)
    folder = tempfile.TemporaryDirectory(prefix="versus-bench-servers-")
    url = f"sqlite:///{folder.name}/bot.db"
    async with FakeDiscord(validate="off", guild_count=4) as fake:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "VERSUS_"))}
        env.update(DISCORD_TOKEN=fake.token, VERSUS_DATABASE_URL=url, VERSUS_STORE_POLL_SECONDS="1", VERSUS_REFRESH_HOURS="0")
        log = tempfile.TemporaryFile()
        proc = await asyncio.create_subprocess_exec(
            sys.executable, str(ROOT / "tests" / "fake_discord" / "versus_bot.py"), "--api", fake.api_base, "--gateway", fake.gateway_url,
            cwd=folder.name, env=env, stdout=log, stderr=log,
        )
        try:
            await fake.wait_ready(timeout=120)
            await asyncio.sleep(1.0)
            idle = _status(proc.pid).get("VmRSS", 0.0)
            for g in fake.guilds:
                for name, options in (("settings workload", {"requests": 50_000, "per": "day", "input_tokens": 1200}),
                                      ("settings providers", {"providers": "OpenRouter, Amazon Bedrock"}),
                                      ("workload save", {"name": "nightly", "batch": 1.0}),
                                      ("watch add", {"target": "everything"})):
                    await fake.interact(fake.command_interaction(name, options, guild_id=g["id"], permissions=MANAGER_PERMISSIONS), timeout=30)
            catalog = load_catalog()
            async with Store.open(url) as store:
                await store.save_version(gzip.compress(b"{}"), as_of=dt.date(2026, 11, 29), models=1, routes=1, sources={},
                                         summary="bench", changes=refresh_changes(catalog, rng)[:40])
            end = time.monotonic() + seconds
            sent = 0
            while time.monotonic() < end:
                g = rng.choice(fake.guilds)["id"]
                a, b = rng.sample(catalog.models, 2)
                kind = rng.random()
                if kind < 0.4:
                    payload = fake.command_interaction("cost", {"model": a.id, "workload": "nightly"} if kind < 0.1 else {"model": a.id}, guild_id=g)
                elif kind < 0.8:
                    payload = fake.command_interaction("compare", {"model_a": a.id, "model_b": b.id}, guild_id=g)
                else:
                    payload = fake.command_interaction("settings show", {}, guild_id=g, permissions=MANAGER_PERMISSIONS)
                await fake.interact(payload, timeout=30)
                sent += 1
                await asyncio.sleep(0.02)
            alerts = sum(len(fake.channel_messages(g["channel_id"])) for g in fake.guilds)
            status = _status(proc.pid)
            # the chart worker (bot.charts) and any other child: their own peaks, reported beside the bot's
            children = [_status(pid).get("VmHWM", 0.0) for pid in _children(proc.pid)]
        finally:
            proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.wait(), 30)
            folder.cleanup()
    return {"vmhwm_mb": status.get("VmHWM", 0.0), "rss_mb": status.get("VmRSS", 0.0), "idle_mb": idle, "interactions": sent,
            "alerts": alerts, "children_mb": children}


def _children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (from /proc's task children lists)."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                for child in handle.read().split():
                    found += [int(child), *_children(int(child))]
        except OSError:
            pass
    return found


def _status(pid: int) -> dict[str, float]:
    out = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (a check, not a figure)")
    args = parser.parse_args()
    started = dt.datetime.now(dt.UTC)
    wall = time.perf_counter()
    catalog = load_catalog()
    providers = sorted({r.provider for m in catalog for r in m.routes})
    runs = 1 if args.quick else 3
    rows: list[tuple[str, str, float, float, str]] = []
    notes: list[str] = []
    cluster = None
    with tempfile.TemporaryDirectory(prefix="versus-bench-servers-") as tmp:
        urls = {"SQLite": f"sqlite:///{tmp}/settings.db"}
        try:
            from tests import pg

            reason = pg.unavailable()
            if reason is None:
                cluster = pg.Cluster.start()
                urls["PostgreSQL"] = cluster.new_database()
            else:
                notes.append(f"PostgreSQL not measured: {reason}.")
        except Exception as exc:  # noqa: BLE001 - the SQLite figures still count
            notes.append(f"PostgreSQL not measured: {exc.__class__.__name__}: {exc}.")
        try:
            for name, url in urls.items():
                t = asyncio.run(time_settings(url, providers))
                added = [w - b for w, b in zip(t["warm"], t["base"])]
                rows.append((f"{name}: settings read added to an interaction (cached)", "p99", percentile(added, 99), SETTINGS_TARGET_MS,
                             f"p50 {percentile(added, 50):.4f} ms; priced_at p99 {percentile(t['warm'], 99):.4f} ms, make_traffic() alone "
                             f"p99 {percentile(t['base'], 99):.4f} ms; {READS:,} reads over {SERVERS:,} servers"))
                rows.append((f"{name}: a server's first read (from the database)", "p99", percentile(t["cold"], 99), float("nan"),
                             f"p50 {percentile(t['cold'], 50):.2f} ms; {SERVERS:,} servers; no target (once per server per process)"))
            for name in list(urls):
                url = f"sqlite:///{tmp}/match.db" if name == "SQLite" else cluster.new_database()  # type: ignore[union-attr]
                m = asyncio.run(time_matching(url, catalog, runs))
                rows.append((f"{name}: store a version, match {m['changes']} changes against {WATCHES:,} watches in {SERVERS:,} servers, queue the alerts",
                             f"median of {runs}", statistics.median(m["with"]) * 1000, MATCH_TARGET_S * 1000,
                             f"{m['queued']:,} alert messages (one per watch) queued a refresh; the same save with no watches: {statistics.median(m['without']) * 1000:.0f} ms"))
        finally:
            if cluster is not None:
                cluster.stop()
    mem = asyncio.run(memory_run(8.0 if args.quick else MEMORY_SECONDS))
    rows.append(("versus bot (bundled catalog, store, alert sender) under a mix of commands: peak resident memory", "VmHWM (MB)",
                 mem["vmhwm_mb"], MEMORY_TARGET_MB,
                 f"{mem['idle_mb']:.1f} MB when ready; {mem['interactions']:,} interactions over {MEMORY_SECONDS if not args.quick else 8:.0f} s, "
                 f"{mem['alerts']} alerts posted; its child processes (the chart worker of bot/charts.py) peaked at "
                 f"{', '.join(f'{mb:.1f}' for mb in mem['children_mb']) or 'none'} MB, not counted in the bot's figure"))

    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    lines = [
        "# Servers benchmark: settings, alerts, memory",
        "",
        f"Written by `python bench/bench_servers.py{' --quick' if args.quick else ''}` on {started:%Y-%m-%d %H:%M} UTC in "
        f"{time.perf_counter() - wall:.0f} s; Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.machine()}, {os.cpu_count()} CPUs (shared with other work), load average {load:.2f} at the end. "
        "Ratio = measured / target; below 1 meets it.",
        "",
        "| case | statistic | measured | target | measured / target | notes |",
        "|---|---|---:|---:|---:|---|",
    ]
    for case, stat, value, target, note in rows:
        unit = "" if "MB" in stat else " ms"
        ratio = "" if target != target else f"{value / target:.2f}"
        shown = "" if target != target else f"{target:g}{unit}"
        lines.append(f"| {case} | {stat} | {value:.4g}{unit} | {shown} | {ratio} | {note} |")
    lines += ["", "## How", "", *(__doc__ or "").split("\n\n", 2)[2].splitlines()]
    lines += ["", *notes] if notes else []
    text = "\n".join(lines) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
