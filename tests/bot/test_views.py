"""The section menu and the page buttons: switching, author-only, disabled after the timeout."""

from __future__ import annotations

from bot.views import NOT_YOURS, TIMEOUT_SECONDS

PAIR = {"model_a": "openai/gpt-4.1-mini", "model_b": "xai/grok-4.3"}


def controls(message) -> list[dict]:
    """The message's buttons and selects as JSON, from a SimCord response or a discord.Message."""
    out = []
    for row in message.components:
        if isinstance(row, dict):
            out += row["components"]
        else:
            out += [child.to_dict() for child in row.children]
    return out


async def test_select_switches_the_same_message(world):
    result = await world.alice.slash(world.channel, "compare", **PAIR)
    message = result.response
    switched = await world.alice.select(message, ["specs"])
    assert switched.acknowledged
    updated = world.channel.last_message
    assert updated.id == message.id
    assert "Specs and capabilities" in updated.embeds[0].title
    chosen = [o for o in controls(updated)[0]["options"] if o.get("default")]
    assert [o["value"] for o in chosen] == ["specs"]
    await world.alice.select(updated, ["benchmarks"])
    assert "Benchmarks" in world.channel.last_message.embeds[0].title


async def test_every_section_renders(world):
    result = await world.alice.slash(world.channel, "compare", **PAIR)
    for key in ("pricing", "specs", "benchmarks", "faq", "overview"):
        await world.alice.select(result.response, [key])
        assert world.channel.last_message.embeds[0].description


async def test_only_the_author_can_switch(world):
    result = await world.alice.slash(world.channel, "compare", **PAIR)
    refused = await world.bob.select(result.response, ["pricing"])
    assert refused.ephemeral
    assert refused.response.content == NOT_YOURS
    assert "Overview" in world.channel.last_message.embeds[0].title


async def test_controls_disabled_after_timeout(world):
    result = await world.alice.slash(world.channel, "compare", **PAIR)
    await world.env.advance_time(TIMEOUT_SECONDS + 1)
    message = world.channel.last_message
    assert message.id == result.response.id
    assert all(c.get("disabled") for c in controls(message))
    assert "Overview" in message.embeds[0].title


async def test_models_pages_with_buttons(world):
    result = await world.alice.slash(world.channel, "models")
    first = result.response
    buttons = {c["label"]: c for c in controls(first)}
    assert buttons["Previous"]["disabled"] and not buttons["Next"]["disabled"]
    assert "(1/" in first.embeds[0].title
    await world.alice.click(first, label="Next")
    second = world.channel.last_message
    assert "(2/" in second.embeds[0].title
    refused = await world.bob.click(second, label="Previous")
    assert refused.ephemeral
    await world.alice.click(second, label="Previous")
    assert "(1/" in world.channel.last_message.embeds[0].title


async def test_paged_list_disabled_after_timeout(world):
    await world.alice.slash(world.channel, "models")
    await world.env.advance_time(TIMEOUT_SECONDS + 1)
    assert all(c.get("disabled") for c in controls(world.channel.last_message))


async def test_long_section_pages_inside_the_menu(world):
    result = await world.alice.slash(
        world.channel, "compare",
        model_a="openai/gpt-4.1-mini", model_b="xai/grok-4.3", model_c="anthropic/claude-opus-4.5", model_d="google/gemini-2.5-pro",
    )
    await world.alice.select(result.response, ["faq"])
    message = world.channel.last_message
    assert "(1/" in message.embeds[0].title
    assert len(message.components) <= 5
    await world.alice.click(message, label="Next")
    message = world.channel.last_message
    assert "(2/" in message.embeds[0].title and "FAQ" in message.embeds[0].title
    await world.alice.select(message, ["overview"])
    labels = [c.get("label") for c in controls(world.channel.last_message)]
    assert "Next" not in labels  # the overview is one page: no page buttons


async def test_a_later_section_is_the_comparison_rendered_afresh(world):
    """The reply's controls keep a way to compare again, not the comparison; what a click shows is the same."""
    from bot.render.comparison import comparison_book
    from bot.views import BookView
    from engine import compare
    from engine.results import Comparison

    result = await world.alice.slash(world.channel, "compare", **PAIR)
    views = [v for v in world.env.bot._connection._view_store._views.values() for v in v.values()]
    (view,) = {item.view for item in views if isinstance(item.view, BookView)}
    for chapter in view.book.chapters:  # nothing in the book holds the Comparison
        held = getattr(chapter.render, "args", ()) + tuple(getattr(chapter.render, "keywords", {}).values())
        assert not any(isinstance(value, Comparison) for value in held), chapter.key
    models = [world.env.bot.lookup.one(name) for name in PAIR.values()]
    direct = comparison_book(compare(models))  # every section worked out, as the --discord preview does
    assert result.response.embeds[0].to_dict() == direct.chapter("overview").pages[0].to_dict()
    for key in ("pricing", "specs", "benchmarks", "faq", "overview"):
        await world.alice.select(result.response, [key])
        shown = world.channel.last_message.embeds[0]
        assert shown.to_dict() == direct.chapter(key).pages[0].to_dict(), key
    opened = await world.alice.slash(world.channel, "compare", **PAIR, section="pricing")
    assert opened.response.embeds[0].to_dict() == direct.chapter("pricing").pages[0].to_dict()


async def test_live_controls_hold_no_interaction(world):
    """A reply's controls keep the follow-up webhook and the message id for the timeout edit, not the Interaction."""
    import discord

    from bot.views import BookView

    result = await world.alice.slash(world.channel, "compare", **PAIR)
    views = [v for v in world.env.bot._connection._view_store._views.values() for v in v.values()]
    (view,) = {item.view for item in views if isinstance(item.view, BookView)}
    assert view.interaction is None
    assert view.message_id == result.response.id
    assert not any(isinstance(getattr(view, name, None), discord.Interaction) for name in dir(view) if not name.startswith("__"))
    await world.env.advance_time(TIMEOUT_SECONDS + 1)
    assert all(c.get("disabled") for c in controls(world.channel.last_message))
