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


def write_curation_rows(board: "AiderBoard", curation: Path, out: Path) -> int:
    """Write ``out`` (catalog/curation/aider.toml): the score and date of every leaderboard entry a curation
    file names (``aider = "..."``). Returns how many."""
    import tomllib

    names: set[str] = set()
    for path in sorted(curation.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        names.update(entry["aider"] for entry in data.get("models", []) if "aider" in entry)
    lines = [
        '# Aider polyglot leaderboard rows named by the curation files (aider = "..."): pass_rate_2 and date of each.',
        "# From polyglot_leaderboard.yml (github.com/Aider-AI/aider at 5dc9490, Apache-2.0), shown at",
        f"# {LEADERBOARD}. Regenerate with: python tools/aider.py",
        "",
    ]
    for name in sorted(names):
        row = board.row(name)
        key = name.replace("\\", "\\\\").replace('"', '\\"')
        lines += [f'["{key}"]', f"score = {row['score']}", f"date = {row['date'].isoformat()}", ""]
    out.write_text("\n".join(lines), encoding="utf-8")
    return len(names)


if __name__ == "__main__":
    import sys

    repo = Path(__file__).resolve().parent.parent
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else repo.parent / "shared" / "data"
    count = write_curation_rows(
        AiderBoard.load(shared / "aider" / "polyglot_leaderboard.yml"), repo / "catalog" / "curation", repo / "catalog" / "curation" / "aider.toml"
    )
    print(f"wrote {count} Aider polyglot rows to catalog/curation/aider.toml")
