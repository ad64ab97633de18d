"""Specs: release, context window, output limit, size, architecture, licence, open weights, cutoff
and modalities, side by side."""

from __future__ import annotations

from collections.abc import Callable

from catalog.schema import Model
from engine.results import CellValue, Row, Section
from engine.sections._context import Context, SectionSpec
from engine.sections._tables import YES_NO, context_row, plain_row, table, text_value, tokens_row, tri_value


def _own_row(ctx: Context, key: str, label: str, fact: Callable[[Model], tuple[str, CellValue]]) -> Row:
    """A row where each model's cell depends on the model alone (nothing is marked best)."""
    return plain_row(key, label, [fact(m) for m in ctx.models])


def _modalities(modalities: tuple[object, ...]) -> tuple[str, CellValue]:
    return text_value(", ".join([m.value for m in modalities]))  # type: ignore[attr-defined]


def build(ctx: Context) -> Section:
    rows = [
        _own_row(
            ctx,
            "release_date",
            "Released",
            lambda m: text_value(m.release_date.isoformat() if m.release_date else None),
        ),
        context_row(ctx),
        tokens_row("max_output_tokens", "Max output tokens", [m.max_output_tokens for m in ctx.models]),
        _own_row(ctx, "parameters", "Parameters", lambda m: text_value(m.parameters)),
        _own_row(ctx, "architecture", "Architecture", lambda m: text_value(m.architecture)),
        _own_row(ctx, "licence", "Licence", lambda m: text_value(m.licence)),
        _own_row(ctx, "open_weights", "Open weights", lambda m: (YES_NO[m.open_weights], tri_value(m.open_weights))),
        _own_row(ctx, "knowledge_cutoff", "Knowledge cutoff", lambda m: text_value(m.knowledge_cutoff)),
        _own_row(ctx, "input_modalities", "Input", lambda m: _modalities(m.input_modalities)),
        _own_row(ctx, "output_modalities", "Output", lambda m: _modalities(m.output_modalities)),
    ]
    return Section(
        key=SECTION.key, title=SECTION.title, tables=(table(ctx, "specs", SECTION.title, "Specification", rows),)
    )


SECTION = SectionSpec(key="specs", title="Specs", group="specs", page_order=60, group_order=1, build=build)
