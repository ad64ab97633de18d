"""Cost: what a traffic costs on every route of some models, and where their ranking flips.

Four modules, each one concern:

* ``traffic``: the traffic priced (``make_traffic``, ``DEFAULT_TRAFFIC``) and whether the models
  can take it at all (``context_problem``);
* ``pricing``: one request on one route: long-context tiers, cached input, batch (the rules, with
  worked examples, in its docstring);
* ``estimate``: every route of each model at a traffic, the cheapest marked, the ranking, the
  sentences (``estimate``, ``model_cost``);
* ``breakeven``: where two models swap places as a request's input grows or its share changes.
"""

from engine.cost.breakeven import break_evens
from engine.cost.estimate import Estimated, estimate, estimated, model_cost
from engine.cost.pricing import fits, request_cost, takes, window
from engine.cost.traffic import (
    DAYS_PER_MONTH,
    DEFAULT_INPUT_TOKENS,
    DEFAULT_OUTPUT_TOKENS,
    DEFAULT_REQUESTS,
    DEFAULT_TRAFFIC,
    context_problem,
    make_traffic,
    unfit,
)
from engine.facts import is_vendor_route

__all__ = [
    "DAYS_PER_MONTH",
    "DEFAULT_INPUT_TOKENS",
    "DEFAULT_OUTPUT_TOKENS",
    "DEFAULT_REQUESTS",
    "DEFAULT_TRAFFIC",
    "Estimated",
    "break_evens",
    "context_problem",
    "estimate",
    "estimated",
    "fits",
    "is_vendor_route",
    "make_traffic",
    "model_cost",
    "request_cost",
    "takes",
    "unfit",
    "window",
]
