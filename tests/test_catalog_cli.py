"""versus catalog list|validate, versus model and versus resolve: output, JSON shapes, exit codes, one-line errors."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from catalog.loader import CATALOG_ENV, load_catalog
from catalog.schema import Capability
from cli.main import main

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "catalog" / "models" / "openai" / "gpt-4.1-mini.toml"

WIDGET = """\
id = "acme/widget-1"
name = "Widget 1"
vendor = "Acme"
family = "Widget"
release_date = "unknown"
knowledge_cutoff = "unknown"
context_window = 64000
max_output_tokens = "unknown"
parameters = "unknown"
architecture = "unknown"
licence = "unknown"
open_weights = "unknown"
input_modalities = ["text"]
output_modalities = ["text"]
aliases = ["acme widget"]

[capabilities]
vision = "no"
multimodal = "no"
reasoning = "yes"
function_calling = "unknown"
tool_use = "unknown"
structured_outputs = "unknown"
code_execution = "unknown"

[[sources]]
url = "https://acme.example/widget"
title = "Acme: Widget 1"
read = 2026-01-02
covers = ["context_window", "modalities", "capabilities"]
{routes}
"""

PRICED_ROUTE = """
[[routes]]
provider = "Acme Cloud"
model_id = "widget-1"
input = 0.50
output = 2.00
context_window = 64000

[[routes.sources]]
url = "https://acme.example/pricing"
read = 2026-01-02
covers = ["prices", "context_window"]
"""

UNPRICED_ROUTE = """
[[routes]]
provider = "Other Host"
model_id = "acme/widget-1"
input = "unknown"
output = "unknown"
context_window = "unknown"

[[routes.sources]]
url = "https://other.example/widget-1"
fetched = 2026-01-03
covers = ["prices"]
"""


@pytest.fixture(autouse=True)
def _bundled_catalog_by_default(monkeypatch):
    monkeypatch.delenv(CATALOG_ENV, raising=False)


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _one_line_error(code, out, err, start: str) -> None:
    assert code == 2 and out == ""
    assert err.startswith("versus: " + start), err
    assert err.count("\n") == 1 and "Traceback" not in err


def _fits_80(text: str) -> None:
    long = [line for line in text.splitlines() if len(line) > 80 and not line.strip().startswith(("http", "catalog/"))]
    assert not long, long


@pytest.fixture
def widget_catalog(tmp_path):
    """A catalog of one model: one route with prices, one without."""
    root = tmp_path / "team-catalog"
    _write(root, "acme/widget-1.toml", WIDGET.format(routes=PRICED_ROUTE + UNPRICED_ROUTE))
    return root


# --- versus --help --------------------------------------------------------------------------


def test_top_level_help_lists_the_catalog_commands_on_one_line_each(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    out = capsys.readouterr().out
    assert info.value.code == 0
    lines = out.splitlines()
    for command in ("catalog", "model", "resolve", "compare", "cost", "faq"):
        (line,) = [line for line in lines if line.split()[:1] == [command]]
        assert len(line.split()) > 2, f"{command} has no one-line help: {line!r}"
    for command in ("catalog", "model", "resolve"):
        index = next(i for i, line in enumerate(lines) if line.split()[:1] == [command])
        following = lines[index + 1]
        assert following.split()[:1] != [] and not following.startswith(" " * 10), f"{command}'s help wraps"


def test_catalog_without_a_subcommand_shows_its_help(capsys):
    code, out, _ = _run(capsys, "catalog")
    assert code == 2
    for sub in ("list", "validate", "import"):
        assert f"    {sub}" in out


# --- catalog list ---------------------------------------------------------------------------


def test_list_text_shows_every_model_and_fits_80_columns(capsys, bundled):
    code, out, err = _run(capsys, "catalog", "list")
    assert code == 0 and err == ""
    _fits_80(out)
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "CONTEXT", "INPUT", "OUTPUT"]
    for model in bundled:
        assert any(line.startswith(model.id) for line in lines), model.id
    (row,) = [line for line in lines if line.startswith("openai/gpt-4.1-mini ")]
    assert row.split() == ["openai/gpt-4.1-mini", "GPT-4.1", "Mini", "1M", "$0.40", "$1.60"]
    assert "OpenAI (" in out and "xAI (" in out
    assert f"{len(bundled)} models from {len(bundled.vendors)} vendors." in out


@pytest.mark.parametrize("vendor", ["openai", "OpenAI", " OPENAI "])
def test_list_by_vendor_name_or_creator_prefix(capsys, bundled, vendor):
    code, out, _ = _run(capsys, "catalog", "list", "--vendor", vendor, "--json")
    assert code == 0
    data = json.loads(out)
    expected = sorted(m.id for m in bundled if m.vendor == "OpenAI")
    assert [m["id"] for m in data] == expected
    assert {m["vendor"] for m in data} == {"OpenAI"}


def test_list_by_vendor_name_with_spaces_and_by_a_prefix_unlike_the_name(capsys, bundled):
    _, out, _ = _run(capsys, "catalog", "list", "--vendor", "alibaba (qwen)", "--json")
    by_name = [m["id"] for m in json.loads(out)]
    _, out, _ = _run(capsys, "catalog", "list", "--vendor", "qwen", "--json")
    by_prefix = [m["id"] for m in json.loads(out)]
    assert by_name == by_prefix == sorted(m.id for m in bundled if m.creator == "qwen")
    assert by_name


def test_list_json_shape(capsys, bundled):
    code, out, _ = _run(capsys, "catalog", "list", "--vendor", "openai", "--json")
    (entry,) = [m for m in json.loads(out) if m["id"] == "openai/gpt-4.1-mini"]
    assert entry["name"] == "GPT-4.1 Mini" and entry["vendor"] == "OpenAI"
    assert entry["context_window"] == 1_047_576
    assert entry["input"]["price"] == 0.4 and entry["output"]["price"] == 1.6
    assert entry["input"]["providers"][0] == "OpenAI API"
    assert entry["capabilities"]["reasoning"] == "no" and entry["capabilities"]["vision"] == "yes"
    assert set(entry["capabilities"]) == {c.value for c in Capability}
    assert entry["tags"] == ["Coding", "RAG", "Agents"]
    sold = [r.provider for r in bundled["openai/gpt-4.1-mini"].routes if r.sold]
    assert entry["providers"] == sold and {"OpenAI API", "OpenRouter", "Replicate API"} <= set(sold)


def test_list_by_capability_keeps_only_yes(capsys, bundled):
    code, out, _ = _run(capsys, "catalog", "list", "--capability", "reasoning", "--json")
    ids = [m["id"] for m in json.loads(out)]
    assert code == 0
    assert ids == sorted((m.id for m in bundled if m.capability(Capability.REASONING).value == "yes"),
                         key=lambda i: (bundled[i].vendor.casefold(), i))
    assert "xai/grok-4.3" in ids and "openai/gpt-4.1-mini" not in ids
    assert len(ids) < len(bundled)


def test_list_by_vendor_and_capability(capsys, bundled):
    code, out, _ = _run(capsys, "catalog", "list", "--vendor", "xai", "--capability", "function-calling")
    assert code == 0
    expected = [m for m in bundled if m.creator == "xai" and m.capabilities.function_calling.value == "yes"]
    assert expected
    for model in expected:
        assert model.id in out
    assert "openai/" not in out and f"{len(expected)} model" in out


def test_list_unknown_vendor_or_capability_is_one_line_listing_the_choices(capsys, bundled):
    code, out, err = _run(capsys, "catalog", "list", "--vendor", "acme")
    _one_line_error(code, out, err, "no vendor 'acme' in the catalog; choose from: ")
    assert all(v in err for v in bundled.vendors)
    code, out, err = _run(capsys, "catalog", "list", "--capability", "telepathy")
    _one_line_error(code, out, err, "no capability 'telepathy'; choose from: ")
    assert all(c.value in err for c in Capability)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("tools", "tool_use"), ("Function calling", "function_calling"), ("json", "structured_outputs"), ("vision", "vision")],
)
def test_a_capability_by_the_name_people_type(capsys, bundled, typed, meant):
    code, out, err = _run(capsys, "catalog", "list", "--capability", typed, "--json")
    assert code == 0, err
    listed = {row["id"] for row in json.loads(out)}
    assert listed == {m.id for m in bundled if getattr(m.capabilities, meant).value == "yes"}


def test_list_with_no_model_left(capsys, widget_catalog):
    code, out, _ = _run(capsys, "--catalog", widget_catalog, "catalog", "list", "--capability", "vision")
    assert code == 0 and out == "No model matches these filters.\n"
    code, out, _ = _run(capsys, "--catalog", widget_catalog, "catalog", "list", "--capability", "vision", "--json")
    assert json.loads(out) == []


# --- catalog validate -----------------------------------------------------------------------


def test_validate_the_bundled_catalog(capsys, bundled):
    code, out, err = _run(capsys, "catalog", "validate")
    assert code == 0 and err == ""
    assert out == f"{len(bundled)} models valid\n"


def test_validate_reports_every_error_of_a_tree(capsys, tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    root = tmp_path / "tree"
    _write(root, "openai/gpt-4.1-mini.toml", seed)
    # a typo'd key (and so a missing one)
    _write(root, "openai/typo.toml", seed.replace('id = "openai/gpt-4.1-mini"', 'id = "openai/typo"')
           .replace('vision = "yes"', 'vison = "yes"'))
    # the same id as another file
    _write(root, "openai/dup.toml", seed)
    # an alias another model already claims
    twin = (seed.replace('id = "openai/gpt-4.1-mini"', 'id = "openai/twin"').replace('name = "GPT-4.1 Mini"', 'name = "Twin"')
            .replace('aliases = ["gpt 4.1 mini", "gpt-4.1-mini-2025-04-14", "4.1 mini"]', 'aliases = ["GPT 4.1  Mini"]'))
    _write(root, "openai/twin.toml", twin)
    # a negative price, broken TOML and a binary file
    _write(root, "openai/negative.toml", seed.replace('id = "openai/gpt-4.1-mini"', 'id = "openai/negative"')
           .replace('name = "GPT-4.1 Mini"', 'name = "Negative"').replace("aliases = [", "aliases = [\"neg\"] #", 1)
           .replace("input = 0.4\n", "input = -1\n", 1))
    _write(root, "junk/broken.toml", 'id = "x"\n[[')
    (root / "junk" / "binary.toml").write_bytes(b"\x00\xff\xfe\x89PNG\r\n\x1a\n" * 20)

    code, out, err = _run(capsys, "catalog", "validate", root)
    assert code == 1 and err == "" and "Traceback" not in out
    lines = out.splitlines()
    errors, summary = lines[:-1], lines[-1]
    assert len(errors) >= 7
    for line in errors:
        path, field_and_reason = line.split(".toml: ", 1)
        assert path.endswith(("typo", "dup", "twin", "negative", "broken", "binary")) and field_and_reason
    assert any(line.endswith("typo.toml: capabilities.vison: is not a known key (a typo?)") for line in errors)
    assert any(line.endswith("typo.toml: capabilities.vision: is required "
                             '(write "unknown" where no source publishes it)') for line in errors)
    assert any("dup.toml: id: 'openai/gpt-4.1-mini'" in line for line in errors)
    assert any("twin.toml: aliases[0]: 'GPT 4.1  Mini' is already claimed by openai/gpt-4.1-mini" in line
               for line in errors)
    assert any(line.endswith("negative.toml: routes[0].input: must be >= 0") for line in errors)
    assert any("broken.toml: invalid TOML" in line for line in errors)
    assert any("binary.toml: cannot be read" in line for line in errors)
    assert not any(line.startswith(f"{root.as_posix()}/openai/gpt-4.1-mini.toml") for line in errors)
    assert summary == f"{len(errors)} errors in 6 files (7 files checked in {root.as_posix()})"


def test_validate_honours_the_catalog_option_and_the_environment(capsys, monkeypatch, widget_catalog, tmp_path):
    code, out, _ = _run(capsys, "--catalog", widget_catalog, "catalog", "validate")
    assert code == 0 and out == "1 model valid\n"
    broken = tmp_path / "broken"
    _write(broken, "acme/widget-1.toml", WIDGET.format(routes=PRICED_ROUTE).replace("context_window = 64000", "context_window = 0", 1))
    monkeypatch.setenv(CATALOG_ENV, str(broken))
    code, out, _ = _run(capsys, "catalog", "validate")
    assert code == 1 and out.splitlines()[0].endswith("widget-1.toml: context_window: must be > 0")


def test_validate_one_file(capsys, tmp_path):
    code, out, _ = _run(capsys, "catalog", "validate", SEED)
    assert code == 0 and out == "1 model valid\n"
    binary = tmp_path / "model.toml"
    binary.write_bytes(bytes(range(256)))
    code, out, err = _run(capsys, "catalog", "validate", binary)
    assert code == 1 and err == "" and "Traceback" not in out
    assert out.splitlines()[0].startswith(f"{binary.as_posix()}: cannot be read")
    assert len(out.splitlines()) == 2


def test_validate_missing_path_or_empty_folder(capsys, tmp_path):
    code, out, err = _run(capsys, "catalog", "validate", tmp_path / "nowhere")
    _one_line_error(code, out, err, "no such catalog folder or file: ")
    code, out, err = _run(capsys, "catalog", "validate", tmp_path)
    assert code == 1 and err == ""
    assert out.splitlines()[0].endswith(": no model files (*.toml) in this folder")


# --- model ----------------------------------------------------------------------------------


def test_model_card(capsys):
    bundled_model = load_catalog()["openai/gpt-4.1-mini"]
    code, out, err = _run(capsys, "model", "gpt", "4.1", "mini")
    assert code == 0 and err == ""
    _fits_80(out)
    assert out.startswith("GPT-4.1 Mini\n============\nopenai/gpt-4.1-mini\n")
    assert "Also known as: gpt 4.1 mini, gpt-4.1-mini-2025-04-14, 4.1 mini" in out
    for fact in ("Vendor: OpenAI", "Context window: 1M tokens (1,047,576)", "Max output: 32.8K tokens (32,768)",
                 "Released: 2025-04-14", "Knowledge cutoff: 2024-06", "Parameters: unknown", "Open weights: no"):
        assert f"  {fact}\n" in out
    for capability in ("Vision: yes", "Code execution: yes", "Reasoning: no", "Structured outputs: yes"):
        assert f"  {capability}\n" in out
    assert "  Coding, RAG, Agents\n" in out
    routes = out.split("Prices per 1M tokens")[1].split("\nBenchmarks\n")[0]
    for provider in ("OpenAI API", "OpenRouter", "Replicate API"):
        assert f"\n  {provider}" in routes
    sold = [r for r in bundled_model.routes if r.sold and (r.input, r.output) == (Decimal("0.4"), Decimal("1.6"))]
    assert len(sold) >= 3 and routes.count("input $0.40/1M · output $1.60/1M") == len(sold)
    assert "\n    input $0.40/1M · output $1.60/1M · cached input $0.10/1M\n    batch in/out $0.20/$0.80\n" in routes
    assert routes.count("  * cheapest") == 2 and "\n  OpenAI API  * cheapest" in routes  # and the key below
    assert "context unknown" in routes  # Replicate publishes no context window
    assert "SWE-bench Verified: 23.6% (vendor-reported, 2025-04-14)" in out
    assert "Aider Polyglot: 32.4% (independent, 2025-04-14)" in out
    assert "https://openai.com/index/gpt-4-1/" in out
    assert "OpenAI: Introducing GPT-4.1 in the API (read 2026-11-22 from a stored copy)" in out
    assert out.endswith(f"Data as of: {bundled_model.updated.isoformat()} (the newest date behind its figures)\n")
    assert "$0.00" not in out


def test_model_card_tiers(capsys):
    code, out, _ = _run(capsys, "model", "xai/grok-4.20")
    assert code == 0
    _fits_80(out)
    assert "above 200K input tokens: input $2.50/1M" in out
    assert "context 2M" in out and "context 1M" in out
    assert "SWE-bench Verified: 76.7%" in out


def test_model_json_is_the_model_card(capsys, bundled):
    from engine.card import model_card

    model = bundled["openai/gpt-4.1-mini"]
    code, out, _ = _run(capsys, "model", "GPT-4.1-mini", "--json")
    assert code == 0
    data = json.loads(out)
    assert data == model_card(model).as_dict(json=True)
    # The card holds the catalog's facts, its routes with their sources, and its own sources with dates.
    assert data["model"]["id"] == model.id and data["context_window"] == model.context_window
    assert [r["provider"] for r in data["routes"]] == [r.provider for r in model.routes]
    assert [len(r["sources"]) for r in data["routes"]] == [len(r.sources) for r in model.routes]
    assert [s["url"] for s in data["sources"]] == [str(s.url) for s in model.sources]
    assert data["updated"] == model.updated.isoformat()


def test_model_discord_bodies(capsys):
    pytest.importorskip("discord")
    code, out, _ = _run(capsys, "model", "openai/gpt-4.1-mini", "--discord")
    bodies = json.loads(out)
    assert code == 0 and bodies[0]["type"] == 4
    embed = bodies[0]["data"]["embeds"][0]
    assert embed["title"] == "GPT-4.1 Mini"
    assert "allowed_mentions" in bodies[0]["data"]


def test_model_unknown_or_ambiguous_is_one_line(capsys):
    code, out, err = _run(capsys, "model", "banana phone 9000")
    _one_line_error(code, out, err, "no model matches 'banana phone 9000'")
    code, out, err = _run(capsys, "model", "mini")
    _one_line_error(code, out, err, "'mini' could be more than one model; did you mean: ")
    assert "GPT-4o Mini (openai/gpt-4o-mini)" in err
    code, out, err = _run(capsys, "model", "gemini 2.5")  # a family whose newest is no one model
    _one_line_error(code, out, err, "'gemini 2.5' is a family")
    assert "Gemini 2.5 Pro (google/gemini-2.5-pro)" in err and "Gemini 2.5 Flash (google/gemini-2.5-flash)" in err


def test_json_and_discord_are_exclusive(capsys):
    with pytest.raises(SystemExit) as info:
        main(["model", "gpt-4.1-mini", "--json", "--discord"])
    assert info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1  # the error, then "(see 'versus model --help')" on the same line


# --- a team's own catalog: --catalog and $VERSUS_CATALOG ------------------------------------


def test_catalog_option_uses_the_team_catalog(capsys, widget_catalog):
    code, out, _ = _run(capsys, "--catalog", widget_catalog, "catalog", "list", "--json")
    (entry,) = json.loads(out)
    assert code == 0 and entry["id"] == "acme/widget-1"
    assert entry["input"] == {"price": 0.5, "providers": ["Acme Cloud"]}
    code, out, _ = _run(capsys, "--catalog", widget_catalog, "catalog", "list", "--vendor", "acme")
    assert code == 0 and "acme/widget-1" in out and "1 model from 1 vendor." in out
    code, out, err = _run(capsys, "--catalog", widget_catalog, "model", "gpt-4.1-mini")
    _one_line_error(code, out, err, "no model matches 'gpt-4.1-mini'")
    code, out, _ = _run(capsys, "--catalog", widget_catalog, "resolve", "acme widget", "--json")
    assert json.loads(out) == {"match": {"id": "acme/widget-1", "name": "Widget 1", "score": 100.0}, "alternatives": []}


def test_environment_names_the_catalog(capsys, monkeypatch, widget_catalog):
    monkeypatch.setenv(CATALOG_ENV, str(widget_catalog))
    code, out, _ = _run(capsys, "model", "widget 1", "--json")
    assert code == 0 and json.loads(out)["model"]["id"] == "acme/widget-1"


def test_unknown_price_shows_as_unknown_never_zero(capsys, widget_catalog):
    code, out, _ = _run(capsys, "--catalog", widget_catalog, "model", "acme/widget-1")
    assert code == 0
    routes = out.split("Prices per 1M tokens")[1].split("\nBenchmarks\n")[0]
    assert "\n  Acme Cloud  * cheapest\n    input $0.50/1M · output $2.00/1M\n" in routes
    assert "\n  Other Host\n    input unknown · output unknown\n" in routes
    assert "$0/" not in out and "$0.00" not in out
    assert "  Function calling: unknown\n" in out and "  Reasoning: yes\n" in out
    assert "  Released: unknown\n" in out and "  Open weights: unknown\n" in out
    assert "No benchmark scores tracked." in out


def test_a_model_without_any_price_lists_as_unknown(capsys, tmp_path):
    root = tmp_path / "unpriced"
    _write(root, "acme/widget-1.toml", WIDGET.format(routes=UNPRICED_ROUTE))
    code, out, _ = _run(capsys, "--catalog", root, "catalog", "list")
    (row,) = [line for line in out.splitlines() if line.startswith("acme/widget-1")]
    assert code == 0 and row.split()[-3:] == ["64K", "unknown", "unknown"]
    code, out, _ = _run(capsys, "--catalog", root, "catalog", "list", "--json")
    assert json.loads(out)[0]["input"] == {"price": None, "providers": []}
    code, out, _ = _run(capsys, "--catalog", root, "model", "widget 1")
    assert "* cheapest" not in out and "input unknown · output unknown" in out


def test_an_invalid_team_catalog_is_a_one_line_error(capsys, tmp_path):
    root = tmp_path / "bad"
    _write(root, "acme/widget-1.toml", WIDGET.format(routes=PRICED_ROUTE).replace("vendor = ", "vendr = "))
    for argv in (("catalog", "list"), ("model", "widget"), ("resolve", "widget")):
        code, out, err = _run(capsys, "--catalog", root, *argv)
        _one_line_error(code, out, err, "the catalog has 2 error(s): ")
    code, out, err = _run(capsys, "--catalog", tmp_path / "missing", "catalog", "list")
    _one_line_error(code, out, err, "catalog folder not found: ")


# --- resolve --------------------------------------------------------------------------------


def test_resolve_a_match(capsys):
    code, out, _ = _run(capsys, "resolve", "gpt 4.1 mini")
    assert code == 0
    assert out.splitlines()[0] == "match: GPT-4.1 Mini (openai/gpt-4.1-mini), score 100"
    code, out, _ = _run(capsys, "resolve", "gpt", "4.1", "mini", "--json")
    data = json.loads(out)
    assert set(data) == {"match", "alternatives"}
    assert data["match"] == {"id": "openai/gpt-4.1-mini", "name": "GPT-4.1 Mini", "score": 100.0}
    assert all(set(c) == {"id", "name", "score"} for c in data["alternatives"])
    assert "openai/gpt-4.1-mini" not in [c["id"] for c in data["alternatives"]]


def test_resolve_ambiguous(capsys):
    code, out, _ = _run(capsys, "resolve", "gemini 2.5", "--json")
    data = json.loads(out)
    assert code == 0 and data["match"] is None
    ids = [c["id"] for c in data["alternatives"]]
    assert "google/gemini-2.5-pro" in ids and "google/gemini-2.5-flash" in ids
    names = {c["id"]: c["name"] for c in data["alternatives"]}
    assert names["google/gemini-2.5-pro"] == "Gemini 2.5 Pro" and names["google/gemini-2.5-flash"] == "Gemini 2.5 Flash"
    code, out, _ = _run(capsys, "resolve", "gemini 2.5")
    assert code == 0
    assert out.splitlines()[0] == "'gemini 2.5' could be more than one model; the closest:"
    assert "  - Gemini 2.5 Pro (google/gemini-2.5-pro), score " in out and "  - Gemini 2.5 Flash (google/gemini-2.5-flash), score " in out


def test_resolve_close_but_not_ambiguous(capsys):
    """A different version number matches nothing; it is offered, and not called ambiguous."""
    code, out, _ = _run(capsys, "resolve", "gpt-4.2 mini")
    assert code == 0 and out.splitlines()[0] == "no model matches 'gpt-4.2 mini'; the closest:"
    assert out.splitlines()[1].startswith("  - GPT-4.1 Mini (openai/gpt-4.1-mini), score ")


def test_resolve_nonsense(capsys):
    code, out, _ = _run(capsys, "resolve", "banana phone 9000", "--json")
    assert code == 0 and json.loads(out) == {"match": None, "alternatives": []}
    code, out, _ = _run(capsys, "resolve", "banana phone 9000")
    assert code == 0 and out.startswith("no model matches 'banana phone 9000'")
    assert "match:" not in out


def test_validate_goes_on_past_a_symlink_loop(tmp_path, capsys):
    (tmp_path / "openai").mkdir()
    (tmp_path / "openai" / "gpt-4.1-mini.toml").write_text(SEED.read_text())
    (tmp_path / "openai" / "loop.toml").symlink_to("loop.toml")
    assert main(["catalog", "validate", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert err == "" and "Traceback" not in out
    lines = out.splitlines()
    assert lines[0].endswith("openai/loop.toml: cannot be read: a symbolic link loop")
    assert lines[1] == f"1 error in 1 file (1 file checked in {tmp_path.as_posix()})"


@pytest.mark.parametrize("path", ["/dev/null", "fifo"])
def test_a_catalog_option_that_is_not_a_folder_is_one_line(tmp_path, capsys, path):
    import os

    if path == "fifo":
        path = str(tmp_path / "fifo")
        os.mkfifo(path)
    assert main(["--catalog", path, "model", "gpt-4.1 mini"]) == 2
    assert capsys.readouterr().err == f"versus: not a catalog folder (a file, FIFO or device): {path}\n"
