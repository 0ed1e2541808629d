"""Open the desktop app, from the command line or another command (``play``).

Nothing here imports Qt: PySide6 is told to skip its feature scan before its first
import, which is what makes the window open sooner.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stretchtimer.core.session.options import PlayOptions


def open_app(
    start: str | None = None,
    speed: float = 1.0,
    *,
    tray: bool = False,
    options: PlayOptions | None = None,
) -> int:
    """The desktop app; ``start`` names a routine (id or file) to play at once, as
    ``options`` say (also when the app already runs); ``tray`` starts in the system tray
    without opening the window. ``speed`` runs every session faster (tests)."""
    import gc

    # Start-up makes objects that live as long as the app, tens of thousands of them
    # (modules, classes, Qt wrappers): collections that walk them find next to nothing.
    # None until the window is filled in (gui/app.py settle_the_heap turns them back on).
    gc.disable()
    try:
        from stretchtimer.system.pyside_tweaks import skip_feature_scan

        skip_feature_scan()
        from stretchtimer.gui.app import run_app

        return run_app(sys.argv[:1], start=start, speed=speed, tray=tray, options=options)
    finally:
        gc.enable()  # a launch handed to the running app, or one that failed, ends here
