"""Fuzz the parsers: mutated mirror pages and files, counting uncaught exceptions and calls
over the time limit (``xxgk/fuzz.py`` says how).

    python bench/fuzz.py [--pages 5000] [--attachments 2000] [--seed 1] [--timeout 5]
                         [--save-failures DIR]

Exits 1 when any call raised or ran past the limit; with ``--save-failures`` the first input
of each kind of failure is written to DIR to reproduce it.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xxgk.fuzz import fuzz, iter_examples  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=5000, help="mutated pages")
    ap.add_argument("--attachments", type=int, default=2000, help="mutated files")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=5.0, help="seconds a call may take")
    ap.add_argument("--memory-mb", type=int, default=1024, help="worker address space")
    ap.add_argument("--save-failures", type=Path, default=None)
    args = ap.parse_args()

    def progress(done: int, total: int) -> None:
        if done % 100 == 0 or done == total:
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    report = fuzz(args.pages, args.attachments, args.seed, args.timeout,
                  args.memory_mb * 2**20, progress)  # fmt: skip
    print(file=sys.stderr)
    print("\n".join(report.lines()))
    if args.save_failures is not None:
        args.save_failures.mkdir(parents=True, exist_ok=True)
        for n, (key, name, call_args) in enumerate(iter_examples(report)):
            path = args.save_failures / f"failure-{n}.pickle"
            path.write_bytes(pickle.dumps({"failure": key, "function": name, "args": call_args}))
            print(f"{path}: {key}")
    sys.exit(1 if report.uncaught or report.over_time else 0)


if __name__ == "__main__":
    main()
