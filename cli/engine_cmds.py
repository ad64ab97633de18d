"""``versus compare`` and ``versus cost``, and the text layout of every engine answer (``versus faq``'s too).

The engine computes and words every fact; this module only lays results out for an 80-column
terminal, prints them as JSON (``--json``) or as the Discord bodies the bot would send
(``--discord``).
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Iterable, Sequence

from cli.common import load_for_args, output_options, resolve_or_fail
from cli.errors import CliError
from cli.text import INDENT, WIDTH, heading, one_line, print_discord, print_json, wrap
from cli.traffic import traffic_from, traffic_options
from engine import SECTION_GROUPS, SECTION_KEYS, numbers
from engine.compare import MAX_MODELS, MIN_MODELS, compare
from engine.cost import context_problem, estimate, unfit
from engine.results import Comparison, CostEstimate, FaqAnswer, Section, Table, Traffic

LABEL_WIDTH = 22
COLUMN_GAP = 2
SECTION_CHOICES = tuple(SECTION_GROUPS) + tuple(k for k in SECTION_KEYS if k not in SECTION_GROUPS)
"""What --section takes: a group name (a group wins over a section of the same name), or one section."""

# --- registering the commands ---------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:
    compare_parser = subparsers.add_parser(
        "compare",
        help="compare two to four models, section by section",
        description="Compare two to four models: summary, scorecard, trade-offs, monthly cost, switch friction, "
        "specs, pricing, capabilities, benchmarks, deep dive, FAQ and sources.",
    )
    compare_parser.add_argument("models", nargs="+", metavar="MODEL", help="two to four model names or ids")
    compare_parser.add_argument(
        "--section",
        metavar="S",
        help=f"show one group of sections or one section: {', '.join(SECTION_CHOICES)}",
    )
    traffic_options(compare_parser)
    output_options(compare_parser)
    compare_parser.set_defaults(func=run_compare)

    cost_parser = subparsers.add_parser(
        "cost",
        help="price a traffic on every route of one or more models",
        description="Price a traffic on every route of each model: per request, per day and per month, "
        "the cheapest route marked, and where two models' ranking flips.",
    )
    cost_parser.add_argument("models", nargs="+", metavar="MODEL", help="model names or ids")
    traffic_options(cost_parser)
    cost_parser.add_argument(
        "--chart",
        metavar="FILE.png",
        help="also draw the monthly cost against monthly requests and against input tokens (break-evens marked) "
        "as a PNG picture",
    )
    output_options(cost_parser)
    cost_parser.set_defaults(func=run_cost)


def resolve_models(args: argparse.Namespace, names: Sequence[str]) -> list:
    """Each name resolved to one catalog model, or a one-line "did you mean" error."""
    catalog = load_for_args(args)
    models = [resolve_or_fail(catalog, name) for name in names]
    return models


# --- the commands ---------------------------------------------------------------------------


def run_compare(args: argparse.Namespace) -> int:
    if not MIN_MODELS <= len(args.models) <= MAX_MODELS:
        raise CliError(f"compare takes {MIN_MODELS} to {MAX_MODELS} models, not {len(args.models)}")
    section_keys = _section_keys(args.section)
    traffic = traffic_from(args)
    models = resolve_models(args, args.models)
    if len({m.id for m in models}) != len(models):
        raise CliError("compare needs different models; two names matched " + _repeated(models))
    _check_fits(models, traffic)
    # Only the sections shown are worked out (the --discord preview shows every group).
    result = compare(models, traffic, sections=None if args.discord else section_keys)
    sections = [s for s in result.sections if s.key in section_keys]
    if args.json:
        if args.section:
            print_json([s.as_dict(json=True) for s in sections])
        else:
            print_json(result.as_dict(json=True))
        return 0
    if args.discord:
        return print_discord(result)
    print(render_comparison(result, sections))
    return 0


def run_cost(args: argparse.Namespace) -> int:
    traffic = traffic_from(args)
    models = resolve_models(args, args.models)
    if len(unfit(models, traffic)) == len(models):  # some that fit are priced, those that do not are marked
        _check_fits(models, traffic)
    distinct = list({m.id: m for m in models}.values())
    result = estimate(distinct, traffic)
    if args.chart is not None:
        write_chart(args.chart, distinct, traffic)
    if args.json:
        print_json(result.as_dict(json=True))
        return 0
    if args.discord:
        return print_discord(result)
    print(render_cost(result))
    if args.chart is not None:
        print(f"\nChart: {args.chart}")
    return 0


def write_chart(path: str, models: Sequence, traffic: Traffic) -> None:
    """The cost chart as a PNG file (matplotlib is imported here, only when a chart is asked for)."""
    from cli.common import shown_path
    from engine.chart import cost_chart, draw

    if not path.strip():
        raise CliError("--chart needs a file name, e.g. --chart cost.png")
    png = draw(cost_chart(models, traffic))
    try:
        with open(path, "wb") as out:
            out.write(png)
    except OSError as exc:
        raise CliError(f"cannot write the chart {shown_path(path)}: {exc.strerror or exc.__class__.__name__}") from None


def _check_fits(models: Sequence, traffic: Traffic) -> None:
    problem = context_problem(models, traffic)
    if problem is not None:
        raise CliError(f"impossible traffic: {problem}")


def _section_keys(section: str | None) -> set[str]:
    if section is None:
        return set(SECTION_KEYS)
    wanted = section.strip().lower().replace("-", "_")
    if wanted in SECTION_GROUPS:
        return set(SECTION_GROUPS[wanted])
    if wanted in SECTION_KEYS:
        return {wanted}
    raise CliError(f"no section '{one_line(section)[:80]}'; choose from: {', '.join(SECTION_CHOICES)}")


def _repeated(models: Sequence) -> str:
    seen: set[str] = set()
    for model in models:
        if model.id in seen:
            return f"{model.name} ({model.id})"
        seen.add(model.id)
    return ""


# --- text layout ----------------------------------------------------------------------------


def render_table(table: Table) -> str:
    if not table.rows:
        return wrap(table.empty_text or "", INDENT)
    columns = len(table.columns)
    room = WIDTH - len(INDENT) - LABEL_WIDTH - COLUMN_GAP * columns
    width = max(room // columns, 8)
    header = [table.label_header, *table.columns]
    lines = _table_lines(header, width)
    lines.append(INDENT + "-" * (LABEL_WIDTH + (width + COLUMN_GAP) * columns))
    for row in table.rows:
        cells = [row.label] + [c.text + (" *" if c.best else "") for c in row.cells]
        lines += _table_lines(cells, width)
        if row.note:
            lines.append(wrap(row.note, INDENT * 2, INDENT * 2))
    if any(c.best for row in table.rows for c in row.cells):
        lines.append(INDENT + "* leads the row")
    return "\n".join(lines)


def _table_lines(cells: Sequence[str], width: int) -> list[str]:
    wrapped = [textwrap.wrap(cells[0], LABEL_WIDTH) or [""]]
    wrapped += [textwrap.wrap(c, width, break_on_hyphens=False) or [""] for c in cells[1:]]
    height = max(len(w) for w in wrapped)
    lines = []
    for index in range(height):
        parts = [(wrapped[0][index] if index < len(wrapped[0]) else "").ljust(LABEL_WIDTH)]
        parts += [(w[index] if index < len(w) else "").ljust(width) for w in wrapped[1:]]
        lines.append((INDENT + (" " * COLUMN_GAP).join(parts)).rstrip())
    return lines


def render_section(section: Section) -> str:
    blocks = [heading(section.title)]
    blocks += [wrap(t, INDENT) for t in section.text]
    if section.figures:
        blocks.append("\n".join(_figure(f.label, f.text, f.detail) for f in section.figures))
    if section.bullets:
        blocks.append("\n".join(wrap(b, INDENT + "- ", INDENT + "  ") for b in section.bullets))
    blocks += [render_table(t) for t in section.tables]
    blocks += [render_faq_item(a) for a in section.faq]
    if section.sources:
        blocks.append("\n".join(_source(s.title, s.url, s.dated) for s in section.sources))
    return "\n\n".join(b for b in blocks if b)


def _figure(label: str, text: str, detail: str | None) -> str:
    line = f"{INDENT}{label}: {text}"
    if detail:
        line += "\n" + wrap(detail, INDENT * 2)
    return line


def _source(title: str, url: str, dated: str) -> str:
    return wrap(f"{title} ({dated})", INDENT + "- ", INDENT + "  ") + f"\n{INDENT}  {url}"


def render_comparison(result: Comparison, sections: Iterable[Section]) -> str:
    blocks = [heading(result.title, "=")]
    blocks += [render_section(s) for s in sections]
    return "\n\n".join(blocks)


def render_faq_item(answer: FaqAnswer) -> str:
    return (
        wrap(f"Q: {answer.question}", INDENT, INDENT + "   ")
        + "\n"
        + wrap(f"A: {answer.answer}", INDENT, INDENT + "   ")
    )


def render_faq(answer: FaqAnswer) -> str:
    blocks = [wrap(answer.answer)]
    if answer.ranking is not None and answer.ranking.entries:
        from cli.top_cmd import render_entries

        blocks.append(render_entries(answer.ranking))
    if answer.table is not None:
        blocks.append(render_table(answer.table))
    if answer.cost is not None:
        blocks.append(render_routes(answer.cost))
    return "\n\n".join(blocks)


ROUTE_COLUMNS = ("per request", "per day", "per month")
FIGURE_WIDTH = 12


def render_routes(result: CostEstimate) -> str:
    """Each model's routes, one line each: per request, per day, per month, the cheapest marked."""
    blocks = []
    for cost in result.models:
        header = "Route".ljust(LABEL_WIDTH) + "".join(c.rjust(FIGURE_WIDTH) for c in ROUTE_COLUMNS)
        lines = [heading(cost.model.name), INDENT + header]
        if not cost.fits:
            blocks.append("\n".join([heading(cost.model.name), INDENT + cost.route_text]))
            continue
        for route in cost.routes:
            label = INDENT + route.provider[: LABEL_WIDTH - 1].ljust(LABEL_WIDTH)
            if not route.known:
                lines.append(label + route.text.rjust(FIGURE_WIDTH))
                continue
            figures = (route.per_request, route.per_day, route.per_month)
            mark = "  cheapest" if route.cheapest else ""
            lines.append(label + "".join(numbers.usd(f).rjust(FIGURE_WIDTH) for f in figures) + mark)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_cost(result: CostEstimate) -> str:
    blocks = [wrap(result.summary[0]), render_routes(result)]
    rest = result.summary[1 + len(result.models) :]
    if rest:
        blocks.append("\n".join(wrap(line, INDENT + "- ", INDENT + "  ") for line in rest))
    if result.notes:
        blocks.append("Notes:\n" + "\n".join(wrap(n, INDENT + "- ", INDENT + "  ") for n in result.notes))
    return "\n\n".join(blocks)
