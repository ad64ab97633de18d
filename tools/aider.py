"""Aider's polyglot leaderboard (polyglot_leaderboard.yml): independent coding-benchmark rows.

The file is a flat YAML list of records (``- dirname: ...`` then ``  key: value`` lines); only
``model``, ``pass_rate_2`` and ``date`` are used, so it is read without a YAML library.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LEADERBOARD = "https://aider.chat/docs/leaderboards/"


def parse_records(text: str) -> list[dict[str, str]]:
    records: list[dict[str, str]] = []
    for line in text.splitlines():
        if line.startswith("- "):
            records.append({})
            line = "  " + line[2:]
        if records and line.startswith("  ") and ":" in line:
            key, _, value = line.strip().partition(":")
            records[-1][key.strip()] = value.strip().strip("'\"")
    return records


@dataclass
class AiderBoard:
    rows: dict[str, dict[str, str]]

    @classmethod
    def load(cls, path: Path) -> "AiderBoard":
        rows: dict[str, dict[str, str]] = {}
        for record in parse_records(path.read_text(encoding="utf-8")):
            name = record.get("model")
            if name and name not in rows:
                rows[name] = record
        return cls(rows)

    def row(self, model: str) -> dict[str, Any]:
        """Our benchmark row for one leaderboard entry (named exactly as the leaderboard does)."""
        record = self.rows.get(model)
        if record is None:
            raise KeyError(f"no Aider polyglot row named {model!r}")
        row: dict[str, Any] = {
            "name": "Aider Polyglot",
            "score": float(record["pass_rate_2"]),
            "unit": "%",
            "source": LEADERBOARD,
            "date": dt.date.fromisoformat(record["date"]),
            "verification": "independent",
        }
        if model != model.split(" (")[0] or "+" in model:
            row["notes"] = f"leaderboard entry: {model}"
        return row
