"""Loading a catalog tree: one TOML file per model, every file validated, every error reported.

An error names the file, the field and the reason, e.g.
``catalog/models/openai/gpt-4.1-mini.toml: routes[1].input: must be >= 0``.
"""

from __future__ import annotations

import datetime as dt
import errno
import gc
import os
import re
import stat
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import rtoml
from pydantic import ValidationError

from catalog.lifecycle import settle, today
from catalog.schema import PRICE_STEP, Model

if TYPE_CHECKING:
    from catalog.resolver import Resolver

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


_model_id = attrgetter("id")


class Catalog:
    """A validated set of models, looked up by canonical id, as of a day (``catalog.lifecycle.today()`` unless
    given: today in UTC, or ``$VERSUS_AS_OF``): routes past their deprecation date are retired and announced
    prices whose day has come apply (``catalog.lifecycle``)."""

    def __init__(
        self,
        models: Iterable[Model],
        root: Path | None = None,
        as_of: dt.date | None = None,
        resolver: Resolver | None = None,
    ):
        self.as_of = as_of or today()
        self.models: tuple[Model, ...] = tuple(sorted((settle(m, self.as_of) for m in models), key=_model_id))
        self.root = root
        self._by_id = {m.id: m for m in self.models}
        self._resolver: Resolver | None = None
        if resolver is not None:
            try:
                self._resolver = resolver.over(self.models)
            except ValueError:  # an index of other models: made anew on first use
                pass

    @property
    def resolver(self) -> Resolver:
        """The name index of these models (``catalog.resolver``): made on first use, unless the catalog came
        with one (``catalog.warm`` keeps it beside the models)."""
        if self._resolver is None:
            from catalog.resolver import Resolver

            self._resolver = Resolver(self.models)
        return self._resolver

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
        elif isinstance(part, str) and (part.startswith(("function-", "url[", "literal[")) or part in _UNION_TAGS):
            continue  # pydantic's internal branch names, not keys in the file
        else:
            out += f".{part}" if out else str(part)
    return out


# (No "url": that is a key in [[sources]]; the union branch of the schema's Url is "url['http','https']".)
_UNION_TAGS = {"decimal", "date", "int", "str", "none", "enum", "lax-or-strict", "json-or-python"}


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
    if kind == "multiple_of" and ctx.get("multiple_of") == PRICE_STEP:
        return "decimal input should have no more than 6 decimal places"  # the schema's Price
    if kind == "missing":
        return 'is required (write "unknown" where no source publishes it)'
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
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


# --- reading TOML -----------------------------------------------------------------------------
#
# ``tomllib`` is pure Python: about 0.75 ms for a 2.4 KB model file, most of the loading time. ``rtoml``
# (compiled, Rust) reads the same file in about 55 us and returns the same values. ``tomllib`` stays the
# judge: when ``rtoml`` refuses a file, ``tomllib`` reads it again and its error (or its value) is the
# answer, so error messages are tomllib's, word for word. ``rtoml`` reads TOML 1.1, which Python 3.11's
# ``tomllib`` (TOML 1.0) refuses in a few places; text that may use one of those goes to ``tomllib`` alone,
# so a file loads if and only if tomllib would load it. Those places: a byte order mark, ``\e`` and
# ``\xHH`` escapes, times without seconds (and, to keep tomllib's ``datetime.timezone``, every time of
# day: two digits, a colon and two digits where a value or a date's time starts), inline tables over several lines or with a trailing comma. The checks only ever send
# more text to tomllib than they need to, never less.

_ESCAPE_1_1 = re.compile(r"\\[ex]")
_TIME = re.compile(r":(?<=[\s=\[,Tt]\d\d:)\d\d")  # hours, a colon, minutes; each search starts at a ':'
_TRAILING_COMMA = re.compile(r",[ \t]*\}")
_BRACE = re.compile(r"[{}]")


def _tomllib_only(text: str) -> bool:
    """True when ``text`` may use TOML 1.1 syntax (or a time of day): then only ``tomllib`` reads it."""
    if text.startswith("\ufeff") or _TIME.search(text) or ("}" in text and _TRAILING_COMMA.search(text)):
        return True
    if "\\" in text and _ESCAPE_1_1.search(text):
        return True
    # In TOML 1.0 an inline table opens and closes on one line. A line whose braces do not pair up, or that
    # also holds a string or a comment (which could hide a brace), is left to tomllib.
    found = _BRACE.search(text) if "{" in text or "}" in text else None
    while found is not None:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.start())
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line.count("{") != line.count("}") or '"' in line or "'" in line or "#" in line:
            return True
        found = _BRACE.search(text, end)
    return False


def read_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, quicker: the same value, or the same ``tomllib.TOMLDecodeError``."""
    if not _tomllib_only(text):
        try:
            return rtoml.loads(text)
        except (rtoml.TomlParsingError, ValueError):
            pass  # tomllib says why (or reads it after all)
    return tomllib.loads(text)


# --- loading --------------------------------------------------------------------------------

def _toml_files(root: Path, problems: list[tuple[str, str]] | None = None) -> list[tuple[str, bool]]:
    """``(path relative to root, is a symlink)`` of every ``*.toml`` file under ``root``, in path order.

    The same files, in the same order, as ``sorted(p for p in root.rglob("*.toml") if p.is_file())``:
    folders are entered but not through symlinks, a symlink to a file counts. Path order is each folder's
    entries by name, a folder's files where its name sorts (two entries of one folder never share a name).

    What cannot be a model file is never opened, and is added to ``problems`` as ``(relative path, reason)``
    (``""`` for ``root`` itself): a folder that cannot be listed, a ``*.toml`` symlink that loops or points
    to nothing, a ``*.toml`` that is a FIFO or a device (reading one could wait for ever). The walk goes on.
    """
    found: list[tuple[str, bool]] = []
    stack: list[tuple[str, Iterator[os.DirEntry[str]]]] = [("", _sorted_entries(os.fspath(root), "", problems))]
    while stack:
        prefix, entries = stack[-1]
        for entry in entries:
            name = entry.name
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                stack.append((f"{prefix}{name}/", _sorted_entries(entry.path, f"{prefix}{name}", problems)))
                break  # that folder first; this one goes on where it stopped
            if name.endswith(".toml"):
                try:
                    is_file = entry.is_file()
                except OSError as exc:  # ELOOP: a symlink loop
                    is_file = False
                    _problem(problems, prefix + name, _reason(exc))
                else:
                    if not is_file:
                        _not_a_file(problems, prefix + name, entry)
                if is_file:
                    found.append((prefix + name, entry.is_symlink()))
        else:
            stack.pop()
    return found


def _problem(problems: list[tuple[str, str]] | None, rel: str, reason: str) -> None:
    if problems is not None:
        problems.append((rel, reason))


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "cannot be read: a symbolic link loop"
    return f"cannot be read: {exc.strerror or exc.__class__.__name__}"


def _not_a_file(problems: list[tuple[str, str]] | None, rel: str, entry: os.DirEntry[str]) -> None:
    """A ``*.toml`` entry that is not a regular file: a dangling symlink, a FIFO, a device (folders are walked)."""
    if problems is None:
        return
    try:
        mode = os.stat(entry.path).st_mode
    except FileNotFoundError:
        _problem(problems, rel, "cannot be read: a symbolic link to nothing")
        return
    except OSError as exc:
        _problem(problems, rel, _reason(exc))
        return
    if not stat.S_ISDIR(mode):
        _problem(problems, rel, "is not a regular file (a FIFO, socket or device); a model file is a plain file")


def _sorted_entries(folder: str, rel: str = "", problems: list[tuple[str, str]] | None = None) -> Iterator[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as scan:
            return iter(sorted(scan, key=_entry_name))
    except OSError as exc:
        if isinstance(exc, NotADirectoryError) and not rel:
            _problem(problems, rel, "is not a catalog folder or a model file (a FIFO, socket or device?)")
        else:
            _problem(problems, rel, f"folder {_reason(exc)}")
        return iter(())


_entry_name = attrgetter("name")


def model_files(root: Path) -> list[Path]:
    return [root / rel for rel, _ in _toml_files(root)]


class _Shower:
    """``display_path`` for many files under one folder, resolving the folder once; strings, not ``Path``s."""

    def __init__(self, root: Path):
        self.root = root
        self.resolved = root.resolve()
        self.bases = [str(b) for b in (Path.cwd().resolve(), BUNDLED_ROOT.parent.parent)]
        self.prefix = str(self.resolved).rstrip("/") + "/"
        # ``(root / rel).as_posix()`` as a string join (``rel`` is plain names joined by "/").
        plain = root.as_posix()
        self.plain = "" if plain == "." else plain if plain.endswith("/") else plain + "/"

    def show(self, rel: str, link: bool) -> str:
        if link:
            return display_path(self.root / rel)
        resolved = self.prefix + rel
        for base in self.bases:
            if base == "/":
                return resolved[1:]
            if len(resolved) > len(base) and resolved.startswith(base) and resolved[len(base)] == "/":
                return resolved[len(base) + 1 :]
        return self.plain + rel


def _read_bytes(file: str) -> bytes:
    """The file's bytes: ``os.read`` on a descriptor, about 5 us a file less than ``open(...).read()``.

    On any ``OSError`` the file is opened again with ``open`` so that the error (and its wording) is the same.
    """
    try:
        fd = os.open(file, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        fd = -1
    if fd >= 0:
        try:
            chunks = []
            while chunk := os.read(fd, 1 << 16):
                chunks.append(chunk)
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)
        except OSError:
            pass
        finally:
            os.close(fd)
    with open(file, "rb") as handle:
        return handle.read()


def _read_data(file: str, shown: str) -> tuple[dict[str, Any] | None, list[CatalogError]]:
    """Read one file's TOML. Returns its value, or None with the file's error."""
    try:
        return read_toml(_read_bytes(file).decode()), []
    except tomllib.TOMLDecodeError as exc:
        return None, [CatalogError(shown, "", f"invalid TOML: {exc}")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [CatalogError(shown, "", f"cannot be read: {exc}")]
    except RecursionError:
        # tomllib recurses once per level of nested arrays and inline tables: a deep enough file exhausts
        # Python's stack. That is this file's error, not the end of the whole check.
        return None, [CatalogError(shown, "", "cannot be read: arrays or inline tables nested too deeply")]


def _validate_data(data: dict[str, Any], shown: str) -> tuple[Model | None, list[CatalogError]]:
    try:
        return _validate_model(data), []
    except ValidationError as exc:
        return None, errors_from_validation(shown, exc)
    except RecursionError:
        return None, [CatalogError(shown, "", "cannot be validated: values nested too deeply")]


def _read_model(file: str, shown: str) -> tuple[Model | None, list[CatalogError]]:
    data, errors = _read_data(file, shown)
    if data is None:
        return None, errors
    return _validate_data(data, shown)


_validate_model = Model.validate


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


_NOT_SPELLING = re.compile(r"[^a-z0-9.]+")


def _spelling(text: str) -> str:
    """Letters, digits and dots, in lower case: "GPT-4.1 Mini", "gpt 4.1 mini" and "gpt-4.1-mini" spell alike."""
    return _NOT_SPELLING.sub("", text.casefold())


def _own_spellings(model: Model) -> set[str]:
    return {_spelling(model.id), _spelling(model.id.split("/", 1)[1]), _spelling(model.name)}


def cross_check(
    models: list[tuple[str, Model]], misplaced: frozenset[str] | set[str] = frozenset()
) -> list[CatalogError]:
    """Rules across files: unique ids, and no alias claimed by two models.

    ``models``: ``(shown path, model)`` of every file that validated, in path order, including those not at
    the path their id names (their ``shown`` paths in ``misplaced``): a copy of a model under another file
    name is still a duplicate id, and is reported as one.
    """
    errors: list[CatalogError] = []
    # The owner of an id is the file at the path the id names, else the first file that has it.
    owner_of_id: dict[str, str] = {}
    if misplaced:
        for shown, model in models:
            if shown not in misplaced:
                owner_of_id.setdefault(model.id, shown)
    # A model's id and name are its own: an alias equal to another model's id or name is that alias's error.
    natural: dict[str, tuple[str, str]] = {}
    for shown, model in models:
        model_id = model.id
        owner = owner_of_id.setdefault(model_id, shown)
        if owner != shown:
            errors.append(CatalogError(shown, "id", f"'{model_id}' is also the id in {owner}"))
        claim = (model_id, shown)
        natural.setdefault(model_id, claim)  # alias_key(id) is the id: lower case, no spaces
        natural.setdefault(alias_key(model.name), claim)
    # An alias listed by two models. When it is one of them's own name written another way ("gpt 4.1 mini" for
    # openai/gpt-4.1-mini: the same letters and digits as its id or name), the others are told that model
    # has it; otherwise every model listing it is told, naming the others. Either way, whatever the files'
    # order.
    listed: dict[str, list[tuple[str, str, int, str, Model]]] = {}
    join = " ".join  # alias_key, inline
    for shown, model in models:
        for index, alias in enumerate(model.aliases):
            key = join(alias.casefold().split())
            owner = natural.get(key)
            if owner is None:
                claims = listed.get(key)
                if claims is None:
                    listed[key] = [(model.id, shown, index, alias, model)]
                else:
                    claims.append((model.id, shown, index, alias, model))
            elif owner[0] != model.id:
                errors.append(
                    CatalogError(shown, f"aliases[{index}]", f"'{alias}' is already claimed by {owner[0]} ({owner[1]})")
                )
    for claims in listed.values():
        if len(claims) < 2 or len({claim[0] for claim in claims}) < 2:
            continue
        spelled = _spelling(claims[0][3])
        owners = {claim[0]: claim[1] for claim in claims if spelled in _own_spellings(claim[4])}
        if len(owners) == 1:
            [(owner_id, owner_shown)] = owners.items()
            for model_id, shown, index, alias, _ in claims:
                if model_id != owner_id:
                    errors.append(CatalogError(
                        shown, f"aliases[{index}]", f"'{alias}' is already claimed by {owner_id} ({owner_shown})"
                    ))
            continue
        for model_id, shown, index, alias, _ in claims:
            others = ", ".join(f"{other} ({where})" for other, where, *_ in claims if other != model_id)
            errors.append(CatalogError(shown, f"aliases[{index}]", f"'{alias}' is also claimed by {others}"))
    return errors


def validate_tree(root: Path) -> tuple[list[Model], list[CatalogError]]:
    """Validate every model file under ``root``; return the good models and every error.

    ``root`` is a folder or one model file. Anything else (``/dev/null``, a FIFO) is one error, never opened;
    an entry of the folder that cannot be read (a symlink loop, a folder without permission) is that entry's
    error, and the rest of the folder is still read.
    """
    if not root.exists():
        return [], [CatalogError(display_path(root), "", "no such catalog folder")]
    if root.is_file():
        model, errors = parse_model_file(root)
        return ([model] if model and not errors else []), errors
    if not root.is_dir():
        return [], [CatalogError(root.as_posix(), "", "is not a catalog folder or a model file (a FIFO, socket or device?)")]
    problems: list[tuple[str, str]] = []
    files = _toml_files(root, problems)
    unread = [CatalogError(_show_unread(root, rel), "", reason) for rel, reason in problems]
    if not files:
        return [], unread or [CatalogError(display_path(root), "", "no model files (*.toml) in this folder")]
    # Reading a tree makes hundreds of thousands of objects and no cyclic garbage: the collector's passes
    # over the growing heap were a fifth of the time at 10,000 models.
    collecting = gc.isenabled()
    gc.disable()
    try:
        models, errors = _validate_files(root, files)
    finally:
        if collecting:
            _to_oldest_generation()
            gc.enable()
    return models, unread + errors


def _show_unread(root: Path, rel: str) -> str:
    """The shown path of an entry that could not be read: not resolved (a looping link cannot be)."""
    return _display(root.resolve() / rel, root / rel) if rel else display_path(root)


def _to_oldest_generation() -> None:
    """Move the objects the collector tracks to its oldest generation, without passes over them.

    Turned back on, the collector would first go over every object made while it was off (about 350,000 at
    10,000 models, 150-280 ms) and again a little later, finding nothing: a loaded catalog lives as long as the
    program. Surviving those two passes would put the objects in the oldest generation; ``freeze`` and
    ``unfreeze`` put them there directly. Full collections still go over them as before. Skipped when something
    else froze objects, so as never to unfreeze them.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


_BATCH = 256
"""Files read and parsed together, then validated together: rtoml's and pydantic-core's code each stay in the
CPU's caches for a run of files, instead of taking turns file by file (about a tenth less time at 10,000)."""


def _validate_files(root: Path, files: list[tuple[str, bool]]) -> tuple[list[Model], list[CatalogError]]:
    shower = _Shower(root)
    show = shower.show
    folder = os.fspath(root)
    folder = folder if folder.endswith("/") else folder + "/"
    errors: list[CatalogError] = []
    valid: list[tuple[str, Model]] = []
    misplaced: set[str] = set()
    validate = _validate_data
    for start in range(0, len(files), _BATCH):
        batch = files[start : start + _BATCH]
        shown_batch = [show(rel, link) for rel, link in batch]
        read = [_read_data(folder + rel, shown) for (rel, _), shown in zip(batch, shown_batch)]
        for (rel, link), shown, (data, file_errors) in zip(batch, shown_batch, read):
            if data is None:
                errors.extend(file_errors)
                continue
            model, file_errors = validate(data, shown)
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
            if actual != model.id + ".toml":  # else ``_misplaced`` finds nothing wrong
                wrong_place = _misplaced(model, actual, shown)
                if wrong_place:
                    errors.extend(wrong_place)
                    misplaced.add(shown)
            valid.append((shown, model))
    errors.extend(cross_check(valid, misplaced))
    if misplaced:
        return [m for shown, m in valid if shown not in misplaced], errors
    return [m for _, m in valid], errors


def load_catalog(root: str | os.PathLike[str] | None = None) -> Catalog:
    """Load and validate a whole catalog. Raises ``CatalogInvalid`` listing every error.

    A folder read and validated before, unchanged since, is taken from ``catalog.warm``'s cache."""
    folder = default_root(root)

    def validated() -> list[Model]:
        models, errors = validate_tree(folder)
        if errors:
            raise CatalogInvalid(errors)
        return models

    if not folder.is_dir():
        return Catalog(validated(), folder)
    from catalog import warm

    key = warm.key_of(warm.tree_parts((rel for rel, _ in _toml_files(folder)), str(folder.resolve())))
    models, resolver = warm.indexed(key, validated)
    return Catalog(models, folder, resolver=resolver)
