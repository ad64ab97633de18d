"""/model (the model card) and /models (a filtered, sorted list, paged)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import VersusBot
from bot.errors import UserError
from bot.options import OneOf, Text
from bot.lookup import ModelArg, vendor_autocomplete
from bot.render.book import single
from bot.render.model_card import model_book, model_list
from bot.reply import respond
from bot.safety import echo, inert
from catalog.query import having, vendor_named
from catalog.schema import Capability, Model
from engine import facts, numbers
from engine.card import model_card
from engine.rank import SORTS, sort_models

CapabilityOption = OneOf({c.value: c.label for c in Capability}, "capability")


SortOption = OneOf({key: label for key, (label, _) in SORTS.items()}, "sort")


def describe(model: Model) -> str:
    blend = facts.cheapest_blend(model).price
    price = f"{numbers.price(blend)} blended" if blend is not None else "price unknown"
    released = model.release_date.isoformat() if model.release_date else "release unknown"
    return f"{model.vendor} · {numbers.tokens(model.context_window)} context · {price} · {released}"


def select(models, vendor: str | None, capability: str | None, sort: str) -> list[Model]:
    """``vendor`` is the catalog's spelling (``catalog.query.vendor_named``)."""
    return sort_models(having(models, vendor or None, Capability(capability) if capability else None), sort)


def list_title(vendor: str | None, capability: str | None, sort: str) -> str:
    parts = ["Models"]
    if vendor:
        parts.append(f"by {vendor}")
    if capability:
        parts.append(f"with {Capability(capability).label.lower()}")
    return " ".join(parts) + f", {SORTS[sort][0].lower()}"


class Models(commands.Cog):
    def __init__(self, bot: VersusBot):
        self.bot = bot

    @app_commands.command(name="model", description="The model card: specs, capabilities, prices per provider, benchmarks")
    @app_commands.describe(name="A model name or id, e.g. grok 4.3")
    async def model(self, interaction: discord.Interaction, name: ModelArg) -> None:
        await respond(interaction, model_book(model_card(name)))

    @app_commands.command(name="models", description="List models, filtered by vendor or capability and sorted")
    @app_commands.describe(vendor="Only this vendor's models", capability="Only models with this capability", sort="The order")
    @app_commands.autocomplete(vendor=vendor_autocomplete)
    async def models(
        self,
        interaction: discord.Interaction,
        vendor: app_commands.Transform[str, Text(100, "vendor")] | None = None,
        capability: app_commands.Transform[str, CapabilityOption] | None = None,
        sort: app_commands.Transform[str, SortOption] = "name",
    ) -> None:
        catalog = self.bot.catalog
        shown = vendor_named(catalog.models, catalog.vendors, vendor) if vendor else None
        if vendor and shown is None:
            raise UserError(f"no vendor '{echo(vendor)}' in the catalog; choose from: {', '.join(inert(v) for v in catalog.vendors)}")
        chosen = select(self.bot.catalog, shown, capability, sort)
        title = list_title(shown, capability, sort)
        await respond(interaction, single("models", title, model_list(title, chosen, describe)))


async def setup(bot: VersusBot) -> None:
    await bot.add_cog(Models(bot))
