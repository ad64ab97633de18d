"""What a refresh records: one ``Change`` per model or route that was added, deprecated, retired or repriced.

A change is a plain record, the same in the store (``catalog.store``), in the bundled history
(``catalog/data/history.json``) and in every answer about history (``versus catalog changes``,
``versus history``, ``/changes``, ``/history``, price alerts). Figures are text written exactly as
the catalog holds them (``"1.25"``, ``"1000000"``), so nothing is lost to floats; ``percent`` is
worked out from them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any


class ChangeKind(StrEnum):
    MODEL_ADDED = "model_added"
    MODEL_RETIRED = "model_retired"
    ROUTE_ADDED = "route_added"
    ROUTE_REMOVED = "route_removed"  # gone from the catalog altogether (a curation exclusion)
    ROUTE_DEPRECATED = "route_deprecated"  # a retirement date was announced
    ROUTE_RETIRED = "route_retired"  # past its deprecation date, or no source lists it any more
    PRICE_CHANGED = "price_changed"
    CONTEXT_CHANGED = "context_changed"


PRICE_FIELDS = ("input", "output", "cached_input", "cache_write", "batch_input", "batch_output")
"""The route fields a ``price_changed`` change may name (USD per 1M tokens)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change to the catalog.

    ``date`` is when it took effect as far as the sources tell (a dated price's start, the release
    of the listing that first showed it, or the day a refresh noticed it); ``source``/``source_url``
    name the listing that shows it, at an address a person can open. ``provider`` is set for route
    changes, ``field``/``old``/``new`` for price, context and deprecation changes.
    """

    kind: ChangeKind
    model_id: str
    model_name: str
    vendor: str
    date: dt.date
    source: str
    source_url: str
    provider: str | None = None
    field: str | None = None
    old: str | None = None
    new: str | None = None

    @property
    def percent(self) -> Decimal | None:
        """The change from ``old`` to ``new`` in percent, where both are numbers and ``old`` is not zero."""
        try:
            old, new = Decimal(self.old or ""), Decimal(self.new or "")
        except InvalidOperation:
            return None
        if old == 0:
            return None
        return (new - old) / old * 100

    def key(self) -> tuple[Any, ...]:
        """What makes two records the same change (for removing duplicates between history sets)."""
        return (self.kind, self.model_id, self.provider, self.field, self.old, self.new, self.date)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        data["date"] = self.date.isoformat()
        return {k: v for k, v in data.items() if v is not None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Change":
        return cls(**{**data, "kind": ChangeKind(data["kind"]), "date": dt.date.fromisoformat(data["date"])})
