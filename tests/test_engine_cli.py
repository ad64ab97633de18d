"""versus compare / cost / faq: output, JSON, exit codes and one-line errors."""

from __future__ import annotations

import importlib.util
import json

import pytest

from cli.main import main

needs_common = pytest.mark.skipif(
    importlib.util.find_spec("cli.common") is None, reason="cli/common.py (model resolution) has not landed"
)
needs_resolver = pytest.mark.skipif(
    importlib.util.find_spec("catalog.resolver") is None, reason="catalog/resolver.py has not landed"
)

SEED = ["openai/gpt-4.1-mini", "xai/grok-4.3"]


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--input-tokens", "-5", "--input-tokens must be a whole number of 0 or more, not '-5'"),
        ("--output-tokens", "many", "--output-tokens must be a whole number"),
        ("--requests", "1.5", "--requests must be a whole number"),
        ("--cached", "1.5", "--cached must be a number from 0 to 1"),
        ("--batch", "abc", "--batch must be a number from 0 to 1"),
        ("--batch", "-0.1", "--batch must be a number from 0 to 1"),
    ],
)
@pytest.mark.parametrize("command", ["compare", "cost"])
def test_bad_traffic_is_one_line_and_non_zero(capsys, command, option, value, message):
    code, out, err = _run(capsys, command, *SEED, f"{option}={value}")
    assert code != 0 and out == ""
    assert err.startswith("versus: " + message)
    assert err.count("\n") == 1 and "Traceback" not in err


def test_compare_needs_two_to_four(capsys):
    code, _, err = _run(capsys, "compare", SEED[0])
    assert code == 2 and err == "versus: compare takes 2 to 4 models, not 1\n"


def test_unknown_section(capsys):
    code, _, err = _run(capsys, "compare", *SEED, "--section", "nope")
    assert code == 2 and err.startswith("versus: no section 'nope'; choose from: overview, pricing")


@needs_common
def test_compare_text_fits_80_columns(capsys):
    code, out, _ = _run(capsys, "compare", *SEED)
    assert code == 0
    assert out.startswith("GPT-4.1 Mini vs Grok 4.3\n")
    for heading in ("Decision scorecard", "Monthly cost at traffic", "Switch friction", "Benchmarks", "FAQ"):
        assert f"\n{heading}\n" in out
    assert "$720/month" in out and "$1,625/month" in out and "$905/month" in out
    assert "No shared benchmark rows for these models." in out
    assert max(len(line) for line in out.splitlines() if not line.strip().startswith("http")) <= 80


@needs_common
def test_compare_json_and_section(capsys):
    code, out, _ = _run(capsys, "compare", SEED[0], "xai/grok-4.20", "--json")
    data = json.loads(out)
    assert code == 0 and data["benchmark_leads"][0]["lead"] == 53.1
    code, out, _ = _run(capsys, "compare", *SEED, "--section", "cost", "--requests", "2M", "--json")
    (section,) = json.loads(out)
    assert section["key"] == "cost" and [f["value"] for f in section["figures"]] == [1440, 3250]
    code, out, _ = _run(capsys, "compare", *SEED, "--section", "pricing")
    assert "Monthly cost at traffic" in out and "Pricing and availability" in out and "Specs" not in out


@needs_common
def test_cost_command(capsys):
    code, out, _ = _run(capsys, "cost", *SEED, "--requests", "1000", "--per", "day", "--cached", "30%")
    assert code == 0
    assert "1,000 requests a day" in out and "cheapest" in out
    assert "Replicate API: cached input priced at the standard" in " ".join(out.split())  # no cached price published
    code, out, _ = _run(capsys, "cost", SEED[0], "--json")
    data = json.loads(out)
    assert data["models"][0]["cheapest"]["per_month"] == 720


@needs_common
def test_unknown_model_is_one_line_with_suggestions(capsys):
    code, out, err = _run(capsys, "compare", SEED[0], "zzqx-no-such-model")
    assert code != 0 and out == ""
    assert err.startswith("versus: no model matches 'zzqx-no-such-model'")
    assert "Traceback" not in err


@needs_common
def test_discord_preview_or_a_clear_error(capsys):
    code, out, err = _run(capsys, "compare", *SEED, "--discord")
    if importlib.util.find_spec("bot.preview") is None:
        assert code == 2 and err == "versus: the Discord preview is not available\n"
    else:
        assert code == 0 and json.loads(out)


@needs_common
@needs_resolver
def test_faq_command(capsys):
    code, out, _ = _run(capsys, "faq", "which is cheaper, gpt-4.1 mini or grok 4.3?")
    assert code == 0 and "68% cheaper" in out
    code, out, _ = _run(capsys, "faq", "which is cheaper, gpt-4.1 mini or grok 4.3?", "--json")
    assert json.loads(out)["intent"] == "cheaper"
    code, out, _ = _run(capsys, "faq", "write a poem about grok 4.3")
    assert code == 1 and "I can't answer that from the catalog" in out


@needs_common
@pytest.mark.parametrize("command", ["compare", "cost"])
def test_input_that_cannot_fit_a_context_window_is_refused(capsys, command):
    code, out, err = _run(capsys, command, *SEED, "--input-tokens", "2000000")
    assert code == 2 and out == ""
    assert err == (
        "versus: impossible traffic: 2,000,000 input tokens per request do not fit "
        "GPT-4.1 Mini's context window of 1,047,576 tokens\n"
    )
    code, _, _ = _run(capsys, command, *SEED, "--input-tokens", "1000000")
    assert code == 0


def test_a_family_name_is_read_as_its_newest_model_and_said_on_stderr(capsys, bundled):
    code, out, err = _run(capsys, "model", "claude-sonnet-latest", "--json")
    card = json.loads(out)
    name = card["model"]["name"]
    assert code == 0 and name.startswith("Claude Sonnet")
    assert err.startswith(f"versus: 'claude sonnet' read as {name}, the newest active model of the family")
    assert err.count("\n") == 1
