"""`make bench`: runs every benchmark in turn and prints its figures."""
from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_"))
    only = sys.argv[1:]
    failed = 0
    for name in names:
        if only and name.removeprefix("bench_") not in only:
            continue
        print(f"\n== {name} ==", flush=True)
        try:
            importlib.import_module(f"benchmarks.{name}").main([])
        except Exception as e:  # one broken benchmark must not hide the others' figures
            failed += 1
            print(f"{name} failed: {type(e).__name__}: {e}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
