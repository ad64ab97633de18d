"""The traffic an estimate is priced at: tokens per request, requests per day or month, cache and batch shares."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from catalog.schema import Model
from engine import numbers
from engine.cost.pricing import ONE, ZERO, fit_limit, fits
from engine.results import Traffic
from engine.words import and_list

DEFAULT_INPUT_TOKENS = 800
DEFAULT_OUTPUT_TOKENS = 250
DEFAULT_REQUESTS = 1_000_000
DEFAULT_PER: Literal["month"] = "month"
DAYS_PER_MONTH = 30
"""A month is counted as 30 days when converting between per-day and per-month traffic."""


def _share(name: str, value: Decimal | float | str) -> Decimal:
    try:
        share = Decimal(str(value))
    except ArithmeticError:
        raise ValueError(f"{name} must be a number from 0 to 1, not {value!r}") from None
    if not share.is_finite() or not ZERO <= share <= ONE:
        raise ValueError(f"{name} must be a number from 0 to 1, not {value}")
    return share


def make_traffic(
    input_tokens: int = DEFAULT_INPUT_TOKENS,
    output_tokens: int = DEFAULT_OUTPUT_TOKENS,
    requests: int = DEFAULT_REQUESTS,
    per: Literal["day", "month"] = DEFAULT_PER,
    cached_share: Decimal | float | str = 0,
    batch_share: Decimal | float | str = 0,
    off_peak: bool = False,
    providers: Sequence[str] = (),
    cache_write_share: Decimal | float | str = 0,
) -> Traffic:
    """Validated traffic. Raises ValueError with a one-line reason for impossible figures.

    ``providers``: the only providers it may be bought from (a team's), each once; empty: every one."""
    limits = (
        ("input tokens", input_tokens, numbers.MAX_TOKENS),
        ("output tokens", output_tokens, numbers.MAX_TOKENS),
        ("requests", requests, numbers.MAX_REQUESTS),
    )
    for name, value, most in limits:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} must be a whole number of 0 or more, not {value!r}")
        if value > most:
            shown = numbers.count(value) if value < 10**18 else f"a {len(str(value))}-digit number"
            raise ValueError(f"{name} must be at most {numbers.count(most)}, not {shown}")
    if per not in ("day", "month"):
        raise ValueError(f"per must be 'day' or 'month', not {per!r}")
    cached = _share("cached share", cached_share)
    batch = _share("batch share", batch_share)
    written = _share("cache-write share", cache_write_share)
    if cached + written > ONE:
        raise ValueError(
            f"the cached share and the cache-write share are shares of the same input tokens: together at most 1, "
            f"not {numbers.points(cached + written)}"
        )
    count = Decimal(requests)
    per_month = count * DAYS_PER_MONTH if per == "day" else count
    per_day = count if per == "day" else count / DAYS_PER_MONTH
    description = (
        f"{numbers.count(requests)} requests a {per} of {numbers.count(input_tokens)} input and "
        f"{numbers.count(output_tokens)} output tokens each"
    )
    extras = []
    if cached:
        extras.append(f"{numbers.share(cached)} of input from cache")
    if written:
        extras.append(f"{numbers.share(written)} of input written to the cache")
    if batch:
        extras.append(f"{numbers.share(batch)} of requests by batch")
    if extras:
        description += f" ({and_list(extras)})"
    if off_peak:
        description += ", at off-peak prices where a route publishes them"
    named: dict[str, str] = {}
    for provider in providers:
        named.setdefault(provider.casefold(), provider)  # each once, as first spelled
    chosen = tuple(named.values())
    if chosen:
        description += f", bought from {and_list(list(chosen))} only"
    return Traffic(
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        requests=requests,
        per=per,
        cached_share=cached,
        batch_share=batch,
        cache_write_share=written,
        requests_per_day=per_day,
        requests_per_month=per_month,
        days_per_month=DAYS_PER_MONTH,
        off_peak=bool(off_peak),
        description=description,
        providers=chosen,
    )


DEFAULT_TRAFFIC = make_traffic()


def traffic_key(traffic: Traffic) -> tuple[object, ...]:
    """What a price depends on in a traffic, written exactly: two traffics with the same key cost the
    same on every route. Each share and rate is kept as its text, so 0.3 and 0.30 stay apart (their
    products are equal but written differently)."""
    return (
        traffic.input_tokens,
        traffic.output_tokens,
        str(traffic.cached_share),
        str(traffic.batch_share),
        str(traffic.cache_write_share),
        str(traffic.requests_per_day),
        str(traffic.requests_per_month),
        traffic.off_peak,
        tuple(p.casefold() for p in traffic.providers),
    )


def context_problem(models: Sequence[Model], traffic: Traffic) -> str | None:
    """Why this traffic is impossible for one of the models, or None: a request's input must fit one of
    the model's routes (``pricing.fits``: the route's window, else the model's; an unknown window is not
    held against it). The first model that cannot take it is named."""
    for model in models:
        if fits(model, traffic.input_tokens):
            continue
        largest = fit_limit(model)
        assert largest is not None  # an unknown window fits
        if largest == model.context_window:
            return (
                f"{numbers.count(traffic.input_tokens)} input tokens per request do not fit "
                f"{model.name}'s context window of {numbers.count(model.context_window)} tokens"
            )
        return (
            f"{numbers.count(traffic.input_tokens)} input tokens per request do not fit any tracked route "
            f"of {model.name} (the largest context window among them is {numbers.count(largest)} tokens)"
        )
    return None


def unfit(models: Sequence[Model], traffic: Traffic) -> tuple[Model, ...]:
    """The models no route of which takes a request of this size (``pricing.fits``)."""
    return tuple(m for m in models if not fits(m, traffic.input_tokens))
