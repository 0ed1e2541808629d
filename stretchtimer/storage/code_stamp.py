"""What a result kept between runs was made by: the size and modification time of the
package's files that make it, so that a kept result stops being trusted as soon as any
of them changes (a new version, an edit in a checkout)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parents[1]  # the stretchtimer package


def stamp_files(digest: Any, patterns: Iterable[str]) -> None:
    """Add the name, size and modification time of every file of the package matching
    ``patterns`` (glob patterns below the package's folder) to ``digest``."""
    for pattern in patterns:
        for path in sorted(PACKAGE.glob(pattern)):
            try:
                stat = path.stat()
            except OSError:
                continue
            digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
