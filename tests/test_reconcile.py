"""Reconciliation field by field (catalog/reconcile.py) on small hand-built listings, and its properties."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.curation import Curation
from catalog.importers.draft import ModelDraft, Origin, RouteDraft
from catalog.reconcile import agree, qualifies, reconcile
from catalog.schema import RouteStatus

TODAY = dt.date(2026, 11, 29)
LABELS = {"models-dev": "models.dev (abc123)", "litellm": "LiteLLM 1.110.2", "openrouter": "OpenRouter models API", "genai-prices": "genai-prices (def456)"}


@dataclass
class Snap:
    source: str
    drafts: list[ModelDraft] = field(default_factory=list)

    @property
    def label(self) -> str:
        return LABELS[self.source]


def origin(source: str, path: str = "x") -> Origin:
    return Origin(f"https://{source}.example/{path}", dt.date(2026, 11, 20), LABELS[source], "fetched", source)


def listing(source: str, model_id: str, provider: str, input, output, **route) -> ModelDraft:
    """One source's listing of ``model_id`` on ``provider``."""
    draft = ModelDraft(id=model_id, name=model_id.split("/")[1].title(), vendor="Acme", origin=origin(source, model_id))
    prices = {k: (Decimal(str(v)) if isinstance(v, (int, float, str)) and k not in ("context_window",) else v) for k, v in route.items()}
    draft.add_route(RouteDraft(
        provider=provider,
        model_id=model_id.split("/")[1],
        input=None if input is None else Decimal(str(input)),
        output=None if output is None else Decimal(str(output)),
        context_window=route.get("context_window"),
        origin=origin(source, model_id),
        **{k: v for k, v in prices.items() if k != "context_window"},
    ))
    return draft


def run(*drafts: ModelDraft, curation: Curation | None = None, previous=(), as_of: dt.date = TODAY):
    """The reconciled models of ``drafts``; every model they name is curated unless ``curation`` is given."""
    if curation is None:
        curation = Curation(entries={d.id: {"id": d.id} for d in drafts})
    snaps: dict[str, Snap] = {}
    for draft in drafts:
        snaps.setdefault(draft.origin.source, Snap(draft.origin.source)).drafts.append(draft)
    result = reconcile(list(snaps.values()), curation, previous=previous, as_of=as_of)
    assert result.problems == []
    return {m.id: m for m in result.models}


def route_of(models, model_id: str, provider: str):
    return next(r for r in models[model_id].routes if r.provider == provider)


def test_two_agreeing_sources_win_over_the_first_in_precedence():
    models = run(
        listing("models-dev", "openai/widget", "Together AI", 3, 9),
        listing("litellm", "openai/widget", "Together AI", 1.74, 3.48),
        listing("genai-prices", "openai/widget", "Together AI", 1.74, 3.48),
    )
    route = route_of(models, "openai/widget", "Together AI")
    assert (route.input, route.output) == (Decimal("1.74"), Decimal("3.48"))
    assert "litellm" in route.source.url or "genai" in route.source.url
    (input_disagreement,) = [d for d in route.disagreements if d.field == "input"]
    assert {v.source: v.value for v in input_disagreement.values} == {
        "models.dev (abc123)": "3", "LiteLLM 1.110.2": "1.74", "genai-prices (def456)": "1.74",
    }


def test_without_agreement_the_precedence_of_the_route_kind_decides():
    # the maker's own API: models.dev first; OpenRouter: OpenRouter's own API first
    models = run(
        listing("models-dev", "openai/widget", "OpenAI API", 2, 5),
        listing("litellm", "openai/widget", "OpenAI API", 1.5, 7.5),
        listing("models-dev", "openai/widget", "OpenRouter", 2.2, 5.5),
        listing("openrouter", "openai/widget", "OpenRouter", 2.1, 5.2),
    )
    assert route_of(models, "openai/widget", "OpenAI API").input == Decimal(2)
    assert route_of(models, "openai/widget", "OpenRouter").input == Decimal("2.1")


def test_prices_within_two_percent_agree_and_are_no_disagreement():
    assert agree(Decimal("1.00"), Decimal("1.02")) and not agree(Decimal("1.00"), Decimal("1.03"))
    models = run(
        listing("models-dev", "openai/widget", "OpenAI API", "1.00", 4),
        listing("litellm", "openai/widget", "OpenAI API", "1.01", 4),
    )
    assert route_of(models, "openai/widget", "OpenAI API").disagreements == ()


def test_a_tier_and_a_cache_price_of_an_agreeing_source_are_kept():
    tier = {"above_input_tokens": 200_000, "input": Decimal("2.5"), "output": Decimal("5")}
    models = run(
        listing("openrouter", "xai/grok-9", "OpenRouter", 1.25, 2.5),
        listing("models-dev", "xai/grok-9", "OpenRouter", 1.25, 2.5, cached_input=0.2, tiers=[tier]),
    )
    route = route_of(models, "xai/grok-9", "OpenRouter")
    assert route.tiers[0].above_input_tokens == 200_000 and route.cached_input == Decimal("0.2")
    assert {c for s in route.sources for c in s.covers} >= {"prices", "tiers", "cache"}
    assert route.source_of("tiers").url != route.source_of("prices").url  # each figure cites its own listing


def test_a_tier_of_a_source_that_prices_the_route_differently_is_not_grafted_on():
    tier = {"above_input_tokens": 200_000, "input": Decimal("9"), "output": Decimal("9")}
    models = run(
        listing("openrouter", "xai/grok-9", "OpenRouter", 1.25, 2.5),
        listing("models-dev", "xai/grok-9", "OpenRouter", 3, 6, tiers=[tier]),
    )
    assert route_of(models, "xai/grok-9", "OpenRouter").tiers == ()


def test_a_route_past_its_deprecation_date_is_retired_and_a_later_one_deprecated():
    models = run(
        listing("litellm", "openai/old", "OpenAI API", 1, 2, deprecation_date=dt.date(2026, 7, 5)),
        listing("litellm", "openai/old", "Azure OpenAI", 1, 2, deprecation_date=dt.date(2027, 1, 10)),
    )
    gone = route_of(models, "openai/old", "OpenAI API")
    assert gone.status is RouteStatus.RETIRED and gone.retired_since == dt.date(2026, 7, 5)
    going = route_of(models, "openai/old", "Azure OpenAI")
    assert going.status is RouteStatus.DEPRECATED and going.deprecation_date == dt.date(2027, 1, 10)
    assert not models["openai/old"].retired


def test_a_route_no_source_lists_any_more_is_kept_as_retired_since_it_was_noticed():
    before = run(
        listing("litellm", "openai/widget", "OpenAI API", 1, 2),
        listing("litellm", "openai/widget", "Together AI", 1, 2),
    )
    after = run(listing("litellm", "openai/widget", "OpenAI API", 1, 2), previous=before.values())
    dropped = route_of(after, "openai/widget", "Together AI")
    assert dropped.status is RouteStatus.RETIRED and dropped.retired_since == TODAY
    assert route_of(after, "openai/widget", "OpenAI API").status is RouteStatus.ACTIVE


def test_a_model_no_source_lists_any_more_is_retired_not_dropped():
    before = run(listing("litellm", "openai/widget", "OpenAI API", 1, 2), listing("litellm", "openai/other", "OpenAI API", 1, 2))
    after = run(listing("litellm", "openai/other", "OpenAI API", 1, 2), previous=before.values())
    assert after["openai/widget"].retired and after["openai/widget"].retired_since == TODAY


def test_new_models_join_when_priced_on_their_makers_api_or_on_two_providers():
    one_reseller = listing("litellm", "acme/solo", "Together AI", 1, 2)
    assert not qualifies("acme/solo", [one_reseller], TODAY)
    models = run(
        one_reseller,
        listing("litellm", "openai/widget", "OpenAI API", 1, 2),
        listing("litellm", "acme/pair", "Together AI", 1, 2),
        listing("litellm", "acme/pair", "Groq", 1, 2),
        listing("litellm", "acme/free", "Together AI", 0, 0),
        listing("litellm", "acme/free", "Groq", 0, 0),
        listing("litellm", "acme/gone", "OpenAI API", 1, 2, deprecation_date=dt.date(2026, 1, 1)),
        curation=Curation(),
    )
    assert set(models) == {"openai/widget", "acme/pair"}


def test_a_curation_exclusion_keeps_a_model_out():
    curation = Curation(excluded={"openai/widget": "an alias"})
    models = run(listing("litellm", "openai/widget", "OpenAI API", 1, 2), curation=curation)
    assert models == {}


def test_model_facts_come_from_the_maker_before_a_reseller():
    maker = listing("models-dev", "openai/widget", "OpenAI API", 1, 2)
    maker.set("release_date", dt.date(2025, 8, 21))
    reseller = listing("models-dev", "openai/widget", "Together AI", 1, 2)
    reseller.set("release_date", dt.date(2025, 1, 20))
    models = run(reseller, maker)
    assert models["openai/widget"].release_date == dt.date(2025, 8, 21)


def test_without_a_better_source_the_context_most_routes_state_wins():
    a = listing("models-dev", "qwen/qwq-32b", "Fireworks AI", 1, 2, context_window=131_072)
    a.set("context_window", 32_768)
    b = listing("litellm", "qwen/qwq-32b", "Together AI", 1, 2, context_window=131_072)
    c = listing("litellm", "qwen/qwq-32b", "DeepInfra", 1, 2, context_window=131_072)
    models = run(a, b, c)
    assert models["qwen/qwq-32b"].context_window == 131_072


# --- properties --------------------------------------------------------------------------------------------

prices = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("50"), places=2)
sources = st.sampled_from(["models-dev", "litellm", "genai-prices", "openrouter"])


@settings(max_examples=60, deadline=None)
@given(
    base=st.tuples(prices, prices),
    listings=st.lists(st.tuples(sources, prices, prices, st.booleans(), st.booleans()), min_size=1, max_size=4, unique_by=lambda t: t[0]),
)
def test_a_tier_stated_by_a_source_agreeing_on_the_chosen_prices_is_never_lost(base, listings):
    tier = {"above_input_tokens": 200_000, "input": Decimal(99), "output": Decimal(99)}
    drafts = []
    for source, i, o, same, has_tier in listings:
        inp, out = (base if same else (i, o))
        drafts.append(listing(source, "acme/widget", "Together AI", inp, out, **({"tiers": [tier]} if has_tier else {})))
    drafts.append(listing("litellm" if all(s != "litellm" for s, *_ in listings) else "models-dev", "acme/widget", "Groq", 1, 1))
    route = route_of(run(*drafts), "acme/widget", "Together AI")
    agreeing_with_tier = [
        d for d in drafts
        if d.routes.get("together ai") and d.routes["together ai"].tiers
        and agree(d.routes["together ai"].input, route.input) and agree(d.routes["together ai"].output, route.output)
    ]
    assert bool(route.tiers) == bool(agreeing_with_tier)
    if route.tiers:
        tiers_source = route.source_of("tiers")
        assert tiers_source is not None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(sources, prices, prices), min_size=1, max_size=4, unique_by=lambda t: t[0]))
def test_the_chosen_price_is_one_a_source_states_and_every_disagreement_is_shown(stated):
    drafts = [listing(s, "acme/widget", "Together AI", i, o) for s, i, o in stated]
    drafts.append(listing("litellm" if all(s != "litellm" for s, *_ in stated) else "models-dev", "acme/widget", "Groq", 1, 1))
    route = route_of(run(*drafts), "acme/widget", "Together AI")
    assert (route.input, route.output) in {(i, o) for _, i, o in stated}
    inputs = [i for _, i, _ in stated]
    spread = any(not agree(a, b) for a in inputs for b in inputs)
    assert spread == any(d.field == "input" for d in route.disagreements)


def test_the_bundled_snapshots_reconcile_to_the_bundled_catalog_with_no_change(bundled):
    """A refresh that finds every source as bundled changes nothing: the bundled catalog is exactly what the
    reconciliation makes of the bundled snapshots (no ../shared needed)."""
    from catalog import history
    from catalog.refresh import bundled_snapshot
    from catalog.sources import SOURCE_NAMES

    as_of = bundled.as_of
    snapshots = [bundled_snapshot(name) for name in SOURCE_NAMES]
    result = reconcile(snapshots, previous=bundled.models, as_of=as_of)
    assert result.problems == []
    from catalog.loader import Catalog

    assert list(Catalog(result.models, as_of=as_of).models) == list(bundled.models)
    assert history.diff(bundled.models, result.models, as_of) == []
