"""Capabilities: vision, multimodal input, reasoning, function calling, tool use, structured outputs
and code execution: yes, no or unknown for each model, yes marked where not all agree."""

from __future__ import annotations

from catalog.schema import Capability, Tri
from engine import facts
from engine.cache import cached
from engine.results import Row, Section
from engine.sections._context import Context, SectionSpec
from engine.sections._tables import YES_NO, row, table, tri_value


@cached("capability rows", size=1024, key=lambda capability, values: (capability, values))
def _row(capability: Capability, values: tuple[Tri, ...]) -> Row:
    """The capability's row for these answers (kept by capability and answers: seven capabilities and
    a few patterns of yes, no and unknown make every row there is)."""
    flags = [tri_value(v) for v in values]
    best = facts.leaders([int(f) if f is not None else None for f in flags], higher_is_better=True)
    return row(capability.value, capability.label, [YES_NO[v] for v in values], flags, best)


def build(ctx: Context) -> Section:
    rows = [_row(c, ctx.capability_values[c]) for c in facts.CAPABILITIES]
    return Section(
        key=SECTION.key, title=SECTION.title, tables=(table(ctx, "capabilities", SECTION.title, "Capability", rows),)
    )


SECTION = SectionSpec(
    key="capabilities", title="Capabilities", group="specs", page_order=80, group_order=2, build=build
)
