"""``stretchtimer --tray`` as the login entry runs it: real processes on a real X server.

Each test makes a private desktop session: Xvfb, a D-Bus session bus, and the
stand-in tray host of ``fake_desktop.py`` on it. Qt's own tray icon registers with
that host as with Plasma's or GNOME's, and exports its menu over D-Bus
(``com.canonical.dbusmenu``), which the test reads and clicks with ``gdbus``, as
a panel would. Without the host there is no tray, and the window opens instead.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from subprocess import Popen

import pytest

from tests.integration.desk.desktop_session import (
    TIMEOUT,
    app_environment,
    fake_desktop,
    session_bus,
    x_server,
)

pytestmark = pytest.mark.xvfb


def wait_for_file(path: Path, app: subprocess.Popen[bytes], timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if app.poll() is not None:
            raise AssertionError(f"the app exited with {app.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{path.name} did not appear within {timeout} s")
        time.sleep(0.05)


@contextmanager
def running_app(home: Path, environment: dict[str, str], *args: str) -> Iterator[Popen[bytes]]:
    """``stretchtimer ARGS`` in the private session; ended (and its errors shown) after."""
    app = Popen(
        [sys.executable, "-m", "stretchtimer", *args],
        env=environment,
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield app
    finally:
        if app.poll() is None:
            app.terminate()
        _, errors = app.communicate(timeout=TIMEOUT)
        if errors:
            print(errors.decode("utf-8", "replace")[-3000:], file=sys.stderr)


def second_launch(home: Path, environment: dict[str, str]) -> int:
    """Open the app again, as a person does from the launcher; its exit code."""
    result = subprocess.run(
        [sys.executable, "-m", "stretchtimer"],
        env=environment,
        cwd=home,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    return result.returncode


def gdbus(
    environment: dict[str, str],
    destination: str,
    method: str,
    *args: str,
    path: str = "/MenuBar",
    interface: str = "com.canonical.dbusmenu",
) -> str:
    result = subprocess.run(
        [
            "gdbus",
            "call",
            "--session",
            "--dest",
            destination,
            "--object-path",
            path,
            "--method",
            f"{interface}.{method}",
            *args,
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    return result.stdout


def menu_entries(environment: dict[str, str], item: str) -> dict[str, int]:
    """The tray menu as a panel reads it: each entry's label (without _) and its id."""
    layout = gdbus(environment, item, "GetLayout", "0", "@i -1", "[]")
    entries = re.findall(r"\((\d+), \{[^{}]*?'label': <'((?:[^'\\]|\\.)*)'>", layout)
    return {label.replace("_", ""): int(number) for number, label in entries}


def visible_windows(environment: dict[str, str]) -> list[str]:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "Stretch Timer"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    return found.stdout.split()


def test_tray_launch_shows_only_the_tray_icon_whose_menu_works(home: Path) -> None:
    ready = home / "window-painted"
    with session_bus() as bus, x_server() as display, fake_desktop(bus) as desktop:
        environment = app_environment(home, bus, display, STRETCHTIMER_READY_FILE=str(ready))
        with running_app(home, environment, "--tray") as app:
            item = str(desktop.wait_for("tray_item")["tray_item"])
            entries = menu_entries(environment, item)
            assert "Start Desk hips" in entries
            assert "Start a routine" in entries and "Hip openers" in entries
            assert "Reminders are off." in entries and "Turn reminders on" in entries
            tooltip = gdbus(
                environment,
                item,
                "Get",
                "org.kde.StatusNotifierItem",
                "ToolTip",
                path="/StatusNotifierItem",
                interface="org.freedesktop.DBus.Properties",
            )
            assert "Reminders are off." in tooltip
            # The menu answered, so start-up is over: no window was ever shown.
            assert visible_windows(environment) == []
            assert not ready.exists()

            # A second launch (the person opens the app) brings the window forward.
            assert second_launch(home, environment) == 0
            wait_for_file(ready, app)
            assert visible_windows(environment) != []

            # Quit from the tray menu, as a click in the panel sends it.
            quit_id = entries["Quit Stretch Timer"]
            gdbus(environment, item, "Event", str(quit_id), "clicked", "<0>", "0")
            assert app.wait(timeout=TIMEOUT) == 0


def test_tray_launch_without_a_tray_opens_the_window(home: Path) -> None:
    ready = home / "window-painted"
    with (
        session_bus() as bus,
        x_server() as display,
        fake_desktop(bus, "--no-tray"),
    ):
        environment = app_environment(home, bus, display, STRETCHTIMER_READY_FILE=str(ready))
        with running_app(home, environment, "--tray") as app:
            wait_for_file(ready, app)  # no tray: the window is the app
            assert visible_windows(environment) != []
            assert app.poll() is None
