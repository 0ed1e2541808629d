"""Numbers as the person's locale writes them ("1,5" in German, "1.5" in English)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QTime

from stretchtimer.core.i18n import _, p_

if TYPE_CHECKING:
    from datetime import datetime


def number(value: float) -> str:
    """``value`` in the locale's digits and decimal sign, without trailing zeros."""
    locale = QLocale()
    if float(value).is_integer():
        return locale.toString(int(value))
    return locale.toString(float(value), "g", 6)


def when_words(moment: datetime) -> str:
    """A moment of the last days as the locale writes it: "14:05 on 6 Dec"."""
    locale = QLocale()
    time = locale.toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)
    # TRANSLATORS: a Qt date format for a day of the last weeks: d day, MMM short month.
    day_format = p_("date format", "d MMM")
    day = locale.toString(QDate(moment.year, moment.month, moment.day), day_format)
    # TRANSLATORS: when unsaved changes were kept: {time} "14:05", {date} "6 Dec".
    return _("{time} on {date}").format(time=time, date=day)
