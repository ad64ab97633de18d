"""Models from what a user typed: resolving an option, and the autocomplete choices for one."""

from __future__ import annotations

from collections.abc import Sequence

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

    def several(self, texts: Sequence[str | None], required: int = 1) -> list[Model]:
        """Each given name resolved; the same model named twice is an error. The first ``required`` options
        are required: one missing (a client may send anything) is an error too, not a shorter list."""
        models = [self.one(t) for i, t in enumerate(texts) if t is not None or i < required]
        seen: set[str] = set()
        for model in models:
            if model.id in seen:
                raise UserError(f"{echo(model.name)} is named twice; name different models.")
            seen.add(model.id)
        return models

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


async def vendor_autocomplete(interaction, current: str) -> list[app_commands.Choice[str]]:
    """Autocomplete for every vendor option: the catalog's vendors containing what was typed, at most 25."""
    typed = current.strip().casefold()
    vendors = [v for v in interaction.client.catalog.vendors if typed in v.casefold()]
    return [app_commands.Choice(name=clip(plain(v), limits.CHOICE_NAME), value=clip(v, limits.CHOICE_VALUE)) for v in vendors][
        : limits.AUTOCOMPLETE_CHOICES
    ]


async def model_autocomplete(interaction, current: str) -> list[app_commands.Choice[str]]:
    """Autocomplete for every model option: the bot's resolver, at most 25 choices."""
    return interaction.client.lookup.choices(current)
