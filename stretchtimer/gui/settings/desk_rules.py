"""The "at the desk" rows of the Reminders card: idle time, calls, full screen, DND, media.

Each rule the reminder schedule follows about the desk (``core/reminders/presence.py``)
can be switched off here, and the idle time that counts as a break is the person's
to choose. Every change is saved at once, like the rest of the card.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QSpinBox, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.gui.language import minutes_suffix
from stretchtimer.gui.services import AppServices
from stretchtimer.storage.settings import Settings


class DeskRuleSettings(QObject):
    """Adds the desk rows to the Reminders card's form and keeps them in step."""

    def __init__(self, services: AppServices, form: QFormLayout, parent: QObject | None) -> None:
        super().__init__(parent)
        self.services = services
        self.idle = self._check(
            _("Time away from the keyboard counts as a break after"),
            _("Time away counts as a break"),
            "idle_break",
        )
        self.idle.setToolTip(
            _(
                "When you come back after this long, the countdown to the next reminder "
                "starts again; a reminder never shows while nobody is at the desk."
            )
        )
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 120)
        self.idle_minutes.setSuffix(minutes_suffix())
        self.idle_minutes.setAccessibleName(_("Minutes away that count as a break"))
        self.idle_minutes.setMaximumWidth(140)
        self.idle_minutes.valueChanged.connect(lambda value: self._update(idle_break_minutes=value))
        idle_row = QHBoxLayout()
        idle_row.setSpacing(10)
        idle_row.addWidget(self.idle)
        idle_row.addWidget(self.idle_minutes)
        idle_row.addStretch(1)
        self.meeting = self._check(
            _("Hold reminders while a microphone or camera is in use"),
            _("Hold reminders during calls"),
            "wait_for_meeting",
        )
        self.full_screen = self._check(
            _("Hold reminders while another app fills the screen"),
            _("Hold reminders during full screen"),
            "wait_for_full_screen",
        )
        self.do_not_disturb = self._check(
            _("Hold reminders while the desktop's Do Not Disturb is on"),
            _("Hold reminders during Do Not Disturb"),
            "wait_for_do_not_disturb",
        )
        self.media = self._check(
            _("Pause music and videos during a routine, and resume them after"),
            _("Pause media during a routine"),
            "pause_media",
        )
        form.addRow(idle_row)
        for box in (self.meeting, self.full_screen, self.do_not_disturb, self.media):
            form.addRow(box)
        self.reminder_rows: list[QWidget] = [
            self.idle,
            self.idle_minutes,
            self.meeting,
            self.full_screen,
            self.do_not_disturb,
        ]
        self.show_settings(services.settings.current)
        services.settings.changed.connect(self.show_settings)

    def _check(self, text: str, name: str, key: str) -> QCheckBox:
        box = QCheckBox(text)
        box.setAccessibleName(name)
        box.toggled.connect(lambda on: self._update(**{key: on}))
        return box

    def _update(self, **changes: Any) -> None:
        self.services.settings.update(**changes)

    def show_settings(self, settings: Settings) -> None:
        """Show ``settings`` without sending them back as changes."""
        widgets = [*self.reminder_rows, self.media]
        for widget in widgets:
            widget.blockSignals(True)
        self.idle.setChecked(settings.idle_break)
        self.idle_minutes.setValue(settings.idle_break_minutes)
        self.meeting.setChecked(settings.wait_for_meeting)
        self.full_screen.setChecked(settings.wait_for_full_screen)
        self.do_not_disturb.setChecked(settings.wait_for_do_not_disturb)
        self.media.setChecked(settings.pause_media)
        for widget in widgets:
            widget.blockSignals(False)
        for widget in self.reminder_rows:
            widget.setEnabled(settings.reminders_enabled)
        self.idle_minutes.setEnabled(settings.reminders_enabled and settings.idle_break)
