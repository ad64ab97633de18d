"""What an import run reports: a one-line error for input it cannot read, counts for the rest."""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportFormatError(Exception):
    """The input is missing or is not in the format asked for; the message is one line."""


@dataclass
class ImportReport:
    """Counts of an import run, and why records were left out."""

    read: int = 0
    skipped: list[str] = field(default_factory=list)

    def skip(self, reason: str) -> None:
        self.skipped.append(reason)
