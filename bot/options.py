"""Option types that check what the client sent: a bot must not depend on the client for its own safety.

Discord's client keeps a string option within its length and a choice option within its choices, but a
request can say anything (a forged or outdated client, an old command registration). These transformers
declare the same limits to Discord and check them again on arrival; a value outside them is a ``UserError``
(an ephemeral "must be ..." reply), never an exception inside a command.

* ``Text(max_length)``: a string of 1 to ``max_length`` characters.
* ``OneOf(choices, what)``: one of the given values (each shown to the user with its label).
* ``Between(low, high, what)``: a number from ``low`` to ``high`` (a watch's threshold).

Traffic numbers are checked by the engine where they are used (``engine.cost.make_traffic``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import math

import discord
from discord import app_commands

from bot.errors import UserError
from bot.safety import echo, inert


class _StringOption(app_commands.Transformer):
    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.string


class Text(_StringOption):
    """A string option of 1 to ``max_length`` characters, whatever the client sent."""

    def __init__(self, max_length: int, what: str = "This option"):
        self._max = max_length
        self.what = what

    @property
    def min_value(self) -> int:
        return 1

    @property
    def max_value(self) -> int:
        return self._max

    async def transform(self, interaction: discord.Interaction, value: Any, /) -> str:
        if not isinstance(value, str):
            raise UserError(f"{self.what} must be text.")
        if not value.strip():
            raise UserError(f"{self.what} must not be empty.")
        if len(value) > self._max:
            raise UserError(f"{self.what} must be at most {self._max} characters (this was {len(value):,}).")
        return value


class OneOf(_StringOption):
    """A string option whose value must be one of ``choices`` (value -> label), whatever the client sent."""

    def __init__(self, choices: Mapping[str, str], what: str):
        self._choices = [app_commands.Choice(name=label, value=value) for value, label in choices.items()]
        self._values = frozenset(choices)
        self.what = what

    @property
    def choices(self) -> list[app_commands.Choice[str]]:
        return self._choices

    async def transform(self, interaction: discord.Interaction, value: Any, /) -> str:
        if isinstance(value, str) and value in self._values:
            return value
        labels = ", ".join(inert(c.name) for c in self._choices)
        raise UserError(f"{self.what} must be one of: {labels}; not '{echo(value)}'.")


class Between(app_commands.Transformer):
    """A number option from ``low`` to ``high``, declared to Discord and checked again on arrival (discord.py
    checks neither bound: a forged -5 or 1e300 would otherwise be taken as it is)."""

    def __init__(self, low: float, high: float, what: str):
        self._low, self._high = low, high
        self.what = what

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.number

    @property
    def min_value(self) -> float:
        return self._low

    @property
    def max_value(self) -> float:
        return self._high

    async def transform(self, interaction: discord.Interaction, value: Any, /) -> float:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and self._low <= value <= self._high:
            return float(value)
        raise UserError(f"{self.what} must be a number from {self._low:g} to {self._high:g}; not '{echo(value)}'.")
