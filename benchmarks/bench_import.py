"""``import_*``: refusing a bad import file costs time in proportion to its size.

A history import full of mistakes is checked and refused; the report names the
first few and counts the rest, so 4,000 bad sessions cost about eight times what
500 do (the attack run measured 0.75 s and 19.9 s before: the report was
quadratic). A file over the size limit is refused before a byte is read.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Result, at_most
from stretchtimer.storage.history.exchange.importing import ImportFileError, read_import_file

BAD_TARGET_S = 2.0  # 4,000 bad sessions
RATIO_TARGET = 24.0  # 8 times the sessions: linear is 8, quadratic 64; room for a busy machine
HUGE_TARGET_MS = 50.0


def _refuse(path: Path) -> float:
    start = time.perf_counter()
    try:
        read_import_file(path)
    except ImportFileError:
        pass
    else:  # pragma: no cover - the benchmark's own mistake
        raise AssertionError(f"{path} was accepted")
    return time.perf_counter() - start


def _bad_file(folder: Path, count: int) -> Path:
    path = folder / f"bad-{count}.json"
    item = {"id": "not-a-uuid", "started_at": "2024-05-01T08:00:00Z", "status": "completed"}
    path.write_text(json.dumps({"sessions": [item] * count}, indent=1))
    return path


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        small = min(_refuse(_bad_file(folder, 500)) for _ in range(3))
        large = min(_refuse(_bad_file(folder, 4000)) for _ in range(3))
        huge = folder / "huge.json"
        with huge.open("wb") as handle:
            handle.truncate(5 * 1000 * 1000 * 1000)
        huge_ms = _refuse(huge) * 1000
    return [
        at_most("import_bad_4000_s", large, "s", BAD_TARGET_S),
        at_most("import_bad_ratio", large / small, "x", RATIO_TARGET, small_s=round(small, 4)),
        at_most("import_huge_refused_ms", huge_ms, "ms", HUGE_TARGET_MS),
    ]
