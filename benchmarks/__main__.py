"""`make bench`: runs every benchmark in turn and prints its figures."""
from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_"))
    # `python -m benchmarks soak --sessions 100`: names first, then options for the one named.
    args = sys.argv[1:]
    first_option = next((i for i, a in enumerate(args) if a.startswith("-")), len(args))
    only, options = args[:first_option], args[first_option:]
    failed = 0
    for name in names:
        if only and name.removeprefix("bench_") not in only:
            continue
        module = importlib.import_module(f"benchmarks.{name}")
        if not only and getattr(module, "ONLY_BY_NAME", False):
            continue    # hours long: run when named
        print(f"\n== {name} ==", flush=True)
        try:
            module.main(options)
        except Exception as e:  # one broken benchmark must not hide the others' figures
            failed += 1
            print(f"{name} failed: {type(e).__name__}: {e}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
