"""The app's icon and desktop identity for Qt: window, tray and task-bar icon.

QtGui only (no QtWidgets), so a tray or a dialog in any Qt-side module can use it.
The GUI calls :func:`apply_app_identity` once, right after creating the
application object: on Wayland and in GNOME the desktop file name is how the
shell finds the launcher and its icon; on X11 the application name becomes the
window class that the launcher's ``StartupWMClass`` matches.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon

from stretchtimer import APP_ID, APP_NAME, __version__
from stretchtimer.storage.resources import app_icon_pngs

log = logging.getLogger(__name__)

WINDOW_ICON_LARGEST = 128  # px


def app_icon(largest: int | None = None) -> QIcon:
    """The app icon at every rendered size up to ``largest``; Qt picks the closest one for
    each use, so the 16 to 24 px versions drawn for small sizes are what a tray shows."""
    icon = QIcon()
    for size, path in app_icon_pngs().items():
        if largest is not None and size > largest:
            continue
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
        else:
            log.warning("app icon file %s is missing", path)
    return icon


def apply_app_identity(app: QGuiApplication) -> None:
    """Name the running app as its launcher does and give every window the app icon."""
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    # Up to 128 px: on X11 every size is decoded and handed to the window manager, and
    # the 256 and 512 px ones (1.3 MB of pixels) serve no task bar or switcher; launchers
    # take the large icons from the installed icon theme instead.
    app.setWindowIcon(app_icon(largest=WINDOW_ICON_LARGEST))
