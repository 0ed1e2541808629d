"""The main window: four places (Routines, Session, History, Settings) beside a nav bar.

The app shows the window empty, in its colours and at its remembered size, and
furnishes it (nav bar, notices, the Routines page) once that first frame is on
screen: what the inside needs is imported in :meth:`MainWindow.furnish`, not here,
so that the person sees a window as soon as a bare Qt program would show one.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, NamedTuple, cast

from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from stretchtimer import APP_DISPLAY_NAME
from stretchtimer.core.routine.problems import RoutineFileError
from stretchtimer.gui.services import AppServices, current_streak, history_messages
from stretchtimer.gui.window_state import window_state

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QStackedWidget

    from stretchtimer.core.routine.model import Routine
    from stretchtimer.gui.history.page import HistoryView
    from stretchtimer.gui.nav_bar import NavBar
    from stretchtimer.gui.routines.actions import RoutineActions
    from stretchtimer.gui.routines.page import RoutinesView
    from stretchtimer.gui.session.controller import SessionController
    from stretchtimer.gui.session.page import SessionPage
    from stretchtimer.gui.settings.page import SettingsView
    from stretchtimer.gui.widgets.notice_bar import NoticeBar

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """The app's window.

    ``furnish=False`` leaves it empty until :meth:`furnish` (or :meth:`finish_startup`)
    is called; every method that needs the inside furnishes it first.

    Signals:
        session_started(object): a :class:`SessionController` that has just begun.
        compact_requested(): the compact player is wanted (its button, Ctrl+M, or a
            session started from the tray while the window was out of sight).
        closed(): the person closed the window (the desk decides: quit or stay in the tray).
    """

    session_started = Signal(object)
    compact_requested = Signal()
    closed = Signal()

    nav: NavBar
    notices: NoticeBar
    pages: QStackedWidget

    def __init__(
        self, services: AppServices, parent: QWidget | None = None, *, furnish: bool = True
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.controller: SessionController | None = None
        self._starting = False
        self._furnished = False
        self._built: dict[str, QWidget] = {}
        self.routine_actions: RoutineActions | None = None  # with the Routines page
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.setMinimumSize(880, 600)
        self._restore_geometry()
        if furnish:
            self.furnish()

    # -- layout -----------------------------------------------------------------------

    def furnish(self) -> None:
        """Build the inside: the nav bar, the notice bar and a place for each page (once)."""
        if self._furnished:
            return
        self._furnished = True
        from PySide6.QtGui import QKeySequence, QShortcut
        from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout

        from stretchtimer.gui.nav_bar import NavBar
        from stretchtimer.gui.widgets.notice_bar import NoticeBar

        self.pages = QStackedWidget()
        for _key in NavBar.keys:
            self.pages.addWidget(QWidget())  # built when first shown: a quicker start
        self.nav = NavBar()
        self.nav.chosen.connect(self.show_place)
        for number, key in enumerate(NavBar.keys, start=1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda key=key: self.show_place(key))
        QShortcut(QKeySequence("Ctrl+Q"), self).activated.connect(self.quit_app)
        self.notices = NoticeBar()
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        notice_row = QHBoxLayout()
        notice_row.setContentsMargins(28, 12, 28, 0)
        notice_row.addWidget(self.notices)
        right.addLayout(notice_row)
        right.addWidget(self.pages, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)
        self.nav.select("routines")
        self.services.settings.problem.connect(self.show_notice)

    # -- pages, built on first use ----------------------------------------------------------

    def _page(self, key: str) -> QWidget:
        self.furnish()
        page = self._built.get(key)
        if page is None:
            page = self._make_page(key)
            index = self.nav.keys.index(key)
            placeholder = self.pages.widget(index)
            self.pages.insertWidget(index, page)
            if placeholder is not None:
                self.pages.removeWidget(placeholder)
                placeholder.deleteLater()
            self._built[key] = page
        return page

    def _make_page(self, key: str) -> QWidget:
        if key == "routines":
            from stretchtimer.gui.routines.page import RoutinesView

            routines = RoutinesView()
            routines.start_requested.connect(self.start_routine)
            routines.set_settings(self.services.settings.current)
            self.services.settings.changed.connect(routines.set_settings)
            routines.set_entries(self.services.library.entries())
            from stretchtimer.gui.routines.actions import RoutineActions

            self.routine_actions = RoutineActions(self, routines)
            return routines
        if key == "session":
            from stretchtimer.gui.session.page import SessionPage

            session = SessionPage()
            session.idle.browse.connect(self._back_to_routines)
            session.complete.browse.connect(self._back_to_routines)
            session.complete.again.connect(self._play_again)
            session.complete.comfort_after.connect(self._rate_after)
            session.player.mute_toggled.connect(
                lambda muted: self.services.settings.update(muted=muted)
            )
            session.player.set_muted(self.services.settings.current.muted)
            self.services.settings.changed.connect(
                lambda settings: session.player.set_muted(settings.muted)
            )
            session.player.compact_requested.connect(self.compact_requested)
            return session
        if key == "settings":
            from stretchtimer.gui.settings.page import SettingsView

            return SettingsView(self.services)
        from stretchtimer.gui.history.page import HistoryView

        history = HistoryView(self.services)
        history.browse.connect(lambda: self.show_place("routines"))
        return history

    @property
    def routines(self) -> RoutinesView:
        return cast("RoutinesView", self._page("routines"))

    @property
    def session(self) -> SessionPage:
        return cast("SessionPage", self._page("session"))

    @property
    def settings_view(self) -> SettingsView:
        return cast("SettingsView", self._page("settings"))

    @property
    def history(self) -> HistoryView:
        return cast("HistoryView", self._page("history"))

    def quit_app(self) -> None:
        """Ctrl+Q: end the session (saved as stopped) and quit."""
        self.close()
        QApplication.quit()

    def restyle(self) -> None:
        if self._furnished:
            self.nav.restyle()
        if "session" in self._built:
            self.session.player.restyle()
        self.update()

    def show_notice(self, message: str) -> None:
        """Tell the person about a known problem, in one sentence with the fix."""
        self.furnish()
        self.notices.add(message)

    # -- places -----------------------------------------------------------------------

    def show_place(self, key: str) -> None:
        self._page(key)
        self.nav.select(key)
        self.pages.setCurrentIndex(self.nav.keys.index(key))
        if key == "routines":
            self.routines.list.setFocus()
        elif key == "session":
            self.session.setFocus()
        elif key == "history":
            self.history.focus_first()

    def current_place(self) -> str:
        self.furnish()
        return self.nav.keys[self.pages.currentIndex()]

    def reload_routines(self) -> None:
        if "routines" in self._built:
            self.routines.set_entries(self.services.library.entries())

    def refresh_history(self) -> None:
        """Show new sessions in History: call once a session's recording has been saved."""
        if "history" in self._built:
            self.history.refresh()

    def finish_startup(self) -> None:
        """Fill the window once it is on screen: the Routines page, unless a place was chosen,
        and a first look at the history (which marks sessions a crash left as interrupted)."""
        self.furnish()
        if self.pages.currentIndex() == 0 and "routines" not in self._built:
            self.show_place("routines")
        self.services.tasks.run(
            lambda: history_messages(self.services.paths.history), self._show_notices
        )

    def _show_notices(self, messages: list[str]) -> None:
        for message in messages:
            self.show_notice(message)

    # -- sessions ---------------------------------------------------------------------

    def start_routine(self, routine_id: str, *, compact: bool = False) -> None:
        """Play a routine here (or in the compact player), once its modules have loaded."""
        from stretchtimer.storage.routines.library import UnknownRoutineError

        try:
            entry = self.services.library.open(routine_id)
        except (UnknownRoutineError, RoutineFileError) as error:
            QMessageBox.warning(self, "Cannot start this routine", str(error))
            return
        assert entry.routine is not None
        self.start_session(entry.id, entry.routine, compact=compact)

    def start_session(
        self,
        routine_id: str,
        routine: Routine,
        *,
        record: bool = True,
        speed: float | None = None,
        compact: bool = False,
    ) -> None:
        """Play ``routine``; ``record=False`` keeps it out of the history (the editor's tries)."""
        if self.controller is not None and self.controller.active:
            answer = QMessageBox.question(
                self,
                "Stop the current session?",
                f"“{self.controller.routine.title}” is still running. Stop it and start "
                f"“{routine.title}”?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.controller.stop()
        self._close_session()
        # The session's modules (speech, sound, history) load off the GUI thread the first
        # time: importing them at once would freeze the window for a moment.
        if self._starting:
            return  # a start is already on its way
        self._starting = True
        start = _Start(routine_id, routine, record, speed, compact)
        self.services.tasks.run(
            load_session_modules, lambda _loaded: self._begin_session(start), self._cannot_start
        )

    def _cannot_start(self, error: BaseException) -> None:
        self._starting = False
        self.show_notice(f"The session could not start ({error}).")

    def _begin_session(self, start: _Start) -> None:
        from stretchtimer.gui.session.controller import SessionController

        self._starting = False
        if "session" not in self._built:
            # Build the page on this turn and start on the next: two short pauses of the
            # GUI thread rather than one long one.
            self._page("session")
            QTimer.singleShot(0, self, lambda: self._begin_session(start))
            self._starting = True
            return
        self.show_place("session")
        controller = SessionController(
            self.services,
            start.routine_id,
            start.routine,
            self,
            record=start.record,
            speed=start.speed,
        )
        controller.finished.connect(lambda _status, c=controller: self._session_ended(c))
        controller.notice.connect(self.show_notice)
        controller.saved.connect(self.refresh_history)
        self.controller = controller
        self.session.show_player(controller)
        self.session_started.emit(controller)
        if start.compact:
            self.compact_requested.emit()
        controller.begin()

    def bring_forward(self, startup_id: str = "") -> None:
        """Another launch asked for the app: show the window on top."""
        if startup_id:
            # Wayland lets a window take the focus only with the launcher's token.
            os.environ["XDG_ACTIVATION_TOKEN"] = startup_id
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def play_routine(self, routine: str, startup_id: str = "") -> None:
        """Another launch asked to play ``routine`` (an id or a file path)."""
        self.bring_forward(startup_id)
        self.start_routine(routine)

    def _session_ended(self, controller: SessionController) -> None:
        if controller is not self.controller:
            return
        started = controller.driver is not None
        self.session.show_complete(controller, ask_comfort=controller.asks_comfort and started)
        if started and controller.record:
            # A preview (--speed) is recorded but not counted in streaks and statistics.
            completed = controller.completed and self.services.speed == 1.0
            self.services.tasks.run(
                lambda: current_streak(self.services.paths.history, completed_today=completed),
                lambda days: (
                    self.session.complete.show_streak(days)
                    if controller is self.controller
                    else None
                ),
                lambda error: None,
            )

    def _rate_after(self, value: int) -> None:
        if self.controller is not None:
            self.controller.rate_after(value)

    def _close_session(self) -> None:
        """The session's last words to the history (its rating after, if given, is in)."""
        if self.controller is not None and not self.controller.active:
            self.controller.close()

    def _back_to_routines(self) -> None:
        self._close_session()
        self.show_place("routines")

    def _play_again(self) -> None:
        controller = self.controller
        if controller is not None and not controller.record:  # a try from the editor
            self.start_session(
                controller.routine_id, controller.routine, record=False, speed=controller.speed
            )
        elif controller is not None:
            self.start_routine(controller.routine_id)

    # -- window state -----------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = window_state(self.services.paths.config).value("geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            return
        self.resize(1120, 720)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.routine_actions is not None and not self.routine_actions.close_editors(self.close):
            event.ignore()  # an editor with unsaved changes stays open
            return
        if self.controller is not None and self.controller.active:
            self.controller.stop()
        self._close_session()
        window_state(self.services.paths.config).setValue("geometry", self.saveGeometry())
        super().closeEvent(event)
        self.closed.emit()


class _Start(NamedTuple):
    """A session asked for, waiting for its modules to load."""

    routine_id: str
    routine: Routine
    record: bool
    speed: float | None
    compact: bool


def load_session_modules() -> bool:
    """Import what a session needs (run in the background helper)."""
    from stretchtimer.runtime.qt_setup import preload_audio_libraries

    preload_audio_libraries()
    import stretchtimer.gui.session.controller
    import stretchtimer.gui.session.page  # noqa: F401

    return True
