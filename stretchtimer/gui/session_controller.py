"""One session in the desktop app: plan it, prepare its voice, run it, hand out what happens.

The controller owns the engine and its driver for one session; the player view
only shows and commands it. Preparation (rendering speech) runs through the
background helper, so the window never freezes.
"""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import QObject, Signal

from stretchtimer.core.engine import SessionEngine, State
from stretchtimer.core.events import Event, SessionFinished, Status
from stretchtimer.core.plan import BreathGuidance, Plan, build_plan, estimate_speech_seconds
from stretchtimer.core.routine import ResolvedPace, Routine
from stretchtimer.core.snapshot import Snapshot
from stretchtimer.gui.services import AppServices
from stretchtimer.player.driver import SessionDriver
from stretchtimer.storage.settings import Settings

log = logging.getLogger(__name__)


class Phase(enum.Enum):
    PREPARING = "preparing"
    RUNNING = "running"
    FINISHED = "finished"


def plan_for(routine: Routine, settings: Settings, lengths: dict[str, float] | None = None) -> Plan:
    """The plan with the person's pace defaults and breath guidance."""
    known = lengths or {}

    def length(text: str) -> float:
        return known.get(text) or estimate_speech_seconds(text, settings.rate)

    return build_plan(
        routine,
        pace_defaults=ResolvedPace(prepare=settings.prepare, rest=settings.rest),
        speech_length=length,
        breath_guidance=BreathGuidance(settings.breath_guidance),
    )


class SessionController(QObject):
    """Runs one routine.

    Signals:
        preparing(int, int): clips ready so far, clips in all.
        started(): the session is running (the first segment has begun).
        engine_event(object): every engine event, in order.
        finished(object): the session's :class:`Status`, once its closing words are due.
        notice(str): one sentence for the person (the voice is off, and why).
    """

    preparing = Signal(int, int)
    started = Signal()
    engine_event = Signal(object)
    finished = Signal(object)
    notice = Signal(str)

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

    # -- life cycle ---------------------------------------------------------------------

    def begin(self) -> None:
        """Prepare, then start. Preparation happens off the GUI thread."""
        settings = self.services.settings.current
        self.preparing.emit(0, 1)
        self.services.tasks.run(
            lambda: plan_for(self.routine, settings), self._prepared, self._prepare_failed
        )

    def _prepared(self, plan: Plan) -> None:
        if self.phase is not Phase.PREPARING:
            return  # stopped while preparing
        self.plan = plan
        engine = SessionEngine(plan)
        self.driver = SessionDriver(
            engine, clock=self.services.clock(), speed=self.speed, parent=self
        )
        self.driver.engine_event.connect(self._on_event)
        self.driver.finished.connect(self._on_finished)
        self.phase = Phase.RUNNING
        self.preparing.emit(1, 1)
        self.driver.start()
        self.started.emit()

    def _prepare_failed(self, error: BaseException) -> None:
        self.notice.emit(f"The session could not be prepared: {error}")
        self._end(Status.STOPPED)

    # -- commands -----------------------------------------------------------------------

    def toggle_pause(self) -> None:
        if self.driver:
            self.driver.toggle_pause()

    def skip(self) -> None:
        if self.driver:
            self.driver.skip()

    def back(self) -> None:
        if self.driver:
            self.driver.back()

    def use_easier(self) -> None:
        if self.driver:
            self.driver.use_easier()

    def stop(self) -> None:
        if self.driver is not None:
            self.driver.stop()
        elif self.phase is Phase.PREPARING:
            self._end(Status.STOPPED)

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

    def _on_finished(self, status: Status) -> None:
        self._end(status)

    def _end(self, status: Status) -> None:
        if self.phase is Phase.FINISHED:
            return
        self.phase = Phase.FINISHED
        self.status = status
        self.finished.emit(status)
