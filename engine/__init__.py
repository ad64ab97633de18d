"""The engine: pure functions from catalog models to typed results. No I/O, no Discord.

Surfaces import the result types and the entry points from here. Where things are:

* ``results``: the result types every surface renders;
* ``compare`` and ``sections/``: the comparison page, one module per section;
* ``cost/``: traffic, the price of one request on one route, estimates, break-even;
* ``faq`` and ``answers``: questions in words (``engine.faq.ask``, not imported here: what it reads a
  question with, rankings and workloads, is not needed to compare or price), and the answers shared
  with the comparison's FAQ;
* ``facts``, ``numbers``, ``words``: facts about models, numbers and lists as people write them;
* ``cache``: the one caching mechanism (``VERSUS_ENGINE_CACHE=off`` turns it off).
"""

from engine.compare import compare
from engine.cost import DEFAULT_TRAFFIC, estimate, make_traffic
from engine.results import (
    BenchmarkLead,
    BlendedPrice,
    BreakEven,
    Cell,
    Comparison,
    CostEstimate,
    FaqAnswer,
    FaqIntent,
    Figure,
    ModelCost,
    ModelRef,
    RouteCost,
    Row,
    Section,
    Source,
    Table,
    Traffic,
)
from engine.sections import SECTION_GROUPS, SECTION_KEYS, in_group

__all__ = [
    "DEFAULT_TRAFFIC",
    "SECTION_GROUPS",
    "SECTION_KEYS",
    "compare",
    "estimate",
    "in_group",
    "make_traffic",
    "BenchmarkLead",
    "BlendedPrice",
    "BreakEven",
    "Cell",
    "Comparison",
    "CostEstimate",
    "FaqAnswer",
    "FaqIntent",
    "Figure",
    "ModelCost",
    "ModelRef",
    "RouteCost",
    "Row",
    "Section",
    "Source",
    "Table",
    "Traffic",
]
