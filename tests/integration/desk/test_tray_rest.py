"""Closed to the tray on a real X server, the window gives back its picture (the
shared-memory segment Qt paints it into, some 3 MiB) and comes back when asked."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.bench_tray_idle import close_like_a_window_manager
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.settings import SettingsStore
from tests.integration.desk.desktop_session import (
    TIMEOUT,
    app_environment,
    fake_desktop,
    session_bus,
    x_server,
)
from tests.integration.desk.test_tray_launch import running_app, second_launch, visible_windows

pytestmark = pytest.mark.xvfb


def pictures(pid: int) -> int:
    """How many window pictures the process shares with the X server."""
    return Path(f"/proc/{pid}/maps").read_text().count("memfd:xorg")


def wait_until(condition: Callable[[], object], what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {timeout} s: no")
        time.sleep(0.1)


def test_the_window_closed_to_the_tray_lets_go_of_its_picture_and_opens_again(
    home: Path,
) -> None:
    store = SettingsStore(app_paths().settings)
    store.save(replace(store.load().settings, reminders_enabled=True))
    with session_bus() as bus, x_server() as display, fake_desktop(bus) as desktop:
        environment = app_environment(home, bus, display)
        with running_app(home, environment) as app:
            desktop.wait_for("tray_item")
            wait_until(lambda: visible_windows(environment), "the window shows")
            wait_until(lambda: pictures(app.pid) > 0, "the window is painted")
            painted = pictures(app.pid)
            for window in visible_windows(environment):
                close_like_a_window_manager(display, int(window))
            wait_until(lambda: not visible_windows(environment), "the window closes")
            wait_until(lambda: pictures(app.pid) < painted, "its picture is let go of", 20)
            assert app.poll() is None  # in the tray

            assert second_launch(home, environment) == 0  # handed to the running app
            wait_until(lambda: visible_windows(environment), "the window shows again")
            wait_until(lambda: pictures(app.pid) == painted, "it is painted again")
            assert app.poll() is None
