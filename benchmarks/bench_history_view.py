"""``history_view_block_ms``: the History page on 100,000 sessions never stalls the GUI thread.

The real main window (offscreen) with the app's background helper opens the
History page on the benchmark history of ``bench_history`` (100,000 sessions of
8 parts over twenty years), waits for its numbers, jumps to the oldest session
and back a page at a time, drags the list to its middle, deletes a session and
undoes it. A watchdog timer firing every 2 ms on the GUI thread measures the
longest time it was kept waiting at each step: the longest stall a person could
feel. Target: 50 ms, from the moment the page exists.

The page is built on its first visit (MainWindow builds each page when first
shown): importing its modules and making its widgets takes the GUI thread for a
moment whatever the history holds, so that first build is reported on its own
(``history_view_first_open_ms``, the same with an empty history).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.bench_history import SESSIONS, build
from benchmarks.harness import Result, at_most, reported

TARGET_MS = 50.0
TICK_MS = 2
DEADLINE_S = 60.0
FIRST_OPEN = "build the page and show it"


class Watchdog:
    """Notes the longest gap between the ticks of a fast timer on the GUI thread."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.worst: dict[str, float] = {}  # the longest stall at each step
        self.step = "start"
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self._last) * 1000.0 - TICK_MS
        self.worst[self.step] = max(gap, self.worst.get(self.step, 0.0))
        self._last = now

    def longest(self, *, leaving_out: str) -> tuple[float, str]:
        """The longest stall of every step but one, and its step."""
        steps = {step: gap for step, gap in self.worst.items() if step != leaving_out}
        step = max(steps, key=steps.__getitem__)
        return steps[step], step


def run() -> Iterator[Result]:
    with tempfile.TemporaryDirectory() as temporary:
        os.environ["STRETCHTIMER_HOME"] = str(Path(temporary) / "home")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from stretchtimer.storage.paths import app_paths

        build(app_paths().history)
        watchdog, ready_ms = browse()
    longest, where = watchdog.longest(leaving_out=FIRST_OPEN)
    yield at_most(
        "history_view_block_ms",
        longest,
        "ms",
        TARGET_MS,
        sessions=SESSIONS,
        worst_during=where,
        watchdog_tick_ms=TICK_MS,
    )
    yield reported("history_view_first_open_ms", watchdog.worst[FIRST_OPEN], "ms")
    yield reported("history_view_ready_ms", ready_ms, "ms", sessions=SESSIONS)


class Session:
    """The app's window and a way to let its event loop run until something is done."""

    def __init__(self) -> None:
        from PySide6.QtWidgets import QApplication

        from stretchtimer.gui.app import make_services, set_identity
        from stretchtimer.gui.crash.reporter import CrashReporter
        from stretchtimer.gui.main_window import MainWindow
        from stretchtimer.gui.theme import ThemeManager
        from stretchtimer.storage.paths import app_paths

        set_identity()
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        self.app = app
        paths = app_paths()
        self.services = make_services(paths, CrashReporter(paths))
        self.themes = ThemeManager(app, "light")
        self.window = MainWindow(self.services)
        self.window.resize(1180, 760)
        self.window.show()
        self.window.finish_startup()
        self.watchdog = Watchdog()

    def until(self, step: str, done: Callable[[], bool]) -> None:
        self.watchdog.step = step
        limit = time.monotonic() + DEADLINE_S
        while not done():
            if time.monotonic() > limit:
                raise TimeoutError(f"the History page did not finish: {step}")
            self.app.processEvents()
            time.sleep(0.0005)
        for _ in range(5):  # a few more turns: the repaint after the change
            self.app.processEvents()
            time.sleep(0.002)

    def press(self, widget: Any, key: Any) -> None:
        """Through the event loop, as a person's key would come."""
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtGui import QKeyEvent

        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            self.app.postEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))

    def close(self) -> None:
        self.watchdog.stop()
        self.services.tasks.wait()
        self.window.close()


def browse() -> tuple[Watchdog, float]:
    """Open the page and use it; the stalls seen, and the time until its numbers showed."""
    from PySide6.QtCore import Qt

    session = Session()
    until, window = session.until, session.window
    try:
        until("settle", lambda: True)
        session.watchdog.start()
        started = time.perf_counter()
        session.watchdog.step = FIRST_OPEN
        window.show_place("history")
        page = window.history
        until(FIRST_OPEN, lambda: True)  # its first paint too
        until("read and show the numbers", lambda: page.overview is not None)
        ready_ms = (time.perf_counter() - started) * 1000.0
        model, table = page.model, page.table
        assert model.rowCount() == SESSIONS, model.rowCount()
        page_bar = page.scroller.verticalScrollBar()
        page_bar.setValue(page_bar.maximum())  # down to the list, as the wheel would
        until("scroll the page", lambda: True)
        table.setFocus()
        table.select_row(0)
        session.press(table, Qt.Key.Key_End)
        until("jump to the oldest", lambda: model.record(SESSIONS - 1) is not None)
        for _ in range(20):
            session.press(table, Qt.Key.Key_PageUp)
            until("page up", lambda: model.record(table.current_row() or 0) is not None)
        bar = table.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)
        middle = table.rowAt(table.viewport().height() // 2)
        until("drag to the middle", lambda: model.record(middle) is not None)
        table.select_row(middle)
        page.session_actions.delete_row(middle)
        until("delete", lambda: bool(page.session_actions.removed))
        page.session_actions.undo()
        until("undo", lambda: model.record(middle) is not None and not page.session_actions.removed)
    finally:
        session.close()
    return session.watchdog, ready_ms
