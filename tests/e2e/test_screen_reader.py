"""The History page as a screen reader gets it: the real app on Xvfb, its accessibility
tree read over AT-SPI (the channel Orca listens on) in a private desktop session.

A person who cannot see the screen opens History with Ctrl+3 and must hear what each
thing is: which place is chosen, the streak and totals, the year of days (and each
day as the arrow keys walk it), the minutes per week and every session in the list.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from stretchtimer.storage.paths import app_paths
from tests.conftest import REPO
from tests.e2e.test_real_app import press, wait_for_window
from tests.integration.desk.desktop_session import app_environment, session_bus, x_server
from tests.unit.gui.history.data import local_wall, record_played

READER = [
    "/usr/bin/python3",  # the system's Python has the AT-SPI client (gir1.2-atspi-2.0)
    str(REPO / "tests" / "e2e" / "atspi_reader.py"),
]
APP_NAME = "stretchtimer"


def read_tree(environment: dict[str, str]) -> dict[str, Any]:
    shown = subprocess.run(
        [*READER, "tree", APP_NAME],
        env=environment,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    tree: dict[str, Any] = json.loads(shown.stdout)
    return tree


def walk(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node["children"]:
        yield from walk(child)


def history_page(tree: dict[str, Any]) -> dict[str, Any]:
    """The page whose title reads "History" (the nav button of that name is no label)."""
    for node in walk(tree):
        if any(c["role"] == "label" and c["name"] == "History" for c in node["children"]):
            return node
    raise AssertionError("no History page on show")


def named(page: dict[str, Any], name: str) -> dict[str, Any]:
    found = [node for node in walk(page) if node["name"] == name]
    assert found, f"nothing named {name!r}"
    return found[0]


def day_sentence(page: dict[str, Any]) -> str:
    return str(named(page, "Minutes per day, last 12 months")["description"])


@pytest.fixture
def history_home(home: Path) -> Path:
    today = date.today()
    history = app_paths().history
    record_played(history, "desk-hips", local_wall(today - timedelta(days=1), 8))
    record_played(history, "sciatica-relief", local_wall(today, 8), before=3, after=6)
    return home


def test_a_screen_reader_hears_what_each_part_of_the_history_page_is(
    history_home: Path,
) -> None:
    today = date.today()
    yesterday = today - timedelta(days=1)
    with session_bus() as bus, x_server() as display:
        environment = app_environment(
            history_home, bus, display, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1"
        )
        app = subprocess.Popen(
            [sys.executable, "-m", "stretchtimer"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=REPO,
        )
        try:
            window = wait_for_window(display, "Stretch Timer")
            press(display, window, "ctrl+3")
            time.sleep(1.0)  # the page reads the history in the background
            tree = read_tree(environment)
            page = history_page(tree)

            # The places are one choice among four, and History is the one chosen.
            places = [n for n in walk(tree) if n["role"] == "radio button"]
            assert [n["name"] for n in places] == ["Routines", "Session", "History", "Settings"]
            assert [n["name"] for n in places if n["checked"]] == ["History"]

            # Every control the keyboard reaches says what it is.
            focusable = [n for n in walk(page) if n["focusable"]]
            assert focusable
            assert [n["role"] for n in focusable if not n["name"]] == []

            # The figures are read as sentences, not as loose numbers.
            streak = f"Current streak: 2 days, {yesterday.day} {yesterday:%b} – today"
            assert named(page, streak)["role"] == "panel"
            named(page, "Sessions: 2, 2 completed")
            named(page, "Export your history")

            # The year of days has the focus, on today; the arrow keys walk it.
            days = named(page, "Minutes per day, last 12 months")
            assert days["focused"]
            assert day_sentence(page).startswith(f"{today:%A}, {today.day} {today:%B %Y} (today)")
            press(display, window, "Up")  # a day back (Left: a week back)
            time.sleep(0.3)
            said = day_sentence(history_page(read_tree(environment)))
            assert said.startswith(f"{yesterday:%A}, {yesterday.day} {yesterday:%B %Y}: ")
            assert "in 1 session" in said

            # Each session is one sentence; comfort is said in words, not arrows.
            table = named(page, "Sessions, newest first")
            headers = [n["name"] for n in table["children"] if n["role"] == "table column header"]
            assert headers == ["When", "Routine", "Time", "Status", "Comfort"]
            cells = [n["name"] for n in table["children"] if n["role"] == "table cell"]
            assert cells[0].startswith("Gentle sciatica relief, ")
            assert cells[0].endswith(", Completed, comfort 3 before, 6 after")
            assert cells[4] == "3 before, 6 after"
            assert cells[5].startswith("Desk hips, ")
            assert cells[9] == "not rated"
        finally:
            app.terminate()
            app.wait(timeout=30)
