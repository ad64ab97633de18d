"""versus top and versus catalog list --sort: output, JSON, one-line errors."""

from __future__ import annotations

import json

import pytest

from catalog.schema import Capability, Tri
from cli.main import main
from engine import numbers


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_top_by_context_with_filters_as_json(capsys, bundled):
    code, out, err = _run(capsys, "top", "--by", "context", "--capability", "vision", "--vendor", "google", "--limit", "3", "--json")
    assert code == 0 and err == ""
    result = json.loads(out)
    assert result["measure"] == "context" and len(result["entries"]) <= 3
    for entry in result["entries"]:
        model = bundled.get(entry["model"]["id"])
        assert model.vendor == "Google" and model.capabilities.vision is Tri.YES
        assert entry["value"] == model.context_window
        assert entry["source"]["url"] and entry["source"]["date"]


def test_top_text_shows_each_figure_with_its_source(capsys, bundled):
    code, out, _ = _run(capsys, "top", "--by", "input", "--capability", "function-calling", "--limit", "2")
    assert code == 0
    assert out.startswith("Lowest input price, with function calling\n")
    result = json.loads(_run(capsys, "top", "--by", "input", "--capability", "function-calling", "--limit", "2", "--json")[1])
    for entry in result["entries"]:
        assert entry["model"]["name"] in out and entry["text"] in out and entry["source"]["url"] in out


def test_top_by_benchmark_name_as_typed(capsys):
    code, out, _ = _run(capsys, "top", "--by", "aider polyglot", "--open-weights", "--json")
    result = json.loads(out)
    assert code == 0 and result["measure"] == "benchmark" and result["benchmark"] == "Aider Polyglot"


def test_top_cost_is_priced_at_the_traffic_options(capsys):
    code, out, _ = _run(capsys, "top", "--input-tokens", "20k", "--requests", "50k", "--per", "day", "--json")
    traffic = json.loads(out)["traffic"]
    assert code == 0 and traffic["input_tokens"] == 20_000 and traffic["requests_per_month"] == 1_500_000


def test_top_max_price_caps_the_chosen_price(capsys, bundled):
    code, out, _ = _run(capsys, "top", "--by", "context", "--max-price", "$1", "--max-price-of", "output", "--limit", "25", "--json")
    assert code == 0
    for entry in json.loads(out)["entries"]:
        model = bundled.get(entry["model"]["id"])
        assert min(r.output for r in model.routes if r.priced and r.sold) <= 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--by", "speed"], "no measure or benchmark 'speed'; choose from: cost, input, output"),
        (["--capability", "telepathy"], "no capability 'telepathy'; choose from:"),
        (["--vendor", "nobody"], "no vendor 'nobody' in the catalog"),
        (["--limit", "0"], "--limit must be 1 to 25, not 0"),
        (["--limit", "30"], "--limit must be at most 25"),
        (["--max-price", "cheap"], "--max-price must be an amount in USD per 1M tokens"),
        (["--min-context", "-1"], "--min-context must be a whole number"),
        (["--requests", "lots"], "--requests must be a whole number"),
    ],
)
def test_bad_top_options_are_one_line(capsys, argv, message):
    code, out, err = _run(capsys, "top", *argv)
    assert code == 2 and out == ""
    assert err.startswith("versus: " + message), err
    assert err.count("\n") == 1


def test_catalog_list_sort_newest(capsys, bundled):
    code, out, _ = _run(capsys, "catalog", "list", "--sort", "newest", "--json")
    dates = [m["release_date"] for m in json.loads(out)]
    known = [d for d in dates if d is not None]
    assert code == 0 and dates[: len(known)] == sorted(known, reverse=True)
    code, text, _ = _run(capsys, "catalog", "list", "--sort", "newest", "--vendor", "xai")
    assert code == 0 and text.startswith("Sorted: newest first\n")


def test_top_discord_body_lists_each_model(capsys):
    code, out, _ = _run(capsys, "top", "--by", "released", "--limit", "3", "--discord")
    body = json.loads(out)[0]
    embed = body["data"]["embeds"][0]
    assert code == 0 and embed["title"] == "Newest"
    assert embed["description"].count("\n") >= 3
