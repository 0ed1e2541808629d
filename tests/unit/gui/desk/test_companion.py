"""Closing the window: the app stays in the tray while it reminds, and says so once.

Also ``--tray`` (``desk.open(in_tray=True)``): only the tray icon where there is a
tray, the window where there is none. The same with real processes, a real X
server and a real tray host is in ``tests/integration/desk/test_tray_launch.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from stretchtimer.core.reminders.events import Phase
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.gui.desk.alert import ReminderSoundHook
from stretchtimer.gui.desk.companion import STILL_RUNNING_TITLE, Desk
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from tests.unit.gui.conftest import close_and_delete, wait_for_session
from tests.unit.gui.desk.conftest import Quits, dispose, first_reminder, make_desk


def test_closing_the_window_with_reminders_on_keeps_the_app_in_the_tray_and_says_so_once(
    desk: Desk, window: MainWindow, quits: Quits, services: AppServices, sound: ReminderSoundHook
) -> None:
    tray = desk.tray
    window.close()
    assert quits.count == 0 and not window.isVisible()
    assert tray.messages == [  # type: ignore[union-attr]
        (
            STILL_RUNNING_TITLE,
            "It stays in the tray to remind you to stretch. "
            "To quit, use Quit in the tray icon's menu.",
        )
    ]
    desk.open_window()
    window.close()
    assert quits.count == 0
    assert len(tray.messages) == 1  # type: ignore[union-attr]

    # The next start of the app remembers that it was said.
    dispose(desk)
    again = make_desk(window, services, quits, sound)
    try:
        again.open()
        window.close()
        assert again.tray.messages == []  # type: ignore[union-attr]
    finally:
        dispose(again)


def test_reminders_keep_coming_while_the_app_is_in_the_tray(
    desk: Desk, window: MainWindow, clock: FakeClock
) -> None:
    window.close()
    first_reminder(desk, clock)
    assert desk.alert.window.isVisible()
    assert desk.tray.attention  # type: ignore[union-attr]
    assert "waiting" in desk.tray.tooltip  # type: ignore[union-attr]


def test_closing_the_window_quits_when_reminders_are_off(
    window: MainWindow, services: AppServices, quits: Quits, sound: ReminderSoundHook
) -> None:
    desk = make_desk(window, services, quits, sound)
    try:
        desk.open()
        window.close()
        assert quits.count == 1
        assert desk.tray.messages == []  # type: ignore[union-attr]
    finally:
        dispose(desk)


def test_without_a_tray_closing_the_window_quits_and_reminders_use_their_window(
    desk_without_tray: Desk, window: MainWindow, clock: FakeClock, quits: Quits
) -> None:
    assert desk_without_tray.tray is None
    first_reminder(desk_without_tray, clock)
    assert desk_without_tray.alert.window.isVisible()
    window.close()
    assert quits.count == 1


def test_quit_from_the_tray_does_not_say_still_running(
    desk: Desk, window: MainWindow, quits: Quits
) -> None:
    desk.quit()
    window.close()  # what the app's quit does to its windows
    assert quits.count == 1
    assert desk.tray.messages == []  # type: ignore[union-attr]


@pytest.fixture
def hidden_window(qtbot: QtBot, services: AppServices, themes) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(services)
    yield window
    close_and_delete(window)


@pytest.mark.parametrize("tray", [True, False])
def test_tray_start_shows_only_the_icon_where_there_is_a_tray(
    hidden_window: MainWindow,
    reminders_on: AppServices,
    quits: Quits,
    sound: ReminderSoundHook,
    tray: bool,
) -> None:
    desk = make_desk(hidden_window, reminders_on, quits, sound, tray=tray)
    try:
        desk.open(in_tray=True)
        if tray:
            assert desk.tray.visible  # type: ignore[union-attr]
            assert not hidden_window.isVisible()
        else:
            assert hidden_window.isVisible()  # no tray: the window is the app
        assert desk.reminders.driver is not None  # reminding either way
    finally:
        dispose(desk)


@pytest.mark.parametrize("tray", [True, False])
def test_the_reminder_window_is_made_with_the_first_reminder_and_keeps_its_close_rule(  # noqa: PLR0917 - pytest hands fixtures over by position
    window: MainWindow,
    reminders_on: AppServices,
    quits: Quits,
    sound: ReminderSoundHook,
    clock: FakeClock,
    tray: bool,
) -> None:
    reminders_on.settings.update(reminder_snooze=5)
    desk = make_desk(window, reminders_on, quits, sound, tray=tray)
    try:
        desk.open()
        desk.alert.hide()  # as quitting does: nothing shown, so nothing is made to hide
        assert desk.alert._window is None  # no reminder yet: no window (a lighter start)
        first_reminder(desk, clock)
        reminder = desk.alert.window
        assert reminder.isVisible()
        assert reminder.body.text() == "Desk hips is ready when you are."
        assert reminder.snooze_button.text() == "Snooze 5 min"
        # Hidden, a reminder waits in the tray menu; without a tray it could not be found.
        assert reminder.close_button.isVisible() is tray
        desk.reminders.skip()
        assert not reminder.isVisible()
    finally:
        dispose(desk)


@pytest.mark.usefixtures("system_voice")  # about the desk, not the voice
def test_the_desk_leaves_the_session_coordinator_to_the_first_session(
    qtbot: QtBot, desk: Desk, window: MainWindow
) -> None:
    assert window._sessions is None  # neither the desk nor its compact player made it
    desk.play_from_desk("hip-openers")
    wait_for_session(qtbot, window)
    assert desk.reminders.status().phase is Phase.IN_SESSION  # type: ignore[union-attr]
