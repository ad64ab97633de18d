"""Switch friction: what moving from the first model to each other one changes (where to A/B test,
the price change, capabilities lost and gained)."""

from __future__ import annotations

from decimal import Decimal

from engine import answers, numbers
from engine.results import Section
from engine.sections._context import Context, SectionSpec, phrases
from engine.words import and_list, unique


def _delta(kind: str, frm: Decimal | None, to: Decimal | None) -> str | None:
    if frm is None or to is None:
        return None
    if to == frm:
        return f"{kind} unchanged at {numbers.price(to)}"
    word = "up" if to > frm else "down"
    return f"{kind} {word} {numbers.price(abs(to - frm))} ({numbers.price(frm)} to {numbers.price(to)})"


def bullets(ctx: Context) -> tuple[str, ...]:
    out = []
    if ctx.shared_providers:
        out.append(
            f"{answers.both(ctx.models)} are on {and_list(list(ctx.shared_providers))}: A/B test there, route against route."
        )
    else:
        out.append("No provider offers them all: an A/B test spans two providers' APIs, keys and limits.")
    first = ctx.models[0]
    for index, other in enumerate(ctx.models[1:], start=1):
        changes = (
            _delta("input", ctx.inputs[0], ctx.inputs[index]),
            _delta("output", ctx.outputs[0], ctx.outputs[index]),
        )
        deltas = [d for d in changes if d]
        lead = f"Switching from {first.name} to {other.name}"
        if deltas:
            out.append(f"{lead}: cheapest {and_list(deltas)}.")
        else:
            out.append(f"{lead}: the price change is unknown (a price is missing).")
        lost = phrases(ctx.gained(index, 0))
        won = phrases(ctx.gained(0, index))
        if lost:
            out.append(f"{lead} loses {and_list(lost)}: check your workload does without it first.")
        if won:
            out.append(f"{lead} gains {and_list(won)}.")
        if not lost and not won:
            out.append(f"{lead} keeps the same known capabilities.")
    return unique(out)


def build(ctx: Context) -> Section:
    return Section(key=SECTION.key, title=SECTION.title, bullets=bullets(ctx))


SECTION = SectionSpec(key="switch", title="Switch friction", group="pricing", page_order=50, group_order=3, build=build)
