"""A loopback fake Discord: REST and gateway on 127.0.0.1, enough for discord.py to run for real."""

from tests.fake_discord.server import (
    BOT_TOKEN,
    FakeDiscord,
    GatewaySession,
    Recorded,
    patch_discord,
)

__all__ = ["BOT_TOKEN", "FakeDiscord", "GatewaySession", "Recorded", "patch_discord"]
