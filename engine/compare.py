"""The comparison of two to four models: the sections of a Versus page, from catalog data.

``compare(models, traffic, sections)`` works out the facts the sections share once (``Context``),
then builds each section asked for from its declaration in ``engine.sections``. The comparison's own
fields (title, summary, verdict, cost, blended prices, benchmark leads, shared providers, dates) are
always there, whichever sections are asked for.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal

from catalog.schema import Model
from engine import answers, facts
from engine.cost import DEFAULT_TRAFFIC
from engine.results import BenchmarkLead, BlendedPrice, Comparison, Traffic
from engine.sections import SECTIONS, Context, wanted

MIN_MODELS = 2
MAX_MODELS = 4


def compare(
    models: Sequence[Model], traffic: Traffic = DEFAULT_TRAFFIC, sections: Collection[str] | None = None
) -> Comparison:
    """Compare two to four distinct models at a traffic (the default: 1M requests a month, 800 in / 250 out).

    ``sections``, when given, limits ``Comparison.sections`` to those keys (still in page order), for a
    surface that shows one part at a time: the sections left out are not worked out."""
    ids = [m.id for m in models]
    if not MIN_MODELS <= len(models) <= MAX_MODELS:
        raise ValueError(f"compare takes {MIN_MODELS} to {MAX_MODELS} models, not {len(models)}")
    if len(set(ids)) != len(ids):
        raise ValueError("compare needs different models; one was named twice")
    chosen = SECTIONS if sections is None else wanted(sections)
    ctx = Context(models, traffic)
    return Comparison(
        title=" vs ".join(ctx.names),
        models=ctx.refs,
        summary=ctx.summary,
        verdict=ctx.verdict,
        sections=tuple([spec.build(ctx) for spec in chosen]),
        cost=ctx.cost,
        blended=tuple(
            BlendedPrice(model=r, provider=b.providers[0] if b.providers else None, price=b.price)
            for r, b in zip(ctx.refs, ctx.blends)
        ),
        benchmark_leads=benchmark_leads(ctx),
        shared_providers=ctx.shared_providers,
        updated=ctx.updated,
    )


def benchmark_leads(ctx: Context) -> tuple[BenchmarkLead, ...]:
    """Each shared benchmark's scores, the model leading it (None on a tie at the top) and by how much."""
    leads = []
    for name in ctx.shared_benchmarks:
        entries = [facts.scored(m, name) for m in ctx.models]
        scored = [e for e in entries if e is not None]  # every model: the benchmark is shared
        values = [score for _, score in scored]
        top = facts.leaders(values, higher_is_better=True)
        leads.append(
            BenchmarkLead(
                benchmark=scored[0][0].name,
                unit=scored[0][0].unit,
                scores=tuple(values),
                leader=ctx.refs[top[0]] if len(top) == 1 else None,
                lead=answers.lead_points(values) if len(top) == 1 else Decimal(0),
            )
        )
    return tuple(leads)
