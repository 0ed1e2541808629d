"""The real main window in this process, for benchmarks that time what it does."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def private_sound_and_home() -> Iterator[None]:
    """A private PulseAudio server and a fresh stretchtimer home for a session played
    offscreen in this process; the server is stopped after."""
    from tests.integration.audio.pulse import PulseServer

    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        server = PulseServer(root / "pulse").start()
        try:
            os.environ.update(server.env())
            os.environ["STRETCHTIMER_HOME"] = str(root / "home")
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            yield
        finally:
            server.stop()


def open_window(**settings: Any) -> tuple[Any, Any, Any]:
    """``(app, window, services)`` as the app starts them; ``settings`` are changed first."""
    from stretchtimer.system.pyside_tweaks import skip_feature_scan

    skip_feature_scan()  # as the app does at start-up
    from PySide6.QtWidgets import QApplication

    from stretchtimer.gui.app import (
        favour_the_gui_thread,
        make_services,
        set_identity,
        settle_the_heap,
    )
    from stretchtimer.gui.crash.reporter import CrashReporter
    from stretchtimer.gui.main_window import MainWindow
    from stretchtimer.gui.theme import ThemeManager
    from stretchtimer.storage.paths import app_paths

    favour_the_gui_thread()
    set_identity()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    paths = app_paths()
    services = make_services(paths, CrashReporter(paths))
    if settings:
        services.settings.update(**settings)
    ThemeManager(app, "light")
    window = MainWindow(services)
    window.resize(1180, 760)
    window.show()
    window.finish_startup()
    app.processEvents()
    settle_the_heap()  # as the app does once its window is filled in
    return app, window, services


def close_window(window: Any, services: Any) -> None:
    """Close the window as a person would, and wait for the history writes it starts, so
    the benchmark's temporary folder can go."""
    window.close()
    services.tasks.wait()


def play(window: Any, routine: str, *, on_controller: Callable[[Any], None] | None = None) -> Any:
    """Start ``routine`` and run the event loop until its closing words have been heard."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()

    def session_started(controller: Any) -> None:
        if on_controller is not None:
            on_controller(controller)

        def finished() -> None:
            if controller.player is not None:
                controller.player.when_quiet(loop.quit)
            else:
                loop.quit()

        controller.finished.connect(finished)

    window.sessions.started.connect(session_started)
    window.sessions.start_routine(routine)
    loop.exec()
    return window.sessions.controller
