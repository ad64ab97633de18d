"""Every ``versus`` subcommand with hostile arguments: bytes that are not UTF-8, control characters, 10,000-character
names, NaN, 1e308, numbers too large to hold. Each ends in one line on stderr and a non-zero status, never a
traceback. (A closed or full stdout: tests/test_cli_output.py.)"""

from __future__ import annotations

import contextlib
import io
import math
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.main import main

HOSTILE = (
    "\udcff\udcfe",  # what Python makes of bytes that are not UTF-8 in argv
    "grok\x1b[2J4.3",  # an escape sequence (would clear the terminal if echoed)
    "x" * 10_000,
    "grok 4.3 " * 1_200,
    "NaN", "nan", "inf", "-inf", "1e308", "-1e308", "9" * 400, "-5", "0x10", "1.5", "",
)
COUNT_OPTIONS = ("--requests", "--input-tokens", "--output-tokens")
SHARE_OPTIONS = ("--cached", "--batch")
NUMBERS = ("NaN", "inf", "1e308", "-1", "9" * 400, "\udcff", "x" * 10_000, "150%", "-0.5")


def templates(value: str) -> list[list[str]]:
    """Each subcommand with ``value`` where a person types something."""
    return [
        ["compare", value, "grok 4.3"],
        ["compare", "gpt-4.1 mini", "grok 4.3", "--section", value],
        ["cost", value],
        ["model", value],
        ["resolve", value],
        ["faq", value],
        ["catalog", "list", "--vendor", value],
        ["catalog", "list", "--capability", value],
        ["catalog", "validate", value],
        ["--catalog", value, "model", "grok 4.3"],
    ]


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse's usage errors
            status = exc.code
    return status, out.getvalue(), err.getvalue()


def one_line_and_non_zero(argv: list[str], status: int, out: str, err: str) -> None:
    assert status not in (0, None), f"{argv!r:.200}: exit 0"
    assert "Traceback" not in out + err
    if argv[0] == "faq" and not err:  # the FAQ answers "no model named" on stdout, with status 1
        assert status == 1 and out.strip()
        return
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("versus"), f"{argv!r:.200}: stderr {err!r:.300}"
    assert len(lines[0]) < 600, "an error quotes a little of what was typed, not all of it"
    assert all(ord(c) >= 32 for c in lines[0]), "no control character reaches the terminal"


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v[:12]) + (f"x{len(v)}" if len(v) > 12 else ""))
def test_every_subcommand_refuses_a_hostile_argument_in_one_line(value):
    for argv in templates(value):
        if argv[0] == "resolve" and value in ("NaN", "nan", "inf", "-inf", "1e308", "-1e308", "-5", "0x10", "1.5"):
            continue  # a short name that matches nothing: resolve says so and exits 0 (its documented contract)
        status, out, err = run(argv)
        one_line_and_non_zero(argv, status, out, err)


def _not_a_count(f: float) -> bool:
    return not math.isfinite(f) or f < 0 or f > 10**12 or f != int(f)


def _not_a_share(f: float) -> bool:
    return not math.isfinite(f) or not 0 <= f <= 1


number_option = st.one_of(
    st.tuples(st.sampled_from(COUNT_OPTIONS), st.one_of(st.floats().filter(_not_a_count).map(repr), st.integers(min_value=10**12 + 1).map(str))),
    st.tuples(st.sampled_from(SHARE_OPTIONS), st.floats().filter(_not_a_share).map(repr)),
    st.tuples(st.sampled_from(COUNT_OPTIONS + SHARE_OPTIONS), st.sampled_from(NUMBERS)),
)


@settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(command=st.sampled_from([["cost", "grok 4.3"], ["compare", "gpt-4.1 mini", "grok 4.3"]]), pair=number_option)
def test_number_options_refuse_what_they_cannot_hold(command, pair):
    option, value = pair
    status, out, err = run([*command, option, value])
    one_line_and_non_zero([*command, option, value], status, out, err)
    assert option in err or "argument 4" in err or "argument 5" in err or "tokens" in err


def test_bytes_that_are_not_utf8_from_a_real_shell():
    """argv as the operating system passes it: raw bytes, decoded by Python with surrogateescape."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from cli.main import main; sys.exit(main())", "model", b"\xff\xfe grok"],
        capture_output=True, timeout=60,
    )
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr == b"versus: argument 2 is not valid text (bytes that are not UTF-8)\n"
