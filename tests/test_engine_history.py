"""The words of a change (engine.history.what_changed), which the command line, /changes, /history and
alerts all show: a change never reads as no change, and figures are the recorded ones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from catalog.changes import Change, ChangeKind
from engine.history import percent_text, what_changed


def change(kind: ChangeKind, old: str | None, new: str | None, field: str | None = None) -> Change:
    return Change(
        kind=kind, model_id="zai/glm-4.7", model_name="GLM-4.7", vendor="zai", date=dt.date(2026, 11, 20),
        source="LiteLLM 1.110.2", source_url="https://example.org/litellm.json", provider="Fireworks AI",
        field=field, old=old, new=new,
    )


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ("128000", "131072", "128K -> 131.1K (+2.4%)"),
        ("202752", "202800", "202.75K -> 202.8K (+0.02%)"),  # 202.8K both ways to one place
        ("1000000", "1048576", "1M -> 1.05M (+4.9%)"),
        ("400000", "400001", "400,000 -> 400,001 (+<0.01%)"),
    ],
)
def test_a_context_change_shows_values_that_differ(old, new, shown):
    text = what_changed(change(ChangeKind.CONTEXT_CHANGED, old, new, "context_window"))
    assert text == f"Fireworks AI context window {shown}"
    before, after = shown.split(" (")[0].split(" -> ")
    assert before != after


def test_a_price_change_in_percent():
    text = what_changed(change(ChangeKind.PRICE_CHANGED, "1.50", "2.50", "input"))
    assert text == "Fireworks AI input $1.50/1M -> $2.50/1M (+66.7%)"


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [("100", "80", "-20%"), ("3", "4", "+33.3%"), ("100", "99.97", "-0.03%"), ("100000", "99999", "-<0.01%")],
)
def test_percent_is_never_zero_for_a_change(old, new, shown):
    item = change(ChangeKind.PRICE_CHANGED, old, new, "output")
    assert item.percent is not None and item.percent != Decimal(0)
    assert percent_text(item) == shown
