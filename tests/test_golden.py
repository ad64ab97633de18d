"""Golden answers: every case of ``tests/golden`` prints exactly its file (see tests/README.md to rewrite them)."""

from __future__ import annotations

import pytest

from tests.golden import CASES, Case, run


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_output_is_the_golden_file(case: Case):
    assert case.path.exists(), f"no golden file for {case.name}: run python -m tests.golden --update"
    expected = case.path.read_text(encoding="utf-8")
    assert run(case) == expected, f"{case.name} changed; if that was meant, run python -m tests.golden --update and read the diff"
    # Asked again in the same process (whatever the engine kept from the first time): the same answer.
    assert run(case) == expected
