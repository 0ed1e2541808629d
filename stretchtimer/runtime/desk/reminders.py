"""Run the reminder schedule on the Qt event loop (QtCore only; the GUI shows what it says).

One single-shot timer is armed at the schedule's ``next_deadline()``, but never
further than :data:`RECHECK_SECONDS` ahead: Qt timers run on the monotonic clock,
which stops while the machine sleeps, so a long timer would fire long after a
wake. Waking up once a minute costs nothing and means a reminder that fell due
in a short sleep is shown within a minute of waking. After a wake (and when the
settings change) the time zone is read again, so travel and a daylight-saving
change on a system without zone rules are picked up.

Every change of the schedule is saved at once (see
:mod:`~stretchtimer.storage.reminders`), so a crash keeps it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from stretchtimer.core.reminders.events import (
    Phase,
    ReminderAnswered,
    ReminderDue,
    ReminderEvent,
    ReminderMemory,
    ReminderStatus,
    ReminderWithdrawn,
)
from stretchtimer.core.reminders.local_zone import system_zone
from stretchtimer.core.reminders.presence import DeskState
from stretchtimer.core.reminders.schedule import PAUSE_FOR_AN_HOUR, ReminderMachine
from stretchtimer.core.session.clock import SLEEP_GAP, Clock, Moment, SystemClock
from stretchtimer.storage.reminders import ReminderStateStore, reminder_rules
from stretchtimer.storage.settings import Settings

log = logging.getLogger(__name__)

RECHECK_SECONDS = 60.0


class ReminderDriver(QObject):
    """Feeds the schedule the time, saves it, and tells the GUI what to show.

    Build it with :meth:`from_settings`, connect the signals, then call
    :meth:`start`. Call :meth:`shutdown` when the app quits.

    Signals:
        reminder_due(object): a :class:`ReminderDue`: show a notification with Start,
            Snooze and Skip, play the chime, speak if the person chose it.
        reminder_withdrawn(object): a :class:`ReminderWithdrawn`: take it away.
        answered(object): a :class:`ReminderAnswered`; on ``Answer.START`` play
            ``routine_id`` (then call :meth:`session_started`).
        status_changed(object): a :class:`ReminderStatus`, when it changed (tray tooltip,
            the pause/resume menu entries).
    """

    reminder_due = Signal(object)
    reminder_withdrawn = Signal(object)
    answered = Signal(object)
    status_changed = Signal(object)

    def __init__(
        self,
        machine: ReminderMachine,
        store: ReminderStateStore | None,
        *,
        settings: Settings | None = None,
        clock: Clock | None = None,
        zone_source: Callable[[], dt.tzinfo] = system_zone,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.machine = machine
        self.store = store
        self.clock: Clock = clock or SystemClock()
        self._settings = settings
        self._zone_source = zone_source
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.tick)
        self._saved: ReminderMemory | None = None
        self._status: ReminderStatus | None = None
        self._last: Moment | None = None
        self._desk = DeskState()

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        store: ReminderStateStore,
        *,
        clock: Clock | None = None,
        zone_source: Callable[[], dt.tzinfo] = system_zone,
        parent: QObject | None = None,
    ) -> ReminderDriver:
        zone = zone_source()
        machine = ReminderMachine(reminder_rules(settings, zone), zone, store.load())
        return cls(
            machine,
            store,
            settings=settings,
            clock=clock,
            zone_source=zone_source,
            parent=parent,
        )

    # -- commands (all take effect at once) -------------------------------------------

    def start(self) -> None:
        self.tick()

    def tick(self) -> None:
        self._run(self.machine.tick)

    def snooze(self) -> None:
        self._run(self.machine.snooze)

    def skip(self) -> None:
        self._run(self.machine.skip)

    def start_now(self) -> None:
        self._run(self.machine.start_now)

    def session_started(self, routine_id: str | None = None) -> None:
        self._run(lambda now: self.machine.session_started(now, routine_id))

    def session_ended(self) -> None:
        self._run(self.machine.session_ended)

    def desk_changed(self, desk: DeskState) -> None:
        """The presence probes saw the desk change (idle, back, a call, full screen, DND)."""
        if desk == self._desk:
            return
        self._desk = desk
        self._run(lambda now: self.machine.desk_changed(now, desk))

    def pause_for(self, seconds: float = PAUSE_FOR_AN_HOUR) -> None:
        self._run(lambda now: self.machine.pause_for(now, seconds))

    def pause_until_tomorrow(self) -> None:
        self._run(self.machine.pause_until_tomorrow)

    def resume(self) -> None:
        self._run(self.machine.resume)

    def update_settings(self, settings: Settings) -> None:
        """The person saved their settings: new rules, and the zone read again."""
        self._settings = settings
        self._run(self._with_fresh_rules)

    def status(self) -> ReminderStatus:
        return self.machine.status()

    def seconds_to_next_wake(self) -> float | None:
        """How long the timer was last armed for (None: not armed); for tests and debug info."""
        return self._timer.interval() / 1000.0 if self._timer.isActive() else None

    def shutdown(self) -> None:
        """The app quits: stop the timer and save the state as cleanly left."""
        self._timer.stop()
        self._save(self.machine.memory(clean_exit=True), force=True)

    # -- machinery --------------------------------------------------------------------

    def _with_fresh_rules(self, now: Moment) -> list[ReminderEvent]:
        zone = self._zone_source()
        settings = self._settings or Settings()
        return self.machine.update_rules(now, reminder_rules(settings, zone), zone)

    def _run(self, command: Callable[[Moment], list[ReminderEvent]]) -> None:
        now = self.clock.now()
        last, self._last = self._last, now
        events: list[ReminderEvent] = []
        if last is not None and (now.wall - last.wall) - (now.mono - last.mono) > SLEEP_GAP:
            events += self._with_fresh_rules(now)  # woke up: maybe elsewhere, maybe new rules
        events += command(now)
        for event in events:
            if isinstance(event, ReminderDue):
                log.info("reminder due: %s (late by %.0f s)", event.routine_id, event.late_by)
                self.reminder_due.emit(event)
            elif isinstance(event, ReminderWithdrawn):
                self.reminder_withdrawn.emit(event)
            elif isinstance(event, ReminderAnswered):
                self.answered.emit(event)
        self._save(self.machine.memory())
        status = self.machine.status()
        if status != self._status:
            self._status = status
            self.status_changed.emit(status)
        self._arm(now)

    def _save(self, memory: ReminderMemory, *, force: bool = False) -> None:
        if self.store is None:
            return
        if not force and self._saved is not None and _same_state(self._saved, memory):
            return
        try:
            self.store.save(memory)
        except OSError as error:
            log.warning("could not save the reminder state to %s: %s", self.store.path, error)
            return
        self._saved = memory

    def _arm(self, now: Moment) -> None:
        if self.machine.phase is Phase.OFF:
            self._timer.stop()
            return
        wait = RECHECK_SECONDS
        deadline = self.machine.next_deadline()
        if deadline is not None:
            wait = min(wait, max(0.0, deadline - now.wall))
        self._timer.start(math.ceil(wait * 1000.0))


def _same_state(one: ReminderMemory, other: ReminderMemory) -> bool:
    """Equal but for when they were taken: no need to write the file again."""
    return dataclasses.replace(one, saved_at=None, clean_exit=False) == dataclasses.replace(
        other, saved_at=None, clean_exit=False
    )
