"""Logging: one named logger per module, a rotating file in the logs folder.

The rotation is a few lines here rather than ``logging.handlers``, which pulls in
sockets, pickle and queues (most of a megabyte) that a desktop app never uses.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from stretchtimer.storage.paths import Paths, ensure_private_dir

LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(paths: Paths, *, level: int = logging.INFO) -> Path | None:
    """Send log records to ``paths.log_file``; returns it, or None if it cannot be written."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_stretchtimer", False):
            root.removeHandler(handler)
            handler.close()
    try:
        ensure_private_dir(paths.logs)
        handler = RotatingFile(paths.log_file)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._stretchtimer = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    _private(paths.log_file)
    return paths.log_file


class RotatingFile(logging.FileHandler):
    """A log file that moves aside to ``.1`` (``.1`` to ``.2``, ...) when it grows too big."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8", delay=True)
        self.path = path

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= LOG_BYTES:
                self._rotate()
        except OSError:
            pass  # keep logging to the file we have
        super().emit(record)

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
        self.stream = None
        for number in range(LOG_BACKUPS - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{number}")
            if older.exists():
                older.replace(self.path.with_name(f"{self.path.name}.{number + 1}"))
        self.path.replace(self.path.with_name(f"{self.path.name}.1"))
        _private(self.path)


def _private(path: Path) -> None:
    """Create the log file owner-only before the handler opens it."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError:
        pass


def log_tail(paths: Paths, lines: int = 60) -> str:
    """The last ``lines`` lines of the log, for "copy details" and bug reports."""
    try:
        text = paths.log_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log file)"
    return "\n".join(text.splitlines()[-lines:])
