"""Break-even: where two models' ranking flips as the shape of a request changes.

Two directions are searched: input tokens per request growing at a fixed output, and the input share
of a fixed total of tokens. Along either, each priced route's cost of one request is a line (a line
per tier, since a long-context tier prices the whole request past its threshold, and no line past a
context window the route does not take). A model costs the cheapest of its lines, so the two models
swap places only where a line of one crosses a line of the other, or at a threshold; each stretch
between such points is probed once (``_flip_points``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Literal

from catalog.schema import Model, Route
from engine import numbers
from engine.cache import cached
from engine.cost.pricing import ONE, ZERO, Rates, priced_window, takes, tier_index, traffic_rates, unknown_above
from engine.facts import all_known, ref
from engine.results import BreakEven, Traffic

Line = tuple[Decimal, Decimal]
"""A route's cost of one request, times 1M, as ``c0 + c1 * x`` along the variable explored."""


def _route_lines(table: tuple[Rates, ...], output_base: Decimal, output_slope: Decimal) -> tuple[Line, ...]:
    """A priced route's line without a tier and under each tier, from its ``rate_table``."""
    return tuple([(r.per_output * output_base, r.per_input + r.per_output * output_slope) for r in table])


@dataclass(frozen=True, slots=True)
class _Zone:
    """Input sizes between two of a model's own tier thresholds: the same tiers apply throughout."""

    lines: tuple[Line, ...]
    """Each priced route's line here, without repeats."""
    envelope: tuple[tuple[Decimal | None, Line], ...]
    """The cheapest line piece by piece: (where the piece ends, None for open-ended; its line)."""


@dataclass(frozen=True, slots=True)
class _Lines:
    thresholds: tuple[Decimal, ...]
    """Where the lines change: the routes' long-context thresholds and the context windows past
    which a route no longer takes a request (below ``limit``)."""
    zones: tuple[_Zone, ...]
    """zones[k] holds for input in (thresholds[k - 1], thresholds[k]] (from ``low``, to no end)."""
    limit: Decimal | None = None
    """The largest input some priced route takes (its context window); None when one's is unknown.
    There is no line past it: the model cannot be priced there."""
    single: Line | None = None
    """The one line cheapest throughout the first zone, if one is."""
    single_until: Decimal | None = None
    """Where ``single`` stops being the one cheapest line, written alike (the first threshold past
    which a zone's cheapest is another line or several); None when it never does."""

    def single_below(self, high: Decimal) -> Line | None:
        """The one line cheapest everywhere below ``high``, if one is."""
        if self.single is None or (self.single_until is not None and self.single_until < high):
            return None
        return self.single

    def zone(self, x: Decimal) -> _Zone:
        return self.zones[bisect_left(self.thresholds, x)] if self.thresholds else self.zones[0]


@dataclass(frozen=True, slots=True)
class _Direction:
    """A variable a break-even is looked for along: input tokens from ``low`` with output fixed at
    ``output_base`` (slope 0), or the input share of a fixed total (output = total - input)."""

    low: Decimal
    output_base: Decimal
    output_slope: Decimal


def _directions(traffic: Traffic) -> tuple[_Direction, _Direction | None]:
    """The two directions at this traffic; no share direction when a request has no tokens."""
    output = Decimal(traffic.output_tokens)
    total = Decimal(traffic.input_tokens + traffic.output_tokens)
    return _Direction(ONE, output, ZERO), _Direction(ZERO, total, -ONE) if total else None


def _lines_key(model: Model, traffic: Traffic, direction: _Direction) -> tuple[object, ...]:
    """What a model's lines depend on: the model, the traffic's shares and the direction, written exactly."""
    shares = (
        str(traffic.cached_share),
        str(traffic.batch_share),
        str(traffic.cache_write_share),
        tuple(p.casefold() for p in traffic.providers),
    )
    return (id(model), *shares, str(direction.low), str(direction.output_base), str(direction.output_slope))


@cached("break-even lines", size=4096, key=_lines_key)
def _model_lines(model: Model, traffic: Traffic, direction: _Direction) -> _Lines | None:
    """The model's routes as lines along the variable, zone by zone; None when no route has a known price.

    Cached per model, shares and direction: an estimate of four models looks for break-evens in six
    pairs, each model in three of them."""
    return _build_lines(model, traffic, direction.low, direction.output_base, direction.output_slope)


def _build_lines(
    model: Model, traffic: Traffic, low: Decimal, output_base: Decimal, output_slope: Decimal
) -> _Lines | None:
    allowed = {p.casefold() for p in traffic.providers}
    gaps = unknown_above(model)
    routes = [
        (route, _route_lines(table, output_base, output_slope), gap)
        for route, table, gap in zip(model.routes, traffic_rates(model, traffic), gaps)
        if table is not None and (not allowed or route.provider.casefold() in allowed)  # a team's providers only
    ]
    if not routes:
        return None
    # A route is priced up to its window, and no further than where its price becomes unknown.
    windows = all_known([_priced_up_to(priced_window(model, route), gap) for route, _, gap in routes])
    limit = Decimal(max(windows)) if windows else None
    # A route stops taking requests past its window: where that is below the largest, the lines change.
    cuts = {Decimal(w) for w in windows if w < limit} if windows and limit is not None else set()
    if not cuts and not any(route.tiers for route, _, _ in routes):
        return _untiered_lines([(route, lines) for route, lines, _ in routes], low, limit)
    tier_points = {Decimal(t.above_input_tokens) for route, _, _ in routes for t in route.tiers}
    thresholds = tuple(sorted(t for t in tier_points | cuts if limit is None or t < limit))
    zones = []
    for k in range(len(thresholds) + 1):
        start = low if k == 0 else thresholds[k - 1]
        at = start + 1 if k == len(thresholds) else (start + thresholds[k]) / 2
        lines: list[Line] = []
        for route, route_lines, gap in routes:
            if not takes(model, route, at) or (gap is not None and at > gap):
                continue
            line = route_lines[tier_index(route, at)]
            if line not in lines:
                lines.append(line)
        zones.append(_Zone(tuple(lines), _envelope(lines, start, None)))
    return _Lines(thresholds, tuple(zones), limit, *_single(thresholds, zones))


def _priced_up_to(limit: int | None, gap: int | None) -> int | None:
    """The largest input a route is priced for: its window, or where its price becomes unknown if lower."""
    if gap is None:
        return limit
    return gap if limit is None else min(limit, gap)


def _untiered_lines(routes: Sequence[tuple[Route, tuple[Line, ...]]], low: Decimal, limit: Decimal | None) -> _Lines:
    """``_build_lines`` where no route has a long-context tier and every route takes every request
    up to ``limit``: one zone, each route one line."""
    lines: list[Line] = []
    for _, (line,) in routes:
        if line not in lines:
            lines.append(line)
    envelope = _envelope(lines, low, None)
    return _Lines((), (_Zone(tuple(lines), envelope),), limit, envelope[0][1] if len(envelope) == 1 else None, None)


def _single(thresholds: Sequence[Decimal], zones: Sequence[_Zone]) -> tuple[Line | None, Decimal | None]:
    """``_Lines.single`` and ``single_until``. Lines count as the same only when written alike
    (2.5 and 2.50 are not), so a figure computed from either reads the same."""
    first = zones[0].envelope
    if len(first) != 1:
        return None, None
    line = first[0][1]
    text = (str(line[0]), str(line[1]))
    for threshold, zone in zip(thresholds, zones[1:]):
        other = zone.envelope[0][1]
        if len(zone.envelope) != 1 or (str(other[0]), str(other[1])) != text:
            return line, threshold
    return line, None


def _lowest(envelope: tuple[tuple[Decimal | None, Line], ...], x: Decimal) -> Decimal:
    """The cheapest line's value at ``x`` (within the envelope's zone)."""
    for piece_end, (c0, c1) in envelope:
        if piece_end is None or x <= piece_end:
            return c0 + c1 * x
    raise ValueError(x)


def _envelope(lines: Sequence[Line], start: Decimal, end: Decimal | None) -> tuple[tuple[Decimal | None, Line], ...]:
    """The lower envelope of ``lines`` on (start, end]: (where each piece ends, its line), in order."""
    if len(lines) == 1:
        return ((end, lines[0]),)
    x = start
    current = min(lines, key=lambda line: (line[0] + line[1] * x, line[1]))
    pieces: list[tuple[Decimal | None, Line]] = []
    while True:
        nxt: tuple[Decimal, Decimal, Line] | None = None
        for line in lines:
            if line[1] < current[1]:
                at = (line[0] - current[0]) / (current[1] - line[1])
                if x < at and (end is None or at < end) and (nxt is None or (at, line[1]) < nxt[:2]):
                    nxt = (at, line[1], line)
        if nxt is None:
            pieces.append((end, current))
            return tuple(pieces)
        pieces.append((nxt[0], current))
        x, current = nxt[0], nxt[2]


def _clip(
    envelope: tuple[tuple[Decimal | None, Line], ...], start: Decimal, end: Decimal
) -> list[tuple[Decimal, Line]]:
    """The pieces of an envelope on (start, end]."""
    out: list[tuple[Decimal, Line]] = []
    for piece_end, line in envelope:
        if piece_end is not None and piece_end <= start:
            continue
        if piece_end is None or piece_end >= end:
            out.append((end, line))
            return out
        out.append((piece_end, line))
    return out


def _sign(value: Decimal) -> int:
    return (value > 0) - (value < 0)


def _flip_points(a: _Lines | None, b: _Lines | None, low: Decimal, high: Decimal) -> list[tuple[Decimal, int]]:
    """(point, sign of a - b after it) wherever the cheaper of a and b changes as x runs from low to high.

    The cost difference is piecewise linear: it can only change sign where a line of ``a`` crosses
    a line of ``b`` (the crossing is the break-even) or at a long-context threshold, where a tier
    starts just above the threshold (the threshold is the break-even). Each stretch between such
    points is probed once. Where both are cheapest on the same line for a while, the break-even is
    where they part.
    """
    if a is None or b is None:
        return []
    for limit in (a.limit, b.limit):  # past a limit one of them cannot be priced: nothing to compare
        if limit is not None and limit < high:
            high = limit
    if high <= low:
        return []
    line_a, line_b = a.single_below(high), b.single_below(high)
    if line_a is not None and line_b is not None:
        # One cheapest line each all the way: they swap places only where the two lines cross
        # (unless exactly at a threshold, which the general way below names as it writes it).
        if line_a[1] == line_b[1]:
            return []
        at = (line_b[0] - line_a[0]) / (line_a[1] - line_b[1])
        if not low < at < high:
            return []
        if at not in a.thresholds and at not in b.thresholds:
            middle = (at + high) / 2
            sign = _sign((line_a[0] + line_a[1] * middle) - (line_b[0] + line_b[1] * middle))
            return [(at, sign)] if sign else []

    if a.thresholds or b.thresholds:
        edges = [low] + [t for t in sorted(set(a.thresholds) | set(b.thresholds)) if low < t < high] + [high]
    else:
        edges = [low, high]

    def edge_sign(x: Decimal) -> int:
        return _sign(_lowest(a.zone(x).envelope, x) - _lowest(b.zone(x).envelope, x))

    # (is a point rather than a stretch, x, sign of a - b there), in order
    probes: list[tuple[bool, Decimal, int]] = [(True, low, edge_sign(low))]
    for start, end in zip(edges, edges[1:]):
        inside = (start + end) / 2
        pieces_a = _clip(a.zone(inside).envelope, start, end)
        pieces_b = _clip(b.zone(inside).envelope, start, end)
        crossings: set[Decimal] = set()
        stretches: list[tuple[Decimal, Decimal, Line, Line]] = []
        u, i, j = start, 0, 0
        while u < end:
            (end_a, line_a), (end_b, line_b) = pieces_a[i], pieces_b[j]
            v = min(end_a, end_b)
            if line_a[1] != line_b[1]:
                at = (line_b[0] - line_a[0]) / (line_a[1] - line_b[1])
                if u < at < v:
                    stretches.append((u, at, line_a, line_b))
                    crossings.add(at)
                    u = at
                elif at == u or at == v:
                    crossings.add(at)
            stretches.append((u, v, line_a, line_b))
            u = v
            i += end_a == v
            j += end_b == v
        for u, v, line_a, line_b in stretches:
            middle = (u + v) / 2
            probes.append((False, middle, _sign((line_a[0] + line_a[1] * middle) - (line_b[0] + line_b[1] * middle))))
            if v != end and v in crossings:
                probes.append((True, v, 0))
        probes.append((True, end, 0 if end in crossings else edge_sign(end)))
    flips: list[tuple[Decimal, int]] = []
    last_sign, last_point = 0, low
    for is_point, x, sign in probes:
        if sign == 0:
            if is_point:
                last_point = x
            continue
        if last_sign and sign != last_sign:
            flips.append((last_point, sign))
        last_sign, last_point = sign, x
    return flips


def _crossings(
    a: Model, b: Model, lines_a: _Lines | None, lines_b: _Lines | None, low: Decimal, high: Decimal
) -> list[tuple[Model, Model, Decimal]]:
    """(cheaper below, cheaper above, input tokens) wherever a and b swap places as input
    tokens run from ``low`` to ``high``."""
    return [((a, b) if sign > 0 else (b, a)) + (point,) for point, sign in _flip_points(lines_a, lines_b, low, high)]


def break_evens(a: Model, b: Model, traffic: Traffic) -> list[BreakEven]:
    """Where a and b swap places: as input tokens per request grow (output fixed), and as the
    input share of a request's tokens changes (total fixed)."""
    return _break_evens([a, b], traffic)[0]


def break_evens_of(models: Sequence[Model], traffic: Traffic) -> tuple[BreakEven, ...]:
    """``break_evens`` of every pair of the models, pair after pair (``combinations`` order)."""
    return tuple([flip for pair in _break_evens(models, traffic) for flip in pair])


def _break_evens(models: Sequence[Model], traffic: Traffic) -> list[list[BreakEven]]:
    """``break_evens`` for every pair of models, in ``combinations`` order."""
    tokens, shares = _directions(traffic)
    output = tokens.output_base
    total = shares.output_base if shares else ZERO
    by_tokens = [_model_lines(m, traffic, tokens) for m in models]
    by_share = [_model_lines(m, traffic, shares) for m in models] if shares else []
    out: list[list[BreakEven]] = []
    for i, j in combinations(range(len(models)), 2):
        a, b = models[i], models[j]
        pair: list[BreakEven] = []
        for below, above, point in _crossings(a, b, by_tokens[i], by_tokens[j], ONE, _largest_input(a, b, traffic)):
            text = (
                f"{below.name} is cheaper up to {numbers.count(point)} input tokens a request and "
                f"{above.name} above that (at {numbers.count(output)} output tokens each)."
            )
            pair.append(_break_even(below, above, "input_tokens", point, text))
        if shares:
            for below, above, point in _crossings(a, b, by_share[i], by_share[j], ZERO, total):
                share = point / total
                text = (
                    f"At {numbers.count(total)} tokens a request, {below.name} is cheaper while input is up to "
                    f"{numbers.percent(share)} of them and {above.name} when input is more."
                )
                pair.append(_break_even(below, above, "input_share", share, text))
        out.append(pair)
    return out


Variable = Literal["input_share", "input_tokens"]


def _break_even(below: Model, above: Model, variable: Variable, value: Decimal, text: str) -> BreakEven:
    return BreakEven(cheaper_below=ref(below), cheaper_above=ref(above), variable=variable, value=value, text=text)


DEFAULT_INPUT_LIMIT = 2_000_000
"""How far input tokens per request are explored when neither model's context window is known."""


def _largest_input(a: Model, b: Model, traffic: Traffic) -> Decimal:
    """The largest input a request to both models can carry (their smaller known context)."""
    windows = [m.context_window for m in (a, b) if m.context_window is not None]
    limit = min(windows) if windows else DEFAULT_INPUT_LIMIT
    return Decimal(max(limit - traffic.output_tokens, 2))
