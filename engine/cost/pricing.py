"""The price of one request on one route: long-context tiers, cached input and batch, per 1M tokens.

A request is priced on its own, as providers bill it.

**Tiers.** A long-context tier prices the *whole* request when the request's input tokens are more than
the tier's ``above_input_tokens``; of several tiers, the last one passed applies. Grok 4.3 on xAI
Console costs $1.25 input and $2.50 output per 1M tokens, and $2.50 and $5.00 above 200,000 input
tokens. A request of 300,000 input and 2,000 output tokens passes 200,000, so all of it is billed at
the tier: 300,000 x $2.50/1M + 2,000 x $5.00/1M = $0.75 + $0.01 = $0.76. A request of exactly 200,000
input does not pass it: 200,000 x $1.25/1M + 2,000 x $2.50/1M = $0.255.

**Cache.** A share ``c`` of input tokens served from cache is billed at the cached-input price, the
rest at the input price: GPT-4.1 Mini's $0.40 input and $0.10 cached, with ``c`` = 0.3, make
0.7 x $0.40 + 0.3 x $0.10 = $0.31 per 1M input tokens. Where a route publishes no cached price, the
cached share is billed at the input price and the estimate says so (``NOTE_CACHE_STANDARD``).

**Cache writes.** A share ``w`` of input tokens written to the cache (a prompt cached for later requests)
is billed at the cache-write price: Claude Sonnet 4.5 on the Anthropic API charges $3.75 per 1M written
against $3.00 input, so with ``w`` = 0.2 (and nothing read from cache) 1M input tokens cost
0.8 x $3.00 + 0.2 x $3.75 = $3.15. Where a route publishes no cache-write price, the written share is
billed at the input price and the estimate says so (``NOTE_CACHE_WRITE_STANDARD``), unless another route
of the same model publishes a cache-write price above its input price: then that surcharge is the model's
(Anthropic's 1.25 times), and the route's writes are billed at it, said so (``NOTE_CACHE_WRITE_AS``), so a
route is never the cheapest for cache writes only because its listing leaves their price out (Claude
Sonnet 4.5 on Perplexity's API was $3,000/month below Anthropic's own at 20% written). ``c + w`` is at
most 1.

**Batch.** A share ``b`` of requests sent through a batch API is billed at the batch prices, the rest
at the standard ones; the cached share of input keeps its cached price either way. Where a route
publishes no batch price, or a tier applies (no batch price is published for a tier), the batch share
is billed at the standard or tier price and the estimate says so.

**Off-peak.** A route's own prices are its standard (peak) prices, and an estimate uses them unless
asked for off-peak prices. Asked, a route that publishes an off-peak window (DeepSeek's API: half price
from 16:30 to 00:30 UTC) is billed at the window's prices: $0.27 input and $1.10 output become $0.135 and
$0.55. A tier's prices have no off-peak version and stay as they are.

A route whose input or output price is unknown, or that is retired, has no rates (``None``): it is never
priced at $0 nor counted as current. A request must fit the route's context window (``takes``). An
unknown window (neither the route's nor the model's is known) is not held against a request up to
``UNKNOWN_WINDOW_TAKES`` tokens, the smallest window the catalog records (Llama 2 on Fireworks AI): every
model takes that much. Past it, whether the route takes the request is unknown, so its price there is
not known either: it is never the cheapest (``priced_window``): Toppy M 7B, whose window no source
states (4,096 tokens in fact), is not the cheapest model for 300,000-token prompts.

**Unknown above a tier.** Where some routes of a model price requests above a long-context threshold
higher and another route publishes no tier at all, that route's price above the threshold is unknown, not
its base price: Gemini 2.5 Pro costs $1.25/$10.00 on Google AI Studio and $2.50/$15.00 above 200,000
input tokens; DeepInfra lists $1.25/$10.00 and no tier, so a 300,000-token request on DeepInfra has no
known price (``unknown_above``), and is never the cheapest for it (``can_price``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from catalog.schema import Model, OffPeak, PriceTier, Route
from engine import numbers
from engine.cache import cached
from engine.results import Traffic

MILLION = Decimal(1_000_000)
ZERO = Decimal(0)
ONE = Decimal(1)

NOTE_CACHE_STANDARD = "cached input priced at the standard input rate (no cached price published)"
NOTE_BATCH_STANDARD = "batch share priced at the standard rate (no batch price published)"
NOTE_BATCH_TIER = "batch share priced at the long-context rate (no batch price published for it)"
NOTE_CACHE_WRITE_STANDARD = "no cache-write price published: cache writes priced at the standard input rate"
NOTE_CACHE_WRITE_AS = (
    "no cache-write price published: cache writes priced at {ratio} the input rate, as {provider} bills them "
    "for this model"
)
NOTE_PEAK = "standard (peak) prices; off-peak {input} input and {output} output, {when} (ask for off-peak prices)"
NOTE_OFF_PEAK = "off-peak prices, {when}"
NOTE_NO_OFF_PEAK_TIER = "long-context rate: no off-peak price published for it"
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def off_peak_window(route: Route) -> OffPeak | None:
    """The route's cheapest off-peak window, if it publishes any."""
    return min(route.off_peak, key=lambda w: (w.input, w.output), default=None)


def days_text(days: tuple[int, ...]) -> str:
    """``Mon-Fri``, ``Sat-Sun``, ``every day``, ``Mon, Wed``."""
    if len(days) == 7:
        return "every day"
    if len(days) > 1 and list(days) == list(range(days[0], days[-1] + 1)):
        return f"{DAY_NAMES[days[0] - 1]}-{DAY_NAMES[days[-1] - 1]}"
    return ", ".join(DAY_NAMES[d - 1] for d in days)


def when_text(route: Route) -> str:
    """When a route's off-peak prices apply: ``16:30-00:30 UTC every day``; ``04:00-06:00 and 10:00-01:00
    UTC Mon-Fri; all day Sat-Sun``."""
    by_days: dict[tuple[int, ...], list[str]] = {}
    for w in route.off_peak:
        by_days.setdefault(w.days, []).append("all day" if w.start == w.end else f"{w.start}-{w.end}")
    parts = []
    for days, spans in by_days.items():
        timed = [s for s in spans if s != "all day"]
        text = f"{' and '.join(timed)} UTC" if timed else ""
        if "all day" in spans:
            text = f"{text}, and all day" if text else "all day"
        parts.append(f"{text} {days_text(days)}")
    return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Rates:
    """A route's prices per 1M tokens for requests of one tier, the cache and batch shares folded in."""

    per_input: Decimal
    """What 1M input tokens cost at these shares (the cached share at the cached price, and so on)."""
    per_output: Decimal
    base_input: Decimal
    base_output: Decimal
    """The tier's (or the route's) own input and output prices, before the shares."""
    tier: PriceTier | None
    notes: tuple[str, ...]
    """How a share was priced where the route publishes no price for it."""

    def request(self, input_tokens: Decimal | int, output_tokens: Decimal | int) -> Decimal:
        """USD for one request of this size."""
        return (self.per_input * input_tokens + self.per_output * output_tokens) / MILLION


def tier_index(route: Route, input_tokens: Decimal | int) -> int:
    """0 for the route's base prices, else 1 + the index of the last tier the request's input passes."""
    index = 0
    for i, tier in enumerate(route.tiers, start=1):
        if input_tokens > tier.above_input_tokens:
            index = i
    return index


def _rates(
    route: Route,
    tier: PriceTier | None,
    cached_share: Decimal,
    batch_share: Decimal,
    write_share: Decimal = ZERO,
    off_peak: bool = False,
    surcharge: WriteSurcharge | None = None,
) -> Rates:
    """The rates of requests billed at ``tier`` (None: the route's base prices), at the route's off-peak
    prices when asked and published; ``surcharge``: the model's cache-write surcharge (``write_surcharge``)."""
    prices: Route | PriceTier | OffPeak = tier or route
    notes: list[str] = []
    cheap = off_peak_window(route)
    if cheap is not None and tier is None:
        if off_peak:
            prices = cheap
            notes.append(NOTE_OFF_PEAK.format(when=when_text(route)))
        else:
            shown = {"input": numbers.price(cheap.input), "output": numbers.price(cheap.output)}
            notes.append(NOTE_PEAK.format(**shown, when=when_text(route)))
    elif cheap is not None and off_peak:
        notes.append(NOTE_NO_OFF_PEAK_TIER)
    base_input, base_output = prices.input, prices.output
    assert base_input is not None and base_output is not None  # a priced route, or one of its tiers
    cached_price = prices.cached_input
    if cached_share and cached_price is None:
        cached_price = base_input
        notes.append(NOTE_CACHE_STANDARD)
    write_price = getattr(prices, "cache_write", None)  # an off-peak window publishes no cache-write price
    if write_share and write_price is None and surcharge is not None:
        write_price = base_input * surcharge.ratio
        ratio = f"{surcharge.ratio.quantize(Decimal('0.01')).normalize():f} times"  # 1.25, not 1.2
        notes.append(NOTE_CACHE_WRITE_AS.format(ratio=ratio, provider=surcharge.provider))
    elif write_share and write_price is None:
        write_price = base_input
        notes.append(NOTE_CACHE_WRITE_STANDARD)
    batch_input, batch_output = base_input, base_output
    if batch_share:
        if tier is not None:
            notes.append(NOTE_BATCH_TIER)
        elif route.batch_input is None or route.batch_output is None:
            notes.append(NOTE_BATCH_STANDARD)
        else:
            batch_input, batch_output = route.batch_input, route.batch_output
    fresh = ONE - cached_share - write_share
    standard = ONE - batch_share
    uncached_input = standard * base_input + batch_share * batch_input
    per_input = fresh * uncached_input + cached_share * (cached_price or ZERO)
    if write_share:
        per_input += write_share * (write_price or ZERO)
    per_output = standard * base_output + batch_share * batch_output
    return Rates(per_input, per_output, base_input, base_output, tier, tuple(notes))


@dataclass(frozen=True, slots=True)
class WriteSurcharge:
    ratio: Decimal
    """The cache-write price over the input price."""
    provider: str
    """The route that bills it."""


def write_surcharge(model: Model) -> WriteSurcharge | None:
    """The highest cache-write surcharge a sold, priced route of the model publishes (its cache-write price
    above its input price), or None when none does."""
    found: WriteSurcharge | None = None
    for route in model.routes:
        if not (route.sold and route.priced and route.cache_write is not None and route.input):
            continue
        ratio = route.cache_write / route.input
        if ratio > ONE and (found is None or ratio > found.ratio):
            found = WriteSurcharge(ratio, route.provider)
    return found


def rate_table(
    route: Route,
    cached_share: Decimal,
    batch_share: Decimal,
    write_share: Decimal = ZERO,
    off_peak: bool = False,
    surcharge: WriteSurcharge | None = None,
) -> tuple[Rates, ...] | None:
    """The route's rates at its base prices and then under each tier, in order (``tier_index`` picks
    one); None when its price is unknown or it is retired."""
    if not route.priced or not route.sold:
        return None
    return tuple(
        [
            _rates(route, tier, cached_share, batch_share, write_share, off_peak, surcharge)
            for tier in (None, *route.tiers)
        ]
    )


@cached(
    "rate tables",
    size=16384,
    key=lambda model, cached_share, batch_share, write_share, off_peak=False: (
        id(model),
        str(cached_share),
        str(batch_share),
        str(write_share),
        off_peak,
    ),
)
def model_rates(
    model: Model, cached_share: Decimal, batch_share: Decimal, write_share: Decimal, off_peak: bool = False
) -> tuple[tuple[Rates, ...] | None, ...]:
    """``rate_table`` of each of the model's routes, in catalog order, at these shares (kept per model and
    shares, written exactly: an estimate prices each route once and searches its break-evens along two
    lines, all from these)."""
    surcharge = write_surcharge(model) if write_share else None
    return tuple(
        [rate_table(route, cached_share, batch_share, write_share, off_peak, surcharge) for route in model.routes]
    )


def traffic_rates(model: Model, traffic: Traffic) -> tuple[tuple[Rates, ...] | None, ...]:
    """``model_rates`` at the traffic's shares (and off-peak prices when it asks for them)."""
    return model_rates(model, traffic.cached_share, traffic.batch_share, traffic.cache_write_share, traffic.off_peak)


def rates(
    route: Route,
    input_tokens: Decimal | int,
    cached_share: Decimal,
    batch_share: Decimal,
    write_share: Decimal = ZERO,
    off_peak: bool = False,
) -> Rates | None:
    """The rates that bill a request with this many input tokens; None when the route's price is unknown
    or it is retired."""
    if not route.priced or not route.sold:
        return None
    index = tier_index(route, input_tokens)
    tier = route.tiers[index - 1] if index else None
    return _rates(route, tier, cached_share, batch_share, write_share, off_peak)


def request_cost(
    route: Route, input_tokens: Decimal | int, output_tokens: Decimal | int, traffic: Traffic
) -> Decimal | None:
    """USD for one request of this size on this route, at the traffic's cache and batch shares (and
    off-peak prices when asked); None when the route's price is unknown or it is retired."""
    found = rates(
        route, input_tokens, traffic.cached_share, traffic.batch_share, traffic.cache_write_share, traffic.off_peak
    )
    return None if found is None else found.request(input_tokens, output_tokens)


# --- context windows ------------------------------------------------------------------------


def window(model: Model, route: Route) -> int | None:
    """The context window a request to the model on this route must fit: the route's own where it
    is known, else the model's (None when neither is known)."""
    return route.context_window if route.context_window is not None else model.context_window


UNKNOWN_WINDOW_TAKES = 2_048
"""The input a route of unknown context window is taken to hold: the smallest window the catalog records."""


def priced_window(model: Model, route: Route) -> int:
    """The largest input a request to the route is priced for: its context window (``window``), or
    ``UNKNOWN_WINDOW_TAKES`` when that is unknown."""
    limit = window(model, route)
    return UNKNOWN_WINDOW_TAKES if limit is None else limit


def window_unknown_for(model: Model, route: Route, input_tokens: Decimal | int) -> bool:
    """True when the route's window is unknown and the request is larger than every model is known to take."""
    return window(model, route) is None and input_tokens > UNKNOWN_WINDOW_TAKES


def takes(model: Model, route: Route, input_tokens: Decimal | int) -> bool:
    """True when a request with this input is known to fit the route's context window (``priced_window``)."""
    return input_tokens <= priced_window(model, route)


@cached("unknown above", size=16384)
def unknown_above(model: Model) -> tuple[int | None, ...]:
    """For each route of the model, in order: the input size above which its price is unknown, or None.

    That is the lowest long-context threshold among the model's other priced routes that bill requests
    above it higher than below, for a priced route that publishes no tier of its own (see the module)."""
    raised = sorted(
        {
            tier.above_input_tokens
            for route in model.routes
            if route.priced and route.sold
            for tier in route.tiers
            if (tier.input, tier.output) != (route.input, route.output)
        }
    )
    if not raised:
        return tuple(None for _ in model.routes)
    return tuple(raised[0] if route.priced and not route.tiers else None for route in model.routes)


def can_price(model: Model, route: Route, index: int, input_tokens: Decimal | int) -> bool:
    """True when a request with this input fits the route (``takes``) and its price there is known (the
    route is the model's ``index``-th; see ``unknown_above``)."""
    if not takes(model, route, input_tokens):
        return False
    gap = unknown_above(model)[index]
    return gap is None or input_tokens <= gap


def fit_limit(model: Model) -> int | None:
    """The largest input some route of the model takes (its ``window``), or None when one route's window
    is unknown; the model's own window when it has no route."""
    if not model.routes:
        return model.context_window
    return route_limit(model)


def fits(model: Model, input_tokens: Decimal | int) -> bool:
    """True when some route of the model takes a request with this input (an unknown window is not held
    against it): the one rule of what fits, for estimates, the command line, the bot and the FAQ."""
    limit = fit_limit(model)
    return limit is None or input_tokens <= limit


def route_limit(model: Model) -> int | None:
    """The largest input a request to one of the model's routes can carry (``window``), or None when
    one route's window is unknown (or the model has no route)."""
    windows = [window(model, route) for route in model.routes if route.sold]
    if not windows or None in windows:
        return None
    return max(w for w in windows if w is not None)
