"""Golden answers: every case of ``tests/golden`` prints exactly its file, with the engine's caches on and
off (see tests/README.md to rewrite them)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from engine import cache
from tests.conftest import REPO
from tests.golden import CASES, Case, run


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_output_is_the_golden_file(case: Case):
    assert case.path.exists(), f"no golden file for {case.name}: run python -m tests.golden --update"
    expected = case.path.read_text(encoding="utf-8")
    assert run(case) == expected, f"{case.name} changed; if that was meant, run python -m tests.golden --update and read the diff"
    # Asked again in the same process (whatever the engine kept from the first time): the same answer.
    assert run(case) == expected


def test_the_same_answers_with_the_engine_caches_off():
    """Every golden case again in a fresh process with ``VERSUS_ENGINE_CACHE=off``: what the engine keeps
    between calls changes no answer."""
    env = {**os.environ, cache.SWITCH: "off"}
    done = subprocess.run([sys.executable, "-m", "tests.golden"], capture_output=True, text=True, cwd=REPO, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"all {len(CASES)} golden outputs match")
