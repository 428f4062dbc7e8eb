"""Faults survived, measured: kill -9 at random moments of save, sync import, sync export, backup and
restore (bench/faults/harness.py), then `check` and `dump` on what is left.

    .venv/bin/python bench/faults/bench_faults.py [trials per kind, default 40] [seed]

Prints the trials, the corrupt databases and the committed edits lost (budget: 0 and 0), and how the
killed operations ended (before / after)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import run  # noqa: E402


def main() -> int:
    per_kind = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 11
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="faults-") as tmp:
        tally = run(Path(tmp), per_kind, seed=seed)
    print(tally.line())
    for k, v in sorted(tally.outcomes.items()):
        print(f"  {k}: {v}")
    for f in tally.failures[:20]:
        print("FAIL", f)
    print(f"budget: 0 corrupt, 0 lost — {'met' if not tally.corrupt and not tally.lost and not tally.failures else 'NOT met'}"
          f" ({time.perf_counter() - t0:.0f} s)")
    return 0 if not tally.failures else 1


if __name__ == "__main__":
    sys.exit(main())
