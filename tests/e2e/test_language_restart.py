"""Settings → Language → "Restart now" through a real relaunch: the real app on Xvfb in a
private desktop session, driven by keys, read over AT-SPI as a screen reader reads it.

A person chooses Deutsch, presses Restart now, and the app they get back speaks German:
a new process with a new window, and the old one gone.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.settings import SettingsStore
from tests.conftest import REPO
from tests.e2e.test_real_app import press, wait_for_window, xdotool
from tests.e2e.test_screen_reader import read_tree, walk
from tests.integration.desk.desktop_session import app_environment, session_bus, x_server

TITLE = "Stretch Timer"
PLACES_EN = ["Routines", "Session", "History", "Settings"]
PLACES_DE = ["Routinen", "Einheit", "Verlauf", "Einstellungen"]


def tab_to(environment: dict[str, str], display: str, window: str, name: str) -> None:
    """Press Tab until the control a screen reader knows as ``name`` has the focus."""
    for _press in range(40):
        focused = [node["name"] for node in walk(read_tree(environment)) if node["focused"]]
        if name in focused:
            return
        press(display, window, "Tab")
    raise AssertionError(f"Tab never reached {name!r}")


def places(environment: dict[str, str]) -> list[str]:
    """The names of the navigation's places, as the running app says them."""
    tree = read_tree(environment)
    return [node["name"] for node in walk(tree) if node["role"] == "radio button"]


def app_windows(display: str) -> dict[str, int]:
    """Each visible window titled Stretch Timer, with the process id that owns it."""
    found = xdotool(display, "search", "--onlyvisible", "--name", TITLE).split()
    owners = {window: xdotool(display, "getwindowpid", window) for window in found}
    return {window: int(pid) for window, pid in owners.items() if pid.isdigit()}


def wait_until(check, timeout: float, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.timeout(240)
def test_restart_now_opens_the_app_again_in_the_new_language(home: Path) -> None:
    settings_file = app_paths().settings
    with session_bus() as bus, x_server() as display:
        environment = app_environment(home, bus, display, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
        first = subprocess.Popen(
            [sys.executable, "-m", "stretchtimer"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=REPO,
        )
        relaunched: int | None = None
        try:
            window = wait_for_window(display, TITLE)
            assert wait_until(lambda: places(environment) == PLACES_EN, 30, "the English app")

            press(display, window, "ctrl+4")  # Settings
            time.sleep(0.5)
            # A screen reader names a menu by its choice: the Language menu's is the system's.
            tab_to(environment, display, window, "System default (English)")
            # System default (English), English, Deutsch, ...: two down is Deutsch.
            press(display, window, "Down", "Down")
            wait_until(
                lambda: SettingsStore(settings_file).load().settings.language == "de",
                20,
                "the Language setting to be saved as de",
            )
            tab_to(environment, display, window, "Restart Stretch Timer now")
            press(display, window, "space")

            assert first.wait(timeout=60) == 0  # the old app quits first, cleanly
            windows = wait_until(lambda: app_windows(display), 60, "the app's new window")
            assert list(windows.values()) != [first.pid]
            [relaunched] = windows.values()
            assert running(relaunched)
            assert wait_until(lambda: places(environment) == PLACES_DE, 30, "the German app")
            assert first.pid not in app_windows(display).values()  # the old window is gone
        finally:
            if first.poll() is None:
                first.terminate()
                first.wait(timeout=30)
            if relaunched is not None and running(relaunched):
                os.kill(relaunched, signal.SIGTERM)
                with contextlib.suppress(AssertionError):
                    wait_until(lambda: not running(relaunched), 30, "the new app to end")
