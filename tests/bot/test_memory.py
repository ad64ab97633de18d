"""What the bot does to the collector before it serves (``bot.app.settle_memory``)."""

from __future__ import annotations

import gc

from bot.app import MIDDLE_GENERATION_THRESHOLD, settle_memory


def test_settle_memory_freezes_what_exists_and_collects_the_middle_generation_less_often():
    thresholds = gc.get_threshold()  # conftest's fixture puts them back afterwards
    try:
        built = [object() for _ in range(10)]  # stands for the catalog and the resolver
        holder = [built]
        settle_memory()
        assert gc.get_freeze_count() > 0
        young, middle, old = gc.get_threshold()
        assert (young, old) == (thresholds[0], thresholds[2])
        assert middle == MIDDLE_GENERATION_THRESHOLD > thresholds[1]
        assert holder  # still reachable: freezing keeps objects, it only stops walking them
    finally:
        gc.unfreeze()
