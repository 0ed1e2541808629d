"""One session in the desktop app: prepare its voice, run it, play it, record it.

The controller holds one session's parts, built by the session set-up the terminal
player uses too (``runtime/session_setup.py``); the player view only shows and
commands it. The slow
parts (rendering speech, opening the history) run through the background helper,
so the window never freezes; the session starts once they are done, the sounds
are loaded and, when the person is asked, the comfort rating before is given.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from stretchtimer.core.i18n import _
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.session.events import Event, SegmentEnded, SessionFinished, State, Status
from stretchtimer.core.session.options import PlayOptions
from stretchtimer.core.session.plan import Plan
from stretchtimer.core.session.snapshot import Snapshot
from stretchtimer.gui.services import AppServices
from stretchtimer.runtime.audio.cue_player import CuePlayer
from stretchtimer.runtime.driver import SessionDriver
from stretchtimer.runtime.session_setup import (
    PreparedSession,
    SessionParts,
    asks_comfort,
    is_preview,
    prepare_session,
    with_options,
)
from stretchtimer.runtime.session_start import StartSounds
from stretchtimer.storage.history.problems import HistoryProblem
from stretchtimer.storage.history.recording.recorder import SessionRecorder
from stretchtimer.storage.settings import Settings

log = logging.getLogger(__name__)


class Phase(enum.Enum):
    PREPARING = "preparing"
    RUNNING = "running"
    FINISHED = "finished"


class _Relay(QObject):
    """Carries progress and history problems from worker threads to the GUI thread.

    Signals:
        progress(int, int): clips rendered so far, clips in all.
        problem(object): a :class:`HistoryProblem` from the history writer's thread.
        saved(): from the writer's thread, when what was written so far is in the file.
    """

    progress = Signal(int, int)
    problem = Signal(object)
    saved = Signal()


class SessionController(QObject):
    """Runs one routine.

    Signals:
        preparing(int, int): clips ready so far, clips in all.
        started(): the session is running (the first segment has begun).
        engine_event(object): every engine event, in order.
        finished(object): the session's :class:`Status`, once its closing words are due.
        notice(str): one sentence for the person (the voice is off and why, history trouble).
        saved(): the session's ending (or its rating after) is in the history file, for
            views that show the history.
    """

    preparing = Signal(int, int)
    started = Signal()
    engine_event = Signal(object)
    finished = Signal(object)
    notice = Signal(str)
    saved = Signal()

    def __init__(
        self,
        services: AppServices,
        routine_id: str,
        routine: Routine,
        parent: QObject | None = None,
        *,
        record: bool = True,
        speed: float | None = None,
        options: PlayOptions | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.routine_id = routine_id
        self.routine = routine
        self.record = record  # False: a try from the editor, kept out of the history
        self.options = options or PlayOptions()  # from `stretchtimer play`: voice, rate, mute
        if speed is None:
            speed = self.options.speed if self.options.preview else services.speed
        self.speed = speed
        self.phase = Phase.PREPARING
        self.status: Status | None = None
        self.active_seconds = 0.0
        self.plan: Plan | None = None
        self.driver: SessionDriver | None = None
        self.parts: SessionParts | None = None  # player, recorder and driver, once prepared
        self._start: StartSounds | None = None  # made at Start, until the parts take its player
        self._clock = services.clock()  # the session's: the early chime is timed on it too
        settings = self.settings()
        self.asks_comfort = asks_comfort(settings, routine, speed=self.speed, record=record)
        self.comfort_before: int | None = None
        self.ended_segments: list[SegmentEnded] = []
        self._comfort_answered = not self.asks_comfort
        self._relay = _Relay(self)
        self._relay.progress.connect(self.preparing)
        self._relay.problem.connect(self._history_problem)
        self._relay.saved.connect(self.saved)
        services.settings.changed.connect(self._settings_changed)

    # -- life cycle ---------------------------------------------------------------------

    def begin(self) -> None:
        """Prepare (off the GUI thread), then start when everything is ready."""
        routine, settings, paths = self.routine, self.settings(), self.services.paths
        speed, record, progress = self.speed, self.record, self._relay.progress.emit

        def prepare() -> PreparedSession:
            return prepare_session(
                routine, settings, paths, speed=speed, record=record, progress=progress
            )

        def start_preparing() -> None:
            if self.phase is Phase.PREPARING:
                self.services.tasks.run(prepare, self._on_prepared, self._prepare_failed)

        self._start = StartSounds(
            settings,
            chime_early=not (self.asks_comfort or self.preview),
            clock=self._clock,
            parent=self,
        )
        self.preparing.emit(0, 1)
        self._start.prepare(start_preparing)

    def answer_comfort_before(self, value: int | None) -> None:
        """The rating before the session (None: skipped); the session can start."""
        self.comfort_before = value
        self._comfort_answered = True
        self._start_when_ready()

    @Slot(object)
    def _on_prepared(self, prepared: PreparedSession) -> None:
        if self.phase is not Phase.PREPARING:
            return  # stopped while preparing
        self.plan = prepared.plan
        assert self._start is not None
        player = self._start.take_player()
        self.parts = parts = SessionParts(prepared, self.settings(), self, player=player)
        for sentence in prepared.notices:
            self.notice.emit(sentence)
        parts.player.notice.connect(self.notice.emit)  # the sound lost, or back
        if parts.player.is_ready():
            self._start_when_ready()
        else:
            parts.player.ready.connect(self._start_when_ready)

    def _prepare_failed(self, error: BaseException) -> None:
        self.notice.emit(
            _("The session could not be prepared ({error}); try again.").format(error=error)
        )
        self._end(Status.STOPPED)

    def _start_when_ready(self) -> None:
        parts = self.parts
        if self.phase is not Phase.PREPARING or parts is None:
            return
        if not parts.player.is_ready() or not self._comfort_answered:
            return
        self.driver = parts.drive(
            routine_id=self.routine_id,
            paths=self.services.paths,
            speed=self.speed,
            comfort_before=self.comfort_before,
            on_problem=self._relay.problem.emit,
            clock=self._clock,
        )
        parts.listen(self._on_event)
        self.driver.finished.connect(self._on_finished)
        self.phase = Phase.RUNNING
        self.preparing.emit(1, 1)
        self.driver.start(chimed_at=self.chimed_at)
        self.started.emit()

    @property
    def player(self) -> CuePlayer | None:
        """The session's cue player: made at the press of Start, while preparing too."""
        if self.parts is not None:
            return self.parts.player
        return self._start.player if self._start is not None else None

    @property
    def chimed_at(self) -> float | None:
        """When the start chime rang while the first words rendered (the session's
        clock), or None."""
        return self._start.chimed_at if self._start is not None else None

    @property
    def recorder(self) -> SessionRecorder | None:
        return self.parts.recorder if self.parts is not None else None

    # -- commands -----------------------------------------------------------------------

    def toggle_pause(self) -> None:
        self._command(SessionDriver.toggle_pause)

    def skip(self) -> None:
        self._command(SessionDriver.skip)

    def back(self) -> None:
        self._command(SessionDriver.back)

    def use_easier(self) -> None:
        self._command(SessionDriver.use_easier)

    def toggle_easier(self) -> None:
        """The easier variation on, or back off (E, or the Easier button)."""
        snapshot = self.snapshot()
        if snapshot is not None and snapshot.easier:
            self._command(SessionDriver.use_full)
        else:
            self._command(SessionDriver.use_easier)

    def stop(self) -> None:
        if self.driver is not None:
            self.driver.stop()
        elif self.phase is Phase.PREPARING:
            self._end(Status.STOPPED)

    def _command(self, command: Callable[[SessionDriver], None]) -> None:
        if self.driver is not None:
            command(self.driver)

    def rate_after(self, value: int | None) -> None:
        """The rating after the session (None: skipped)."""
        if self.recorder is not None:
            self.recorder.rate_after(value)
            self._tell_when_saved()

    def close(self) -> None:
        """Finish the history writes (off the GUI thread); say if something was not saved."""
        parts = self.parts
        if parts is None:
            self._close_early_player()
            return
        parts.close_player()
        if parts.recorder is None:
            return

        def finish() -> list[str]:
            return [problem.message for problem in parts.close_history()]

        self.services.tasks.run(finish, self._report_unsaved)

    def _report_unsaved(self, messages: list[str]) -> None:
        for message in messages:
            self.notice.emit(message)

    # -- state --------------------------------------------------------------------------

    def snapshot(self) -> Snapshot | None:
        return self.driver.snapshot() if self.driver else None

    @property
    def active(self) -> bool:
        """Preparing or running: not over yet."""
        return self.phase is not Phase.FINISHED

    @property
    def running(self) -> bool:
        return self.driver is not None and self.driver.engine.state in (State.RUNNING, State.PAUSED)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, SegmentEnded):
            self.ended_segments.append(event)  # for the end screen's recap
        if isinstance(event, SessionFinished):
            self.active_seconds = event.active_seconds
            self.status = event.status
        self.engine_event.emit(event)

    @property
    def waiting_for_speech(self) -> bool:
        """Held at a boundary until the voice of what comes next is ready (not a pause of
        the person's: nothing says "Space to resume")."""
        return self.driver is not None and self.driver.engine.waiting_for_speech

    @property
    def completed(self) -> bool:
        """The session ran to its end (not stopped, not interrupted)."""
        return self.status is Status.COMPLETED

    def _on_finished(self, status: Status) -> None:
        if self.parts is not None:
            self.parts.flush_history()
        self._tell_when_saved()  # the recorder has had the session's last event
        self._end(status)

    def _tell_when_saved(self) -> None:
        if self.recorder is not None:
            self.recorder.writer.when_saved(self._relay.saved.emit)

    def _close_early_player(self) -> None:
        """Stopped (or failed) while preparing: the sounds loaded for it are let go."""
        if self._start is not None:
            self._start.close()

    def _end(self, status: Status) -> None:
        if self.phase is Phase.FINISHED:
            return
        self._close_early_player()
        self.phase = Phase.FINISHED
        self.status = status
        self.finished.emit(status)

    def _history_problem(self, problem: object) -> None:
        if isinstance(problem, HistoryProblem):
            self.notice.emit(problem.message)

    def settings(self) -> Settings:
        """The settings this session plays with: the person's, with ``play``'s options."""
        return with_options(self.services.settings.current, self.options)

    @property
    def preview(self) -> bool:
        """A session at another speed: chimes only, kept out of streaks and statistics."""
        return is_preview(self.speed)

    def _settings_changed(self, settings: Settings) -> None:
        """Volume and mute apply at once, also in the middle of a session."""
        settings = with_options(settings, self.options)
        if self.player is not None:
            self.player.set_volumes(
                settings.voice_volume, settings.chime_volume, muted=settings.muted
            )
