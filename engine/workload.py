"""The workload a question states, read from its words: token sizes, volumes and shares.

"20k token prompts", "300k input", "2k output tokens", "prompts of 20k tokens" are sizes of one request;
"50k requests a day", "1M calls a month" are request volumes; "10M tokens a day" is a token volume,
split into requests by the request's own input/output ratio (the sizes the question gives, else the
defaults), and the answer says how it was split; "80% cached", "10% cache writes" and "30% via batch" are
shares. Every
number goes through ``engine.numbers`` (``read_count``, ``read_share``), the one reader of numbers people
type, and a number too large to price is a ``ValueError`` of one line.

``read_workload(text)`` returns None when the text states no workload at all, so a question without
numbers keeps the default traffic (and says so where it prices).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from engine import numbers
from engine.cost import DEFAULT_TRAFFIC, make_traffic
from engine.results import Traffic

_NUMBER = r"(\d[\d,_]*(?:\.\d+)?)\s*(k|m|b|thousand|million|billion)?\b"
_PER = r"\s*(?:in\s+)?(?:a|an|per|each|every|/)\s*(day|month)\b|\s+(daily|monthly)\b"
_TOKENS = r"[\s-]*(?:tokens?|toks?)"

_TOKEN_VOLUME = re.compile(_NUMBER + r"[\s-]*(input\s+|output\s+)?tokens?(?:" + _PER + ")")
_INPUT = (
    re.compile(_NUMBER + _TOKENS + r"[\s-]*(?:of\s+)?(?:input|prompt|context|in)s?\b"),
    re.compile(_NUMBER + r"[\s-]*(?:input|prompt)\b(?![\s-]*tokens?(?:" + _PER + "))"),
    re.compile(
        r"\b(?:prompts?|inputs?|requests?|calls?|queries|messages?)\s+(?:(?:a|per)\s+(?:day|month)\s+)?"
        r"(?:of|with|at|around|about)\s+" + _NUMBER + r"(?:\s*input)?" + _TOKENS + r"\b"
    ),
)
_OUTPUT = (
    re.compile(_NUMBER + _TOKENS + r"[\s-]*(?:of\s+)?(?:output|completion|response|answer|repl(?:y|ies)|out)s?\b"),
    re.compile(_NUMBER + r"[\s-]*(?:output|completion)\b(?![\s-]*tokens?(?:" + _PER + "))"),
    re.compile(
        r"\b(?:outputs?|responses?|answers?|completions?|repl(?:y|ies))\s+(?:of|with|at|around|about)\s+"
        + _NUMBER
        + _TOKENS
        + r"\b"
    ),
)
_REQUESTS = re.compile(
    _NUMBER + r"\s*(?:api\s+)?(?:requests?|calls?|queries|messages?|prompts?|conversations?|chats?|completions?)\b"
    r"(?:" + _PER + ")?"
)
_SHARE = r"(\d+(?:\.\d+)?)\s*%"
_CACHED = (
    re.compile(
        _SHARE + r"\s*(?:of\s+(?:the\s+)?(?:input|prompts?|tokens?|requests?)\s+)?(?:is\s+|are\s+)?"
        r"(?:cached|from\s+(?:the\s+)?cache|cache\s+(?:hits?|reads?)|prompt\s+cach)"
    ),
    re.compile(r"cache\s+hit\s+(?:rate|ratio)\s+(?:of\s+)?" + _SHARE),
)
_WRITTEN = re.compile(
    _SHARE + r"\s*(?:of\s+(?:the\s+)?(?:input|prompts?|tokens?)\s+)?(?:is\s+|are\s+)?"
    r"(?:cache[\s-]*writes?|written\s+(?:to|in)(?:to)?\s+(?:the\s+)?cache|cached?\s+writes?|writes?\s+to\s+(?:the\s+)?cache)"
)
_BATCH = re.compile(
    _SHARE + r"\s*(?:of\s+(?:the\s+)?requests?\s+)?(?:(?:is|are|sent|go(?:es)?)\s+)?"
    r"(?:via|by|through|in|on|as)\s+(?:the\s+|a\s+)?batch"
)


@dataclass(frozen=True, slots=True)
class WorkloadRead:
    traffic: Traffic
    said: tuple[str, ...] = ()
    """How a number was read where it took a choice, e.g. how a token volume was split into requests."""
    sizes: bool = False
    """A token size of a request was read (the question is about requests of a size)."""
    volume: bool = False
    """A volume (requests or tokens per day or month) was read."""
    shares: bool = False
    """A cached, cache-write or batch share was read."""


def _count(what: str, match: re.Match, maximum: int, group: int = 1) -> int:
    digits, scale = match.group(group), match.group(group + 1)
    return numbers.read_count(f"{digits}{scale or ''}", what, maximum)


def _per(match: re.Match, first: int) -> Literal["day", "month"] | None:
    found = match.group(first) or match.group(first + 1)
    if found is None:
        return None
    return "day" if found.startswith("day") or found == "daily" else "month"


def _first(patterns: tuple[re.Pattern, ...], text: str) -> re.Match | None:
    found = [m for m in (p.search(text) for p in patterns) if m is not None]
    return min(found, key=lambda m: m.start()) if found else None


def read_workload(text: str, base: Traffic = DEFAULT_TRAFFIC) -> WorkloadRead | None:
    """The traffic ``text`` states (on top of ``base`` for what it leaves out), or None when it states no
    number of a workload. ``ValueError`` (one line) for a number the engine cannot price."""
    text = " ".join(text.casefold().split())
    volume = _TOKEN_VOLUME.search(text)
    rest = text[: volume.start()] + " " + text[volume.end() :] if volume else text
    size_in = _first(_INPUT, rest)
    size_out = _first(_OUTPUT, rest)
    requests = _REQUESTS.search(rest)
    if requests is not None and size_in is not None and size_in.start() <= requests.start() < size_in.end():
        requests = None  # "prompts of 20k tokens" sizes a prompt; it does not count prompts
    written = _WRITTEN.search(text)
    cached = _first(_CACHED, text[: written.start()] + " " + text[written.end() :] if written else text)
    batch = _BATCH.search(text)
    if not any((volume, size_in, size_out, requests, cached, batch, written)):
        return None
    limit = numbers.MAX_TOKENS
    input_tokens = _count("input tokens", size_in, limit) if size_in else base.input_tokens
    output_tokens = _count("output tokens", size_out, limit) if size_out else base.output_tokens
    said: list[str] = []
    per: Literal["day", "month"] = base.per
    count = base.requests
    if requests is not None:
        count = _count("requests", requests, numbers.MAX_REQUESTS)
        per = _per(requests, 3) or "month"
    elif volume is not None:
        tokens = _count("tokens", volume, numbers.MAX_REQUESTS * limit)
        per = _per(volume, 4) or "month"
        side = (volume.group(3) or "").strip()
        each = {"input": input_tokens, "output": output_tokens}.get(side, input_tokens + output_tokens)
        if each == 0:
            raise ValueError("a request needs some tokens to split a token volume into requests")
        count = max(1, int((Decimal(tokens) / each).to_integral_value(ROUND_HALF_UP)))
        if count > numbers.MAX_REQUESTS:
            raise ValueError(f"requests must be at most {numbers.count(numbers.MAX_REQUESTS)}")
        kind = f"{side} tokens" if side else "tokens"
        sizes = "the question's request size" if size_in or size_out else "the default request size"
        if side:
            split = f"{numbers.count(each)} {side} tokens a request, {sizes}"
        else:
            share = Decimal(input_tokens) / (input_tokens + output_tokens)
            split = f"split {numbers.percent(share)} input, {numbers.percent(1 - share)} output as {sizes} is"
        said.append(
            f"{numbers.count(tokens)} {kind} a {per} read as {numbers.count(count)} requests a {per} of "
            f"{numbers.count(input_tokens)} input and {numbers.count(output_tokens)} output tokens each ({split})."
        )
    cached_share = numbers.read_share(cached.group(1) + "%", "the cached share") if cached else base.cached_share
    batch_share = numbers.read_share(batch.group(1) + "%", "the batch share") if batch else base.batch_share
    write_share = (
        numbers.read_share(written.group(1) + "%", "the cache-write share") if written else base.cache_write_share
    )
    traffic = make_traffic(
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        requests=count,
        per=per,
        cached_share=cached_share,
        batch_share=batch_share,
        cache_write_share=write_share,
        off_peak=base.off_peak,  # as the team's providers, the base's off-peak choice stays
        providers=base.providers,  # a team's providers stay: the question states a workload, not where to buy
    )
    return WorkloadRead(
        traffic,
        tuple(said),
        sizes=bool(size_in or size_out),
        volume=bool(requests or volume),
        shares=bool(cached or batch or written),
    )
