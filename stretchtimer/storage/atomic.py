"""Write files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from stretchtimer.storage.paths import ensure_private_dir

PRIVATE_FILE_MODE = 0o600


def write_atomically(path: Path, data: bytes, *, mode: int = PRIVATE_FILE_MODE) -> None:
    """Replace ``path`` with ``data`` in one step: the old file stays until the new one is whole.

    The new file is owner-readable only by default. Raises OSError (disk full,
    read-only folder, ...) without touching the old file.
    """
    import tempfile  # only when writing: start-up reads files, it does not write them

    ensure_private_dir(path.parent)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(mode)
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_folder(path.parent)


@contextlib.contextmanager
def atomic_stream(path: Path, *, mode: int = PRIVATE_FILE_MODE) -> Iterator[BinaryIO]:
    """Like :func:`write_atomically` for a file written piece by piece (a large export).

    ``path`` is replaced only when the block ends without an error.
    """
    ensure_private_dir(path.parent)
    import tempfile

    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(mode)
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_folder(path.parent)


def write_text_atomically(path: Path, text: str, *, mode: int = PRIVATE_FILE_MODE) -> None:
    write_atomically(path, text.encode("utf-8"), mode=mode)


def write_private_new(path: Path, data: bytes) -> None:
    """Create ``path`` (it must not exist) holding ``data``, readable by its owner only.

    A half-written file (the disk filled) is removed. Raises OSError.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def keep_aside(path: Path, reason: str) -> Path:
    """Rename ``path`` to a free ``<name>.<reason>-N`` beside it and return the new path."""
    number = 1
    while True:
        target = path.with_name(f"{path.name}.{reason}-{number}")
        if not target.exists():
            path.replace(target)
            return target
        number += 1


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
