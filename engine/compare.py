"""The comparison of two to four models: every section of a Versus page, from catalog data.

``compare(models, traffic)`` returns a ``Comparison``. Sections are built by small functions,
one per section key; the facts they state come from ``engine.facts``, ``engine.cost`` and
``engine.answers`` so each is computed and worded once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from decimal import Decimal

from catalog.schema import CURATION_DOC, Capability, Model, Tri

from engine import answers, facts, memo, numbers
from engine.cost import DEFAULT_TRAFFIC, Estimated, estimated
from engine.results import (
    BenchmarkLead,
    BlendedPrice,
    Cell,
    Comparison,
    CostEstimate,
    Figure,
    Row,
    Section,
    SectionKey,
    Source,
    Table,
    Traffic,
)
from engine.words import and_list, plural, ref, unique

MIN_MODELS = 2
MAX_MODELS = 4

TITLES: dict[SectionKey, str] = {
    SectionKey.SUMMARY: "Summary",
    SectionKey.SCORECARD: "Decision scorecard",
    SectionKey.TRADEOFFS: "Decision trade-offs",
    SectionKey.COST: "Monthly cost at traffic",
    SectionKey.SWITCH: "Switch friction",
    SectionKey.SPECS: "Specs",
    SectionKey.PRICING: "Pricing and availability",
    SectionKey.CAPABILITIES: "Capabilities",
    SectionKey.BENCHMARKS: "Benchmarks",
    SectionKey.DEEP_DIVE: "Deep dive",
    SectionKey.FAQ: "FAQ",
    SectionKey.SOURCES: "Data as of, and sources",
}

YES_NO = {Tri.YES: "Yes", Tri.NO: "No", Tri.UNKNOWN: numbers.UNKNOWN_TEXT}
NOT_TRACKED = "not tracked"
PRODUCTION_ADVICE = (
    "Before moving production traffic, rerun your own prompts on the exact provider route you plan to ship."
)


class Context:
    """What several sections need, computed once per comparison."""

    def __init__(self, models: Sequence[Model], traffic: Traffic):
        self.models = answers.Group(models)
        self.names = [m.name for m in models]
        self.columns = tuple(self.names)
        costed = estimated(models, traffic)
        self.cost: CostEstimate = costed.result
        self.known = costed.known
        """Models with a known monthly cost, cheapest first."""
        self.gap = costed.gap
        cheapest = [facts.cheapest_prices(m) for m in models]
        self.inputs = [c[facts.INPUT].price for c in cheapest]
        self.outputs = [c[facts.OUTPUT].price for c in cheapest]
        self.blends = [c[facts.BLEND] for c in cheapest]
        self.shared_providers = answers.shared_providers(self.models)
        self.shared_benchmarks = facts.shared_benchmarks(models)
        self.benchmark_table = answers.benchmark_table(models, self.shared_benchmarks)
        self.benchmark_notes = [row.note for row in self.benchmark_table.rows if row.note]
        self.monthly = [c.cheapest.per_month if c.cheapest else None for c in self.cost.models]
        self.context_sentence = answers.context_sentence(self.models)
        self.input_sentence = answers.price_comparison(self.models, self.inputs, "input")
        self.output_sentence = answers.price_comparison(self.models, self.outputs, "output")
        own = [_own(m) for m in models]
        self.own = own
        self.capability_values = dict(zip(facts.CAPABILITIES, zip(*[o.cap_values for o in own])))
        """Each capability's answers, one per model, in the catalog's order of capabilities."""
        self.masks = [o.masks for o in own]
        self.texts = [o.texts for o in own]
        self.capability_bullets: list[str] | None = None
        """Filled the first time a section needs them (the trade-offs and the deep dive both do)."""
        self.advantages: dict[tuple[int, int], list[tuple[str, str]]] = {}
        """(with figures, without) phrases by (model, against), filled as sections ask."""
        self._parts: dict[str, list] = {}

    def parts(self, name: str) -> list:
        """One of ``_Own``'s parts worked out on first use ("cells", "route_cells", "sources"), one per
        model, in order: only the sections that show them ask, so a comparison of some sections may skip them."""
        found = self._parts.get(name)
        if found is None:
            found = self._parts[name] = [o.part(m, name) for o, m in zip(self.own, self.models)]
        return found


class _Own:
    """What a comparison needs from one model alone, cached on the model under one key (rather than a
    key for each part). Capabilities and phrases are worked out the first time the model is compared;
    the table cells and sources the first time a section needs them (``part``)."""

    __slots__ = ("cap_values", "masks", "texts", "fit", "cells", "route_cells", "sources")

    def __init__(self, model: Model):
        caps = facts.capabilities(model)
        self.cap_values = tuple(caps[c] for c in facts.CAPABILITIES)
        """The capabilities' answers in the catalog's order of capabilities."""
        self.masks = facts.capability_masks(model)
        self.texts = _texts(model)
        tags = ", ".join([t.value for t in model.tags]) or "no tags"
        self.fit = cell(tags, tags, False)
        """The model's decision-fit cell (its tags), for the scorecard every overview shows."""
        self.cells: dict[str, Cell] | None = None
        self.route_cells: dict[str, Cell] | None = None
        self.sources: tuple[tuple[str, Source], ...] | None = None

    def part(self, model: Model, name: str):
        """One of the parts worked out on first use (``model`` is the model this belongs to: the
        cache holds no reference to it, or the model could never be collected)."""
        found = getattr(self, name)  # a slot, None until worked out
        if found is None:
            found = _PARTS[name](model)
            setattr(self, name, found)
        return found


def _own(model: Model) -> _Own:
    return memo.cached(model, "compare", lambda: _Own(model))


def compare(
    models: Sequence[Model],
    traffic: Traffic = DEFAULT_TRAFFIC,
    sections: Collection[SectionKey | str] | None = None,
) -> Comparison:
    """Compare two to four distinct models at a traffic (the default: 1M requests a month, 800 in / 250 out).

    ``sections``, when given, limits ``Comparison.sections`` to those keys (still in page order), for a
    surface that shows one part at a time: the sections left out are not worked out. Every other
    field (summary, verdict, cost, blended prices, benchmark leads, shared providers, dates) is always
    there and is the same as in the whole comparison."""
    ids = [m.id for m in models]
    if not MIN_MODELS <= len(models) <= MAX_MODELS:
        raise ValueError(f"compare takes {MIN_MODELS} to {MAX_MODELS} models, not {len(models)}")
    if len(set(ids)) != len(ids):
        raise ValueError("compare needs different models; one was named twice")
    wanted = SECTION_ORDER if sections is None else _wanted(sections)
    ctx = Context(models, traffic)
    summary = summary_text(ctx)
    verdict = verdict_text(ctx)
    built = tuple([BUILDERS[key](ctx, summary, verdict) for key in wanted])
    return Comparison.trusted(
        title=" vs ".join(ctx.names),
        models=ctx.models.refs,
        summary=summary,
        verdict=verdict,
        sections=built,
        cost=ctx.cost,
        blended=tuple(
            BlendedPrice.trusted(model=ref(m), provider=b.providers[0] if b.providers else None, price=b.price)
            for m, b in zip(models, ctx.blends)
        ),
        benchmark_leads=benchmark_leads(ctx),
        shared_providers=ctx.shared_providers,
        updated=tuple(m.updated for m in models),
    )


SECTION_ORDER: tuple[SectionKey, ...] = tuple(SectionKey)
"""Every section, in page order."""


def _wanted(sections: Collection[SectionKey | str]) -> tuple[SectionKey, ...]:
    """The sections asked for, in page order (a key that is not a section is a ``ValueError``)."""
    asked = {SectionKey(key) for key in sections}
    return tuple(key for key in SECTION_ORDER if key in asked)


# --- summary and verdict --------------------------------------------------------------------


def _year(model: Model) -> str:
    return f"{model.vendor}, {model.release_date.year}" if model.release_date else f"{model.vendor}, release date unknown"


def _texts(model: Model) -> dict:
    """Phrases about the model alone that sections put in their sentences (part of ``_own``)."""
    routes = f"{model.name} is tracked on {plural(len(model.routes), 'provider route')}"
    return {
        "intro": f"{model.name} ({_year(model)})",
        "tags": f"Versus tags {model.name} for {and_list(t.value for t in model.tags)}." if model.tags else None,
        "routes": routes + (f" ({and_list(facts.providers(model))})" if model.routes else ""),
        "updated": f"{model.name} {model.updated.isoformat()}",
        "unknown": tuple(
            f"{facts.CAPABILITY_PHRASES[c]} for {model.name}"
            for c, value in facts.capabilities(model).items()
            if value is Tri.UNKNOWN
        ),
    }


def summary_text(ctx: Context) -> str:
    intro = and_list(t["intro"] for t in ctx.texts)
    parts = [f"{intro}, compared on specs, pricing, capabilities, benchmarks and providers."]
    parts.append(ctx.context_sentence)
    parts += ctx.benchmark_notes
    parts.append(ctx.input_sentence)
    return " ".join(parts)


def advantages(ctx: Context, index: int, against: int, figures: bool = True) -> list[str]:
    """What model ``index`` offers that model ``against`` does not, from known data only.
    Without ``figures`` the phrases carry no numbers, so one said against several models reads once."""
    pairs = ctx.advantages.get((index, against))
    if pairs is None:
        pairs = ctx.advantages[(index, against)] = _advantages(ctx, index, against)
    return [with_figures if figures else plain for with_figures, plain in pairs]


def _advantages(ctx: Context, index: int, against: int) -> list[tuple[str, str]]:
    """``advantages`` as (with figures, without) pairs. Each lead is the one ``facts.leaders`` finds
    between the two (both known, and more), written as a direct comparison."""
    model, other = ctx.models[index], ctx.models[against]
    out = [(phrase, phrase) for phrase in _phrases(_gained(ctx, against, index))]
    if facts.context_leads(model, other):
        detail = f" ({numbers.tokens(model.context_window)} against {numbers.tokens(other.context_window)})"
        out.append(("a larger context window" + detail, "a larger context window"))
    if model.benchmarks and other.benchmarks:
        for name in facts.shared_benchmarks((model, other)):
            mine, theirs = facts.scored(model, name)[1], facts.scored(other, name)[1]
            if mine > theirs:
                out.append((f"a {numbers.points(mine - theirs)}-point lead on {name}", f"higher {name} scores"))
    mine, theirs = len(model.routes), len(other.routes)
    if mine > theirs:
        out.append((f"more provider routes ({mine} against {theirs})", "broader provider choice"))
    return out


def _gained(ctx: Context, frm: int, to: int) -> tuple[Capability, ...]:
    """``facts.gained`` between two of the comparison's models, by index."""
    return facts.in_mask(ctx.masks[to][0] & ctx.masks[frm][1])


def _phrases(capabilities: Sequence[Capability]) -> list[str]:
    return [facts.CAPABILITY_PHRASES[c] for c in capabilities] if capabilities else []


def cheapest_indexes(ctx: Context) -> tuple[int, ...]:
    return facts.leaders(ctx.monthly, higher_is_better=False)


def verdict_text(ctx: Context) -> str:
    """One line: who costs less at the stated traffic, and what each other model adds."""
    cheap = cheapest_indexes(ctx)
    if not cheap:
        if any(v is None for v in ctx.monthly):
            unknown = [ctx.names[i] for i, v in enumerate(ctx.monthly) if v is None]
            head = f"The cost of {and_list(unknown)} is unknown, so no cheapest model can be named"
        else:
            head = f"{answers.both(ctx.models)} cost the same at the stated traffic ({numbers.usd(ctx.monthly[0])}/month)"
        return head + "; " + _adds(ctx, range(len(ctx.models)), 0) + "."
    known = ctx.known
    low, high = known[0].cheapest.per_month, known[-1].cheapest.per_month
    names = and_list(ctx.names[i] for i in cheap)
    verb = "costs" if len(cheap) == 1 else "each cost"
    head = f"{names} {verb} {numbers.usd(low)}/month at the stated traffic against {numbers.usd(high)}"
    if high:
        head += f" ({numbers.percent((high - low) / high)} less)"
    others = [i for i in range(len(ctx.models)) if i not in cheap]
    return head + "; " + _adds(ctx, others, cheap[0]) + "."


def _adds(ctx: Context, indexes: Sequence[int], against: int) -> str:
    parts = []
    for i in indexes:
        if i == against:
            continue
        extra = advantages(ctx, i, against)
        if extra:
            parts.append(f"{ctx.names[i]} adds {and_list(extra)}")
        else:
            parts.append(f"{ctx.names[i]} shows no advantage over {ctx.names[against]} in the tracked data")
    return "; ".join(parts)


# --- scorecard and trade-offs ---------------------------------------------------------------


_CELLS: dict[tuple, Cell] = {}
_CELLS_LIMIT = 8192


def cell(text: str, value, best: bool) -> Cell:
    """A table cell, shared between results: cells are immutable and the same few recur in every
    comparison. Keyed by the value's type and, for decimals, exact text (0.4 and 0.40 stay apart)."""
    key = (text, best, value.__class__, str(value) if value.__class__ is Decimal else value)
    found = _CELLS.get(key)
    if found is None:
        if len(_CELLS) >= _CELLS_LIMIT:
            _CELLS.clear()
        found = _CELLS[key] = Cell.trusted(text=text, value=value, best=best)
    return found


def _cells(texts: Sequence[str], values: Sequence, best: Sequence[int] = ()) -> tuple[Cell, ...]:
    return tuple(cell(t, v, i in best) for i, (t, v) in enumerate(zip(texts, values)))


_ROWS: dict[tuple, Row] = {}


def _row(key: str, label: str, texts: Sequence[str], values: Sequence, best: Sequence[int] = ()) -> Row:
    """A table row without a note, shared between results like ``cell``."""
    # A value's repr tells its type and, for a decimal, its exact text (0.4 and 0.40 stay apart).
    found_key = (key, label, tuple(texts), tuple(map(repr, values)), tuple(best))
    found = _ROWS.get(found_key)
    if found is None:
        if len(_ROWS) >= _CELLS_LIMIT:
            _ROWS.clear()
        found = _ROWS[found_key] = Row.trusted(key=key, label=label, cells=_cells(texts, values, best))
    return found


_ROWS_OF_CELLS: dict[tuple, Row] = {}


def _row_of(key: str, label: str, cells: Sequence[Cell]) -> Row:
    """A table row of cells already built (each model's own, see ``_model_cells``), shared between
    results like ``_row``. Keyed by the cells' identities: a row in the cache holds its cells, so
    no id in a key can be reused by another object while the entry lives."""
    found_key = (key, label, *map(id, cells))
    found = _ROWS_OF_CELLS.get(found_key)
    if found is None:
        if len(_ROWS_OF_CELLS) >= _CELLS_LIMIT:
            _ROWS_OF_CELLS.clear()
        found = _ROWS_OF_CELLS[found_key] = Row.trusted(key=key, label=label, cells=tuple(cells))
    return found


def _table(ctx: Context, key: str, title: str, label_header: str, rows: Sequence[Row], empty: str | None = None) -> Table:
    return Table.trusted(key=key, title=title, label_header=label_header, columns=ctx.columns, rows=tuple(rows), empty_text=empty)


def context_row(ctx: Context) -> Row:
    values = [m.context_window for m in ctx.models]
    return _row("context_window", "Context window", numbers.token_row(values), values, facts.context_leaders(ctx.models))


def price_row(key: str, label: str, values: Sequence[Decimal | None]) -> Row:
    texts = [numbers.price(v) for v in values]
    return _row(key, label, texts, values, facts.leaders(values, higher_is_better=False))


def routes_row(ctx: Context, label: str, suffix: str) -> Row:
    values = [len(m.routes) for m in ctx.models]
    return _row("provider_routes", label, [f"{v} {suffix}" for v in values], values, facts.leaders(values, True))


def scorecard(ctx: Context) -> Table:
    shared = len(ctx.shared_benchmarks)
    rows = [
        _row_of("decision_fit", "Decision fit", [o.fit for o in ctx.own]),
        context_row(ctx),
        price_row("cheapest_output", "Cheapest output price", ctx.outputs),
        routes_row(ctx, "Provider routes", "tracked"),
        _row(
            "shared_benchmarks",
            "Shared benchmarks",
            [plural(shared, "row")] * len(ctx.models), [shared] * len(ctx.models),
        ),
    ]
    return _table(ctx, "scorecard", TITLES[SectionKey.SCORECARD], "Signal", rows)


def capability_bullets(ctx: Context) -> list[str]:
    if ctx.capability_bullets is None:
        ctx.capability_bullets = _capability_bullets(ctx)
    return list(ctx.capability_bullets)


def _capability_bullets(ctx: Context) -> list[str]:
    """A sentence for each capability some model has and another lacks or may lack."""
    return [
        answers.capability_sentence(ctx.models, capability, values)
        for capability, values in ctx.capability_values.items()
        if Tri.YES in values and values.count(Tri.YES) != len(values)
    ]


def tradeoffs(ctx: Context) -> tuple[str, ...]:
    bullets = [
        ctx.context_sentence,
        ctx.input_sentence,
        ctx.output_sentence,
        coverage_sentence(ctx),
        *capability_bullets(ctx),
    ]
    bullets += [t["tags"] for t in ctx.texts if t["tags"]]
    return unique(bullets)


def coverage_sentence(ctx: Context) -> str:
    counts = [len(m.routes) for m in ctx.models]
    lead = facts.leaders(counts, higher_is_better=True)
    if not lead:
        return f"{answers.both(ctx.models)} are tracked on {plural(counts[0], 'provider route')}."
    names = and_list(ctx.names[i] for i in lead)
    verb = "has" if len(lead) == 1 else "have"
    if len(ctx.models) == 2:
        other = 1 - lead[0]
        detail = f"{plural(counts[lead[0]], 'route')} against {counts[other]} for {ctx.names[other]}"
        return f"{names} {verb} broader tracked provider coverage, for fallback and procurement: {detail}."
    listed = answers.listing(ctx.models, [str(c) for c in counts])
    return f"{names} {verb} the broadest tracked provider coverage, for fallback and procurement (routes: {listed})."


# --- monthly cost ---------------------------------------------------------------------------


def cost_section(ctx: Context) -> Section:
    figures = tuple(
        Figure.trusted(
            label=c.model.name,
            text=f"{numbers.usd(c.cheapest.per_month)}/month" if c.cheapest else numbers.UNKNOWN_TEXT,
            value=c.cheapest.per_month if c.cheapest else None,
            detail=f"Cheapest tracked route: {c.route_text}" if c.cheapest else c.route_text[:1].upper() + c.route_text[1:],
        )
        for c in ctx.cost.models
    )
    bullets = [ctx.gap] if ctx.gap is not None else []
    bullets += [b.text for b in ctx.cost.break_evens]
    bullets += [n for n in ctx.cost.notes if not n.startswith("Per-day")]
    return Section.trusted(
        key=SectionKey.COST,
        title=TITLES[SectionKey.COST],
        text=(f"At {ctx.cost.traffic.description}, each model on its cheapest tracked route:",),
        figures=figures,
        bullets=unique(bullets),
    )


# --- switch friction ------------------------------------------------------------------------


def _delta(kind: str, frm: Decimal | None, to: Decimal | None) -> str | None:
    if frm is None or to is None:
        return None
    if to == frm:
        return f"{kind} unchanged at {numbers.price(to)}"
    word = "up" if to > frm else "down"
    return f"{kind} {word} {numbers.price(abs(to - frm))} ({numbers.price(frm)} to {numbers.price(to)})"


def switch_friction(ctx: Context) -> tuple[str, ...]:
    bullets = []
    if ctx.shared_providers:
        bullets.append(f"{answers.both(ctx.models)} are on {and_list(ctx.shared_providers)}: A/B test there, route against route.")
    else:
        bullets.append("No provider offers them all: an A/B test spans two providers' APIs, keys and limits.")
    first = ctx.models[0]
    for index, other in enumerate(ctx.models[1:], start=1):
        deltas = [
            d
            for d in (_delta("input", ctx.inputs[0], ctx.inputs[index]), _delta("output", ctx.outputs[0], ctx.outputs[index]))
            if d
        ]
        lead = f"Switching from {first.name} to {other.name}"
        if deltas:
            bullets.append(f"{lead}: cheapest {and_list(deltas)}.")
        else:
            bullets.append(f"{lead}: the price change is unknown (a price is missing).")
        lost = _phrases(_gained(ctx, index, 0))
        won = _phrases(_gained(ctx, 0, index))
        if lost:
            bullets.append(f"{lead} loses {and_list(lost)}: check your workload does without it first.")
        if won:
            bullets.append(f"{lead} gains {and_list(won)}.")
        if not lost and not won:
            bullets.append(f"{lead} keeps the same known capabilities.")
    return unique(bullets)


# --- tables ---------------------------------------------------------------------------------


def _tokens_row(ctx: Context, key: str, label: str, values: Sequence[int | None]) -> Row:
    return _row(key, label, numbers.token_row(list(values)), values, facts.leaders(values, True))


def _text_cell(value) -> Cell:
    return cell(str(value), str(value), False) if value is not None else cell(numbers.UNKNOWN_TEXT, None, False)


def _model_cells(model: Model) -> dict[str, Cell]:
    """The model's cells in rows where no model is marked best, by row key (part of ``_own``):
    they depend on the model alone."""
    cheapest_cached = facts.cheapest_cached(model).price
    return {
        "release_date": _text_cell(model.release_date.isoformat() if model.release_date else None),
        "parameters": _text_cell(model.parameters),
        "architecture": _text_cell(model.architecture),
        "licence": _text_cell(model.licence),
        "open_weights": cell(YES_NO[model.open_weights], _tri_value(model.open_weights), False),
        "knowledge_cutoff": _text_cell(model.knowledge_cutoff),
        "input_modalities": _text_cell(", ".join(x.value for x in model.input_modalities)),
        "output_modalities": _text_cell(", ".join(x.value for x in model.output_modalities)),
        "cached_input_price": cell(_cached_text(model, cheapest_cached), cheapest_cached, False),
    }


def _own_row(cells: Sequence[dict[str, Cell]], key: str, label: str) -> Row:
    """A row where each model's cell is its own (``_model_cells``)."""
    return _row_of(key, label, [own[key] for own in cells])


def specs_table(ctx: Context) -> Table:
    cells = ctx.parts("cells")
    rows = [
        _own_row(cells, "release_date", "Released"),
        context_row(ctx),
        _tokens_row(ctx, "max_output_tokens", "Max output tokens", [m.max_output_tokens for m in ctx.models]),
        _own_row(cells, "parameters", "Parameters"),
        _own_row(cells, "architecture", "Architecture"),
        _own_row(cells, "licence", "Licence"),
        _own_row(cells, "open_weights", "Open weights"),
        _own_row(cells, "knowledge_cutoff", "Knowledge cutoff"),
        _own_row(cells, "input_modalities", "Input"),
        _own_row(cells, "output_modalities", "Output"),
    ]
    return _table(ctx, "specs", TITLES[SectionKey.SPECS], "Specification", rows)


def _tri_value(value: Tri) -> bool | None:
    return None if value is Tri.UNKNOWN else value is Tri.YES


NOT_TRACKED_CELL = Cell.trusted(text=NOT_TRACKED, value=None, best=False)


def _route_cells(model: Model) -> dict[str, Cell]:
    """Each route's prices in words as a cell, by provider name without case (part of ``_own``)."""
    cells: dict[str, Cell] = {}
    for route in model.routes:
        if route.priced:
            text = f"{numbers.price_value(route.input)} in / {numbers.price_value(route.output)} out"
            found = cell(text, text, False)
        else:
            found = cell("price unknown", None, False)
        cells.setdefault(route.provider.casefold(), found)
    return cells


def _cached_text(model: Model, price: Decimal | None) -> str:
    """A cached-input price; "not published" only where a priced route publishes none (with no
    known price at all, whether a cache price exists is unknown)."""
    if price is not None:
        return numbers.price(price)
    return "not published" if any(r.priced for r in model.routes) else numbers.UNKNOWN_TEXT


def pricing_table(ctx: Context) -> Table:
    rows = [
        price_row("input_price", "Cheapest input price", ctx.inputs),
        price_row("output_price", "Cheapest output price", ctx.outputs),
        _own_row(ctx.parts("cells"), "cached_input_price", "Cheapest cached input"),
        routes_row(ctx, "Provider routes", "tracked"),
    ]
    routes = ctx.parts("route_cells")
    for provider in unique(p for m in ctx.models for p in facts.providers(m)):
        folded = provider.casefold()
        cells = [own.get(folded, NOT_TRACKED_CELL) for own in routes]
        rows.append(_row_of(f"route:{folded}", f"{provider} (per 1M)", cells))
    return _table(ctx, "pricing", TITLES[SectionKey.PRICING], "Pricing attribute", rows)


def capabilities_table(ctx: Context) -> Table:
    rows = [_capability_row(c, ctx.capability_values[c]) for c in facts.CAPABILITIES]
    return _table(ctx, "capabilities", TITLES[SectionKey.CAPABILITIES], "Capability", rows)


_CAPABILITY_ROWS: dict[tuple[Capability, tuple[Tri, ...]], Row] = {}
"""At most 7 capabilities times 3 ** 4 values for four models: no limit needed."""


def _capability_row(capability: Capability, values: tuple[Tri, ...]) -> Row:
    """A capabilities-table row: the models' answers, yes marked best where not all agree."""
    key = (capability, values)
    found = _CAPABILITY_ROWS.get(key)
    if found is None:
        flags = [_tri_value(v) for v in values]
        best = facts.leaders([int(f) if f is not None else None for f in flags], higher_is_better=True)
        found = _CAPABILITY_ROWS[key] = _row(capability.value, capability.label, [YES_NO[v] for v in values], flags, best)
    return found


def benchmarks_section(ctx: Context) -> Section:
    extra = []
    for model in ctx.models:
        own = [b for b in model.benchmarks if b.name not in ctx.shared_benchmarks]
        if own:
            listed = and_list(f"{b.name} {numbers.points(facts.score(b))}{'%' if b.unit == '%' else ' ' + b.unit}" for b in own)
            extra.append(f"Reported by {model.name} only: {listed}.")
    return Section.trusted(
        key=SectionKey.BENCHMARKS,
        title=TITLES[SectionKey.BENCHMARKS],
        tables=(ctx.benchmark_table,),
        text=tuple(extra),
    )


def benchmark_leads(ctx: Context) -> tuple[BenchmarkLead, ...]:
    leads = []
    for name in ctx.shared_benchmarks:
        entries, values = zip(*(facts.scored(m, name) for m in ctx.models))
        top = facts.leaders(values, higher_is_better=True)
        leads.append(
            BenchmarkLead.trusted(
                benchmark=entries[0].name,
                unit=entries[0].unit,
                scores=tuple(values),
                leader=ctx.models.refs[top[0]] if len(top) == 1 else None,
                lead=answers.lead_points(values) if len(top) == 1 else Decimal(0),
            )
        )
    return tuple(leads)


# --- deep dive ------------------------------------------------------------------------------


def footprint(ctx: Context) -> str:
    differing = capability_bullets(ctx)
    everyone = ctx.masks[0][0]
    for has, _ in ctx.masks[1:]:
        everyone &= has
    shared = _phrases(facts.in_mask(everyone))
    parts = []
    if differing:
        parts.append("The capability footprint differs. " + " ".join(differing))
    else:
        parts.append("The known capability footprints are the same.")
    if shared:
        parts.append(f"{answers.both(ctx.models)} have {and_list(shared)}.")
    unknown = [phrase for texts in ctx.texts for phrase in texts["unknown"]]
    if unknown:
        parts.append(f"Unknown in the catalog: {and_list(unknown)}.")
    return " ".join(parts)


def blended_text(ctx: Context) -> str:
    prices = [b.price for b in ctx.blends]
    listed = answers.listing(ctx.models, [numbers.price(p) for p in prices])
    text = f"At a 70/30 input/output mix on each model's cheapest route: {listed}."
    lead = facts.leaders(prices, higher_is_better=False)
    if len(ctx.models) == 2 and lead:
        gap = abs(prices[0] - prices[1])
        shown = numbers.cents(gap)
        exact = numbers.price_value(gap)
        about = f"about {shown}" + (f" ({exact})" if exact != shown else "")
        text += f" {ctx.names[lead[0]]} is lower by {about} per 1M blended tokens."
    elif lead:
        text += f" {and_list(ctx.names[i] for i in lead)} is lowest."
    return text


def concentration_text(ctx: Context) -> str:
    text = "Availability: " + "; ".join(t["routes"] for t in ctx.texts) + "."
    single = [m.name for m in ctx.models if len(m.routes) == 1]
    if single:
        text += f" {and_list(single)} depends on a single provider: no fallback route is tracked."
    elif any(m.routes for m in ctx.models):
        text += " Fewer routes means more concentration risk and fewer fallbacks."
    return text


def choose_text(ctx: Context) -> str:
    cheap = cheapest_indexes(ctx)
    parts = []
    for index, model in enumerate(ctx.models):
        reasons = []
        if index in cheap:
            reasons.append("the lower cost at the stated traffic" if len(ctx.models) == 2 else "the lowest cost at the stated traffic")
        gains = unique(g for other in range(len(ctx.models)) if other != index for g in advantages(ctx, index, other, figures=False))
        reasons += gains
        if reasons:
            parts.append(f"Choose {model.name} for {and_list(reasons)}.")
        else:
            parts.append(f"{model.name} shows no tracked advantage over the others here.")
    return " ".join(parts) + " " + PRODUCTION_ADVICE


def deep_dive(ctx: Context) -> tuple[str, ...]:
    paragraphs = []
    notes = ctx.benchmark_notes
    if notes:
        verification = unique(
            facts.benchmark(m, name).verification.value for m in ctx.models for name in ctx.shared_benchmarks
        )
        paragraphs.append(
            " ".join(notes) + f" Scores are {and_list(verification)}; treat a single benchmark as directional."
        )
    paragraphs += [footprint(ctx), blended_text(ctx), concentration_text(ctx), choose_text(ctx)]
    return tuple(paragraphs)


# --- FAQ and sources ------------------------------------------------------------------------


def faq(ctx: Context) -> tuple:
    models = ctx.models
    return (
        answers.answer_context(models, sentence=ctx.context_sentence),
        answers.answer_cheaper(
            models,
            traffic=ctx.cost.traffic,
            estimated=Estimated(ctx.cost, ctx.known, ctx.gap),
            price_sentences=(ctx.input_sentence, ctx.output_sentence),
        ),
        answers.answer_open_source(models),
        answers.answer_capability(models, Capability.VISION),
        answers.answer_multimodal(models),
        answers.answer_where(models),
    )


def _model_sources(model: Model) -> tuple[tuple[str, Source], ...]:
    """(url, source) for the model's sources, route pricing pages and benchmark pages (part of ``_own``)."""
    items = []
    for s in model.sources:
        url = str(s.url)
        if url != CURATION_DOC:
            items.append((s.title or url, url, s.date, s.how))
    for r in model.routes:
        for s in r.sources:
            what = "pricing" if "prices" in s.covers else ", ".join(c.replace("_", " ") for c in s.covers)
            items.append((f"{r.provider} {what} for {model.name}", str(s.url), s.date, s.how))
    items += [(f"{b.name} for {model.name}", str(b.source), b.date, "published") for b in model.benchmarks]
    return tuple([(url, Source.trusted(title=title, url=url, date=date, how=how)) for title, url, date, how in items])


def sources_section(ctx: Context) -> Section:
    updated = "; ".join(t["updated"] for t in ctx.texts)
    seen: set[str] = set()
    sources = []
    for own in ctx.parts("sources"):
        for url, source in own:
            if url not in seen:
                seen.add(url)
                sources.append(source)
    return Section.trusted(
        key=SectionKey.SOURCES,
        title=TITLES[SectionKey.SOURCES],
        text=(f"Data as of: {updated} (the newest date behind each model's figures).", "Decision-fit tags are Versus's own curation (catalog/CURATION.md)."),
        sources=tuple(sources),
    )


_PARTS: dict[str, Callable[[Model], object]] = {
    "cells": _model_cells,
    "route_cells": _route_cells,
    "sources": _model_sources,
}
"""How each part of ``_Own`` worked out on first use is computed."""


BUILDERS: dict[SectionKey, Callable[[Context, str, str], Section]] = {
    SectionKey.SUMMARY: lambda ctx, summary, verdict: Section.trusted(
        key=SectionKey.SUMMARY, title=TITLES[SectionKey.SUMMARY], text=(summary, verdict)
    ),
    SectionKey.SCORECARD: lambda ctx, *_: Section.trusted(
        key=SectionKey.SCORECARD, title=TITLES[SectionKey.SCORECARD], tables=(scorecard(ctx),)
    ),
    SectionKey.TRADEOFFS: lambda ctx, *_: Section.trusted(
        key=SectionKey.TRADEOFFS, title=TITLES[SectionKey.TRADEOFFS], bullets=tradeoffs(ctx)
    ),
    SectionKey.COST: lambda ctx, *_: cost_section(ctx),
    SectionKey.SWITCH: lambda ctx, *_: Section.trusted(
        key=SectionKey.SWITCH, title=TITLES[SectionKey.SWITCH], bullets=switch_friction(ctx)
    ),
    SectionKey.SPECS: lambda ctx, *_: Section.trusted(
        key=SectionKey.SPECS, title=TITLES[SectionKey.SPECS], tables=(specs_table(ctx),)
    ),
    SectionKey.PRICING: lambda ctx, *_: Section.trusted(
        key=SectionKey.PRICING, title=TITLES[SectionKey.PRICING], tables=(pricing_table(ctx),)
    ),
    SectionKey.CAPABILITIES: lambda ctx, *_: Section.trusted(
        key=SectionKey.CAPABILITIES, title=TITLES[SectionKey.CAPABILITIES], tables=(capabilities_table(ctx),)
    ),
    SectionKey.BENCHMARKS: lambda ctx, *_: benchmarks_section(ctx),
    SectionKey.DEEP_DIVE: lambda ctx, *_: Section.trusted(
        key=SectionKey.DEEP_DIVE, title=TITLES[SectionKey.DEEP_DIVE], text=deep_dive(ctx)
    ),
    SectionKey.FAQ: lambda ctx, *_: Section.trusted(key=SectionKey.FAQ, title=TITLES[SectionKey.FAQ], faq=faq(ctx)),
    SectionKey.SOURCES: lambda ctx, *_: sources_section(ctx),
}
"""How each section is built, from the comparison's context and its summary and verdict (said once,
in the summary section and in the comparison's own fields)."""
