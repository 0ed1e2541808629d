"""The desktop app in the person's language: Qt's own words, the locale and the direction.

``cli.py`` has already chosen the language and installed its catalogues
(:func:`stretchtimer.core.i18n.app_language`) before any window is made. Here Qt is told
the same: its own catalogue (``qtbase_<lang>.qm``, for the standard buttons and dialogs:
OK, Cancel, the file dialog), the default :class:`QLocale` (dates, times, weekdays, month
names and numbers everywhere in the app) and the layout direction, mirrored for a
language written right to left even when no catalogue of ours ships for it.

Dates and times the app writes go through the helpers below, never ``strftime``:
``strftime`` follows the C library's locale, which the app never sets, and would write
English month names in a German window.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime, QTranslator
from PySide6.QtGui import QGuiApplication

from stretchtimer.core.i18n import Language, p_

if TYPE_CHECKING:  # the dates come from the pages that show them: no datetime at start
    import datetime as dt

log = logging.getLogger(__name__)

QT_CATALOGUE = "stretchtimer-qtbase"  # the object name of the translator installed here


def qt_locale(language: Language) -> QLocale:
    """The QLocale for ``language``'s tag (``de``, ``pt_BR``); C for a pseudo-language.

    English without a region is written the British way, as the app's own words are
    ("14 May 2024", a 24-hour clock).
    """
    tag = language.tag.split(".", maxsplit=1)[0].replace("-", "_")
    return QLocale("en_GB" if tag == "en" else tag)


def install_language(app: QCoreApplication, language: Language) -> QTranslator | None:
    """Qt in ``language``: its catalogue, the default locale and the layout direction.

    Returns the installed translator (None when Qt ships no catalogue for the language,
    English among them).
    """
    locale = qt_locale(language)
    QLocale.setDefault(locale)
    for earlier in app.findChildren(QTranslator, QT_CATALOGUE):  # one language at a time
        app.removeTranslator(earlier)
        earlier.deleteLater()
    translator = None if language.is_source else qt_catalogue(app, language, locale)
    # After the catalogue, which may carry a direction of its own. Left to right is Qt's
    # default: the Qt namespace (some 30 ms to build) is touched only to change it.
    if isinstance(app, QGuiApplication) and (language.right_to_left or app.isRightToLeft()):
        from PySide6.QtCore import Qt

        app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft
            if language.right_to_left
            else Qt.LayoutDirection.LeftToRight
        )
    return translator


def qt_catalogue(app: QCoreApplication, language: Language, locale: QLocale) -> QTranslator | None:
    """Qt's own catalogue for ``language``, installed; None when Qt ships none.

    Not asked for English, the words Qt is written in: where Qt keeps its catalogues
    (:class:`QLibraryInfo`, with its enum) is then never looked up at start.
    """
    from PySide6.QtCore import QLibraryInfo

    translator = QTranslator(app)
    translator.setObjectName(QT_CATALOGUE)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(locale, "qtbase", "_", folder):
        app.installTranslator(translator)
        log.info("Qt's own catalogue for %s loaded from %s", language.tag, folder)
        return translator
    translator.deleteLater()
    return None


# -- dates and times in the app's locale ------------------------------------------------
# Each is built from the locale's own long date pattern, so the order of day and month,
# their separators and the month names are the language's: "14 May 2024", "14. Mai 2024",
# "14 de mayo de 2024", "14 mai 2024".


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _long_pattern() -> str:
    return QLocale().dateFormat(QLocale.FormatType.LongFormat)


def _pattern(*, weekday: bool, year: bool, short: bool) -> str:
    """The locale's long date pattern, with or without its weekday and year; ``short``
    with short month names and without words between the parts (Spanish "de")."""
    pattern = _long_pattern()
    if not weekday:
        pattern = re.sub(r"d{4}[^dMy']*", "", pattern, count=1)
    if not year:
        pattern = re.sub(r"[\s,./-]*('[^']*'\s*)?y+", "", pattern)
    if short:
        pattern = re.sub(r"\s*'[^']*'\s*", " ", pattern).replace("MMMM", "MMM")
        pattern = pattern.replace("dddd", "ddd")
    return re.sub(r"\s+", " ", pattern).strip(" ,") or "d MMM yyyy"


def month_short(day: dt.date) -> str:
    """``"Dec"``, ``"Dez"``, ``"dic"``: the month's short name, standing alone."""
    return QLocale().standaloneMonthName(day.month, QLocale.FormatType.ShortFormat)


def weekday_short(weekday: int) -> str:
    """``"Mon"`` for 0 (Monday) to ``"Sun"`` for 6, in the locale's words."""
    return QLocale().standaloneDayName(weekday + 1, QLocale.FormatType.ShortFormat)


def weekday_long(weekday: int) -> str:
    """``"Monday"`` for 0 to ``"Sunday"`` for 6, in the locale's words."""
    return QLocale().standaloneDayName(weekday + 1, QLocale.FormatType.LongFormat)


def day_month(day: dt.date) -> str:
    """A short day and month for a chart's axis: ``"30 Nov"``, ``"30. Nov."``, ``"30 nov"``."""
    return QLocale().toString(_qdate(day), _pattern(weekday=False, year=False, short=True))


def full_date(day: dt.date) -> str:
    """The date with its weekday: ``"Tuesday, 14 May 2024"``, ``"Dienstag, 14. Mai 2024"``."""
    return QLocale().toString(_qdate(day), _long_pattern())


def long_date(day: dt.date) -> str:
    """The date without its weekday: ``"14 May 2024"``, ``"14. Mai 2024"``."""
    return QLocale().toString(_qdate(day), _pattern(weekday=False, year=True, short=False))


def short_date(day: dt.date) -> str:
    """A date with a short month: ``"14 May 2024"``, ``"14. Mai 2024"``, ``"14 may 2024"``."""
    return QLocale().toString(_qdate(day), _pattern(weekday=False, year=True, short=True))


def short_date_time(moment: dt.datetime) -> str:
    """A day and time for a table: ``"Tue, 14 May 2024, 08:05"`` in the locale's order."""
    day = QLocale().toString(_qdate(moment.date()), _pattern(weekday=True, year=True, short=True))
    return f"{day}, {clock_time(moment.time())}"


def clock_time(time: dt.time) -> str:
    """``"08:05"``, in the locale's own short time format."""
    return QLocale().toString(QTime(time.hour, time.minute), QLocale.FormatType.ShortFormat)


def time_pattern() -> str:
    """The locale's pattern for hours and minutes, for a time box: ``"HH:mm"``."""
    return QLocale().timeFormat(QLocale.FormatType.ShortFormat)


def date_time_pattern() -> str:
    """A weekday, the date and the time, for a date-and-time box: ``"ddd, d MMM yyyy  HH:mm"``."""
    return f"{_pattern(weekday=True, year=True, short=True)}  {time_pattern()}"


def minutes_suffix() -> str:
    """After a number of minutes in a spin box: ``" min"``."""
    # TRANSLATORS: the unit after a number of minutes in a box, "10 min".
    return " " + p_("unit", "min")


def seconds_suffix() -> str:
    """After a number of seconds in a spin box: ``" s"``."""
    # TRANSLATORS: the unit after a number of seconds in a box, "5 s".
    return " " + p_("unit", "s")


def number(value: int) -> str:
    """``"1,234"``, ``"1.234"``, ``"1 234"``."""
    return QLocale().toString(value)


def decimal(value: float, places: int = 1, *, sign: bool = False, trim: bool = True) -> str:
    """``"4.5"``, ``"4,5"``; a whole number without its decimals (``"5"``); ``sign``:
    ``"+2.3"``, ``"−"`` as the locale writes it."""
    locale = QLocale()
    text = locale.toString(float(value), "f", places)
    zero = locale.zeroDigit() * places
    if trim and places and text.endswith(locale.decimalPoint() + zero):
        text = text[: -len(locale.decimalPoint() + zero)]
    if sign and value >= 0:
        text = locale.positiveSign() + text
    return text
