"""The bot opens its store without migrating it in its own process: a database behind the newest revision is
migrated by ``versus db upgrade`` in a child process (Alembic stays out of the long-running bot), then
opened; one that cannot be reached is still one StoreUnavailable line."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from catalog.store.migrate import HEAD

SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys, types
    from bot.servers import BotStore

    async def main():
        bot = types.SimpleNamespace(store=None)
        async with BotStore(bot, sys.argv[1]) as opened:
            revision = opened.store.revision
        print(json.dumps({"revision": revision, "alembic": "alembic" in sys.modules}))

    asyncio.run(main())
    """
)


def run(url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", SCRIPT, url], capture_output=True, text=True, timeout=120)


def test_a_fresh_database_is_migrated_by_a_child_and_alembic_stays_out(tmp_path):
    url = f"sqlite:///{tmp_path}/fresh.db"
    done = run(url)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"revision": HEAD, "alembic": False}
    again = run(url)  # at the newest revision already: no child, no Alembic
    assert json.loads(again.stdout) == {"revision": HEAD, "alembic": False}


def test_a_database_that_cannot_be_opened_is_one_line(tmp_path):
    (tmp_path / "not-a-folder").write_text("a file where a folder should be")
    done = run(f"sqlite:///{tmp_path}/not-a-folder/x.db")
    assert done.returncode != 0
    assert "StoreUnavailable" in done.stderr and "cannot open the database" in done.stderr
