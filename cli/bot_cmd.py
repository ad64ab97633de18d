"""``versus bot``: run the Discord bot, or sync its slash commands (``versus bot sync``)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    subparsers.add_parser(
        "bot",
        help="run the Discord bot (token: DISCORD_TOKEN or .env)",
        description="Run the Versus Discord bot. The token comes from DISCORD_TOKEN in the environment or a .env "
        "file in this folder. Commands sync instantly to VERSUS_DEV_GUILD when set; globally only with "
        "`versus bot sync` or --sync-global.",
        arguments=_arguments,
    )


def _arguments(parser: argparse.ArgumentParser) -> None:
    """The bot's options and its start, from ``bot.runner``: discord.py is imported only when they are needed."""
    from bot.runner import add_arguments, run

    add_arguments(parser)
    parser.set_defaults(func=run)
