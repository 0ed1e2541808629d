"""Run the benchmarks; one JSON object a line; exit 1 when a target is missed.

python benchmarks/run.py              # all of them
python benchmarks/run.py engine       # those whose module or name matches
python benchmarks/run.py --repeat 3   # each module three times: medians and their spread

Each benchmark module runs in a Python process of its own, so none inherits another's
Qt objects, audio connections or memory. With ``--repeat N`` every module runs N
times, one after another; each figure is then the median of the N runs' figures, its
``detail`` gives every run's figure and the spread (lowest to highest), and a target
counts as met only when every run met it.

Every run of a module is bounded (``BOUND_S``, or the module's own ``BOUND_S``): one that
takes longer is stopped with everything it started, said on stderr, and counts as a run
that reported nothing, a miss. How long each run took goes to stderr, and the total at
the end.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import pkgutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import benchmarks  # noqa: E402

ONE = "--one"  # run.py --one NAME: that module only, here
REPEAT = "--repeat"
BOUND_S = 600.0  # the longest one run of a module may take (a module may set its own)


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


def repeats(argv: list[str]) -> tuple[int, list[str]]:
    """``--repeat N`` taken out of ``argv``: (N, the rest)."""
    if REPEAT not in argv:
        return 1, argv
    at = argv.index(REPEAT)
    try:
        count = int(argv[at + 1])
    except (IndexError, ValueError):
        raise SystemExit("--repeat takes a whole number, e.g. --repeat 3") from None
    if count < 1:
        raise SystemExit("--repeat takes a whole number from 1 up")
    return count, argv[:at] + argv[at + 2 :]


def combined(runs: list[dict[str, Any]], expected: int | None = None) -> dict[str, Any]:
    """One line for a figure measured in several runs: the median, the spread, every run.

    With ``expected`` runs asked for, a figure that some run did not report (that run
    failed) has not met its target either.
    """
    values = [run["value"] for run in runs]
    first = runs[0]
    missing = max(0, (expected or len(runs)) - len(runs))
    return {
        "name": first["name"],
        "value": round(statistics.median(values), 4),
        "unit": first["unit"],
        "target": first["target"],
        "ok": all(run["ok"] for run in runs) and not missing,
        "detail": {
            "statistic": f"median of {len(runs)} runs"
            + (f" ({missing} more reported nothing)" if missing else ""),
            "spread": [min(values), max(values)],
            "runs": values,
            "runs_ok": [run["ok"] for run in runs],
            "first_run": first.get("detail"),
        },
    }


def of_run(code: int, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The lines of a run that ended with exit ``code``: those of a failed run (crashed,
    or stopped at its bound: not 0 or 1) all count as misses, whatever they said."""
    if code in (0, 1):
        return lines
    return [{**line, "ok": False, "run_failed": code} for line in lines]


def bound_of(name: str) -> float:
    """How long one run of module ``name`` may take: its ``BOUND_S``, else ours."""
    source = (Path(benchmarks.__path__[0]) / f"{name}.py").read_text(encoding="utf-8")
    for line in source.splitlines():
        if line.startswith("BOUND_S = "):
            return float(line.split("=", 1)[1].split("#", 1)[0])
    return BOUND_S


def run_module(name: str, bound_s: float | None = None) -> tuple[int, list[dict[str, Any]]]:
    """Run one benchmark module in a process of its own; its exit code and its lines."""
    bound = bound_of(name) if bound_s is None else bound_s
    started = time.monotonic()
    code, out, err = run_bounded([sys.executable, __file__, ONE, name], bound)
    if code == STOPPED:
        err += f"benchmark {name} took longer than {bound:.0f} s: stopped\n"
    sys.stderr.write(err)
    print(f"{name}: {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    lines = []
    for line in out.splitlines():
        try:
            lines.append(json.loads(line))
        except json.JSONDecodeError:
            print(line, file=sys.stderr)  # a stray print of the benchmark: not a result
    return code, lines


STOPPED = -signal.SIGKILL  # the exit code of a run stopped at its bound


def run_bounded(command: list[str], bound_s: float) -> tuple[int, str, str]:
    """``command``'s exit code, output and error output. Past ``bound_s`` it is stopped
    with every process it started (its own process group): ``STOPPED``, and what it had
    printed by then."""
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=bound_s)
        return process.returncode, out, err
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        try:  # a process that left the group may still hold the pipes: 10 s, no more
            out, err = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = "", ""
        return STOPPED, out, err


def main(argv: list[str]) -> int:
    count, argv = repeats(argv)
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
    started = time.monotonic()
    for name in chosen:
        by_name: dict[str, list[dict[str, Any]]] = {}
        for _ in range(count):
            code, lines = run_module(name)
            if code not in (0, 1):
                print(f"benchmark {name} failed (exit {code})", file=sys.stderr)
                missed += 1
            lines = of_run(code, lines)
            for line in lines:
                by_name.setdefault(line["name"], []).append(line)
            if count == 1:
                for line in lines:
                    print(json.dumps(line), flush=True)
        if count > 1:
            for runs in by_name.values():
                line = combined(runs, count)
                print(json.dumps(line), flush=True)
                missed += not line["ok"]
        elif any(not line["ok"] for runs in by_name.values() for line in runs):
            missed += 1
    minutes = (time.monotonic() - started) / 60.0
    print(f"{len(chosen)} modules, {count} run(s) each: {minutes:.1f} min", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
