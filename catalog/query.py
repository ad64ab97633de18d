"""Picking models out of a catalog by what a person typed: a vendor (name or id prefix) and a capability.

Both surfaces (``versus catalog list`` and ``/models``) filter through here, so they agree on who a
vendor is and on what "has a capability" means (yes only; unknown is not yes).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from catalog.schema import Capability, Model, Tri


def vendor_named(models: Sequence[Model], vendors: Sequence[str], text: str) -> str | None:
    """The catalog's spelling of the vendor ``text`` names (its name or its id prefix, any case), or None."""
    wanted = text.strip().casefold()
    for name in vendors:
        if name.casefold() == wanted:
            return name
    for model in models:
        if model.creator == wanted:
            return model.vendor
    return None


def having(models: Iterable[Model], vendor: str | None = None, capability: Capability | None = None) -> list[Model]:
    """The models of ``vendor`` (the catalog's spelling) that have ``capability`` (yes, not unknown)."""
    chosen = list(models)
    if vendor is not None:
        chosen = [m for m in chosen if m.vendor == vendor]
    if capability is not None:
        chosen = [m for m in chosen if m.capability(capability) is Tri.YES]
    return chosen
