"""Answers from data to the questions people ask about one to four models.

Each ``answer_*`` function takes resolved models and returns a ``FaqAnswer``. The comparison's
FAQ section and the free-text FAQ (``engine.faq``) both use them, so a fact is worded once.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from catalog.schema import Benchmark, Capability, Model, Tri
from engine import cost as costs
from engine import facts, numbers
from engine.results import Cell, FaqAnswer, FaqIntent, Row, Table, Traffic
from engine.words import and_list

NOT_REPORTED = "not reported"


# --- shared phrasing ------------------------------------------------------------------------


def names(models: Sequence[Model], conjunction: str = "and") -> str:
    return and_list([m.name for m in models], conjunction)


def both(models: Sequence[Model]) -> str:
    """ "Both" for two, "All three" / "All four" for more."""
    return _both(len(models))


def _both(count: int) -> str:
    return "Both" if count == 2 else f"All {_COUNT_WORDS.get(count, str(count))}"


_COUNT_WORDS = {3: "three", 4: "four"}


def listing(models: Sequence[Model], texts: Sequence[str]) -> str:
    """ "GPT-4.1 Mini 1.05M; Grok 4.3 1M"."""
    return "; ".join(f"{m.name} {t}" for m, t in zip(models, texts))


def _verb(count: int, singular: str, plural: str) -> str:
    return singular if count == 1 else plural


def price_comparison(models: Sequence[Model], values: Sequence[Decimal | None], kind: str) -> str:
    """One sentence comparing the lowest ``kind`` ("input", "output") price of each model."""
    shown = [numbers.price(v) for v in values]
    known = facts.all_known(values)
    if known is None:
        unknown = [m for m, v in zip(models, values) if v is None]
        return (
            f"Cheapest {kind} price: {listing(models, shown)}; the catalog has no {kind} price for "
            f"{names(unknown)}, so it cannot say which is cheaper."
        )
    if len(set(known)) == 1:
        return f"{both(models)} cost {shown[0]} for {kind} tokens on their cheapest routes."
    low = min(known)
    high = max(known)
    saving = numbers.percent((high - low) / high)
    if len(models) == 2:
        cheap_model, dear = (models[0], models[1]) if values[0] == low else (models[1], models[0])
        text = f"{cheap_model.name} is cheaper on {kind}: {numbers.price(low)} against {numbers.price(high)} ({saving} cheaper"
        if low > 0:
            text += f"; {dear.name} costs {numbers.more(high / low)}"
        return text + ")."
    cheap = [m for m, v in zip(models, values) if v == low]
    others = [(m, t) for m, v, t in zip(models, values, shown) if v != low]
    verb = _verb(len(cheap), "has", "have")
    return (
        f"{names(cheap)} {verb} the lowest {kind} price, {numbers.price(low)} ({saving} below the dearest); "
        f"{listing([m for m, _ in others], [t for _, t in others])}."
    )


# --- the answers ----------------------------------------------------------------------------


def _answer(question: str, intent: FaqIntent, models: Sequence[Model], text: str, **extra) -> FaqAnswer:
    updated, sources = facts.basis(tuple(models))
    retired = facts.retired_sentence(models)
    return FaqAnswer(
        question=question,
        intent=intent,
        answered=True,
        models=tuple([facts.ref(m) for m in models]),
        updated=updated,
        sources=sources,
        answer=f"{retired} {text}" if retired else text,
        **extra,
    )


def context_sentence(models: Sequence[Model]) -> str:
    values = [m.context_window for m in models]
    if len(models) == 1:
        model = models[0]
        if model.context_window is None:
            return f"{model.name}'s context window is unknown."
        text = f"{model.name} takes up to {numbers.count(model.context_window)} tokens of context ({numbers.tokens(model.context_window)})"
        if model.max_output_tokens is not None:
            text += f" and writes up to {numbers.count(model.max_output_tokens)} output tokens"
        return text + "."
    shown = numbers.token_row(values)
    unknown = [m for m, v in zip(models, values) if v is None]
    if unknown:
        return (
            f"Context windows: {listing(models, shown)}; {names(unknown)}'s is unknown, "
            "so the catalog cannot say which is larger."
        )
    known = facts.all_known(values)
    assert known is not None  # an unknown window is said above
    if len(set(known)) == 1:
        return f"{both(models)} have a {shown[0]}-token context window."
    if facts.near_tie(known):
        large, small = max(known), min(known)
        big = [m for m, v in zip(models, known) if v == large]
        return (
            f"The context windows are about the same: {listing(models, [numbers.count(v) + ' tokens' for v in known])}. "
            f"{names(big)}'s is {numbers.count(large - small)} tokens "
            f"({numbers.percent(Decimal(large - small) / small)}) larger, too little to choose on."
        )
    lead = facts.context_leaders(models)
    winners = [models[i] for i in lead]
    rest = [i for i in range(len(models)) if i not in lead]
    adjective = "larger" if len(models) == 2 else "largest"
    verb = _verb(len(winners), "has", "have")
    return (
        f"{names(winners)} {verb} the {adjective} context window, {shown[lead[0]]} tokens, against "
        f"{listing([models[i] for i in rest], [shown[i] for i in rest])}."
    )


def answer_context(models: Sequence[Model], question: str | None = None, sentence: str | None = None) -> FaqAnswer:
    """``sentence``: ``context_sentence(models)`` when the caller already has it."""
    question = question or _ask(
        models, "Which has the larger context window, {models}?", "How large is the context window of {models}?"
    )
    return _answer(question, FaqIntent.CONTEXT, models, sentence or context_sentence(models))


def answer_cheaper(
    models: Sequence[Model],
    question: str | None = None,
    traffic: Traffic = costs.DEFAULT_TRAFFIC,
    estimated: costs.Estimated | None = None,
    price_sentences: tuple[str, str] | None = None,
) -> FaqAnswer:
    """``estimated``: the models' estimate at ``traffic``, and ``price_sentences``: their input and
    output ``price_comparison``, when the caller already has them."""
    question = question or _ask(models, "Which is cheaper, {models}?", "How much does {models} cost?")
    if len(models) == 1:
        model = models[0]
        low = facts.cheapest_prices_among(model, traffic.providers)  # a team's providers only, when named
        low_input, low_output = low[facts.INPUT].price, low[facts.OUTPUT].price
        if low_input is None or low_output is None:
            where = f"from {and_list(list(traffic.providers))}" if traffic.providers else "on any route"
            text = f"The catalog has no known price for {model.name} {where}."
        else:
            text = (
                f"{model.name} costs {numbers.price(low_input)} input and {numbers.price(low_output)} output "
                f"tokens on its cheapest route ({costs.model_cost(model, traffic).route_text})."
            )
        return _answer(question, FaqIntent.CHEAPER, models, text)
    if estimated is None:
        estimated = costs.estimated(models, traffic)
    if price_sentences is None:
        lows = [facts.cheapest_prices_among(m, traffic.providers) for m in models]
        inputs = [low[facts.INPUT].price for low in lows]
        outputs = [low[facts.OUTPUT].price for low in lows]
        price_sentences = (price_comparison(models, inputs, "input"), price_comparison(models, outputs, "output"))
    parts = list(price_sentences)
    if estimated.gap is not None:
        parts.append(f"At {traffic.description}: {estimated.gap}")
    return _answer(question, FaqIntent.CHEAPER, models, " ".join(parts), cost=estimated.result)


def open_weights_sentence(model: Model) -> str:
    licence = f"licence: {model.licence}" if model.licence else "licence unknown"
    if model.open_weights is Tri.YES:
        return f"{model.name} has open weights ({licence})."
    if model.open_weights is Tri.NO:
        return f"{model.name} is not open source: its weights are not published ({licence})."
    return f"Whether {model.name}'s weights are published is unknown ({licence})."


def answer_open_source(models: Sequence[Model], question: str | None = None) -> FaqAnswer:
    question = question or _ask(models, "Is {models} open source?", "Is {models} open source?")
    return _answer(question, FaqIntent.OPEN_SOURCE, models, " ".join(open_weights_sentence(m) for m in models))


def capability_sentence(models: Sequence[Model], capability: Capability, values: Sequence[Tri] | None = None) -> str:
    """Who supports a capability, in one sentence. ``values`` (each model's answer, in order) may be
    given when the caller already holds them."""
    if values is None:
        values = [facts.capabilities(m)[capability] for m in models]
    phrase = facts.CAPABILITY_PHRASES[capability]
    yes = [m.name for m, v in zip(models, values) if v is Tri.YES]
    no = [m.name for m, v in zip(models, values) if v is Tri.NO]
    unknown = [m.name for m, v in zip(models, values) if v is Tri.UNKNOWN]
    count = len(models)
    if count == 1:
        if yes:
            return f"Yes: {yes[0]} supports {phrase}."
        if no:
            return f"No: {no[0]} does not support {phrase}."
        return f"The catalog does not know whether {unknown[0]} supports {phrase}."
    if len(yes) == count:
        return f"{_both(count)} support {phrase}."
    if len(no) == count:
        return (
            f"{'Neither' if count == 2 else 'None of'} {and_list(no, 'nor' if count == 2 else 'or')} supports {phrase}."
        )
    parts = []
    if yes:
        only = "Only " if not unknown else ""
        parts.append(f"{only}{and_list(yes)} {_verb(len(yes), 'supports', 'support')} {phrase}")
    if no:
        parts.append(f"{and_list(no)} {_verb(len(no), 'does', 'do')} not")
    if unknown:
        parts.append(f"for {and_list(unknown)} it is unknown")
    return "; ".join(parts) + "."


def answer_capability(models: Sequence[Model], capability: Capability, question: str | None = None) -> FaqAnswer:
    phrase = facts.CAPABILITY_PHRASES[capability]
    question = question or _ask(models, f"Which supports {phrase}, {{models}}?", f"Does {{models}} support {phrase}?")
    return _answer(
        question, FaqIntent.CAPABILITY, models, capability_sentence(models, capability), capability=capability.value
    )


def modalities_sentence(model: Model) -> str:
    inputs = and_list(m.value for m in model.input_modalities)
    outputs = and_list(m.value for m in model.output_modalities)
    return f"{model.name} takes {inputs} input and writes {outputs}."


def answer_multimodal(models: Sequence[Model], question: str | None = None) -> FaqAnswer:
    question = question or _ask(
        models, "Which is better for multimodal input, {models}?", "Does {models} take multimodal input?"
    )
    text = capability_sentence(models, Capability.MULTIMODAL) + " " + " ".join(modalities_sentence(m) for m in models)
    return _answer(question, FaqIntent.MULTIMODAL, models, text, capability=Capability.MULTIMODAL.value)


def where_sentence(model: Model) -> str:
    routes = facts.providers(model)
    if not routes:
        return f"No provider route is tracked for {model.name}."
    return f"{model.name} is available on {and_list(routes)}."


def answer_where(models: Sequence[Model], question: str | None = None) -> FaqAnswer:
    question = question or _ask(models, "Where can I run {models}?", "Where can I run {models}?", "and")
    parts = [where_sentence(m) for m in models]
    if len(models) > 1:
        shared = facts.shared_providers(models)
        if shared:
            parts.append(f"{both(models)} are on {and_list(shared)}.")
        else:
            parts.append("No tracked provider offers them all.")
    return _answer(question, FaqIntent.WHERE, models, " ".join(parts))


def answer_cost(models: Sequence[Model], traffic: Traffic, question: str | None = None) -> FaqAnswer:
    question = question or f"How much would {traffic.description} cost on {names(models)}?"
    estimate = costs.estimate(models, traffic)
    text = " ".join(estimate.summary)
    problem = costs.context_problem(models, traffic)
    if problem is not None:  # said first: the figures that follow leave that model out
        text = f"{problem[:1].upper()}{problem[1:]}. {text}"
    return _answer(question, FaqIntent.COST, models, text, cost=estimate)


def _score_text(item: Benchmark) -> str:
    suffix = "%" if item.unit == "%" else f" {item.unit}"
    return f"{item.name} {numbers.points(facts.score(item))}{suffix}"


def _newest(models: Sequence[Model], of_two: str, of_more: str) -> str:
    return of_two if len(models) == 2 else of_more


def benchmark_table(models: Sequence[Model], benchmark_names: Sequence[str]) -> Table:
    """Rows of scores (unknown where a model does not report it), each noting the lead."""
    rows = []
    for name in benchmark_names:
        entries = [facts.scored(m, name) for m in models]
        values = [e[1] if e else None for e in entries]
        unit = next(e[0].unit for e in entries if e)
        rows.append(
            _benchmark_row(name, "%" if unit == "%" else "", values, benchmark_lead_sentence(models, values, name))
        )
    return Table(
        key="benchmarks",
        title="Benchmarks",
        label_header="Benchmark",
        columns=tuple(m.name for m in models),
        rows=tuple(rows),
        empty_text="No shared benchmark rows for these models.",
    )


def _benchmark_row(name: str, suffix: str, values: Sequence[Decimal | None], note: str) -> Row:
    """A benchmark's row of scores, the best marked (unknown is never best)."""
    lead = facts.leaders(values, higher_is_better=True)
    cells = tuple(
        Cell(text=f"{numbers.points(v)}{suffix}" if v is not None else NOT_REPORTED, value=v, best=i in lead)
        for i, v in enumerate(values)
    )
    return Row(key=name.casefold(), label=name, cells=cells, note=note)


def lead_points(values: Sequence[Decimal]) -> Decimal:
    """Points between the best score and the next best different one (0 when all tie)."""
    ordered = sorted(set(values), reverse=True)
    return ordered[0] - ordered[1] if len(ordered) > 1 else Decimal(0)


def benchmark_lead_sentence(models: Sequence[Model], values: Sequence[Decimal | None], name: str) -> str:
    known = facts.all_known(values)
    if known is None:
        missing = [m for m, v in zip(models, values) if v is None]
        return f"{names(missing)} {_verb(len(missing), 'reports', 'report')} no {name} score."
    lead = facts.leaders(known, higher_is_better=True)
    if not lead:
        return f"{both(models)} score {numbers.points(known[0])} on {name}."
    return f"On {name}, {names([models[i] for i in lead])} {_verb(len(lead), 'leads', 'lead')} by {numbers.points(lead_points(known))} points."


def answer_benchmark(models: Sequence[Model], name: str | None = None, question: str | None = None) -> FaqAnswer:
    question = question or _ask(
        models, "Which scores higher on benchmarks, {models}?", "How does {models} score on benchmarks?"
    )
    if name is not None:
        entries = [facts.benchmark(m, name) for m in models]
        label = next((e.name for e in entries if e), name)
        values = [facts.score(e) if e else None for e in entries]
        if all(v is None for v in values):
            text = f"The catalog has no {label} score for {names(models)}."
            return _answer(question, FaqIntent.BENCHMARK, models, text)
        table = benchmark_table(models, [label])
        scores = listing(models, [c.text for c in table.rows[0].cells])
        text = f"{label}: {scores}."
        if len(models) > 1:
            text += " " + benchmark_lead_sentence(models, values, label)
        return _answer(question, FaqIntent.BENCHMARK, models, text, table=table)
    shared = facts.shared_benchmarks(models)
    if len(models) > 1 and shared:
        table = benchmark_table(models, shared)
        text = " ".join(row.note for row in table.rows if row.note)
        return _answer(question, FaqIntent.BENCHMARK, models, text, table=table)
    reported = [f"{m.name} reports {and_list(_score_text(b) for b in m.benchmarks) or 'none'}" for m in models]
    prefix = "No shared benchmark rows: " if len(models) > 1 else ""
    return _answer(question, FaqIntent.BENCHMARK, models, prefix + "; ".join(reported) + ".")


def answer_release(models: Sequence[Model], question: str | None = None) -> FaqAnswer:
    question = question or _ask(models, "When were {models} released?", "When was {models} released?", "and")
    shown = [m.release_date.isoformat() if m.release_date else numbers.UNKNOWN_TEXT for m in models]
    text = f"Released: {listing(models, shown)}."
    dates = facts.all_known([m.release_date for m in models])
    if len(models) > 1 and dates and facts.leaders([d.toordinal() for d in dates], True):
        newest = max(dates)
        latest = [m for m, d in zip(models, dates) if d == newest]
        text += f" {names(latest)} {_verb(len(latest), 'is', 'are')} {_newest(models, 'newer', 'the newest')}."
    return _answer(question, FaqIntent.RELEASE, models, text)


def answer_cutoff(models: Sequence[Model], question: str | None = None) -> FaqAnswer:
    question = question or _ask(
        models, "What are the knowledge cutoffs of {models}?", "What is the knowledge cutoff of {models}?", "and"
    )
    shown = [m.knowledge_cutoff or numbers.UNKNOWN_TEXT for m in models]
    text = f"Knowledge cutoff: {listing(models, shown)}."
    cutoffs = facts.all_known([m.knowledge_cutoff for m in models])
    comparable = cutoffs is not None and all(cutoffs) and len({len(c) for c in cutoffs}) == 1
    if len(models) > 1 and cutoffs and comparable and len(set(cutoffs)) > 1:
        latest = [m for m, c in zip(models, cutoffs) if c == max(cutoffs)]
        text += f" {names(latest)} {_verb(len(latest), 'has', 'have')} the {_newest(models, 'later', 'latest')} cutoff."
    return _answer(question, FaqIntent.CUTOFF, models, text)


def answer_max_output(models: Sequence[Model], question: str | None = None) -> FaqAnswer:
    question = question or _ask(models, "Which writes longer outputs, {models}?", "What is the max output of {models}?")
    values = [m.max_output_tokens for m in models]
    shown = [f"{numbers.count(v)} tokens" if v is not None else numbers.UNKNOWN_TEXT for v in values]
    text = f"Max output per request: {listing(models, shown)}."
    lead = facts.leaders(values, higher_is_better=True)
    if len(models) > 1 and lead:
        text += f" {names([models[i] for i in lead])} {_verb(len(lead), 'writes', 'write')} the longest."
    elif len(models) > 1 and None in values:
        text += " With one unknown, the catalog cannot say which writes longer."
    return _answer(question, FaqIntent.MAX_OUTPUT, models, text)


def answer_parameters(models: Sequence[Model], question: str | None = None) -> FaqAnswer:
    question = question or _ask(
        models, "How many parameters do {models} have?", "How many parameters does {models} have?", "and"
    )
    parts = []
    for model in models:
        if model.parameters is None:
            parts.append(f"{model.name}'s parameter count is unknown: no source the catalog reads states it")
        else:
            parts.append(f"{model.name} has {model.parameters} parameters")
        if model.architecture is not None:
            parts[-1] += f" ({model.architecture})"
    return _answer(question, FaqIntent.PARAMETERS, models, "; ".join(parts) + ".")


def answer_licence(models: Sequence[Model], question: str | None = None) -> FaqAnswer:
    question = question or _ask(models, "What are the licences of {models}?", "What is the licence of {models}?", "and")
    parts = []
    for model in models:
        if model.licence is None:
            parts.append(f"{model.name}'s licence is unknown")
        else:
            parts.append(f"{model.name} is licensed {model.licence}")
        weights = {Tri.YES: "its weights are published", Tri.NO: "its weights are not published"}
        parts[-1] += f" ({weights.get(model.open_weights, 'whether its weights are published is unknown')})"
    return _answer(question, FaqIntent.LICENCE, models, "; ".join(parts) + ".")


def _ask(models: Sequence[Model], several: str, one: str, conjunction: str = "or") -> str:
    """The question an answer replies to when none was asked: ``{models}`` is filled with the names."""
    template = one if len(models) == 1 else several
    return template.format(models=names(models, conjunction))
