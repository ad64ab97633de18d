"""Every extension under bot/exts, found by walking the package: each loads on its own, adds its cogs,
and no two register the same command; every model option is a ModelOption (resolved and autocompleted
in one place)."""

from __future__ import annotations

from pathlib import Path

import pytest
from discord import app_commands

import bot.exts
from bot.app import create_bot, extensions
from bot.lookup import ModelOption

EXTS = Path(bot.exts.__file__).parent


def test_the_walk_finds_every_module_of_the_package():
    on_disk = sorted(f"bot.exts.{p.stem}" for p in EXTS.glob("*.py") if not p.stem.startswith("_"))
    assert list(extensions()) == on_disk and len(on_disk) >= 7


@pytest.mark.parametrize("name", extensions())
async def test_each_extension_loads_alone_and_adds_a_cog(catalog, name):
    fresh = create_bot(catalog, shard_count=1)
    await fresh.load_extension(name)
    assert fresh.extensions.keys() == {name}
    assert fresh.cogs, f"{name} added no cog"
    await fresh.unload_extension(name)
    assert not fresh.cogs and not fresh.tree.get_commands()


async def test_no_two_extensions_share_a_command_and_model_options_are_model_options(catalog):
    everything = create_bot(catalog, shard_count=1)
    owners: dict[str, str] = {}
    for name in extensions():
        before = {c.name for c in everything.tree.get_commands()}
        await everything.load_extension(name)
        for command in everything.tree.get_commands():
            if command.name not in before:
                assert command.name not in owners, f"/{command.name} is in {owners.get(command.name)} and {name}"
                owners[command.name] = name
    assert set(owners) == {"compare", "cost", "faq", "help", "model", "models", "top", "settings", "workload", "watch", "changes", "history"}
    model_options = 0
    leaves = [c for top in everything.tree.get_commands() for c in ([top] if isinstance(top, app_commands.Command) else top.walk_commands())]
    for command in leaves:
        if isinstance(command, app_commands.Group):
            continue
        assert isinstance(command, app_commands.Command)
        for parameter in command._params.values():  # discord.py's own parameters, with their transformers
            if isinstance(parameter._annotation, ModelOption):
                model_options += 1
                assert parameter.autocomplete is not None and parameter.max_value == 100
            else:
                assert not (parameter.name.startswith("model") and parameter.autocomplete), (
                    f"/{command.name} {parameter.name}: a model option must be a ModelArg"
                )
    assert model_options == 4 + 4 + 1 + 1  # /compare, /cost, /model, /history
