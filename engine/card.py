"""The model card: everything the catalog says about one model, with the sources and dates behind it,
as ``versus model`` and ``/model`` show it. The cheapest route is the engine's (``facts.cheapest_blend``)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from catalog.schema import Disagreement, Model, PriceChange, Route
from engine import facts, numbers
from engine.cost.pricing import off_peak_window, when_text
from engine.history import FIELD_WORDS, status_text
from engine.results import CardBenchmark, CardCapability, CardRoute, CardTier, ModelCard

TOKEN_FIELDS = ("context_window", "max_output_tokens")


def stated_value(field: str, value: str) -> str:
    """A figure as one source states it, written as the catalog writes its own: ``$1.50/1M``, ``262,144``
    (tokens exactly: sources often differ by less than an abbreviation shows); what is not a number, as stated."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if not number.is_finite():
        return value
    if field in TOKEN_FIELDS and number == number.to_integral_value():
        return numbers.count(int(number))
    if field in TOKEN_FIELDS:
        return value
    return numbers.price(number)


def stated_values(item: Disagreement) -> str:
    """``models.dev (f3fc692) $2.00/1M; LiteLLM 1.110.2 $1.50/1M``: each source and its value."""
    return "; ".join(f"{v.source} {stated_value(item.field, v.value)}" for v in item.values)


def disagreement_text(item: Disagreement) -> str:
    """``input: sources disagree (models.dev (f3fc692) $2.00/1M; LiteLLM 1.110.2 $1.50/1M)``."""
    field = FIELD_WORDS.get(item.field, item.field.replace("_", " "))
    return f"{field}: sources disagree ({stated_values(item)})"


def scheduled_text(change: PriceChange) -> str:
    return (
        f"from {change.starts.isoformat()}: {numbers.price(change.input)} input, {numbers.price(change.output)} output"
    )


def off_peak_text(route: Route) -> str | None:
    cheap = off_peak_window(route)
    if cheap is None:
        return None
    return f"off-peak {numbers.price(cheap.input)} input, {numbers.price(cheap.output)} output: {when_text(route)}"


def _route(route: Route, cheapest: bool, sources: tuple) -> CardRoute:
    return CardRoute(
        provider=route.provider,
        model_id=route.model_id,
        input=route.input,
        output=route.output,
        cached_input=route.cached_input,
        cache_write=route.cache_write,
        batch_input=route.batch_input,
        batch_output=route.batch_output,
        tiers=tuple(
            CardTier(
                above_input_tokens=t.above_input_tokens,
                input=t.input,
                output=t.output,
                cached_input=t.cached_input,
                cache_write=t.cache_write,
            )
            for t in route.tiers
        ),
        context_window=route.context_window,
        cheapest=cheapest,
        status=route.status.value,
        status_text=status_text(route),
        off_peak=off_peak_text(route),
        scheduled=tuple(scheduled_text(c) for c in route.scheduled),
        disagreements=tuple(disagreement_text(d) for d in route.disagreements),
        sources=sources,
    )


def model_card(model: Model) -> ModelCard:
    cheapest = set(facts.cheapest_blend(model).providers[:1])
    found = facts.sources_of(model)
    return ModelCard(
        model=facts.ref(model),
        family=model.family,
        aliases=model.aliases,
        release_date=model.release_date,
        knowledge_cutoff=model.knowledge_cutoff,
        context_window=model.context_window,
        max_output_tokens=model.max_output_tokens,
        parameters=model.parameters,
        architecture=model.architecture,
        licence=model.licence,
        open_weights=model.open_weights.value,
        input_modalities=tuple(m.value for m in model.input_modalities),
        output_modalities=tuple(m.value for m in model.output_modalities),
        capabilities=tuple(
            CardCapability(key=c.value, label=c.label, answer=answer.value)
            for c, answer in zip(facts.CAPABILITIES, facts.capability_values(model))
        ),
        tags=tuple(t.value for t in model.tags),
        routes=tuple(_route(r, r.provider in cheapest, s) for r, s in zip(model.routes, found.routes)),
        benchmarks=tuple(
            CardBenchmark(
                name=b.name,
                score=facts.score(b),
                unit=b.unit,
                verification=b.verification.value,
                date=b.date,
                notes=b.notes,
                source=str(b.source),
            )
            for b in model.benchmarks
        ),
        sources=found.own,
        updated=facts.of(model).updated,
        retired_since=model.retired_since,
        disagreements=tuple(disagreement_text(d) for d in model.disagreements),
    )
