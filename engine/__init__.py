"""The engine: pure functions from catalog models to typed results. No I/O, no Discord.

Surfaces import the result types and the entry points from here.
"""

from engine.results import (
    SECTION_GROUPS,
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
    SectionKey,
    Source,
    Table,
    Traffic,
)
from engine.compare import compare  # noqa: E402  (after the result types it returns)
from engine.cost import DEFAULT_TRAFFIC, estimate, make_traffic
from engine.faq import ask

__all__ = [
    "DEFAULT_TRAFFIC",
    "ask",
    "compare",
    "estimate",
    "make_traffic",
    "SECTION_GROUPS",
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
    "SectionKey",
    "Source",
    "Table",
    "Traffic",
]
