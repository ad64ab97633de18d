"""FAQ in chat: "@Versus does grok 4.3 support vision?" gets the FAQ answer as a reply.

No privileged intent is needed: Discord delivers the content of a message that mentions the bot.
"""

from __future__ import annotations

import logging
import re

import discord
from discord.ext import commands

from bot.app import VersusBot
from bot.errors import FAILED
from bot.exts.faq import QUESTION_LIMIT, server_answer
from bot.reply import reply_to
from bot.safety import NO_MENTIONS

log = logging.getLogger(__name__)

HINT = "Ask me about models, e.g. `@Versus is grok 4.3 cheaper than gpt-4.1 mini?`, or use /help."
TOO_LONG = f"That question is too long; keep it under {QUESTION_LIMIT} characters."


def question_of(content: str, bot_id: int) -> str:
    """The message without the bot's mentions (``<@id>`` or ``<@!id>``), spaces tidied."""
    return " ".join(re.sub(rf"<@!?{bot_id}>", " ", content).split())


class Mention(commands.Cog):
    def __init__(self, bot: VersusBot):
        self.bot = bot

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        if me is None or message.author.bot or not any(u.id == me.id for u in message.mentions):
            return
        question = question_of(message.content, me.id)
        try:
            if not question:
                await message.reply(HINT, mention_author=False, allowed_mentions=NO_MENTIONS)
            elif len(question) > QUESTION_LIMIT:
                await message.reply(TOO_LONG, mention_author=False, allowed_mentions=NO_MENTIONS)
            else:
                book, note = await server_answer(self.bot, question, message.guild.id if message.guild else None)
                await reply_to(message, book, content=note)
        except Exception:  # one short line to the user, the traceback to the log
            log.exception("could not answer message %s in channel %s", message.id, message.channel.id)
            await self._apologise(message)

    async def _apologise(self, message: discord.Message) -> None:
        try:
            await message.reply(FAILED, mention_author=False, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException:
            pass


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(Mention(bot))
