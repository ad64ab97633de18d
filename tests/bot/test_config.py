"""Starting the bot: the token from the environment or .env, one-line failures, redaction, shards, sync."""

from __future__ import annotations

import io
import logging

import discord
import pytest

from bot import runner
from bot.config import REDACTED, ConfigError, TokenRedactor, environment, install_redaction, parse_shard_ids, read_dotenv, settings
from cli.main import main as versus

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.fake-token-for-tests-0123456789"


@pytest.fixture
def no_env(monkeypatch, tmp_path):
    """No bot settings in the environment, an empty working folder, and the root logger restored after."""
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    monkeypatch.setattr(root, "level", root.level)
    for name in ("DISCORD_TOKEN", "VERSUS_DEV_GUILD", "VERSUS_SHARD_IDS", "VERSUS_SHARD_COUNT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_token_from_environment(no_env, monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    assert settings(environment()).token == TOKEN


def test_token_from_dotenv(no_env):
    (no_env / ".env").write_text(f"# the bot\nexport DISCORD_TOKEN=\"{TOKEN}\"\nVERSUS_DEV_GUILD=123456789012345678 # dev\n")
    chosen = settings(environment())
    assert chosen.token == TOKEN and chosen.dev_guild == 123456789012345678


def test_environment_wins_over_dotenv(no_env, monkeypatch):
    (no_env / ".env").write_text("DISCORD_TOKEN=from-file\n")
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    assert settings(environment()).token == TOKEN


def test_settings_repr_hides_the_token():
    assert TOKEN not in repr(settings({"DISCORD_TOKEN": TOKEN}))


@pytest.mark.parametrize("argv", [["bot"], ["bot", "sync"], ["bot", "--sync-global"]])
def test_no_token_is_one_line_and_exit_2(no_env, capsys, argv):
    assert versus(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "DISCORD_TOKEN" in err and "Traceback" not in err


def test_python_m_bot_without_token(no_env, capsys):
    assert runner.main([]) == 2
    assert "no Discord token" in capsys.readouterr().err


def test_rejected_token_is_one_line_and_exit_2(no_env, monkeypatch, capsys):
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)

    async def reject(self, token):
        raise discord.LoginFailure("Improper token has been passed.")

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", reject)
    assert versus(["bot"]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "rejected the token" in captured.err
    assert TOKEN not in captured.err + captured.out


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"DISCORD_TOKEN": "t", "VERSUS_DEV_GUILD": "abc"}, "VERSUS_DEV_GUILD"),
        ({"DISCORD_TOKEN": "t", "VERSUS_SHARD_IDS": "0,1"}, "shard count"),
        ({"DISCORD_TOKEN": "t", "VERSUS_SHARD_IDS": "0,4", "VERSUS_SHARD_COUNT": "4"}, "below the shard count"),
        ({"DISCORD_TOKEN": "t", "VERSUS_SHARD_COUNT": "0"}, "shard count"),
        ({"DISCORD_TOKEN": "t", "VERSUS_SHARD_IDS": "a", "VERSUS_SHARD_COUNT": "2"}, "shard ids"),
    ],
)
def test_bad_settings(values, message):
    with pytest.raises(ConfigError, match=message):
        settings(values)


def test_shards_from_options_and_environment():
    chosen = settings({"DISCORD_TOKEN": "t", "VERSUS_SHARD_IDS": "0", "VERSUS_SHARD_COUNT": "2"}, shard_ids="2-3", shard_count="4")
    assert chosen.shard_ids == (2, 3) and chosen.shard_count == 4
    assert parse_shard_ids("0,2-3") == (0, 2, 3)


def test_shards_reach_the_bot(catalog):
    from bot.app import create_bot

    bot = create_bot(catalog, shard_ids=[2, 3], shard_count=4)
    assert bot.shard_ids == [2, 3] and bot.shard_count == 4
    assert not bot.intents.message_content and not bot.intents.members and not bot.intents.presences
    assert bot.allowed_mentions.to_dict() == {"parse": []}


def test_dotenv_missing_is_empty(tmp_path):
    assert read_dotenv(tmp_path / ".env") == {}


@pytest.mark.parametrize(
    "text",
    [
        f"\ufeffDISCORD_TOKEN={TOKEN}\n",  # saved by an editor that writes a byte-order mark
        f'DISCORD_TOKEN="{TOKEN}"  # the bot\n',  # quotes, then a comment
        f"DISCORD_TOKEN='{TOKEN}' # the bot\n",
        f"export DISCORD_TOKEN={TOKEN} # the bot\r\n",  # export, a comment, Windows line ends
        f"not a setting\nDISCORD_TOKEN = {TOKEN}\n",
    ],
    ids=["bom", "double-quotes-comment", "single-quotes-comment", "export-crlf", "junk-line"],
)
def test_dotenv_is_read_as_python_dotenv_reads_it(no_env, text):
    (no_env / ".env").write_bytes(text.encode("utf-8"))
    assert settings(environment()).token == TOKEN


def test_an_unreadable_dotenv_is_a_config_error(no_env):
    (no_env / ".env").write_bytes(b"DISCORD_TOKEN=\xff\xfe\n")
    with pytest.raises(ConfigError, match="cannot read .*UnicodeDecodeError"):
        environment()


def _logged(handler_stream: io.StringIO, token: str, emit) -> str:
    handler = logging.StreamHandler(handler_stream)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    install_redaction(token, [handler])
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        emit(logger)
    finally:
        logger.removeHandler(handler)
    return handler_stream.getvalue()


def test_token_never_in_a_log_line():
    def emit(logger):
        logger.info("token is %s", TOKEN)
        logger.warning(f"Authorization: Bot {TOKEN}")
        try:
            raise RuntimeError(f"bad {TOKEN}")
        except RuntimeError:
            logger.exception("failed with %r", {"token": TOKEN})

    text = _logged(io.StringIO(), TOKEN, emit)
    assert TOKEN not in text
    assert text.count(REDACTED) == 4


def test_redactor_from_a_child_logger_through_root_handlers():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        redactor = install_redaction(TOKEN)
        assert isinstance(redactor, TokenRedactor) and redactor in handler.filters
        logging.getLogger("discord.http").warning("sent %s", TOKEN)
    finally:
        root.removeHandler(handler)
    assert TOKEN not in stream.getvalue() and REDACTED in stream.getvalue()


async def test_sync_is_explicit(catalog, monkeypatch):
    from bot.app import create_bot

    calls = []

    async def fake_sync(self, *, guild=None):
        calls.append(guild.id if guild else "global")
        return []

    monkeypatch.setattr(discord.app_commands.CommandTree, "sync", fake_sync)
    await create_bot(catalog).sync_commands()
    assert calls == []
    await create_bot(catalog, dev_guild=42).sync_commands()
    assert calls == [42]
    calls.clear()
    await create_bot(catalog, sync_global=True).sync_commands()
    assert calls == ["global"]


async def test_dev_guild_gets_every_command(catalog, monkeypatch):
    from bot.app import create_bot

    async def fake_sync(self, *, guild=None):
        return []

    monkeypatch.setattr(discord.app_commands.CommandTree, "sync", fake_sync)
    bot = create_bot(catalog, dev_guild=42)
    for name in bot_extensions():
        await bot.load_extension(name)
    await bot.sync_commands()
    names = {c.name for c in bot.tree.get_commands(guild=discord.Object(42))}
    assert names == {"compare", "cost", "faq", "model", "models", "top", "help", "settings", "workload", "watch", "changes", "history"}


def bot_extensions():
    from bot.app import extensions

    return extensions()
