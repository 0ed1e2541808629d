"""The History page on real history files: numbers, heatmap, weekly bars, the list of sessions,
details, delete with undo, export, the empty page and known problems."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QToolTip

from stretchtimer.core.session.clock import FakeClock
from stretchtimer.gui.history import page as history_view
from stretchtimer.gui.history.charts.heatmap import level, level_colour
from stretchtimer.gui.history.page import HistoryView
from stretchtimer.gui.history.sessions.list_model import LOADING, ROUTINE
from stretchtimer.gui.main_window import HISTORY_WAIT_MS, MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.settings_model import SettingsModel
from stretchtimer.gui.tasks import TaskRunner
from stretchtimer.gui.theme import DARK, LIGHT, ThemeManager
from stretchtimer.storage.history.browsing import session_page
from stretchtimer.storage.history.opening import open_history
from stretchtimer.storage.history.records import SessionRecord, SessionStatus
from stretchtimer.storage.history.schema import SCHEMA_VERSION
from stretchtimer.storage.history.timestamps import utc_offset_minutes
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.routines.library import RoutineLibrary
from stretchtimer.storage.settings import SettingsStore
from tests.conftest import run_cli
from tests.unit.gui.conftest import close_and_delete, wait_started
from tests.unit.gui.history.data import add, local_wall, record_played, whole_file
from tests.unit.storage.history.helpers import session

TODAY = date(2024, 5, 15)  # a Wednesday


@pytest.fixture
def clock() -> FakeClock:
    """Six in the evening of TODAY, on this machine's clock."""
    return FakeClock(wall=local_wall(TODAY, 18))


@pytest.fixture
def history_path(home: Path) -> Path:
    return app_paths().history


def at(
    day: date, hour: int, minute: int = 0, *, active: float = 300.0, **fields: Any
) -> SessionRecord:
    """A session of ``active`` seconds started at a local time on this machine."""
    wall = local_wall(day, hour, minute)
    return session(started=wall, offset=utc_offset_minutes(wall), active=active, **fields)


def days_ago(count: int) -> date:
    return TODAY - timedelta(days=count)


def open_page(window: MainWindow) -> HistoryView:
    window.show_place("history")
    QApplication.processEvents()
    return window.history


# -- the numbers --------------------------------------------------------------------------


def test_the_week_the_goal_streaks_minutes_and_sessions_for_a_known_history(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    sessions = [at(days_ago(back), 8) for back in (0, 1, 2)]  # the current streak: 3 days
    sessions += [at(days_ago(back), 19) for back in range(6, 11)]  # the longest: 5 days
    sessions.append(at(days_ago(4), 12, active=120, status=SessionStatus.STOPPED))
    sessions.append(at(days_ago(1), 21, active=60, speed=4.0))  # a preview: not counted
    add(history_path, sessions)

    page = open_page(window)
    tiles = page.tiles
    assert tiles.current.value.text() == "3 days"
    assert tiles.current.detail.text() == "Longest: 5 days"
    assert tiles.time.value.text() == "42 min"  # 8 × 5 min + 2 min
    assert tiles.sessions.value.text() == "9"
    assert tiles.sessions.detail.text() == "8 completed"
    # It leads with the week and the goal (3 by default), never a completion percentage.
    assert tiles.week.value.text() == "15 min"  # Monday to Wednesday: 3 × 5 min
    assert tiles.weekly_goal.value.text() == "3 of 3"
    assert tiles.weekly_goal.detail.text() == "Goal met this week"
    assert all("%" not in tile.value.text() for tile in tiles.tiles())
    window.services.settings.update(weekly_goal=5)
    assert tiles.weekly_goal.value.text() == "3 of 5"
    assert tiles.weekly_goal.detail.text() == "2 more sessions this week"
    assert page.model.rowCount() == 10  # the list shows the preview too
    assert "Current streak: 3 days" in tiles.current.accessibleName()


# -- the heatmap --------------------------------------------------------------------------


def help_at(widget: Any, point: QPoint) -> str:
    """Hover ``point`` as Qt does for tooltips; the tooltip's text."""
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point))
    QApplication.sendEvent(widget, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


# A tooltip is a window of its own: the offscreen platform says it cannot raise it.
tooltips = pytest.mark.qt_log_ignore("This plugin does not support raise")


@tooltips
def test_heatmap_colours_and_tooltips_by_local_day_across_midnight(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    late = days_ago(4)  # Saturday 11 May: 23:50 to 00:08 counts for the day it started
    add(
        history_path,
        [
            at(late, 23, 50, active=1080),
            at(days_ago(5), 8, active=240),
            at(days_ago(5), 8, 30, active=120),
            at(days_ago(30), 7, active=1800),
            at(days_ago(100), 7, active=90),
        ],
    )
    page = open_page(window)
    heatmap = page.heatmap
    image = heatmap.grab().toImage()
    expected = {
        late: (3, "Saturday, 11 May 2024: 18 min in 1 session"),
        late + timedelta(days=1): (0, "Sunday, 12 May 2024: no sessions"),
        days_ago(5): (2, "Friday, 10 May 2024: 6 min in 2 sessions"),
        days_ago(30): (4, "Monday, 15 April 2024: 30 min in 1 session"),
        days_ago(100): (1, "Monday, 5 February 2024: 2 min in 1 session"),
        TODAY: (0, "Wednesday, 15 May 2024 (today): no sessions"),
    }
    for day, (value, text) in expected.items():
        index = heatmap.index_of(day)
        centre = heatmap.item_rect(index).center().toPoint()
        assert level(heatmap.days.get(day)) == value, day
        assert image.pixelColor(centre).rgb() == level_colour(value).rgb(), day
        assert heatmap.item_text(index) == text
        assert help_at(heatmap, centre) == text
    assert heatmap.item_count() == heatmap.index_of(TODAY) + 1  # no squares for the future
    assert heatmap.first_day == date(2023, 5, 15)  # the Monday 52 weeks before this one


@tooltips
def test_arrow_keys_walk_the_days_and_say_what_each_holds(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    add(history_path, [at(days_ago(1), 8, active=600), at(days_ago(8), 9, active=900)])
    page = open_page(window)
    heatmap = page.heatmap
    assert heatmap.focusPolicy() & Qt.FocusPolicy.TabFocus
    heatmap.setFocus()
    assert heatmap.hasFocus()
    assert page.heatmap_caption.text() == "Wednesday, 15 May 2024 (today): no sessions"
    qtbot.keyClick(heatmap, Qt.Key.Key_Up)
    assert page.heatmap_caption.text() == "Tuesday, 14 May 2024: 10 min in 1 session"
    qtbot.keyClick(heatmap, Qt.Key.Key_Left)  # a week back
    caption = "Tuesday, 7 May 2024: 15 min in 1 session"
    assert page.heatmap_caption.text() == caption
    assert heatmap.accessibleDescription() == caption
    centre = heatmap.item_rect(heatmap.cursor_index).center().toPoint()
    assert help_at(heatmap, centre) == caption  # the mouse says the same
    qtbot.keyClick(heatmap, Qt.Key.Key_End)
    qtbot.keyClick(heatmap, Qt.Key.Key_Right)  # no further than today
    assert heatmap.cursor_index == heatmap.index_of(TODAY)
    qtbot.keyClick(heatmap, Qt.Key.Key_Home)
    assert page.heatmap_caption.text().startswith("Monday, 15 May 2023")


# -- the weekly bars and comfort ----------------------------------------------------------


def test_minutes_per_week_for_the_recent_weeks(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    monday = TODAY - timedelta(days=TODAY.weekday())
    add(
        history_path,
        [
            at(monday, 8, active=600),
            at(TODAY, 8, active=300),  # this week: 15 min
            at(monday - timedelta(days=1), 22, active=1800),  # last Sunday: 30 min
            at(monday - timedelta(weeks=3), 8, active=120),  # 2 min
        ],
    )
    page = open_page(window)
    chart = page.week_chart
    assert chart.item_count() == 16
    assert chart.weeks[-1].start == monday
    assert chart.values()[-4:] == [2.0, 0.0, 30.0, 15.0]
    assert sum(chart.values()) == 47.0
    last, previous = chart.item_rect(15), chart.item_rect(14)
    assert last.height() == pytest.approx(previous.height() / 2, abs=1)
    assert chart.item_text(15) == "This week (from Monday, 13 May 2024): 15 min in 2 sessions"
    assert chart.item_text(13) == "Week of Monday, 29 April 2024: no sessions"
    assert page.week_caption.text() == "This week so far: 15 min."


def test_comfort_shows_per_week_or_says_how_to_get_it(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    add(history_path, [at(days_ago(1), 8)])
    page = open_page(window)
    assert not page.comfort_chart.isVisibleTo(page)
    assert page.no_comfort.isVisibleTo(page)
    assert "Comfort rating" in page.no_comfort.text()

    add(
        history_path, [at(days_ago(0), 8, before=3, after=7), at(days_ago(1), 9, before=4, after=6)]
    )
    page.refresh()
    assert page.comfort_chart.isVisibleTo(page)
    assert not page.no_comfort.isVisibleTo(page)
    assert page.comfort_chart.item_text(0) == (
        "Week of Monday, 13 May 2024: 3.5 before, 6.5 after (+3.0), 2 sessions rated"
    )


# -- the list -----------------------------------------------------------------------------


@pytest.fixture
def threaded(
    qtbot, home: Path, clock: FakeClock, themes: ThemeManager
) -> Iterator[tuple[MainWindow, list[BaseException]]]:  # type: ignore[no-untyped-def]
    """The window with the app's real background helper (a thread pool)."""
    bugs: list[BaseException] = []
    paths = app_paths()
    tasks = TaskRunner(on_bug=lambda error, _trace: bugs.append(error))
    store = SettingsStore(paths.settings)
    services = AppServices(
        paths=paths,
        settings=SettingsModel(store, store.load().settings, tasks),
        routine_library=RoutineLibrary(paths.routines),
        tasks=tasks,
        clock=lambda: clock,
    )
    main = MainWindow(services)
    main.resize(1180, 760)
    main.show()
    qtbot.waitExposed(main)
    yield main, bugs
    tasks.wait()
    close_and_delete(main)


def test_a_large_list_is_newest_first_and_reads_only_what_is_shown(
    qtbot, history_path: Path, threaded: tuple[MainWindow, list[BaseException]]
) -> None:  # type: ignore[no-untyped-def]
    window, bugs = threaded
    count = 5_000
    start = local_wall(TODAY, 7) - count * 3 * 3600
    add(
        history_path,
        [session(started=start + n * 3 * 3600, active=60 + n % 300) for n in range(count)],
    )
    opened = open_history(history_path)
    assert opened.database is not None
    with opened.database as database:
        newest = session_page(database, offset=0, limit=count)
    page = open_page(window)
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == count, timeout=10_000)
    assert model.loaded_rows() <= 200
    assert [model.record(row).id for row in range(100)] == [s.id for s in newest[:100]]  # type: ignore[union-attr]

    page.table.setFocus()  # the page scrolls to the list
    qtbot.keyClick(page.table, Qt.Key.Key_End)  # the oldest session, far down the list
    assert page.table.currentIndex().row() == count - 1
    assert not model.reading()
    page.table.viewport().repaint()  # paint the rows now shown, at once
    assert model.reading()  # the paint asked for them ...
    assert model.record(count - 1) is None  # ... and did not wait: they are read meanwhile
    assert model.data(model.index(count - 1, 0)) == LOADING
    qtbot.waitUntil(lambda: model.record(count - 1) is not None, timeout=10_000)
    assert model.record(count - 1).id == newest[-1].id  # type: ignore[union-attr]
    shown = page.table.rowAt(page.table.viewport().height() // 2)
    assert model.record(shown) is not None
    assert model.data(model.index(shown, ROUTINE)) == "Desk hips"
    assert model.loaded_rows() <= 400  # the first page and the last pages, not all 5,000

    qtbot.keyClick(page.table, Qt.Key.Key_PageUp)
    row = page.table.currentIndex().row()
    qtbot.waitUntil(lambda: model.record(row) is not None, timeout=10_000)
    assert model.record(row).id == newest[row].id  # type: ignore[union-attr]
    assert bugs == []


def test_opening_a_session_shows_its_parts(qtbot, history_path: Path, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    record_played(history_path, "desk-hips", local_wall(days_ago(1), 9))
    played = record_played(
        history_path,
        "hip-openers",
        local_wall(TODAY, 8),
        actions={1: "easier", 6: "skip", 9: "cut"},
        before=3,
        after=6,
    )
    page = open_page(window)
    assert page.model.record(0).id == played.session_id  # type: ignore[union-attr]
    page.table.setFocus()
    page.table.select_row(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    details = page.session_actions.details
    assert details is not None and details.isVisible()
    stored = open_history(history_path).database.get(played.session_id)  # type: ignore[union-attr]
    assert stored is not None
    table = details.table
    assert table.rowCount() == len(stored.segments) > 10

    def row(index: int) -> list[str]:
        return [table.item(index, column).text() for column in range(table.columnCount())]

    assert row(1) == ["Pigeon pose", "Hold, left side", "0:45", "0:45", "Done · easier variation"]
    assert row(6)[1:] == ["Breathe", row(6)[2], "0:00", "Skipped"]
    assert row(9)[1] == "Hold, left side" and row(9)[4] == "Cut short"
    assert row(9)[3] == "0:03"
    assert details.facts.text().endswith("Completed")
    tiles = [details.tiles.itemAt(i).widget() for i in range(details.tiles.count())]
    assert [tile.value.text() for tile in tiles][1:] == [str(len(stored.segments)), "3 → 6", "Used"]  # type: ignore[union-attr]
    assert tiles[1].detail.text() == "1 skipped, 1 cut short"  # type: ignore[union-attr]
    assert tiles[3].detail.text() == "Pigeon pose"  # type: ignore[union-attr]
    qtbot.keyClick(details, Qt.Key.Key_Escape)
    assert page.session_actions.details is None

    cell = page.table.visualRect(page.model.index(1, 1)).center()
    # A real double-click: the first click, then the second (Qt sends it as a double-click).
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert page.session_actions.details is not None
    assert page.session_actions.details.session.routine_title == "Desk hips"
    page.session_actions.details.close()


# -- delete and undo ------------------------------------------------------------------------


def three_recorded(path: Path) -> list[str]:
    ids = [
        record_played(path, "two-minute-reset", local_wall(days_ago(2), 8)).session_id,
        record_played(
            path,
            "sciatica-relief",
            local_wall(days_ago(1), 8),
            actions={3: "easier"},
            before=2,
            after=6,
        ).session_id,
        record_played(path, "desk-hips", local_wall(TODAY, 8)).session_id,
    ]
    return ids[::-1]  # newest first


def test_delete_then_undo_restores_the_session_exactly(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    ids = three_recorded(history_path)
    before = whole_file(history_path)
    page = open_page(window)
    assert page.tiles.sessions.value.text() == "3"
    page.table.setFocus()
    page.table.select_row(1)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)

    assert page.model.rowCount() == 2
    assert [page.model.record(row).id for row in range(2)] == [ids[0], ids[2]]  # type: ignore[union-attr]
    assert open_history(history_path).database.get(ids[1]) is None  # type: ignore[union-attr]
    assert page.toast.isVisible()
    assert page.toast.text.text().startswith("Deleted the Gentle sciatica relief session of ")
    assert page.toast.action_button.text().startswith("Undo")
    assert page.tiles.sessions.value.text() == "2"  # the numbers follow at once

    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert whole_file(history_path) == before  # ids, numbers, parts, ratings, totals
    assert [page.model.record(row).id for row in range(3)] == ids  # type: ignore[union-attr]
    assert page.table.current_row() == 1
    assert page.session_actions.removed == []
    assert page.tiles.sessions.value.text() == "3"
    assert page.toast.text.text().startswith("Put back the Gentle sciatica relief session")


def test_delete_without_undo_removes_the_session_for_good(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    ids = three_recorded(history_path)
    page = open_page(window)
    page.session_actions.undo_seconds = 0.05
    page.table.select_row(0)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 2
    qtbot.waitUntil(lambda: not page.toast.isVisible(), timeout=5_000)
    assert page.session_actions.removed == []  # the copy is let go once the time is up
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    database = open_history(history_path).database
    assert database is not None
    assert database.get(ids[0]) is None and database.count() == 2
    assert not [row for row in whole_file(history_path)["segments"] if row[0] not in (1, 2)]
    database.close()
    page.refresh()
    assert page.model.rowCount() == 2


def test_two_deletions_are_undone_newest_first(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    ids = three_recorded(history_path)
    page = open_page(window)
    page.session_actions.delete_session(ids[0])
    page.session_actions.delete_session(ids[2])
    assert page.toast.text.text() == "Deleted 2 sessions."
    page.session_actions.undo()
    assert [page.model.record(row).id for row in range(2)] == [ids[1], ids[2]]  # type: ignore[union-attr]
    assert page.toast.text.text().startswith("Deleted the Desk hips session")
    page.session_actions.undo()
    assert [page.model.record(row).id for row in range(3)] == ids  # type: ignore[union-attr]


def test_deleting_the_last_session_shows_the_empty_page_and_undo_brings_it_back(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    only = record_played(history_path, "two-minute-reset", local_wall(TODAY, 8)).session_id
    page = open_page(window)
    page.session_actions.delete_row(0)
    assert page.stack.currentWidget() is page.empty
    assert page.toast.isVisible()
    page.session_actions.undo()
    assert page.stack.currentIndex() == 0
    assert page.model.record(0).id == only  # type: ignore[union-attr]


def test_a_locked_history_keeps_the_session_and_says_why(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    ids = three_recorded(history_path)
    page = open_page(window)
    page.source.busy_timeout = 0.1
    holder = sqlite3.connect(history_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        page.table.select_row(0)
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
        assert page.model.rowCount() == 3
        assert page.model.record(0).id == ids[0]  # type: ignore[union-attr]
        assert page.banner.isVisible()
        assert page.banner.text.text() == (
            "Your history is locked by another program; close that program and try again."
        )
        assert page.session_actions.removed == []
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    page.session_actions.delete_row(0)
    assert page.model.rowCount() == 2


# -- export -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_export_writes_a_private_file_that_history_import_reads_back(
    qtbot, history_path: Path, window: MainWindow, tmp_path: Path, kind: str
) -> None:  # type: ignore[no-untyped-def]
    three_recorded(history_path)
    page = open_page(window)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dialog = page.session_actions.export_chooser
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert dialog.selectedFiles()[0].endswith(f"stretchtimer-history-{TODAY.isoformat()}.json")
    target = tmp_path / "exports" / f"my history.{kind}"
    target.parent.mkdir()
    dialog.selectFile(str(target))
    dialog.accept()
    assert target.exists()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert page.toast.text.text() == f"Saved 3 sessions to {target} (readable only by you)."

    other = tmp_path / "elsewhere"
    other.mkdir()
    result = run_cli("history", "import", str(target), home=other)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Imported 3 sessions."


def test_an_export_that_cannot_be_written_says_so_and_writes_nothing(
    qtbot, history_path: Path, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    three_recorded(history_path)
    page = open_page(window)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    page.export()
    dialog = page.session_actions.export_chooser
    assert dialog is not None
    dialog.fileSelected.emit(str(blocker / "history"))  # what the dialog sends on "Save"
    dialog.close()
    message = page.banner.text.text()
    assert message.startswith(f"Your history could not be exported to {blocker / 'history.json'} (")
    assert message.endswith(
        "so nothing was written; choose another folder or file name and export again."
    )
    assert blocker.read_text() == "a file where a folder should be"


# -- empty, problems, refresh ---------------------------------------------------------------


def test_an_empty_history_invites_to_pick_a_routine(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = open_page(window)
    assert page.stack.currentWidget() is page.empty
    assert page.empty.heading.text() == "No sessions yet"
    assert not page.export_button.isEnabled()
    assert not page.banner.isVisible()
    assert page.empty.button.hasFocus()
    qtbot.keyClick(page.empty.button, Qt.Key.Key_Space)
    assert window.current_place() == "routines"
    assert not app_paths().history.exists()  # looking does not create a history


@pytest.mark.usefixtures("system_voice")  # the session is not about the voice
def test_a_damaged_history_is_told_in_one_sentence_and_the_app_goes_on(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    history_path.parent.mkdir(parents=True, exist_ok=True)
    history_path.write_bytes(b"these are not the sessions you are looking for\n" * 200)
    page = open_page(window)
    kept = history_path.with_name(history_path.name + ".damaged-1")
    assert kept.exists()
    assert page.banner.isVisible()
    assert page.banner.text.text() == (
        f"Your history file could not be read, so it was set aside as {kept} "
        "(nothing was deleted) and a new history was started."
    )
    assert not page.banner.retry_button.isVisibleTo(page.banner)
    assert page.stack.currentWidget() is page.empty  # the new history is empty

    window.show_place("routines")
    window.routines.select("two-minute-reset")
    qtbot.keyClick(window.routines.list, Qt.Key.Key_Return)
    wait_started(qtbot, window)
    assert window.current_place() == "session"
    assert window.sessions.controller is not None and window.sessions.controller.running
    window.sessions.controller.stop()
    window.show_place("history")  # the stopped session is in the new history
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.stack.currentIndex() == 0
    assert kept.read_bytes().startswith(b"these are not the sessions")


def test_a_history_from_a_newer_version_is_left_alone(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    record_played(history_path, "two-minute-reset", local_wall(TODAY, 8))
    connection = sqlite3.connect(history_path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before = history_path.read_bytes()
    page = open_page(window)
    assert "newer version of stretchtimer" in page.banner.text.text()
    assert page.stack.currentWidget() is page.empty
    assert page.empty.heading.text() == "Your history cannot be shown"
    assert not page.export_button.isEnabled()
    assert history_path.read_bytes() == before


def test_a_history_locked_for_reading_offers_to_try_again(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    record_played(history_path, "two-minute-reset", local_wall(TODAY, 8))
    # The window's first look at the history (once the Routines page has painted, at the
    # latest HISTORY_WAIT_MS after start-up) is had before the lock: under the lock it
    # would wait it out for 5 s, its own default, before the page is even asked.
    qtbot.wait(HISTORY_WAIT_MS + 100)
    holder = sqlite3.connect(history_path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE sessions SET note = 'busy'")
    window.show_place("routines")
    window._page("history")  # built, not yet shown
    window.history.source.busy_timeout = 0.1
    try:
        page = open_page(window)
        assert page.banner.isVisible() and page.banner.retry_button.isVisibleTo(page.banner)
        assert "locked by another program" in page.banner.text.text()
        assert page.empty.heading.text() == "Your history cannot be shown"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.mouseClick(page.banner.retry_button, Qt.MouseButton.LeftButton)
    assert not page.banner.isVisible()
    assert page.model.rowCount() == 1


def test_the_page_shows_a_new_session_when_told_one_was_saved(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    record_played(history_path, "two-minute-reset", local_wall(days_ago(1), 8))
    page = open_page(window)
    assert page.model.rowCount() == 1
    fresh = record_played(history_path, "desk-hips", local_wall(TODAY, 9))
    window.refresh_history()
    assert page.model.rowCount() == 2
    assert page.model.record(0).id == fresh.session_id  # type: ignore[union-attr]
    assert page.tiles.current.value.text() == "2 days"

    window.show_place("routines")  # hidden: it reads the history when shown again
    record_played(history_path, "desk-hips", local_wall(TODAY, 12))
    window.refresh_history()
    assert page.model.rowCount() == 2
    window.show_place("history")
    assert page.model.rowCount() == 3


@tooltips
def test_a_page_left_open_over_midnight_moves_on_to_the_new_day(
    qtbot, history_path: Path, window: MainWindow, clock: FakeClock, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(history_view, "DAY_CHECK_MS", 10)
    record_played(history_path, "desk-hips", local_wall(TODAY, 9))
    clock.advance(local_wall(TODAY, 23, 59) - clock.now().wall)
    page = open_page(window)
    heatmap = page.heatmap
    assert heatmap.item_text(heatmap.index_of(TODAY)).startswith("Wednesday, 15 May 2024 (today)")
    assert page.tiles.current.detail.text() == "Today"

    clock.advance(120)  # two minutes later: Thursday, 00:01
    tomorrow = TODAY + timedelta(days=1)
    qtbot.waitUntil(lambda: page.overview is not None and page.overview.today == tomorrow)
    assert (
        heatmap.item_text(heatmap.index_of(tomorrow))
        == "Thursday, 16 May 2024 (today): no sessions"
    )
    assert heatmap.item_count() == heatmap.index_of(tomorrow) + 1
    assert not heatmap.item_text(heatmap.index_of(TODAY)).startswith(
        "Wednesday, 15 May 2024 (today)"
    )
    assert page.tiles.current.value.text() == "1 day"  # the streak holds until the day is out

    window.show_place("routines")  # hidden over the next midnight: the new day when shown
    clock.advance(24 * 3600)
    window.show_place("history")
    day_after = tomorrow + timedelta(days=1)
    qtbot.waitUntil(lambda: page.overview is not None and page.overview.today == day_after)
    assert page.tiles.current.value.text() == "0 days"


# -- the list keeps up with deletions while pages are being read ---------------------------


class QueuedTasks:
    """The background helper's contract, with the tasks run when the test says: to put a
    page read and a deletion in the order a slow disk could give them."""

    def __init__(self) -> None:
        self.queue: list[tuple[Callable[[], Any], Callable[[Any], None] | None]] = []

    def run(
        self,
        function: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.queue.append((function, on_done))

    def run_all(self, *, newest_first: bool = False) -> None:
        while self.queue:
            queued = self.queue[::-1] if newest_first else list(self.queue)
            self.queue.clear()
            work = [function() for function, _ in queued]  # every task reads first
            done = [on_done for _, on_done in queued]
            for result, on_done in zip(work, done, strict=True):
                if on_done is not None:
                    on_done(result)
            QApplication.processEvents()

    def read_now(self, index: int) -> Callable[[], None]:
        """Run one task's work now; its answer is delivered when the returned call is made."""
        function, on_done = self.queue.pop(index)
        result = function()
        return lambda: on_done(result) if on_done else None

    def wait(self, milliseconds: int = 30_000) -> bool:
        return True


def test_rows_read_before_a_deletion_never_show_in_the_wrong_place(
    qtbot, history_path: Path, services: AppServices, themes: ThemeManager
) -> None:  # type: ignore[no-untyped-def]
    add(history_path, [at(days_ago(n // 3), 8 + n % 3) for n in range(450)])
    tasks = QueuedTasks()
    services.tasks = tasks
    page = HistoryView(services)
    qtbot.addWidget(page)
    page.resize(1000, 900)
    page.show()
    tasks.run_all()
    assert page.model.rowCount() == 450
    page.table.scrollToBottom()
    QApplication.processEvents()
    assert tasks.queue  # the last pages are asked for ...
    page.session_actions.delete_row(0)  # ... and the first session is deleted before they are read
    tasks.run_all()
    page.table.scrollToBottom()
    QApplication.processEvents()
    tasks.run_all()
    opened = open_history(history_path)
    assert opened.database is not None
    with opened.database as database:
        truth = [item.id for item in session_page(database, offset=0, limit=1000)]
    assert page.model.rowCount() == len(truth) == 449
    shown = {row: page.model.record(row) for row in range(449)}
    assert {row: item.id for row, item in shown.items() if item} == {
        row: truth[row] for row, item in shown.items() if item
    }
    assert shown[448] is not None


def test_the_last_load_asked_for_is_the_one_shown(
    qtbot, history_path: Path, services: AppServices, themes: ThemeManager
) -> None:  # type: ignore[no-untyped-def]
    ids = three_recorded(history_path)
    tasks = QueuedTasks()
    services.tasks = tasks
    page = HistoryView(services)
    qtbot.addWidget(page)
    page.resize(1000, 900)
    page.show()
    tasks.run_all()
    fresh = record_played(history_path, "desk-hips", local_wall(TODAY, 12)).session_id
    page.refresh()  # a session was saved: read everything again ...
    page.session_actions.delete_session(ids[1])  # ... while a deletion asks for new numbers
    tasks.run_all(newest_first=True)  # the answers come back in the other order
    assert [page.model.record(row).id for row in range(3)] == [fresh, ids[0], ids[2]]  # type: ignore[union-attr]
    assert page.tiles.sessions.value.text() == "3"


def test_an_older_answer_that_comes_late_is_not_shown(
    qtbot, history_path: Path, services: AppServices, themes: ThemeManager
) -> None:  # type: ignore[no-untyped-def]
    three_recorded(history_path)
    tasks = QueuedTasks()
    services.tasks = tasks
    page = HistoryView(services)
    qtbot.addWidget(page)
    page.show()
    tasks.run_all()
    page.refresh()
    late = tasks.read_now(0)  # read with three sessions, answered late
    fresh = record_played(history_path, "desk-hips", local_wall(TODAY, 12)).session_id
    page.refresh()
    tasks.run_all()
    assert page.model.rowCount() == 4
    late()
    assert page.model.rowCount() == 4
    assert page.model.record(0).id == fresh  # type: ignore[union-attr]
    assert page.tiles.sessions.value.text() == "4"


def test_a_history_that_cannot_be_opened_says_why_and_offers_to_try_again(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    history_path.mkdir(parents=True)  # a folder where the file should be
    page = open_page(window)
    assert page.banner.isVisible() and page.banner.retry_button.isVisibleTo(page.banner)
    message = page.banner.text.text()
    assert message.startswith(f"Your history file {history_path} cannot be opened (")
    assert message.endswith("check that its folder exists and belongs to you.")
    assert page.empty.heading.text() == "Your history cannot be shown"
    history_path.rmdir()
    record_played(history_path, "two-minute-reset", local_wall(TODAY, 8))
    qtbot.mouseClick(page.banner.retry_button, Qt.MouseButton.LeftButton)
    assert not page.banner.isVisible()
    assert page.model.rowCount() == 1


def test_the_charts_take_the_new_colours_when_the_theme_changes(
    qtbot, history_path: Path, window: MainWindow, themes: ThemeManager
) -> None:  # type: ignore[no-untyped-def]
    add(history_path, [at(days_ago(1), 8, active=1500)])
    page = open_page(window)
    heatmap = page.heatmap
    empty = heatmap.item_rect(heatmap.index_of(TODAY)).center().toPoint()
    busy = heatmap.item_rect(heatmap.index_of(days_ago(1))).center().toPoint()
    assert heatmap.grab().toImage().pixelColor(empty) == QColor(LIGHT.track)
    assert heatmap.grab().toImage().pixelColor(busy) == QColor(LIGHT.accent)
    themes.apply("dark")
    QApplication.processEvents()
    assert heatmap.grab().toImage().pixelColor(empty) == QColor(DARK.track)
    assert heatmap.grab().toImage().pixelColor(busy) == QColor(DARK.accent)


def test_columns_are_as_wide_as_what_they_hold(
    qtbot, history_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    from stretchtimer.gui.history.sessions.list_model import COMFORT, ROUTINE

    add(history_path, [at(days_ago(back), 8) for back in range(3)])  # no comfort ratings
    page = open_page(window)
    table = page.table
    header = table.horizontalHeader()
    heading = header.fontMetrics().horizontalAdvance(
        str(page.model.headerData(COMFORT, Qt.Orientation.Horizontal))
    )
    assert header.sectionSize(COMFORT) <= heading + 40  # an empty column stays narrow
    title_width = table.fontMetrics().horizontalAdvance(page.model.record(0).routine_title)
    assert header.sectionSize(ROUTINE) >= title_width  # the name is never cut off
