"""What the store returns about a snapshot or a catalog version: the columns, never the payload."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from catalog.changes import Change, ChangeKind


@dataclass(frozen=True, slots=True)
class SnapshotRecord:
    """One source's listing as fetched: ``source`` is the source's name (``litellm``, ``models-dev``,
    ``openrouter``, ``genai-prices``), ``label`` how a person calls it ("LiteLLM 1.110.2"), ``version`` its
    release or commit where it has one, ``url`` where it came from, ``fetched_at`` when (with a zone),
    ``etag``/``last_modified`` for the next conditional GET, ``sha256`` of its content and ``count`` the
    models it lists."""

    source: str
    label: str
    url: str
    fetched_at: dt.datetime
    sha256: str
    count: int
    version: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    def __post_init__(self) -> None:
        if self.fetched_at.tzinfo is None:
            raise ValueError("SnapshotRecord.fetched_at needs a time zone")

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> SnapshotRecord:
        return cls(
            source=row["source"],
            label=row["label"],
            url=row["url"],
            fetched_at=row["fetched_at"],
            sha256=row["sha256"],
            count=row["count"],
            version=row["version"],
            etag=row["etag"],
            last_modified=row["last_modified"],
        )

    def columns(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "label": self.label,
            "version": self.version,
            "url": self.url,
            "fetched_at": self.fetched_at,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "sha256": self.sha256,
            "count": self.count,
        }


@dataclass(frozen=True, slots=True)
class VersionRecord:
    """One refreshed catalog: ``id`` (increasing), when it was written, the date its data is as of, how
    many models and routes it holds, the sha256 of its payload, the snapshots it was built from
    (``sources``, as the caller gave them) and a one-paragraph ``summary`` of what changed."""

    id: int
    created_at: dt.datetime
    as_of: dt.date
    models: int
    routes: int
    sha256: str
    sources: Mapping[str, Any]
    summary: str

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> VersionRecord:
        return cls(
            id=row["id"],
            created_at=row["created_at"],
            as_of=row["as_of"],
            models=row["models"],
            routes=row["routes"],
            sha256=row["sha256"],
            sources=row["sources"],
            summary=row["summary"],
        )


def change_from_row(row: Mapping[str, Any]) -> Change:
    """A ``Change`` from a row of the ``changes`` table."""
    return Change(
        kind=ChangeKind(row["kind"]),
        model_id=row["model_id"],
        model_name=row["model_name"],
        vendor=row["vendor"],
        date=row["date"],
        source=row["source"],
        source_url=row["source_url"],
        provider=row["provider"],
        field=row["field"],
        old=row["old"],
        new=row["new"],
    )


def change_row(version_id: int, change: Change) -> dict[str, Any]:
    """A row of the ``changes`` table for ``change``, recorded by version ``version_id``."""
    return {
        "version_id": version_id,
        "kind": change.kind.value,
        "model_id": change.model_id,
        "model_name": change.model_name,
        "vendor": change.vendor,
        "date": change.date,
        "source": change.source,
        "source_url": change.source_url,
        "provider": change.provider,
        "field": change.field,
        "old": change.old,
        "new": change.new,
    }
