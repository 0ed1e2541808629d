"""The Piper speech workers this test process started, found in /proc (Linux)."""

from __future__ import annotations

import os
from pathlib import Path


def piper_workers() -> list[int]:
    """Process ids of our children that serve the natural voice (``--engine piper``)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="utf-8")
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:  # it ended meanwhile
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and b"--engine" in command and b"piper" in command:
            found.append(int(entry.name))
    return found
