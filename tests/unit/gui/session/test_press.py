"""The press of Start holds the GUI thread in short slices (issue 21): the Session page is
built on one turn of the event loop and the session made on a later one, after whatever
fell due meanwhile; what the session's start imports is imported off the GUI thread."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from pytestqt.qtbot import QtBot

from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.session.coordinator import (
    load_plain_session_modules,
    qt_session_modules,
)
from stretchtimer.gui.session.turns import next_turn
from tests.unit.gui.conftest import wait_for_session, wait_started


def busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_timer_that_fell_due_runs_between_two_turns(qtbot: QtBot) -> None:
    # QTimer.singleShot(0) would run the second half at once, ahead of the timer.
    context = QObject()
    order: list[str] = []
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: order.append("tick"))

    def first() -> None:
        busy(0.025)  # the ticker falls due meanwhile
        order.append("first")
        next_turn(context, lambda: order.append("second"))

    ticker.start()
    QTimer.singleShot(0, context, first)
    qtbot.waitUntil(lambda: "second" in order, timeout=2000)
    ticker.stop()
    assert order.index("first") < order.index("tick", order.index("first")) < order.index("second")


def test_nothing_runs_on_the_next_turn_for_a_deleted_context(qtbot: QtBot) -> None:
    context = QObject()
    ran: list[bool] = []
    next_turn(context, lambda: ran.append(True))
    context.deleteLater()
    qtbot.wait(30)
    assert ran == []


def test_the_session_page_is_built_a_turn_before_the_session_starts_on_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.session_page(build=False) is None  # never shown yet
    load_plain_session_modules()  # as after a first session: no turns spent importing
    for name in qt_session_modules():
        importlib.import_module(name)
    window.sessions.start_routine("two-minute-reset")
    # The helper's work is done (it runs tasks at once in tests): the page is built on
    # this turn, the session is not made yet.
    page = window.session_page(build=False)
    assert page is not None and window.sessions.controller is None
    controller = wait_for_session(qtbot, window)
    wait_started(qtbot, window)
    assert window.current_place() == "session"
    assert page.currentWidget() is page.player and page.player.controller is controller
    assert page.player.routine_title.text() == controller.routine.title
    controller.stop()


SESSION_IMPORTS = """
import json, sys
sys.path.insert(0, sys.argv[1])
from stretchtimer.gui.session import coordinator
coordinator.load_plain_session_modules(pause_media=sys.argv[2] == "on")
for name in coordinator.qt_session_modules(sys.argv[2] == "on"):
    __import__(name)
print(json.dumps("stretchtimer.runtime.desk.media" in sys.modules))
"""


def media_imported(pause_media: str) -> bool:
    root = Path(__file__).resolve().parents[4]
    shown = subprocess.run(
        [sys.executable, "-c", SESSION_IMPORTS, str(root), pause_media],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return bool(json.loads(shown.stdout.strip().splitlines()[-1]))


def test_what_pauses_media_is_loaded_only_when_it_is_wanted() -> None:
    # QtDBus and its wrappers (some 2 ms, in a turn of their own), only for a person who
    # wants their media players paused.
    assert media_imported("on") is True
    assert media_imported("off") is False


def test_the_comfort_question_is_built_only_for_a_session_that_asks_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.sessions.start_routine("two-minute-reset")  # asks nothing: no "sciatica" tag
    wait_started(qtbot, window)
    player = window.session.player
    assert player._comfort_screen is None and player.stage.isVisibleTo(player)
    controller = window.sessions.controller
    assert controller is not None
    controller.stop()
    window.sessions.start_routine("sciatica-relief")  # asks before it starts
    qtbot.waitUntil(lambda: window.sessions.controller is not controller, timeout=20_000)
    asking = window.sessions.controller
    assert asking is not None and asking.asks_comfort
    screen = player.comfort_screen
    assert screen.isVisibleTo(player) and not player.stage.isVisibleTo(player)
    assert player.comfort_before.hasFocus() or player.comfort_before.isAncestorOf(
        window.focusWidget()
    )
    asking.stop()
