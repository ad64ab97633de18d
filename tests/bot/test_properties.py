"""Property tests: arbitrary text, unicode, very long strings and extreme numbers, fed to every command.

Each input gets a valid reply or a clear ephemeral error, never an exception, never the generic
failure message, and every body the bot sends passes Discord's contract. One SimCord world serves
every example (hypothesis and function-scoped fixtures do not mix), on its own event loop.
"""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import simcord
from bot.app import create_bot
from bot.errors import FAILED, UserError
from bot.exts.cost import MAX_REQUESTS, MAX_TOKENS
from bot.exts.faq import QUESTION_LIMIT
from tests.bot.conftest import validate_sent

EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

option_text = st.text(min_size=1, max_size=100)
model_text = st.one_of(
    option_text,
    st.sampled_from(["openai/gpt-4.1-mini", "xai/grok-4.3", "grok 4.3", "gpt", "claude", " ", "@everyone", "<@&1>"]),
)
question = st.text(min_size=1, max_size=QUESTION_LIMIT)
share = st.floats(min_value=0.0, max_value=1.0, allow_nan=False, allow_subnormal=True)


class World:
    """A bot in a guild, on a loop of its own, driven synchronously by hypothesis."""

    def __init__(self, catalog):
        self.loop = asyncio.new_event_loop()
        self.env = simcord.Env(create_bot(catalog, shard_count=1))
        self.loop.run_until_complete(self.env.start())
        self.run(self.env.bot.tree.sync())
        guild = self.env.create_guild()
        self.channel = guild.create_text_channel("general")
        self.alice = guild.add_member(self.env.create_user("alice"))
        self.checked = 0

    async def _timed(self, coro):
        with self.env.time_context():  # what SimCord's pytest plugin does around a test
            return await coro

    def run(self, coro):
        return self.loop.run_until_complete(self._timed(coro))

    def do(self, coro):
        start = len(self.env.http_requests)
        result = self.run(coro)
        self.checked += validate_sent(self.env, start)
        errors = self.env.errors
        unexpected = [e for e in errors if not isinstance(e.__cause__ or e, UserError)]
        assert not unexpected, unexpected
        self.env._errors.clear()
        return result

    def slash(self, command, /, **options):
        result = self.do(self.alice.slash(self.channel, command, **options))
        assert result.acknowledged
        if result.ephemeral:
            text = result.response.content
            assert text and text != FAILED
        else:
            assert result.response.embeds
        return result

    def close(self):
        self.loop.run_until_complete(self.env.shutdown())
        self.loop.close()


@pytest.fixture(scope="module")
def sim(bundled):
    world = World(bundled)
    yield world
    world.close()


@EXAMPLES
@given(name=model_text)
def test_model_any_text(sim, name):
    sim.slash("model", name=name)


@EXAMPLES
@given(a=model_text, b=model_text, c=st.none() | model_text, section=st.sampled_from(["overview", "pricing", "specs", "benchmarks", "faq"]))
def test_compare_any_text(sim, a, b, c, section):
    options = {"model_a": a, "model_b": b, "section": section}
    if c is not None:
        options["model_c"] = c
    sim.slash("compare", **options)


@EXAMPLES
@given(
    model=model_text,
    input_tokens=st.integers(0, MAX_TOKENS),
    output_tokens=st.integers(0, MAX_TOKENS),
    requests=st.integers(1, MAX_REQUESTS),
    period=st.sampled_from(["month", "day"]),
    cached=share,
    batch=share,
)
def test_cost_extreme_numbers(sim, model, input_tokens, output_tokens, requests, period, cached, batch):
    sim.slash(
        "cost", model=model, model_2="xai/grok-4.3", input_tokens=input_tokens, output_tokens=output_tokens,
        requests=requests, period=period, cached_share=cached, batch_share=batch,
    )


@EXAMPLES
@given(text=question)
def test_faq_any_question(sim, text):
    sim.slash("faq", question=text)


@EXAMPLES
@given(vendor=st.none() | option_text, capability=st.none() | st.sampled_from(["vision", "reasoning", "code_execution"]), sort=st.sampled_from(["name", "price", "context", "newest"]))
def test_models_any_filter(sim, vendor, capability, sort):
    options = {"sort": sort}
    if vendor is not None:
        options["vendor"] = vendor
    if capability is not None:
        options["capability"] = capability
    sim.slash("models", **options)


@EXAMPLES
@given(typed=st.text(max_size=100))
def test_autocomplete_any_text(sim, typed):
    choices = sim.do(sim.alice.autocomplete(sim.channel, "compare", "model_a", typed))
    assert len(choices) <= 25 and all(len(c["name"]) <= 100 for c in choices)


@EXAMPLES
@given(text=st.text(max_size=1900))
def test_mention_any_text(sim, text):
    me = sim.env.bot.user
    sim.do(sim.alice.send(sim.channel, f"{me.mention} {text}"))
    reply = sim.channel.last_message
    assert reply.author.id == me.id
    assert reply.content != FAILED
