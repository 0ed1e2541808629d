"""Ask "do not disturb until when?": a date and time, an hour from now to start with.

Times are the person's local clock times in the reminders' time zone, as the
``quiet_until`` setting stores them.
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.i18n import _
from stretchtimer.gui.language import date_time_pattern

QUARTER = 15 * 60.0


def suggested_end(now: float) -> float:
    """An hour from now, on the next quarter hour: a time people say."""
    return math.ceil((now + 3600.0) / QUARTER) * QUARTER


def to_qdatetime(instant: float, zone: dt.tzinfo) -> QDateTime:
    local = dt.datetime.fromtimestamp(instant, zone)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def from_qdatetime(value: QDateTime, zone: dt.tzinfo) -> float:
    date, time = value.date(), value.time()
    local = dt.datetime(date.year(), date.month(), date.day(), time.hour(), time.minute())
    return local.replace(tzinfo=zone).timestamp()


class QuietDialog(QDialog):
    """Pick the end of a do-not-disturb time."""

    def __init__(
        self, now: float, zone: dt.tzinfo, current: float | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.zone = zone
        self.setWindowTitle(_("Do not disturb"))
        text = QLabel(
            _(
                "No reminders until this time. A reminder that falls due meanwhile "
                "is shown once when it ends."
            )
        )
        text.setWordWrap(True)
        self.until = QDateTimeEdit()
        self.until.setAccessibleName(_("Do not disturb until"))
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat(date_time_pattern())
        self.until.setMinimumDateTime(to_qdatetime(now, zone))
        self.until.setDateTime(to_qdatetime(current or suggested_end(now), zone))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(text)
        layout.addWidget(self.until)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        self.until.setFocus()

    def chosen(self) -> float:
        return from_qdatetime(self.until.dateTime(), self.zone)
