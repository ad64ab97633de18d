"""/changes and /history through SimCord on a real store (SQLite and PostgreSQL): the bundled history and
the changes refreshes recorded, filtered by vendor and date, each change with its source linked; a model's
prices over time with a PNG chart where they changed; the database gone: the bundled history, said so."""

from __future__ import annotations

import datetime as dt
import gzip

from catalog.changes import Change, ChangeKind
from tests.bot.stored_world import refused, simcord_bot, store, text_of, world  # noqa: F401 - fixtures

PNG = b"\x89PNG\r\n\x1a\n"
URL = "https://github.com/BerriAI/litellm/blob/v1.200.0/model_prices_and_context_window.json"


def repriced(day: dt.date) -> Change:
    return Change(ChangeKind.PRICE_CHANGED, "xai/grok-4.3", "Grok 4.3", "xAI", day, "LiteLLM 1.200.0", URL, "OpenRouter", "input", "1.5", "1.25")


async def store_change(store, change: Change) -> None:
    await store.save_version(gzip.compress(b"{}"), as_of=change.date, models=1, routes=1, sources={}, summary="", changes=[change])


async def test_changes_lists_the_bundled_history_newest_first_with_sources(world):
    result = await world.bob.slash(world.channel, "changes")
    embed = result.response.embeds[0]
    assert embed.title.startswith("Catalog changes")
    lines = [line for line in embed.description.splitlines() if line[:4].isdigit()]
    dates = [line.split()[0] for line in lines]
    assert dates == sorted(dates, reverse=True) and len(lines) > 10
    assert all("](https://" in line for line in lines)  # every change links its listing


async def test_changes_by_vendor_and_since_include_what_a_refresh_recorded(world, store):
    future = dt.date(2027, 1, 5)
    await store_change(store, repriced(future))
    result = await world.bob.slash(world.channel, "changes", vendor="xai", since="2027-01-01")
    text = text_of(result)
    assert result.response.embeds[0].title == "xAI: changes since 2027-01-01"
    assert "2027-01-05 **Grok 4.3**: OpenRouter input $1.50/1M → $1.25/1M (-16.7%)" in text
    assert f"([LiteLLM 1.200.0]({URL}))" in text
    none = await world.bob.slash(world.channel, "changes", vendor="anthropic", since="2027-01-01")
    assert "No change recorded." in text_of(none)


async def test_since_takes_a_span_and_refuses_nonsense(world):
    spanned = await world.bob.slash(world.channel, "changes", since="3650d")
    assert "Catalog changes since" in spanned.response.embeds[0].title
    assert "since takes a date" in refused(world, await world.bob.slash(world.channel, "changes", since="last tuesday"))
    assert "No vendor 'nobody inc'" in refused(world, await world.bob.slash(world.channel, "changes", vendor="nobody inc"))


async def test_history_shows_each_route_over_time_with_a_chart(world, store):
    await store_change(store, repriced(dt.date(2027, 1, 5)))
    result = await world.bob.slash(world.channel, "history", model="grok 4.3")
    embed = result.response.embeds[0]
    assert embed.title == "Grok 4.3: prices over time"
    fields = {f.name: f.value for f in embed.fields}
    openrouter = next(v for k, v in fields.items() if k.startswith("OpenRouter"))
    assert "before: $1.50/1M in" in openrouter and "since 2027-01-05: $1.25/1M in" in openrouter  # the catalog's price now
    assert "OpenRouter input $1.50/1M → $1.25/1M (-16.7%)" in fields["Changes recorded"]
    (attachment,) = result.response.attachments
    assert attachment.filename == "history.png"
    data = await attachment.read()
    assert data.startswith(PNG) and len(data) > 10_000


async def test_history_without_a_change_has_no_chart(world):
    unchanged = await world.bob.slash(world.channel, "history", model="openai/gpt-4.1-mini")  # no price changed
    assert unchanged.response.attachments == []
    fields = {f.name: f.value for f in unchanged.response.embeds[0].fields}
    assert any(name.startswith("OpenAI API") and value.startswith("now: $0.40/1M in / $1.60/1M out") for name, value in fields.items())


async def test_history_of_a_route_the_model_does_not_have(world):
    text = refused(world, await world.bob.slash(world.channel, "history", model="grok 4.3", provider="Nowhere Cloud"))
    assert "Grok 4.3 has no route on 'Nowhere Cloud'" in text


async def test_without_the_database_the_bundled_history_is_shown_and_said(world, store):
    async def unreachable(**_):
        raise ConnectionRefusedError(111, "Connect call failed")

    store.changes = unreachable
    result = await world.bob.slash(world.channel, "changes")
    assert "Changes recorded by refreshes are unavailable right now" in text_of(result)
    assert len([line for line in text_of(result).splitlines() if line[:4].isdigit()]) > 10
