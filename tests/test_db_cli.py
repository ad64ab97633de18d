"""``versus db upgrade`` on both databases, and a database it cannot open: one line, status 5."""

from __future__ import annotations

import pytest

from catalog.store import Store, migrate
from cli.main import main


def test_upgrade_migrates_an_empty_database_then_finds_it_current(database_url, monkeypatch, capsys):
    monkeypatch.setenv("VERSUS_DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    out = capsys.readouterr().out
    assert f"upgraded from revision none (empty) to {migrate.HEAD}" in out
    assert main(["db", "upgrade"]) == 0
    assert f"already at revision {migrate.HEAD}" in capsys.readouterr().out


async def test_after_upgrade_the_store_opens_without_migrating(database_url, monkeypatch):
    monkeypatch.setenv("VERSUS_DATABASE_URL", database_url)
    import asyncio

    assert await asyncio.to_thread(main, ["db", "upgrade"]) == 0
    async with Store.open(migrate=False) as store:
        assert store.revision == migrate.HEAD


@pytest.mark.parametrize("url", ["postgresql://versus:hunter2@127.0.0.1:9/versus", "mysql://u:hunter2@h/d"])
def test_a_database_that_cannot_be_opened_is_one_line_and_status_5(url, monkeypatch, capsys):
    monkeypatch.setenv("VERSUS_DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 5
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("versus: ") and captured.err.count("\n") == 1
    assert "hunter2" not in captured.err


def test_db_needs_an_action(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["db"])
    assert exit_.value.code == 2
    assert "ACTION" in capsys.readouterr().err


def test_four_processes_upgrading_one_empty_database_at_once(database_url):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    env = {**os.environ, "VERSUS_DATABASE_URL": database_url}
    children = [
        subprocess.Popen([sys.executable, "-m", "cli", "db", "upgrade"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    results = [child.communicate(timeout=120) for child in children]
    assert [child.returncode for child in children] == [0] * 4, results
    outs = sorted(out for out, _ in results)
    assert sum("upgraded from revision none" in out for out in outs) == 1
    assert sum("already at revision" in out for out in outs) == 3
