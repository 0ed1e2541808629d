"""``gui_block_ms``: the longest the app's GUI thread stalls during a full session with voice.

The real main window (offscreen) plays the two-minute reset at normal speed with
the voice on, into a private PulseAudio null sink, from a cold clip cache (so the
voice is rendered first). A 10 ms watchdog timer on the GUI thread records how
late it fires, from the moment the routine is started until the closing words.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.bench_speech import StallMeter
from benchmarks.harness import Result, at_most, reported

TARGET_MS = 50.0
ROUTINE = "two-minute-reset"


def run() -> Iterator[Result]:
    from tests.audio.pulse import PulseServer

    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        server = PulseServer(root / "pulse").start()
        try:
            os.environ.update(server.env())
            os.environ["STRETCHTIMER_HOME"] = str(root / "home")
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            worst, preparing_worst, seconds = play_with_watchdog()
        finally:
            server.stop()
    yield at_most(
        "gui_block_ms",
        worst,
        "ms",
        TARGET_MS,
        routine=ROUTINE,
        session_s=round(seconds, 1),
        voice="on, cold cache",
        statistic="longest watchdog delay",
    )
    yield reported("gui_block_preparing_ms", preparing_worst, "ms")


def play_with_watchdog() -> tuple[float, float, float]:
    from stretchtimer.pyside_tweaks import skip_feature_scan

    skip_feature_scan()  # as the app does at start-up
    from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from stretchtimer.gui.app import make_services, set_identity
    from stretchtimer.gui.crash_reporter import CrashReporter
    from stretchtimer.gui.main_window import MainWindow
    from stretchtimer.gui.theme import ThemeManager
    from stretchtimer.storage.paths import app_paths

    set_identity()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    paths = app_paths()
    services = make_services(paths, CrashReporter(paths))
    ThemeManager(app, "light")
    window = MainWindow(services)
    window.resize(1180, 760)
    window.show()
    window.finish_startup()
    app.processEvents()
    meter = StallMeter(QObject, QTimer, Qt)
    meter.start()
    began = time.monotonic()
    loop = QEventLoop()
    marks: dict[str, float] = {}

    def session_started(controller: Any) -> None:
        def started() -> None:
            marks["preparing_worst"] = meter.worst_ms

        def finished() -> None:
            if controller.player is not None:  # until the closing words have been heard
                controller.player.when_quiet(loop.quit)
            else:
                loop.quit()

        controller.started.connect(started)
        controller.finished.connect(finished)

    window.session_started.connect(session_started)
    window.start_routine(ROUTINE)
    loop.exec()
    preparing_worst = marks.get("preparing_worst", meter.worst_ms)
    meter.stop()
    seconds = time.monotonic() - began
    window.close()
    services.tasks.wait()
    return meter.worst_ms, preparing_worst, seconds
