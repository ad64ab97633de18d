"""Discord's limits, in one place, and the one splitter every renderer uses.

Numbers from Discord's documentation (Message and Interaction resources). Long content is
split at line boundaries, then at spaces, never inside a word, so a figure such as
``$1,625/month`` is never cut in two.
"""

from __future__ import annotations

from collections.abc import Iterable

EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
EMBED_FIELD_NAME = 256
EMBED_FIELD_VALUE = 1024
EMBED_FOOTER = 2048
EMBED_AUTHOR = 256
EMBEDS_TOTAL_CHARS = 6000
"""Characters across every embed of one message (titles, descriptions, fields, footers, authors)."""
EMBEDS_PER_MESSAGE = 10
MESSAGE_CONTENT = 2000
ACTION_ROWS = 5
BUTTONS_PER_ROW = 5
SELECT_OPTIONS = 25
SELECT_OPTION_LABEL = 100
SELECT_OPTION_DESCRIPTION = 100
BUTTON_LABEL = 80
CUSTOM_ID = 100
AUTOCOMPLETE_CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100
COMMAND_DESCRIPTION = 100
INTERACTION_DEADLINE_SECONDS = 3.0

ELLIPSIS = "…"


def split_text(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at line breaks, else at spaces.

    A single word longer than ``limit`` (no line break or space inside) is the only thing ever
    cut mid-word; catalog text has no such words, but user text might.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        for part in _fit_line(line, limit):
            candidate = part if not current else f"{current}\n{part}"
            if len(candidate) <= limit:
                current = candidate
            else:
                pieces.append(current)
                current = part
    if current or not pieces:
        pieces.append(current)
    return [p for p in pieces if p.strip()] or [""]


def split_lines(lines: Iterable[str], limit: int) -> list[str]:
    """Lines joined into pieces of at most ``limit`` characters, a line kept whole where it fits."""
    return split_text("\n".join(lines), limit)


def _fit_line(line: str, limit: int) -> list[str]:
    if len(line) <= limit:
        return [line]
    out: list[str] = []
    current = ""
    for word in line.split(" "):
        while len(word) > limit:  # an unbroken run longer than the limit: the only hard cut
            if current:
                out.append(current)
                current = ""
            out.append(word[:limit])
            word = word[limit:]
        candidate = word if not current else f"{current} {word}"
        if len(candidate) <= limit:
            current = candidate
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    return out


def clip(text: str, limit: int) -> str:
    """``text`` shortened to ``limit`` characters at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split()) if "\n" in text else text
    if len(text) <= limit:
        return text
    head = text[: limit - len(ELLIPSIS)]
    if " " in head and not text[len(head)].isspace():
        head = head.rsplit(" ", 1)[0]
    return head.rstrip() + ELLIPSIS
