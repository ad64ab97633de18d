"""Loading a catalog tree: one TOML file per model, every file validated, every error reported.

An error names the file, the field and the reason, e.g.
``catalog/models/openai/gpt-4.1-mini.toml: routes[1].input: must be >= 0``.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
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
    return _display(path.resolve(), path)


def _display(resolved: Path, path: Path) -> str:
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


# --- reading TOML quickly -------------------------------------------------------------------
#
# ``tomllib`` is pure Python and was most of the loading time (about 0.8 ms for a 2.4 KB model file).
# ``_fast_toml`` reads the plain subset the catalog's files are written in -- bare keys, ``[table]``,
# ``[[array]]`` and ``[[array.child]]`` headers, basic strings without escapes, integers, decimal floats,
# booleans, local dates, arrays of those and of one-line inline tables, comments -- with a handful of
# regular expressions. It returns the same data ``tomllib.loads`` would, or ``None`` for anything outside
# that subset (an escape, a literal string, a datetime, a dotted key, a redefined key, invalid TOML, ...),
# and the caller then parses the text with ``tomllib``: every error message still comes from ``tomllib``.

_KEY = r"[A-Za-z0-9_\-]+"
_STR = r'"[^"\\\n]*"'
_DATE = r"\d{4}-\d{2}-\d{2}"
_FLOAT = r"-?(?:0|[1-9]\d*)\.\d+"
_INT = r"-?(?:0|[1-9]\d*)"
_VALUE = rf"({_STR})|({_DATE})|({_FLOAT})|({_INT})|(true|false)"  # five groups, in _CONVERT's order
_SCALAR = rf"(?:{_STR}|{_DATE}|{_FLOAT}|{_INT}|true|false)(?![^ \t\n,\]}}])"
_PAIR_TEXT = rf"{_KEY}[ \t]*=[ \t]*{_SCALAR}[ \t]*"
_INLINE = rf"\{{[ \t]*(?:{_PAIR_TEXT}(?:,[ \t]*{_PAIR_TEXT})*)?\}}"
_ITEM = rf"(?:{_SCALAR}|{_INLINE})"
# A whole array of scalars and one-line inline tables, on one line or several (no comments inside).
_ARRAY = re.compile(rf"\[[ \t\n]*(?:{_ITEM}[ \t\n]*,[ \t\n]*)*(?:{_ITEM}[ \t\n]*)?\]\Z")
# Inside an array already matched as a whole: its items in order (groups 1-5 a scalar, 6 an inline table).
_ELEMENT = re.compile(rf"{_VALUE}|(\{{[^{{}}\n\"]*(?:{_STR}[^{{}}\n\"]*)*\}})")
# Inside an inline table already matched as a whole: group 1 the key, 2-6 its value.
_PAIR = re.compile(rf"({_KEY})[ \t]*=[ \t]*(?:{_VALUE})")
_NUMBER = re.compile(rf"(?:({_DATE})|({_FLOAT})|({_INT}))\Z")
_BARE_KEY = re.compile(rf"{_KEY}\Z")
_HEADER = re.compile(rf"(?:\[\[({_KEY})(?:\.({_KEY}))?\]\]|\[({_KEY})\])\Z")
# Escapes, carriage returns and control characters (tabs aside) are left to tomllib.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\\\\]")
_CONVERT = (None, lambda s: s[1:-1], dt.date.fromisoformat, float, int, "true".__eq__)
_GOOD_KEYS: set[str] = set()
_HEADERS: dict[str, tuple[str, str, str]] = {}  # header line -> ("table", "", name) or ("array", parent, name)


def _fast_toml(text: str, seen: dict[str, tuple[str, Any]] | None = None) -> dict[str, Any] | None:
    """``tomllib.loads(text)`` for the plain subset catalog files use, else ``None``.

    ``seen`` maps ``key = value`` lines already read (in other files of one catalog) to their key and value:
    most lines of a catalog recur (``vision = "yes"``, ``provider = "OpenRouter"``), and are read once.
    """
    if _UNSAFE.search(text):
        return None
    try:
        return _fast_document(text, {} if seen is None else seen)
    except ValueError:  # an impossible date such as 2025-02-30: tomllib names it
        return None


def _header(line: str) -> tuple[str, str, str] | None:
    known = _HEADERS.get(line)
    if known is None:
        found = _HEADER.match(line)
        if found is None:
            return None
        if found.group(3):
            known = ("table", "", found.group(3))
        elif found.group(2):
            known = ("array", found.group(1), found.group(2))
        else:
            known = ("array", "", found.group(1))
        if len(_HEADERS) < 1000:
            _HEADERS[line] = known
    return known


def _fast_document(text: str, seen: dict[str, tuple[str, Any]]) -> dict[str, Any] | None:
    """One statement a line, written ``key = value`` (an array may run over several lines)."""
    root: dict[str, Any] = {}
    current = root
    made_by_header: set[int] = set()  # ids of the lists [[...]] headers made; only those may grow
    lines = text.split("\n")
    count = len(lines)
    index = 0
    while index < count:
        line = lines[index]
        index += 1
        known = seen.get(line)
        if known is not None:
            key, value = known
            if key in current:
                return None
            current[key] = list(value) if type(value) is tuple else value
            continue
        if not line or line[0] == "#":
            continue
        if line[0] == "[":
            header = _header(line)
            if header is None:
                return None
            kind, parent, name = header
            if kind == "table":
                if name in root:
                    return None
                current = root[name] = {}
                continue
            owner = root
            if parent:
                outer = root.get(parent)
                if outer is None or id(outer) not in made_by_header:
                    return None
                owner = outer[-1]
            tables = owner.get(name)
            if tables is None:
                tables = owner[name] = []
                made_by_header.add(id(tables))
            elif id(tables) not in made_by_header:
                return None
            current = {}
            tables.append(current)
            continue
        key, equals, rest = line.partition(" = ")
        if not equals or not rest or key in current or _BARE_KEY.match(key) is None:
            return None
        first = rest[0]
        if first == '"':
            if rest[-1] != '"' or rest.count('"') != 2:
                return None
            value = rest[1:-1]
        elif first == "[":
            if rest[-1] != "]" or _ARRAY.match(rest) is None:
                # An array over several lines: up to the line that closes it.
                start = index - 1
                while index < count and not lines[index].startswith("]"):
                    index += 1
                if index == count:
                    return None
                index += 1
                rest = "\n".join([rest, *lines[start + 1 : index]])
                if _ARRAY.match(rest) is None:
                    return None
                line = f"{key} = {rest}"  # remembered whole: one key in the cache for the lines
            items = _fast_array(rest)
            if items is None:
                return None
            if any(type(item) is dict for item in items):
                current[key] = items  # inline tables are mutable: not shared through ``seen``
                continue
            value = tuple(items)
        elif rest == "true" or rest == "false":
            value = rest == "true"
        else:
            found = _NUMBER.match(rest)
            if found is None:
                return None
            kind = found.lastindex
            value = _CONVERT[kind + 1](found.group(kind))
        if len(seen) < 100_000:
            seen[line] = (key, value)
        current[key] = list(value) if type(value) is tuple else value
    return root


def _fast_array(text: str) -> list[Any] | None:
    out: list[Any] = []
    convert = _CONVERT
    for found in _ELEMENT.finditer(text):
        kind = found.lastindex
        if kind == 6:
            table: dict[str, Any] = {}
            for pair in _PAIR.finditer(found.group(6)):
                key = pair.group(1)
                if key in table:
                    return None
                which = pair.lastindex
                table[key] = convert[which - 1](pair.group(which))
            out.append(table)
        else:
            out.append(convert[kind](found.group(kind)))
    return out


def read_toml(text: str, seen: dict[str, tuple[str, Any]] | None = None) -> dict[str, Any]:
    """``tomllib.loads``, quicker for plain files; raises ``tomllib.TOMLDecodeError`` as it does."""
    data = _fast_toml(text, seen)
    return tomllib.loads(text) if data is None else data


# --- loading --------------------------------------------------------------------------------

def _toml_files(root: Path) -> list[tuple[str, bool]]:
    """``(path relative to root, is a symlink)`` of every ``*.toml`` file under ``root``, in path order.

    The same files, in the same order, as ``sorted(p for p in root.rglob("*.toml") if p.is_file())``:
    folders are entered but not through symlinks, a symlink to a file counts.
    """
    found: list[tuple[list[str], bool]] = []
    stack: list[tuple[list[str], str]] = [([], os.fspath(root))]
    while stack:
        parts, folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = list(scan)
        except PermissionError:
            continue
        for entry in entries:
            name = entry.name
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                stack.append(([*parts, name], entry.path))
            elif name.endswith(".toml") and entry.is_file():
                found.append(([*parts, name], entry.is_symlink()))
    found.sort(key=lambda item: item[0])
    return [("/".join(parts), link) for parts, link in found]


def model_files(root: Path) -> list[Path]:
    return [root / rel for rel, _ in _toml_files(root)]


class _Shower:
    """``display_path`` for many files under one folder, resolving the folder once."""

    def __init__(self, root: Path):
        self.root = root
        self.resolved = root.resolve()
        self.bases = [str(b) for b in (Path.cwd().resolve(), BUNDLED_ROOT.parent.parent)]
        self.prefix = str(self.resolved).rstrip("/") + "/"

    def show(self, rel: str, link: bool) -> str:
        if link:
            return display_path(self.root / rel)
        resolved = self.prefix + rel
        for base in self.bases:
            if base == "/":
                return resolved[1:]
            if len(resolved) > len(base) and resolved.startswith(base) and resolved[len(base)] == "/":
                return resolved[len(base) + 1 :]
        return (self.root / rel).as_posix()


def _read_model(
    file: str, shown: str, seen: dict[str, tuple[str, Any]] | None = None
) -> tuple[Model | None, list[CatalogError]]:
    try:
        with open(file, "rb") as handle:
            raw = handle.read()
        data = read_toml(raw.decode(), seen)
    except tomllib.TOMLDecodeError as exc:
        return None, [CatalogError(shown, "", f"invalid TOML: {exc}")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [CatalogError(shown, "", f"cannot be read: {exc}")]
    try:
        return _validate_model(data), []
    except ValidationError as exc:
        return None, errors_from_validation(shown, exc)


_validate_model = Model.model_validate


def _misplaced(model: Model, actual: str | None, shown: str) -> list[CatalogError]:
    """The error when a file is not at ``<creator>/<slug>.toml`` for its id (``actual``: its path in the tree)."""
    creator, slug = model.id.split("/", 1)
    expected = f"{creator}/{slug}.toml"
    if actual is not None and actual != expected:
        return [CatalogError(shown, "id", f"'{model.id}' must live in {expected}")]
    return []


def parse_model_file(path: Path, root: Path | None = None) -> tuple[Model | None, list[CatalogError]]:
    """Read and validate one file. Returns the model, or None with the file's errors."""
    shown = display_path(path)
    model, errors = _read_model(os.fspath(path), shown)
    if model is None or root is None:
        return model, errors
    try:
        actual = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        actual = None
    return model, _misplaced(model, actual, shown)


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
    files = _toml_files(root)
    if not files:
        return [], [CatalogError(display_path(root), "", "no model files (*.toml) in this folder")]
    # Reading a tree makes hundreds of thousands of objects and no cyclic garbage: the collector's passes
    # over the growing heap were a fifth of the time at 10,000 models.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _validate_files(root, files)
    finally:
        if collecting:
            gc.enable()


def _validate_files(root: Path, files: list[tuple[str, bool]]) -> tuple[list[Model], list[CatalogError]]:
    shower = _Shower(root)
    folder = os.fspath(root)
    errors: list[CatalogError] = []
    good: list[tuple[str, Model]] = []
    seen: dict[str, tuple[str, Any]] = {}
    for rel, link in files:
        shown = shower.show(rel, link)
        model, file_errors = _read_model(os.path.join(folder, rel), shown, seen)
        if model is None:
            errors.extend(file_errors)
            continue
        if link:
            try:
                actual: str | None = (root / rel).resolve().relative_to(shower.resolved).as_posix()
            except ValueError:
                actual = None
        else:
            actual = rel
        misplaced = _misplaced(model, actual, shown)
        if misplaced:
            errors.extend(misplaced)
        else:
            good.append((shown, model))
    errors.extend(cross_check(good))
    return [m for _, m in good], errors


def load_catalog(root: str | os.PathLike[str] | None = None) -> Catalog:
    """Load and validate a whole catalog. Raises ``CatalogInvalid`` listing every error."""
    folder = default_root(root)
    models, errors = validate_tree(folder)
    if errors:
        raise CatalogInvalid(errors)
    return Catalog(models, folder)
