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

__all__ = [
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
