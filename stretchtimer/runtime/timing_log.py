"""A machine-readable record of what was played when, for tests and benchmarks.

Set ``STRETCHTIMER_CUE_LOG=/path/file.jsonl`` and every chime, clip, dropped
cue and silencing is written as one JSON object a line, with ``at`` (the
monotonic clock right after the sound was started or stopped) and, for cues,
``due`` (the exact time the plan wanted it). It is off unless asked for.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any, TextIO

VARIABLE = "STRETCHTIMER_CUE_LOG"


class TimingLog:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    @classmethod
    def from_environment(cls) -> TimingLog | None:
        target = os.environ.get(VARIABLE, "").strip()
        if not target:
            return None
        return cls(Path(target).open("a", encoding="utf-8", buffering=1))

    def write(self, what: str, **fields: Any) -> None:
        record = {"what": what, "at": time.monotonic(), **fields}
        self._stream.write(json.dumps(record, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self._stream.close()
