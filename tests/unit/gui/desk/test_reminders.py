"""A reminder at the desk, from the moment it falls due to the person's answer."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from stretchtimer.core.reminders.events import Phase
from stretchtimer.core.reminders.presence import DeskState
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.gui.desk.alert import ReminderSoundHook
from stretchtimer.gui.desk.companion import Desk
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.session.controller import Phase as SessionPhase
from tests.conftest import REPO
from tests.unit.gui.conftest import save_artifact, wait_for_session
from tests.unit.gui.desk.conftest import first_reminder, wait_minutes

pytestmark = pytest.mark.usefixtures("system_voice")  # about the desk, not the voice


def phase(desk: Desk) -> Phase:
    status = desk.reminders.status()
    assert status is not None
    return status.phase


def test_a_reminder_shows_its_window_and_start_now_plays_the_routine_in_one_action(
    qtbot: QtBot, desk: Desk, window: MainWindow, clock: FakeClock, sound: ReminderSoundHook
) -> None:
    wait_minutes(desk, clock, 50)
    assert desk.reminders.showing is None  # 09:49: not yet
    assert not desk.alert.window.isVisible()
    wait_minutes(desk, clock, 1)

    reminder = desk.alert.window
    assert reminder.isVisible()  # no notification server here: the window is the reminder
    assert reminder.body.text() == "Desk hips is ready when you are."
    assert reminder.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert desk.tray is not None and desk.tray.attention  # type: ignore[attr-defined]
    assert sound.chimes == 1 and sound.said == []  # speaking it is off by default
    save_artifact(reminder, "reminder-window-light")

    qtbot.mouseClick(reminder.start_button, Qt.MouseButton.LeftButton)
    controller = wait_for_session(qtbot, window)
    assert controller is not None and controller.routine_id == "desk-hips"
    assert controller.phase is not SessionPhase.FINISHED
    assert not reminder.isVisible()
    assert window.current_place() == "session"  # the window was open: the full player
    assert phase(desk) is Phase.IN_SESSION


def test_the_reminder_window_works_from_the_keyboard(
    qtbot: QtBot, desk: Desk, window: MainWindow, clock: FakeClock
) -> None:
    first_reminder(desk, clock)
    reminder = desk.alert.window
    assert reminder.start_button.hasFocus() or reminder.focusWidget() is reminder.start_button
    order = [reminder.start_button]
    widget = reminder.start_button.nextInFocusChain()
    while widget is not reminder.start_button and len(order) < 10:
        order.append(widget)
        widget = widget.nextInFocusChain()
    assert {reminder.snooze_button, reminder.skip_button, reminder.close_button} <= set(order)

    # It does not take the keyboard from what the person is typing into; once they
    # switch to it, the keys below work.
    assert reminder.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    qtbot.keyClick(reminder.start_button, Qt.Key.Key_Escape)  # Esc snoozes
    assert phase(desk) is Phase.SNOOZED and not reminder.isVisible()
    wait_minutes(desk, clock, 10)
    assert reminder.isVisible() and desk.reminders.showing is not None

    assert reminder.focusWidget() is reminder.start_button
    qtbot.keyClick(reminder.start_button, Qt.Key.Key_Return)  # Enter: Start now
    wait_for_session(qtbot, window)
    assert (
        window.sessions.controller is not None
        and window.sessions.controller.routine_id == "desk-hips"
    )


def test_snooze_brings_the_same_reminder_back_after_the_snooze_minutes(
    qtbot: QtBot, desk: Desk, clock: FakeClock, reminders_on: AppServices
) -> None:
    reminders_on.settings.update(reminder_snooze=5)
    first_reminder(desk, clock)
    reminder = desk.alert.window
    assert reminder.snooze_button.text() == "Snooze 5 min"
    qtbot.mouseClick(reminder.snooze_button, Qt.MouseButton.LeftButton)
    assert desk.reminders.showing is None and not reminder.isVisible()
    wait_minutes(desk, clock, 4)
    assert desk.reminders.showing is None
    wait_minutes(desk, clock, 1)
    assert desk.reminders.showing is not None and reminder.isVisible()


def test_skip_waits_a_whole_interval_for_the_next_one(
    qtbot: QtBot, desk: Desk, clock: FakeClock
) -> None:
    first_reminder(desk, clock)
    qtbot.mouseClick(desk.alert.window.skip_button, Qt.MouseButton.LeftButton)
    assert not desk.alert.window.isVisible()
    wait_minutes(desk, clock, 49)
    assert desk.reminders.showing is None
    wait_minutes(desk, clock, 1)
    assert desk.reminders.showing is not None


def test_the_spoken_line_comes_only_when_chosen_and_nothing_sounds_when_muted(
    desk: Desk, clock: FakeClock, reminders_on: AppServices, sound: ReminderSoundHook
) -> None:
    reminders_on.settings.update(reminder_speak=True)
    first_reminder(desk, clock)
    assert sound.chimes == 1
    assert sound.said == ["Time to stretch: Desk hips."]
    desk.reminders.skip()
    reminders_on.settings.update(muted=True)
    wait_minutes(desk, clock, 50)
    assert desk.reminders.showing is not None
    assert sound.chimes == 1 and len(sound.said) == 1  # muted: seen, not heard


def test_a_session_from_the_routines_page_holds_reminders_until_it_ends(
    qtbot: QtBot, desk: Desk, window: MainWindow, clock: FakeClock, services: AppServices
) -> None:
    wait_minutes(desk, clock, 30)  # 09:29
    window.sessions.start_routine("two-minute-reset")
    controller = wait_for_session(qtbot, window)
    assert controller is not None
    assert phase(desk) is Phase.IN_SESSION
    wait_minutes(desk, clock, 40)  # 10:09, past the 09:50 reminder: none while stretching
    assert desk.reminders.showing is None
    controller.stop()
    qtbot.waitUntil(lambda: controller.phase is SessionPhase.FINISHED)
    assert phase(desk) is Phase.WAITING
    assert desk.reminders.routine_id() == "two-minute-reset"  # the last one played
    wait_minutes(desk, clock, 49)
    assert desk.reminders.showing is None  # the interval restarted when it ended
    wait_minutes(desk, clock, 1)
    assert desk.reminders.showing is not None
    assert desk.alert.window.body.text() == "Quick standing reset is ready when you are."


def test_a_reminder_for_a_deleted_routine_plays_the_desk_routine(
    qtbot: QtBot, desk: Desk, window: MainWindow, clock: FakeClock, services: AppServices
) -> None:
    own = services.paths.routines
    own.mkdir(parents=True, exist_ok=True)
    source = REPO / "stretchtimer/storage/routines/builtin"
    (own / "my-chair.toml").write_bytes((source / "two-minute-reset.toml").read_bytes())
    services.settings.update(reminder_routine="my-chair")
    first_reminder(desk, clock)
    (own / "my-chair.toml").unlink()
    desk.reminders.start_now()
    wait_for_session(qtbot, window)
    assert (
        window.sessions.controller is not None
        and window.sessions.controller.routine_id == "desk-hips"
    )


def test_turning_reminders_off_takes_the_showing_one_away(
    desk: Desk, clock: FakeClock, services: AppServices
) -> None:
    first_reminder(desk, clock)
    services.settings.update(reminders_enabled=False)
    assert desk.reminders.showing is None and not desk.alert.window.isVisible()
    assert desk.reminders.sentence() == "Reminders are off."


def test_reminders_switched_on_later_start_at_once(
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
        assert desk.reminders.driver is None  # off: no schedule runs
        services.settings.update(reminders_enabled=True)
        assert desk.reminders.driver is not None
        first_reminder(desk, clock)
    finally:
        dispose(desk)


def test_the_reminder_window_in_dark(
    desk: Desk,
    clock: FakeClock,
    themes,
    services: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    themes.apply("dark")
    services.settings.update(reminder_routine="hip-openers")
    first_reminder(desk, clock)
    path = save_artifact(desk.alert.window, "reminder-window-dark")
    assert path.exists()
    assert dataclasses.replace(services.settings.current).reminder_routine == "hip-openers"
    assert desk.alert.window.body.text() == "Hip openers is ready when you are."


def test_the_tray_says_why_a_reminder_waits_and_it_comes_once_the_call_ends(
    desk: Desk, clock: FakeClock
) -> None:
    driver = desk.reminders.driver
    assert driver is not None
    driver.desk_changed(DeskState(meeting=True))
    wait_minutes(desk, clock, 52)  # 09:51: the 09:50 reminder fell due during the call
    assert desk.reminders.showing is None and not desk.alert.window.isVisible()
    assert phase(desk) is Phase.HELD
    assert desk.tray is not None
    assert desk.tray.tooltip == (  # type: ignore[attr-defined]
        "A reminder to stretch waits until your microphone and camera are free."
    )
    driver.desk_changed(DeskState())
    assert desk.alert.window.isVisible() and desk.reminders.showing is not None


def test_a_call_that_starts_takes_the_showing_reminder_away_until_it_ends(
    desk: Desk, clock: FakeClock
) -> None:
    driver = desk.reminders.driver
    assert driver is not None
    first_reminder(desk, clock)
    assert desk.alert.window.isVisible()
    driver.desk_changed(DeskState(full_screen=True))  # a presentation begins
    assert not desk.alert.window.isVisible() and desk.reminders.showing is None
    wait_minutes(desk, clock, 30)
    assert not desk.alert.window.isVisible()
    driver.desk_changed(DeskState())
    assert desk.alert.window.isVisible() and desk.reminders.showing is not None


def test_the_tray_offers_the_routine_the_schedule_would_name(
    desk_without_tray: Desk, services: AppServices
) -> None:
    # With reminders off the desk names the schedule's default routine without loading
    # the schedule: the same routine the schedule names once reminders are on.
    assert services.settings.current.reminder_routine == ""  # none chosen, none played
    named = desk_without_tray.reminders.routine_id()  # by the running schedule
    assert named == "desk-hips"
    services.settings.update(reminders_enabled=False)
    assert desk_without_tray.reminders.routine_id() == named
