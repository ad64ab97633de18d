"""The sections of a comparison page, one module each, found by walking this package.

A section module declares, in one place, ``SECTION = SectionSpec(...)``:

* ``key``: stable, for surfaces and ``versus compare --section`` (e.g. "pricing");
* ``title``: as pages show it;
* ``group``: the group of sections a surface shows as one page (``SECTION_GROUPS``: overview,
  pricing, specs, benchmarks, faq); groups come in the order of their first section on the page;
* ``page_order`` and ``group_order``: its place on the whole page and in its group;
* ``build(ctx) -> Section``: the section from the comparison's shared facts (``Context``).

Adding a section is one new module here (and a renderer only if it needs a layout of its own:
surfaces lay out a ``Section``'s text, figures, bullets, tables, FAQ and sources already). Modules
whose name starts with ``_`` are the sections' shared parts, not sections.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Collection

from engine.results import Comparison, Section
from engine.sections._context import Context, SectionSpec


def _found() -> tuple[SectionSpec, ...]:
    specs = []
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            specs.append(importlib.import_module(f"{__name__}.{module.name}").SECTION)
    return tuple(sorted(specs, key=lambda spec: spec.page_order))


SECTIONS: tuple[SectionSpec, ...] = _found()
"""Every section, in page order."""

SECTION_KEYS: tuple[str, ...] = tuple([spec.key for spec in SECTIONS])


def _groups() -> dict[str, tuple[str, ...]]:
    members: dict[str, list[SectionSpec]] = {}
    for spec in SECTIONS:
        members.setdefault(spec.group, []).append(spec)
    return {name: tuple([s.key for s in sorted(specs, key=lambda s: s.group_order)]) for name, specs in members.items()}


SECTION_GROUPS: dict[str, tuple[str, ...]] = _groups()
"""The pages a surface may offer, in order: each group's sections in its own order; together they hold
every section once."""


def wanted(keys: Collection[str]) -> tuple[SectionSpec, ...]:
    """The sections with these keys, in page order; a key that is no section is a ``ValueError``."""
    unknown = set(keys) - set(SECTION_KEYS)
    if unknown:
        raise ValueError(
            f"no section {', '.join(sorted(map(repr, unknown)))}; the sections are {', '.join(SECTION_KEYS)}"
        )
    return tuple([spec for spec in SECTIONS if spec.key in keys])


def in_group(result: Comparison, name: str) -> tuple[Section, ...]:
    """The sections of group ``name`` in ``result`` (a ``KeyError`` for one it does not hold)."""
    return tuple([result.section(key) for key in SECTION_GROUPS[name]])


__all__ = ["SECTIONS", "SECTION_GROUPS", "SECTION_KEYS", "Context", "SectionSpec", "in_group", "wanted"]
