"""The bot's benchmark: in-process handling, a load run against the loopback fake Discord, and peak memory.

Run by hand: ``python bench/bench_bot.py`` (about two minutes; writes ``bench/results/bot.md``), or
``python bench/bench_bot.py --quick`` for a short smoke run that only prints.

1. **In-process** (catalog of 10,000 generated models): an autocomplete and a ``/compare`` taken through
   discord.py's own path -- a real ``discord.Interaction`` built from an INTERACTION_CREATE payload, then
   ``bot.tree._call`` (command lookup, option transforms, the bot's callback, the engine, the renderer, the
   view, discord.py building the response body) and the body encoded as JSON. Only the HTTP request is cut
   out: ``AsyncWebhookAdapter.create_interaction_response`` is replaced by a function that keeps the body.
   ``bot.app.settle_memory`` (``gc.freeze``, the collector's thresholds) is called before timing, as
   ``bot.runner`` does before serving.
   Target: p99 < 2 ms each.
2. **Load run**: the bot in its own process (``tests/fake_discord/run_bot.py``), connected over 127.0.0.1 to
   the fake Discord in this process; 200 interactions a second for 30 seconds (6,000: autocompletes,
   /compare, /cost, /faq, /model and section clicks), each timed from the INTERACTION_CREATE frame being
   sent to the callback request arriving. Target: every one inside Discord's 3-second deadline. Run twice:
   with the bundled catalog and with the 10,000-model one. Every body is checked against the contract after
   the run (timing is not disturbed by it).
3. **Peak memory** of the bot process in the bundled-catalog load run -- the real bot (``bot.app.create_bot``
   on discord.py's own client, the process ``tests/fake_discord/run_bot.py`` starts, nothing between it and the
   interpreter): its VmHWM from ``/proc/<pid>/status`` once it has served the whole run, before it is stopped,
   and its RSS sampled every 0.2 s. Target: < 120 MB.

Loopback only; every loop is bounded; the bot process has a hard time limit and is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import json
import os
import platform
import random
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for entry in (str(ROOT), str(ROOT / "bench")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from stats import percentile  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "bot.md"
P99_TARGET_MS = 2.0
DEADLINE_S = 3.0
RATE = 200
DURATION_S = 30
MEMORY_TARGET_MB = 120.0
SYNTHETIC_MODELS = 10_000
SEED = 20261122
SAMPLE_BODIES = 50


# --- the 10,000-model catalog ------------------------------------------------------------------

def synthetic_catalog(count: int = SYNTHETIC_MODELS):
    """The generated catalog of ``bench/synthetic.py`` (the bundled models first, then made-up ones)."""
    from catalog.loader import Catalog
    from synthetic import synthetic_models

    return Catalog(synthetic_models(count))


SYNTHETIC_SOURCE = "bench/synthetic.py"


# --- statistics ---------------------------------------------------------------------------------

def summary_ms(samples_s: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples_s]
    return {
        "n": len(ms),
        "p50": percentile(ms, 50),
        "p99": percentile(ms, 99),
        "max": max(ms) if ms else float("nan"),
        "mean": statistics.fmean(ms) if ms else float("nan"),
    }


# --- interactions --------------------------------------------------------------------------------

def autocomplete_queries(catalog, rng: random.Random, count: int) -> list[str]:
    """What people type: prefixes of model names, vendor words, short typos, and the empty box."""
    names = _names(catalog)
    fixed = ["", "gpt", "grok 4", "claude son", "llama", "gemini 2.5 f", "mistral", "clade opus", "deepsek", "4o"]
    out = []
    for i in range(count):
        if i % 4 == 0:
            out.append(fixed[(i // 4) % len(fixed)])
        else:
            name = rng.choice(names)
            out.append(name[: rng.randint(2, min(12, len(name)))])
    return out


_NAMES: dict[int, list[str]] = {}


def _names(catalog) -> list[str]:
    if id(catalog) not in _NAMES:
        _NAMES[id(catalog)] = [m.name for m in catalog.models]
    return _NAMES[id(catalog)]


def compare_options(catalog, rng: random.Random, models: int = 2) -> dict[str, str]:
    """Model ids, as an autocomplete choice fills them in."""
    chosen = rng.sample(catalog.models, models)
    keys = ["model_a", "model_b", "model_c", "model_d"]
    return {key: model.id for key, model in zip(keys, chosen)}


def is_error_reply(body: dict[str, Any]) -> bool:
    return body.get("type") == 4 and bool(((body.get("data") or {}).get("flags") or 0) & 64)


# --- 1. in-process -----------------------------------------------------------------------------------

async def in_process(catalog, iterations: int, warmup: int) -> dict[str, Any]:
    import discord
    from discord.webhook.async_ import AsyncWebhookAdapter

    from bot.app import create_bot, extensions, settle_memory
    from tests.fake_discord import FakeDiscord

    built = time.perf_counter()
    bot = create_bot(catalog)
    build_s = time.perf_counter() - built
    for name in extensions():
        await bot.load_extension(name)

    payload_maker = FakeDiscord(validate="off")  # not started: its payload builders only
    payload_maker.application_id = 1
    payload_maker.commands[None] = [payload_maker._stored_command(c.to_dict(bot.tree), None) for c in bot.tree.get_commands()]
    bot._connection.application_id = payload_maker.application_id
    bot._connection.user = discord.ClientUser(state=bot._connection, data=payload_maker.bot_user)  # as after login

    captured: list[dict[str, Any]] = []  # the first bodies of a case, for the contract check
    seen: list[tuple[Any, bool]] = []  # every body's type and whether it is an error reply
    message_ids = iter(range(10**15, 10**16))

    async def keep_body(self, interaction_id, token, *, session, proxy=None, proxy_auth=None, params):
        body = params.payload
        json.dumps(body)  # the encoding discord.py would do before sending
        seen.append((body.get("type"), is_error_reply(body)))
        if len(captured) < SAMPLE_BODIES:  # keeping every body would grow the heap the collector walks
            captured.append(body)
        return {"interaction": {"id": str(interaction_id), "type": 2, "response_message_id": str(next(message_ids))}}

    original = AsyncWebhookAdapter.create_interaction_response
    AsyncWebhookAdapter.create_interaction_response = keep_body  # type: ignore[assignment]
    rng = random.Random(SEED)
    try:
        results = {}
        cases = {
            "autocomplete": [
                payload_maker.autocomplete_interaction("compare", {"model_a": q}, "model_a")
                for q in autocomplete_queries(catalog, rng, iterations + warmup)
            ],
            "/compare": [
                payload_maker.command_interaction("compare", compare_options(catalog, rng)) for _ in range(iterations + warmup)
            ],
        }
        # As bot.runner does before serving; after building the payloads, which stand for what arrives over
        # the wire (read, answered, dropped), so that they do not add to the heap the collector walks.
        settle_memory()
        for case, payloads in cases.items():
            captured.clear()
            seen.clear()
            samples = []
            for index, payload in enumerate(payloads):
                start = time.perf_counter()
                interaction = discord.Interaction(data=payload, state=bot._connection)
                await bot.tree._call(interaction)
                elapsed = time.perf_counter() - start
                if index >= warmup:
                    samples.append(elapsed)
            counted = seen[warmup:]
            kinds = Counter(kind for kind, _ in counted)
            errors = sum(1 for _, error in counted if error)
            results[case] = dict(summary_ms(samples), bodies=len(counted), kinds=dict(kinds), errors=errors, sample=list(captured))
    finally:
        AsyncWebhookAdapter.create_interaction_response = original  # type: ignore[assignment]
        # Never started, so nothing to close (no HTTP session, no gateway); but stop the views the replies
        # created, or their timeouts would try to edit messages through a session that does not exist.
        views = {item.view for items in bot._connection._view_store._views.values() for item in items.values()}
        for view in views:
            if view is not None:
                view.stop()
    results["bot_build_s"] = build_s
    return results


# --- 2 and 3. the load run ------------------------------------------------------------------------------

def read_status(pid: int) -> dict[str, float]:
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


async def load_run(catalog_spec: str, catalog, rate: int, duration: float) -> dict[str, Any]:
    from tests import discord_contract as contract
    from tests.fake_discord import FakeDiscord

    total = int(rate * duration)
    rng = random.Random(SEED + 1)
    result: dict[str, Any] = {"catalog": catalog_spec, "rate": rate, "duration": duration, "planned": total}
    result["load_before"] = os.getloadavg()[0]
    stderr_file = tempfile.TemporaryFile()  # a file, not a pipe: a chatty bot must never block on its log
    async with FakeDiscord(validate="off") as fake:
        env = dict(os.environ, DISCORD_TOKEN=fake.token, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.fake_discord.run_bot",
            "--api", fake.api_base, "--gateway", fake.gateway_url, "--dev-guild", str(fake.guild_id),
            "--catalog", catalog_spec, "--max-seconds", str(duration + 180),
            cwd=str(ROOT), env=env, stdout=asyncio.subprocess.PIPE, stderr=stderr_file,
        )
        peak = {"VmRSS": 0.0}
        sampling = True

        async def sample_memory() -> None:
            for _ in range(int((duration + 400) / 0.2)):
                if not sampling:
                    return
                status = read_status(proc.pid)
                peak["VmRSS"] = max(peak["VmRSS"], status.get("VmRSS", 0.0))
                await asyncio.sleep(0.2)

        sampler = asyncio.create_task(sample_memory())
        try:
            started = time.perf_counter()
            await fake.wait_ready(timeout=120)
            for _ in range(600):  # the commands are synced in setup_hook, before READY; give on_ready a moment
                if fake.commands.get(fake.guild_id):
                    break
                await asyncio.sleep(0.1)
            await asyncio.sleep(0.5)
            result["startup_s"] = time.perf_counter() - started
            result["rss_idle_mb"] = read_status(proc.pid).get("VmRSS")

            # Warm-up, one of each, answered in order (not counted).
            compares: list[tuple[int, float]] = []
            clicking: set[int] = set()
            last_click: dict[int, float] = {}  # message id -> when its last click was answered
            for payload in (
                fake.autocomplete_interaction("compare", {"model_a": "gpt"}, "model_a"),
                fake.command_interaction("compare", compare_options(catalog, rng)),
                fake.command_interaction("cost", {"model": rng.choice(catalog.models).id}),
                fake.command_interaction("faq", {"question": "does grok 4.3 support vision?"}),
                fake.command_interaction("model", {"name": rng.choice(catalog.models).id}),
            ):
                await fake.interact(payload, timeout=30)

            def next_payload(index: int) -> tuple[str, dict[str, Any]]:
                roll = rng.random()
                if roll < 0.40:
                    query = autocomplete_queries(catalog, rng, 1 + index % 4)[-1]
                    return "autocomplete", fake.autocomplete_interaction("compare", {"model_a": query}, "model_a")
                if roll < 0.75:
                    return "compare", fake.command_interaction("compare", compare_options(catalog, rng, rng.choice((2, 2, 2, 3, 4))))
                if roll < 0.85:
                    options = {"model": rng.choice(catalog.models).id, "requests": rng.randint(1, 10**6)}
                    return "cost", fake.command_interaction("cost", options)
                if roll < 0.90:
                    a, b = rng.sample(catalog.models, 2)
                    return "faq", fake.command_interaction("faq", {"question": f"is {a.name} cheaper than {b.name}?"})
                if roll < 0.95 or not compares:
                    return "model", fake.command_interaction("model", {"name": rng.choice(catalog.models).id})
                # A click uses the select as the message shows it now (a switch re-creates the menu), on a
                # message with no click in flight and none answered in the last second, as one person would.
                settled = loop.time() - 1.0  # a reply at least a second old: its view is surely stored by now
                idle = [m for m, at in compares[-300:] if m not in clicking and at < settled and last_click.get(m, 0.0) < settled]
                if not idle:
                    return "model", fake.command_interaction("model", {"name": rng.choice(catalog.models).id})
                message_id = rng.choice(idle)
                custom_id = _select_id(fake.messages[message_id])
                section = rng.choice(["pricing", "specs", "benchmarks", "faq", "overview"])
                clicking.add(message_id)
                payload = fake.component_interaction(message_id, custom_id, values=[section])
                payload["_message_id"] = message_id
                return "click", payload

            pending: list[tuple[str, float, asyncio.Future]] = []
            loop = asyncio.get_running_loop()
            t0 = loop.time() + 0.05
            send_lag = []
            for index in range(total):
                due = t0 + index / rate
                delay = due - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
                send_lag.append(max(0.0, loop.time() - due))
                kind, payload = next_payload(index)
                clicked = payload.pop("_message_id", None)
                sent, future = await fake.send_interaction(payload)
                pending.append((kind, sent, future))
                if kind == "compare" and index % 10 == 0:
                    future.add_done_callback(lambda f, fake=fake: _remember_message(fake, f, compares))
                if clicked is not None:
                    future.add_done_callback(lambda f, m=clicked: (clicking.discard(m), last_click.__setitem__(m, loop.time())))
            send_span = loop.time() - t0
            result["load_after"] = os.getloadavg()[0]
            done, not_done = await asyncio.wait([f for _, _, f in pending], timeout=10)
            result["send_span_s"] = send_span
            result["send_lag_ms"] = summary_ms(send_lag)
        finally:
            sampling = False
            sampler.cancel()
            status = read_status(proc.pid)
            if proc.returncode is None:
                proc.send_signal(signal.SIGTERM)
            try:
                stdout, _ = await asyncio.wait_for(proc.communicate(), 30)
            except asyncio.TimeoutError:
                proc.kill()
                stdout, _ = await proc.communicate()
            stderr_file.seek(0)
            stderr = stderr_file.read()
            stderr_file.close()
        result["rss_peak_sampled_mb"] = peak["VmRSS"]
        result["vmhwm_mb"] = status.get("VmHWM")
        lines = [line for line in stdout.decode(errors="replace").splitlines() if line.startswith("{")]
        result["child"] = json.loads(lines[-1]) if lines else {"stderr": stderr.decode(errors="replace")[-2000:]}
        result["child_exit"] = proc.returncode
        result["child_log_tail"] = stderr.decode(errors="replace")[-3000:]
        result["child_log_lines"] = stderr.count(b"\n")

        latencies: dict[str, list[float]] = {}
        missed = 0
        missed_kinds: Counter = Counter()
        bodies = []
        for kind, sent, future in pending:
            if future.done() and not future.cancelled():
                record = future.result()
                latencies.setdefault(kind, []).append(record.at - sent)
                bodies.append((kind, record))
            else:
                missed += 1
                missed_kinds[kind] += 1
        every = [x for values in latencies.values() for x in values]
        result["answered"] = len(every)
        result["missed"] = missed
        result["missed_kinds"] = dict(missed_kinds)
        result["late"] = sum(1 for x in every if x > DEADLINE_S)
        result["latency_ms"] = summary_ms(every)
        result["by_kind"] = {kind: summary_ms(values) for kind, values in sorted(latencies.items())}
        result["error_replies"] = Counter(kind for kind, r in bodies if is_error_reply(r.body))
        result["statuses"] = Counter(r.status for _, r in bodies)
        # The contract, after the run: every callback body, and every other request the bot made.
        checked = violations = 0
        first_violation = None
        for record in fake.requests:
            try:
                name = contract.validate_request(record.method, record.path, record.body, require_spec=False)
            except AssertionError as exc:
                violations += 1
                first_violation = first_violation or str(exc)[:500]
                continue
            checked += name is not None
        result["contract"] = {
            "checked": checked,
            "violations": violations,
            "first": first_violation,
            "spec": contract.spec_available(),
        }
        result["requests"] = len(fake.requests)
    return result


def _select_id(message: dict[str, Any]) -> str:
    for row in message.get("components") or []:
        for component in row.get("components") or []:
            if component.get("type") == 3:
                return component["custom_id"]
    raise LookupError("no select menu on the message")


def _remember_message(fake, future, compares: list[tuple[int, float]]) -> None:
    """Keep a /compare reply that has a section menu, for later clicks."""
    if future.cancelled() or future.exception() is not None:
        return
    record = future.result()
    info = fake.interactions.get(record.path.split("/")[3], {})
    message = fake.messages.get(info.get("original") or 0)
    if message is None:
        return
    try:
        _select_id(message)
    except LookupError:
        return
    compares.append((int(message["id"]), asyncio.get_running_loop().time()))


# --- report ---------------------------------------------------------------------------------------------

def ratio(value: float, target: float) -> str:
    return f"{value / target:.2f}"


def report(inproc: dict[str, Any], loads: list[dict[str, Any]], models: int, args: argparse.Namespace, took: float) -> str:
    lines = [
        "# Bot benchmark",
        "",
        f"Written by `python bench/bench_bot.py` on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC in one run "
        f"of {took:.0f} s (host load average {' / '.join(f'{x:.2f}' for x in args.load_start)} at the start); Python {platform.python_version()}, discord.py {_discord_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs (shared with other work, so figures are noisy). Ratio = measured / target; below 1 meets it.",
        "",
        f"Resolver: {resolver_source()}.",
        "",
        "## In-process handling, 10,000-model catalog",
        "",
        f"Catalog: {models} models ({SYNTHETIC_SOURCE}); the bot built over it in {inproc['bot_build_s']:.2f} s. "
        f"Each case: {args.iterations} timed calls after {args.warmup} warm-up calls. One call = a real "
        "`discord.Interaction` from an INTERACTION_CREATE payload, `bot.tree._call` (lookup, transforms, the "
        "bot's callback, engine, renderer, view, discord.py's response body) and the body encoded as JSON; the HTTP "
        "request itself is cut out.",
        "",
        "| case | p50 (ms) | p99 (ms) | max (ms) | target p99 (ms) | p99 / target | replies | error replies |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for case in ("autocomplete", "/compare"):
        r = inproc[case]
        lines.append(
            f"| {case} | {r['p50']:.3f} | {r['p99']:.3f} | {r['max']:.3f} | {P99_TARGET_MS} | "
            f"{ratio(r['p99'], P99_TARGET_MS)} | {r['kinds']} | {r['errors']} |"
        )
    lines += ["", "## Load runs against the loopback fake Discord", ""]
    lines += [
        f"The bot in its own process, the fake in the benchmark's; {RATE} interactions a second for {DURATION_S} s "
        "planned, each timed from the INTERACTION_CREATE frame being sent to its callback request arriving. Mix: 40% "
        "autocomplete, 35% /compare (2-4 models), 10% /cost, 5% /faq, 5% /model, 5% section clicks.",
        "",
        "| catalog | sent | answered | late (> 3 s) | missed | p50 (ms) | p99 (ms) | max (ms) | max / 3 s | sent over (s) | error replies | contract violations |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in loads:
        lat = r["latency_ms"]
        lines.append(
            f"| {r['catalog']} ({r['child'].get('models', '?')} models) | {r['planned']} | {r['answered']} | {r['late']} | "
            f"{r['missed']} | {lat['p50']:.1f} | {lat['p99']:.1f} | {lat['max']:.1f} | {ratio(lat['max'] / 1000, DEADLINE_S)} | "
            f"{r['send_span_s']:.1f} | {sum(r['error_replies'].values())} | {r['contract']['violations']} of {r['contract']['checked']} |"
        )
    lines += ["", "By kind (p50 / p99 / max, ms):", ""]
    for r in loads:
        parts = [f"{k} {v['p50']:.1f} / {v['p99']:.1f} / {v['max']:.1f} (n={v['n']})" for k, v in r["by_kind"].items()]
        lines.append(f"- {r['catalog']}: " + "; ".join(parts))
    lines += ["", "## Peak memory of the running bot, bundled catalog", ""]
    bundled = next((r for r in loads if r["catalog"] == "bundled"), None)
    if bundled is not None:
        hwm = bundled.get("vmhwm_mb") or 0.0
        own = bundled["child"].get("peak_rss_mb") or 0.0
        lines += [
            "| measure | MB | target (MB) | ratio |",
            "|---|---:|---:|---:|",
            f"| VmHWM (/proc) at the end of the load run | {hwm:.1f} | {MEMORY_TARGET_MB:.0f} | {ratio(hwm, MEMORY_TARGET_MB)} |",
            f"| highest RSS sampled every 0.2 s during the run | {bundled['rss_peak_sampled_mb']:.1f} | {MEMORY_TARGET_MB:.0f} | {ratio(bundled['rss_peak_sampled_mb'], MEMORY_TARGET_MB)} |",
            f"| RSS when ready, before the load | {bundled.get('rss_idle_mb') or 0:.1f} | | |",
            "",
            f"VmHWM is the figure. The bot's own `getrusage` max RSS read {own:.1f} MB; on Linux that value is inherited "
            "from the parent at fork and kept across exec, so it shows the benchmark process (which holds the "
            "10,000-model catalog) whenever that was larger, and is not used.",
        ]
    lines += ["", "## Notes", ""]
    for r in loads:
        c = r["contract"]
        lines.append(
            f"- {r['catalog']}: host load average (1 min) {r['load_before']:.2f} before, {r.get('load_after', float('nan')):.2f} "
            f"at the end of sending; startup to ready {r['startup_s']:.1f} s; HTTP statuses {dict(r['statuses'])}; contract checked "
            f"{'with the OpenAPI spec and' if c['spec'] else 'without the spec (absent), with'} the limits"
            + (f"; first violation: {c['first']}" if c["first"] else "")
            + f"; send lag p99 {r['send_lag_ms']['p99']:.1f} ms; missed by kind {r['missed_kinds'] or 'none'}."
        )
    return "\n".join(lines) + "\n"


def resolver_source() -> str:
    """Which resolver the bot used: the project's catalog/resolver.py, or (say so) something else."""
    import inspect

    from catalog import resolver

    try:
        path = Path(inspect.getsourcefile(resolver.Resolver) or "")
    except TypeError:
        path = Path("")
    if path.resolve() == (ROOT / "catalog" / "resolver.py").resolve():
        return "catalog/resolver.py"
    return f"NOT the project's: {path} (figures through the resolver do not describe catalog/resolver.py)"


def _discord_version() -> str:
    import discord

    return discord.__version__


async def main_async(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    args.load_start = os.getloadavg()
    print(f"host load average before: {args.load_start}", flush=True)
    if args.memory:
        r = await load_run("bundled", _bundled(), args.rate, args.duration)
        print(
            f"memory: VmHWM {r.get('vmhwm_mb')} MB, highest sampled RSS {r.get('rss_peak_sampled_mb')} MB, "
            f"idle {r.get('rss_idle_mb')} MB; {r['answered']}/{r['planned']} answered, late {r['late']}, missed {r['missed']}",
            flush=True,
        )
        return 0
    catalog = synthetic_catalog(args.models)
    print(f"catalog: {len(catalog)} models ({SYNTHETIC_SOURCE})", flush=True)
    # The fake Discord runs in this process beside a 10,000-model catalog: keep the catalog out of the
    # collector's walks, or the fake's own stalls would delay what it sends and count against the bot.
    gc.collect()
    gc.freeze()
    inproc = await in_process(catalog, args.iterations, args.warmup)
    for case in ("autocomplete", "/compare"):
        r = inproc[case]
        print(f"in-process {case}: p50 {r['p50']:.3f} ms, p99 {r['p99']:.3f} ms, max {r['max']:.3f} ms; {r['kinds']}, errors {r['errors']}", flush=True)
    loads = []
    for spec in args.load_catalogs:
        r = await load_run(spec if spec == "bundled" else f"synthetic:{args.models}", catalog if spec != "bundled" else _bundled(), args.rate, args.duration)
        loads.append(r)
        lat = r["latency_ms"]
        print(
            f"load {r['catalog']}: {r['answered']}/{r['planned']} answered, late {r['late']}, missed {r['missed']}, "
            f"p50 {lat['p50']:.1f} ms, p99 {lat['p99']:.1f} ms, max {lat['max']:.1f} ms; VmHWM {r.get('vmhwm_mb')} MB; "
            f"contract violations {r['contract']['violations']}",
            flush=True,
        )
    text = report(inproc, loads, len(catalog), args, time.perf_counter() - started)
    print(text)
    if args.write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text)
        print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


def _bundled():
    from catalog.loader import load_catalog

    return load_catalog()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The bot's benchmark (in-process, load run, memory).")
    parser.add_argument("--quick", action="store_true", help="a short smoke run: fewer calls, 5 s of 50/s, prints only")
    parser.add_argument("--memory", action="store_true", help="only the bundled load run at full rate and length (the memory figure), prints only")
    parser.add_argument("--write", action=argparse.BooleanOptionalAction, default=None, help="write bench/results/bot.md")
    args = parser.parse_args(argv)
    args.models = SYNTHETIC_MODELS
    if args.memory:
        args.rate, args.duration, args.write = RATE, DURATION_S, False
    elif args.quick:
        args.iterations, args.warmup, args.rate, args.duration = 300, 30, 50, 5
        args.load_catalogs = ["bundled"]
        args.write = bool(args.write)
    else:
        args.iterations, args.warmup, args.rate, args.duration = 5000, 200, RATE, DURATION_S
        args.load_catalogs = ["bundled", "synthetic"]
        args.write = True if args.write is None else args.write
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
