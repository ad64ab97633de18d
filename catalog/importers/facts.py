"""Facts every importer states the same way: modalities, capability flags, benchmark rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from catalog.importers.draft import ModelDraft, Origin
from catalog.importers.units import tri
from catalog.schema import Capability, Modality, Tri

# Source spellings of modalities -> ours ("file" is how OpenRouter says PDF/document input).
_MODALITY = {"text": "text", "image": "image", "audio": "audio", "video": "video", "pdf": "pdf", "file": "pdf"}


def modalities(values: Iterable[Any] | None) -> tuple[str, ...]:
    """Known modalities in a fixed order, text first; unknown spellings dropped."""
    found = {_MODALITY[str(v).strip().lower()] for v in values or () if str(v).strip().lower() in _MODALITY}
    return tuple(m.value for m in Modality if m.value in found)


def apply_modalities(draft: ModelDraft, inputs: Any, outputs: Any, origin: Origin) -> None:
    """Record input/output modalities, and what they imply: vision (image in) and multimodal."""
    ins, outs = modalities(inputs), modalities(outputs)
    if not ins or not outs:
        return
    draft.set("input_modalities", ins, origin)
    draft.set("output_modalities", outs, origin)
    draft.set_capability(Capability.VISION, Tri.YES if "image" in ins else Tri.NO, origin)
    draft.set_capability(Capability.MULTIMODAL, Tri.YES if set(ins) - {"text"} else Tri.NO, origin)


def apply_flags(draft: ModelDraft, origin: Origin, **flags: Any) -> None:
    """Capability flags as a source states them: True/False; anything else stays unknown."""
    for name, value in flags.items():
        draft.set_capability(name, tri(value), origin)


# Benchmark names as sources spell them -> one spelling, so rows of two models line up.
BENCHMARK_NAMES = {
    "swe-bench verified": "SWE-bench Verified",
    "swe bench verified": "SWE-bench Verified",
    "swe-bench pro": "SWE-bench Pro",
    "swe bench pro": "SWE-bench Pro",
    "terminal bench 2.1": "Terminal-Bench 2.1",
    "aider polyglot": "Aider Polyglot",
    "gpqa diamond": "GPQA Diamond",
}

# Where a score published by the model's maker lives: these are vendor-reported.
_VENDOR_HOSTS = (
    "huggingface.co", "openai.com", "anthropic.com", "deepmind.google", "blog.google", "x.ai",
    "mistral.ai", "deepseek.com", "qwen.ai", "qwenlm.github.io", "moonshot.ai", "z.ai", "minimax",
    "nvidia.com", "cohere.com", "amazon.com", "microsoft.com", "ai.meta.com", "mimo.xiaomi.com",
)


def benchmark_name(name: str) -> str:
    return BENCHMARK_NAMES.get(" ".join(name.lower().split()), name.strip())


def benchmark_row(row: dict[str, Any], release_date: dt.date | None) -> dict[str, Any] | None:
    """A models.dev benchmark row in our shape, or None when it cannot be cited as one score.

    Rows for one harness or variant among several are left out (one score per benchmark);
    a row without a date takes the model's release date only when the model's maker
    published it (a model card), since that is when it was reported.
    """
    source = str(row.get("source") or "").strip()
    score = row.get("score")
    if not source.startswith("http") or not isinstance(score, (int, float)) or isinstance(score, bool):
        return None
    if row.get("harness") or row.get("variant") or row.get("dataset") not in (None, "public"):
        return None
    vendor = any(host in source for host in _VENDOR_HOSTS)
    date = row.get("date")
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            date = None
    if not isinstance(date, dt.date):
        date = release_date if vendor else None
    if date is None:
        return None
    name = benchmark_name(str(row.get("name") or ""))
    metric = str(row.get("metric") or "").lower()
    unit = "score" if "index" in name.lower() or "index" in metric else "%"
    return {
        "name": name,
        "score": float(score),
        "unit": unit,
        "source": source,
        "date": date,
        "verification": "vendor-reported" if vendor else "independent",
    }
