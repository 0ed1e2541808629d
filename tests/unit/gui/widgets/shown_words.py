"""Every word a widget shows or gives a screen reader, and the language it is in.

``shown_words(root)`` walks the visible widgets under ``root``: label and button texts,
placeholders, choices of a combo box, tooltips, accessible names and descriptions, window
titles. ``untranslated(root, allowed)`` is what of those, under the pseudo-language
``qps``, has words outside the ⟦ ⟧ marks: texts never marked for translation.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from stretchtimer.core.i18n import Language
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.widgets.elided_label import ElidedLabel
from stretchtimer.gui.widgets.pose_figure import PoseFigure
from tests.languages import unmarked
from tests.unit.gui.conftest import close_and_delete

LANGUAGES = ("de", "es", "fr")
_TAG = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub(" ", text)) if "<" in text else text


def unmarked_words(text: str, allowed: tuple[str, ...] = ()) -> str:
    """:func:`tests.languages.unmarked`, also for marks inside marks: a translated text
    put into another's placeholder, "⟦⟦hold ⟦20 s⟧⟧, each side⟧"."""
    inner = re.compile(r"⟦[^⟦⟧]*⟧")
    while inner.search(text):
        text = inner.sub(" ", text)
    return unmarked(text, allowed=tuple(sorted(allowed, key=len, reverse=True)))


def shown_words(root: QWidget) -> Iterator[tuple[str, str]]:
    """``(where, text)`` for every text of ``root`` and its visible widgets."""
    for widget in (root, *root.findChildren(QWidget)):
        if widget is not root and not widget.isVisibleTo(root):
            continue
        where = f"{type(widget).__name__}#{widget.objectName()}"
        texts: list[tuple[str, str]] = []
        if isinstance(widget, ElidedLabel):  # "A long title…": all of it is its text
            texts.append(("text", widget.full_text()))
        elif isinstance(widget, QLabel):
            texts.append(("text", _plain(widget.text())))
        if isinstance(widget, QAbstractButton):
            texts.append(("text", widget.text().replace("&", "")))
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(("placeholder", widget.placeholderText()))
        if isinstance(widget, QComboBox):
            texts += [("choice", widget.itemText(row)) for row in range(widget.count())]
        if widget.isWindow():
            texts.append(("title", widget.windowTitle()))
        texts.append(("tooltip", _plain(widget.toolTip())))
        name = widget.accessibleName()
        posed = widget.pose() if isinstance(widget, PoseFigure) else None
        if not (posed is not None and name == posed.description()):  # core/poses' words
            texts.append(("accessible name", name))
        texts.append(("accessible description", widget.accessibleDescription()))
        for kind, text in texts:
            if text.strip():
                yield f"{where} {kind}", text


def untranslated(root: QWidget, allowed: tuple[str, ...] = ()) -> list[str]:
    """The texts of ``root`` with words never marked for translation (under ``qps``);
    ``allowed`` are names and other texts that are not the app's own words."""
    return [
        f"{where}: {words!r} in {text!r}"
        for where, text in shown_words(root)
        if (words := unmarked_words(text, allowed))
    ]


@contextmanager
def app_in(language: Callable[[str], Language], tag: str) -> Iterator[None]:
    """The app's words (the ``language`` fixture) and Qt's numbers in ``tag``."""
    saved = QLocale()
    language(tag)
    QLocale.setDefault(QLocale("en_US" if tag == "qps" else tag))
    try:
        yield
    finally:
        QLocale.setDefault(saved)


@contextmanager
def main_window(qtbot, services: AppServices, size: tuple[int, int] = (1366, 768)):  # type: ignore[no-untyped-def]
    """The app's window, built in the language in use (the ``window`` fixture is built
    before a test can choose one)."""
    window = MainWindow(services)
    window.resize(*size)
    window.show()
    window.finish_startup()
    qtbot.waitExposed(window)
    try:
        yield window
    finally:
        close_and_delete(window)
