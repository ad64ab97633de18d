"""Reading a snapshot that is already here: a file, a folder (models.dev's TOML tree) or bytes.

``read_snapshot`` is synchronous: the build, the tests and ``versus catalog import`` use it, and
``fetch_snapshot`` runs it off the event loop for a local path. Every problem is a ``SourceRefused``
whose message is one line naming the source and why.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from catalog.importers.errors import ImportReport
from catalog.sources.base import (
    SOURCE_NAMES,
    Adapter,
    Citing,
    NotOurFormat,
    Payload,
    Snapshot,
    SnapshotMeta,
    SourceRefused,
    TooBig,
    Tree,
    check_shrink,
    count_listings,
)

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""The size cap of one source's payload (LiteLLM's map is about 1.5 MB, models.dev's tree about 10 MB)."""


def adapters() -> dict[str, Adapter]:
    """Every adapter by name, in ``SOURCE_NAMES`` order."""
    from catalog.sources import genai_prices, litellm, models_dev, openrouter

    found: dict[str, Adapter] = {
        a.name: a for a in (models_dev.ADAPTER, openrouter.ADAPTER, litellm.ADAPTER, genai_prices.ADAPTER)
    }
    return {name: found[name] for name in SOURCE_NAMES}


def adapter(source: str) -> Adapter:
    """The adapter called ``source``; an unknown name is a ``SourceRefused`` naming the known ones."""
    found = adapters().get(source)
    if found is None:
        raise SourceRefused(source, f"no such source; use one of {', '.join(SOURCE_NAMES)}")
    return found


def utc(moment: dt.datetime | dt.date | None) -> dt.datetime:
    """A UTC datetime: naive datetimes are taken as UTC, a date as its midnight UTC, None as now."""
    if moment is None:
        return dt.datetime.now(dt.timezone.utc)
    if not isinstance(moment, dt.datetime):
        return dt.datetime(moment.year, moment.month, moment.day, tzinfo=dt.timezone.utc)
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment.astimezone(dt.timezone.utc)


def parse_payload(
    source: str,
    payload: Payload,
    *,
    url: str,
    version: str | None,
    fetched_at: dt.datetime,
    label: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    last_good: SnapshotMeta | None = None,
    report: ImportReport | None = None,
    where: str | None = None,
    reader: Adapter | None = None,
) -> Snapshot:
    """The snapshot of one payload, checked: its format, at least one listing, the shrink rule.

    ``where`` prefixes a format problem (a local path: ``/x/y.json: not JSON (...)``).
    """
    reader = reader or adapter(source)
    citing = Citing(source, version, url, fetched_at.date())
    try:
        drafts = reader.parse(payload, citing, report if report is not None else ImportReport())
    except NotOurFormat as exc:
        raise SourceRefused(source, f"{where}: {exc}" if where else str(exc)) from None
    count = count_listings(drafts)
    if not count:
        raise SourceRefused(source, f"{where + ': ' if where else ''}lists no models Versus can use")
    check_shrink(source, count, last_good)
    sha = payload.sha256 if isinstance(payload, Tree) else hashlib.sha256(payload).hexdigest()
    return Snapshot(
        source=source,
        label=label or reader.label(version),
        version=version,
        url=url,
        fetched_at=fetched_at,
        etag=etag,
        last_modified=last_modified,
        sha256=sha,
        drafts=drafts,
    )


def load_path(source: str, path: Path, max_bytes: int | None = DEFAULT_MAX_BYTES) -> tuple[Payload, dt.datetime]:
    """A local file's bytes (or models.dev's tree), and when it was last written (UTC)."""
    if not path.exists():
        raise SourceRefused(source, f"{path}: no such file or folder")
    if path.is_dir():
        if source != "models-dev":
            raise SourceRefused(source, f"{path}: a folder; give the JSON file")
        from catalog.sources.models_dev import load_tree

        try:
            tree = load_tree(path, max_bytes)
        except NotOurFormat as exc:
            raise SourceRefused(source, f"{path}: {exc}") from None
        except TooBig as exc:
            raise SourceRefused(source, f"{path}: {exc.size:,} bytes of TOML, over the {max_bytes:,}-byte cap") from None
        except OSError as exc:
            raise SourceRefused(source, f"{path}: cannot read ({exc.strerror or exc})") from None
        newest = max((tree.root / name).stat().st_mtime for name in tree.files) if tree.files else path.stat().st_mtime
        return tree, dt.datetime.fromtimestamp(newest, dt.timezone.utc)
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise SourceRefused(source, f"{path}: {size:,} bytes, over the {max_bytes:,}-byte cap")
        data = path.read_bytes()
        written = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
    except OSError as exc:
        raise SourceRefused(source, f"{path}: cannot read ({exc.strerror or exc})") from None
    return data, written


def read_snapshot(
    source: str,
    path_or_bytes: Path | str | bytes,
    *,
    version: str | None = None,
    fetched_at: dt.datetime | dt.date | None = None,
    label: str | None = None,
    url: str | None = None,
    last_good: SnapshotMeta | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    report: ImportReport | None = None,
    reader: Adapter | None = None,
) -> Snapshot:
    """One source's snapshot from a local file, folder (models.dev) or bytes; raises ``SourceRefused``.

    ``version`` is the release or commit (else what the file name shows, e.g. ``1.110.2.json``);
    ``fetched_at`` when the copy was fetched (else the file's modification time; for bytes, now);
    ``url`` what bytes were read from (needed for bytes); ``reader`` an adapter configured otherwise than
    the registered one (``ModelsDev(every_provider=True)``). Listings cite the address that shows their
    figures: the file at its release or commit when the version is known, else ``url`` or the path.
    """
    reader = reader or adapter(source)
    if isinstance(path_or_bytes, bytes):
        if url is None:
            raise ValueError("read_snapshot: give url= (what the bytes were read from) with bytes")
        payload: Payload = path_or_bytes
        if max_bytes is not None and len(payload) > max_bytes:
            raise SourceRefused(source, f"{len(payload):,} bytes, over the {max_bytes:,}-byte cap")
        when, where = utc(fetched_at), None
        version = version or reader.version_of(url)
    else:
        path = Path(path_or_bytes)
        payload, written = load_path(source, path, max_bytes)
        when = utc(fetched_at) if fetched_at is not None else written
        url = url or path_url(path)
        version = version or reader.version_of(path.name) or reader.version_of(url)
        where = str(path)
    return parse_payload(
        source, payload, url=url, version=version, fetched_at=when, label=label, last_good=last_good,
        report=report, where=where, reader=reader,
    )


def path_url(path: Path) -> str:
    """A local path as a ``file://`` address (what a listing of unknown version cites)."""
    return path.resolve().as_uri()
