"""Output that cannot be written: ``versus ... > /dev/full`` and a pipe closed early end in one line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import BROKEN_PIPE, WRITE_FAILED

COMMANDS = [
    ["compare", "gpt-4.1 mini", "grok 4.3"],
    ["faq", "is grok 4.3 cheaper than gpt-4.1 mini?"],
    ["resolve", "grok"],
    ["catalog", "validate"],
    ["model", "sonnet 4.5", "--discord"],
]


def versus(args: list[str], stdout) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "VERSUS_CATALOG"}
    return subprocess.run(
        [sys.executable, "-c", "import sys; from cli.main import main; sys.exit(main())", *args],
        stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60, env=env,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[:2]) for a in COMMANDS])
def test_a_full_disk_is_one_line_and_exit_74(args):
    with open("/dev/full", "w") as full:
        done = versus(args, full)
    assert done.returncode == WRITE_FAILED == 74, done.stderr
    assert done.stderr == "versus: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("args", COMMANDS[:3], ids=[" ".join(a[:2]) for a in COMMANDS[:3]])
def test_a_pipe_closed_before_the_output_is_one_line_and_exit_141(args):
    read, write = os.pipe()
    os.close(read)  # like `versus ... | head -1` once head has gone
    try:
        done = versus(args, write)
    finally:
        os.close(write)
    assert done.returncode == BROKEN_PIPE == 141, done.stderr
    assert done.stderr == "versus: the output was closed before all of it was written (broken pipe)\n"


def test_closed_stdout_is_one_line_and_exit_74():
    done = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.close(1); from cli.main import main; sys.exit(main())", "resolve", "grok"],
        stderr=subprocess.PIPE, text=True, timeout=60,
    )
    assert done.returncode == 74 and done.stderr == "versus: cannot write the output: standard output is closed\n"
