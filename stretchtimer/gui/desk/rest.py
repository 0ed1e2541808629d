"""Let go of the window's picture while the app waits in the tray.

Qt keeps a shown window's picture (its backing store: four bytes a pixel, 3 MiB for a
1120 x 720 window, shared with the X server) and its native window for as long as the
widget lives, hidden or not. An app closed to the tray may wait there for hours, so
a little while after the window closed both are given back (``QWidget.destroy``):
the widgets, their state and the window's place stay; showing the window makes a new
native window and paints it once (some tens of milliseconds, when the person asks).

Not while the window has a window of its own open (a dialog parented to it would be
destroyed with it) nor while it is shown again.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

RELEASE_AFTER_MS = 5_000  # after the window closed to the tray


def _belongs_to(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent is window:
            return True
        parent = parent.parentWidget()
    return False


def has_native_window(window: QWidget) -> bool:
    """Whether ``window`` holds a native window (and so its picture) now."""
    return window.windowHandle() is not None


def release_window(window: QWidget) -> bool:
    """Give back the hidden ``window``'s native window and picture; whether it did."""
    if window.isVisible() or not has_native_window(window):
        return False
    for other in QApplication.topLevelWidgets():
        if other.isVisible() and _belongs_to(other, window):
            return False  # a dialog of the window's is open: keep both
    window.destroy(True, True)
    log.info("window closed to the tray: its native window and picture let go")
    return True
