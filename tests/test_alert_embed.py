"""A price-change alert's embed (``bot.render.alerts``) within Discord's limits however many and however long
the changes, with its sources never cut: each linked with the date of the change recorded from it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from bot import limits
from bot.render.alerts import alert_embed, sources_line
from catalog.changes import Change, ChangeKind
from catalog.store.alerts import AlertBatch
from catalog.store.servers import Watch
from engine.alerts import WorkloadEffect

WATCH = Watch(1, 2, 3, "everything", "*", "everything", Decimal(5), dt.datetime(2026, 11, 1, tzinfo=dt.UTC))


def change(i: int, name: str = "Qwen3.7 Max", source: str = "LiteLLM 1.110.2", url: str = "https://example.com/litellm.json",
           day: dt.date = dt.date(2026, 11, 20)) -> Change:
    return Change(ChangeKind.PRICE_CHANGED, f"v/m{i}", name, "Qwen", day, source, url, "Together AI", "input", "1.5", "2.5")


def test_one_source_is_linked_once_with_the_newest_date_of_its_changes():
    batch = AlertBatch(1, WATCH, 7, (change(1, day=dt.date(2026, 11, 18)), change(2, day=dt.date(2026, 11, 20))), 0)
    description = alert_embed(batch).description
    assert description.endswith("\n\nSource: [LiteLLM 1.110.2](https://example.com/litellm.json) (2026-11-20)")
    assert description.count("example.com") == 1


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(
    count=st.integers(1, 400),
    sources=st.integers(1, 60),
    name_length=st.integers(1, 200),
    url_length=st.integers(10, 400),
    effects=st.integers(0, 120),
    workload_length=st.integers(0, 400),
)
def test_the_embed_fits_and_ends_with_whole_source_links(count, sources, name_length, url_length, effects, workload_length):
    changes = tuple(
        change(i, name="N" * name_length, source=f"Source {i % sources} " + "x" * (name_length // 2),
               url=f"https://example.com/{i % sources}/" + "y" * url_length)
        for i in range(count)
    )
    batch = AlertBatch(1, WATCH, 7, changes, 0)
    effect = ("M" * name_length, WorkloadEffect("P" * name_length, Decimal(1000), Decimal(2000)))
    embed = alert_embed(batch, [effect] * effects, "w" * workload_length or None)
    description = embed.description
    assert len(description) <= limits.EMBED_DESCRIPTION and len(embed) <= 6000
    tail = sources_line(changes)
    assert description.endswith("\n\n" + tail)  # never cut
    assert tail.count("](") == tail.count(") (2026-11-20)")  # each link whole, with its date
    shown = description.count("→ $2.50/1M")
    assert shown >= 1
    if shown < count:
        assert f"…and {count - shown} more: /changes lists them all." in description
