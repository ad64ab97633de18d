"""Run the real bot in its own process against a fake Discord (for the load run and the memory figure).

    python -m tests.fake_discord.run_bot --api http://127.0.0.1:PORT/api/v10 --gateway ws://127.0.0.1:PORT/gateway \\
        --dev-guild ID [--catalog bundled|synthetic:N] [--max-seconds 300]

The token comes from ``DISCORD_TOKEN``. Only loopback addresses are accepted. The process stops by itself
after ``--max-seconds``, on SIGTERM/SIGINT, or when the gateway goes away; on the way out it prints one JSON
line with its peak RSS (``resource.getrusage``) and the catalog size.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import signal
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _loopback(url: str) -> str:
    host = urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost"):
        raise SystemExit(f"run_bot: {url} is not a loopback address; this runner only talks to a local fake")
    return url


def load(spec: str):
    from catalog.loader import Catalog, load_catalog

    if spec == "bundled":
        return load_catalog()
    if spec.startswith("synthetic:"):
        count = int(spec.split(":", 1)[1])
        sys.path.insert(0, str(ROOT / "bench"))
        from bench_bot import synthetic_catalog  # the benchmark's generator (bench/synthetic.py when present)

        return synthetic_catalog(count)
    return Catalog(load_catalog(spec).models)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def vm_hwm_mb() -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


async def serve(args: argparse.Namespace) -> dict:
    from tests.fake_discord.server import patch_discord

    started = time.perf_counter()
    catalog = load(args.catalog)
    loaded = time.perf_counter() - started
    from bot.app import create_bot, settle_memory

    with patch_discord(_loopback(args.api), _loopback(args.gateway)):
        bot = create_bot(catalog, dev_guild=args.dev_guild)
        bot._connection.guild_ready_timeout = 0.05
        settle_memory()  # as bot.runner does
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        runner = asyncio.create_task(bot.start(os.environ["DISCORD_TOKEN"]))
        stopper = asyncio.create_task(stop.wait())
        serving_peak = None
        try:
            await asyncio.wait({runner, stopper}, timeout=args.max_seconds, return_when=asyncio.FIRST_COMPLETED)
            serving_peak = peak_rss_mb()  # the high-water mark while serving, before shutting down
        finally:
            await asyncio.wait_for(bot.close(), 10)
            stopper.cancel()
            await asyncio.gather(runner, stopper, return_exceptions=True)
    return {
        "serving_peak_rss_mb": None if serving_peak is None else round(serving_peak, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "vm_hwm_mb": vm_hwm_mb(),
        "models": len(catalog),
        "catalog_load_s": round(loaded, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--api", required=True)
    parser.add_argument("--gateway", required=True)
    parser.add_argument("--dev-guild", type=int, default=None)
    parser.add_argument("--catalog", default="bundled")
    parser.add_argument("--max-seconds", type=float, default=300.0)
    args = parser.parse_args(argv)
    report = asyncio.run(serve(args))
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
