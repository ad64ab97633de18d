"""The one place a failure becomes a reply: short and ephemeral for the user, the traceback in the log.

Commands raise ``UserError`` for bad input (an unknown model, an impossible number); the
command tree's ``on_error`` (``VersusTree``) and every view's ``on_error`` hand the error to
``report_error``. Nothing else catches exceptions, and no traceback ever reaches a user.
"""

from __future__ import annotations

import logging
import math

import discord
from discord import app_commands

from bot.limits import MESSAGE_CONTENT, clip
from bot.safety import NO_MENTIONS, echo

log = logging.getLogger("bot.errors")

FAILED = "Something went wrong while answering that. It has been logged; please try again later."
COOLDOWN = "Slow down a little: try again in {seconds:.0f} seconds."


class UserError(Exception):
    """Bad input from a user: ``message`` is shown to them as it is (already made safe)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class OptionRejected(app_commands.AppCommandError):
    """An option value discord.py cannot even read (``VersusTree.interaction_check``); ``message`` is for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def user_message(error: BaseException) -> str | None:
    """What to tell the user about an expected error, or None for a failure (a bug)."""
    if isinstance(error, (app_commands.CommandInvokeError, app_commands.TransformerError)) and error.__cause__:
        error = error.__cause__
    if isinstance(error, (UserError, OptionRejected)):
        return error.message
    if isinstance(error, app_commands.CommandSignatureMismatch):
        # A request without a required option, or with options this version no longer has (a forged
        # request, or a client that has not caught up with a sync): discord.py refuses it before the command.
        return "This command was sent without an option it needs; run it again from the command list."
    if isinstance(error, app_commands.CommandOnCooldown):
        return COOLDOWN.format(seconds=error.retry_after)
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use this command here."
    return None


async def report_error(interaction: discord.Interaction, error: BaseException) -> None:
    text = user_message(error)
    if text is None:
        log.error("%s failed (interaction %s)", describe(interaction), interaction.id, exc_info=error)
        text = FAILED
    if interaction.type is discord.InteractionType.autocomplete:
        await no_choices(interaction)  # an autocomplete has no message to answer with: no suggestions
        return
    await send_ephemeral(interaction, text)


async def no_choices(interaction: discord.Interaction) -> None:
    try:
        if not interaction.response.is_done():
            await interaction.response.autocomplete([])
    except discord.HTTPException:
        log.exception("could not answer autocomplete %s", interaction.id)


def describe(interaction: discord.Interaction) -> str:
    """What the user did, for the log: "/compare", or "component <custom id>" for a control."""
    if interaction.command is not None:
        return f"/{interaction.command.qualified_name}"
    custom_id = (interaction.data or {}).get("custom_id")
    return f"component {custom_id}" if custom_id else f"interaction of type {interaction.type}"


async def send_ephemeral(interaction: discord.Interaction, text: str) -> None:
    text = clip(text, MESSAGE_CONTENT)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException:
        log.exception("could not tell the user about an error in interaction %s", interaction.id)


class VersusTree(app_commands.CommandTree):
    """The command tree with the bot's single error handler."""

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        """Refuse, with a clear reply, option values discord.py would fail to read before any command runs.

        discord.py turns every number option (type 10) into a float while it reads the options: a value that
        is no number, or an integer too large for a float (``10**400``), raised there, outside any handler,
        and the interaction was never answered. Discord's client never sends such values; a forged request can.
        The same for a channel, user or role option whose value is not an id: discord.py reads it with ``int()``.
        """
        for name, kind, value, focused in _options(interaction.data or {}):
            if kind == NUMBER and not focused and not _readable_number(value):
                raise OptionRejected(f"The option {echo(name)} must be a number.")
            if kind in SNOWFLAKE_OPTIONS and not focused and not _snowflake(value):
                raise OptionRejected(f"The option {echo(name)} must name a channel, user or role of this server.")
        return True

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await report_error(interaction, error)


NUMBER = discord.AppCommandOptionType.number.value
SNOWFLAKE_OPTIONS = frozenset(
    t.value for t in (discord.AppCommandOptionType.user, discord.AppCommandOptionType.channel,
                      discord.AppCommandOptionType.role, discord.AppCommandOptionType.mentionable)
)
"""Options discord.py reads as an id (``int(value)``) before any command runs."""


def _snowflake(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 0 <= value < 1 << 64
    return isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 20


def _options(data: dict) -> list[tuple[str, object, object, bool]]:
    """``(name, type, value, focused)`` of every option of a command, subcommands' included."""
    out = []
    stack = list(data.get("options") or [])
    while stack:
        option = stack.pop()
        if not isinstance(option, dict):
            continue
        stack.extend(option.get("options") or [])
        out.append((str(option.get("name")), option.get("type"), option.get("value"), bool(option.get("focused"))))
    return out


def _readable_number(value: object) -> bool:
    if value is None or value == "":
        return True  # discord.py reads these as NaN; the command refuses NaN itself
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False
