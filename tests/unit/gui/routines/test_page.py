"""The Routines page: find by words and tags, start with Enter or a double-click."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from stretchtimer.core.formatting import clock_text
from stretchtimer.core.session.estimate import estimated_seconds
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.routines.list_model import ENTRY_ROLE, RoutineRow, group_heading
from stretchtimer.gui.services import AppServices
from tests.unit.gui.conftest import wait_for_session


def visible_ids(window: MainWindow) -> list[str]:
    model = window.routines.filter
    return [model.index(row, 0).data(ENTRY_ROLE).entry.id for row in range(model.rowCount())]


def test_it_opens_on_routines_with_every_builtin_and_the_first_selected(
    window: MainWindow,
) -> None:
    assert window.current_place() == "routines"
    assert {
        "hip-openers",
        "desk-hips",
        "sciatica-relief",
        "hip-strength",
        "two-minute-reset",
    } <= set(visible_ids(window))
    assert window.routines.current_row() is not None
    assert window.routines.start_button.isEnabled()


def test_typing_filters_by_title_and_stretch_names(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.routines.search, "pigeon")
    assert visible_ids(window) == ["hip-openers"]
    window.routines.search.clear()
    qtbot.keyClicks(window.routines.search, "nothing like this")
    assert visible_ids(window) == []
    assert window.routines.empty.isVisibleTo(window.routines)
    assert not window.routines.start_button.isEnabled()


def test_the_search_gets_its_clear_button_once_the_page_has_painted(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
) -> None:
    search = window.routines.search
    qtbot.waitUntil(search.isClearButtonEnabled, timeout=2000)
    qtbot.keyClicks(search, "hip")
    clear = [button for button in search.findChildren(QToolButton) if button.isVisible()]
    assert len(clear) == 1
    qtbot.mouseClick(clear[0], Qt.MouseButton.LeftButton)
    assert search.text() == ""


def test_tag_filter_shows_only_routines_with_that_tag(window: MainWindow) -> None:
    window.routines.tag.setCurrentText("desk")
    assert set(visible_ids(window)) == {"desk-hips", "two-minute-reset"}
    window.routines.tag.setCurrentText("All tags")
    assert len(visible_ids(window)) >= 5


@pytest.mark.usefixtures("system_voice")  # which routine starts, not its voice
def test_enter_in_the_search_field_starts_the_selected_routine(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.routines.search, "sciatica")
    qtbot.keyClick(window.routines.search, Qt.Key.Key_Return)
    assert wait_for_session(qtbot, window).routine_id == "sciatica-relief"


@pytest.mark.usefixtures("system_voice")  # which routine starts, not its voice
def test_double_click_starts_a_routine(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.routines.select("desk-hips")
    view = window.routines.list
    rect = view.visualRect(view.currentIndex())
    # A real double-click is a click, then a second press that Qt reports as a double-click.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert wait_for_session(qtbot, window).routine_id == "desk-hips"


def test_a_broken_own_routine_is_listed_with_its_problem_and_cannot_start(
    qtbot,
    home: Path,
    services,
    themes,  # type: ignore[no-untyped-def]
) -> None:
    folder = home / "data" / "routines"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        'format = 1\ntitle = "Mine"\n[[step]]\nname = "A"\nholds = 3\n'
    )
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.routines.select("mine")
    row = window.routines.current_row()
    assert row is not None and not row.usable
    assert not window.routines.start_button.isEnabled()
    assert "holds: unknown key; did you mean hold?" in window.routines.detail_text.text()
    qtbot.keyClick(window.routines.list, Qt.Key.Key_Return)
    assert window.sessions.controller is None


def test_lengths_follow_the_preparation_rest_and_speaking_rate_settings(
    window: MainWindow, services: AppServices
) -> None:
    window.routines.select("desk-hips")
    before = window.routines.current_row()
    assert isinstance(before, RoutineRow) and before.entry.routine is not None
    services.settings.update(prepare=30.0, rest=45.0, rate=100)
    after = window.routines.current_row()
    assert isinstance(after, RoutineRow) and after.entry.id == "desk-hips"  # still chosen
    expected = estimated_seconds(before.entry.routine, services.settings.current)
    assert after.seconds == pytest.approx(expected)
    assert after.seconds > before.seconds
    assert window.routines.detail_meta.text().startswith(f"{clock_text(expected)} · ")


@pytest.mark.usefixtures("system_voice")  # which routine starts, not its voice
def test_ctrl_f_words_enter_starts_the_best_match_titles_first(
    qtbot,
    window: MainWindow,  # type: ignore[no-untyped-def]
) -> None:
    window.routines.select("sciatica-relief")  # the selection before does not matter
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.routines.search.hasFocus()
    qtbot.keyClicks(window.routines.search, "hip")
    model = window.routines.filter
    rows = [model.index(row, 0).data(ENTRY_ROLE) for row in range(model.rowCount())]
    ranks = [row.match_rank(["hip"]) for row in rows]
    assert ranks == sorted(ranks) and len(set(ranks)) > 1  # titles, then the rest
    best = rows[0].entry
    assert "hip" in best.title.lower()
    qtbot.keyClick(window.routines.search, Qt.Key.Key_Return)
    controller = wait_for_session(qtbot, window)
    assert controller.routine_id == best.id


def test_the_details_show_the_script_as_routines_script_prints_it(
    qtbot, window: MainWindow, home: Path
) -> None:  # type: ignore[no-untyped-def]
    import json

    from stretchtimer.core.session.script import script_time
    from stretchtimer.gui.widgets.rich_text import escaped
    from tests.conftest import run_cli

    routines = window.routines
    routines.select("desk-hips")
    assert routines.script_button.isVisible() and not routines.script_text.isVisible()
    qtbot.mouseClick(routines.script_button, Qt.MouseButton.LeftButton)
    assert routines.script_text.isVisible()
    assert routines.script_button.text() == "Hide the script"
    shown = routines.script_text.text()
    assert "Cross your left ankle over your right knee." in shown
    printed = json.loads(run_cli("routines", "script", "desk-hips", "--json", home=home).stdout)
    cues = [cue for segment in printed for cue in segment["cues"] if cue["spoken"]]
    position = 0
    for cue in cues:  # the same words at the same times, in the same order
        found = shown.index(
            f"{script_time(cue['start'])}</td><td>“{escaped(cue['text'])}”", position
        )
        position = found + 1
    routines.select("hip-openers")  # another routine: its own script
    assert "runner&#x27;s lunge" in routines.script_text.text()


def test_tab_runs_top_to_bottom_and_every_stop_shows_its_focus(
    qtbot,
    window: MainWindow,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    window.resize(1366, 768)
    page = window.routines
    page.search.setFocus()
    stops = []
    for _ in range(12):
        widget = QApplication.focusWidget()
        if widget is None or not page.isAncestorOf(widget) or widget in stops:
            break
        stops.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    names = [stop.accessibleName() for stop in stops]
    assert names == [
        "Search routines",
        "Filter by tag",
        "Routines",
        "The routine's steps",
        "Show what the session will say, and when",
        "Edit the routine",
        "More actions",
        "Start the routine",
    ]
    # Down the page; along a row, left to right (the list and the steps sit side by side).
    places = [stop.mapTo(page, stop.rect().topLeft()) for stop in stops]
    tops = [place.y() for place in places]
    assert tops[:3] == sorted(tops[:3]) and tops[3:] == sorted(tops[3:])
    assert places[3].x() > places[2].x()
    for stop in stops:
        stop.setFocus()
        QCoreApplication.processEvents()
        focused = stop.grab().toImage()
        window.nav.setFocus()
        QCoreApplication.processEvents()
        assert stop.grab().toImage() != focused, f"{stop.accessibleName()} shows no focus"


def test_own_routines_stand_under_their_own_heading(
    qtbot,
    home: Path,
    services,
    themes,  # type: ignore[no-untyped-def]
) -> None:
    from tests.unit.gui.conftest import save_artifact

    folder = home / "data" / "routines"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        'format = 1\ntitle = "Morning hips"\n[[step]]\nname = "Fold"\nhold = 20\n'
    )
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_place("routines")
    page = window.routines
    model = page.filter
    headings = {
        model.index(row, 0).data(ENTRY_ROLE).entry.id: group_heading(model.index(row, 0))
        for row in range(model.rowCount())
    }
    assert headings.pop("mine") == "Your routines"
    first_builtin = next(iter(headings))
    assert headings.pop(first_builtin) == "Built-in routines"
    assert set(headings.values()) == {""}  # one heading per group
    save_artifact(window, "light-routines-own-heading")
    qtbot.keyClicks(page.search, "hip")  # ranked by a search: no groups, no headings
    assert all(group_heading(model.index(row, 0)) == "" for row in range(model.rowCount()))
