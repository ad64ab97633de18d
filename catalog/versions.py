"""A catalog version as the store keeps it: the reconciled models, as one compressed JSON document.

``dump(models)`` and ``load(payload)`` are each other's inverse: the same models, every figure exact
(prices are written as decimal text). The same models always give the same bytes, so two versions are
the same catalog exactly when their payloads' digests are equal.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Sequence

from catalog.schema import Model

FORMAT = 1
"""Bumped when the document's shape changes; a version of another format is not loaded."""

class VersionUnreadable(Exception):
    """A stored version that is not a catalog this Versus can read (one line)."""


def dump(models: Sequence[Model]) -> bytes:
    body = {"format": FORMAT, "models": [m.as_dict(json=True, exclude_defaults=True) for m in models]}
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False, sort_keys=False)
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def load(payload: bytes) -> list[Model]:
    """The models of a stored version."""
    try:
        body = json.loads(gzip.decompress(payload))
    except (OSError, EOFError, ValueError) as exc:
        raise VersionUnreadable(f"not a stored catalog ({exc.__class__.__name__})") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise VersionUnreadable(f"a stored catalog of another format ({body.get('format') if isinstance(body, dict) else '?'})")
    # One model at a time, not the list in one call: a validation holds the interpreter for as long as it
    # runs, and the bot loads new versions while it serves (a list of 400 models is 50 ms in one piece).
    validate = Model.validate
    return [validate(item) for item in body["models"]]


def digest(payload: bytes) -> str:
    """The digest the store keeps of a payload (``VersionRecord.sha256``)."""
    return hashlib.sha256(payload).hexdigest()
