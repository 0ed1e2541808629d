"""The desktop app in every language: every text marked, Qt in the same language, German,
Spanish and French without clipped words, and right to left for Arabic."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from stretchtimer.core.i18n import Language
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.gui.crash.dialog import CrashDialog
from stretchtimer.gui.desk.quiet_dialog import QuietDialog
from stretchtimer.gui.history.charts.comfort import week_label
from stretchtimer.gui.history.charts.heatmap import level_colour
from stretchtimer.gui.language import day_month, full_date, short_date_time
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.nav_bar import PLACE_KEYS
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.theme import ThemeManager
from stretchtimer.storage.history.timestamps import today as local_today
from stretchtimer.storage.languages import configured_language
from stretchtimer.storage.routines.library import builtin_entries
from stretchtimer.storage.settings import SettingsStore
from tests.unit.gui.clipping import clipped
from tests.unit.gui.conftest import close_and_delete, save_artifact
from tests.unit.gui.history.data import add, realistic
from tests.unit.gui.texts import allowed_words, outside_marks, shown_texts

SwitchLanguage = Callable[[str], Language]


def today(clock: FakeClock) -> date:
    return local_today(clock.now().wall)


@pytest.fixture
def history_with_data(home: Path, services: AppServices, clock: FakeClock) -> Path:
    """Four months of real sessions of the built-in routines, some rated, up to today."""
    add(services.paths.history, realistic(today(clock)))
    return services.paths.history


def make_window(qtbot, services: AppServices) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(services)
    window.resize(1366, 768)
    window.show()
    window.finish_startup()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def open_window(
    qtbot, services: AppServices, themes: ThemeManager
) -> Iterator[Callable[[], MainWindow]]:  # type: ignore[no-untyped-def]
    """Makes the main window once the language is chosen (its words are read when built)."""
    made: list[MainWindow] = []

    def make() -> MainWindow:
        made.append(make_window(qtbot, services))
        return made[-1]

    yield make
    for window in made:
        close_and_delete(window)


def titles() -> tuple[str, ...]:
    return tuple(entry.title for entry in builtin_entries())


def unmarked_texts(root: QWidget, *allowed: str) -> list[str]:
    words = allowed_words(*allowed, *titles())
    return [
        f"{where}: {text!r} ({rest})"
        for where, text in shown_texts(root)
        if (rest := outside_marks(text, words))
    ]


# -- start-up: Qt in the app's language ---------------------------------------------------


def test_qt_speaks_the_apps_language_and_writes_its_dates(
    qapp: QApplication, app_language: SwitchLanguage
) -> None:
    def cancel() -> str:
        return QCoreApplication.translate("QPlatformTheme", "Cancel")

    assert cancel() == "Cancel"
    app_language("de")
    assert QLocale().language() is QLocale.Language.German
    assert cancel() == "Abbrechen"  # Qt's own catalogue: its standard buttons match
    assert qapp.layoutDirection() is Qt.LayoutDirection.LeftToRight
    day = date(2024, 12, 3)
    assert day_month(day) == "3. Dez."
    assert full_date(day) == "Dienstag, 3. Dezember 2024"
    app_language("fr")
    assert cancel() == "Annuler"
    assert full_date(day) == "mardi 3 décembre 2024"
    app_language("es")
    assert full_date(day) == "martes, 3 de diciembre de 2024"
    assert day_month(day) == "3 dic"
    app_language("en")
    assert cancel() == "Cancel"
    from datetime import datetime

    assert short_date_time(datetime(2024, 5, 14, 8, 5)) == "Tue, 14 May 2024, 08:05"


def test_a_right_to_left_language_mirrors_the_window_without_a_catalogue(
    qtbot, app_language: SwitchLanguage, open_window: Callable[[], MainWindow]
) -> None:  # type: ignore[no-untyped-def]
    app_language("ar")  # no Arabic catalogue ships: the words stay English, the layout turns
    window = open_window()
    assert window.layoutDirection() is Qt.LayoutDirection.RightToLeft
    for place in PLACE_KEYS:
        window.show_place(place)
        QCoreApplication.processEvents()
        nav = window.nav.mapTo(window, QPoint(0, 0)).x()
        page = window.pages.mapTo(window, QPoint(0, 0)).x()
        assert nav > page, f"{place}: the navigation should stand on the right"
        assert nav + window.nav.width() == window.centralWidget().width()
        save_artifact(window, f"rtl-ar-{place}")


# -- every text marked: the pseudo-language ------------------------------------------------


def test_every_text_of_the_window_settings_and_history_is_marked(
    qtbot,
    app_language: SwitchLanguage,
    open_window: Callable[[], MainWindow],
    history_with_data: Path,
) -> None:  # type: ignore[no-untyped-def]
    app_language("qps")
    window = open_window()
    problems = unmarked_texts(window.nav)
    for place in PLACE_KEYS:
        window.show_place(place)
        QCoreApplication.processEvents()
        assert window.nav.buttons[place].text().strip().startswith("⟦")
    settings = window.settings_view
    window.show_place("settings")
    voices = [  # the voices' own names, as the engines give them
        settings.voice.itemText(index).strip()
        for index in range(settings.voice.count())
        if settings.voice.itemData(index)
    ]
    voices.sort(key=len, reverse=True)  # "Persian (Pinglish)" before "Persian"
    problems += unmarked_texts(settings, str(window.services.paths.data), *voices)
    window.show_place("history")
    QCoreApplication.processEvents()
    history = window.history
    assert history.overview is not None and history.overview.sessions > 0
    problems += unmarked_texts(history)
    model = history.model
    for row in range(min(20, model.rowCount())):  # the table's cells
        for column in range(model.columnCount()):
            text = str(model.data(model.index(row, column)) or "")
            if rest := outside_marks(text, allowed_words(*titles())):
                problems.append(f"sessions table: {text!r} ({rest})")
    history.session_actions.open_row(0)  # one session in full (tasks run at once here)
    details = history.session_actions.details
    assert details is not None
    problems += unmarked_texts(details)
    table = details.table
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            text = item.text() if item is not None else ""
            if column and (rest := outside_marks(text, allowed_words())):  # 0: the stretch
                problems.append(f"session details: {text!r} ({rest})")
    details.close()
    problems += unmarked_texts(CrashDialog("Traceback ...", window))
    problems += unmarked_texts(QuietDialog(time.time(), dt.UTC, None, window))
    for chart in (history.heatmap, history.week_chart, history.comfort_chart):
        for index in range(chart.item_count()):  # what the mouse and the keyboard read
            text = chart.item_text(index)
            if rest := outside_marks(text, allowed_words()):
                problems.append(f"{type(chart).__name__}: {text!r} ({rest})")
    assert not problems, "\n".join(problems)


# -- German, Spanish, French: every page at 1366×768, nothing clipped ----------------------


@pytest.mark.parametrize("tag", ["de", "es", "fr"])
def test_every_page_in_german_spanish_and_french_holds_its_words(
    qtbot,
    app_language: SwitchLanguage,
    open_window: Callable[[], MainWindow],
    history_with_data: Path,
    tag: str,
) -> None:  # type: ignore[no-untyped-def]
    app_language(tag)
    window = open_window()
    problems: list[str] = []
    for place in PLACE_KEYS:
        window.show_place(place)
        QCoreApplication.processEvents()
        if place == "settings":  # a long page: every card in view once
            bar = window.settings_view.scroller.verticalScrollBar()
            for step, value in enumerate(range(0, bar.maximum() + bar.pageStep(), bar.pageStep())):
                bar.setValue(value)
                QCoreApplication.processEvents()
                save_artifact(window, f"lang-{tag}-settings-{step}")
                problems += [f"settings: {problem}" for problem in clipped(window)]
            continue
        save_artifact(window, f"lang-{tag}-{place}")
        problems += [f"{place}: {problem}" for problem in clipped(window)]
    assert (
        window.nav.buttons["history"].text().strip()
        == {
            "de": "Verlauf",
            "es": "Historial",
            "fr": "Historique",
        }[tag]
    )
    assert not problems, "\n".join(problems)


# -- the Language setting ---------------------------------------------------------------------


def test_the_language_setting_is_saved_and_applies_at_the_next_start(
    qtbot, window: MainWindow, services: AppServices
) -> None:  # type: ignore[no-untyped-def]
    window.show_place("settings")
    page = window.settings_view
    menu = page.language
    entries = [menu.itemText(index) for index in range(menu.count())]
    assert entries[0].startswith("System default (")
    assert entries[1:] == ["English", "Deutsch", "Español", "Français"]
    assert page.language_note.text() == "The language applies when Stretch Timer next starts."
    assert not page.restart_button.isVisible()
    menu.setCurrentIndex(entries.index("Deutsch"))
    saved = SettingsStore(services.paths.settings).load().settings
    assert saved.language == "de"
    assert configured_language(services.paths.settings) == "de"  # what the next start reads
    assert "next starts" in page.language_note.text()
    assert page.restart_button.isVisible() and page.restart_button.isEnabled()
    with qtbot.waitSignal(window.restart_requested, timeout=1000):
        qtbot.mouseClick(page.restart_button, Qt.MouseButton.LeftButton)
    menu.setCurrentIndex(0)  # back to the system's language
    assert SettingsStore(services.paths.settings).load().settings.language == ""
    assert not page.restart_button.isVisible()


def test_no_restart_is_offered_during_a_session(
    qtbot, window: MainWindow, services: AppServices
) -> None:  # type: ignore[no-untyped-def]
    window.sessions.start_routine("two-minute-reset")
    qtbot.waitUntil(window.session_running, timeout=5000)
    window.show_place("settings")
    page = window.settings_view
    page.language.setCurrentIndex(page.language.findData("fr"))
    assert page.restart_button.isVisible() and not page.restart_button.isEnabled()
    assert "after the session" in page.language_note.text()
    with qtbot.assertNotEmitted(window.restart_requested):
        page.restart_button.click()
        page._restart()  # even if it were pressed: a session is never cut off
    window.sessions.stop()
    window.show_place("routines")
    window.show_place("settings")  # shown again: the session is over
    assert page.restart_button.isEnabled()


# -- History's charts (issue 16) -----------------------------------------------------------


def test_both_charts_call_this_week_this_week(
    qtbot, window: MainWindow, history_with_data: Path, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    window.show_place("history")
    QCoreApplication.processEvents()
    history = window.history
    monday = today(clock) - timedelta(days=today(clock).weekday())
    assert history.comfort_chart.weeks[-1].week == monday  # rated this week too
    assert history.week_chart.this_week == history.comfort_chart.this_week == monday
    assert week_label(monday, monday) == "This week"
    assert week_label(monday - timedelta(weeks=1), monday) == day_month(monday - timedelta(weeks=1))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_day_without_a_session_never_looks_like_a_short_one(
    themes: ThemeManager, scheme: str
) -> None:
    themes.apply(scheme)
    none, short = level_colour(0), level_colour(1)
    distance = (
        (none.red() - short.red()) ** 2
        + (none.green() - short.green()) ** 2
        + (none.blue() - short.blue()) ** 2
    ) ** 0.5
    assert distance > 45, f"{none.name()} and {short.name()} are too alike"


# -- the keyboard: the navigation before each page ---------------------------------------------


@pytest.mark.parametrize("place", PLACE_KEYS)
def test_tab_goes_from_the_navigation_into_the_page_and_shows_focus(
    qtbot, window: MainWindow, history_with_data: Path, place: str
) -> None:  # type: ignore[no-untyped-def]
    window.resize(1366, 768)
    window.show_place(place)
    QCoreApplication.processEvents()
    page = window.pages.currentWidget()
    button = window.nav.buttons[place]
    button.setFocus()
    QCoreApplication.processEvents()
    focused = button.grab().toImage()
    window.pages.setFocus()
    QCoreApplication.processEvents()
    assert button.grab().toImage() != focused, f"{place}: the nav button shows no focus"
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Tab)
    first = QApplication.focusWidget()
    assert first is not None and page.isAncestorOf(first), (
        f"{place}: Tab from the navigation went to {type(first).__name__}"
    )
    qtbot.keyClick(first, Qt.Key.Key_Backtab)
    back = QApplication.focusWidget()
    assert back is not None and window.nav.isAncestorOf(back)


@pytest.mark.parametrize("tag", ["en", "de", "es", "fr"])
def test_every_month_name_over_the_year_is_whole_and_inside_the_chart(
    qtbot, app_language: SwitchLanguage, tag: str
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontMetricsF

    from stretchtimer.gui.history.charts.heatmap import Heatmap

    app_language(tag)
    heatmap = Heatmap()
    qtbot.addWidget(heatmap)
    for day in (date(2024, 12, 31), date(2024, 11, 30), date(2025, 3, 3)):
        heatmap.set_days({}, day)
        for width in (heatmap.minimumSizeHint().width(), 760, 1100, 1600):
            heatmap.resize(width, heatmap.heightForWidth(width))
            metrics = QFontMetricsF(heatmap._small_font())
            places = heatmap.month_places()
            assert len(places) >= 12
            for place, name in places:
                assert place.left() >= 0 and place.right() <= width, (name, width)
                assert place.width() >= metrics.horizontalAdvance(name), name
                assert place.height() >= metrics.height(), name


@pytest.mark.parametrize("place", ["settings", "history"])
def test_every_tab_stop_of_the_page_shows_its_focus_top_to_bottom(
    qtbot, window: MainWindow, history_with_data: Path, place: str
) -> None:  # type: ignore[no-untyped-def]
    window.resize(1366, 768)
    window.show_place(place)
    QCoreApplication.processEvents()
    page = window.pages.currentWidget()
    window.nav.buttons[place].setFocus()
    stops: list[QWidget] = []
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is None or not page.isAncestorOf(widget) or widget in stops:
            break
        stops.append(widget)
    assert len(stops) >= 5, [type(stop).__name__ for stop in stops]
    unseen = []
    for stop in stops:
        stop.setFocus()
        QCoreApplication.processEvents()
        focused = stop.grab().toImage()
        window.nav.buttons[place].setFocus()
        QCoreApplication.processEvents()
        if stop.grab().toImage() == focused:
            unseen.append(f"{type(stop).__name__} {stop.accessibleName()!r}")
    assert not unseen, f"no focus shown: {unseen}"
    scroller = page.findChild(QScrollArea)
    content = scroller.widget() if scroller is not None else page

    def top(stop: QWidget) -> int:  # down the whole page, however far it is scrolled
        if content.isAncestorOf(stop):
            return stop.mapTo(content, QPoint(0, 0)).y() + page.height()
        return stop.mapTo(page, QPoint(0, 0)).y()  # above the scrolled part

    tops = [top(stop) for stop in stops]
    rows = [top // 12 for top in tops]  # the same row, give or take a few pixels
    where = [(stop.accessibleName(), row) for stop, row in zip(stops, rows, strict=True)]
    assert rows == sorted(rows), f"Tab should run down the page: {where}"


@pytest.mark.parametrize("tag", ["de", "es", "fr"])
def test_a_first_start_opens_the_window_wide_enough_for_the_languages_words(
    qtbot,  # type: ignore[no-untyped-def]
    services: AppServices,
    app_language: SwitchLanguage,
    themes: ThemeManager,
    tag: str,
) -> None:
    """No saved size yet: the window opens at its usual size or wider, as the words of
    the language need (German and French buttons are wider than English ones), and
    the routine's details read in the language too."""
    app_language(tag)
    window = MainWindow(services)  # as a first start makes it: no resize of the test's
    window.show()
    window.finish_startup()
    qtbot.waitExposed(window)
    try:
        qtbot.waitUntil(lambda: window.width() >= window.minimumSizeHint().width())
        assert window.width() <= 1366  # still fits a 1366×768 screen
        assert clipped(window) == []
        page = window.routines
        entry = next(entry for entry in builtin_entries() if entry.id == "desk-hips")
        page.select(entry.id)
        shown = entry.shown()
        assert shown is not None and entry.routine is not None
        assert shown.description != entry.routine.description  # translated
        assert shown.description[:30] in page.detail_text.text()
        assert shown.steps[0].name in page.detail_text.text()
    finally:
        close_and_delete(window)
