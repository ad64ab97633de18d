"""``versus history MODEL``: registered here so that ``cli.main`` imports it only for that command."""

from __future__ import annotations

import argparse

from cli.data_cmds import register_history


def register(subparsers: argparse._SubParsersAction) -> None:
    register_history(subparsers)
