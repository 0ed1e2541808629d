"""What every benchmark shares: a result line and a median timer."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Result:
    """One measured number and its target; ``ok`` says whether the target was met."""

    name: str
    value: float
    unit: str
    target: float | None
    ok: bool
    detail: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        if data["detail"] is None:
            del data["detail"]
        return data


def at_most(name: str, value: float, unit: str, target: float, **detail: Any) -> Result:
    return Result(name, round(value, 4), unit, target, value <= target, detail or None)


def reported(name: str, value: float, unit: str, **detail: Any) -> Result:
    """A number worth watching that has no target."""
    return Result(name, round(value, 4), unit, None, True, detail or None)


def p95(values: list[float]) -> float:
    """The 95th percentile of ``values``; the largest when there are too few (under 20)
    for a 95th to differ from it."""
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def median_ms(task: Callable[[], object], *, runs: int, warmup: int = 1) -> float:
    """Median wall time of ``task`` in milliseconds."""
    for _ in range(warmup):
        task()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        task()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


def end_process(process: subprocess.Popen[Any], grace: float = 10) -> None:
    """End ``process``: asked to, then killed after ``grace`` seconds."""
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
