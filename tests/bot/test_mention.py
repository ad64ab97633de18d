"""FAQ in chat: a message mentioning the bot gets the FAQ answer as a reply; others are ignored."""

from __future__ import annotations

import logging

from bot.errors import FAILED
from bot.exts.faq import QUESTION_LIMIT
from bot.exts.mention import HINT, TOO_LONG, question_of


async def test_mention_gets_the_answer(world):
    me = world.env.bot.user
    sent = await world.alice.send(world.channel, f"{me.mention} does grok 4.3 support vision?")
    reply = world.channel.last_message
    assert reply.author.id == me.id
    assert reply.reference is not None and reply.reference.message_id == sent.id
    embed = reply.embeds[0]
    assert "does grok 4\\.3 support vision?" in embed.description or "does grok 4.3 support vision?" in embed.description
    assert "Grok 4.3" in embed.description and "vision" in embed.description.lower()


async def test_nickname_mention_form(world):
    me = world.env.bot.user
    await world.alice.send(world.channel, f"<@!{me.id}> is grok 4.3 open source?")
    assert world.channel.last_message.author.id == me.id


async def test_message_without_mention_is_ignored(world):
    sent = await world.alice.send(world.channel, "does grok 4.3 support vision?")
    assert world.channel.last_message.id == sent.id


async def test_bare_mention_gets_a_hint(world):
    me = world.env.bot.user
    await world.alice.send(world.channel, me.mention)
    assert world.channel.last_message.content == HINT


async def test_other_bots_are_ignored(world):
    me = world.env.bot.user
    robot = world.guild.add_member(world.env.create_user("robot", bot=True))
    sent = await robot.send(world.channel, f"{me.mention} is grok 4.3 open source?")
    assert world.channel.last_message.id == sent.id


async def test_unknown_question_gets_what_it_can_answer(world):
    me = world.env.bot.user
    await world.alice.send(world.channel, f"{me.mention} what is the meaning of life?")
    reply = world.channel.last_message
    assert reply.author.id == me.id and reply.embeds


def test_question_of_strips_only_the_bots_mentions():
    assert question_of("<@42> is <@7> cheaper? <@!42>", 42) == "is <@7> cheaper?"


async def test_too_long_question_gets_a_clear_message(world):
    me = world.env.bot.user
    await world.alice.send(world.channel, f"{me.mention} " + "is it cheap? " * (QUESTION_LIMIT // 12 + 2))
    reply = world.channel.last_message
    assert reply.author.id == me.id and reply.content == TOO_LONG


async def test_exception_while_answering_apologises_and_logs(world, monkeypatch, caplog):
    async def broken(bot, question, guild_id):
        raise RuntimeError("faq exploded: secret detail")

    listener = type(world.env.bot.get_cog("Mention")).on_message
    monkeypatch.setitem(listener.__globals__, "server_answer", broken)  # the loaded extension's own module
    me = world.env.bot.user
    with caplog.at_level(logging.ERROR, logger="bot.exts.mention"):
        sent = await world.alice.send(world.channel, f"{me.mention} does grok 4.3 support vision?")
    reply = world.channel.last_message
    assert reply.author.id == me.id and reply.content == FAILED
    assert reply.reference is not None and reply.reference.message_id == sent.id
    assert "secret detail" not in reply.content
    assert "faq exploded" in caplog.text and "Traceback" in caplog.text
