"""Start-up of the `versus` command, timed as whole processes against the dependency floor.

Run: ``python bench/bench_cli.py [--runs N]``. Prints the figures and writes ``bench/results/cli.md``.

Each command is started as a person starts it (the ``versus`` script of this environment, a fresh
process each time) and timed from its start to its exit, imports, catalog loading and printing
included. The floor is ``python -c "import pydantic, rapidfuzz.process"``: the interpreter and the two
libraries every command needs, before any of Versus. Runs go in rounds, each round starting every
command once in turn, so a machine that speeds up or slows down moves the floor with them; a ratio
is taken within each round, and the median of the rounds' ratios is the figure.

Targets (issue 12): ``versus compare A B`` at most 2.2 times the floor, ``versus resolve X`` at most
1.8 times. Bytecode is written by warm-up runs before timing, as after any first use (even where the
calling shell sets ``PYTHONDONTWRITEBYTECODE``). Output goes to
a pipe that is read and thrown away. Peak memory is each process's own high-water mark (``wait4``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "cli.md"
RUNS = 21
WARMUP = 2
VERSUS = Path(sys.executable).with_name("versus")
FLOOR = (sys.executable, "-c", "import pydantic, rapidfuzz.process")
PYDANTIC_MODEL = (
    sys.executable,
    "-c",
    "import pydantic, rapidfuzz.process\nclass M(pydantic.BaseModel):\n    x: int\nM(x=1)",
)
"""A yardstick: what defining and building the first pydantic model costs (pydantic imports most of its
internals then), before any of Versus. No quick command pays it: the catalog's types and the engine's results
are plain dataclasses (``catalog.record``), and pydantic's validators are made only where data comes in."""


@dataclass
class Command:
    label: str
    argv: tuple[str, ...]
    target: float | None = None
    """At most this many times the floor (None: shown for comparison, no target)."""
    wall: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)


def commands() -> list[Command]:
    versus = str(VERSUS)
    return [
        Command("python -c 'import pydantic, rapidfuzz.process' (the floor)", FLOOR),
        Command("python -c 'pass'", (sys.executable, "-c", "pass")),
        Command("the floor, then one pydantic model defined and built", PYDANTIC_MODEL),
        Command('versus compare "gpt-4.1 mini" "grok 4.3"', (versus, "compare", "gpt-4.1 mini", "grok 4.3"), 2.2),
        Command('versus resolve "grok 4.3"', (versus, "resolve", "grok 4.3"), 1.8),
        Command("versus resolve openai/gpt-4.1-mini-2025-04-14", (versus, "resolve", "openai/gpt-4.1-mini-2025-04-14")),
        Command('versus cost "gpt-4.1 mini" "grok 4.3"', (versus, "cost", "gpt-4.1 mini", "grok 4.3")),
        Command(
            'versus faq "is grok 4.3 cheaper than gpt-4.1 mini?"',
            (versus, "faq", "is grok 4.3 cheaper than gpt-4.1 mini?"),
        ),
        Command('versus model "sonnet 4.5"', (versus, "model", "sonnet 4.5")),
        Command("versus --help", (versus, "--help")),
    ]


def run_once(argv: tuple[str, ...]) -> tuple[float, float]:
    """(wall seconds, peak MiB) of one whole process; its output read from a pipe and dropped."""
    # The bundled catalog, always; and bytecode written, whatever the calling shell says (see the docstring).
    env = {k: v for k, v in os.environ.items() if k not in ("VERSUS_CATALOG", "PYTHONDONTWRITEBYTECODE")}
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    assert child.stdout is not None
    while child.stdout.read(65536):
        pass
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stdout.close()
    if child.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {child.returncode}")
    return wall, usage.ru_maxrss / 1024


def measure(runs: int, warmup: int) -> list[Command]:
    chosen = commands()
    for _ in range(warmup):
        for command in chosen:
            run_once(command.argv)
    for _ in range(runs):
        floor = None
        for command in chosen:
            wall, peak = run_once(command.argv)
            command.wall.append(wall)
            command.peak_mib.append(peak)
            if floor is None:
                floor = wall
            command.ratios.append(wall / floor)
    return chosen


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def report(chosen: list[Command], runs: int, seconds: float) -> str:
    load = os.getloadavg()
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Command-line start-up",
        "",
        f"Written by `python bench/bench_cli.py` on {now} in {seconds:.0f} s; Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.machine()}, {os.cpu_count()} CPUs (shared with other work); "
        f"load average {load[0]:.2f} at the end.",
        "",
        f"Each command run {runs} times as a whole process (the `versus` script, bundled catalog, bytecode compiled "
        "by warm-up runs), in rounds that start every command once in turn. Ratio = the command's time / the floor's "
        "in the same round, median over the rounds; the target is on that ratio (below it meets it).",
        "",
        "| command | median (ms) | min (ms) | max (ms) | peak (MiB) | / floor | target | ratio / target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for command in chosen:
        ratio = statistics.median(command.ratios)
        target = f"{command.target:g}" if command.target else ""
        met = f"{ratio / command.target:.2f}" if command.target else ""
        lines.append(
            f"| `{command.label}` | {_ms(statistics.median(command.wall))} | {_ms(min(command.wall))} | "
            f"{_ms(max(command.wall))} | {statistics.median(command.peak_mib):.1f} | {ratio:.2f} | {target} | {met} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help=f"rounds to time (default {RUNS})")
    parser.add_argument(
        "--out", type=Path, default=RESULTS, help="where to write the results (default bench/results/cli.md)"
    )
    args = parser.parse_args()
    if not VERSUS.exists():
        raise SystemExit(f"no versus script beside {sys.executable}: pip install -e . first")
    started = time.perf_counter()
    chosen = measure(args.runs, WARMUP)
    text = report(chosen, args.runs, time.perf_counter() - started)
    print(text)
    args.out.write_text(text + _kept_notes(args.out), encoding="utf-8")
    return 0


NOTES = "## Notes"


def _kept_notes(path: Path) -> str:
    """A ``## Notes`` part written by hand under the figures survives a re-run."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    at = text.find("\n" + NOTES)
    return text[at:] if at >= 0 else ""


if __name__ == "__main__":
    sys.exit(main())
