"""Discord's contract for every body the bot sends: the official OpenAPI spec, plus the limits it cannot express.

Two layers, used by the SimCord behaviour tests and the loopback transport tests alike:

1. **The spec.** Discord's OpenAPI 3.1 document (``../shared/data/discord-api-spec/openapi.json``) is loaded
   once and request bodies are validated with ``jsonschema`` (Draft 2020-12), ``$ref``s resolved inside the
   document through a ``referencing`` registry. One validator per schema, built on first use and cached.
   Where the spec is absent (a user's clone has no ``../shared``), the spec functions call ``pytest.skip``
   with the reason -- unless called with ``require_spec=False``, which checks the limits only.

2. **The limits the spec cannot express** (``check_limits``), checked in plain code, spec or no spec:
   6,000 characters across a message's embeds (title + description + field names and values + footer text +
   author name), at most 10 embeds, the per-embed limits (title 256, description 4,096, 25 fields, field name
   256 / value 1,024, both non-empty, footer 2,048, author name 256), content 2,000, at most 5 action rows
   of at most 5 buttons or one select; autocomplete: at most 25 choices, each name 1-100 characters and a
   string value at most 100; commands: the name pattern ``^[-_'\\p{L}\\p{N}]{1,32}$`` for command and option
   names (lower case where a letter has a lower-case form), descriptions 1-100, at most 25 options and 25
   choices, required options before optional ones, unique names, at most 100 slash commands, and 4,000
   characters per command across its names, descriptions and choice names.

The name pattern is checked with the third-party ``regex`` module when it is importable (it knows ``\\p{L}``
and ``\\p{N}``); otherwise with an equivalent check on ``unicodedata.category`` (first letter ``L`` or ``N``).
``NAME_CHECKER`` says which one is in use; both are exercised by the tests. (They can differ only on code
points newer than Python's own Unicode database, which ``unicodedata`` sees as unassigned.)

Two documented relaxations of the spec, both for what Discord itself accepts and discord.py sends:

* ``SnowflakeType`` is a string of digits in the spec; discord.py sends snowflakes as JSON integers
  (``message_reference.message_id``, ``allowed_mentions.users``), which Discord accepts. Here a snowflake
  may be a digit string or a non-negative integer below 2**64.
* The spec's ``format`` keywords are checked only for ``uri`` (absolute http(s) or ``attachment://`` URL,
  no spaces) and ``date-time`` (ISO 8601 with a time-zone offset); the OpenAPI-only formats (``int32``,
  ``snowflake``, ``nonce``...) are annotations.

Every failure is an ``AssertionError`` whose message names the body kind, the JSON path and the reason.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.conftest import SHARED

try:  # the regex module understands \p{L} and \p{N}; the standard re module does not
    import regex as _regex
except ImportError:  # pragma: no cover - depends on the environment
    _regex = None

SPEC_PARTS = ("data", "discord-api-spec", "openapi.json")
SPEC_URI = "urn:discord:openapi"

# --- Discord's numbers --------------------------------------------------------------------------

CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TOTAL_MAX = 6000
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_AUTHOR_MAX = 256
ACTION_ROWS_MAX = 5
ROW_BUTTONS_MAX = 5
SELECT_OPTIONS_MAX = 25
CUSTOM_ID_MAX = 100
BUTTON_LABEL_MAX = 80
SELECT_OPTION_TEXT_MAX = 100
SELECT_PLACEHOLDER_MAX = 150
CHOICES_MAX = 25
CHOICE_NAME_MAX = 100
CHOICE_STRING_VALUE_MAX = 100
COMMAND_NAME_PATTERN = r"^[-_'\p{L}\p{N}]{1,32}$"
COMMAND_DESCRIPTION_MAX = 100
OPTIONS_MAX = 25
SLASH_COMMANDS_MAX = 100
COMMAND_TOTAL_MAX = 4000
IS_COMPONENTS_V2 = 1 << 15

CALLBACK_SCHEMAS = {
    4: "CreateMessageInteractionCallbackRequest",
    5: "CreateMessageInteractionCallbackRequest",
    6: "UpdateMessageInteractionCallbackRequest",
    7: "UpdateMessageInteractionCallbackRequest",
    8: "ApplicationCommandAutocompleteCallbackRequest",
    9: "ModalInteractionCallbackRequest",
}
SELECT_TYPES = {3, 5, 6, 7, 8}
CHAT_INPUT = 1
SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2


# --- the spec -----------------------------------------------------------------------------------

def spec_path() -> Path:
    return SHARED.joinpath(*SPEC_PARTS)


def spec_available() -> bool:
    return spec_path().is_file()


def _skip_without_spec() -> None:
    if not spec_available():
        import pytest

        pytest.skip(
            "needs Discord's OpenAPI spec at ../shared/" + "/".join(SPEC_PARTS)
            + ", which is only beside the checkout in CI and on developer machines"
        )


@functools.cache
def load_spec() -> dict[str, Any]:
    """The OpenAPI document, with the relaxations above applied (a copy; the file is not touched)."""
    _skip_without_spec()
    spec = json.loads(spec_path().read_text(encoding="utf-8"))
    schemas = spec["components"]["schemas"]
    original = copy.deepcopy(schemas["SnowflakeType"])
    schemas["SnowflakeType"] = {
        "anyOf": [original, {"type": "integer", "minimum": 0, "maximum": 2**64 - 1}],
    }
    return spec


def _check_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if any(ch.isspace() for ch in value):
        return False
    parts = urlsplit(value)
    if parts.scheme == "attachment":
        return bool(parts.netloc or parts.path)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _check_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in value.upper() and parsed.tzinfo is not None


@functools.cache
def _format_checker():
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    checker.checks("uri")(_check_uri)
    checker.checks("date-time")(_check_datetime)
    return checker


@functools.cache
def _registry():
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resource = Resource.from_contents(load_spec(), default_specification=DRAFT202012)
    return Registry().with_resource(SPEC_URI, resource)


@functools.cache
def validator(pointer: str):
    """A cached Draft 2020-12 validator for a schema in the spec: a schema name or a JSON pointer."""
    from jsonschema import Draft202012Validator

    ref = pointer if pointer.startswith("#/") else f"#/components/schemas/{pointer}"
    spec = load_spec()
    node: Any = spec
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"the Discord spec has no {ref}")
        node = node[part]
    return Draft202012Validator(
        {"$ref": SPEC_URI + ref}, registry=_registry(), format_checker=_format_checker()
    )


def schema_names() -> list[str]:
    return sorted(load_spec()["components"]["schemas"])


def _describe(error) -> str:
    where = error.json_path
    instance, kind, limit = error.instance, error.validator, error.validator_value
    if kind in ("maxLength", "minLength") and isinstance(instance, str):
        message = f"{len(instance)} characters, {kind} is {limit}"
    elif kind in ("maxItems", "minItems") and isinstance(instance, list):
        message = f"{len(instance)} items, {kind} is {limit}"
    else:
        message = error.message
    if len(message) > 200:
        message = message[:200] + "..."
    return f"at {where}: {message}"


def _leaves(error) -> list:
    if not error.context:
        return [error]
    return [leaf for sub in error.context for leaf in _leaves(sub)]


_WEAK = {"type", "enum", "const", "oneOf", "anyOf", "allOf", "required"}


def _deepest(error):
    """Inside an anyOf/oneOf, the failure a person wants to read: a broken limit over a type mismatch of
    another branch, then the one that got furthest into the body."""
    if not error.context:
        return error
    return max(_leaves(error), key=lambda e: (e.validator not in _WEAK, len(e.absolute_path)))


def validate_schema(body: Any, schema: str, *, what: str | None = None) -> None:
    """Validate ``body`` against one schema of the spec (name or ``#/`` pointer); AssertionError if not."""
    from jsonschema.exceptions import best_match

    checker = validator(schema)
    errors = list(checker.iter_errors(body))
    if not errors:
        return
    best = _deepest(best_match(errors))
    others = [e for e in errors if e is not best][:2]
    lines = [f"{what or 'body'} does not match Discord's {schema}: {_describe(best)}"]
    lines += [f"  also {_describe(e)}" for e in others]
    if len(errors) > 3:
        lines.append(f"  ... {len(errors) - 3} more")
    raise AssertionError("\n".join(lines))


def _operation_schema(path: str, method: str) -> str:
    return f"#/paths/{path.replace('~', '~0').replace('/', '~1')}/{method}/requestBody/content/application~1json/schema"


# --- limits the spec cannot express ---------------------------------------------------------------

def _fail(what: str, message: str) -> None:
    raise AssertionError(f"{what}: {message}")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def embed_length(embed: dict[str, Any]) -> int:
    """Characters Discord counts towards the 6,000 limit in one embed."""
    total = len(_text(embed.get("title"))) + len(_text(embed.get("description")))
    for field in embed.get("fields") or ():
        total += len(_text(field.get("name"))) + len(_text(field.get("value")))
    total += len(_text((embed.get("footer") or {}).get("text")))
    total += len(_text((embed.get("author") or {}).get("name")))
    return total


def check_embeds(embeds: Iterable[dict[str, Any]] | None, *, what: str = "message") -> None:
    embeds = list(embeds or ())
    if len(embeds) > EMBEDS_MAX:
        _fail(what, f"{len(embeds)} embeds; Discord allows at most {EMBEDS_MAX} per message")
    total = 0
    for i, embed in enumerate(embeds):
        where = f"{what} embeds[{i}]"
        limits = (
            ("title", _text(embed.get("title")), EMBED_TITLE_MAX),
            ("description", _text(embed.get("description")), EMBED_DESCRIPTION_MAX),
            ("footer.text", _text((embed.get("footer") or {}).get("text")), EMBED_FOOTER_MAX),
            ("author.name", _text((embed.get("author") or {}).get("name")), EMBED_AUTHOR_MAX),
        )
        for name, value, limit in limits:
            if len(value) > limit:
                _fail(where, f"{name} is {len(value)} characters; the limit is {limit}")
        fields = embed.get("fields") or []
        if len(fields) > EMBED_FIELDS_MAX:
            _fail(where, f"{len(fields)} fields; the limit is {EMBED_FIELDS_MAX}")
        for j, field in enumerate(fields):
            name, value = field.get("name"), field.get("value")
            if not isinstance(name, str) or not name.strip():
                _fail(where, f"fields[{j}].name is empty; Discord rejects an embed field without a name")
            if not isinstance(value, str) or not value.strip():
                _fail(where, f"fields[{j}].value is empty; Discord rejects an embed field without a value")
            if len(name) > EMBED_FIELD_NAME_MAX:
                _fail(where, f"fields[{j}].name is {len(name)} characters; the limit is {EMBED_FIELD_NAME_MAX}")
            if len(value) > EMBED_FIELD_VALUE_MAX:
                _fail(where, f"fields[{j}].value is {len(value)} characters; the limit is {EMBED_FIELD_VALUE_MAX}")
        total += embed_length(embed)
    if total > EMBED_TOTAL_MAX:
        _fail(
            what,
            f"{total} characters across its embeds (titles, descriptions, field names and values, footers, "
            f"author names); Discord allows at most {EMBED_TOTAL_MAX}",
        )


def check_components(components: list[dict[str, Any]] | None, *, flags: int | None = None, what: str = "message") -> None:
    components = list(components or ())
    if flags and flags & IS_COMPONENTS_V2:
        return  # layout components: the spec's own schemas carry their limits
    if len(components) > ACTION_ROWS_MAX:
        _fail(what, f"{len(components)} action rows; Discord allows at most {ACTION_ROWS_MAX}")
    for i, row in enumerate(components):
        where = f"{what} components[{i}]"
        if row.get("type") != 1:
            _fail(where, f"top-level component of type {row.get('type')!r}; it must be an action row (type 1)")
        children = row.get("components") or []
        if not children:
            _fail(where, "an action row with no components")
        selects = [c for c in children if c.get("type") in SELECT_TYPES]
        if selects and len(children) > 1:
            _fail(where, "a select menu must be alone in its action row")
        if len(children) > ROW_BUTTONS_MAX:
            _fail(where, f"{len(children)} buttons; an action row holds at most {ROW_BUTTONS_MAX}")
        for j, child in enumerate(children):
            at = f"{where}.components[{j}]"
            custom_id = child.get("custom_id")
            if custom_id is not None and not 1 <= len(custom_id) <= CUSTOM_ID_MAX:
                _fail(at, f"custom_id is {len(custom_id)} characters; it must be 1-{CUSTOM_ID_MAX}")
            if child.get("type") == 2:
                label = child.get("label") or ""
                if len(label) > BUTTON_LABEL_MAX:
                    _fail(at, f"button label is {len(label)} characters; the limit is {BUTTON_LABEL_MAX}")
                if child.get("style") == 5 and not child.get("url"):
                    _fail(at, "a link button needs a url")
                if child.get("style") not in (5, 6) and not custom_id:
                    _fail(at, "a button needs a custom_id")
            if child.get("type") == 3:
                options = child.get("options") or []
                if not 1 <= len(options) <= SELECT_OPTIONS_MAX:
                    _fail(at, f"{len(options)} select options; it must be 1-{SELECT_OPTIONS_MAX}")
                values = [o.get("value") for o in options]
                if len(set(values)) != len(values):
                    _fail(at, "two select options share a value")
                for k, option in enumerate(options):
                    for key in ("label", "value", "description"):
                        text = option.get(key)
                        if text is not None and len(text) > SELECT_OPTION_TEXT_MAX:
                            _fail(at, f"options[{k}].{key} is {len(text)} characters; the limit is {SELECT_OPTION_TEXT_MAX}")
                placeholder = child.get("placeholder") or ""
                if len(placeholder) > SELECT_PLACEHOLDER_MAX:
                    _fail(at, f"placeholder is {len(placeholder)} characters; the limit is {SELECT_PLACEHOLDER_MAX}")


def check_message_limits(body: dict[str, Any], *, what: str = "message") -> None:
    """Limits of one message body (create, follow-up, edit, or a callback's ``data``)."""
    if not isinstance(body, dict):
        _fail(what, f"expected a JSON object, got {type(body).__name__}")
    content = body.get("content")
    if isinstance(content, str) and len(content) > CONTENT_MAX:
        _fail(what, f"content is {len(content)} characters; a bot's message allows at most {CONTENT_MAX}")
    check_embeds(body.get("embeds"), what=what)
    check_components(body.get("components"), flags=body.get("flags"), what=what)


def check_choices(choices: list[dict[str, Any]] | None, *, what: str = "autocomplete") -> None:
    choices = list(choices or ())
    if len(choices) > CHOICES_MAX:
        _fail(what, f"{len(choices)} choices; Discord allows at most {CHOICES_MAX}")
    for i, choice in enumerate(choices):
        name = choice.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= CHOICE_NAME_MAX:
            size = len(name) if isinstance(name, str) else type(name).__name__
            _fail(what, f"choices[{i}].name is {size} characters; it must be 1-{CHOICE_NAME_MAX}: {str(name)[:60]!r}...")
        value = choice.get("value")
        if isinstance(value, str) and len(value) > CHOICE_STRING_VALUE_MAX:
            _fail(what, f"choices[{i}].value is {len(value)} characters; a string choice value allows at most {CHOICE_STRING_VALUE_MAX}")


# --- command and option names ---------------------------------------------------------------------

if _regex is not None:
    NAME_CHECKER = "regex module"
    _NAME_RE = _regex.compile(COMMAND_NAME_PATTERN)

    def _name_matches(name: str) -> bool:
        return _NAME_RE.fullmatch(name) is not None
else:  # pragma: no cover - depends on the environment
    NAME_CHECKER = "unicodedata categories"

    def _name_matches(name: str) -> bool:
        return name_matches_unicodedata(name)


def name_matches_unicodedata(name: str) -> bool:
    """``^[-_'\\p{L}\\p{N}]{1,32}$`` without the regex module: each code point is - _ ' or a letter/number."""
    if not 1 <= len(name) <= 32:
        return False
    return all(ch in "-_'" or unicodedata.category(ch)[0] in "LN" for ch in name)


def check_name(name: Any, *, what: str = "command name", lowercase: bool = True) -> None:
    """A command or option name: Discord's pattern, and lower case where a letter has a lower-case form."""
    if not isinstance(name, str):
        _fail(what, f"{name!r} is not a string")
    if not _name_matches(name):
        _fail(what, f"{name!r} does not match {COMMAND_NAME_PATTERN} (1-32 letters, digits, '-', '_' or \"'\")")
    if lowercase:
        upper = [ch for ch in name if ch.lower() != ch]
        if upper:
            _fail(what, f"{name!r} has upper-case letters ({''.join(upper)}); slash command names must be lower case")


def _command_chars(node: dict[str, Any]) -> int:
    total = len(_text(node.get("name"))) + len(_text(node.get("description")))
    for choice in node.get("choices") or ():
        total += len(_text(choice.get("name"))) + len(str(choice.get("value", "")))
    for option in node.get("options") or ():
        total += _command_chars(option)
    return total


def _check_options(options: list[dict[str, Any]] | None, where: str) -> None:
    options = list(options or ())
    if len(options) > OPTIONS_MAX:
        _fail(where, f"{len(options)} options; the limit is {OPTIONS_MAX}")
    names = [o.get("name") for o in options]
    if len(set(names)) != len(names):
        _fail(where, f"two options share a name: {names}")
    seen_optional = False
    for option in options:
        at = f"{where} option {option.get('name')!r}"
        check_name(option.get("name"), what=f"{at} name")
        description = option.get("description")
        if not isinstance(description, str) or not 1 <= len(description) <= COMMAND_DESCRIPTION_MAX:
            _fail(at, f"description must be 1-{COMMAND_DESCRIPTION_MAX} characters, got {description!r}")
        kind = option.get("type")
        if kind in (SUB_COMMAND, SUB_COMMAND_GROUP):
            _check_options(option.get("options"), at)
            continue
        if option.get("required"):
            if seen_optional:
                _fail(at, "a required option comes after an optional one; Discord requires required options first")
        else:
            seen_optional = True
        if option.get("autocomplete") and option.get("choices"):
            _fail(at, "an option cannot have both autocomplete and fixed choices")
        check_choices(option.get("choices"), what=f"{at} choices")


def check_command(command: dict[str, Any], *, what: str | None = None) -> None:
    """The limits of one application command body that the spec cannot express."""
    what = what or f"command {command.get('name')!r}"
    kind = command.get("type") or CHAT_INPUT
    if kind == CHAT_INPUT:
        check_name(command.get("name"), what=f"{what} name")
        description = command.get("description")
        if not isinstance(description, str) or not 1 <= len(description) <= COMMAND_DESCRIPTION_MAX:
            _fail(what, f"a slash command's description must be 1-{COMMAND_DESCRIPTION_MAX} characters, got {description!r}")
        _check_options(command.get("options"), what)
    else:
        name = command.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= 32:
            _fail(what, f"a context-menu command name must be 1-32 characters, got {name!r}")
    total = _command_chars(command)
    if total > COMMAND_TOTAL_MAX:
        _fail(what, f"{total} characters across names, descriptions and choices; the limit is {COMMAND_TOTAL_MAX}")


def check_commands(commands: list[dict[str, Any]]) -> None:
    if not isinstance(commands, list):
        _fail("command list", f"expected a JSON array, got {type(commands).__name__}")
    keys = [((c.get("type") or CHAT_INPUT), c.get("name")) for c in commands]
    duplicates = sorted({name for key, name in keys if keys.count((key, name)) > 1}, key=str)
    if duplicates:
        _fail("command list", f"two commands share a name: {duplicates}")
    slash = sum(1 for kind, _ in keys if kind == CHAT_INPUT)
    if slash > SLASH_COMMANDS_MAX:
        _fail("command list", f"{slash} slash commands; Discord allows at most {SLASH_COMMANDS_MAX}")
    for command in commands:
        check_command(command)


def check_limits(body: Any) -> None:
    """Discord's limits that the spec cannot express, on any body the bot sends (no spec needed).

    Recognises a command list (JSON array), a single command (``name`` + ``description``/``options``), an
    interaction callback (``type`` + ``data``; type 8 is autocomplete) and a plain message body.
    """
    if isinstance(body, list):
        check_commands(body)
        return
    if not isinstance(body, dict):
        _fail("body", f"expected a JSON object or array, got {type(body).__name__}")
    if "name" in body and ("description" in body or "options" in body):
        check_command(body)
        return
    kind = body.get("type")
    if isinstance(kind, int) and kind in (1, *CALLBACK_SCHEMAS):
        data = body.get("data") or {}
        if kind == 8:
            check_choices(data.get("choices"), what="autocomplete callback")
        elif kind in (4, 7):
            check_message_limits(data, what=f"interaction callback (type {kind}) data")
        return
    check_message_limits(body)


def check_mentions_off(body: dict[str, Any], *, what: str = "message") -> None:
    """Versus's own rule: nothing it sends may ping (``allowed_mentions.parse`` empty, no users or roles)."""
    if "type" in body and "data" in body:
        body = body.get("data") or {}
    mentions = body.get("allowed_mentions")
    if not isinstance(mentions, dict):
        _fail(what, f"allowed_mentions is {mentions!r}; it must be sent with parse=[] so echoed text cannot ping")
    if mentions.get("parse"):
        _fail(what, f"allowed_mentions.parse is {mentions['parse']!r}; it must be empty")
    for key in ("users", "roles"):
        if mentions.get(key):
            _fail(what, f"allowed_mentions.{key} is {mentions[key]!r}; it must be empty")


# --- the public validators --------------------------------------------------------------------------

def _spec(require_spec: bool) -> bool:
    """True when the spec should be used; skips the test when it is required but absent."""
    if spec_available():
        return True
    if require_spec:
        _skip_without_spec()
    return False


def validate_callback(body: dict[str, Any], *, require_spec: bool = True) -> None:
    """An interaction callback body (``POST /interactions/{id}/{token}/callback``), any type."""
    if not isinstance(body, dict):
        _fail("interaction callback", f"expected a JSON object, got {type(body).__name__}")
    kind = body.get("type")
    if kind not in CALLBACK_SCHEMAS and kind != 1:
        _fail("interaction callback", f"type {kind!r} is not a callback type the bot may send ({sorted(CALLBACK_SCHEMAS)})")
    check_limits(body)
    if _spec(require_spec):
        schema = CALLBACK_SCHEMAS.get(kind, "PongInteractionCallbackRequest")
        validate_schema(body, schema, what=f"interaction callback (type {kind})")
        validate_schema(
            body, _operation_schema("/interactions/{interaction_id}/{interaction_token}/callback", "post"),
            what="interaction callback",
        )


def validate_autocomplete(body: dict[str, Any], *, require_spec: bool = True) -> None:
    """An autocomplete result: a type 8 callback with at most 25 choices of at most 100 characters."""
    if not isinstance(body, dict) or body.get("type") != 8:
        _fail("autocomplete callback", f"type must be 8, got {body.get('type') if isinstance(body, dict) else body!r}")
    validate_callback(body, require_spec=require_spec)


def validate_message(body: dict[str, Any], *, require_spec: bool = True) -> None:
    """A create-message body (``POST /channels/{id}/messages``), e.g. the reply to a mention."""
    check_message_limits(body, what="message")
    if _spec(require_spec):
        validate_schema(body, "MessageCreateRequest", what="message")


def validate_message_edit(body: dict[str, Any], *, require_spec: bool = True) -> None:
    """An edit of a channel message (``PATCH /channels/{id}/messages/{id}``)."""
    check_message_limits(body, what="message edit")
    if _spec(require_spec):
        validate_schema(body, "MessageEditRequestPartial", what="message edit")


def validate_followup(body: dict[str, Any], *, require_spec: bool = True) -> None:
    """A follow-up message (``POST /webhooks/{application_id}/{token}``), e.g. after a deferred reply."""
    check_message_limits(body, what="follow-up")
    if _spec(require_spec):
        validate_schema(body, "IncomingWebhookRequestPartial", what="follow-up")
        validate_schema(body, _operation_schema("/webhooks/{webhook_id}/{webhook_token}", "post"), what="follow-up")


def validate_webhook_edit(body: dict[str, Any], *, require_spec: bool = True) -> None:
    """An edit of the original response or a follow-up (``PATCH /webhooks/{id}/{token}/messages/...``)."""
    check_message_limits(body, what="edit of an interaction message")
    if _spec(require_spec):
        validate_schema(body, "IncomingWebhookUpdateRequestPartial", what="edit of an interaction message")


validate_edit = validate_webhook_edit


def validate_command(body: dict[str, Any], *, require_spec: bool = True) -> None:
    """One application command create body (``POST .../commands``)."""
    check_command(body)
    if _spec(require_spec):
        validate_schema(body, "ApplicationCommandCreateRequest", what=f"command {body.get('name')!r}")


def validate_commands(list_body: list[dict[str, Any]], *, require_spec: bool = True) -> None:
    """The bulk overwrite body (``PUT .../commands``, what ``tree.sync()`` sends).

    Checked against the PUT's own schema (an array of ``ApplicationCommandUpdateRequest``) and each item
    against ``ApplicationCommandCreateRequest``, plus the name and size rules.
    """
    check_commands(list_body)
    if _spec(require_spec):
        validate_schema(
            list_body, _operation_schema("/applications/{application_id}/commands", "put"), what="command list"
        )
        for command in list_body:
            validate_schema(command, "ApplicationCommandCreateRequest", what=f"command {command.get('name')!r}")


_ROUTES: tuple[tuple[str, re.Pattern[str], Any], ...] = (
    ("POST", re.compile(r"^/interactions/[^/]+/[^/]+/callback$"), validate_callback),
    ("POST", re.compile(r"^/webhooks/[^/]+/[^/]+$"), validate_followup),
    ("PATCH", re.compile(r"^/webhooks/[^/]+/[^/]+/messages/[^/]+$"), validate_webhook_edit),
    ("POST", re.compile(r"^/channels/[^/]+/messages$"), validate_message),
    ("PATCH", re.compile(r"^/channels/[^/]+/messages/[^/]+$"), validate_message_edit),
    ("PUT", re.compile(r"^/applications/[^/]+(/guilds/[^/]+)?/commands$"), validate_commands),
    ("POST", re.compile(r"^/applications/[^/]+(/guilds/[^/]+)?/commands$"), validate_command),
)


def validator_for(method: str, path: str):
    """The validator for a REST request, or None when the route carries no body the contract covers."""
    path = re.sub(r"^/api(/v\d+)?", "", path.split("?", 1)[0])
    for verb, pattern, func in _ROUTES:
        if verb == method.upper() and pattern.match(path):
            return func
    return None


def validate_request(method: str, path: str, body: Any, *, require_spec: bool = True) -> str | None:
    """Validate a recorded REST request by its route. Returns the validator's name, or None if none applies."""
    func = validator_for(method, path)
    if func is None:
        return None
    try:
        func(body, require_spec=require_spec)
    except AssertionError as exc:
        raise AssertionError(f"{method.upper()} {path}: {exc}") from None
    return func.__name__


__all__ = [
    "NAME_CHECKER",
    "check_choices",
    "check_command",
    "check_commands",
    "check_components",
    "check_embeds",
    "check_limits",
    "check_mentions_off",
    "check_message_limits",
    "check_name",
    "embed_length",
    "load_spec",
    "name_matches_unicodedata",
    "spec_available",
    "validate_autocomplete",
    "validate_callback",
    "validate_command",
    "validate_commands",
    "validate_edit",
    "validate_followup",
    "validate_message",
    "validate_message_edit",
    "validate_request",
    "validate_schema",
    "validate_webhook_edit",
    "validator",
    "validator_for",
]
