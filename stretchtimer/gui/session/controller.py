"""One session in the desktop app: prepare its voice, run it, play it, record it.

The controller owns the engine, its driver, the cue player and the history
recorder for one session; the player view only shows and commands it. The slow
parts (rendering speech, opening the history) run through the background helper,
so the window never freezes; the session starts once they are done, the sounds
are loaded and, when the person is asked, the comfort rating before is given.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal, Slot

from stretchtimer.core.routine.model import Routine
from stretchtimer.core.session import comfort
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.estimate import plan_options
from stretchtimer.core.session.events import Event, SessionFinished, State, Status
from stretchtimer.core.session.plan import Plan
from stretchtimer.core.session.snapshot import Snapshot
from stretchtimer.gui.services import AppServices
from stretchtimer.runtime.cue_player import CuePlayer
from stretchtimer.runtime.driver import AfterTheMoment, SessionDriver
from stretchtimer.runtime.timing_log import TimingLog
from stretchtimer.speech.clip_cache import VoiceChoice
from stretchtimer.speech.session_speech import (
    SpokenSession,
    clip_renderer,
    prepare_spoken_session,
)
from stretchtimer.storage.history import open_history
from stretchtimer.storage.history.problems import HistoryProblem
from stretchtimer.storage.history.recorder import SessionRecorder
from stretchtimer.storage.settings import Settings

log = logging.getLogger(__name__)


class Phase(enum.Enum):
    PREPARING = "preparing"
    RUNNING = "running"
    FINISHED = "finished"


@dataclass
class _Prepared:
    """What the background preparation hands back to the GUI thread."""

    spoken: SpokenSession
    history_ok: bool
    problems: list[str] = field(default_factory=list)


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
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.routine_id = routine_id
        self.routine = routine
        self.record = record  # False: a try from the editor, kept out of the history
        self.speed = services.speed if speed is None else speed
        self.phase = Phase.PREPARING
        self.status: Status | None = None
        self.active_seconds = 0.0
        self.plan: Plan | None = None
        self.driver: SessionDriver | None = None
        self.player: CuePlayer | None = None
        self.recorder: SessionRecorder | None = None
        self._history: AfterTheMoment | None = None  # the recorder, after each moment
        settings = services.settings.current
        # A preview at another speed is not a session the body went through: no questions.
        self.asks_comfort = (
            record
            and services.speed == 1.0
            and comfort.asks_comfort(settings.comfort_rating, routine)
        )
        self.comfort_before: int | None = None
        self._comfort_answered = not self.asks_comfort
        self._prepared: _Prepared | None = None
        self._relay = _Relay(self)
        self._relay.progress.connect(self.preparing)
        self._relay.problem.connect(self._history_problem)
        self._relay.saved.connect(self.saved)
        services.settings.changed.connect(self._settings_changed)

    # -- life cycle ---------------------------------------------------------------------

    def begin(self) -> None:
        """Prepare (off the GUI thread), then start when everything is ready."""
        settings = self.services.settings.current
        # Sped-up timers would cut every sentence: a preview plays chimes only.
        speaking = settings.voice_enabled and not settings.muted and self.speed == 1.0
        voice = VoiceChoice(settings.voice, settings.rate) if speaking else None
        options = plan_options(settings)
        paths = self.services.paths
        progress = self._relay.progress.emit
        record = self.record

        def prepare() -> _Prepared:
            spoken = prepare_spoken_session(
                self.routine,
                options,
                voice,
                lambda: clip_renderer(paths.clips),
                progress=progress,
            )
            prepared = _Prepared(spoken, history_ok=False)
            if spoken.notice is not None:
                prepared.problems.append(spoken.notice.sentence)
            if record:
                opened = open_history(paths.history)
                prepared.problems += [problem.message for problem in opened.problems]
                if opened.database is not None:
                    opened.database.close()  # the recorder writes through its own connection
                    prepared.history_ok = True
            return prepared

        self.preparing.emit(0, 1)
        self.services.tasks.run(prepare, self._on_prepared, self._prepare_failed)

    def answer_comfort_before(self, value: int | None) -> None:
        """The rating before the session (None: skipped); the session can start."""
        self.comfort_before = value
        self._comfort_answered = True
        self._start_when_ready()

    @Slot(object)
    def _on_prepared(self, prepared: _Prepared) -> None:
        if self.phase is not Phase.PREPARING:
            return  # stopped while preparing
        self._prepared = prepared
        self.plan = prepared.spoken.plan
        for sentence in prepared.problems:
            self.notice.emit(sentence)
        settings = self.services.settings.current
        self.player = CuePlayer(
            prepared.spoken.clip_paths(),
            voice_volume=settings.voice_volume,
            chime_volume=settings.chime_volume,
            muted=settings.muted,
            timing_log=TimingLog.from_environment(),
            parent=self,
        )
        if not settings.muted and (problem := self.player.problem()) is not None:
            self.notice.emit(problem.sentence)
        if self.player.is_ready():
            self._start_when_ready()
        else:
            self.player.ready.connect(self._start_when_ready)

    def _prepare_failed(self, error: BaseException) -> None:
        self.notice.emit(f"The session could not be prepared ({error}); try again.")
        self._end(Status.STOPPED)

    def _start_when_ready(self) -> None:
        prepared, player = self._prepared, self.player
        if self.phase is not Phase.PREPARING or prepared is None or player is None:
            return
        if not player.is_ready() or not self._comfort_answered:
            return
        plan = prepared.spoken.plan
        if prepared.history_ok:
            self.recorder = SessionRecorder(
                plan,
                routine_id=self.routine_id,
                path=self.services.paths.history,
                speed=self.speed,
                comfort_before=self.comfort_before,
                on_problem=self._relay.problem.emit,
            )
        self.driver = SessionDriver(
            SessionEngine(plan), clock=self.services.clock(), speed=self.speed, parent=self
        )
        player.attach(self.driver.engine_event)  # sound first, then everything else
        if self.recorder is not None:
            self._history = AfterTheMoment(self.recorder, self)
            self.driver.engine_event.connect(self._history)
        self.driver.engine_event.connect(self._on_event)
        self.driver.finished.connect(self._on_finished)
        self.phase = Phase.RUNNING
        self.preparing.emit(1, 1)
        self.driver.start()
        self.started.emit()

    # -- commands -----------------------------------------------------------------------

    def toggle_pause(self) -> None:
        self._command(SessionDriver.toggle_pause)

    def skip(self) -> None:
        self._command(SessionDriver.skip)

    def back(self) -> None:
        self._command(SessionDriver.back)

    def use_easier(self) -> None:
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
        if self._history is not None:
            self._history.flush()
        recorder, self.recorder = self.recorder, None
        if self.player is not None:
            self.player.close()
        if recorder is None:
            return

        def finish() -> list[str]:
            return [problem.message for problem in recorder.close()]

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
        if isinstance(event, SessionFinished):
            self.active_seconds = event.active_seconds
            self.status = event.status
        self.engine_event.emit(event)

    @property
    def completed(self) -> bool:
        """The session ran to its end (not stopped, not interrupted)."""
        return self.status is Status.COMPLETED

    def _on_finished(self, status: Status) -> None:
        if self._history is not None:
            self._history.flush()
        self._tell_when_saved()  # the recorder has had the session's last event
        self._end(status)

    def _tell_when_saved(self) -> None:
        if self.recorder is not None:
            self.recorder.writer.when_saved(self._relay.saved.emit)

    def _end(self, status: Status) -> None:
        if self.phase is Phase.FINISHED:
            return
        self.phase = Phase.FINISHED
        self.status = status
        self.finished.emit(status)

    def _history_problem(self, problem: object) -> None:
        if isinstance(problem, HistoryProblem):
            self.notice.emit(problem.message)

    def _settings_changed(self, settings: Settings) -> None:
        """Volume and mute apply at once, also in the middle of a session."""
        if self.player is not None:
            self.player.set_volumes(
                settings.voice_volume, settings.chime_volume, muted=settings.muted
            )
