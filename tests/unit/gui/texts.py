"""Every text a window shows a person (or a screen reader says), for the language tests."""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QMenu,
    QWidget,
)

from stretchtimer import APP_DISPLAY_NAME
from stretchtimer.storage.languages import native_name, shipped_languages
from tests.languages import unmarked

# Qt's standard buttons: its own catalogue (qtbase) translates them, not ours.
QT_OWNED = ("Cancel", "Close", "OK")


def locale_words() -> tuple[str, ...]:
    """Day and month names of the locale in use (Qt's data, not our catalogue)."""
    locale = QLocale()
    words: list[str] = []
    for kind in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
        words += [locale.dayName(day, kind) for day in range(1, 8)]
        words += [locale.standaloneDayName(day, kind) for day in range(1, 8)]
        words += [locale.monthName(month, kind) for month in range(1, 13)]
        words += [locale.standaloneMonthName(month, kind) for month in range(1, 13)]
    return tuple(sorted(set(words), key=len, reverse=True))


def allowed_words(*extra: str) -> tuple[str, ...]:
    """Names and data that stay as they are in every language."""
    return (
        *extra,
        APP_DISPLAY_NAME,
        "Ctrl",  # keys' names, as Qt writes them
        *QT_OWNED,
        *(native_name(tag) for tag in shipped_languages()),
        *locale_words(),
    )


def outside_marks(text: str, allowed: tuple[str, ...]) -> str:
    """The words of ``text`` outside the pseudo-language's marks, marks inside marks too
    ("⟦⟦Routines⟧ (Ctrl+1)⟧"), less the ``allowed`` parts."""
    while (inner := re.sub(r"⟦[^⟦⟧]*⟧", " ", text)) != text:
        text = inner
    return unmarked(text, allowed)


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """``(where, text)`` for every visible text under ``root``: labels, buttons, menus,
    combo box entries, spin box units, table headings, tooltips and accessible names."""
    found: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        texts = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if widget.isWindow():
            texts.append(widget.windowTitle())
        if isinstance(widget, QLabel):
            texts.append(re.sub(r"<[^>]+>", " ", widget.text()))  # the words, not the tags
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text().replace("&", ""))
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(index) for index in range(widget.count())]
        if isinstance(widget, QAbstractSpinBox):
            texts += [widget.property("suffix") or "", widget.property("prefix") or ""]
        if isinstance(widget, QMenu):
            texts += [action.text().replace("&", "") for action in widget.actions()]
            texts += [action.toolTip() for action in widget.actions() if action.toolTip()]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            texts += [
                str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                for column in range(model.columnCount())
            ]
        found += [(where, text) for text in texts if text and text.strip()]
    return found
