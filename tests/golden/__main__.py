"""``python -m tests.golden``: list the golden cases whose output changed; ``--update`` rewrites them."""

from __future__ import annotations

import argparse
import sys

from tests.golden import CASES, differing, update


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__)
    parser.add_argument("--update", action="store_true", help="rewrite the golden files from what versus prints now")
    args = parser.parse_args()
    if args.update:
        changed = update()
        print(f"{len(changed)} of {len(CASES)} golden files rewritten" + "".join(f"\n  {name}" for name in changed))
        return 0
    changed = differing()
    if changed:
        print(f"{len(changed)} of {len(CASES)} golden outputs differ:" + "".join(f"\n  {name}" for name in changed))
        return 1
    print(f"all {len(CASES)} golden outputs match")
    return 0


if __name__ == "__main__":
    sys.exit(main())
