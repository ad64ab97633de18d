"""What every source adapter shares: the snapshot it yields, the refusal it raises, the rules it applies.

A *source* is one public listing of models and prices (models.dev, OpenRouter's API, LiteLLM's price
map, pydantic's genai-prices). Its adapter turns one payload into ``ModelDraft``s, one a listing: a
model's facts as the source states them, plus at most one route (a models.dev creator file has none).
A ``Snapshot`` is those listings with where and when they were fetched; ``SnapshotMeta`` is the same
without the listings, what a store keeps beside the payload for the next conditional GET and for the
shrink rule (``check_shrink``).

Adapters keep only what Versus can use: chat and completion text models (no embeddings, image, speech,
moderation or rerank models) on providers Versus lists (``catalog.importers.providers``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from catalog.importers.draft import ModelDraft, Origin
from catalog.importers.errors import ImportReport

SOURCE_NAMES = ("models-dev", "openrouter", "litellm", "genai-prices")
"""The adapters, by the names ``versus catalog import --from`` and ``--source NAME=...`` use."""

SHRINK_LIMIT = 0.2
"""A snapshot listing more than this share fewer models than the last good one is refused."""


class SourceRefused(Exception):
    """A source's answer is not used; the message is one line: ``litellm: refused: HTTP 500 from ...``."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = one_line(reason)
        super().__init__(f"{source}: refused: {self.reason}")


class NotOurFormat(Exception):
    """Raised by an adapter: the payload is not its format at all. The message says why, in one line."""


def read_json(payload: bytes) -> object:
    """``payload`` parsed as JSON, or ``NotOurFormat`` saying in one line why it is not JSON at all."""
    try:
        return json.loads(payload)
    except UnicodeDecodeError:
        raise NotOurFormat("not JSON (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise NotOurFormat(f"not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None


def one_line(text: str, limit: int = 300) -> str:
    """``text`` on one line, at most ``limit`` characters: what an error message may repeat."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


@dataclass(frozen=True, slots=True)
class SnapshotMeta:
    """A snapshot without its listings: what was fetched, from where, when, and how many listings."""

    source: str
    label: str
    version: str | None
    url: str
    fetched_at: dt.datetime
    etag: str | None
    last_modified: str | None
    sha256: str
    count: int


@dataclass(eq=True, slots=True)
class Snapshot:
    """One source's listings as fetched.

    ``label`` names it for people (``LiteLLM 1.110.2``, ``models.dev (f3fc692)``); ``version`` is the
    release tag or commit when known; ``url`` what was fetched (a URL or a path); ``fetched_at`` when, in
    UTC; ``etag``/``last_modified`` the answer's validators, for the next conditional GET; ``sha256`` of
    the payload; ``drafts`` the listings, each citing the address that shows its figures.
    """

    source: str
    label: str
    version: str | None
    url: str
    fetched_at: dt.datetime
    etag: str | None
    last_modified: str | None
    sha256: str
    drafts: list[ModelDraft] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Provider listings (drafts with a route; models.dev's creator files are not counted, so its TOML
        tree and its api.json, which has none, count alike): what the shrink rule compares."""
        return count_listings(self.drafts)

    @property
    def meta(self) -> SnapshotMeta:
        return SnapshotMeta(
            self.source, self.label, self.version, self.url, self.fetched_at, self.etag, self.last_modified,
            self.sha256, self.count,
        )


@dataclass(frozen=True, slots=True)
class NotModified:
    """The source has nothing new since ``last_good`` (an HTTP 304, the same release, the same bytes)."""

    source: str
    last_good: SnapshotMeta
    reason: str


@dataclass(frozen=True, slots=True)
class Citing:
    """What an adapter needs to cite a listing: the source, its version, what was read, and when."""

    source: str
    version: str | None
    location: str
    fetched: dt.date

    def origin(self, url: str, title: str | None) -> Origin:
        return Origin(url, self.fetched, title, "fetched", self.source)


@dataclass(frozen=True, slots=True)
class Tree:
    """A folder of files read at once (models.dev's TOML tree): path relative to ``root`` -> bytes, in path order."""

    root: Path
    files: dict[str, bytes]

    @property
    def size(self) -> int:
        return sum(len(data) for data in self.files.values())

    @property
    def sha256(self) -> str:
        """Over each file's relative path and bytes, in path order."""
        digest = hashlib.sha256()
        for relative, data in self.files.items():
            digest.update(relative.encode() + b"\0" + data + b"\0")
        return digest.hexdigest()


Payload = bytes | Tree
"""A document's bytes, or (models.dev only) the files of its TOML tree."""


class TooBig(Exception):
    """A payload over the size cap; ``size`` is what was seen (at least)."""

    def __init__(self, size: int) -> None:
        self.size = size
        super().__init__(size)


class Adapter(Protocol):
    """One source's reader. Registered by ``name`` in ``catalog.sources.ADAPTERS``."""

    name: str
    title: str  # the source's name for people: "LiteLLM"

    def label(self, version: str | None) -> str:
        """``LiteLLM 1.110.2``; without a version, the source's plain name."""
        ...

    def version_of(self, location: str) -> str | None:
        """The release or commit a file name or URL shows (``.../v1.110.2/...``), if any."""
        ...

    def parse(self, payload: Payload, citing: Citing, report: ImportReport) -> list[ModelDraft]:
        """The listings of ``payload``; one bad entry is skipped (noted in ``report``), a payload that is
        not the format at all raises ``NotOurFormat``."""
        ...


def count_listings(drafts: list[ModelDraft]) -> int:
    return sum(1 for draft in drafts if draft.routes)


def check_shrink(source: str, count: int, last_good: SnapshotMeta | None) -> None:
    """Refuse a snapshot that lists more than a fifth fewer models than the last good one."""
    if last_good is None or last_good.count <= 0:
        return
    lost = (last_good.count - count) / last_good.count
    if lost > SHRINK_LIMIT:
        raise SourceRefused(
            source,
            f"lists {count:,} model{'s' if count != 1 else ''}, {lost:.0%} fewer than the last good snapshot "
            f"({last_good.count:,})",
        )


# --- what counts as a text model ---------------------------------------------------------------

_NOT_TEXT = re.compile(
    r"embed|rerank|moderation|whisper|(^|[-_./])tts|dall-e|imagen|image|audio|realtime|transcri|speech|"
    r"(^|[-_./])sora|(^|[-_./])veo|(^|[-_./])ocr|guard|(^|[-_./])lyria|music|(^|[-_./])flux",
    re.IGNORECASE,
)


def text_model_name(*names: str | None) -> bool:
    """False when an id or family names an embedding, image, speech, moderation or rerank model."""
    return not any(name and _NOT_TEXT.search(name) for name in names)


def commit_in(location: str) -> str | None:
    """A git commit (7 to 40 hex digits) that a URL's path names as one of its segments, if any."""
    for segment in re.split(r"[/@]", location):
        if re.fullmatch(r"[0-9a-f]{7,40}", segment) and not segment.isdigit():
            return segment
    return None
