"""Text the bot did not write, shown so that it cannot format, link, ping or run long.

Two kinds of text reach Discord that the bot did not write: what a user typed (a question, a model name,
a vendor) and what the catalog holds (model names copied from an importer's snapshot, provider names,
source titles, the engine's sentences built from them). Both are shown as written and nothing more:

* ``inert(text)``: where Discord renders markdown (message content, embed descriptions, field names and
  values, titles). Markdown is escaped (``* _ ~ | ` [ ] < \\``, and ``# - >`` or ``1.`` where they would open
  a heading, list, quote or subtext), ``scheme://`` is broken with a zero-width space so no link is made of
  it (Discord links bare addresses, escaped or not), ``@everyone``/``@here``/``<@id>`` cannot mention, and
  bidirectional controls (which would reverse the bot's own text after them) are dropped. One line.
* ``plain(text)``: where Discord renders no markdown (footers, menu labels, autocomplete choices): one
  line, no bidirectional controls, no link, no mention.
* ``link(title, url)``: the only way a link is made: a masked link when ``checked_url`` accepts the URL
  (http or https, a host, no space, bracket, quote or angle bracket), else the title and the address as
  inert text.
* ``echo(text)``: a user's text quoted back in a message: ``inert``, at most ``ECHO_LIMIT`` characters.

Mentions are also off for every message the bot sends (``NO_MENTIONS``); escaping keeps them from even
looking like mentions.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import discord

from bot.limits import clip

ECHO_LIMIT = 80
"""How much of a user's text an error message quotes back."""

NO_MENTIONS = discord.AllowedMentions.none()

ZWSP = "\u200b"
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Bidirectional marks, embeddings, overrides and isolates."""
_MARKUP = re.compile(r"([\\*_~|`\[\]<>])")
"""Characters that open or close markdown anywhere in a line (``>`` only matters in ``<...>``, escaped anyway)."""
_LINE_START = re.compile(r"^(\s*\d*)([#+.\-])(?=[\s#])")
"""What opens a heading (``# ``), list item (``- ``, ``+ ``), subtext (``-# ``) or numbered item (``1. ``) at the
start of a line (``*`` and ``>`` are escaped wherever they are)."""
_SCHEME = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*):(?=/)")
"""A URL scheme (``https:`` in ``https://``): Discord links bare addresses even when escaped."""
_MENTION = re.compile(r"@(everyone|here|[!&]?\d{15,21})")

_UNSAFE_IN_URL = frozenset(" \t\r\n<>[]()\"'`\\{}|^")


def _one_line(text: object) -> str:
    return " ".join(_BIDI.sub("", str(text)).split())


def plain(text: object) -> str:
    """``text`` on one line for a place without markdown (footer, menu label, choice): no link, nothing that
    reads as a mention, no bidi control."""
    return _dead(_one_line(text))


def _dead(text: str) -> str:
    """No ``scheme://`` (so no link) and no ``@everyone``, ``@here`` or ``@id`` (so no mention)."""
    text = _SCHEME.sub(lambda m: f"{m[1]}:{ZWSP}", text) if ":" in text else text
    return _MENTION.sub(lambda m: f"@{ZWSP}{m[1]}", text) if "@" in text else text


def inert(text: object) -> str:
    """``text`` shown as written in a place that renders markdown: no formatting, link or mention (see the module)."""
    flat = _one_line(text)
    if not flat:
        return flat
    escaped = _MARKUP.sub(r"\\\1", flat)
    escaped = _LINE_START.sub(r"\1\\\2", escaped)
    return _dead(escaped)


def echo(text: object, limit: int = ECHO_LIMIT) -> str:
    """User text quoted back: one line of at most ``limit`` characters (before escaping), made ``inert``."""
    return inert(clip(_one_line(text), limit))


def checked_url(url: object) -> str | None:
    """``url`` when the renderer may make a link of it: http or https, a host, printable ASCII with no space,
    bracket, parenthesis, quote, angle bracket or backslash (nothing that could end or reshape the link)."""
    text = str(url)
    if not text.isascii() or not text.isprintable() or any(c in _UNSAFE_IN_URL for c in text):
        return None
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return text


def link(title: object, url: object) -> str:
    """A masked link ``[title](url)`` when ``checked_url`` accepts ``url``; else the title and the address as text."""
    shown = inert(str(title).replace("[", "(").replace("]", ")"))
    target = checked_url(url)
    if target is None:
        address = inert(url)
        return f"{shown} ({address})" if shown and address else shown or address
    return f"[{shown or inert(target)}]({target})"


def code(text: object) -> str:
    """``text`` as inline code (an id): backticks stop any markdown inside; text that holds one is ``inert``."""
    flat = plain(text)
    return f"`{flat}`" if flat and "`" not in flat else inert(text)
