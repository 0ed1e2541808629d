"""Run the benchmarks; one JSON object a line; exit 1 when a target is missed.

python benchmarks/run.py            # all of them
python benchmarks/run.py engine     # those whose module or name matches

Each benchmark module runs in a Python process of its own, so none inherits another's
Qt objects, audio connections or memory.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import benchmarks  # noqa: E402

ONE = "--one"  # run.py --one NAME: that module only, here


def modules(selected: list[str]) -> list[str]:
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if info.name.startswith("bench_")
    )
    if selected[:1] == [ONE]:
        return [name for name in names if name == selected[1]]
    if not selected:
        return names
    return [name for name in names if any(word in name for word in selected)]


def main(argv: list[str]) -> int:
    missed = 0
    chosen = modules(argv)
    if not chosen:
        print(f"no benchmark matches {' '.join(argv)!r}", file=sys.stderr)
        return 2
    if argv[:1] == [ONE]:  # in the process of its own
        for result in importlib.import_module(f"benchmarks.{chosen[0]}").run():
            print(json.dumps(result.as_json()), flush=True)
            missed += not result.ok
        return 1 if missed else 0
    for name in chosen:
        ran = subprocess.run([sys.executable, __file__, ONE, name], check=False)
        if ran.returncode not in (0, 1):
            print(f"benchmark {name} failed (exit {ran.returncode})", file=sys.stderr)
        missed += ran.returncode != 0
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
