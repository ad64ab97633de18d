"""The curation overlay: what Versus decides or corrects on top of the public sources, applied at every refresh.

The files here (``*.toml``, one per vendor or group) hold ``[[models]]`` entries and ``[[exclude]]``
entries; ``catalog/CURATION.md`` is the reader's guide. An entry may:

* name a model and its family, and merge spellings the id rules cannot join (``from = [...]``);
* correct facts, citing what was read and when (``sources = [{ url, title, read, facts = {...},
  capabilities = {...} }]``), or set a source's placeholder back to unknown (``unset = [...]``);
* drop a provider's route that is another model under this name (``drop_routes = [...]``);
* retire a model whose maker retired it, citing the notice (``retired = { date, url, title, read }``);
* add benchmark rows (``benchmarks = [...]``, ``aider = "leaderboard entry"``), aliases and tags.

``[[exclude]]`` entries (``id``, ``reason``) keep a model out even when its listings would bring it in.
Licences of open-weights models are in ``licences.toml``; Aider polyglot rows in ``aider.toml``.
Decision-fit tags follow the rules in ``tags.py`` unless an entry lists them.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from catalog.importers.draft import ModelDraft, Origin, RouteDraft
from catalog.importers.facts import benchmark_name
from catalog.schema import CURATION_DOC, Capability, RouteStatus, Tri

FOLDER = Path(__file__).resolve().parent

RULES_DATE = dt.date(2026, 11, 29)
"""When the rules in catalog/CURATION.md (tags, proprietary licences) were last changed: the ``decided``
date of what they decide."""

AIDER_LEADERBOARD = "https://aider.chat/docs/leaderboards/"


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _origin(raw: Mapping[str, Any]) -> Origin:
    """A curated source: its URL, title, and the date under its kind (``read`` or ``checked``)."""
    how = next((k for k in ("checked", "read", "fetched") if k in raw), None)
    if how is None:
        raise ValueError(f"{raw.get('url')}: a curated source needs the date it was read, checked or fetched")
    date = raw[how]
    if raw["url"] == CURATION_DOC:
        how = "decided"
    return Origin(raw["url"], date, raw.get("title"), how, "curation")


@dataclass
class Curation:
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    excluded: dict[str, str] = field(default_factory=dict)
    licences: dict[str, dict[str, str]] = field(default_factory=dict)
    aider: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path = FOLDER) -> "Curation":
        out = cls()
        for path in sorted(folder.glob("*.toml")):
            if path.name in ("licences.toml", "aider.toml"):
                continue
            data = _read(path)
            defaults = {k: v for k, v in data.items() if k not in ("models", "exclude")}
            for entry in data.get("models", []):
                out.entries[entry["id"]] = {**defaults, **entry, "_file": path.name}
            for entry in data.get("exclude", []):
                out.excluded[entry["id"]] = entry.get("reason", "")
        if (folder / "licences.toml").exists():
            out.licences = _read(folder / "licences.toml")["models"]
        if (folder / "aider.toml").exists():
            out.aider = _read(folder / "aider.toml")
        return out

    # --- which models ----------------------------------------------------------------------

    def spellings(self) -> dict[str, str]:
        """Source ids an entry's ``from`` names, and its aliases, mapped to the entry's id (for grouping
        listings): a listing spelt as a curated alias is that model (``codestral``, ``grok-4.3-latest``)."""
        out = {alias: model_id for model_id, entry in self.entries.items() for alias in entry.get("aliases", [])}
        out.update({raw: model_id for model_id, entry in self.entries.items() for raw in entry.get("from", [])})
        return out

    def merge_groups(self, groups: dict[str, list[ModelDraft]]) -> dict[str, list[ModelDraft]]:
        """Groups an entry's ``from`` names, joined under the entry's id."""
        out = dict(groups)
        for model_id, entry in self.entries.items():
            joined = [d for raw in entry.get("from", []) for d in out.pop(raw, [])]
            if joined:
                out[model_id] = out.pop(model_id, []) + [d for d in joined if d not in out.get(model_id, [])]
        return out

    def entry(self, model_id: str) -> dict[str, Any] | None:
        return self.entries.get(model_id)

    def excludes(self, model_id: str) -> bool:
        return model_id in self.excluded

    def wants(self, model_id: str, drafts: Sequence[ModelDraft], as_of: dt.date, known_ids: Collection[str] = ()) -> bool:
        from catalog.reconcile import qualifies

        if self.excludes(model_id):
            return False
        return model_id in self.entries or qualifies(model_id, drafts, as_of, known_ids)

    # --- routes ----------------------------------------------------------------------------

    @staticmethod
    def routes(entry: Mapping[str, Any] | None) -> list[RouteDraft]:
        """Routes an entry states itself (a page read where no source lists the route), as listings of the
        source ``curation``, first in every precedence."""
        out = []
        for raw in (entry or {}).get("routes", []):
            out.append(RouteDraft(
                provider=raw["provider"],
                model_id=raw["model_id"],
                input=_decimal(raw.get("input")),
                output=_decimal(raw.get("output")),
                context_window=raw.get("context_window"),
                origin=_origin(raw),
                cached_input=_decimal(raw.get("cached_input")),
                cache_write=_decimal(raw.get("cache_write")),
            ))
        return out

    @staticmethod
    def dropped_routes(entry: Mapping[str, Any] | None) -> set[str]:
        return {p.casefold() for p in (entry or {}).get("drop_routes", [])}

    @staticmethod
    def retire(entry: Mapping[str, Any] | None, routes: list[dict[str, Any]], as_of: dt.date) -> None:
        """An entry's ``retired`` notice: every route's deprecation date is the notice's date (unless a
        source gives an earlier one), cited to the notice; past it, the route is retired."""
        notice = (entry or {}).get("retired")
        if not notice:
            return
        origin = _origin(notice)
        date = notice["date"]
        for route in routes:
            if route.get("deprecation_date") is not None and route["deprecation_date"] <= date:
                continue
            route["deprecation_date"] = date
            for source in route["sources"]:
                source["covers"] = [c for c in source["covers"] if c != "lifecycle"]
            route["sources"] = [s for s in route["sources"] if s["covers"]]
            route["sources"].append({"url": origin.url, "title": origin.title, origin.how: origin.date, "covers": ["lifecycle"]})
            if date <= as_of:
                route["status"] = RouteStatus.RETIRED.value
                route["retired_since"] = date
            else:
                route["status"] = RouteStatus.DEPRECATED.value
                route.pop("retired_since", None)

    # --- facts -----------------------------------------------------------------------------

    def apply(
        self, draft: ModelDraft, entry: Mapping[str, Any] | None, routes: Sequence[Mapping[str, Any]]
    ) -> tuple[ModelDraft, list[dict[str, Any]]]:
        """The entry's names, corrections, benchmarks and aliases, the licence, and the tags, on ``draft``.
        Returns the draft and the extra ``[[sources]]`` entries (the tag rules)."""
        from catalog.curation.tags import decide_tags, family_of

        entry = entry or {}
        draft.name = entry.get("name", draft.name)
        if "vendor" in entry:
            draft.vendor = entry["vendor"]
        draft.facts["family"] = entry.get("family") or family_of(draft.name)
        for fact in entry.get("unset", []):  # a source's placeholder, not a fact
            draft.facts.pop(fact, None)
            draft.fact_origin.pop(fact, None)
        for source in entry.get("sources", []):
            origin = _origin(source)
            for fact, value in source.get("facts", {}).items():
                draft.facts[fact] = value
                draft.fact_origin[fact] = origin
            for name, value in source.get("capabilities", {}).items():
                draft.capabilities[Capability(name).value] = Tri(value)
                draft.capability_origin[Capability(name).value] = origin
        if "code_execution" in entry:
            draft.capabilities["code_execution"] = Tri(entry["code_execution"])
            draft.capability_origin["code_execution"] = _origin(entry["code_execution_source"])
        for row in entry.get("benchmarks", []):
            row = {**row, "name": benchmark_name(row["name"])}
            draft.benchmarks[row["name"].casefold()] = row
        if entry.get("aider"):
            row = self.aider_row(entry["aider"])
            draft.benchmarks[row["name"].casefold()] = row
        for alias in entry.get("aliases", []):
            draft.add_alias(alias)
        self._licence(draft)
        prices = [_priced(r) for r in routes if r.get("status") != RouteStatus.RETIRED.value]
        draft.routes = {r.provider.casefold(): r for r in prices if r is not None}
        draft.tags = list(entry["tags"]) if "tags" in entry else decide_tags(draft)
        draft.routes = {}
        extra = []
        if draft.tags:
            extra.append({"url": CURATION_DOC, "title": "Versus curation: decision-fit tags", "decided": RULES_DATE, "covers": ["tags"]})
        return draft, extra

    def aider_row(self, name: str) -> dict[str, Any]:
        """Our benchmark row for one Aider polyglot leaderboard entry (named exactly as the leaderboard does)."""
        record = self.aider.get(name)
        if record is None:
            raise KeyError(f"no Aider polyglot row named {name!r} in catalog/curation/aider.toml")
        row: dict[str, Any] = {
            "name": "Aider Polyglot",
            "score": float(record["score"]),
            "unit": "%",
            "source": AIDER_LEADERBOARD,
            "date": record["date"],
            "verification": "independent",
        }
        if name != name.split(" (")[0] or "+" in name:
            row["notes"] = f"leaderboard entry: {name}"
        return row

    def _licence(self, draft: ModelDraft) -> None:
        """The model card's licence where we have one; closed weights are proprietary by rule."""
        known = self.licences.get(draft.id)
        if known is not None:
            origin = Origin(known["url"], dt.date.fromisoformat(str(known.get("read", "2026-11-22"))), "Model card: licence", "read", "curation")
            draft.facts["licence"] = known["licence"]
            draft.facts["open_weights"] = "yes"
            draft.fact_origin["licence"] = draft.fact_origin["open_weights"] = origin
        elif draft.facts.get("open_weights") == "no" and "licence" not in draft.facts:
            draft.facts["licence"] = "Proprietary"
            draft.fact_origin["licence"] = Origin(
                CURATION_DOC, RULES_DATE, "Versus curation: closed weights are proprietary", "decided", "curation"
            )


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _priced(route: Mapping[str, Any]) -> RouteDraft | None:
    """A reconciled route's provider and prices, as the tag rules read them."""
    if route.get("input") in (None, "unknown"):
        return None
    return RouteDraft(
        provider=route["provider"],
        model_id=route["model_id"],
        input=route["input"],
        output=route["output"] if route.get("output") != "unknown" else None,
        context_window=None,
        origin=Origin(CURATION_DOC, RULES_DATE),
    )


_UPPER = {"gpt", "glm", "vl", "r1", "oss", "mt", "ai", "moe", "it", "dpo", "cli"}
_BRANDS = {
    "deepseek": "DeepSeek", "minimax": "MiniMax", "mimo": "MiMo", "codellama": "CodeLlama", "openai": "OpenAI",
    "qwq": "QwQ", "qvq": "QVQ", "pplx": "PPLX", "nvidia": "NVIDIA",
}
_SIZE = re.compile(r"^(a?\d+(?:\.\d+)?|\d+x\d+)[bmkt]$")  # 7b, a3b, 2.4t, 8x7b


def title_of(model_id: str) -> str:
    """A readable name from an id, for a model no source names: ``openai/gpt-5.4-mini`` -> ``GPT 5.4 Mini``,
    ``ai21/jamba-1-5-large`` -> ``Jamba 1.5 Large``, ``deepseek/deepseek-coder-33b`` -> ``DeepSeek Coder 33B``."""
    slug = model_id.split("/", 1)[1]
    slug = re.sub(r"(?<=\d)-(?=\d(?:-|$))", ".", slug)  # jamba-1-5-large: 1.5
    slug = re.sub(r"(?<=\d)p(?=\d)", ".", slug)  # qwen2p5 (Fireworks): 2.5
    words = slug.replace("_", "-").split("-")

    def word(text: str) -> str:
        lower = text.lower()
        if lower in _BRANDS:
            return _BRANDS[lower]
        if lower in _UPPER or _SIZE.match(lower):
            return text.upper().replace("X", "x")
        return text[:1].upper() + text[1:]

    return " ".join(word(w) for w in words if w)
