"""The contract validator catches real violations and accepts good bodies.

Limit checks need no spec and always run; the spec checks skip where ../shared is absent.
"""

from __future__ import annotations

import copy
import datetime as dt
import unicodedata

import discord
import pytest
from discord import app_commands
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests import discord_contract as contract

needs_spec = pytest.mark.skipif(
    not contract.spec_available(), reason="needs Discord's OpenAPI spec at ../shared/data/discord-api-spec/openapi.json"
)


def good_embed(**overrides) -> dict:
    embed = discord.Embed(
        title="GPT-4.1 mini vs Grok 4.3",
        description="Overview and verdict.",
        colour=0x5865F2,
        url="https://example.com/compare",
        timestamp=dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc),
    )
    embed.add_field(name="Price", value="$0.40 / $1.60 per 1M tokens", inline=True)
    embed.set_footer(text="Last reviewed 2026-11-01 · sources: openai.com")
    embed.set_author(name="Versus")
    data = embed.to_dict()
    data.update(overrides)
    return data


def good_message() -> dict:
    return {
        "content": "Here is the comparison.",
        "embeds": [good_embed()],
        "allowed_mentions": discord.AllowedMentions.none().to_dict(),
        "components": [
            {
                "type": 1,
                "components": [
                    {
                        "type": 3,
                        "custom_id": "versus:section",
                        "placeholder": "Section",
                        "options": [
                            {"label": "Overview", "value": "overview", "default": True},
                            {"label": "Pricing", "value": "pricing"},
                        ],
                    }
                ],
            }
        ],
    }


def good_callback(kind: int = 4) -> dict:
    return {"type": kind, "data": good_message()}


def good_autocomplete(n: int = 25) -> dict:
    return {"type": 8, "data": {"choices": [{"name": f"Model {i}", "value": f"vendor/model-{i}"} for i in range(n)]}}


def tree_commands() -> list[dict]:
    """What discord.py itself sends on ``tree.sync()`` for a realistic command."""
    client = discord.Client(intents=discord.Intents.none())
    tree = app_commands.CommandTree(client)

    @tree.command(description="Compare two to four models")
    @app_commands.describe(model_a="First model", model_b="Second model", requests="Requests per period")
    @app_commands.choices(section=[app_commands.Choice(name="Overview", value="overview")])
    async def compare(
        interaction: discord.Interaction,
        model_a: str,
        model_b: str,
        requests: app_commands.Range[int, 1, 1_000_000_000] = 1000,
        section: app_commands.Choice[str] | None = None,
    ) -> None: ...

    @compare.autocomplete("model_a")
    async def _complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return []

    @tree.command(name="help", description="What each command does")
    async def help_(interaction: discord.Interaction) -> None: ...

    return [command.to_dict(tree) for command in tree.get_commands()]


def raises(func, body, *fragments: str) -> str:
    with pytest.raises(AssertionError) as info:
        func(body)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    return message


# --- limits: no spec needed ------------------------------------------------------------------------

def test_good_bodies_pass_the_limits():
    contract.check_limits(good_callback())
    contract.check_limits(good_message())
    contract.check_limits(good_autocomplete(25))
    contract.check_limits(tree_commands())
    contract.check_limits(tree_commands()[0])


def test_title_of_257_characters_is_caught():
    body = good_callback()
    body["data"]["embeds"][0]["title"] = "t" * 257
    raises(contract.check_limits, body, "title is 257 characters", "256")


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("description", "d" * 4097, "description is 4097"),
        ("footer", {"text": "f" * 2049}, "footer.text is 2049"),
        ("author", {"name": "a" * 257}, "author.name is 257"),
    ],
)
def test_each_embed_text_limit_is_caught(key, value, fragment):
    raises(contract.check_embeds, [good_embed(**{key: value})], fragment)


def test_26_fields_are_caught():
    fields = [{"name": f"f{i}", "value": "v", "inline": True} for i in range(26)]
    raises(contract.check_limits, {"embeds": [good_embed(fields=fields)]}, "26 fields", "25")


def test_field_name_and_value_limits_and_empty_fields():
    raises(contract.check_embeds, [good_embed(fields=[{"name": "n" * 257, "value": "v"}])], "fields[0].name is 257")
    raises(contract.check_embeds, [good_embed(fields=[{"name": "n", "value": "v" * 1025}])], "fields[0].value is 1025")
    raises(contract.check_embeds, [good_embed(fields=[{"name": "", "value": "v"}])], "fields[0].name is empty")
    raises(contract.check_embeds, [good_embed(fields=[{"name": "n", "value": " "}])], "fields[0].value is empty")


def test_6001_characters_across_embeds_are_caught_and_6000_pass():
    # Three embeds, each within its own limits; only the sum breaks the rule.
    def embeds(total: int) -> list[dict]:
        sizes = [2000, 2000, total - 4000]
        return [{"description": "x" * size} for size in sizes]

    contract.check_embeds(embeds(6000))
    raises(contract.check_embeds, embeds(6001), "6001 characters across its embeds", "6000")
    # Fields, footer and author count too.
    big = [
        {"title": "t" * 256, "description": "d" * 4096},
        {"fields": [{"name": "n" * 256, "value": "v" * 1024}], "footer": {"text": "f" * 368}, "author": {"name": "a"}},
    ]
    assert sum(contract.embed_length(e) for e in big) == 6001
    raises(contract.check_embeds, big, "6001 characters")


def test_eleven_embeds_are_caught():
    raises(contract.check_limits, {"embeds": [{"title": "t"}] * 11}, "11 embeds")


def test_content_over_2000_is_caught():
    raises(contract.check_limits, {"content": "c" * 2001}, "content is 2001")


def test_component_limits():
    row = {"type": 1, "components": [{"type": 2, "style": 1, "custom_id": f"b{i}", "label": "x"} for i in range(5)]}
    contract.check_components([row] * 5)
    raises(contract.check_components, [row] * 6, "6 action rows")
    six = copy.deepcopy(row)
    six["components"].append({"type": 2, "style": 1, "custom_id": "b6", "label": "x"})
    raises(contract.check_components, [six], "6 buttons")
    select = good_message()["components"][0]
    crowded = copy.deepcopy(select)
    crowded["components"].append({"type": 2, "style": 1, "custom_id": "x", "label": "x"})
    raises(contract.check_components, [crowded], "select menu must be alone")
    many = copy.deepcopy(select)
    many["components"][0]["options"] = [{"label": str(i), "value": str(i)} for i in range(26)]
    raises(contract.check_components, [many], "26 select options")
    raises(contract.check_components, [{"type": 2, "style": 1, "custom_id": "x"}], "must be an action row")


def test_26_choices_are_caught_and_25_pass():
    contract.check_limits(good_autocomplete(25))
    raises(contract.check_limits, good_autocomplete(26), "26 choices", "25")


def test_choice_name_of_101_characters_is_caught():
    body = good_autocomplete(3)
    body["data"]["choices"][1]["name"] = "n" * 101
    raises(contract.check_limits, body, "choices[1].name is 101 characters")
    body["data"]["choices"][1]["name"] = ""
    raises(contract.check_limits, body, "choices[1].name is 0 characters")
    body["data"]["choices"][1] = {"name": "ok", "value": "v" * 101}
    raises(contract.check_limits, body, "choices[1].value is 101")


@pytest.mark.parametrize(
    "name",
    ["compare", "model-a", "model_b", "don't", "モデル", "сравнить", "x" * 32, "4o", "ñandú"],
)
def test_valid_command_names(name):
    contract.check_name(name)
    assert contract.name_matches_unicodedata(name)


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("", "does not match"),
        ("x" * 33, "does not match"),
        ("compare models", "does not match"),
        ("compare!", "does not match"),
        ("a.b", "does not match"),
        ("emoji😀", "does not match"),
        ("Compare", "upper-case"),
        ("ÉCLAIR", "upper-case"),
    ],
)
def test_invalid_command_names(name, fragment):
    raises(contract.check_name, name, fragment)


def test_the_name_checker_in_use_is_stated():
    assert contract.NAME_CHECKER in ("regex module", "unicodedata categories")


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=40))
def test_unicodedata_fallback_agrees_with_the_regex_module(name):
    regex = pytest.importorskip("regex")
    # The regex module may carry a newer Unicode database than this Python; compare on what both know.
    assume(all(unicodedata.category(ch) != "Cn" for ch in name))
    expected = regex.fullmatch(contract.COMMAND_NAME_PATTERN, name) is not None
    assert contract.name_matches_unicodedata(name) == expected


def test_command_rules():
    commands = tree_commands()
    contract.check_commands(commands)
    bad = copy.deepcopy(commands)
    bad[0]["name"] = "Compare Models"
    raises(contract.check_commands, bad, "does not match")
    bad = copy.deepcopy(commands)
    bad[0]["options"][0]["name"] = "Model_A"
    raises(contract.check_commands, bad, "option 'Model_A' name", "upper-case")
    bad = copy.deepcopy(commands)
    bad[0]["options"].reverse()
    raises(contract.check_commands, bad, "required option comes after an optional one")
    bad = copy.deepcopy(commands)
    bad[0]["description"] = ""
    raises(contract.check_commands, bad, "description must be 1-100")
    bad = copy.deepcopy(commands)
    bad.append(copy.deepcopy(bad[0]))
    raises(contract.check_commands, bad, "two commands share a name")
    bad = copy.deepcopy(commands)
    bad[0]["options"] = [
        {"type": 3, "name": f"o{i}", "description": "d", "required": False} for i in range(26)
    ]
    raises(contract.check_commands, bad, "26 options")
    bad = copy.deepcopy(commands)
    section = next(o for o in bad[0]["options"] if o["name"] == "section")
    section["choices"] = [{"name": f"c{i}", "value": f"c{i}"} for i in range(26)]
    raises(contract.check_commands, bad, "26 choices")


def test_mentions_off_rule():
    contract.check_mentions_off(good_callback())
    contract.check_mentions_off({"allowed_mentions": {"parse": [], "replied_user": True}})
    raises(contract.check_mentions_off, {"content": "hi"}, "allowed_mentions is None")
    raises(contract.check_mentions_off, {"allowed_mentions": {"parse": ["everyone"]}}, "parse is ['everyone']")


def test_routing_of_recorded_requests():
    assert contract.validator_for("POST", "/api/v10/interactions/1/tok/callback?with_response=1") is contract.validate_callback
    assert contract.validator_for("POST", "/webhooks/1/tok") is contract.validate_followup
    assert contract.validator_for("PATCH", "/webhooks/1/tok/messages/@original") is contract.validate_webhook_edit
    assert contract.validator_for("POST", "/channels/5/messages") is contract.validate_message
    assert contract.validator_for("PUT", "/applications/1/guilds/2/commands") is contract.validate_commands
    assert contract.validator_for("PUT", "/applications/1/commands") is contract.validate_commands
    assert contract.validator_for("GET", "/users/@me") is None


def test_limits_run_without_the_spec():
    # require_spec=False: the limits alone, whether or not ../shared is present.
    contract.validate_callback(good_callback(), require_spec=False)
    body = good_callback()
    body["data"]["embeds"][0]["title"] = "t" * 257
    raises(lambda b: contract.validate_callback(b, require_spec=False), body, "title is 257")


# --- the spec ---------------------------------------------------------------------------------------

@needs_spec
def test_good_bodies_match_the_spec():
    contract.validate_callback(good_callback(4))
    contract.validate_callback({"type": 5})
    contract.validate_callback({"type": 5, "data": {"flags": 64}})
    contract.validate_callback(good_callback(7))
    contract.validate_callback({"type": 6})
    contract.validate_autocomplete(good_autocomplete(25))
    contract.validate_followup(good_message())
    contract.validate_webhook_edit(good_message())
    reply = dict(good_message(), message_reference={"message_id": 123, "channel_id": 456, "fail_if_not_exists": False})
    contract.validate_message(reply)
    contract.validate_message_edit(good_message())
    contract.validate_commands(tree_commands())
    for command in tree_commands():
        contract.validate_command(command)


@needs_spec
def test_the_spec_catches_what_the_limits_do_not_cover():
    # a wrong type
    raises(contract.validate_callback, {"type": 4, "data": {"content": 5}}, "$.data.content", "not of type")
    raises(lambda b: contract.validate_schema(b, "CreateMessageInteractionCallbackRequest"), {"type": "4"}, "$.type")
    raises(contract.validate_message, {"embeds": [{"color": "blue"}]}, "$.embeds[0].color")
    raises(contract.validate_message, {"embeds": [{"url": "not a url"}]}, "$.embeds[0].url")
    raises(contract.validate_message, {"embeds": [{"timestamp": "yesterday"}]}, "$.embeds[0].timestamp")
    raises(contract.validate_message, {"message_reference": {"channel_id": 1}}, "message_id")
    raises(contract.validate_message, {"allowed_mentions": {"parse": ["nobody"]}}, "allowed_mentions")
    # a command option with a type the spec does not know, and a select without options
    bad = tree_commands()
    bad[0]["options"][0]["type"] = 99
    raises(contract.validate_commands, bad, "does not match Discord's")
    raises(contract.validate_followup, {"components": [{"type": 1, "components": [{"type": 3, "custom_id": "x"}]}]}, "components")
    # an unknown callback type
    raises(contract.validate_callback, {"type": 42}, "type 42")


@needs_spec
def test_the_spec_itself_catches_a_257_character_title():
    body = good_callback()
    body["data"]["embeds"][0]["title"] = "t" * 257
    raises(
        lambda b: contract.validate_schema(b, "CreateMessageInteractionCallbackRequest"),
        body,
        "$.data.embeds[0].title",
        "257 characters, maxLength is 256",
    )
    raises(
        lambda b: contract.validate_schema(b, "ApplicationCommandAutocompleteCallbackRequest"),
        good_autocomplete(26),
        "26 items, maxItems is 25",
    )


@needs_spec
def test_validators_are_built_once():
    assert contract.validator("MessageCreateRequest") is contract.validator("MessageCreateRequest")
    with pytest.raises(KeyError, match="NoSuchSchema"):
        contract.validator("NoSuchSchema")


def test_spec_functions_skip_with_a_reason_when_the_spec_is_absent(monkeypatch, tmp_path):
    monkeypatch.setattr(contract, "SHARED", tmp_path)
    assert not contract.spec_available()
    with pytest.raises(pytest.skip.Exception, match="openapi.json"):
        contract.validate_callback(good_callback())
    # limits are checked before the skip
    bad = good_callback()
    bad["data"]["embeds"][0]["title"] = "t" * 257
    with pytest.raises(AssertionError, match="title is 257"):
        contract.validate_callback(bad)


def test_unicode_categories_used_by_the_fallback():
    assert unicodedata.category("é")[0] == "L" and unicodedata.category("٣")[0] == "N"
    assert contract.name_matches_unicodedata("é٣") and not contract.name_matches_unicodedata("é ٣")
