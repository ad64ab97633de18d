"""``versus bot`` itself (``bot.runner.main``: settings, catalog, signals, exit statuses) against a fake Discord.

    python -m tests.fake_discord.versus_bot --api http://127.0.0.1:PORT/api/v10 --gateway ws://127.0.0.1:PORT/gateway \\
        [-- RUNNER ARGS...]

The only difference from ``versus bot`` is where discord.py connects (``patch_discord``); only loopback
addresses are accepted. For tests where the exit status, stderr or a signal is the point.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fake_discord.run_bot import _loopback  # noqa: E402
from tests.fake_discord.server import patch_discord  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--api", required=True)
    parser.add_argument("--gateway", required=True)
    parser.add_argument("runner", nargs=argparse.REMAINDER, help="arguments for bot.runner (after --)")
    args = parser.parse_args(argv)
    rest = args.runner[1:] if args.runner[:1] == ["--"] else args.runner
    from bot import runner

    with patch_discord(_loopback(args.api), _loopback(args.gateway)):
        return runner.main(rest)


if __name__ == "__main__":
    sys.exit(main())
