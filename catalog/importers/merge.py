"""Merging drafts: every spelling of one model ends up under one canonical id.

Drafts are taken in order. A draft joins the model whose match keys it shares (see
``catalog.importers.ids.match_key``), or one named in ``spellings``; otherwise it starts a new
model under its own id. The first draft's facts win; routes go by provider (newest data wins).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from catalog.importers.draft import ModelDraft
from catalog.importers.ids import KNOWN_SPELLINGS, match_key


def merge(drafts: Iterable[ModelDraft], spellings: Mapping[str, str] | None = None) -> list[ModelDraft]:
    """One draft per model. ``spellings`` maps a source id (any spelling) to a canonical id."""
    owner: dict[str, str] = {match_key(raw): canonical for raw, canonical in {**KNOWN_SPELLINGS, **(spellings or {})}.items()}
    merged: dict[str, ModelDraft] = {}
    for draft in drafts:
        keys = sorted(k for k in draft.keys | {match_key(draft.id)} if k)
        target = owner.get(match_key(draft.id)) or next((owner[k] for k in keys if k in owner), draft.id)
        draft.keys.update(keys)
        if target in merged:
            merged[target].absorb(draft)
        else:
            draft.id = target
            merged[target] = draft
        for key in keys:
            owner.setdefault(key, target)
        owner.setdefault(match_key(target), target)
    return list(merged.values())


def group(drafts: Iterable[ModelDraft], spellings: Mapping[str, str] | None = None) -> dict[str, list[ModelDraft]]:
    """Every listing, grouped under its model's canonical id (the same rule as ``merge``), nothing absorbed:
    the reconciliation (``catalog.reconcile``) decides each field from all of a model's listings."""
    owner: dict[str, str] = {match_key(raw): canonical for raw, canonical in {**KNOWN_SPELLINGS, **(spellings or {})}.items()}
    groups: dict[str, list[ModelDraft]] = {}
    for draft in drafts:
        keys = sorted(k for k in draft.keys | {match_key(draft.id)} if k)
        target = owner.get(match_key(draft.id)) or next((owner[k] for k in keys if k in owner), draft.id)
        groups.setdefault(target, []).append(draft)
        for key in keys:
            owner.setdefault(key, target)
        owner.setdefault(match_key(target), target)
    return groups
