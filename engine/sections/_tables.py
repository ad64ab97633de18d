"""Table cells and rows as the sections build them: values in words, the best of a row marked."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from catalog.schema import Tri
from engine import facts, numbers
from engine.cache import cached
from engine.results import Cell, CellValue, Row, Table
from engine.sections._context import Context

YES_NO = {Tri.YES: "Yes", Tri.NO: "No", Tri.UNKNOWN: numbers.UNKNOWN_TEXT}
NOT_TRACKED = "not tracked"


@cached("table cells", size=4096, key=lambda text, value, best: (text, repr(value), best))
def cell(text: str, value: CellValue, best: bool) -> Cell:
    """A cell, shared by every row that holds the same one (the same few prices, counts and yes-or-no
    recur in every comparison)."""
    return Cell(text=text, value=value, best=best)


def cells(texts: Sequence[str], values: Sequence[CellValue], best: Sequence[int] = ()) -> tuple[Cell, ...]:
    return tuple([cell(t, v, i in best) for i, (t, v) in enumerate(zip(texts, values))])


def _row_key(
    key: str, label: str, texts: Sequence[str], values: Sequence[CellValue], best: Sequence[int] = ()
) -> object:
    # A value's repr tells its type and, for a decimal, its exact text (0.4 and 0.40 stay apart).
    return (key, label, tuple(texts), tuple(map(repr, values)), tuple(best))


@cached("table rows", size=8192, key=_row_key)
def row(key: str, label: str, texts: Sequence[str], values: Sequence[CellValue], best: Sequence[int] = ()) -> Row:
    """A row of one cell per model, ``best`` (indexes) marked.

    Rows are kept by what they hold: the same rows recur from one comparison to the next (a model's
    context window against another's), and a row is three or more result objects to build."""
    return Row(key=key, label=label, cells=cells(texts, values, best))


def table(
    ctx: Context, key: str, title: str, label_header: str, rows: Sequence[Row], empty: str | None = None
) -> Table:
    return Table(
        key=key, title=title, label_header=label_header, columns=ctx.columns, rows=tuple(rows), empty_text=empty
    )


def plain_row(key: str, label: str, found: Sequence[tuple[str, CellValue]]) -> Row:
    """A row of (text, value) per model where no model is marked best."""
    return row(key, label, [text for text, _ in found], [value for _, value in found])


def text_value(value: object) -> tuple[str, CellValue]:
    """A fact as it is written, or "unknown"."""
    if value is None:
        return numbers.UNKNOWN_TEXT, None
    return str(value), str(value)


def tri_value(value: Tri) -> bool | None:
    return None if value is Tri.UNKNOWN else value is Tri.YES


def tokens_row(key: str, label: str, values: Sequence[int | None]) -> Row:
    """Token counts, as short as they can be while unequal ones differ; the largest marked."""
    return row(key, label, numbers.token_row(list(values)), values, facts.leaders(values, True))


def context_row(ctx: Context) -> Row:
    """Context windows; the larger marked unless they are about the same (``facts.context_leaders``)."""
    values = [m.context_window for m in ctx.models]
    return row("context_window", "Context window", numbers.token_row(values), values, facts.context_leaders(ctx.models))


def price_row(key: str, label: str, values: Sequence[Decimal | None]) -> Row:
    return row(key, label, [numbers.price(v) for v in values], values, facts.leaders(values, higher_is_better=False))


def routes_row(ctx: Context, label: str, suffix: str) -> Row:
    values = [len(facts.providers(m)) for m in ctx.models]
    return row("provider_routes", label, [f"{v} {suffix}" for v in values], values, facts.leaders(values, True))
