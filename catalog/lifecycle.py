"""What a catalog's dates mean on the day it is used: routes past their deprecation date are retired, and
prices announced for a date that has come are the prices.

A catalog is written as of one day (the day of its refresh, or of the bundled build); it is used for weeks.
``settle(model, today)`` brings a model to ``today``: it changes nothing when no date has passed, so the
cost is a look at each route's two dates.
"""

from __future__ import annotations

import datetime as dt

from catalog.schema import Model, Route, RouteStatus


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
