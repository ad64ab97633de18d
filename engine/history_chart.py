"""A model's prices over time as a picture: what ``/history`` attaches where a route's price changed.

``price_chart(history, today)`` works out the figures (pure: ``PriceChart``): each route's input and output
price per 1M tokens as steps from the first recorded change (a little before it, for the price it changed
from) to ``today``, from ``engine.history.model_history``'s points, so the picture and the text agree.
``draw(chart)`` renders it to PNG bytes with matplotlib's Agg canvas, imported only then, one chart at a
time (``engine.chart``'s lock: matplotlib's font cache is shared within the process). Two panels, input above
output; a route whose price is unknown at some time has a gap there, never a $0.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from dataclasses import dataclass
from decimal import Decimal

from engine.history import ModelHistory

LEAD_DAYS = 30
"""How far before the first recorded change the picture starts (showing the price it changed from)."""
MAX_ROUTES = 6
"""Routes drawn (those whose price changed first, then the others in the catalog's order)."""
WIDTH, HEIGHT, DPI = 8.0, 8.0, 110


@dataclass(frozen=True, slots=True)
class PriceSeries:
    """One route's prices as steps: (from this date, input, output), oldest first; None where unknown."""

    provider: str
    steps: tuple[tuple[dt.date, Decimal | None, Decimal | None], ...]
    changed: bool


@dataclass(frozen=True, slots=True)
class PriceChart:
    title: str
    start: dt.date
    end: dt.date
    series: tuple[PriceSeries, ...]
    caption: str


def price_chart(history: ModelHistory, today: dt.date) -> PriceChart | None:
    """The figures of the picture, or None when no route's price changed (the text says it all)."""
    if not history.changed:
        return None
    dates = [p.since for r in history.routes for p in r.points if p.since is not None]
    start = min(dates) - dt.timedelta(days=LEAD_DAYS)
    end = max(today, max(dates) + dt.timedelta(days=1))
    series = []
    for route in history.routes:
        steps = tuple((p.since or start, p.input, p.output) for p in route.points)
        series.append(PriceSeries(route.provider, steps, len(route.points) > 1))
    ordered = sorted(series, key=lambda s: not s.changed)[:MAX_ROUTES]
    left = len(series) - len(ordered)
    caption = f"USD per 1M tokens; each route's price from the change that set it. Until {end.isoformat()}."
    if left:
        caption += f" {left} more route{'s' if left != 1 else ''} in the text."
    return PriceChart(f"{history.model_name}: prices over time", start, end, tuple(ordered), caption)


def draw(chart: PriceChart) -> bytes:
    """The chart as PNG bytes (matplotlib Agg, imported here)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    from engine.chart import _DRAWING, COLOURS  # one chart at a time across the process; the same colours

    with _DRAWING:
        figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
        FigureCanvasAgg(figure)
        panels = figure.subplots(2, 1, sharex=True)
        figure.subplots_adjust(left=0.12, right=0.97, top=0.88, bottom=0.16, hspace=0.25)
        figure.suptitle("\n".join(textwrap.wrap(chart.title, 48)[:2]), fontsize=16, fontweight="bold")
        for index, (axes, label) in enumerate(zip(panels, ("input", "output"))):
            for number, series in enumerate(chart.series):
                xs, ys = [], []
                for step, (since, input_price, output_price) in enumerate(series.steps):
                    price = input_price if index == 0 else output_price
                    until = series.steps[step + 1][0] if step + 1 < len(series.steps) else chart.end
                    xs += [since, until]
                    ys += [float(price) if price is not None else float("nan")] * 2
                # each drawn over the one before, thinner: equal prices stay visible
                width = max(4.5 - 1.0 * number, 1.5)
                axes.plot(
                    xs,
                    ys,
                    color=COLOURS[number % len(COLOURS)],
                    linewidth=width,
                    label=_clip(series.provider) if index == 0 else None,
                )
            axes.set_ylabel(f"{label}, USD per 1M", fontsize=12)
            axes.set_xlim(chart.start, chart.end)
            axes.set_ylim(bottom=0)
            axes.grid(True, color="#dddddd")
        locator = AutoDateLocator()
        panels[1].xaxis.set_major_locator(locator)
        panels[1].xaxis.set_major_formatter(ConciseDateFormatter(locator))
        panels[0].legend(loc="upper left", fontsize=10, frameon=True)
        figure.text(0.02, 0.03, "\n".join(textwrap.wrap(chart.caption, 100)), fontsize=10, color="#444444")
        out = io.BytesIO()
        figure.savefig(out, format="png")
    return out.getvalue()


def _clip(text: str, size: int = 32) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
