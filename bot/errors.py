"""The one place a failure becomes a reply: short and ephemeral for the user, the traceback in the log.

Commands raise ``UserError`` for bad input (an unknown model, an impossible number); the
command tree's ``on_error`` (``VersusTree``) and every view's ``on_error`` hand the error to
``report_error``. Nothing else catches exceptions, and no traceback ever reaches a user.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.limits import MESSAGE_CONTENT, clip
from bot.safety import NO_MENTIONS

log = logging.getLogger("bot.errors")

FAILED = "Something went wrong while answering that. It has been logged; please try again later."
COOLDOWN = "Slow down a little: try again in {seconds:.0f} seconds."


class UserError(Exception):
    """Bad input from a user: ``message`` is shown to them as it is (already made safe)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def user_message(error: BaseException) -> str | None:
    """What to tell the user about an expected error, or None for a failure (a bug)."""
    if isinstance(error, (app_commands.CommandInvokeError, app_commands.TransformerError)) and error.__cause__:
        error = error.__cause__
    if isinstance(error, UserError):
        return error.message
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
        return  # an autocomplete has no message to answer with; the log has it
    await send_ephemeral(interaction, text)


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

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await report_error(interaction, error)
