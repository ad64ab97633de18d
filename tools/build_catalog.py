"""Rebuild the bundled catalog, its history and its last good snapshots from the public snapshots.

    python tools/build_catalog.py [--shared ../shared/data] [--out catalog/models]

What a refresh does at run time (``catalog.refresh``), done here on the snapshots in ``../shared/data``
with their true provenance (``catalog.sources.known``), so that a fresh install works offline:

1. read models.dev, OpenRouter and genai-prices, and LiteLLM at each of its four releases;
2. reconcile them release by release, oldest first (``catalog.reconcile``, with the curation overlay in
   ``catalog/curation/``), each time as of the release's date and from the previous result, so that the
   changes between releases are recorded as a refresh would have recorded them (``catalog.history.diff``),
   with the dated prices genai-prices lists (``catalog.history.dated_changes``);
3. write the last result as one file per model (``catalog/models/``), the history
   (``catalog/data/history.json``) and the four sources' snapshots as the bundled last good ones
   (``catalog/data/snapshots/``: a refresh that fetches only some sources keeps these for the others).

Every step is reproducible from the inputs; tests check the files are what this produces.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from catalog import history  # noqa: E402
from catalog.curation import Curation  # noqa: E402
from catalog.importers.write import write_catalog  # noqa: E402
from catalog.loader import validate_tree  # noqa: E402
from catalog.reconcile import listing_groups, reconcile  # noqa: E402
from catalog.refresh import BUNDLED_SNAPSHOTS  # noqa: E402
from catalog.schema import Model  # noqa: E402
from catalog.sources import Snapshot, dump_snapshot  # noqa: E402
from catalog.sources.known import LITELLM_HISTORY, SHARED, read_known  # noqa: E402


def read_shared(shared: Path) -> tuple[list[Snapshot], list[Snapshot]]:
    """(models.dev, OpenRouter and genai-prices), and LiteLLM at each release, oldest first."""
    others = [read_known(known, shared) for known in SHARED if known.source != "litellm"]
    releases = [read_known(known, shared) for known in LITELLM_HISTORY]
    return others, releases


def replay(others: list[Snapshot], releases: list[Snapshot], curation: Curation) -> tuple[list[Model], list, list[str]]:
    """The catalog after the last release, every change on the way, and every problem met."""
    previous: list[Model] = []
    changes = []
    problems: list[str] = []
    for index, release in enumerate(releases):
        as_of = release.fetched_at.date()
        result = reconcile([*others, release], curation, previous=previous, as_of=as_of)
        problems += [f"LiteLLM {release.version}: {line}" for line in result.problems]
        if index:
            changes += history.diff(previous, result.models, as_of)
        previous = result.models
    groups = listing_groups([*others, releases[-1]], curation)
    changes += history.dated_changes(history.dated_routes(previous, groups, source="genai-prices"))
    return previous, changes, problems


def build(shared: Path, out: Path, data: Path = BUNDLED_SNAPSHOTS.parent) -> tuple[list[Path], list[str]]:
    """Write the catalog under ``out`` and its history and snapshots under ``data``; returns every file
    written and every problem met."""
    curation = Curation.load()
    others, releases = read_shared(shared)
    models, changes, problems = replay(others, releases, curation)
    written = write_catalog(models, out)
    history_file = data / history.HISTORY_FILE.name
    history.write_bundled(changes, history_file)
    snapshots = data / BUNDLED_SNAPSHOTS.name
    snapshots.mkdir(parents=True, exist_ok=True)
    for snapshot in [*others, releases[-1]]:
        target = snapshots / f"{snapshot.source}.json.gz"
        target.write_bytes(dump_snapshot(snapshot))
        written.append(target)
    return [*written, history_file], problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "catalog" / "models")
    parser.add_argument("--data", type=Path, default=BUNDLED_SNAPSHOTS.parent, help="where the history and snapshots go")
    args = parser.parse_args(argv)
    _, problems = build(args.shared, args.out, args.data)
    loaded, invalid = validate_tree(args.out)
    for line in problems + [str(e) for e in invalid]:
        print(line, file=sys.stderr)
    vendors = {m.vendor for m in loaded}
    routes = sum(len(m.routes) for m in loaded)
    print(f"catalog has {len(loaded)} models, {len(vendors)} vendors, {routes} routes")
    return 1 if problems or invalid else 0


if __name__ == "__main__":
    sys.exit(main())
