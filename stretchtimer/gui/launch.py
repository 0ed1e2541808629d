"""Open the desktop app, from the command line or another command (``play``).

Nothing here imports Qt: PySide6 is told to skip its feature scan before its first
import, which is what makes the window open sooner.
"""

from __future__ import annotations

import sys


def open_app(start: str | None = None, speed: float = 1.0, *, tray: bool = False) -> int:
    """The desktop app; ``start`` names a routine (id or file) to play at once; ``tray``
    starts in the system tray without opening the window."""
    from stretchtimer.system.pyside_tweaks import skip_feature_scan

    skip_feature_scan()
    from stretchtimer.gui.app import run_app

    return run_app(sys.argv[:1], start=start, speed=speed, tray=tray)
