"""The splitter and the page packer: every embed within Discord's limits, nothing lost, no word cut."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot import limits
from bot.limits import clip, split_text
from bot.render.pages import embed_chars, field, pages
from tests import discord_contract as contract

words = st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters=" \n"), min_size=1, max_size=30)
line = st.lists(words, max_size=40).map(" ".join)
lines = st.lists(line, max_size=120)


def tokens(text: str) -> list[str]:
    return text.split()


@given(text=st.lists(line, max_size=200).map("\n".join), limit=st.integers(40, 5000))
def test_split_keeps_everything_and_cuts_no_word(text, limit):
    pieces = split_text(text, limit)
    assert all(len(p) <= limit for p in pieces)
    assert [t for p in pieces for t in tokens(p)] == tokens(text)


def test_split_prefers_line_boundaries():
    text = "\n".join(f"line {i}: $1,625/month" for i in range(300))
    pieces = split_text(text, 1000)
    assert len(pieces) > 1
    for piece in pieces:
        assert all(re.fullmatch(r"line \d+: \$1,625/month", row) for row in piece.split("\n"))


def test_an_unbroken_run_longer_than_the_limit_is_the_only_hard_cut():
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_clip():
    assert clip("short", 10) == "short"
    assert clip("one two three four", 12) == "one two…"
    assert len(clip("y" * 500, 100)) == 100


def _check(embeds):
    for embed in embeds:
        body = embed.to_dict()
        contract.check_embeds([body])
        assert embed_chars(embed) <= limits.EMBEDS_TOTAL_CHARS
        assert len(embed.fields) <= limits.EMBED_FIELDS


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(max_size=400),
    description=lines,
    fields=st.lists(st.tuples(st.text(min_size=0, max_size=300), lines), max_size=40),
    footer=st.none() | st.text(max_size=3000),
)
def test_pages_always_fit(title, description, fields, footer):
    embeds = pages(title, description, [field(n, v) for n, v in fields], footer=footer)
    _check(embeds)
    shown = [t for e in embeds for t in tokens(e.description or "")]
    assert shown == tokens("\n".join(description))
    values = [t for e in embeds for f in e.fields for t in tokens(f.value) if f.value != "\u200b"]
    assert values == [t for _, v in fields for t in tokens("\n".join(v))]


def test_long_field_continues():
    embeds = pages("T", [], [field("Routes", [f"provider {i}: $0.40/1M in" for i in range(200)])])
    names = [f.name for e in embeds for f in e.fields]
    assert names[0] == "Routes" and all(n == "Routes (continued)" for n in names[1:])
    assert len(embeds) >= 1
    _check(embeds)
