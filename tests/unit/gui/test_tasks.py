"""Background work comes back on the GUI thread; a bug shows a dialog and the app goes on."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from stretchtimer.gui.crash.dialog import debug_info
from stretchtimer.gui.crash.reporter import CrashReporter
from stretchtimer.gui.tasks import ImmediateTaskRunner, TaskRunner
from stretchtimer.storage.paths import app_paths


def test_results_come_back_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    bugs: list[BaseException] = []
    runner = TaskRunner(on_bug=lambda error, trace: bugs.append(error))
    worker_threads: list[int] = []
    results: list[tuple[int, object]] = []

    def work() -> int:
        worker_threads.append(threading.get_ident())
        return 42

    runner.run(work, lambda value: results.append((threading.get_ident(), value)))
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [(threading.get_ident(), 42)]
    assert worker_threads and worker_threads[0] != threading.get_ident()
    assert QThread.currentThread() is QGuiApplication.instance().thread()
    assert bugs == []


def test_a_known_problem_goes_to_the_caller_and_a_bug_to_the_crash_handler(qtbot) -> None:  # type: ignore[no-untyped-def]
    bugs: list[str] = []
    problems: list[BaseException] = []
    runner = TaskRunner(on_bug=lambda error, trace: bugs.append(trace))

    def disk_full() -> None:
        raise OSError(28, "No space left on device")

    def bug() -> None:
        raise ZeroDivisionError("oops")

    runner.run(disk_full, on_error=problems.append)
    runner.run(bug, on_error=problems.append)
    qtbot.waitUntil(lambda: len(problems) == 1 and len(bugs) == 1, timeout=5000)
    assert isinstance(problems[0], OSError)
    assert "ZeroDivisionError: oops" in bugs[0]


def test_the_immediate_runner_keeps_the_same_contract() -> None:
    bugs: list[BaseException] = []
    runner = ImmediateTaskRunner(on_bug=lambda error, trace: bugs.append(error))
    seen: list[object] = []
    runner.run(lambda: 7, seen.append)
    runner.run(lambda: (_ for _ in ()).throw(OSError("gone")), on_error=seen.append)
    runner.run(lambda: 1 / 0)
    assert seen[0] == 7 and isinstance(seen[1], OSError)
    assert isinstance(bugs[0], ZeroDivisionError)


class Buggy(QObject):
    poke = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.poke.connect(self.fail)

    def fail(self) -> None:
        raise RuntimeError("a bug in a slot")


def test_an_uncaught_exception_opens_the_crash_dialog_with_details_to_copy(
    qtbot,
    home,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    reporter = CrashReporter(app_paths())
    monkeypatch.setattr(sys, "excepthook", reporter.excepthook)  # what install() does
    buggy = Buggy()
    QTimer.singleShot(0, buggy.poke.emit)
    qtbot.waitUntil(lambda: bool(reporter.dialogs), timeout=5000)
    dialog = reporter.dialogs[0]
    details = dialog.details.toPlainText()
    assert "RuntimeError: a bug in a slot" in details
    assert "stretchtimer" in details.splitlines()[0] and "Qt " in details
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == details
    dialog.close()


def test_debug_info_carries_version_platform_and_log_tail(home) -> None:  # type: ignore[no-untyped-def]
    paths = app_paths()
    paths.logs.mkdir(parents=True)
    paths.log_file.write_text("first\nsecond line of the log\n")
    info = debug_info(paths, "Traceback: boom")
    assert "Python " in info and "Traceback: boom" in info
    assert info.rstrip().endswith("second line of the log")
