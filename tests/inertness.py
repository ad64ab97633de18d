"""Is text the bot did not write live in a body it sends? Links, mentions and markdown, as Discord would read them.

``live_problems(body, hostile)`` lists what would be live in a message body (content, embeds, components)
or an autocomplete body: a link (masked ``[x](url)``, bare ``scheme://``, or ``<url>``) to a host in
``hostile.hosts``, anything Discord would render as a mention (``@everyone``, ``@here``, ``<@id>``,
``<@&id>``, ``<#id>``, ``</cmd:id>``), and any of ``hostile.markup`` (strings such as ``**Free**``) shown
verbatim, that is, not escaped. Escaping is judged as Discord's markdown does: a backslash before
punctuation makes it a plain character; a zero-width space inside ``://`` or after ``@`` unmakes a link or
a mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

_URL = re.compile(r"(?i)(?<![\\\w])[a-z][a-z0-9+.\-]*://[^\s<>\u200b]*")
_MASKED = re.compile(r"(?<!\\)\[(?:[^\[\]\\]|\\.)*\]\(\s*<?([^)\s>]*)")
_MENTION = re.compile(r"(?<!\\)<(?:@[!&]?\d+|#\d+|/[^:>\s]+:\d+)>|(?<![\\\w])@(?:everyone|here)\b")
_TEXT_KEYS = {"content", "title", "description", "name", "value", "text", "label", "placeholder", "url"}
_PLAIN = re.compile(r"\.(footer\.text|author\.name)$|\.choices\[|\.components\[")
"""Where Discord renders no markdown: footers, author names, components, autocomplete choices (a link or a
mention is still checked there)."""


@dataclass(frozen=True)
class Hostile:
    """What must never be live: links to these hosts, and these strings unescaped."""

    hosts: frozenset[str] = frozenset({"evil.example"})
    markup: tuple[str, ...] = field(default=())


def texts(body: Any) -> Iterator[tuple[str, str]]:
    """``(json path, text)`` of every string Discord shows in ``body``."""

    def walk(node: Any, path: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and key in _TEXT_KEYS:
                    yield f"{path}.{key}", value
                elif isinstance(value, (dict, list)):
                    yield from walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{path}[{index}]")

    yield from walk(body, "$")


def _host(url: str) -> str | None:
    try:
        return (urlsplit(url.strip("<>")).hostname or "").lower()
    except ValueError:
        return None


def _markup(markup: str) -> re.Pattern[str]:
    """``markup`` where it would format: not escaped, and at a line's start for a heading, list or quote."""
    if markup[:1] in "#->":
        return re.compile(r"(?m)^[ \t]*" + re.escape(markup))
    return re.compile(r"(?<!\\)" + re.escape(markup))


def live_problems(body: Any, hostile: Hostile = Hostile()) -> list[str]:
    problems = []
    for path, text in texts(body):
        urls = [m.group(0) for m in _URL.finditer(text)] + [m.group(1) for m in _MASKED.finditer(text)]
        for url in urls:
            host = _host(url)
            if host is None or any(host == h or host.endswith("." + h) for h in hostile.hosts):
                problems.append(f"{path}: live link {url!r} in {text[:200]!r}")
        for found in _MENTION.finditer(text):
            problems.append(f"{path}: live mention {found.group(0)!r} in {text[:200]!r}")
        if _PLAIN.search(path):
            continue
        for markup in hostile.markup:
            if _markup(markup).search(text):
                problems.append(f"{path}: {markup!r} shown as live markdown in {text[:200]!r}")
    return problems


def check_inert(bodies: Iterable[Any], hostile: Hostile = Hostile()) -> None:
    problems = [p for body in bodies for p in live_problems(body, hostile)]
    assert not problems, "text the bot did not write is live:\n" + "\n".join(problems[:20])
