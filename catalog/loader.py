"""Loading a catalog tree: one TOML file per model, every file validated, every error reported.

An error names the file, the field and the reason, e.g.
``catalog/models/openai/gpt-4.1-mini.toml: routes[1].input: must be >= 0``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from catalog.schema import Model

CATALOG_ENV = "VERSUS_CATALOG"
"""Environment variable naming a catalog folder to use instead of the bundled one."""

BUNDLED_ROOT = Path(__file__).resolve().parent / "models"


@dataclass(frozen=True, slots=True)
class CatalogError:
    path: str
    location: str
    message: str

    def __str__(self) -> str:
        if self.location:
            return f"{self.path}: {self.location}: {self.message}"
        return f"{self.path}: {self.message}"


class CatalogInvalid(Exception):
    """The catalog has errors; ``errors`` lists every one of them."""

    def __init__(self, errors: list[CatalogError]):
        self.errors = errors
        count = len(errors)
        head = "\n".join(str(e) for e in errors[:20])
        more = f"\n... and {count - 20} more" if count > 20 else ""
        super().__init__(f"{count} catalog error{'s' if count != 1 else ''}:\n{head}{more}")


class Catalog:
    """A validated set of models, looked up by canonical id."""

    def __init__(self, models: Iterable[Model], root: Path | None = None):
        self.models: tuple[Model, ...] = tuple(sorted(models, key=lambda m: m.id))
        self.root = root
        self._by_id = {m.id: m for m in self.models}

    def __len__(self) -> int:
        return len(self.models)

    def __iter__(self) -> Iterator[Model]:
        return iter(self.models)

    def __contains__(self, model_id: object) -> bool:
        return model_id in self._by_id

    def get(self, model_id: str) -> Model | None:
        return self._by_id.get(model_id.strip().lower())

    def __getitem__(self, model_id: str) -> Model:
        model = self.get(model_id)
        if model is None:
            raise KeyError(model_id)
        return model

    @property
    def vendors(self) -> list[str]:
        return sorted({m.vendor for m in self.models}, key=str.casefold)


def default_root(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The catalog folder to use: an explicit path, else ``$VERSUS_CATALOG``, else the bundled one."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(CATALOG_ENV, "").strip()
    return Path(env) if env else BUNDLED_ROOT


def display_path(path: Path) -> str:
    """A short path for messages: relative to the working folder when under it."""
    resolved = path.resolve()
    for base in (Path.cwd().resolve(), BUNDLED_ROOT.parent.parent):
        try:
            return resolved.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()


# --- pydantic errors, as a person would read them -----------------------------------------

def format_location(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str) and (part.startswith("function-") or part in _UNION_TAGS):
            continue  # pydantic's internal branch names, not keys in the file
        else:
            out += f".{part}" if out else str(part)
    return out


_UNION_TAGS = {"decimal", "date", "int", "str", "none", "url", "enum", "lax-or-strict", "json-or-python"}


def format_message(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "greater_than_equal":
        return f"must be >= {ctx['ge']}"
    if kind == "greater_than":
        return f"must be > {ctx['gt']}"
    if kind == "less_than_equal":
        return f"must be <= {ctx['le']}"
    if kind == "less_than":
        return f"must be < {ctx['lt']}"
    if kind == "missing":
        return 'is required (write "unknown" where no source publishes it)'
    if kind == "extra_forbidden":
        return "is not a known key (a typo?)"
    if kind == "enum":
        return f"must be one of {ctx.get('expected', '')}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return "is not a valid canonical id (lower case 'creator/model', e.g. 'openai/gpt-4.1-mini')"
    if kind in ("too_short",) and ctx.get("min_length") == 1:
        return "must not be empty"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix):]
    return message[:1].lower() + message[1:]


def errors_from_validation(path: str, exc: ValidationError) -> list[CatalogError]:
    seen: set[tuple[str, str]] = set()
    out: list[CatalogError] = []
    for error in exc.errors(include_url=False):
        location = format_location(tuple(error["loc"]))
        message = format_message(error)
        if (location, message) in seen:
            continue
        seen.add((location, message))
        out.append(CatalogError(path, location, message))
    return out


# --- loading --------------------------------------------------------------------------------

def model_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.toml") if p.is_file())


def parse_model_file(path: Path, root: Path | None = None) -> tuple[Model | None, list[CatalogError]]:
    """Read and validate one file. Returns the model, or None with the file's errors."""
    shown = display_path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        return None, [CatalogError(shown, "", f"invalid TOML: {exc}")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [CatalogError(shown, "", f"cannot be read: {exc}")]
    try:
        model = Model.model_validate(data)
    except ValidationError as exc:
        return None, errors_from_validation(shown, exc)
    if root is not None:
        creator, slug = model.id.split("/", 1)
        expected = Path(creator) / f"{slug}.toml"
        try:
            actual = path.resolve().relative_to(root.resolve())
        except ValueError:
            actual = None
        if actual is not None and actual.as_posix() != expected.as_posix():
            return model, [CatalogError(shown, "id", f"'{model.id}' must live in {expected.as_posix()}")]
    return model, []


def alias_key(text: str) -> str:
    """How aliases are compared for clashes: case and spacing do not matter."""
    return " ".join(text.casefold().split())


def cross_check(models: list[tuple[str, Model]]) -> list[CatalogError]:
    """Rules across files: unique ids, and no alias claimed by two models."""
    errors: list[CatalogError] = []
    owner_of_id: dict[str, str] = {}
    for shown, model in models:
        if model.id in owner_of_id:
            errors.append(CatalogError(shown, "id", f"'{model.id}' is also the id in {owner_of_id[model.id]}"))
        else:
            owner_of_id[model.id] = shown
    claims: dict[str, tuple[str, str]] = {}
    for shown, model in models:
        names = {alias_key(model.id), alias_key(model.name)}
        for key in names:
            claims.setdefault(key, (model.id, shown))
    for shown, model in models:
        for index, alias in enumerate(model.aliases):
            key = alias_key(alias)
            owner = claims.get(key)
            if owner is not None and owner[0] != model.id:
                errors.append(
                    CatalogError(shown, f"aliases[{index}]", f"'{alias}' is already claimed by {owner[0]} ({owner[1]})")
                )
            else:
                claims[key] = (model.id, shown)
    return errors


def validate_tree(root: Path) -> tuple[list[Model], list[CatalogError]]:
    """Validate every model file under ``root``; return the good models and every error."""
    if not root.exists():
        return [], [CatalogError(display_path(root), "", "no such catalog folder")]
    if root.is_file():
        model, errors = parse_model_file(root)
        return ([model] if model and not errors else []), errors
    files = model_files(root)
    if not files:
        return [], [CatalogError(display_path(root), "", "no model files (*.toml) in this folder")]
    errors: list[CatalogError] = []
    good: list[tuple[str, Model]] = []
    for path in files:
        model, file_errors = parse_model_file(path, root)
        errors.extend(file_errors)
        if model is not None and not file_errors:
            good.append((display_path(path), model))
    errors.extend(cross_check(good))
    return [m for _, m in good], errors


def load_catalog(root: str | os.PathLike[str] | None = None) -> Catalog:
    """Load and validate a whole catalog. Raises ``CatalogInvalid`` listing every error."""
    folder = default_root(root)
    models, errors = validate_tree(folder)
    if errors:
        raise CatalogInvalid(errors)
    return Catalog(models, folder)
