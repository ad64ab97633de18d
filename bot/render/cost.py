"""A cost estimate: the summary, every route of each model with the cheapest marked, the notes."""

from __future__ import annotations

import discord

from bot.render import common
from bot.render.book import Book, single
from bot.render.pages import Field, field, pages
from bot.safety import inert
from engine import numbers
from engine.results import CostEstimate, ModelCost, RouteCost

TITLE = "Cost estimate"
CHEAPEST = " ★ cheapest"
OUTSIDE = " (outside this server's providers)"
"""Marks a route the server cannot buy from (``/settings providers``): priced, never cheapest."""


def route_line(route: RouteCost) -> str:
    if not route.known:
        return f"**{inert(route.provider)}**: {inert(route.text)}" + (OUTSIDE if route.outside else "")
    mark = CHEAPEST if route.cheapest else ""
    figures = f"{numbers.usd(route.per_request)}/request · {numbers.usd(route.per_day)}/day · {numbers.usd(route.per_month)}/month"
    line = f"**{inert(route.provider)}**{mark}: {figures}"
    if route.tier_above_input_tokens is not None:
        line += f" (long-context price above {numbers.tokens(route.tier_above_input_tokens)} input tokens)"
    if route.outside:
        line += OUTSIDE
    return line


def model_field(cost: ModelCost) -> Field:
    if not cost.fits:
        return field(cost.model.name, [inert(cost.route_text)])  # "does not fit (context 128K)"
    lines = [route_line(route) for route in cost.routes] or [inert(cost.route_text)]
    return field(cost.model.name, lines)


def cost_lines(result: CostEstimate) -> list[str]:
    """The summary, then the sentences after the one-per-model ones (the route fields say those)."""
    lines = [inert(text) for text in result.summary[:1]] or [inert(result.traffic.description)]
    lines += common.bullets(result.summary[1 + len(result.models):])
    return lines


def cost_fields(result: CostEstimate) -> list[Field]:
    out = [model_field(cost) for cost in result.models]
    if result.notes:
        out.append(field("Notes", common.bullets(result.notes)))
    return out


def cost_pages(result: CostEstimate) -> list[discord.Embed]:
    updated = [(c.model.name, date) for c, date in zip(result.models, result.updated)]
    return pages(TITLE, cost_lines(result), cost_fields(result), footer=common.footer(updated, result.sources))


def cost_book(result: CostEstimate) -> Book:
    return single("cost", TITLE, cost_pages(result))
