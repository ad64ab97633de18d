"""One import run: read a source with its adapter (``catalog.sources``), merge, write one file per model."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from catalog.importers.draft import ModelDraft
from catalog.importers.errors import ImportFormatError, ImportReport
from catalog.importers.merge import merge
from catalog.importers.write import WriteResult, write_models
from catalog.sources import SOURCE_NAMES, SourceRefused, read_snapshot

FORMATS = SOURCE_NAMES


@dataclass
class ImportOutcome:
    report: ImportReport
    result: WriteResult
    models: int


def read_drafts(
    fmt: str,
    path: Path,
    report: ImportReport,
    version: str | None = None,
    fetched: dt.date | None = None,
) -> list[ModelDraft]:
    """The merged drafts of one snapshot. Its listings must be citable: a file whose release (LiteLLM) or
    commit (models.dev, genai-prices) cannot be told from its name needs ``version``."""
    if fmt not in FORMATS:
        raise ImportFormatError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    try:
        snapshot = read_snapshot(fmt, Path(path), version=version, fetched_at=fetched, report=report, max_bytes=None)
    except SourceRefused as exc:
        raise ImportFormatError(exc.reason) from None
    uncited = next((d for d in snapshot.drafts if not d.origin.url.startswith(("http://", "https://"))), None)
    if uncited is not None:
        raise ImportFormatError(
            f"{path}: cannot tell which release or commit of {snapshot.label} this is, so its figures cannot "
            "be cited; give --version"
        )
    # A listing its source calls deprecated without a date cannot be written yet (a deprecated route needs its
    # deprecation_date); it is left out, as before sources kept lifecycle.
    kept = []
    for draft in snapshot.drafts:
        undated = [r for r in draft.routes.values() if r.deprecated and r.deprecation_date is None]
        if undated:
            report.skip(f"{undated[0].model_id} on {undated[0].provider}: deprecated, with no date")
        else:
            kept.append(draft)
    return merge(kept)


def import_into(
    fmt: str,
    path: Path,
    out_dir: Path,
    reviewed: dt.date | None = None,
    version: str | None = None,
    fetched: dt.date | None = None,
) -> ImportOutcome:
    """Import ``path`` (format ``fmt``) and write the models under ``out_dir``."""
    report = ImportReport()
    drafts = read_drafts(fmt, path, report, version, fetched)
    report.read = len(drafts)
    if out_dir.exists() and not out_dir.is_dir():
        raise ImportFormatError(f"{out_dir}: exists and is not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        result = write_models(drafts, out_dir, reviewed or dt.date.today())
    except OSError as exc:
        raise ImportFormatError(f"{out_dir}: cannot write ({exc.strerror or exc})") from None
    return ImportOutcome(report, result, len(drafts))
