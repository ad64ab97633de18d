"""Echoing what a user typed without letting it format, ping or run long."""

from __future__ import annotations

import discord

from bot.limits import clip

ECHO_LIMIT = 80
"""How much of a user's text an error message quotes back."""

NO_MENTIONS = discord.AllowedMentions.none()


def echo(text: str, limit: int = ECHO_LIMIT) -> str:
    """User text made inert: one line, markdown and mentions escaped, at most ``limit`` characters."""
    flat = " ".join(str(text).split())
    short = clip(flat, limit)
    escaped = discord.utils.escape_markdown(short, as_needed=False)
    return discord.utils.escape_mentions(escaped)
