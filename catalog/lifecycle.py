"""What a catalog's dates mean on the day it is used: routes past their deprecation date are retired, and
prices announced for a date that has come are the prices.

A catalog is written as of one day (the day of its refresh, or of the bundled build); it is used for weeks.
``settle(model, today)`` brings a model to ``today``: it changes nothing when no date has passed, so the
cost is a look at each route's two dates. ``today()`` is the day a catalog is used as of.
"""

from __future__ import annotations

import datetime as dt
import os

from catalog.schema import Model, Route, RouteStatus


AS_OF_ENV = "VERSUS_AS_OF"


def today() -> dt.date:
    """The day catalogs are used as of: ``$VERSUS_AS_OF`` (``YYYY-MM-DD``) when set, else today's date in UTC.

    Pinning the day gives an answer again exactly as it was given that day, whatever has been retired or
    repriced since (a report of a wrong answer; the golden answers and the tests, which pin 2026-11-29).
    """
    return pinned_day(os.environ.get(AS_OF_ENV, "")) or dt.datetime.now(dt.timezone.utc).date()


def pinned_day(text: str) -> dt.date | None:
    """The day ``text`` pins (``YYYY-MM-DD``), None for no text; anything else is a ``ValueError`` of one line."""
    text = text.strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    shown = text if len(text) <= 20 and text.isprintable() else repr(text[:20]) + "..."
    raise ValueError(f"{AS_OF_ENV} must be a day written YYYY-MM-DD, not {shown}")


def settle_route(route: Route, today: dt.date) -> Route:
    update: dict[str, object] = {}
    due = [change for change in route.scheduled if change.starts <= today]
    if due:
        now = due[-1]
        update.update(
            input=now.input,
            output=now.output,
            cached_input=now.cached_input if now.cached_input is not None else route.cached_input,
            cache_write=now.cache_write if now.cache_write is not None else route.cache_write,
            scheduled=tuple(c for c in route.scheduled if c.starts > today),
        )
    if route.status is not RouteStatus.RETIRED and route.deprecation_date is not None and route.deprecation_date <= today:
        update.update(status=RouteStatus.RETIRED, retired_since=route.deprecation_date)
    return route.replace(**update) if update else route


def settle(model: Model, today: dt.date) -> Model:
    """``model`` as of ``today`` (the same object when no date of it has passed)."""
    routes = tuple(settle_route(r, today) for r in model.routes)
    if all(new is old for new, old in zip(routes, model.routes)):
        return model
    return model.replace(routes=routes)
