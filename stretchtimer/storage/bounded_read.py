"""Read a file that anybody could have put in the app's way, within bounds.

A path can name a folder, a FIFO that blocks the reader for ever, ``/dev/zero``
that never ends, or a file of gigabytes. :func:`read_bounded` reads only a
regular file, checks its size before reading a byte, never blocks on opening,
and stops reading one byte past the limit however the file grows meanwhile.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from stretchtimer.core.i18n import _, n_

CHUNK = 1024 * 1024


class FileRefusedError(Exception):
    """The path is not a file the app will read; ``reason`` completes "The file …"."""

    def __init__(self, path: Path, reason: str, size: int | None = None) -> None:
        super().__init__(f"{path} {reason}")
        self.path = path
        self.reason = reason
        self.size = size  # set when the file is too large


def size_text(size: int) -> str:
    """A byte count as a person reads it: ``512 bytes``, ``3.2 MB``, ``5.9 GB``."""
    if size < 1000:
        return n_("{count} byte", "{count} bytes", size).format(count=size)
    for unit, scale in (("KB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        if size < scale * 1000 or unit == "GB":
            return f"{size / scale:.1f} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`FileRefusedError` for a folder, a device, a FIFO, a socket or a file
    over ``limit``; ``OSError`` (``FileNotFoundError``, ``PermissionError``, …)
    when the file cannot be opened or read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    if path.is_dir():  # Windows cannot open a folder at all; say what it is everywhere
        raise FileRefusedError(path, _("is a folder, not a file"))
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise FileRefusedError(path, _("is a folder, not a file"))
        if not stat.S_ISREG(status.st_mode):
            raise FileRefusedError(
                path, _("is not an ordinary file (a device, a pipe or a socket)")
            )
        if status.st_size > limit:
            raise FileRefusedError(path, _too_large(status.st_size, limit), status.st_size)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(descriptor, min(CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileRefusedError(path, _too_large(total, limit, growing=True), total)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def _too_large(size: int, limit: int, *, growing: bool = False) -> str:
    if growing:
        return _("grew past the limit of {limit}; is this the right file?").format(
            limit=size_text(limit)
        )
    return _("is {size}, over the limit of {limit}; is this the right file?").format(
        size=size_text(size), limit=size_text(limit)
    )
