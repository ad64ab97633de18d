"""``versus catalog changes|audit|refresh`` and ``versus history``: the bundled history and a real store."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from catalog import history
from catalog.loader import load_catalog
from cli.main import main
from tests.conftest import SHARED


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_changes_since_a_date_are_newest_first_and_real(capsys):
    code, out, err = _run(capsys, "catalog", "changes", "--since", "2026-11-20", "--json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert rows and all(row["date"] >= "2026-11-20" for row in rows)
    assert [row["date"] for row in rows] == sorted((row["date"] for row in rows), reverse=True)
    bundled = {c.key() for c in history.bundled()}
    from catalog.changes import Change

    assert all(Change.from_json(row).key() in bundled for row in rows)


def test_changes_of_a_vendor_by_name_or_id_prefix(capsys):
    _, by_prefix, _ = _run(capsys, "catalog", "changes", "--vendor", "qwen", "--json")
    _, by_name, _ = _run(capsys, "catalog", "changes", "--vendor", "Alibaba (Qwen)", "--json")
    rows = json.loads(by_prefix)
    assert rows and rows == json.loads(by_name)
    assert all(row["model_id"].startswith("qwen/") for row in rows)


def test_an_unknown_vendor_is_one_line_and_a_known_one_with_no_changes_is_not(capsys):
    code, out, err = _run(capsys, "catalog", "changes", "--vendor", "zzz")
    assert (code, out) == (2, "") and err == "versus: no vendor 'zzz' in the catalog or its history (versus catalog list shows the vendors)\n"
    quiet = next(v for v in load_catalog().vendors if not history.select(history.bundled(), vendor=v))
    code, out, err = _run(capsys, "catalog", "changes", "--vendor", quiet)
    assert (code, err) == (0, "") and out == "no changes of that vendor recorded\n"


def test_the_text_of_changes_names_model_provider_figures_and_percent(capsys):
    code, out, _ = _run(capsys, "catalog", "changes", "--since", "2026-11-20", "--vendor", "qwen")
    assert code == 0
    assert "2026-11-20  Qwen3.7 Max: Together AI input $1.50/1M -> $2.50/1M (+66.7%)" in out


def test_a_bad_date_is_one_line(capsys):
    with pytest.raises(SystemExit) as info:
        main(["catalog", "changes", "--since", "last tuesday"])
    out, err = capsys.readouterr()
    assert info.value.code == 2 and "not a date written YYYY-MM-DD" in err and "Traceback" not in err


def test_history_walks_prices_back_through_the_recorded_changes(capsys):
    code, out, err = _run(capsys, "history", "qwen3.7 max", "--provider", "together ai", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    (route,) = data["routes"]
    prices = [(p["since"], p["input"], p["output"]) for p in route["prices"]]
    assert prices == [(None, "2.5", "7.5"), ("2026-10-11", "1.5", "4.5"), ("2026-11-20", "2.5", "7.5")]
    model = load_catalog()["qwen/qwen3.7-max"]
    now = next(r for r in model.routes if r.provider == "Together AI")
    assert (Decimal(prices[-1][1]), Decimal(prices[-1][2])) == (now.input, now.output)


def test_history_of_a_provider_the_model_is_not_on_is_one_line(capsys):
    code, out, err = _run(capsys, "history", "gpt-4.1 mini", "--provider", "Groq")
    assert code == 2 and out == "" and err.count("\n") == 1 and "has no route on 'Groq'" in err


def test_audit_lists_every_disagreement_with_each_sources_value(capsys):
    code, out, err = _run(capsys, "catalog", "audit", "--json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    catalog = load_catalog()
    expected = sum(len(m.disagreements) + sum(len(r.disagreements) for r in m.routes) for m in catalog)
    assert len(rows) == expected > 0
    magistral = [r for r in rows if r["model"] == "mistral/magistral-medium" and r["provider"] == "Mistral API" and r["field"] == "input"]
    (row,) = magistral
    assert row["catalog"] == "2.0" and len(row["values"]) >= 2 and all(v["url"].startswith("https://") for v in row["values"])


def test_refresh_with_an_unknown_source_name_is_one_line(capsys):
    code, out, err = _run(capsys, "catalog", "refresh", "--source", "huggingface=https://example.org")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "the source must be one of models-dev, openrouter, litellm, genai-prices" in err


def test_refresh_from_a_local_file_then_every_command_uses_the_stored_catalog(capsys, tmp_path):
    release = SHARED / "data" / "litellm-history" / "1.105.0.json"
    if not release.is_file():
        pytest.skip("needs ../shared/data/litellm-history/1.105.0.json, only beside the checkout in CI and on developer machines")
    code, out, err = _run(capsys, "catalog", "refresh", "--source", f"litellm={release}")
    assert code == 0, err
    assert out.startswith("fetched litellm: LiteLLM 1.105.0 (")
    assert "stored catalog version 1 (" in out and "prices changed" in out
    # the stored version is what the other commands now read
    from catalog.current import store_catalog

    stored, where = store_catalog()
    assert where.version_id == 1
    code, out, _ = _run(capsys, "model", "grok 4.3", "--json")
    assert code == 0 and json.loads(out)["model"]["id"] == "xai/grok-4.3"
    code, out, _ = _run(capsys, "catalog", "refresh", "--source", f"litellm={release}")
    assert code == 0 and "the catalog is unchanged" in out


def test_a_store_that_cannot_be_read_is_one_line_for_every_command(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("VERSUS_DATABASE_URL", "postgresql://versus:secret-password@127.0.0.1:1/versus")
    for argv in (["model", "gpt-4.1 mini"], ["catalog", "changes"], ["catalog", "refresh", "--source", "litellm=/nowhere.json"]):
        code, out, err = _run(capsys, *argv)
        assert code != 0 and out == "", argv
        assert err.count("\n") == 1 and "secret-password" not in err, (argv, err)
