"""SimCord with a real store: the bot's ``store`` open on ``database_url`` (SQLite, then PostgreSQL), a guild
with a manager (alice: Manage Server) and a member (bob). Import the fixtures into a test module."""

from __future__ import annotations

import discord
import pytest

from bot.app import create_bot
from bot.errors import UserError
from catalog.store import Store
from tests.bot.conftest import World, acknowledge_errors, validate_sent


@pytest.fixture
async def store(database_url):
    async with Store.open(database_url) as opened:
        yield opened


@pytest.fixture
def simcord_bot(catalog, store):
    bot = create_bot(catalog, shard_count=1)
    bot.store = store
    return bot


@pytest.fixture
async def world(simcord_env):
    """A guild whose owner (alice) may manage it and a member (bob) who may not."""
    await simcord_env.bot.tree.sync()
    guild = simcord_env.create_guild()
    channel = guild.create_text_channel("general")
    admins = guild.create_role("admins", permissions=discord.Permissions(manage_guild=True))
    alice = guild.add_member(simcord_env.create_user("alice"), roles=[admins])
    bob = guild.add_member(simcord_env.create_user("bob"))
    yield World(simcord_env, guild, channel, alice, bob)
    validate_sent(simcord_env)


def refused(world, result) -> str:
    """The ephemeral refusal's text; every error the bot saw was a UserError (bad input, not a bug)."""
    assert result.ephemeral
    errors = [e.__cause__ or e for e in acknowledge_errors(world.env)]
    assert errors and all(isinstance(e, UserError) for e in errors), errors
    return result.response.content


def text_of(result) -> str:
    embeds = result.response.embeds
    if embeds:
        return "\n".join(filter(None, [embeds[0].title, embeds[0].description, *[f.value for f in embeds[0].fields]]))
    return result.response.content or ""
