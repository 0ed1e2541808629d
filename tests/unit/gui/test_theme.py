"""The app's colours: chosen, or the system's, and at start the system's as last seen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from stretchtimer.gui.theme import DARK, LIGHT, Theme, ThemeManager, current


@pytest.fixture
def app_colours(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    ThemeManager(qapp, "light").deleteLater()  # the next test starts light, as the others do


def window_colour(app: QApplication) -> str:
    return app.palette().color(QPalette.ColorRole.Window).name()


def system_theme(app: QApplication) -> Theme:
    return DARK if app.styleHints().colorScheme() == Qt.ColorScheme.Dark else LIGHT


def test_a_start_opens_in_the_scheme_last_seen_then_follows_the_system(app_colours) -> None:  # type: ignore[no-untyped-def]
    app = app_colours
    wrong = LIGHT if system_theme(app) is DARK else DARK  # as if the system changed meanwhile
    themes = ThemeManager(app, "system", assumed_system=wrong.name)
    assert current() is wrong
    assert window_colour(app) == wrong.window
    changes: list[Theme] = []
    themes.changed.connect(changes.append)
    read: list[Theme] = []
    themes.system_read.connect(read.append)

    themes.follow_system()  # once the window is on screen

    assert read == [system_theme(app)]  # for the app to remember until its next start

    assert themes.system is system_theme(app)
    assert current() is system_theme(app)
    assert window_colour(app) == system_theme(app).window
    assert changes == [system_theme(app)]
    themes.follow_system()
    assert changes == [system_theme(app)], "the same colours again are not applied again"
    themes.deleteLater()


def test_a_chosen_theme_wins_over_the_system(app_colours) -> None:  # type: ignore[no-untyped-def]
    app = app_colours
    themes = ThemeManager(app, "dark", assumed_system="light")
    assert current() is DARK
    themes.follow_system()
    assert current() is DARK
    themes.apply("light")
    assert window_colour(app) == LIGHT.window
    themes.deleteLater()


def test_without_a_scheme_seen_the_system_is_asked_at_once(app_colours) -> None:  # type: ignore[no-untyped-def]
    themes = ThemeManager(app_colours, "system", assumed_system=None)
    assert themes.system is system_theme(app_colours)
    assert current() is system_theme(app_colours)
    themes.deleteLater()
