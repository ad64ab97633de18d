"""``Record``: the base of the catalog's types and the engine's results, which are plain frozen dataclasses.

Importing them, building one, or reading a catalog back from the warm cache (``catalog.warm``) takes no more
of pydantic than ``import pydantic`` itself: a command line that starts, answers and exits does not pay for
pydantic's validator machinery (about 50 ms of imports before the first class is defined). pydantic checks
data where it comes in, and only there: ``Type.validate(data)`` builds the type's validator on first use,
from each field's annotation (types, and rules given as ``Rules``) and the class's ``__post_init__``.

A subclass is a dataclass by being one (no decorator): its annotated names are its fields, each a keyword
argument, required unless it has a default, and an instance cannot be changed. ``dataclasses.fields``,
``dataclasses.replace`` and ``copy`` work as on any dataclass. The methods every record needs (``__init__``,
``__eq__``, ``__hash__``, ``__repr__``, no ``__setattr__``) are written once here, not generated for each
class: ``@dataclass(frozen=True)`` compiles five or six methods per class, about 0.7 ms each class and 30 ms
of every command's start for the catalog's and the engine's 40 types.

What a record offers besides its fields:

* ``validate(data)``: a record from plain data (a TOML file's table, a stored version's JSON), checked;
  raises ``pydantic.ValidationError``.
* ``replace(**changes)``: a copy with some fields changed (its ``__post_init__`` rules checked again).
* ``as_dict(json=False, exclude_defaults=False)``: its fields as plain data, nested records as dicts. With
  ``json``: dates in ISO form, enums as their values, tuples as lists, decimals by ``json_decimal`` (text by
  default: exact; the engine's amounts are JSON numbers).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Callable
from decimal import Decimal
from operator import attrgetter
from typing import Any, ClassVar, Self, dataclass_transform

_validators: dict[type, Any] = {}


class Rules:
    """pydantic metadata for a field, made the first time the field is validated, not at import.

    ``Price = Annotated[Decimal, Rules(lambda: [Field(ge=0)])]``: ``make`` returns the metadata pydantic would
    take in ``Annotated`` (``Field(...)``, ``StringConstraints(...)``, ``AfterValidator(...)``...).
    """

    def __init__(self, make: Callable[[], list[Any]]) -> None:
        self.make = make

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from typing import Annotated

        return handler(Annotated[(source, *self.make())])  # type: ignore[misc]


def _plain(value: Any, json: bool, exclude_defaults: bool, decimal: Callable[[Decimal], Any]) -> Any:
    if isinstance(value, Record):
        return value.as_dict(json=json, exclude_defaults=exclude_defaults)
    if isinstance(value, (tuple, list)):
        items = [_plain(v, json, exclude_defaults, decimal) for v in value]
        return items if json else type(value)(items)
    if not json:
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return decimal(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v, json, exclude_defaults, decimal) for k, v in value.items()}
    return value


@dataclass_transform(kw_only_default=True, frozen_default=True)
class Record:
    """Base of every catalog type and engine result; see the module's notes."""

    __slots__ = ()
    json_decimal: ClassVar[Callable[[Decimal], Any]] = str
    _names: ClassVar[tuple[str, ...]]
    _values: ClassVar[Callable[[Any], Any]]  # a record's field values (a tuple; the value itself for one field)
    _defaults: ClassVar[dict[str, Any]]
    _factories: ClassVar[dict[str, Callable[[], Any]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(init=False, repr=False, eq=False)(cls)  # the fields, and no generated method
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        cls._names = tuple(f.name for f in fields)
        cls._values = staticmethod(attrgetter(*cls._names) if cls._names else _no_values)  # type: ignore[assignment]
        cls._defaults = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
        cls._factories = {f.name: f.default_factory for f in fields if f.default_factory is not dataclasses.MISSING}

    def __init__(self, **values: Any) -> None:
        state: dict[str, Any] = {}
        given = 0
        for name in self._names:
            if name in values:
                state[name] = values[name]
                given += 1
            elif name in self._defaults:
                state[name] = self._defaults[name]
            elif name in self._factories:
                state[name] = self._factories[name]()
            else:
                raise TypeError(f"{type(self).__name__}() missing required keyword argument: {name!r}")
        if given < len(values):
            unknown = next(name for name in values if name not in state)
            raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument {unknown!r}")
        self.__dict__.update(state)
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(self._values(self) == self._values(other))

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._names)
        return f"{type(self).__qualname__}({shown})"

    @classmethod
    def validate(cls, data: Any) -> Self:
        """A record of this type from plain data, checked by pydantic (its validator made on first use)."""
        validator = _validators.get(cls)
        if validator is None:
            from pydantic import TypeAdapter

            validator = _validators[cls] = TypeAdapter(cls)
        return validator.validate_python(data)  # type: ignore[no-any-return]

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes``; the type's own rules (``__post_init__``) are checked again."""
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]

    def as_dict(self, *, json: bool = False, exclude_defaults: bool = False) -> dict[str, Any]:
        """The fields as plain data, in their declared order (see the module's notes for ``json``)."""
        out: dict[str, Any] = {}
        for name in self._names:
            value = getattr(self, name)
            if exclude_defaults and self._is_default(name, value):
                continue
            out[name] = _plain(value, json, exclude_defaults, type(self).json_decimal)
        return out

    @classmethod
    def _is_default(cls, name: str, value: Any) -> bool:
        if name in cls._defaults:
            return bool(value == cls._defaults[name])
        return name in cls._factories and bool(value == cls._factories[name]())


def _no_values(_record: Any) -> tuple[()]:
    return ()


