"""/workload and /watch through SimCord on a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal

import discord

from bot import limits
from bot.limits import clip

from catalog.store.servers import Workload
from tests.bot.stored_world import refused, simcord_bot, store, text_of, world  # noqa: F401 - fixtures

# -- /workload ------------------------------------------------------------------------------------------


async def test_a_manager_saves_a_workload_lists_it_and_anyone_picks_it_in_cost(world, store):
    saved = await world.alice.slash(world.channel, "workload save", name="Batch jobs", requests=2_000_000, batch=1.0)
    assert saved.ephemeral and "Saved **Batch jobs**: 2,000,000 requests a month" in saved.response.content
    assert (await store.servers.workload(world.guild.id, "batch JOBS")).workload == Workload(2_000_000, "month", 800, 250, Decimal(0), Decimal(1))
    listed = await world.alice.slash(world.channel, "workload list")
    described = "Batch jobs: 2,000,000 requests a month of 800 input and 250 output tokens each (100% of requests by batch)"
    assert described.replace("Batch jobs", "**Batch jobs**") in text_of(listed)
    for command in ("cost", "compare"):  # a member without Manage Server: the names, and what each is
        choices = await world.bob.autocomplete(world.channel, command, "workload", "batch")
        assert [(c["name"], c["value"]) for c in choices] == [(clip(described, limits.CHOICE_NAME), "Batch jobs")]
    assert await world.bob.autocomplete(world.channel, "cost", "workload", "nightly") == []


async def test_workload_is_for_managers_by_default_member_permissions(world):
    (command,) = [c for c in await world.env.bot.tree.fetch_commands() if c.name == "workload"]
    assert command.default_member_permissions == discord.Permissions(manage_guild=True)
    for name in ("workload save", "workload delete", "workload list"):
        assert name in world.alice.available_commands(world.channel)
        assert name not in world.bob.available_commands(world.channel)


async def test_a_member_may_not_save_or_delete_a_workload(world, store):
    (command,) = [c for c in await world.env.bot.tree.fetch_commands() if c.name == "workload"]
    world.guild.set_command_permissions(command, {world.bob: True})  # the admins let bob see /workload
    assert "workload list" in world.bob.available_commands(world.channel)
    assert "Manage Server" in refused(world, await world.bob.slash(world.channel, "workload save", name="mine"))
    await store.servers.save_workload(world.guild.id, "kept", Workload(1, "day", 1, 1))
    assert "Manage Server" in refused(world, await world.bob.slash(world.channel, "workload delete", name="kept"))
    assert [w.name for w in await store.servers.workloads(world.guild.id)] == ["kept"]


async def test_deleting_a_workload_that_is_not_there_names_the_ones_that_are(world, store):
    await store.servers.save_workload(world.guild.id, "nightly", Workload(1, "day", 1, 1))
    text = refused(world, await world.alice.slash(world.channel, "workload delete", name="daily"))
    assert "No workload called 'daily'" in text and "nightly" in text
    done = await world.alice.slash(world.channel, "workload delete", name="NIGHTLY")
    assert "Deleted" in done.response.content and await store.servers.workloads(world.guild.id) == []


async def test_a_workload_name_of_odd_characters_is_refused(world, store):
    text = refused(world, await world.alice.slash(world.channel, "workload save", name="a/b <@123>"))
    assert "letters, digits" in text and await store.servers.workloads(world.guild.id) == []


# -- /watch ---------------------------------------------------------------------------------------------


async def test_only_managers_see_watch(world):
    assert "watch add" in world.alice.available_commands(world.channel)
    assert "watch add" not in world.bob.available_commands(world.channel)


async def test_watch_a_model_a_vendor_and_everything(world, store):
    model = await world.alice.slash(world.channel, "watch add", target="qwen3.7 max")
    assert model.ephemeral and "Watching model **Qwen3.7 Max**" in model.response.content
    vendor = await world.alice.slash(world.channel, "watch add", target="anthropic", threshold=10.0)
    assert "any new model or change of **Anthropic**" in vendor.response.content and "10% or more" in vendor.response.content
    await world.alice.slash(world.channel, "watch add", target="everything")
    watched = {(w.kind, w.target, w.threshold, w.channel_id) for w in await store.servers.watches(world.guild.id)}
    assert watched == {
        ("model", "qwen/qwen3.7-max", None, world.channel.id),
        ("vendor", "anthropic", Decimal("10.0"), world.channel.id),
        ("everything", "*", None, world.channel.id),
    }
    listed = text_of(await world.alice.slash(world.channel, "watch list"))
    assert "model **Qwen3.7 Max** in <#" in listed and "everything in <#" in listed
    removed = await world.alice.slash(world.channel, "watch remove", target="Qwen3.7 Max")
    assert "Stopped watching Qwen3.7 Max (1 channel)" in removed.response.content
    assert len(await store.servers.watches(world.guild.id)) == 2


async def test_alerts_go_to_a_text_channel_not_a_voice_channels_chat(world, store):
    voice = world.guild.create_voice_channel("standup")
    text = refused(world, await world.alice.slash(voice, "watch add", target="everything"))
    assert "text or announcement channel" in text and await store.servers.watches(world.guild.id) == []
    world.env.errors.clear()
    named = await world.alice.slash(voice, "watch add", target="everything", channel=world.channel)
    assert "Watching everything in <#" in named.response.content
    assert [w.channel_id for w in await store.servers.watches(world.guild.id)] == [world.channel.id]


async def test_a_broken_watch_says_so_in_the_list(world, store):
    watch, _ = await store.servers.add_watch(world.guild.id, world.channel.id, "everything", "*", "everything")
    await store.servers.mark_broken(watch.id, "the bot may not post there (Missing Permissions)")
    listed = text_of(await world.alice.slash(world.channel, "watch list"))
    assert "**broken**: the bot may not post there (Missing Permissions)" in listed


async def test_a_channel_the_asker_cannot_post_in_is_refused_and_nothing_stored(world, store):
    quiet = world.guild.create_text_channel("announcements", overwrites={world.guild.default_role: discord.PermissionOverwrite(send_messages=False)})
    text = refused(world, await world.alice.slash(world.channel, "watch add", target="everything", channel=quiet))
    assert "You can't post in <#" in text
    assert await store.servers.watches(world.guild.id) == []


async def test_a_channel_the_bot_cannot_post_in_is_refused_and_nothing_stored(world, store):
    me = world.guild.me
    closed = world.guild.create_text_channel("no-bots", overwrites={me: discord.PermissionOverwrite(embed_links=False)})
    text = refused(world, await world.alice.slash(world.channel, "watch add", target="everything", channel=closed))
    assert "I can't post alerts in <#" in text and "Embed Links" in text
    assert await store.servers.watches(world.guild.id) == []
    ok = await world.alice.slash(world.channel, "watch add", target="everything", channel=world.guild.create_text_channel("pricing"))
    assert "Watching everything" in ok.response.content


async def test_an_unknown_target_is_refused_with_suggestions(world, store):
    text = refused(world, await world.alice.slash(world.channel, "watch add", target="zzqqxx"))
    assert "no model matches 'zzqqxx'" in text
    assert await store.servers.watches(world.guild.id) == []
