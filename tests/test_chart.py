"""The cost chart (engine.chart): its figures are the estimate's, the picture is a PNG a phone can show,
and matplotlib is imported only when a chart is drawn."""

from __future__ import annotations

import struct
import subprocess
import sys

import pytest

from cli.main import main
from engine.chart import MAX_BYTES, cost_chart, draw
from engine.cost import estimate, make_traffic, model_cost

PNG = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG)
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def three(bundled):
    return [bundled["anthropic/claude-sonnet-4.5"], bundled["google/gemini-2.5-pro"], bundled["openai/gpt-4.1"]]


def test_the_chart_is_the_estimates_figures(three):
    traffic = make_traffic(requests=50_000, per="day")
    chart = cost_chart(three, traffic)
    result = estimate(three, traffic)
    for line, cost in zip(chart.volume, result.models):
        (x0, y0), (x1, y1) = line.points
        assert y0 == cost.cheapest.per_request * x0 and y1 == cost.cheapest.per_request * x1
        assert x0 < traffic.requests_per_month < x1
    for mark, cost in zip(chart.at_workload, result.models):
        assert (mark.x, mark.y) == (traffic.requests_per_month, cost.cheapest.per_month)
    for line, model in zip(chart.by_input, three):
        for x, y in line.points[::8]:
            at = make_traffic(input_tokens=int(x), requests=50_000, per="day") if x == int(x) else None
            if at is None:
                continue
            cheapest = model_cost(model, at).cheapest
            assert y == (cheapest.per_month if cheapest is not None else None), (model.id, x)
    flips = [f for f in result.break_evens if f.variable == "input_tokens"]
    assert [(m.x, m.model.id) for m in chart.break_evens] == [(f.value, f.cheaper_above.id) for f in flips]
    assert flips  # Gemini 2.5 Pro and GPT-4.1 swap places at 200K: the chart has something to mark


def test_a_model_that_does_not_fit_has_no_line_and_is_said(bundled):
    traffic = make_traffic(input_tokens=300_000)
    chart = cost_chart([bundled["openai/gpt-4o"], bundled["openai/gpt-4.1"]], traffic)
    assert [line.model.id for line in chart.volume] == ["openai/gpt-4.1"]
    assert chart.not_priced == ("GPT-4o: does not fit (context 128K)",)


def test_the_picture_is_a_png_for_a_phone(three):
    data = draw(cost_chart(three, make_traffic()))
    width, height = png_size(data)
    assert height > width >= 800  # upright, wide enough to read at a phone's full width
    assert len(data) < MAX_BYTES


def test_versus_cost_writes_the_chart(tmp_path, capsys):
    path = tmp_path / "cost.png"
    code = main(["cost", "gpt-4.1 mini", "grok 4.3", "--chart", str(path)])
    out = capsys.readouterr().out
    assert code == 0 and out.endswith(f"Chart: {path}\n")
    assert png_size(path.read_bytes())[0] >= 800


def test_a_chart_that_cannot_be_written_is_one_line(tmp_path, capsys):
    code = main(["cost", "gpt-4.1 mini", "--chart", str(tmp_path / "missing" / "cost.png")])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.startswith("versus: cannot write the chart ") and err.count("\n") == 1


def test_matplotlib_is_imported_only_for_a_chart(tmp_path):
    check = "import sys; from cli.main import main; main(sys.argv[1:]); print('matplotlib' in sys.modules)"
    plain = subprocess.run([sys.executable, "-c", check, "cost", "gpt-4.1 mini"], capture_output=True, text=True, check=True)
    assert plain.stdout.strip().endswith("False")
    drawn = subprocess.run(
        [sys.executable, "-c", check, "cost", "gpt-4.1 mini", "--chart", str(tmp_path / "c.png")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert drawn.stdout.strip().endswith("True")
