"""The Qt side of the icon: the app icon for windows and the tray, and the identity that
lets a desktop match a running window to its launcher."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest

from benchmarks.xvfb import xvfb
from stretchtimer import APP_ID, APP_NAME
from stretchtimer.gui.app_icon import WINDOW_ICON_LARGEST
from stretchtimer.storage.resources import ICON_SIZES, desktop_entry_path

IDENTITY_PROBE = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtGui import QGuiApplication, QImage
    from stretchtimer.gui.app_icon import app_icon, apply_app_identity
    from stretchtimer.storage.resources import app_icon_png

    app = QGuiApplication(sys.argv)
    apply_app_identity(app)
    icon = app.windowIcon()
    tray_size = icon.pixmap(16, 16).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    small = QImage(str(app_icon_png(16))).convertToFormat(QImage.Format.Format_ARGB32)
    print(json.dumps({
        "desktop_file": app.desktopFileName(),
        "name": app.applicationName(),
        "sizes": sorted(size.width() for size in icon.availableSizes()),
        "same_as_app_icon": icon.cacheKey() == app.windowIcon().cacheKey()
                            and not app_icon().isNull(),
        "tray_uses_small_drawing": tray_size == small,
        "widgets_loaded": "PySide6.QtWidgets" in sys.modules,
    }))
    """
)


def child_environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}


def test_apply_app_identity_names_the_app_and_sets_every_icon_size() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IDENTITY_PROBE],
        capture_output=True,
        text=True,
        env=child_environment(),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["desktop_file"] == APP_ID
    assert found["name"] == APP_NAME
    assert found["sizes"] == [size for size in ICON_SIZES if size <= WINDOW_ICON_LARGEST]
    assert found["sizes"][0] == 16 and found["sizes"][-1] == 128
    assert found["same_as_app_icon"]
    assert found["tray_uses_small_drawing"]  # the 16 px drawing, not a shrunken 512
    assert not found["widgets_loaded"]  # usable from any Qt-side module


WINDOW = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtGui import QGuiApplication, QWindow
    from stretchtimer.gui.app_icon import apply_app_identity

    app = QGuiApplication(sys.argv)
    apply_app_identity(app)
    window = QWindow()
    window.setTitle("stretchtimer-identity-probe")
    window.resize(200, 100)
    window.show()
    for _ in range(10):  # let Qt send the window and its properties to the server
        app.processEvents()
        time.sleep(0.02)
    print("shown", flush=True)
    sys.stdin.readline()  # the properties stay on the server until the test has read them
    """
)


@pytest.fixture
def x_display() -> Iterator[str]:
    """A private Xvfb server."""
    with xvfb(640, 480) as display:
        yield display


@pytest.mark.timeout(60)
def test_on_x11_the_window_matches_the_launcher_and_carries_the_icon(x_display: str) -> None:
    launcher = desktop_entry_path().read_text(encoding="utf-8")
    window = subprocess.Popen(
        [sys.executable, "-c", WINDOW],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_environment(QT_QPA_PLATFORM="xcb", DISPLAY=x_display),
    )
    try:
        assert window.stdout is not None and window.stdout.readline().strip() == "shown"
        properties = subprocess.run(
            [
                "xprop",
                "-display",
                x_display,
                "-name",
                "stretchtimer-identity-probe",
                "WM_CLASS",
                "_GTK_APPLICATION_ID",
                "_NET_WM_ICON",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        window.communicate("done\n", timeout=30)
    # The launcher's StartupWMClass is the window's class; GNOME and KDE use the id.
    wm_class = next(line for line in properties.splitlines() if line.startswith("WM_CLASS"))
    assert f'"{APP_NAME}"' in wm_class
    assert f"StartupWMClass={APP_NAME}\n" in launcher
    assert f'_GTK_APPLICATION_ID(UTF8_STRING) = "{APP_ID}"' in properties
    for size in (16, 32, 48, 128):
        assert f"Icon ({size} x {size})" in properties
    for size in (256, 512):  # decoded for nobody: launchers use the icon theme's
        assert f"Icon ({size} x {size})" not in properties
