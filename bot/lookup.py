"""Models from what a user typed: a model option (``ModelArg``) that resolves to a ``Model`` and autocompletes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands

from bot import limits
from bot.errors import UserError
from bot.limits import clip
from bot.safety import echo, plain
from catalog.loader import Catalog
from catalog.lookup import QUERY_LIMIT, SUGGESTIONS, look_up, miss_message
from catalog.schema import Model


class ModelLookup:
    """The catalog and its resolver, as the commands use them."""

    def __init__(self, catalog: Catalog, resolver):
        self.catalog = catalog
        self.resolver = resolver

    def one(self, text: str) -> Model:
        """The model ``text`` names, or a UserError saying none (or several) match, with suggestions.

        ``text`` is whatever the client sent for a model option: anything but text is a UserError too."""
        if not isinstance(text, str):
            raise UserError("A model option takes a model's name or id, as text.")
        found = look_up(self.catalog, self.resolver, text, SUGGESTIONS)
        if found.model is not None:
            return found.model
        raise UserError(miss_message(found, "try /models to see what the catalog holds.", quote=echo))

    def choices(self, current: str) -> list[app_commands.Choice[str]]:
        """At most 25 choices, each name and value at most 100 characters."""
        query = current.strip()[:QUERY_LIMIT]
        if query:
            found = [(c.id, c.name) for c in self.resolver.suggest(query, limit=limits.AUTOCOMPLETE_CHOICES)]
        else:
            found = [(m.id, m.name) for m in self.catalog.models[: limits.AUTOCOMPLETE_CHOICES]]
        out: list[app_commands.Choice[str]] = []
        for model_id, name in found[: limits.AUTOCOMPLETE_CHOICES]:
            value = model_id if len(model_id) <= limits.CHOICE_VALUE else clip(name, limits.CHOICE_VALUE)
            label = clip(plain(f"{name} ({model_id})"), limits.CHOICE_NAME)
            out.append(app_commands.Choice(name=label, value=value))
        return out


MODEL_DESCRIPTION = "A model name or id, e.g. gpt-4.1 mini"
MODEL_OPTION_LENGTH = 100
"""The most a model option takes: Discord's limit for a choice value, and far more than any name."""


async def vendor_autocomplete(interaction, current: str) -> list[app_commands.Choice[str]]:
    """Autocomplete for every vendor option: the catalog's vendors containing what was typed, at most 25."""
    typed = current.strip().casefold()
    vendors = [v for v in interaction.client.catalog.vendors if typed in v.casefold()]
    return [
        app_commands.Choice(name=clip(plain(v), limits.CHOICE_NAME), value=clip(v, limits.CHOICE_VALUE))
        for v in vendors
    ][: limits.AUTOCOMPLETE_CHOICES]


class ModelOption(app_commands.Transformer):
    """A model option: the user types a name (with autocomplete from the bot's resolver), the command
    receives the catalog ``Model``. A name that matches none, or several, is a ``UserError``: the ephemeral
    "no model matches 'x'; did you mean: ..." of ``catalog.lookup.miss_message``.

    Use as ``app_commands.Transform[Model, ModelOption]`` (``ModelArg``): no command repeats the look-up
    or the autocomplete, and ``distinct`` refuses a model named twice."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.string

    @property
    def min_value(self) -> int:
        return 1

    @property
    def max_value(self) -> int:
        return MODEL_OPTION_LENGTH

    async def transform(self, interaction: discord.Interaction, value: Any, /) -> Model:
        return _lookup(interaction).one(value)

    async def autocomplete(self, interaction: discord.Interaction, value: Any, /) -> list[app_commands.Choice[str]]:  # type: ignore[override]
        return _lookup(interaction).choices(value if isinstance(value, str) else "")


ModelArg = app_commands.Transform[Model, ModelOption]
"""The annotation of a model option."""


def _lookup(interaction: discord.Interaction) -> ModelLookup:
    return interaction.client.lookup  # type: ignore[attr-defined,no-any-return]


def distinct(models: Sequence[Model | None]) -> list[Model]:
    """The models given (options left out are None), or a UserError when one is named twice."""
    chosen = [m for m in models if m is not None]
    seen: set[str] = set()
    for model in chosen:
        if model.id in seen:
            raise UserError(f"{echo(model.name)} is named twice; name different models.")
        seen.add(model.id)
    return chosen
