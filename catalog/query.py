"""Picking models out of a catalog by what a person typed: a vendor (name or id prefix) and a capability.

Both surfaces (``versus catalog list`` and ``/models``) filter through here, so they agree on who a
vendor is and on what "has a capability" means (yes only; unknown is not yes). The words people use for a
capability (``CAPABILITY_WORDS``) are one vocabulary, read by the command line's ``--capability`` and in
questions (``engine.discovery``, ``engine.faq``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from catalog.schema import Capability, Model, Tri

CAPABILITY_WORDS: tuple[tuple[Capability, str], ...] = (
    (Capability.CODE_EXECUTION, r"code execution|execute code|run(?:ning)? code|code interpreter"),
    (Capability.STRUCTURED_OUTPUTS, r"structured outputs?|json (?:mode|schema|output)|structured|\bjson\b"),
    (Capability.FUNCTION_CALLING, r"function[- ]calling|call functions|functions|function calls?"),
    (Capability.TOOL_USE, r"tool[- ]?use|use tools|tools|tool calling"),
    (Capability.REASONING, r"reasoning|\breason\b|thinking|\bthink\b"),
    (Capability.VISION, r"vision|images?|pictures?|photos?|see images"),
)
"""Capabilities as people name them, most specific first: in a question, anywhere; as an option's value, whole."""


def capability_named(text: str) -> Capability | None:
    """The capability ``text`` names, any case: its own name or label (``function_calling``, ``Function
    calling``), or words people use for it (``tools``, ``json``, ``images``)."""
    wanted = " ".join(text.casefold().replace("_", " ").replace("-", " ").split())
    for capability in Capability:
        if wanted in (capability.value.replace("_", " "), capability.label.casefold()):
            return capability
    for capability, pattern in CAPABILITY_WORDS:
        if re.fullmatch(pattern, wanted):
            return capability
    return None


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
