"""SimCord fixtures for the bot: the bot under test, a guild with a user, and the contract check.

Every REST body the bot sends in a test is validated after the test against Discord's OpenAPI spec
(where ../shared is present) and the limits the spec cannot express (always), and must not ping.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pytest

pytest.importorskip("catalog.resolver", reason="the bot needs catalog.resolver (issue 2), not landed yet")

from bot.app import create_bot  # noqa: E402
from tests import discord_contract as contract  # noqa: E402

MESSAGE_ROUTES = ("validate_callback", "validate_message", "validate_followup", "validate_webhook_edit", "validate_message_edit")


@pytest.fixture(scope="session")
def catalog(bundled):
    return bundled


@pytest.fixture
def simcord_bot(catalog):
    bot = create_bot(catalog, shard_count=1)
    # /cost's chart is drawn after the reply (in the bot's chart worker process, started at the first chart),
    # and an interaction settles only once it is attached: off here, so that the tests do not wait for charts;
    # on in tests/bot/test_cost_chart.py (the fake Discord's tests draw them).
    bot.cost_charts = False
    return bot


@dataclass
class World:
    env: object
    guild: object
    channel: object
    alice: object
    bob: object


def validate_sent(env, start: int = 0) -> int:
    """Validate every body the bot sent from request number ``start`` on; returns how many were checked."""
    checked = 0
    for request in env.http_requests[start:]:
        if request.json is None:
            continue
        name = contract.validate_request(request.method, request.path, request.json, require_spec=contract.spec_available())
        if name in MESSAGE_ROUTES and not (isinstance(request.json, dict) and request.json.get("type") in (8,)):
            body = request.json
            if body.get("type") in (4, 7) or "type" not in body:
                contract.check_mentions_off(body, what=f"{request.method} {request.path}")
        checked += name is not None
    return checked


@pytest.fixture
async def world(simcord_env):
    """The bot with its commands synced, a guild, a channel and two members; bodies checked after."""
    await simcord_env.bot.tree.sync()
    guild = simcord_env.create_guild()
    channel = guild.create_text_channel("general")
    alice = guild.add_member(simcord_env.create_user("alice"))
    bob = guild.add_member(simcord_env.create_user("bob"))
    yield World(simcord_env, guild, channel, alice, bob)
    validate_sent(simcord_env)


def acknowledge_errors(env) -> list[BaseException]:
    """The errors the bot's tree handler saw (SimCord re-raises unread ones at teardown)."""
    return env.errors


@pytest.fixture
def bot_log(caplog):
    caplog.set_level(logging.INFO)
    return caplog
