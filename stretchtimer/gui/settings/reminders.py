"""The Reminders card of the Settings page: when to be reminded, and how.

Every change applies at once: it is saved as a setting, and the reminder
schedule takes the new rules straight away. "Start at login" writes or removes
the system's login entry (``storage/autostart.py``) and shows that entry's state,
which the desktop's own startup settings can change behind our back.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from stretchtimer.core.i18n import _, p_
from stretchtimer.core.reminders.local_zone import system_zone
from stretchtimer.core.session.clock import Clock
from stretchtimer.gui.desk.quiet_dialog import from_qdatetime, suggested_end, to_qdatetime
from stretchtimer.gui.language import (
    date_time_pattern,
    minutes_suffix,
    time_pattern,
    weekday_long,
    weekday_short,
)
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.settings.desk_rules import DeskRuleSettings
from stretchtimer.storage.reminders import format_quiet_until, parse_quiet_until
from stretchtimer.storage.settings import WEEKDAYS, Settings
from stretchtimer.system.autostart import Autostart, AutostartError, autostart_for

log = logging.getLogger(__name__)

LAST_PLAYED = ""  # the routine setting's value for "the last one I played"
EDIT_HEIGHT = "QDateTimeEdit { min-height: 26px; }"  # as tall as the spin boxes beside them
# A chosen day looks chosen only while reminders are on (the theme's palette, light or dark).
DAY_OFF_STYLE = (
    "QPushButton:checked:disabled { background: palette(mid); border: 1px solid palette(mid);"
    " color: palette(placeholder-text); }"
)


class ReminderSettings(QObject):
    """Fills the Reminders card's form and keeps it in step with the settings."""

    def __init__(
        self,
        services: AppServices,
        form: QFormLayout,
        *,
        autostart: Autostart | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.autostart = autostart or autostart_for()
        self._build(form)
        if isinstance(parent, QWidget):
            parent.installEventFilter(self)  # offer routines added since, when it shows
        self.show_settings(services.settings.current)
        services.settings.changed.connect(self.show_settings)
        if services.reminders is not None:
            services.reminders.status_changed.connect(self._show_status)
        self._show_status()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show:
            self.fill_routines()
        return False

    def _update(self, **changes: Any) -> None:
        self.services.settings.update(**changes)

    def _clock(self) -> Clock:
        reminders = self.services.reminders
        return reminders.clock if reminders is not None else self.services.clock()

    def _zone(self) -> dt.tzinfo:
        reminders = self.services.reminders
        return reminders.zone() if reminders is not None else system_zone()

    # -- layout -------------------------------------------------------------------------

    def _build(self, form: QFormLayout) -> None:
        self.form = form
        hours, days = self._build_schedule()
        quiet = self._build_choices()
        form.addRow(self.enabled)
        form.addRow(self.status)
        # TRANSLATORS: a reminder comes "Every" [30 min].
        form.addRow(_("Every"), self.interval)
        form.addRow(_("Working hours"), hours)
        form.addRow(_("Working days"), days)
        form.addRow(_("Routine"), self.routine)
        form.addRow(_("Snooze for"), self.snooze)
        form.addRow(self.speak)
        form.addRow(quiet)
        self.desk = DeskRuleSettings(self.services, form, self)
        form.addRow(self.login)
        form.addRow(self.login_problem)
        form.setRowVisible(self.login_problem, False)
        self.details: list[QWidget] = [
            self.interval,
            self.start_time,
            self.end_time,
            *self.days.values(),
            self.routine,
            self.snooze,
            self.speak,
            self.quiet,
            self.quiet_until,
        ]
        self.fill_routines()

    def _build_schedule(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        self.enabled = QCheckBox(_("Remind me to stretch"))
        self.enabled.setAccessibleName(_("Remind me to stretch"))
        self.enabled.toggled.connect(lambda on: self._update(reminders_enabled=on))
        self.status = QLabel()
        self.status.setObjectName("Subtle")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Reminder status"))

        self.interval = self._minutes(_("Minutes between reminders"), 5, 480)
        self.interval.valueChanged.connect(lambda value: self._update(reminder_interval=value))

        self.start_time = self._time(_("Working hours start"))
        self.end_time = self._time(_("Working hours end"))
        self.start_time.timeChanged.connect(self._hours_changed)
        self.end_time.timeChanged.connect(self._hours_changed)
        self.overnight = QLabel(_("(past midnight)"))
        self.overnight.setObjectName("Subtle")
        hours = QHBoxLayout()
        hours.setSpacing(8)
        hours.addWidget(self.start_time)
        # TRANSLATORS: between two times: [08:00] to [16:00].
        hours.addWidget(QLabel(p_("time span", "to")))
        hours.addWidget(self.end_time)
        hours.addWidget(self.overnight)
        hours.addStretch(1)

        self.days: dict[str, QPushButton] = {}
        days = QHBoxLayout()
        days.setSpacing(4)
        for number, key in enumerate(WEEKDAYS):
            name = weekday_long(number)
            button = QPushButton(weekday_short(number))
            button.setCheckable(True)
            button.setAccessibleName(name)
            # TRANSLATORS: the tooltip of a weekday's button; {day} is "Monday".
            button.setToolTip(_("Remind me on {day}").format(day=name))
            button.setProperty("rating", True)  # the compact toggle style
            button.setStyleSheet(DAY_OFF_STYLE)
            button.toggled.connect(self._days_changed)
            self.days[key] = button
            days.addWidget(button)
        days.addStretch(1)
        return hours, days

    def _build_choices(self) -> QHBoxLayout:
        self.routine = QComboBox()
        self.routine.setAccessibleName(_("Routine to suggest"))
        self.routine.setMaximumWidth(380)
        self.routine.currentIndexChanged.connect(
            lambda _: self._update(reminder_routine=self.routine.currentData() or LAST_PLAYED)
        )
        self.snooze = self._minutes(_("Snooze minutes"), 1, 240)
        self.snooze.valueChanged.connect(lambda value: self._update(reminder_snooze=value))
        self.speak = QCheckBox(_("Say “Time to stretch” aloud with each reminder"))
        self.speak.setAccessibleName(_("Say the reminder aloud"))
        self.speak.toggled.connect(lambda on: self._update(reminder_speak=on))

        self.quiet = QCheckBox(_("Do not disturb until"))
        self.quiet.setAccessibleName(_("Do not disturb"))
        self.quiet.toggled.connect(self._quiet_toggled)
        self.quiet_until = QDateTimeEdit()
        self.quiet_until.setAccessibleName(_("Do not disturb until"))
        self.quiet_until.setCalendarPopup(True)
        self.quiet_until.setDisplayFormat(date_time_pattern())
        self.quiet_until.dateTimeChanged.connect(self._quiet_changed)
        self.quiet_until.setStyleSheet(EDIT_HEIGHT)
        quiet = QHBoxLayout()
        quiet.setSpacing(10)
        quiet.addWidget(self.quiet)
        quiet.addWidget(self.quiet_until)
        quiet.addStretch(1)

        self.login = QCheckBox(_("Start Stretch Timer in the tray when I log in"))
        self.login.setAccessibleName(_("Start at login"))
        self.login.setToolTip(
            _("The login entry: {location}").format(location=self.autostart.location)
        )
        self.login.toggled.connect(self._login_toggled)
        self.login_problem = QLabel()
        self.login_problem.setWordWrap(True)
        self.login_problem.setAccessibleName(_("Start at login problem"))
        self.login_problem.setObjectName("Banner")
        return quiet

    def _minutes(self, name: str, low: int, high: int) -> QSpinBox:
        box = QSpinBox()
        box.setRange(low, high)
        box.setSuffix(minutes_suffix())
        box.setAccessibleName(name)
        box.setMaximumWidth(140)
        return box

    def _time(self, name: str) -> QTimeEdit:
        edit = QTimeEdit()
        edit.setDisplayFormat(time_pattern())
        edit.setAccessibleName(name)
        edit.setMaximumWidth(110)
        edit.setStyleSheet(EDIT_HEIGHT)
        return edit

    def fill_routines(self) -> None:
        """Offer every routine that can be played, and "the last one I played"."""
        chosen = self.services.settings.current.reminder_routine
        self.routine.blockSignals(True)
        self.routine.clear()
        self.routine.addItem(_("The last one I played (at first: Desk hips)"), LAST_PLAYED)
        for entry in self.services.library.entries():
            if entry.routine is not None:
                self.routine.addItem(entry.title, entry.id)
        if chosen and self.routine.findData(chosen) < 0:
            # Keep it: a choice is never lost.
            self.routine.addItem(_("{routine} (not found)").format(routine=chosen), chosen)
        self.routine.setCurrentIndex(max(0, self.routine.findData(chosen)))
        self.routine.blockSignals(False)

    # -- showing the settings -------------------------------------------------------------

    def show_settings(self, settings: Settings) -> None:
        """Show ``settings`` without sending them back as changes."""
        widgets = [self.enabled, self.login, *self.details]
        for widget in widgets:
            widget.blockSignals(True)
        self.enabled.setChecked(settings.reminders_enabled)
        self.interval.setValue(settings.reminder_interval)
        self.start_time.setTime(QTime.fromString(settings.reminder_start, "HH:mm"))
        self.end_time.setTime(QTime.fromString(settings.reminder_end, "HH:mm"))
        self.overnight.setVisible(settings.reminder_end <= settings.reminder_start)
        for key, button in self.days.items():
            button.setChecked(key in settings.reminder_days)
        self.routine.setCurrentIndex(max(0, self.routine.findData(settings.reminder_routine)))
        self.snooze.setValue(settings.reminder_snooze)
        self.speak.setChecked(settings.reminder_speak)
        self._show_quiet(settings)
        self.login.setChecked(self.autostart.is_enabled())
        for widget in widgets:
            widget.blockSignals(False)
        for widget in self.details:
            widget.setEnabled(settings.reminders_enabled)
        self.quiet_until.setEnabled(settings.reminders_enabled and self.quiet.isChecked())
        self._show_status()

    def _show_quiet(self, settings: Settings) -> None:
        now, zone = self._clock().now().wall, self._zone()
        try:
            until = parse_quiet_until(settings.quiet_until, zone)
        except ValueError:
            until = None
        active = until is not None and until > now
        self.quiet.setChecked(active)
        self.quiet_until.setMinimumDateTime(to_qdatetime(now, zone))
        shown = until if active and until is not None else suggested_end(now)
        self.quiet_until.setDateTime(to_qdatetime(shown, zone))

    def _show_status(self) -> None:
        reminders = self.services.reminders
        text = reminders.sentence() if reminders is not None else ""
        self.status.setText(text)
        self.form.setRowVisible(self.status, bool(text) and self.enabled.isChecked())

    # -- changes ------------------------------------------------------------------------

    def _hours_changed(self) -> None:
        start = self.start_time.time().toString("HH:mm")
        end = self.end_time.time().toString("HH:mm")
        self._update(reminder_start=start, reminder_end=end)

    def _days_changed(self) -> None:
        chosen = tuple(key for key, button in self.days.items() if button.isChecked())
        self._update(reminder_days=chosen)

    def _quiet_toggled(self, on: bool) -> None:
        now = self._clock().now().wall
        until = from_qdatetime(self.quiet_until.dateTime(), self._zone()) if on else None
        if until is not None and until <= now:
            until = suggested_end(now)
        self._update(quiet_until=format_quiet_until(until, self._zone()))

    def _quiet_changed(self) -> None:
        if self.quiet.isChecked():
            until = from_qdatetime(self.quiet_until.dateTime(), self._zone())
            self._update(quiet_until=format_quiet_until(until, self._zone()))

    def _login_toggled(self, on: bool) -> None:
        try:
            if on:
                self.autostart.enable()
            else:
                self.autostart.disable()
        except AutostartError as error:
            self.login_problem.setText(str(error))
            self.form.setRowVisible(self.login_problem, True)
            self.login.blockSignals(True)
            self.login.setChecked(self.autostart.is_enabled())
            self.login.blockSignals(False)
            return
        self.form.setRowVisible(self.login_problem, False)
        self._update(start_at_login=on)
