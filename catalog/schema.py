"""The catalog's schema: the types carry the rules, so invalid data cannot be built.

Conventions kept by every type here:

* Prices are USD per 1M tokens, as ``Decimal`` so that arithmetic on them is exact.
* A fact the sources do not publish is *unknown*. In TOML it is written as the string
  ``"unknown"``; in Python it is ``None`` (scalars) or ``Tri.UNKNOWN`` (yes/no facts).
  Required keys stay required: leaving a key out is an error, not a silent "no" or "$0".
* Every fact carries its source and a date that says what happened on it (``Dated``): a
  listing *fetched* from a public source, a page a person *read* (a stored copy) for a curated
  correction, a page a person *checked* live, or a rule Versus *decided* by. A model's facts are
  covered by ``[[sources]]`` entries and a route's figures by its own ``[[routes.sources]]``, each
  naming what it backs (``covers``); a known fact no source covers is an error. Benchmarks carry
  their ``source`` and the ``date`` of the result.
* Where sources disagree on a figure (a price by more than 2%, a context window at all), the
  figure keeps the value precedence chose and a ``Disagreement`` lists every source's value.
* A route has a lifecycle (``status``): active, deprecated (with the announced date) or retired
  (since a date). A model whose routes are all retired is retired.

The types are plain frozen dataclasses (``catalog.record.Record``): importing them, or reading a catalog back
from the warm cache, imports none of pydantic's validator machinery. pydantic checks data where it comes in
(``Model.validate(table)``): each field's type and its own rules, given in its annotation (``Rules``), so
that an error names the field; then the class's ``__post_init__``, which holds the rules that span fields.
Building a type directly (``Model(...)``, ``.replace()``) runs ``__post_init__`` alone: code that builds one
passes values of the declared types.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from catalog.record import Record, Rules

UNKNOWN = "unknown"


def _unknown_to_none(value: Any) -> Any:
    """``"unknown"`` (any case) in a data file means the fact is not published."""
    if isinstance(value, str) and value.strip().lower() == UNKNOWN:
        return None
    return value


class Tri(StrEnum):
    """A yes/no fact that may be unknown. Unknown never counts as yes or no."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    @classmethod
    def _missing_(cls, value: object) -> Tri | None:
        if value is True:
            return cls.YES
        if value is False:
            return cls.NO
        if isinstance(value, str):
            lowered = value.strip().lower()
            for member in cls:
                if member.value == lowered:
                    return member
        return None

    @property
    def known(self) -> bool:
        return self is not Tri.UNKNOWN


# --- scalar types -------------------------------------------------------------------------


def _pydantic() -> Any:
    """pydantic's public names, imported when a rule is first made (a first validation), not at import."""
    import pydantic

    return pydantic


NonEmptyStr = Annotated[
    str, Rules(lambda: [_pydantic().StringConstraints(strip_whitespace=True, min_length=1, max_length=200)])
]

MODEL_ID_PATTERN = r"^[a-z0-9][a-z0-9.\-]*/[a-z0-9][a-z0-9._\-]*$"
ModelId = Annotated[
    str,
    Rules(
        lambda: [
            _pydantic().StringConstraints(
                strip_whitespace=True, to_lower=True, pattern=MODEL_ID_PATTERN, max_length=120
            )
        ]
    ),
]
"""A canonical id: ``creator/model``, lower case, e.g. ``openai/gpt-4.1-mini``."""

PRICE_STEP = Decimal("0.000001")
Price = Annotated[Decimal, Rules(lambda: [_pydantic().Field(ge=0, le=Decimal("100000"), multiple_of=PRICE_STEP)])]
"""USD per 1M tokens: 0 to 100,000 with at most 6 decimal places.

``multiple_of`` is the 6-places rule (the loader words its error so); it costs a third less than
``decimal_places``, whose digit count builds Python tuples for every price. ``max_digits`` is implied: at most
6 whole digits and 6 places.
"""

TokenCount = Annotated[int, Rules(lambda: [_pydantic().Field(gt=0, le=1_000_000_000)])]

_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def _check_partial_date(value: str) -> str:
    if not _PARTIAL_DATE.match(value):
        raise ValueError("must be a date written YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _date_to_text(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


PartialDate = Annotated[
    str, Rules(lambda: [_pydantic().BeforeValidator(_date_to_text), _pydantic().AfterValidator(_check_partial_date)])
]
"""A date known to the year, month or day, e.g. a knowledge cutoff of ``2024-06``."""

_PARAMS = re.compile(r"^~?\d+(\.\d+)?[BMT]( total| active)?$|^~?\d+(\.\d+)?[BMT] total, \d+(\.\d+)?[BMT] active$")


def _check_parameters(value: str) -> str:
    if not _PARAMS.match(value):
        raise ValueError('must read like "8B", "~0.5T" or "671B total, 37B active"')
    return value


ParameterCount = Annotated[str, Rules(lambda: [_pydantic().AfterValidator(_check_parameters)])]


class _UrlRules:
    """pydantic-core's URL check (length, parsing, normalisation: ``HttpUrl``'s rules, without the Python
    validator ``HttpUrl`` wraps every value in), keeping the normalised address as text."""

    def __get_pydantic_core_schema__(self, _source: Any, _handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(
            str, core_schema.url_schema(allowed_schemes=["http", "https", "file"], max_length=2083)
        )


Url = Annotated[str, _UrlRules()]
"""An http(s) URL, or a ``file:`` URL for a listing read from a local copy whose public address cannot be
told (``versus catalog refresh --source NAME=PATH``: the person who gave the path can open it). Only http(s)
addresses become links."""

# Unknown-able wrappers: the key is required, the value may be "unknown".
_UNKNOWN_IS_NONE = Rules(lambda: [_pydantic().BeforeValidator(_unknown_to_none)])
MaybeDate = Annotated[dt.date | None, _UNKNOWN_IS_NONE]
MaybePartialDate = Annotated[PartialDate | None, _UNKNOWN_IS_NONE]
MaybeTokens = Annotated[TokenCount | None, _UNKNOWN_IS_NONE]
MaybePrice = Annotated[Price | None, _UNKNOWN_IS_NONE]
MaybeText = Annotated[NonEmptyStr | None, _UNKNOWN_IS_NONE]
MaybeParameters = Annotated[ParameterCount | None, _UNKNOWN_IS_NONE]


class Modality(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"
    PDF = "pdf"


class Capability(StrEnum):
    """The capabilities every model states, in the order surfaces show them."""

    VISION = "vision"
    MULTIMODAL = "multimodal"
    REASONING = "reasoning"
    FUNCTION_CALLING = "function_calling"
    TOOL_USE = "tool_use"
    STRUCTURED_OUTPUTS = "structured_outputs"
    CODE_EXECUTION = "code_execution"

    @property
    def label(self) -> str:
        return CAPABILITY_LABELS[self]


CAPABILITY_LABELS: dict[Capability, str] = {
    Capability.VISION: "Vision",
    Capability.MULTIMODAL: "Multimodal",
    Capability.REASONING: "Reasoning",
    Capability.FUNCTION_CALLING: "Function calling",
    Capability.TOOL_USE: "Tool use",
    Capability.STRUCTURED_OUTPUTS: "Structured outputs",
    Capability.CODE_EXECUTION: "Code execution",
}


class Tag(StrEnum):
    """Decision-fit tags: what a model is a good choice for. Curated by Versus."""

    CODING = "Coding"
    RAG = "RAG"
    AGENTS = "Agents"
    LONG_CONTEXT = "Long context"
    REASONING = "Reasoning"
    VISION = "Vision"
    CHAT = "Chat"
    LOW_COST = "Low cost"
    LOW_LATENCY = "Low latency"
    MULTILINGUAL = "Multilingual"
    SELF_HOSTING = "Self-hosting"
    CREATIVE_WRITING = "Creative writing"
    AUDIO = "Audio"


class Verification(StrEnum):
    VENDOR = "vendor-reported"
    INDEPENDENT = "independent"


def _at_least(count: int) -> Rules:
    """A tuple of at least ``count`` members."""
    return Rules(lambda: [_pydantic().Field(min_length=count)])


def _checked_by(check: Any, at_least: int = 0) -> Rules:
    """A field's own rule (``check(value)`` returns the value or raises ``ValueError``), checked where data comes
    in, so that its error names the field; with ``at_least``, a tuple of at least that many members."""
    return Rules(
        lambda: [*([_pydantic().Field(min_length=at_least)] if at_least else []), _pydantic().AfterValidator(check)]
    )


class Strict(Record):
    """Base for every catalog type: unknown keys (typos) are errors, text is stripped; values are frozen."""

    __pydantic_config__ = {"extra": "forbid", "str_strip_whitespace": True}


class Dated(Strict):
    """The date behind a source, and what happened on it: exactly one of the four is given.

    * ``fetched``: a program downloaded the listing on that day (a snapshot's fetch date);
    * ``read``: a person read the page on that day, from a stored copy (curated corrections);
    * ``checked``: a person checked the live page on that day;
    * ``decided``: a rule of Versus's own (``catalog/CURATION.md``) was applied on that day.
    """

    fetched: dt.date | None = None
    read: dt.date | None = None
    checked: dt.date | None = None
    decided: dt.date | None = None

    def __post_init__(self) -> None:
        given = [name for name in DATE_KINDS if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of fetched, read, checked or decided (the date and what happened on it)")

    @property
    def how(self) -> str:
        """``fetched``, ``read``, ``checked`` or ``decided``."""
        for name in DATE_KINDS:
            if getattr(self, name) is not None:
                return name
        raise AssertionError("validated: one date is given")

    @property
    def date(self) -> dt.date:
        return getattr(self, self.how)

    @property
    def dated(self) -> str:
        """``fetched 2026-11-20``, ``read 2026-11-22 from a stored copy``, ``checked 2026-11-22``, ``decided ...``."""
        suffix = " from a stored copy" if self.how == "read" else ""
        return f"{self.how} {self.date.isoformat()}{suffix}"


DATE_KINDS = ("fetched", "read", "checked", "decided")


class RouteStatus(StrEnum):
    """Where a route is in its life. Only an active or deprecated route is sold today."""

    ACTIVE = "active"
    DEPRECATED = "deprecated"  # still sold; retirement announced (for ``deprecation_date``, when a source gives one)
    RETIRED = "retired"  # no longer sold: past its deprecation date, or no source lists it any more


_HH_MM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _check_time_of_day(value: str) -> str:
    if not _HH_MM.match(value):
        raise ValueError('must be a UTC time of day written "HH:MM", e.g. "16:30"')
    return value


TimeOfDay = Annotated[str, Rules(lambda: [_pydantic().AfterValidator(_check_time_of_day)])]


WEEK = (1, 2, 3, 4, 5, 6, 7)
"""ISO days of the week: 1 is Monday, 7 Sunday."""


class OffPeak(Strict):
    """Prices that replace the route's standard prices in a window of UTC time, on some days of the week.

    The route's own ``input``/``output`` are the standard (peak) prices; estimates use them unless
    asked for off-peak. A window may run past midnight (genai-prices' DeepSeek window, ``16:30`` to
    ``00:30`` UTC); ``start`` equal to ``end`` is the whole day (LiteLLM's DeepSeek weekends). ``days`` are
    the ISO days the window starts on (1 Monday to 7 Sunday), every day unless given.
    """

    start: TimeOfDay
    end: TimeOfDay
    days: Annotated[
        tuple[Annotated[int, Rules(lambda: [_pydantic().Field(ge=1, le=7)])], ...], _checked_by(_days_in_order)
    ] = WEEK
    input: Price
    output: Price
    cached_input: Price | None = None


def _days_in_order(days: tuple[int, ...]) -> tuple[int, ...]:
    if not days or list(days) != sorted(set(days)):
        raise ValueError("days must be distinct ISO weekdays (1 Monday to 7 Sunday) in order")
    return days


class PriceChange(Strict):
    """Prices announced for a later date: from ``starts`` on they replace the route's prices."""

    starts: dt.date
    input: Price
    output: Price
    cached_input: Price | None = None
    cache_write: Price | None = None


class SourceValue(Strict):
    """One source's value for a figure, as that source states it."""

    source: NonEmptyStr
    value: NonEmptyStr
    url: Url


class Disagreement(Strict):
    """Sources that state a figure differently; the catalog's value is the precedence's choice."""

    field: NonEmptyStr
    values: Annotated[tuple[SourceValue, ...], _at_least(2)]


class Capabilities(Strict):
    """Every capability must be stated: yes, no or unknown. None may be left out."""

    vision: Tri
    multimodal: Tri
    reasoning: Tri
    function_calling: Tri
    tool_use: Tri
    structured_outputs: Tri
    code_execution: Tri

    def get(self, capability: Capability) -> Tri:
        return getattr(self, capability.value)

    def items(self) -> list[tuple[Capability, Tri]]:
        return [(c, self.get(c)) for c in Capability]


class Benchmark(Strict):
    name: NonEmptyStr
    score: Annotated[float, Rules(lambda: [_pydantic().Field(ge=-1e6, le=1e6)])]
    unit: Literal["%", "points", "elo", "score"] = "%"
    source: Url
    date: dt.date
    verification: Verification
    notes: str | None = None


class PriceTier(Strict):
    """Prices that apply to a whole request whose input passes ``above_input_tokens``."""

    above_input_tokens: TokenCount
    input: Price
    output: Price
    cached_input: Price | None = None
    cache_write: Price | None = None


RouteField = Literal["prices", "cache", "batch", "tiers", "off_peak", "scheduled", "context_window", "lifecycle"]
"""What a route source can back: ``prices`` (input and output), ``cache`` (cached input, cache write),
``batch``, ``tiers``, ``off_peak``, ``scheduled`` (announced prices), ``context_window`` and
``lifecycle`` (the deprecation date)."""


class RouteSource(Dated):
    """A listing some of the route's figures come from, at an address a person can open."""

    url: Url
    title: str | None = None
    covers: Annotated[tuple[RouteField, ...], _at_least(1)]


def _tiers_ascending(tiers: tuple[PriceTier, ...]) -> tuple[PriceTier, ...]:
    thresholds = [t.above_input_tokens for t in tiers]
    if thresholds != sorted(set(thresholds)):
        raise ValueError("tiers must have distinct above_input_tokens in ascending order")
    return tiers


def _scheduled_ascending(changes: tuple[PriceChange, ...]) -> tuple[PriceChange, ...]:
    dates = [c.starts for c in changes]
    if dates != sorted(set(dates)):
        raise ValueError("scheduled changes must have distinct dates in ascending order")
    return changes


class Route(Strict):
    """One way to buy the model: a provider, the model's id there, and its prices per 1M tokens.

    ``input``/``output`` are required and may be ``"unknown"``; the optional prices are left
    out where the provider offers no such price. Every known figure is backed by one of
    ``sources`` (``covers``); figures may come from different sources, by the precedence
    written in ``catalog/reconcile.py``.
    """

    provider: NonEmptyStr
    model_id: NonEmptyStr
    input: MaybePrice
    output: MaybePrice
    cached_input: Price | None = None
    cache_write: Price | None = None
    batch_input: Price | None = None
    batch_output: Price | None = None
    tiers: Annotated[tuple[PriceTier, ...], _checked_by(_tiers_ascending)] = ()
    off_peak: tuple[OffPeak, ...] = ()
    scheduled: Annotated[tuple[PriceChange, ...], _checked_by(_scheduled_ascending)] = ()
    context_window: MaybeTokens
    status: RouteStatus = RouteStatus.ACTIVE
    deprecation_date: dt.date | None = None
    retired_since: dt.date | None = None
    sources: Annotated[tuple[RouteSource, ...], _at_least(1)]
    disagreements: tuple[Disagreement, ...] = ()

    @property
    def priced(self) -> bool:
        """True when both the input and output prices are published."""
        return self.input is not None and self.output is not None

    @property
    def sold(self) -> bool:
        """True unless the route is retired."""
        return self.status is not RouteStatus.RETIRED

    @property
    def source(self) -> RouteSource:
        """The source of the route's prices (else its first source)."""
        for source in self.sources:
            if "prices" in source.covers:
                return source
        return self.sources[0]

    def source_of(self, field: str) -> RouteSource | None:
        """The source backing ``field`` (a ``RouteField``), if any."""
        for source in self.sources:
            if field in source.covers:
                return source
        return None

    def __post_init__(self) -> None:
        if (self.batch_input is None) != (self.batch_output is None):
            raise ValueError("batch_input and batch_output go together: give both or neither")
        if self.tiers and not self.priced:
            raise ValueError("a route with long-context tiers needs its base input and output prices")
        if self.status is RouteStatus.RETIRED and self.retired_since is None:
            raise ValueError("a retired route needs retired_since (the date it stopped)")
        if self.status is not RouteStatus.RETIRED and self.retired_since is not None:
            raise ValueError("retired_since is only for a retired route")
        covered: set[str] = set()
        for source in self.sources:
            covered.update(source.covers)
        missing = [name for name, known in self._known_figures() if known and name not in covered]
        if missing:
            raise ValueError("every known figure needs a source: no routes.sources entry covers " + ", ".join(missing))

    def _known_figures(self) -> tuple[tuple[str, bool], ...]:
        return (
            ("prices", self.input is not None or self.output is not None),
            ("cache", self.cached_input is not None or self.cache_write is not None),
            ("batch", self.batch_input is not None),
            ("tiers", bool(self.tiers)),
            ("off_peak", bool(self.off_peak)),
            ("scheduled", bool(self.scheduled)),
            ("context_window", self.context_window is not None),
            ("lifecycle", self.deprecation_date is not None),
        )


SourcedField = Literal[
    "release_date",
    "knowledge_cutoff",
    "context_window",
    "max_output_tokens",
    "parameters",
    "architecture",
    "licence",
    "open_weights",
    "modalities",
    "capabilities",
    "tags",
]


CURATION_DOC = "catalog/CURATION.md"
"""A source for what Versus itself decides (decision-fit tags): the curation rules, in this repo."""


class Source(Dated):
    """Where some of a model's facts come from (``covers``), and the date behind them."""

    url: Url | Literal["catalog/CURATION.md"]
    covers: Annotated[tuple[SourcedField, ...], _at_least(1)]
    title: str | None = None


class Model(Strict):
    id: ModelId
    name: NonEmptyStr
    vendor: NonEmptyStr
    family: NonEmptyStr
    release_date: MaybeDate
    knowledge_cutoff: MaybePartialDate
    context_window: MaybeTokens
    max_output_tokens: MaybeTokens
    parameters: MaybeParameters
    architecture: MaybeText
    licence: MaybeText
    open_weights: Tri
    input_modalities: Annotated[tuple[Modality, ...], _checked_by(_no_repeats, at_least=1)]
    output_modalities: Annotated[tuple[Modality, ...], _checked_by(_no_repeats, at_least=1)]
    capabilities: Capabilities
    tags: Annotated[tuple[Tag, ...], _checked_by(_no_repeats)] = ()
    aliases: Annotated[tuple[NonEmptyStr, ...], _checked_by(_no_repeats)] = ()
    sources: Annotated[tuple[Source, ...], _at_least(1)]
    benchmarks: Annotated[tuple[Benchmark, ...], _checked_by(_one_score_per_benchmark)] = ()
    routes: Annotated[tuple[Route, ...], _checked_by(_one_route_per_provider)] = ()
    disagreements: tuple[Disagreement, ...] = ()

    @property
    def creator(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def slug(self) -> str:
        return self.id.split("/", 1)[1]

    def capability(self, capability: Capability) -> Tri:
        return self.capabilities.get(capability)

    @property
    def retired(self) -> bool:
        """True when the model has routes and every one of them is retired."""
        return bool(self.routes) and not any(r.sold for r in self.routes)

    @property
    def retired_since(self) -> dt.date | None:
        """When the last of its routes stopped, for a retired model."""
        if not self.retired:
            return None
        return max(r.retired_since for r in self.routes if r.retired_since is not None)

    @property
    def updated(self) -> dt.date:
        """The newest date behind the model's facts and figures (fetched, read or checked): what its data is
        as of. The date of a Versus rule (``decided``) does not count: it says nothing about the model."""
        dates = [s.date for s in self.sources if s.how != "decided"]
        dates += [s.date for r in self.routes for s in r.sources if s.how != "decided"]
        return max(dates, default=max(s.date for s in self.sources))

    def __post_init__(self) -> None:
        self._facts_are_sourced()

    def _facts_are_sourced(self) -> None:
        covered: set[str] = set()
        for source in self.sources:
            covered.update(source.covers)
        if len(covered) == len(_SOURCED_FIELDS):
            return  # every fact is covered
        values = self.__dict__
        unknown = Tri.UNKNOWN
        missing = []
        for field in _SOURCED_FIELDS:  # in sorted order
            if field in covered:
                continue
            if field == "modalities":
                is_known = True
            elif field == "capabilities":
                caps = values["capabilities"].__dict__
                is_known = any(caps[c] is not unknown for c in _CAPABILITY_FIELDS)
            elif field == "tags":
                is_known = bool(values["tags"])
            elif field == "open_weights":
                is_known = values["open_weights"] is not unknown
            else:
                is_known = values[field] is not None
            if is_known:
                missing.append(field)
        if missing:
            raise ValueError("every known fact needs a source: no [[sources]] entry covers " + ", ".join(missing))


def _no_repeats(values: tuple[Any, ...]) -> tuple[Any, ...]:
    seen: set[str] = set()
    for value in values:
        key = str(value).casefold()
        if key in seen:
            raise ValueError(f"{value!s} is listed twice")
        seen.add(key)
    return values


def _one_each(name_of: Any, twice: str) -> Any:
    """A rule for a tuple whose members' names (``name_of``, any case) must differ; ``twice`` words the error,
    ``{!r}`` the first name that repeats."""

    def check(values: tuple[Any, ...]) -> tuple[Any, ...]:
        names = [name_of(value).casefold() for value in values]
        if len(set(names)) != len(names):
            raise ValueError(twice.format(next(name for name in names if names.count(name) > 1)))
        return values

    return check


_one_score_per_benchmark = _one_each(lambda b: b.name, "benchmark {!r} is listed twice; keep one score per benchmark")
_one_route_per_provider = _one_each(lambda r: r.provider, "provider {!r} has two routes; keep one per provider")


_CAPABILITY_FIELDS = tuple(c.value for c in Capability)
_SOURCED_FIELDS = tuple(sorted(SourcedField.__args__))
"""Every field a source can cover, in the order errors list them."""
