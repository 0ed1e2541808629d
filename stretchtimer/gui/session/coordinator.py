"""Who starts, ends and replays sessions in the app: one place for a session's life.

The Routines page, the editor's "Try it", the tray, a reminder and a second launch all
ask here; the main window only hosts the Session page. A session's parts (speech,
sound, history) are built by one :class:`~stretchtimer.gui.session.controller.
SessionController` per session; this coordinator decides when one starts, what
happens when it ends (the end screen, the streak, History told) and when it is
played again.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import TYPE_CHECKING, NamedTuple, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.core.routine.problems import RoutineFileError
from stretchtimer.gui.services import AppServices, session_progress
from stretchtimer.gui.session.turns import next_turn

if TYPE_CHECKING:
    from stretchtimer.core.routine.model import Routine
    from stretchtimer.core.session.options import PlayOptions
    from stretchtimer.gui.session.controller import SessionController
    from stretchtimer.gui.session.page import SessionPage

log = logging.getLogger(__name__)


class SessionHost(Protocol):
    """The window that shows sessions, as the coordinator uses it."""

    def window(self) -> QWidget: ...
    def session_page(self, *, build: bool) -> SessionPage | None: ...
    def show_place(self, key: str) -> None: ...
    def show_notice(self, message: str) -> None: ...
    def refresh_history(self) -> None: ...


class SessionCoordinator(QObject):
    """Starts sessions, one at a time, and sees each to its end.

    Signals:
        started(object): a :class:`SessionController` that has just begun.
        compact_requested(): a session asked to play in the compact player.
    """

    started = Signal(object)
    compact_requested = Signal()

    def __init__(self, services: AppServices, host: SessionHost, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self.host = host
        self.controller: SessionController | None = None
        self._starting = False

    def attach_page(self, page: SessionPage) -> None:
        """Wire the Session page's end-screen buttons (called once, when it is built)."""
        page.idle.browse.connect(self._back_to_routines)
        page.complete.browse.connect(self._back_to_routines)
        page.complete.again.connect(self.play_again)
        page.complete.comfort_after.connect(self._rate_after)

    # -- starting ---------------------------------------------------------------------------

    def start_routine(
        self, routine_id: str, *, compact: bool = False, options: PlayOptions | None = None
    ) -> None:
        """Play a routine by id or file (in the compact player if asked), as ``options``
        say (``stretchtimer play``'s speed, voice, rate and mute)."""
        from stretchtimer.storage.routines.library import UnknownRoutineError

        try:
            entry = self.services.library.open(routine_id)
        except (UnknownRoutineError, RoutineFileError) as error:
            QMessageBox.warning(self.host.window(), _("Cannot start this routine"), str(error))
            return
        assert entry.routine is not None
        self.start_session(entry.id, entry.routine, compact=compact, options=options)

    def start_session(
        self,
        routine_id: str,
        routine: Routine,
        *,
        record: bool = True,
        speed: float | None = None,
        compact: bool = False,
        options: PlayOptions | None = None,
    ) -> None:
        """Play ``routine``; ``record=False`` keeps it out of the history (the editor's tries).
        ``options`` come from ``stretchtimer play``; ``speed`` wins over theirs."""
        if self.controller is not None and self.controller.active:
            answer = QMessageBox.question(
                self.host.window(),
                _("Stop the current session?"),
                _("“{running}” is still running. Stop it and start “{chosen}”?").format(
                    running=self.controller.routine.title, chosen=routine.title
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.controller.stop()
        self.close_ended()
        # The session's modules (speech, sound, history) load the first time: their
        # plain-Python part in the background helper, then those that name PySide's classes
        # here, one a turn (see SESSION_MODULES_PLAIN).
        if self._starting:
            return  # a start is already on its way
        self._starting = True
        start = _Start(routine_id, routine, record, speed, compact, options)
        pause_media = self.services.settings.current.pause_media
        self.services.tasks.run(
            lambda: load_plain_session_modules(pause_media=pause_media),
            lambda _loaded: self._load_qt_part(qt_session_modules(pause_media), start),
            self._cannot_start,
        )

    def _load_qt_part(self, names: tuple[str, ...], start: _Start) -> None:
        """Import the first of ``names`` not loaded yet, the next on a later turn; then
        begin ``start``. Nothing waits once all are loaded (a later session)."""
        waiting = [name for name in names if name not in sys.modules]
        if not waiting:
            self._begin(start)
            return
        importlib.import_module(waiting[0])
        next_turn(self, lambda: self._load_qt_part(tuple(waiting[1:]), start))

    def _cannot_start(self, error: BaseException) -> None:
        self._starting = False
        self.host.show_notice(_("The session could not start ({error}).").format(error=error))

    def _begin(self, start: _Start) -> None:
        from stretchtimer.gui.session.controller import SessionController

        self._starting = False
        page = self.host.session_page(build=False)
        if page is None:
            # Build the page on this turn and start on a later one: two short pauses of
            # the GUI thread rather than one long one (issue 21).
            self.host.session_page(build=True)
            next_turn(self, lambda: self._begin(start))
            self._starting = True
            return
        self.host.show_place("session")
        controller = SessionController(
            self.services,
            start.routine_id,
            start.routine,
            self,
            record=start.record,
            speed=start.speed,
            options=start.options,
        )
        controller.finished.connect(lambda _status, c=controller: self._ended(c))
        controller.notice.connect(self.host.show_notice)
        controller.saved.connect(self.host.refresh_history)
        self.controller = controller
        page.show_player(controller)
        self.started.emit(controller)
        if start.compact:
            self.compact_requested.emit()
        controller.begin()

    # -- ending -----------------------------------------------------------------------------

    def _ended(self, controller: SessionController) -> None:
        if controller is not self.controller:
            return
        page = self.host.session_page(build=True)
        assert page is not None
        started = controller.driver is not None
        page.show_complete(controller, ask_comfort=controller.asks_comfort and started)
        if started and controller.record and not controller.preview:
            # Read once the session is in the file: the numbers then agree with History's.
            controller.saved.connect(lambda c=controller: self._read_progress(c))

    def _read_progress(self, controller: SessionController) -> None:
        if controller is not self.controller:
            return
        page = self.host.session_page(build=False)
        if page is None:
            return
        goal = self.services.settings.current.weekly_goal
        wall = self.services.clock().now().wall
        self.services.tasks.run(
            lambda: session_progress(self.services.paths.history, wall),
            lambda progress: (
                page.complete.show_progress(progress, goal)
                if progress is not None and controller is self.controller
                else None
            ),
            lambda error: None,
        )

    def _rate_after(self, value: int) -> None:
        if self.controller is not None:
            self.controller.rate_after(value)

    def close_ended(self) -> None:
        """The ended session's last words to the history (its rating after, if given)."""
        if self.controller is not None and not self.controller.active:
            self.controller.close()

    def stop(self) -> None:
        """The app or its window is closing: stop a running session, keep what was done."""
        if self.controller is not None and self.controller.active:
            self.controller.stop()
        self.close_ended()

    def _back_to_routines(self) -> None:
        self.close_ended()
        self.host.show_place("routines")

    def play_again(self) -> None:
        """The end screen's "Again": the same routine, the same way (a try stays a try)."""
        controller = self.controller
        if controller is not None and not controller.record:  # a try from the editor
            self.start_session(
                controller.routine_id, controller.routine, record=False, speed=controller.speed
            )
        elif controller is not None:
            self.start_routine(controller.routine_id, options=controller.options)


class _Start(NamedTuple):
    """A session asked for, waiting for its modules to load."""

    routine_id: str
    routine: Routine
    record: bool
    speed: float | None
    compact: bool
    options: PlayOptions | None


# What a session needs beyond start-up's modules, in two parts.
#
# The plain-Python part (the engine, speech, the history's SQLite: some 70 ms of imports)
# loads in the background helper, so that the window answers meanwhile. The part that
# names PySide's classes loads on the GUI thread: PySide makes a class's Python wrapper
# the first time Python names it, and one made on the helper while the GUI thread makes
# another can crash the app (its table of classes still to make is changed under it).
# tests/unit/gui/session/test_coordinator.py holds both lists to that: the helper's part
# makes no PySide class, and the GUI thread's part brings no plain module with it.
SESSION_MODULES_PLAIN = (
    "stretchtimer.core.poses.palette",
    "stretchtimer.core.poses.scene",
    "stretchtimer.core.routine.summary",
    "stretchtimer.core.session.comfort",
    "stretchtimer.core.session.engine",
    "stretchtimer.core.session.recap",
    "stretchtimer.core.session.snapshot",
    "stretchtimer.gui.session.player",
    "stretchtimer.gui.widgets.pose_motion",
    "stretchtimer.runtime.audio",
    "stretchtimer.runtime.short_slices",
    "stretchtimer.runtime.timing_log",
    "stretchtimer.speech.session_speech",
    "stretchtimer.speech.voice_language",
    "stretchtimer.speech.voice_list",
    "stretchtimer.storage.history.recording.recorder",
    "stretchtimer.storage.history.store",
)
# One a turn, each bringing the modules below it: no turn holds the window long.
SESSION_MODULES_QT = (
    "stretchtimer.runtime.driver",
    "stretchtimer.gui.session.controller",
    "stretchtimer.gui.session.player.view",
    "stretchtimer.gui.session.page",
)
# What pauses the person's media players as a session starts (when they want it).
MEDIA_MODULES_PLAIN = ("stretchtimer.runtime.desk.media_token",)
MEDIA_MODULES_QT = ("stretchtimer.runtime.desk.media",)  # QtDBus


def load_plain_session_modules(*, pause_media: bool = False) -> bool:
    """Import the plain-Python part of what a session needs (run in the background
    helper; see SESSION_MODULES_PLAIN). No sound library: the session's sounds play in
    the audio process (``runtime/audio/child.py``).

    ``pause_media``: also what pauses the person's media players as the session starts.
    """
    for name in SESSION_MODULES_PLAIN + (MEDIA_MODULES_PLAIN if pause_media else ()):
        importlib.import_module(name)
    return True


def qt_session_modules(pause_media: bool = False) -> tuple[str, ...]:
    """The modules a session needs that name PySide's classes, to import on the GUI
    thread one a turn, after :func:`load_plain_session_modules`."""
    return SESSION_MODULES_QT + (MEDIA_MODULES_QT if pause_media else ())
