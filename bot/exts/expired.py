"""Every click gets an answer: a control this process does not know (a reply from before a restart, one
whose controls timed out, a forged custom id) is answered, ephemerally, that it has expired and how to
ask again, never left for Discord to show "This interaction failed"."""

from __future__ import annotations

import discord
from discord.ext import commands

from bot.app import VersusBot
from bot.errors import send_ephemeral
from bot.views import TIMEOUT_SECONDS, dispatched_to_a_view

EXPIRED = (
    f"These controls have expired: they work for {TIMEOUT_SECONDS / 60:.0f} minutes after the reply, until the bot "
    "restarts. Run the command again (e.g. /compare or /models) for a fresh reply."
)


class Expired(commands.Cog):
    def __init__(self, bot: VersusBot):
        self.bot = bot

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        if interaction.type is discord.InteractionType.component and not dispatched_to_a_view(interaction):
            await send_ephemeral(interaction, EXPIRED)


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(Expired(bot))
