"""A picture of the cost: what ``versus cost --chart FILE.png`` writes and ``/cost`` attaches.

Two panels, one above the other (a phone holds a picture upright):

1. **Monthly cost against monthly requests** (both axes logarithmic), each model on its cheapest route at
   the stated request size: a straight line each, so the gap between two models reads as the distance
   between their lines. The stated workload is marked (a dashed line, a dot and the figure per model).
2. **Monthly cost against input tokens per request**, at the stated volume and output size: where two
   models swap places, the break-even points of the estimate are marked and labelled. A line stops where
   no route of the model can be priced (its context window, or an unknown long-context price).

``cost_chart(models, traffic)`` works out the figures (pure, typed: ``CostChart``), from the same
pricing the estimate uses, so the chart and ``versus cost`` agree. ``draw(chart)`` renders it to PNG
bytes with matplotlib's Agg canvas, imported only then (no pyplot, no global state; one chart at a time in a
process). The bot draws its charts in a worker process of its own (``bot.charts``).
"""

from __future__ import annotations

import io
import math
import textwrap
import threading
from collections.abc import Sequence
from decimal import Decimal

from catalog.schema import Model
from engine import numbers
from engine.cost import estimate
from engine.cost.pricing import can_price, tier_index, traffic_rates
from engine.facts import ref
from engine.results import ChartLine, ChartMark, CostChart, CostEstimate, Traffic

POINTS = 64
"""Input sizes sampled along the second panel (plus every threshold and break-even, so steps are sharp)."""
SMALLEST_INPUT = 100
LARGEST_INPUT = 2_000_000
"""The second panel's range of input tokens, cut at the largest context window among the models."""
VOLUME_SPAN = 100
"""The first panel runs from a hundredth to a hundred times the stated monthly requests."""
MAX_BYTES = 8 * 1024 * 1024
"""Discord's attachment limit for a bot without boosts; a chart is far below it."""
WIDTH, HEIGHT, DPI = 8.0, 10.5, 110
"""880 x 1155 pixels: upright, readable on a phone at full width."""


def _monthly_at(model: Model, traffic: Traffic, input_tokens: Decimal) -> Decimal | None:
    """The model's monthly cost on its cheapest route at ``traffic`` with this many input tokens a request
    (the estimate's rules: a route that fits, sold, of the team's providers, with a known price there)."""
    allowed = {p.casefold() for p in traffic.providers}
    low: Decimal | None = None
    for index, (route, table) in enumerate(zip(model.routes, traffic_rates(model, traffic))):
        if table is None or not route.sold or (allowed and route.provider.casefold() not in allowed):
            continue
        if not can_price(model, route, index, input_tokens):
            continue
        cost = table[tier_index(route, input_tokens)].request(input_tokens, traffic.output_tokens)
        if low is None or cost < low:
            low = cost
    return low * traffic.requests_per_month if low is not None else None


def _input_sizes(models: Sequence[Model], traffic: Traffic, result: CostEstimate) -> list[Decimal]:
    windows = [m.context_window or 0 for m in models] + [r.context_window or 0 for m in models for r in m.routes]
    top = max(min(max(windows + [traffic.input_tokens * 4, 10_000]), LARGEST_INPUT), SMALLEST_INPUT * 10)
    step = (math.log10(top) - math.log10(SMALLEST_INPUT)) / (POINTS - 1)
    sizes = {Decimal(round(10 ** (math.log10(SMALLEST_INPUT) + i * step))) for i in range(POINTS)}
    sizes.add(Decimal(traffic.input_tokens or 1))
    for model in models:  # both sides of every step: a tier's threshold, a window
        for route in model.routes:
            for edge in [t.above_input_tokens for t in route.tiers] + [route.context_window or 0]:
                if SMALLEST_INPUT < edge < top:
                    sizes.update({Decimal(edge), Decimal(edge + 1)})
    for flip in result.break_evens:
        if flip.variable == "input_tokens" and SMALLEST_INPUT < flip.value < top:
            sizes.add(flip.value)
    return sorted(sizes)


def cost_chart(models: Sequence[Model], traffic: Traffic) -> CostChart:
    """The chart's figures for ``models`` at ``traffic`` (see the module)."""
    result = estimate(models, traffic)
    volume_low = max(Decimal(1), traffic.requests_per_month / VOLUME_SPAN)
    volume_high = max(traffic.requests_per_month * VOLUME_SPAN, volume_low * 10)
    volume: list[ChartLine] = []
    at_workload: list[ChartMark] = []
    by_input: list[ChartLine] = []
    not_priced: list[str] = []
    sizes = _input_sizes(models, traffic, result)
    for model, cost in zip(models, result.models):
        best = cost.cheapest
        if best is None or best.per_request is None or best.per_month is None:
            not_priced.append(f"{model.name}: {cost.route_text}")
        else:
            span = ((volume_low, best.per_request * volume_low), (volume_high, best.per_request * volume_high))
            volume.append(ChartLine(model=ref(model), points=span))
            label = f"{numbers.usd(best.per_month)}/month"
            at_workload.append(ChartMark(x=traffic.requests_per_month, y=best.per_month, label=label, model=ref(model)))
        points = tuple((x, _monthly_at(model, traffic, x)) for x in sizes)
        by_input.append(ChartLine(model=ref(model), points=points))
    marks: list[ChartMark] = []
    for flip in result.break_evens:
        if flip.variable != "input_tokens":
            continue
        below = next(m for m in models if m.id == flip.cheaper_below.id)
        value = _monthly_at(below, traffic, flip.value)
        if value is not None:
            label = f"{flip.cheaper_above.name} cheaper above {numbers.tokens(int(flip.value), 2)} tokens"
            marks.append(ChartMark(x=flip.value, y=value, label=label, model=flip.cheaper_above))
    names = " vs ".join(m.name for m in models) if len(models) > 1 else models[0].name
    return CostChart(
        title=f"Monthly cost: {names}",
        traffic=traffic,
        volume=tuple(volume),
        at_workload=tuple(at_workload),
        by_input=tuple(by_input),
        break_evens=tuple(marks),
        not_priced=tuple(not_priced),
        caption=(
            f"Each model on its cheapest route. Stated workload: {traffic.description}. "
            f"Data as of {max(result.updated).isoformat() if result.updated else 'unknown'}; prices per the Versus catalog."
        ),
    )


# --- drawing ------------------------------------------------------------------------------------------

_DRAWING = threading.Lock()
"""One chart is drawn at a time: matplotlib's font cache and text layout are shared within the process."""
COLOURS = ("#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2")


def draw(chart: CostChart) -> bytes:
    """The chart as PNG bytes (matplotlib Agg, imported here and nowhere else)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, NullLocator

    with _DRAWING:
        figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
        FigureCanvasAgg(figure)
        top, bottom = figure.subplots(2, 1)
        # Fixed margins, not a layout engine: a layout engine measures every label first, most of the time.
        figure.subplots_adjust(left=0.13, right=0.97, top=0.88, bottom=0.13, hspace=0.42)
        money = FuncFormatter(lambda value, _: _short_usd(value))
        count = FuncFormatter(lambda value, _: _short_count(value))
        colour = {line.model.id: COLOURS[i % len(COLOURS)] for i, line in enumerate(chart.by_input)}
        # Each model's line a little thinner than the one before, drawn over it: equal costs stay visible.
        width = {line.model.id: max(5.0 - 1.0 * i, 1.5) for i, line in enumerate(chart.by_input)}

        at_workload = {mark.model.id: mark for mark in chart.at_workload if mark.model is not None}
        for line in chart.volume:
            xs, ys = zip(*[(float(x), float(y)) for x, y in line.points if y is not None])
            mark = at_workload.get(line.model.id)
            label = _clip(line.model.name, 28) + (f": {mark.label}" if mark else "")  # the figure in the legend
            top.plot(xs, ys, color=colour[line.model.id], linewidth=width[line.model.id], label=label)
        top.axvline(float(chart.traffic.requests_per_month), color="#555555", linestyle="--", linewidth=1.5)
        for mark in chart.at_workload:
            if mark.model is not None:
                top.plot([float(mark.x)], [float(mark.y)], "o", color=colour[mark.model.id], markersize=9)
        top.set_xscale("log")
        top.set_yscale("log")
        figure.suptitle("\n".join(textwrap.wrap(chart.title, 48)[:2]), fontsize=16, fontweight="bold")
        top.set_title("At the stated request size, by volume", fontsize=14)
        top.set_xlabel("requests a month (dashed: the stated workload)", fontsize=13)
        top.set_ylabel("USD a month", fontsize=13)

        for line in chart.by_input:
            sizes = [float(x) for x, _ in line.points]
            costs = [float(y) if y is not None else math.nan for _, y in line.points]  # a gap where none prices it
            bottom.plot(
                sizes, costs, color=colour[line.model.id], linewidth=width[line.model.id], label=_clip(line.model.name)
            )
        bottom.axvline(float(chart.traffic.input_tokens or 1), color="#555555", linestyle="--", linewidth=1.5)
        xs_all = [float(x) for line in chart.by_input for x, _ in line.points] or [1.0]
        low, high = math.log10(min(xs_all)), math.log10(max(xs_all))
        for index, mark in enumerate(chart.break_evens):
            x, y = float(mark.x), float(mark.y)
            right = high > low and (math.log10(x) - low) / (high - low) > 0.55  # label to the left, inside
            bottom.plot([x], [y], "D", color="black", markersize=9, zorder=5)
            bottom.annotate(
                "\n".join(textwrap.wrap(mark.label, 26)),
                (x, y),
                textcoords="offset points",
                xytext=(-12 if right else 12, -34 - 30 * (index % 2) if right else 16 + 30 * (index % 2)),
                ha="right" if right else "left",
                fontsize=11,
                bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "#999999", "alpha": 0.9},
                arrowprops={"arrowstyle": "-", "color": "#333333"},
                zorder=6,
            )
        bottom.set_xscale("log")
        bottom.set_yscale("log")
        bottom.set_title("Where the cheapest changes (break-even points)", fontsize=14)
        bottom.set_xlabel("input tokens per request (dashed: the stated size)", fontsize=13)
        bottom.set_ylabel("USD a month", fontsize=13)

        for axes in (top, bottom):
            axes.xaxis.set_minor_locator(NullLocator())
            axes.yaxis.set_minor_locator(NullLocator())
            axes.yaxis.set_major_formatter(money)
            axes.xaxis.set_major_formatter(count)
            axes.tick_params(labelsize=12)
            axes.grid(True, which="major", alpha=0.35)
            if axes.lines:
                axes.legend(fontsize=12, loc="upper left")
        footer = chart.caption + (" Not priced: " + "; ".join(chart.not_priced) + "." if chart.not_priced else "")
        figure.text(0.01, 0.01, "\n".join(textwrap.wrap(footer, 100)[:4]), fontsize=10, va="bottom", ha="left")
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, pil_kwargs={"compress_level": 3})
    png = buffer.getvalue()
    if len(png) > MAX_BYTES:  # cannot happen at this size; never send what Discord would refuse
        raise ValueError(f"the chart is {len(png):,} bytes, more than {MAX_BYTES:,}")
    return png


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short_usd(value: float) -> str:
    """$1.2K, $35, $0.05: axis labels short enough for a phone."""
    if value >= 1_000_000:
        return f"${value / 1_000_000:g}M"
    if value >= 1_000:
        return f"${value / 1_000:g}K"
    return f"${value:g}"


def _short_count(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 1_000:
        return f"{value / 1_000:g}K"
    return f"{value:g}"
