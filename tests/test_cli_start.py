"""The `versus` command imports only what the command run needs: discord.py for `versus bot` alone."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from cli.main import COMMANDS, build_parser, command_in, main
from tests.conftest import REPO

SEED = ["gpt-4.1 mini", "grok 4.3"]


def _imported(argv: list[str]) -> set[str]:
    """The top-level packages a fresh process has imported after running ``versus ARGV``."""
    code = (
        "import contextlib, io, json, sys\n"
        "from cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    main({argv!r})\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    return set(json.loads(done.stdout))


@pytest.mark.parametrize(
    "argv",
    [["compare", *SEED], ["cost", *SEED], ["faq", "is grok 4.3 cheaper than gpt-4.1 mini?"], ["model", "sonnet 4.5"], ["--help"]],
)
def test_no_command_but_bot_imports_discord(argv):
    imported = _imported(argv)
    assert "engine" in imported or argv == ["--help"]
    assert not {"discord", "aiohttp"} & imported


def test_resolve_imports_neither_discord_nor_the_engine():
    imported = _imported(["resolve", "grok 4.3"])
    assert "catalog" in imported
    assert not {"discord", "aiohttp", "engine"} & imported


def test_the_command_table_is_what_the_modules_register():
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert list(sub.choices) == list(COMMANDS)
    for command, module in COMMANDS.items():
        (only,) = [a for a in build_parser(command)._actions if isinstance(a, argparse._SubParsersAction)]
        assert command in only.choices, f"{module} does not register {command}"


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["compare", "a", "b"], "compare"),
        (["--catalog", "compare", "resolve", "x"], "resolve"),
        (["--catalog=here", "cost", "a"], "cost"),
        (["-h"], None),
        (["nope", "x"], "nope"),
        ([], None),
    ],
)
def test_command_word(argv, command):
    assert command_in(argv) == command


def test_bot_options_are_there_when_asked_for(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["bot", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--shard-ids" in out and "--sync-global" in out and "{run,sync}" in out


def test_an_unknown_command_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["nope"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'nope'" in err and all(repr(c) in err for c in COMMANDS)


def test_a_quick_command_runs_without_the_collector_and_leaves_it_on(capsys):
    import gc

    from cli.main import QUICK_COMMANDS, short_lived

    assert {"compare", "cost", "resolve", "model", "faq"} <= QUICK_COMMANDS and not {"bot", "catalog", "db"} & QUICK_COMMANDS
    seen = []
    with short_lived(True):
        seen.append(gc.isenabled())
    assert seen == [False] and gc.isenabled() and gc.get_freeze_count() > 0  # what it made is out of the final pass
    gc.unfreeze()
    with short_lived(False):
        seen.append(gc.isenabled())
    assert seen == [False, True] and gc.get_freeze_count() == 0
    assert main(["resolve", "grok 4.3"]) == 0 and "xai/grok-4.3" in capsys.readouterr().out
    assert gc.isenabled()
