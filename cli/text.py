"""How every command prints: text wrapped for an 80-column terminal, JSON, and the bot's Discord bodies."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from cli.errors import CliError

WIDTH = 80
INDENT = "  "


def wrap(text: str, indent: str = "", hanging: str | None = None) -> str:
    return textwrap.fill(
        text,
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
        break_on_hyphens=False,
    )


def heading(title: str, rule: str = "-") -> str:
    return f"{title}\n{rule * min(len(title), WIDTH)}"


def one_line(text: object) -> str:
    return " ".join(str(text).split())


def print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def print_discord(result: Any) -> int:
    """The JSON bodies the bot would send for ``result``."""
    try:
        from bot.preview import discord_bodies
    except ImportError:
        raise CliError("the Discord preview is not available") from None
    print(json.dumps(discord_bodies(result), indent=2, ensure_ascii=False))
    return 0
