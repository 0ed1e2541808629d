"""Widgets under the offscreen platform, with a fake clock and an immediate task runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale
from PySide6.QtWidgets import QApplication, QWidget

from stretchtimer.core.i18n import SOURCE, Language
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.gui.app import set_identity
from stretchtimer.gui.language import install_language, qt_locale
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.settings_model import SettingsModel
from stretchtimer.gui.tasks import ImmediateTaskRunner
from stretchtimer.gui.theme import ThemeManager
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.routines.library import RoutineLibrary
from stretchtimer.storage.settings import SettingsStore

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    set_identity()
    # Dates and numbers as the app writes them in English, whatever the machine's locale.
    QLocale.setDefault(qt_locale(SOURCE))
    return QApplication


@pytest.fixture
def app_language(
    qapp: QApplication, language: Callable[[str], Language]
) -> Iterator[Callable[[str], Language]]:
    """``app_language("de")``: the app in German as ``stretchtimer --lang de`` starts it (our
    catalogues, Qt's own, the locale and the layout direction) until the test ends."""

    def switch(tag: str) -> Language:
        chosen = language(tag)
        install_language(qapp, chosen)  # in place of the one before
        return chosen

    yield switch
    install_language(qapp, SOURCE)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def services(home: Path, clock: FakeClock) -> AppServices:
    """The app's services on a fake clock, with tasks run at once."""
    paths = app_paths()
    tasks = ImmediateTaskRunner()
    store = SettingsStore(paths.settings)
    settings = SettingsModel(store, store.load().settings, tasks)
    return AppServices(
        paths=paths,
        settings=settings,
        routine_library=RoutineLibrary(paths.routines),
        tasks=tasks,
        clock=lambda: clock,
    )


@pytest.fixture
def system_voice(services: AppServices) -> AppServices:
    """Sessions spoken by the system's voice (espeak-ng), for tests about windows and
    keys rather than the voice: the default natural voice starts a Piper worker and
    renders each session's texts, 10-40 s a session on a loaded machine."""
    services.settings.update(voice="pyttsx3:")
    return services


@pytest.fixture
def themes(qapp: QApplication) -> Iterator[ThemeManager]:
    manager = ThemeManager(qapp, "light")
    yield manager
    manager.apply("light")
    manager.deleteLater()


@pytest.fixture
def window(qtbot, services: AppServices, themes: ThemeManager) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    main = MainWindow(services)
    main.resize(1180, 760)
    main.show()
    main.finish_startup()  # what the app's first event-loop turn does
    qtbot.waitExposed(main)
    yield main
    close_and_delete(main)


def close_and_delete(widget: QWidget) -> None:
    """Close a window and really delete it, so no timer of it runs on in later tests."""
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QCoreApplication.processEvents()


def save_artifact(widget, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Save a screenshot under test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    QCoreApplication.processEvents()  # let layouts catch up with the last changes
    path = ARTIFACTS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def wait_for_session(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    """Wait until the window has made the session's controller (it starts on the next turn
    of the event loop the first time, once the Session page is built)."""
    qtbot.waitUntil(lambda: window.sessions.controller is not None, timeout=20_000)
    return window.sessions.controller


def voice_caught_up(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Wait until the session is not waiting for its voice (a segment skipped to before
    its clips were rendered waits at its start, showing so, until they are)."""
    controller = window.sessions.controller
    assert controller is not None and controller.driver is not None
    engine = controller.driver.engine
    qtbot.waitUntil(lambda: not engine.waiting_for_speech, timeout=30_000)


def go_to(qtbot, window: MainWindow, clock: FakeClock, kind: SegmentKind, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """Skip to the window's next part of ``kind``, once its voice has caught up, and
    ``seconds`` into it: a second at a time, as the heartbeat ticks (one jump of many
    seconds is a stalled program, and the session pauses)."""
    controller = window.sessions.controller
    assert controller is not None and controller.driver is not None
    while controller.driver.engine.segment.kind is not kind:
        controller.skip()
    voice_caught_up(qtbot, window)
    whole, rest = divmod(seconds, 1.0)
    for step in [1.0] * int(whole) + [rest]:
        clock.advance(step)
        controller.driver.tick()
    window.session.player.refresh()


def wait_started(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Wait until the window's session has its sounds loaded and is running."""
    controller = wait_for_session(qtbot, window)
    qtbot.waitUntil(lambda: controller.driver is not None, timeout=20_000)
