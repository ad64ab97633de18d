"""``versus bot`` and its database (issue 10): the real runner in its own process against the fake Discord.

A database that cannot be reached at start is one line and exit status 5 (starting again later may work),
without the password; a ``VERSUS_DATABASE_URL`` of an unsupported kind is a setting to fix (status 2); with
a database that answers, the bot opens it (migrating an empty one) and serves.
"""

from __future__ import annotations

import pytest

from bot.runner import EXIT
from tests.bot.test_runner import Bot, one_line
from tests.fake_discord import FakeDiscord
from tests.pg import free_port


@pytest.fixture
async def fake():
    async with FakeDiscord(heartbeat_interval=1.0) as server:
        yield server


async def test_a_database_unreachable_at_start_is_one_line_and_exit_5(fake, tmp_path):
    bot = Bot(fake, tmp_path, token=fake.token)
    bot.env["VERSUS_DATABASE_URL"] = f"postgresql://versus:s3cret-pw@127.0.0.1:{free_port()}/versus"
    ended = await (await bot.start()).ended()
    line = one_line(ended, fake.token)
    assert ended.status == EXIT["unreachable"] == 5
    assert line.startswith("versus bot: cannot open the database at postgresql://versus:***@127.0.0.1:")
    assert "s3cret-pw" not in ended.err + ended.out
    assert fake.sessions == []  # it never connected to Discord


async def test_a_database_url_of_the_wrong_kind_is_a_setting_exit_2(fake, tmp_path):
    bot = Bot(fake, tmp_path, token=fake.token)
    (tmp_path / ".env").write_text("VERSUS_DATABASE_URL=mysql://u:hunter2@db/versus\n")  # read from .env too
    ended = await (await bot.start()).ended()
    line = one_line(ended, fake.token)
    assert ended.status == EXIT["settings"] == 2
    assert "unsupported database 'mysql'" in line and "hunter2" not in ended.err + ended.out


async def test_the_bot_opens_and_migrates_its_database_then_serves(fake, tmp_path):
    bot = Bot(fake, tmp_path, token=fake.token)
    bot.env["VERSUS_DATABASE_URL"] = f"sqlite:///{tmp_path / 'bot.db'}"
    await (await bot.start()).ready()
    from catalog.store import Store, migrate

    async with Store.open(f"sqlite:///{tmp_path / 'bot.db'}", migrate=False) as store:
        assert store.revision == migrate.HEAD
    bot.signal(15)
    ended = await bot.ended()
    assert ended.status == 0, ended.err
