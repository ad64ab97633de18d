"""What the sections of one comparison share: the declaration every section makes (``SectionSpec``)
and the facts several sections need, worked out once per comparison (``Context``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from catalog.schema import Capability, Model, Tri
from engine import answers, facts, numbers
from engine.cost import estimated
from engine.results import CostEstimate, ModelCost, ModelRef, Section, Traffic
from engine.words import and_list


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """A section of the comparison page, declared once in its own module as ``SECTION``."""

    key: str
    """Stable, for surfaces and ``--section``: e.g. "pricing"."""
    title: str
    group: str
    """The group of sections a surface shows as one page ("overview", "pricing", "specs", ...)."""
    page_order: int
    """Its place on the whole page: sections sort by it."""
    group_order: int
    """Its place in its group, which may differ from the page's (the pricing page puts the prices
    per provider before switch friction; the whole page puts them with the specs)."""
    build: Callable[[Context], Section]


class Context:
    """The models of one comparison, their estimate at the traffic, and what several sections say.

    Worked out once per comparison: what every comparison shows (the summary and verdict need the
    estimate, the cheapest prices and the benchmark notes) when it is made, the rest on first use.
    """

    def __init__(self, models: Sequence[Model], traffic: Traffic):
        self.models: tuple[Model, ...] = tuple(models)
        self.refs: tuple[ModelRef, ...] = tuple([facts.ref(m) for m in models])
        self.names = [m.name for m in models]
        self.columns = tuple(self.names)
        costed = estimated(models, traffic)
        self.cost: CostEstimate = costed.result
        self.known = costed.known
        """Models with a known monthly cost, cheapest first."""
        self.gap = costed.gap
        """The gap between the cheapest and the dearest in words; None with fewer than two known."""
        self.monthly = [c.cheapest.per_month if c.cheapest else None for c in self.cost.models]
        cheapest = [facts.cheapest_prices_among(m, traffic.providers) for m in models]  # a team's providers only
        self.inputs = [c[facts.INPUT].price for c in cheapest]
        self.outputs = [c[facts.OUTPUT].price for c in cheapest]
        self.cached_inputs = [c[facts.CACHED].price for c in cheapest]
        self.blends = [c[facts.BLEND] for c in cheapest]
        self.shared_providers = facts.shared_providers(models)
        self.shared_benchmarks = facts.shared_benchmarks(models)
        self.benchmark_table = answers.benchmark_table(models, self.shared_benchmarks)
        self.benchmark_notes = [row.note for row in self.benchmark_table.rows if row.note]
        self.context_sentence = answers.context_sentence(models)
        self.input_sentence = answers.price_comparison(models, self.inputs, "input")
        self.output_sentence = answers.price_comparison(models, self.outputs, "output")
        self.capability_values: dict[Capability, tuple[Tri, ...]] = dict(
            zip(facts.CAPABILITIES, zip(*[facts.capability_values(m) for m in models]))
        )
        """Each capability's answers, one per model, in the catalog's order of capabilities."""
        self.masks = [facts.capability_masks(m) for m in models]
        self.updated = tuple([facts.of(m).updated for m in models])
        """What each model's data is as of."""
        self._advantages: dict[tuple[int, int], list[tuple[str, str]]] = {}

    # --- what several sections say -----------------------------------------------------------

    @cached_property
    def summary(self) -> str:
        """Who the models are, their context windows, benchmark leads and input prices."""
        intro = and_list([_intro(m) for m in self.models])
        parts = [f"{intro}, compared on specs, pricing, capabilities, benchmarks and providers."]
        retired = facts.retired_sentence(self.models)
        if retired:
            parts.append(retired)
        parts.append(self.context_sentence)
        parts += self.benchmark_notes
        parts.append(self.input_sentence)
        return " ".join(parts)

    @cached_property
    def verdict(self) -> str:
        """One line: who costs less at the stated traffic, and what each other model adds."""
        cheap = self.cheapest()
        if not cheap:
            if any(v is None for v in self.monthly):
                unknown = [self.names[i] for i, v in enumerate(self.monthly) if v is None]
                head = f"The cost of {and_list(unknown)} is unknown, so no cheapest model can be named"
            else:
                head = f"{answers.both(self.models)} cost the same at the stated traffic ({numbers.usd(self.monthly[0])}/month)"
            return head + "; " + self._adds(range(len(self.models)), 0) + "."
        low, high = self.monthly_of(self.known[0]), self.monthly_of(self.known[-1])
        names = and_list([self.names[i] for i in cheap])
        verb = "costs" if len(cheap) == 1 else "each cost"
        head = f"{names} {verb} {numbers.usd(low)}/month at the stated traffic against {numbers.usd(high)}"
        if high:
            head += f" ({numbers.percent((high - low) / high)} less)"
        others = [i for i in range(len(self.models)) if i not in cheap]
        return head + "; " + self._adds(others, cheap[0]) + "."

    def _adds(self, indexes: Iterable[int], against: int) -> str:
        parts = []
        for i in indexes:
            if i == against:
                continue
            extra = self.advantages(i, against)
            if extra:
                parts.append(f"{self.names[i]} adds {and_list(extra)}")
            else:
                parts.append(f"{self.names[i]} shows no advantage over {self.names[against]} in the tracked data")
        return "; ".join(parts)

    @staticmethod
    def monthly_of(cost: ModelCost) -> Decimal:
        """A model's monthly cost on its cheapest route (asked only of a model with a known one)."""
        assert cost.cheapest is not None and cost.cheapest.per_month is not None
        return cost.cheapest.per_month

    @cached_property
    def capability_bullets(self) -> tuple[str, ...]:
        """A sentence for each capability some model has and another lacks or may lack (the
        trade-offs and the deep dive both say them)."""
        return tuple(
            answers.capability_sentence(self.models, capability, values)
            for capability, values in self.capability_values.items()
            if Tri.YES in values and values.count(Tri.YES) != len(values)
        )

    def gained(self, frm: int, to: int) -> tuple[Capability, ...]:
        """Capabilities model ``to`` has and model ``frm`` does not (both known), by index."""
        return facts.in_mask(self.masks[to][0] & self.masks[frm][1])

    def advantages(self, index: int, against: int, figures: bool = True) -> list[str]:
        """What model ``index`` offers that model ``against`` does not, from known data only.
        Without ``figures`` the phrases carry no numbers, so one said against several models reads once."""
        pairs = self._advantages.get((index, against))
        if pairs is None:
            pairs = self._advantages[(index, against)] = self._advantage_pairs(index, against)
        return [with_figures if figures else plain for with_figures, plain in pairs]

    def _advantage_pairs(self, index: int, against: int) -> list[tuple[str, str]]:
        """``advantages`` as (with figures, without) pairs. Each lead is the one ``facts.leaders`` finds
        between the two (both known, and more), written as a direct comparison."""
        model, other = self.models[index], self.models[against]
        out = [(phrase, phrase) for phrase in phrases(self.gained(against, index))]
        if facts.context_leads(model, other):
            detail = f" ({numbers.tokens(model.context_window)} against {numbers.tokens(other.context_window)})"
            out.append(("a larger context window" + detail, "a larger context window"))
        if model.benchmarks and other.benchmarks:
            for name in facts.shared_benchmarks((model, other)):
                mine, theirs = _score(model, name), _score(other, name)
                if mine > theirs:
                    out.append((f"a {numbers.points(mine - theirs)}-point lead on {name}", f"higher {name} scores"))
        mine_routes, their_routes = len(facts.providers(model)), len(facts.providers(other))
        if mine_routes > their_routes:
            out.append((f"more provider routes ({mine_routes} against {their_routes})", "broader provider choice"))
        return out

    def cheapest(self) -> tuple[int, ...]:
        """The models with the lowest monthly cost at the traffic (none when one is unknown or all tie)."""
        return facts.leaders(self.monthly, higher_is_better=False)


def _intro(model: Model) -> str:
    made = (
        f"{model.vendor}, {model.release_date.year}" if model.release_date else f"{model.vendor}, release date unknown"
    )
    return f"{model.name} ({made})"


def phrases(capabilities: Sequence[Capability]) -> list[str]:
    """Capabilities as they read inside a sentence."""
    return [facts.CAPABILITY_PHRASES[c] for c in capabilities]


def _score(model: Model, name: str) -> Decimal:
    found = facts.scored(model, name)
    assert found is not None  # a shared benchmark: every model reports it
    return found[1]
