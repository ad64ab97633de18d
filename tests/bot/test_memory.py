"""What the bot does to the collector before it serves (``bot.app.settle_memory``)."""

from __future__ import annotations

import gc

from bot.app import MIDDLE_GENERATION_THRESHOLD, settle_memory


def test_settle_memory_freezes_what_exists_and_collects_the_middle_generation_less_often():
    thresholds = gc.get_threshold()  # conftest's _collector_as_found puts them back and unfreezes afterwards
    settle_memory()
    assert gc.get_freeze_count() > 0
    young, middle, old = gc.get_threshold()
    assert (young, old) == (thresholds[0], thresholds[2])
    assert middle == MIDDLE_GENERATION_THRESHOLD > thresholds[1]
