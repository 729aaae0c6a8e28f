"""`python -m core.checks.module_size`: no module of ours over 400 lines (a longer one becomes a package).

Migrations are generated, and tests are allowed to be long lists of cases.
"""

import sys
from pathlib import Path

LIMIT = 400
ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("core", "search", "editions", "resolutions", "forum_site")


def oversized() -> list[tuple[str, int]]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            count = len(path.read_text(encoding="utf-8").splitlines())
            if count > LIMIT:
                found.append((str(path.relative_to(ROOT)), count))
    return found


if __name__ == "__main__":
    rows = oversized()
    for name, count in rows:
        print(f"{name}: {count} lines (limit {LIMIT})", file=sys.stderr)
    sys.exit(1 if rows else 0)
