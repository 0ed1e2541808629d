"""The main window: four places (Routines, Session, History, Settings) beside a nav bar.

The app shows the window empty, in its colours and at its remembered size, and
furnishes it (nav bar, notices, the Routines page) once that first frame is on
screen: what the inside needs is imported in :meth:`MainWindow.furnish`, not here,
so that the person sees a window as soon as a bare Qt program would show one.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from stretchtimer import APP_DISPLAY_NAME
from stretchtimer.gui.ready_probe import after_first_paint
from stretchtimer.gui.services import AppServices, history_messages
from stretchtimer.gui.window_state import window_state

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
    from PySide6.QtWidgets import QStackedWidget

    from stretchtimer.core.session.options import PlayOptions
    from stretchtimer.gui.history.page import HistoryView
    from stretchtimer.gui.nav_bar import NavBar
    from stretchtimer.gui.routines.actions import RoutineActions
    from stretchtimer.gui.routines.page import RoutinesView
    from stretchtimer.gui.session.coordinator import SessionCoordinator
    from stretchtimer.gui.session.page import SessionPage
    from stretchtimer.gui.settings.page import SettingsView
    from stretchtimer.gui.widgets.notice_bar import NoticeBar

log = logging.getLogger(__name__)

HISTORY_WAIT_MS = 500  # the look at the history by then, even if the page never paints


class MainWindow(QMainWindow):
    """The app's window.

    ``furnish=False`` leaves it empty until :meth:`furnish` (or :meth:`finish_startup`)
    is called; every method that needs the inside furnishes it first.

    Sessions start and end in :attr:`sessions` (:class:`SessionCoordinator`), made
    when first asked for: its module (and the message box it asks with) is not needed
    for the first frame.

    Signals:
        compact_requested(): the compact player is wanted (its button, Ctrl+M, or a
            session started from the tray while the window was out of sight).
        closed(): the person closed the window (the desk decides: quit or stay in the tray).
        restart_requested(): the person asked to restart the app (a new language).
        session_started(object): :attr:`sessions`' ``started``, passed on: the desk and the
            compact player listen here, so that listening does not make the coordinator.
    """

    compact_requested = Signal()
    session_started = Signal(object)
    closed = Signal()
    restart_requested = Signal()

    nav: NavBar
    notices: NoticeBar
    pages: QStackedWidget

    def __init__(
        self, services: AppServices, parent: QWidget | None = None, *, furnish: bool = True
    ) -> None:
        super().__init__(parent)
        self.services = services
        self._sessions: SessionCoordinator | None = None
        self._furnished = False
        self._built: dict[str, QWidget] = {}
        self._fill_when_shown = False  # a start in the tray: see finish_startup
        self.routine_actions: RoutineActions | None = None  # with the Routines page
        self.setWindowTitle(APP_DISPLAY_NAME)
        # No narrower than the pages' words need (German and French need more than
        # English): a minimum width set here would let them be cut off.
        self.setMinimumHeight(600)
        self._restore_geometry()
        if furnish:
            self.furnish()

    @property
    def sessions(self) -> SessionCoordinator:
        """Who starts and ends sessions in this window (see the class's text)."""
        if self._sessions is None:
            from stretchtimer.gui.session.coordinator import SessionCoordinator

            self._sessions = SessionCoordinator(self.services, self, self)
            self._sessions.compact_requested.connect(self.compact_requested)
            self._sessions.started.connect(self.session_started)
        return self._sessions

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
            from stretchtimer.gui.widgets.pose_thumbnail import keep_in, load_with

            load_with(self.services.tasks, self)  # the cards' pictures: modules off this thread
            keep_in(self.services.paths.cache)  # and kept between runs
            routines = RoutinesView()
            # The coordinator when Start is first pressed, not while the page is built.
            routines.start_requested.connect(self._start_from_page)
            routines.set_settings(self.services.settings.current)
            routines.set_clips_folder(self.services.paths.clips)
            routines.keep_lengths_in(self.services.paths.cache)
            self.services.settings.changed.connect(routines.set_settings)
            routines.set_entries(self.services.library.entries())
            from stretchtimer.gui.routines.actions import RoutineActions

            self.routine_actions = RoutineActions(self, routines)
            return routines
        if key == "session":
            from stretchtimer.gui.session.page import SessionPage

            session = SessionPage()
            self.sessions.attach_page(session)
            session.player.mute_toggled.connect(
                lambda muted: self.services.settings.update(muted=muted)
            )
            session.player.set_muted(self.services.settings.current.muted)
            self.services.settings.changed.connect(
                lambda settings: session.player.set_muted(settings.muted)
            )
            session.player.compact_requested.connect(self.compact_requested)
            session.player.focus_mode_changed.connect(self.set_focus_mode)
            return session
        if key == "settings":
            from stretchtimer.gui.settings.page import SettingsView

            settings = SettingsView(self.services, session_running=self.session_running)
            settings.restart_requested.connect(self.restart_requested)
            return settings
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

    def set_focus_mode(self, on: bool) -> None:
        """The player's focus mode: full screen without the navigation, or back as it was."""
        self.nav.setVisible(not on)
        if on:
            self._was_maximized = self.isMaximized()
            self.showFullScreen()
        elif self.isFullScreen():
            if getattr(self, "_was_maximized", False):
                self.showMaximized()
            else:
                self.showNormal()

    def session_running(self) -> bool:
        if self._sessions is None:
            return False
        controller = self._sessions.controller
        return controller is not None and controller.active

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
            if self.session.currentWidget() is self.session.player:
                self.session.player.take_focus()
            else:
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

    def finish_startup(self, *, when_shown: bool = False) -> None:
        """Fill the window once it is on screen: the Routines page, unless a place was chosen,
        and a first look at the history (which marks sessions a crash left as interrupted).

        ``when_shown`` (a start in the tray): the look at the history now, the inside
        once the window is first shown.
        """
        if when_shown and not self.isVisible():
            self._fill_when_shown = True
            self._look_at_history()
            return
        self._fill_routines()
        page = self._built.get("routines")
        if page is None:
            self._look_at_history()
            return
        # Once the page has painted: opening the history (its modules, SQLite's checks)
        # in the background helper would share the interpreter with the page being built
        # and painted (some 30 ms later with a year of sessions).
        after_first_paint(page, self._look_at_history, HISTORY_WAIT_MS)

    def _look_at_history(self) -> None:
        self.services.tasks.run(
            lambda: history_messages(self.services.paths.history), self._show_notices
        )

    def _fill_routines(self) -> None:
        self._fill_when_shown = False
        self.furnish()
        if self.pages.currentIndex() == 0 and "routines" not in self._built:
            self.show_place("routines")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._fill_when_shown:
            self._fill_routines()

    def _show_notices(self, messages: list[str]) -> None:
        for message in messages:
            self.show_notice(message)

    # -- sessions ---------------------------------------------------------------------

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

    def play_routine(
        self, routine: str, startup_id: str = "", options: PlayOptions | None = None
    ) -> None:
        """Another launch asked to play ``routine`` (an id or a file path), as ``options``
        say (its ``--speed``, ``--voice``, ``--rate``, ``--mute``)."""
        self.bring_forward(startup_id)
        self.sessions.start_routine(routine, options=options)

    def _start_from_page(self, routine_id: str) -> None:
        self.sessions.start_routine(routine_id)

    def session_page(self, *, build: bool) -> SessionPage | None:
        """The Session page; built now if ``build``, else None until it has been."""
        if build or "session" in self._built:
            return self.session
        return None

    # -- window state -----------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = window_state(self.services.paths.config).value("geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            return
        self.resize(1120, 720)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        from stretchtimer.gui.widgets.enter_presses import press_focused_button

        if not press_focused_button(self, event):  # Enter presses the focused button
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.routine_actions is not None and not self.routine_actions.close_editors(self.close):
            event.ignore()  # an editor with unsaved changes stays open
            return
        if self._sessions is not None:
            self._sessions.stop()
        window_state(self.services.paths.config).setValue("geometry", self.saveGeometry())
        super().closeEvent(event)
        self.closed.emit()
