"""One import run: read a source in one of the supported formats, merge, write one file per model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from catalog.importers import litellm, models_dev, openrouter
from catalog.importers.draft import ModelDraft
from catalog.importers.errors import ImportFormatError, ImportReport
from catalog.importers.merge import merge
from catalog.importers.write import WriteResult, write_models

Loader = Callable[[Path, ImportReport], list[ModelDraft]]

FORMATS: dict[str, Loader] = {
    "models-dev": models_dev.load,
    "litellm": litellm.load,
    "openrouter": openrouter.load,
}


@dataclass
class ImportOutcome:
    report: ImportReport
    result: WriteResult
    models: int


def read_drafts(fmt: str, path: Path, report: ImportReport) -> list[ModelDraft]:
    loader = FORMATS.get(fmt)
    if loader is None:
        raise ImportFormatError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return merge(loader(Path(path), report))


def import_into(fmt: str, path: Path, out_dir: Path, reviewed: dt.date | None = None) -> ImportOutcome:
    """Import ``path`` (format ``fmt``) and write the models under ``out_dir``."""
    report = ImportReport()
    drafts = read_drafts(fmt, path, report)
    if out_dir.exists() and not out_dir.is_dir():
        raise ImportFormatError(f"{out_dir}: exists and is not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        result = write_models(drafts, out_dir, reviewed or dt.date.today())
    except OSError as exc:
        raise ImportFormatError(f"{out_dir}: cannot write ({exc.strerror or exc})") from None
    return ImportOutcome(report, result, len(drafts))
