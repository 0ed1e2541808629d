"""Reminders in the app: the schedule's driver, made when reminders are first switched on.

With reminders off nothing of the schedule loads: its rules, working hours, the local
time zone and the saved state are imported when reminders are first on (or when a view
asks for one of them), never at a start with them off.

The rules live in ``core/reminders.py`` and their Qt timer in
``stretchtimer/runtime/desk/reminders.py``; this object is what the tray, the reminder
window and the Settings page talk to. It keeps the driver in step with the
settings (every change applies at once), tells it about every session, and
remembers which reminder is showing, so each view can offer Start, Snooze and
Skip for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from stretchtimer.core.i18n import _
from stretchtimer.core.reminders.default_routine import DEFAULT_ROUTINE
from stretchtimer.core.session.clock import Clock
from stretchtimer.gui.settings_model import SettingsModel
from stretchtimer.storage.paths import Paths
from stretchtimer.storage.settings import Settings

if TYPE_CHECKING:
    import datetime as dt

    from stretchtimer.core.reminders.events import (
        ReminderAnswered,
        ReminderDue,
        ReminderStatus,
        ReminderWithdrawn,
    )
    from stretchtimer.runtime.desk.reminders import ReminderDriver

    ZoneSource = Callable[[], dt.tzinfo]

log = logging.getLogger(__name__)


REMINDER_SETTINGS = (
    "reminders_enabled",
    "reminder_interval",
    "reminder_start",
    "reminder_end",
    "reminder_days",
    "reminder_routine",
    "reminder_snooze",
    "quiet_until",
    "idle_break",
    "idle_break_minutes",
    "wait_for_meeting",
    "wait_for_full_screen",
    "wait_for_do_not_disturb",
)


def reminder_choices(settings: Settings) -> tuple[object, ...]:
    """The settings the schedule's rules are made of."""
    return tuple(getattr(settings, name) for name in REMINDER_SETTINGS)


class ReminderService(QObject):
    """The person's reminder schedule, as the app's views see it.

    Signals:
        due(object): a :class:`ReminderDue`: show it (notification, window, chime).
        withdrawn(object): a :class:`ReminderWithdrawn`: take the showing reminder away.
        answered(object): a :class:`ReminderAnswered`; on START the app plays the routine.
        status_changed(): the schedule changed (tray tooltip and menu, the Settings line).
    """

    due = Signal(object)
    withdrawn = Signal(object)
    answered = Signal(object)
    status_changed = Signal()

    def __init__(
        self,
        settings: SettingsModel,
        paths: Paths,
        *,
        clock: Clock,
        zone_source: ZoneSource | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.paths = paths
        self.clock = clock
        self._zone_source = zone_source  # None: the system's, looked up when first asked
        self.driver: ReminderDriver | None = None
        self.showing: ReminderDue | None = None
        self._session_routine: str | None = None  # the routine playing now, if any
        self._last_played: str | None = None
        self._choices = reminder_choices(settings.current)
        settings.changed.connect(self._settings_changed)

    @property
    def zone_source(self) -> ZoneSource:
        """Where the local time zone comes from (the system's unless a test says)."""
        if self._zone_source is None:
            from stretchtimer.core.reminders.local_zone import system_zone

            self._zone_source = system_zone
        return self._zone_source

    # -- life cycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Begin reminding, if the person switched reminders on."""
        if self.settings.current.reminders_enabled:
            self._make_driver(self.settings.current)

    def shutdown(self) -> None:
        """The app quits: the schedule is saved as cleanly left."""
        if self.driver is not None:
            self.driver.shutdown()

    def _make_driver(self, settings: Settings) -> None:
        # Loaded only for people who use reminders: a smaller, quicker app for the others.
        from stretchtimer.runtime.desk.reminders import ReminderDriver
        from stretchtimer.storage.reminders import ReminderStateStore, reminder_state_path

        driver = ReminderDriver.from_settings(
            settings,
            ReminderStateStore(reminder_state_path(self.paths)),
            clock=self.clock,
            zone_source=self.zone_source,
            parent=self,
        )
        driver.reminder_due.connect(self._on_due)
        driver.reminder_withdrawn.connect(self._on_withdrawn)
        driver.answered.connect(self._on_answered)
        driver.status_changed.connect(lambda _status: self.status_changed.emit())
        self.driver = driver
        log.info("reminders on: every %s minutes", settings.reminder_interval)
        driver.start()
        if self._session_routine is not None:  # switched on during a session
            driver.session_started(self._session_routine)
        self.status_changed.emit()

    def _settings_changed(self, settings: Settings) -> None:
        rules = reminder_choices(settings)
        if rules == self._choices:
            return  # the voice, a volume, the theme ...: nothing for the schedule
        self._choices = rules
        if self.driver is not None:
            self.driver.update_settings(settings)
            self.status_changed.emit()  # the sentence may change even when the status did not
        elif settings.reminders_enabled:
            self._make_driver(settings)

    # -- what views show --------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self.settings.current.reminders_enabled

    def status(self) -> ReminderStatus | None:
        """Where the schedule stands; None while reminders have never been on."""
        if self.driver is None or not self.enabled:
            return None
        return self.driver.status()

    def paused(self) -> bool:
        status = self.status()
        if status is None:
            return False
        from stretchtimer.core.reminders.events import Phase

        return status.phase is Phase.PAUSED

    def zone(self) -> dt.tzinfo:
        return self.driver.machine.zone if self.driver is not None else self.zone_source()

    def sentence(self) -> str:
        """One sentence on where reminders stand, for the tray's tooltip and menu."""
        status = self.status()
        if status is None:
            return _("Reminders are off.")
        from stretchtimer.core.reminders.text import status_text

        return status_text(status, self.clock.now().wall, self.zone())

    def routine_id(self) -> str:
        """The routine a reminder names now: the one showing, the chosen one, the last played."""
        if self.showing is not None:
            return self.showing.routine_id
        status = self.status()
        if status is not None:
            return status.routine_id
        chosen = self.settings.current.reminder_routine or self._last_played
        return chosen or DEFAULT_ROUTINE

    def quiet_until(self) -> float | None:
        """The end of "do not disturb", while it lasts."""
        if not self.settings.current.quiet_until.strip():
            return None  # (nothing to read: no time zone or parser needed)
        from stretchtimer.storage.reminders import parse_quiet_until

        try:
            until = parse_quiet_until(self.settings.current.quiet_until, self.zone())
        except ValueError:
            return None
        if until is None or until <= self.clock.now().wall:
            return None
        return until

    # -- commands ---------------------------------------------------------------------------

    def start_now(self) -> None:
        """Answer the showing reminder with "start"; ``answered`` then says what to play."""
        if self.driver is not None:
            self.driver.start_now()

    def snooze(self) -> None:
        if self.driver is not None:
            self.driver.snooze()

    def skip(self) -> None:
        if self.driver is not None:
            self.driver.skip()

    def pause_for_an_hour(self) -> None:
        if self.driver is not None:
            self.driver.pause_for()

    def pause_until_tomorrow(self) -> None:
        if self.driver is not None:
            self.driver.pause_until_tomorrow()

    def resume(self) -> None:
        if self.driver is not None:
            self.driver.resume()

    def switch_on(self) -> None:
        self.settings.update(reminders_enabled=True)

    def set_quiet_until(self, instant: float | None) -> None:
        """Do not disturb until ``instant`` (None ends it); saved as a setting, applied at once."""
        from stretchtimer.storage.reminders import format_quiet_until

        self.settings.update(quiet_until=format_quiet_until(instant, self.zone()))

    def session_started(self, routine_id: str) -> None:
        """A routine began to play, whoever started it."""
        self._session_routine = routine_id
        self._last_played = routine_id
        if self.driver is not None:
            self.driver.session_started(routine_id)

    def session_ended(self) -> None:
        self._session_routine = None
        if self.driver is not None:
            self.driver.session_ended()

    # -- the driver's news ------------------------------------------------------------------

    def _on_due(self, event: ReminderDue) -> None:
        self.showing = event
        self.due.emit(event)

    def _on_withdrawn(self, event: ReminderWithdrawn) -> None:
        self.showing = None
        self.withdrawn.emit(event)

    def _on_answered(self, event: ReminderAnswered) -> None:
        self.showing = None
        self.answered.emit(event)
