"""The tray menu: built from the schedule's state, every entry does what it says.

The offscreen platform has no tray, so these tests use the menu object itself (the
same one the tray icon shows) and trigger its entries as a click would.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDateTime, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from pytestqt.qtbot import QtBot

from stretchtimer.core.reminders.events import Phase
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.gui.desk.companion import Desk
from stretchtimer.gui.desk.tray import tray_icon
from stretchtimer.gui.desk.tray_menu import TrayMenu
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from tests.unit.core.reminders.desk import instant
from tests.unit.gui.conftest import ARTIFACTS, save_artifact, wait_for_session
from tests.unit.gui.desk.conftest import Quits, first_reminder, wait_minutes

pytestmark = pytest.mark.usefixtures("system_voice")  # about the desk, not the voice


def trigger(menu: TrayMenu, name: str) -> None:
    menu.rebuild()  # as when it opens
    action = menu.entry(name)
    assert action is not None, f"no {name!r} in {menu.names()}"
    assert action.isEnabled()
    action.trigger()


def texts(menu: TrayMenu) -> list[str]:
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def test_the_menu_offers_the_suggested_routine_every_routine_and_the_reminders_state(
    desk: Desk, clock: FakeClock
) -> None:
    wait_minutes(desk, clock, 1)  # 09:00, working hours
    menu = desk.menu
    menu.rebuild()
    assert texts(menu) == [
        "&Start Desk hips",
        "Start a &routine",
        "Reminders are on; the next reminder is at 09:50.",
        "&Pause reminders for an hour",
        "Pause reminders until &tomorrow",
        "&Do not disturb until…",
        "&Open Stretch Timer",
        "&Quit Stretch Timer",
    ]
    assert not menu.entry("status").isEnabled()  # type: ignore[union-attr]
    routines = [action.text() for action in menu.routines_menu.actions()]
    assert routines == [
        "Desk hips",
        "Hip openers",
        "Hip strength",
        "Gentle sciatica relief",
        "Quick standing reset",
    ]


def test_starting_any_routine_from_the_menu_plays_it(
    qtbot: QtBot, desk: Desk, window: MainWindow, clock: FakeClock
) -> None:
    trigger(desk.menu, "routine:hip-openers")
    wait_for_session(qtbot, window)
    assert (
        window.sessions.controller is not None
        and window.sessions.controller.routine_id == "hip-openers"
    )
    assert window.isVisible() and not desk.compact.active  # the window was open


def test_the_suggested_routine_is_the_last_one_played(
    qtbot: QtBot, desk: Desk, window: MainWindow, clock: FakeClock
) -> None:
    window.sessions.start_routine("hip-strength")
    wait_for_session(qtbot, window)
    assert window.sessions.controller is not None
    window.sessions.controller.stop()
    qtbot.waitUntil(lambda: desk.reminders.status().phase is not Phase.IN_SESSION)  # type: ignore[union-attr]
    desk.menu.rebuild()
    assert desk.menu.entry("start-suggested").text() == "&Start Hip strength"  # type: ignore[union-attr]


def test_a_showing_reminder_can_be_answered_from_the_menu(
    qtbot: QtBot, desk: Desk, window: MainWindow, clock: FakeClock
) -> None:
    first_reminder(desk, clock)
    menu = desk.menu
    assert menu.names()[:4] == ["reminder", "start-now", "snooze", "skip"]
    assert menu.entry("reminder").text() == "Time to stretch: Desk hips"  # type: ignore[union-attr]
    assert menu.entry("snooze").text() == "S&nooze for 10 minutes"  # type: ignore[union-attr]
    trigger(menu, "snooze")
    assert desk.reminders.status().phase is Phase.SNOOZED  # type: ignore[union-attr]
    assert "start-now" not in menu.names()
    wait_minutes(desk, clock, 10)
    trigger(menu, "skip")
    assert desk.reminders.status().phase is Phase.WAITING  # type: ignore[union-attr]
    wait_minutes(desk, clock, 50)
    trigger(menu, "start-now")
    wait_for_session(qtbot, window)
    assert (
        window.sessions.controller is not None
        and window.sessions.controller.routine_id == "desk-hips"
    )


def test_start_now_while_the_app_is_in_the_tray_plays_in_the_compact_player(
    qtbot: QtBot, desk: Desk, window: MainWindow, clock: FakeClock
) -> None:
    window.close()  # reminders on, a tray: the app stays
    assert not window.isVisible()
    first_reminder(desk, clock)
    trigger(desk.menu, "start-now")
    controller = wait_for_session(qtbot, window)
    assert controller is not None and controller.routine_id == "desk-hips"
    assert desk.compact.active and not window.isVisible()
    assert desk.compact.mini.routine_title.text() == "Desk hips"


def test_pause_for_an_hour_and_resume(desk: Desk, clock: FakeClock) -> None:
    wait_minutes(desk, clock, 1)
    trigger(desk.menu, "pause-hour")
    status = desk.reminders.status()
    assert status is not None and status.phase is Phase.PAUSED
    assert status.paused_until == instant("2024-06-03 10:00")
    desk.menu.rebuild()
    assert "pause-hour" not in desk.menu.names()
    assert desk.menu.entry("status").text().startswith("Reminders are paused until 10:00")  # type: ignore[union-attr]
    assert desk.tray.resting  # type: ignore[union-attr]
    wait_minutes(desk, clock, 55)
    assert desk.reminders.showing is None  # 09:55: nothing while paused
    trigger(desk.menu, "resume")
    assert desk.reminders.status().phase is Phase.WAITING  # type: ignore[union-attr]
    assert not desk.tray.resting  # type: ignore[union-attr]


def test_pause_until_tomorrow(desk: Desk, clock: FakeClock) -> None:
    wait_minutes(desk, clock, 1)
    trigger(desk.menu, "pause-tomorrow")
    status = desk.reminders.status()
    assert status is not None and status.phase is Phase.PAUSED
    assert status.paused_until is not None
    assert status.paused_until >= instant("2024-06-04 00:00")


def test_do_not_disturb_until_a_chosen_time(
    qtbot: QtBot, desk: Desk, clock: FakeClock, services: AppServices
) -> None:
    wait_minutes(desk, clock, 1)  # 09:00
    trigger(desk.menu, "quiet-until")
    dialog = desk.quiet_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.until.dateTime() == QDateTime.fromString("2024-06-03T10:00", "yyyy-MM-ddTHH:mm")
    dialog.until.setDateTime(QDateTime.fromString("2024-06-03T11:30", "yyyy-MM-ddTHH:mm"))
    dialog.accept()
    assert desk.quiet_dialog is None
    assert services.settings.current.quiet_until == "2024-06-03T11:30"
    assert desk.reminders.status().phase is Phase.QUIET  # type: ignore[union-attr]
    wait_minutes(desk, clock, 60)  # 10:00, past the 09:50 reminder
    assert desk.reminders.showing is None
    desk.menu.rebuild()
    assert "quiet-end" in desk.menu.names() and "quiet-until" not in desk.menu.names()
    trigger(desk.menu, "quiet-end")
    assert services.settings.current.quiet_until == ""
    assert desk.reminders.showing is not None  # the held reminder, shown once


def test_turn_reminders_on_from_the_menu(
    window: MainWindow,
    services: AppServices,
    clock: FakeClock,
    quits,
    sound,  # type: ignore[no-untyped-def]
) -> None:
    from tests.unit.gui.desk.conftest import dispose, make_desk

    desk = make_desk(window, services, quits, sound)
    try:
        desk.open()
        desk.menu.rebuild()
        assert desk.menu.entry("status").text() == "Reminders are off."  # type: ignore[union-attr]
        assert "pause-hour" not in desk.menu.names()
        trigger(desk.menu, "reminders-on")
        assert services.settings.current.reminders_enabled
        assert desk.reminders.driver is not None
        # The schedule made only now runs at once: its first reminder falls due and the
        # menu offers to pause it.
        assert "pause-hour" in desk.menu.names()
        first_reminder(desk, clock)
        assert "start-now" in desk.menu.names()
    finally:
        dispose(desk)


def test_open_brings_the_window_back_and_quit_quits(
    desk: Desk, window: MainWindow, quits: Quits
) -> None:
    window.close()
    assert not window.isVisible() and quits.count == 0
    trigger(desk.menu, "open")
    assert window.isVisible()
    trigger(desk.menu, "quit")
    assert quits.count == 1


def test_clicking_the_tray_icon_shows_the_reminder_or_the_window(
    desk: Desk, window: MainWindow, clock: FakeClock
) -> None:
    window.close()
    first_reminder(desk, clock)
    desk.alert.window.hide()  # the person hid it; the reminder still waits
    desk.tray.clicked.emit()  # type: ignore[union-attr]
    assert desk.alert.window.isVisible() and not window.isVisible()
    desk.reminders.skip()
    desk.tray.clicked.emit()  # type: ignore[union-attr]
    assert window.isVisible()


def test_screenshot_of_the_tray_menu(qtbot: QtBot, desk: Desk, clock: FakeClock, themes) -> None:  # type: ignore[no-untyped-def]
    first_reminder(desk, clock)
    for scheme in ("light", "dark"):
        themes.apply(scheme)
        desk.menu.rebuild()
        desk.menu.adjustSize()  # drawn without popping up: offscreen cannot grab the keyboard
        image = save_artifact(desk.menu, f"tray-menu-{scheme}")
        assert QImage(str(image)).height() > 200


def test_the_tray_icon_shows_a_waiting_reminder_and_rests_while_paused() -> None:
    normal = tray_icon().pixmap(QSize(64, 64)).toImage()
    waiting = tray_icon(attention=True).pixmap(QSize(64, 64)).toImage()
    resting = tray_icon(resting=True).pixmap(QSize(64, 64)).toImage()
    assert normal not in (waiting, resting)
    strip = QImage(3 * 72, 72, QImage.Format.Format_ARGB32)
    strip.fill(Qt.GlobalColor.white)
    painter = QPainter(strip)
    for index, image in enumerate((normal, waiting, resting)):
        painter.drawImage(index * 72 + 4, 4, image)
    painter.end()
    ARTIFACTS.mkdir(exist_ok=True)
    assert strip.save(str(ARTIFACTS / "tray-icons.png"))
