"""The desk is read off the GUI thread, and only changes are passed on."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from stretchtimer.core.reminders.presence import DeskState
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.runtime.desk.watch import DeskWatch


class Desk:
    """What the probes would see, and on which threads they were asked."""

    def __init__(self) -> None:
        self.state = DeskState()
        self.threads: list[threading.Thread] = []
        self.asked_at: list[float] = []

    def read(self, now: float) -> DeskState:
        self.threads.append(threading.current_thread())
        self.asked_at.append(now)
        return self.state


def test_changes_of_the_desk_arrive_on_the_gui_thread_and_repeats_do_not(qtbot: QtBot) -> None:
    desk, clock = Desk(), FakeClock(wall=5000.0)
    watch = DeskWatch(desk.read, clock, seconds=0.02)
    seen: list[DeskState] = []
    watch.changed.connect(seen.append)
    watch.start()
    qtbot.waitUntil(lambda: len(desk.asked_at) >= 3, timeout=5000)
    assert seen == []  # nothing changed
    desk.state = DeskState(meeting=True)
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
    asked = len(desk.asked_at)
    qtbot.waitUntil(lambda: len(desk.asked_at) >= asked + 3, timeout=5000)
    assert seen == [DeskState(meeting=True)]
    assert threading.main_thread() not in desk.threads
    assert desk.asked_at[0] == 5000.0  # the instant comes from the clock handed in
    watch.stop()
    QThreadPool.globalInstance().waitForDone(5000)


def test_a_probe_that_breaks_is_logged_and_the_watch_goes_on(qtbot: QtBot) -> None:
    calls: list[float] = []

    def broken(now: float) -> DeskState:
        calls.append(now)
        if len(calls) == 1:
            raise RuntimeError("the probe broke")
        return DeskState(full_screen=True)

    watch = DeskWatch(broken, FakeClock(), seconds=0.02)
    seen: list[DeskState] = []
    watch.changed.connect(seen.append)
    watch.start()
    qtbot.waitUntil(lambda: seen == [DeskState(full_screen=True)], timeout=5000)
    watch.stop()
    QThreadPool.globalInstance().waitForDone(5000)


def test_a_reading_asked_for_while_one_runs_happens_after_it(qtbot: QtBot) -> None:
    """The desk changed while a reading was under way: that reading may have missed it,
    so the one asked for then is made once it is back, not dropped."""
    release = threading.Event()
    desk = Desk()

    def slow(now: float) -> DeskState:
        release.wait(5)
        return desk.read(now)

    watch = DeskWatch(slow, FakeClock(), seconds=60)
    seen: list[DeskState] = []
    watch.changed.connect(seen.append)
    watch.read_now()  # under way, still reading the desk as it was
    desk.state = DeskState(meeting=True)
    watch.read_now()  # asked while it runs
    watch.read_now()  # and again: one more reading is enough
    release.set()
    qtbot.waitUntil(lambda: seen == [DeskState(meeting=True)], timeout=5000)
    QThreadPool.globalInstance().waitForDone(5000)
    assert len(desk.asked_at) == 2
