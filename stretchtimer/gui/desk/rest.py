"""Let go of what the window held while the app waits in the tray.

First its picture. Qt keeps a shown window's picture (its backing store: four bytes a
pixel, 3 MiB for a 1120 x 720 window, shared with the X server) and its native window
for as long as the widget lives, hidden or not. An app closed to the tray may wait
there for hours, so a little while after the window closed both are given back
(``QWidget.destroy``): the widgets, their state and the window's place stay; showing
the window makes a new native window and paints it once (some tens of milliseconds,
when the person asks).

Not while the window has a window of its own open (a dialog parented to it would be
destroyed with it) nor while it is shown again.

Then the rest. What a window was built from stays in the process after it closed: the
Python modules and classes of every page that was opened, Qt's code that drew them, heap
that freed objects leave part-used; some 8 MiB that nothing in the process gives back
(issue 21). So an app that has waited in the tray for ``RENEW_AFTER_MS`` with nothing
open, after its window closed to the tray (or, with the window away, after a session
played from the tray or a reminder shown in the app's own window), starts itself afresh
there, in the same process: it quits as it always quits (the
reminder schedule saved, the audio and voice processes ended), and the program is
replaced by a start in the tray (``stretchtimer --tray``, as at login, in the same
language), which holds what a start at login holds. The person sees the tray icon go
and come back; the next reminder comes when it would have (a schedule saved less than
five minutes before a start is kept as it was); opening the window builds it anew
(some 0.3 s instead of at once). Never while the window or any other window is shown
(a dialog, an editor, the compact player, a reminder, the tray's menu), a session runs,
a reminder waits for an answer, or a background task is still running: then it is
tried again a while later.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

RELEASE_AFTER_MS = 5_000  # after the window closed to the tray
# In the tray this long with nothing open: start afresh. A window opened again within a
# minute comes back at once; after it, one start's work, against 8 MiB kept for hours.
RENEW_AFTER_MS = 60_000
RENEW_VARIABLE = "STRETCHTIMER_RENEW_AFTER_MS"  # another wait, for tests on a real desktop


def renew_after_ms(default: int) -> int:
    """How long the app waits in the tray before it starts afresh: ``default``, unless
    ``$STRETCHTIMER_RENEW_AFTER_MS`` gives a positive number of milliseconds."""
    value = os.environ.get(RENEW_VARIABLE, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


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


def anything_shown() -> bool:
    """Whether any window of the app is on screen (its menus and dialogs too)."""
    return any(widget.isVisible() for widget in QApplication.topLevelWidgets())
