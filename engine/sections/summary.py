"""Summary: who the models are and what sets them apart, then the verdict at the stated traffic.

The two sentences are the comparison's own ``summary`` and ``verdict`` too, so they are worked out
with the other shared facts (``Context.summary``, ``Context.verdict``).
"""

from __future__ import annotations

from engine.results import Section
from engine.sections._context import Context, SectionSpec


def build(ctx: Context) -> Section:
    return Section(key=SECTION.key, title=SECTION.title, text=(ctx.summary, ctx.verdict))


SECTION = SectionSpec(key="summary", title="Summary", group="overview", page_order=10, group_order=1, build=build)
