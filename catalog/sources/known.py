"""The public snapshots kept in the shared folder (``../shared/data``): which release or commit each is, and
its date, so a build or a test reads them with their true provenance (``read_known``).

These are facts about the files (see ``../shared/README.md``), not anything fetched here. Each snapshot
cites the public address it was taken from, never the local path it was read at: a person can open it, and
a build gives the same bytes wherever ``../shared`` lies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from catalog.importers.errors import ImportReport
from catalog.sources.base import Adapter, Snapshot
from catalog.sources.read import read_snapshot


@dataclass(frozen=True, slots=True)
class Known:
    source: str
    path: str  # relative to the shared data folder
    version: str | None
    fetched: dt.date  # the snapshot's date: when it was taken from the public source

    @property
    def url(self) -> str:
        """The public address the snapshot was taken from (a release's or commit's, where it has one)."""
        return {
            "models-dev": f"https://github.com/anomalyco/models.dev/tree/{self.version}",
            "openrouter": "https://openrouter.ai/api/v1/models",
            "litellm": f"https://github.com/BerriAI/litellm/blob/v{self.version}/model_prices_and_context_window.json",
            "genai-prices": f"https://github.com/pydantic/genai-prices/blob/{self.version}/prices/data.json",
        }[self.source]


SHARED = (
    Known("models-dev", "models.dev", "f3fc692", dt.date(2026, 7, 2)),
    Known("openrouter", "openrouter/models.json", None, dt.date(2026, 5, 15)),
    Known("litellm", "litellm/model_prices_and_context_window.json", "1.109.1", dt.date(2026, 11, 12)),
    Known("genai-prices", "genai-prices/data.json", "47df840", dt.date(2026, 8, 21)),
)
"""The four sources' snapshots in ``../shared/data``, in ``SOURCE_NAMES`` order."""

LITELLM_HISTORY = (
    Known("litellm", "litellm-history/1.100.0.json", "1.100.0", dt.date(2026, 9, 6)),
    Known("litellm", "litellm-history/1.105.0.json", "1.105.0", dt.date(2026, 10, 11)),
    Known("litellm", "litellm/model_prices_and_context_window.json", "1.109.1", dt.date(2026, 11, 12)),
    Known("litellm", "litellm-history/1.110.2.json", "1.110.2", dt.date(2026, 11, 20)),
)
"""LiteLLM's map at four releases, oldest first: a real history of price changes."""


def read_known(known: Known, data_dir: Path, report: ImportReport | None = None, reader: Adapter | None = None) -> Snapshot:
    """The snapshot of one shared file, with its release or commit, its date and its public address."""
    return read_snapshot(
        known.source, data_dir / known.path, version=known.version, fetched_at=known.fetched, url=known.url,
        report=report, reader=reader,
    )
