"""Closed to the tray, the window gives back its native window and picture (some 3 MiB
for hours in the tray) and comes back whole when it is shown again; after a longer
while with nothing open, the app asks to start afresh in the tray, and never while
anything is shown, playing or waiting for an answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from stretchtimer.core.session.clock import FakeClock
from stretchtimer.gui.desk import companion
from stretchtimer.gui.desk.alert import ReminderSoundHook
from stretchtimer.gui.desk.companion import Desk
from stretchtimer.gui.desk.rest import (
    RENEW_VARIABLE,
    has_native_window,
    release_window,
    renew_after_ms,
)
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from tests.unit.gui.desk.conftest import Quits, dispose, first_reminder, make_desk

RENEW_MS = 150  # the wait in the tray before the app starts afresh, in these tests


class Renewals(Quits):
    """Counts the desk's requests to start the app afresh in the tray."""


@pytest.fixture
def renewals() -> Renewals:
    return Renewals()


@pytest.fixture
def desk(  # noqa: PLR0917 - pytest hands fixtures over by position
    window: MainWindow,
    reminders_on: AppServices,
    quits: Quits,
    sound: ReminderSoundHook,
    renewals: Renewals,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Desk]:
    """The desk with a tray and reminders on, letting go of the window 50 ms after it
    closed to the tray and asking to start afresh after RENEW_MS there."""
    monkeypatch.setattr(companion, "RELEASE_AFTER_MS", 50)
    monkeypatch.setattr(companion, "RENEW_AFTER_MS", RENEW_MS)
    made = make_desk(window, reminders_on, quits, sound, renew_app=renewals)
    made.open()
    yield made
    dispose(made)


def test_a_window_closed_to_the_tray_lets_go_of_its_picture_and_comes_back_whole(
    qtbot: QtBot, window: MainWindow, desk: Desk, quits: Quits
) -> None:
    qtbot.waitExposed(window)
    place = window.geometry()
    assert has_native_window(window) and window.backingStore() is not None

    window.close()
    assert quits.count == 0
    qtbot.waitUntil(lambda: not has_native_window(window), timeout=2000)
    assert window.backingStore() is None  # the picture is gone with it

    desk.open_window()  # the tray's "Open Stretch Timer"
    qtbot.waitExposed(window)
    assert has_native_window(window) and window.backingStore() is not None
    assert window.geometry() == place
    assert window.current_place() == "routines"
    picture = window.grab().toImage()
    assert not picture.isNull()
    assert len({picture.pixel(x, 300) for x in range(0, picture.width(), 7)}) > 3


def test_a_window_shown_again_before_the_while_is_up_keeps_its_picture(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    qtbot.waitExposed(window)
    window.close()
    desk.open_window()
    qtbot.wait(300)
    assert window.isVisible() and has_native_window(window)


def test_a_dialog_of_the_hidden_window_keeps_both(qtbot: QtBot, window: MainWindow) -> None:
    dialog = QDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    window.hide()
    assert not release_window(window)
    assert has_native_window(window) and dialog.isVisible()
    dialog.close()
    assert release_window(window)
    assert not has_native_window(window)
    assert not release_window(window)  # nothing left to let go of


# -- starting afresh in the tray -----------------------------------------------------------


def put_off(qtbot: QtBot, desk: Desk, renewals: Renewals) -> None:
    """The desk is not idle in the tray and asks for no fresh start while it waits."""
    assert not desk.idle_in_tray()
    qtbot.wait(3 * RENEW_MS)
    assert renewals.count == 0


def asked_once(qtbot: QtBot, renewals: Renewals) -> None:
    qtbot.waitUntil(lambda: renewals.count == 1, timeout=3000)


def test_an_app_idle_in_the_tray_starts_afresh_once_and_does_not_quit(
    qtbot: QtBot, window: MainWindow, desk: Desk, quits: Quits, renewals: Renewals
) -> None:
    window.close()
    assert desk.idle_in_tray()
    asked_once(qtbot, renewals)
    assert quits.count == 0  # the renewal quits the app its own way
    qtbot.wait(3 * RENEW_MS)
    assert renewals.count == 1


def test_a_window_shown_again_does_not_start_afresh_until_it_closes_again(
    qtbot: QtBot, window: MainWindow, desk: Desk, renewals: Renewals
) -> None:
    window.close()
    desk.open_window()  # the tray's "Open Stretch Timer", before the while is up
    qtbot.wait(3 * RENEW_MS)
    assert renewals.count == 0 and window.isVisible()
    window.close()
    asked_once(qtbot, renewals)


def test_an_open_dialog_puts_it_off_until_the_dialog_closes(
    qtbot: QtBot, window: MainWindow, desk: Desk, renewals: Renewals
) -> None:
    window.close()
    dialog = QDialog()  # a window of its own (an editor, the quiet-hours question)
    qtbot.addWidget(dialog)
    dialog.show()
    put_off(qtbot, desk, renewals)
    dialog.close()
    asked_once(qtbot, renewals)


def test_a_reminder_out_puts_it_off_until_it_is_answered(
    qtbot: QtBot,
    window: MainWindow,
    desk: Desk,
    renewals: Renewals,
    clock: FakeClock,
) -> None:
    window.close()
    first_reminder(desk, clock)
    desk.alert.hide()  # its window hidden, the reminder still waits in the tray
    put_off(qtbot, desk, renewals)
    desk.reminders.snooze()
    asked_once(qtbot, renewals)


def test_a_session_in_the_compact_player_puts_it_off(
    qtbot: QtBot, window: MainWindow, desk: Desk, renewals: Renewals
) -> None:
    window.close()
    desk.play_from_desk("desk-hips")  # from the tray: the compact player
    qtbot.waitUntil(window.session_running, timeout=5000)
    put_off(qtbot, desk, renewals)


def test_a_session_played_from_the_tray_starts_it_afresh_once_its_player_closed(
    qtbot: QtBot, window: MainWindow, desk: Desk, renewals: Renewals
) -> None:
    window.hide()  # as after a start in the tray: the window never closed to it
    desk.play_from_desk("desk-hips")  # a reminder's "Start now", or the tray's menu
    qtbot.waitUntil(window.session_running, timeout=5000)
    window.sessions.stop()  # the session ends (its modules stay loaded)
    put_off(qtbot, desk, renewals)  # the compact player still shows how it went
    desk.compact.mini.close()
    asked_once(qtbot, renewals)


def test_a_reminder_answered_in_the_apps_own_window_starts_it_afresh_after(
    qtbot: QtBot, window: MainWindow, desk: Desk, renewals: Renewals, clock: FakeClock
) -> None:
    window.hide()
    first_reminder(desk, clock)  # no notification server: the reminder window shows
    assert desk.alert.window_made
    put_off(qtbot, desk, renewals)
    desk.reminders.snooze()
    asked_once(qtbot, renewals)


def test_with_reminders_turned_off_in_the_tray_it_does_not_start_afresh(
    qtbot: QtBot, window: MainWindow, desk: Desk, renewals: Renewals
) -> None:
    window.close()
    desk.services.settings.update(reminders_enabled=False)
    put_off(qtbot, desk, renewals)


def test_the_wait_can_be_set_from_the_environment_for_tests_on_a_real_desktop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(RENEW_VARIABLE, "2500")
    assert renew_after_ms(60_000) == 2500
    for unusable in ("", "0", "-5", "soon", "1.5"):
        monkeypatch.setenv(RENEW_VARIABLE, unusable)
        assert renew_after_ms(60_000) == 60_000
