"""Closed to the tray on a real X server, the window gives back its picture (the
shared-memory segment Qt paints it into, some 3 MiB) and comes back when asked; after a
while with nothing open the app starts afresh in the tray, in the same process and
language, its schedule kept."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.bench_tray_idle import close_like_a_window_manager
from stretchtimer.gui.desk.rest import RENEW_VARIABLE
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.reminders import reminder_state_path
from stretchtimer.storage.settings import SettingsStore
from tests.integration.desk.desktop_session import (
    TIMEOUT,
    app_environment,
    fake_desktop,
    session_bus,
    x_server,
)
from tests.integration.desk.test_tray_launch import (
    menu_entries,
    running_app,
    second_launch,
    visible_windows,
)

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


def arguments(pid: int) -> list[str]:
    """What the process with ``pid`` was started as (its program's command line now)."""
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")[:-1]


def dead_children(pid: int) -> dict[int, str]:
    """Children of ``pid`` that ended and were not waited for (yet), and their names."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # it ended meanwhile
            state, parent = stat.rpartition(")")[2].split()[:2]
            if int(parent) == pid and state == "Z":
                found[int(entry.name)] = stat.partition("(")[2].rpartition(")")[0]
    return found


def test_an_app_idle_in_the_tray_starts_afresh_in_the_same_process_and_language(
    home: Path,
) -> None:
    store = SettingsStore(app_paths().settings)
    store.save(replace(store.load().settings, reminders_enabled=True))
    schedule = reminder_state_path(app_paths())
    with session_bus() as bus, x_server() as display, fake_desktop(bus) as desktop:
        environment = app_environment(home, bus, display, **{RENEW_VARIABLE: "1500"})
        with running_app(home, environment, "--lang", "de") as app:
            item = str(desktop.wait_for("tray_item")["tray_item"])
            menu = menu_entries(environment, item)
            assert "Stretch Timer öffnen" in menu  # in German, as asked
            wait_until(lambda: visible_windows(environment), "the window shows")
            wait_until(schedule.exists, "the reminder schedule is saved")
            before = schedule.read_text()
            for window in visible_windows(environment):
                close_like_a_window_manager(display, int(window))

            again = str(desktop.wait_for("tray_item")["tray_item"])  # the icon comes back
            assert app.poll() is None and arguments(app.pid)[-4:] == [
                "stretchtimer",
                "--tray",
                "--lang",
                "de",
            ]  # the same process, now a start in the tray
            wait_until(lambda: menu_entries(environment, again) == menu, "the same menu")
            assert not visible_windows(environment)
            assert _cycle(schedule.read_text()) == _cycle(before)  # the next reminder kept
            # A desk probe's command that just ended is waited for within moments; one
            # the old program never waited for would stay a zombie for good.
            dead = dead_children(app.pid)
            time.sleep(2)
            assert not set(dead) & set(dead_children(app.pid)), dead

            assert second_launch(home, environment) == 0  # handed to the app in the tray
            wait_until(lambda: visible_windows(environment), "the window shows again")
            assert app.poll() is None


def _cycle(saved: str) -> object:
    return json.loads(saved).get("cycle")
