"""Reminders as desktop notifications with buttons, over a real (private) D-Bus session bus.

The notification server is the stand-in of ``tests/integration/desk/fake_desktop.py`` (no real
desktop runs here); the bus, the messages and their types are real, so a call a
strict server would refuse (an ``int32`` where the specification says ``uint32``)
fails here too.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from stretchtimer.core.reminders.events import Phase
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.gui.desk import companion
from stretchtimer.gui.desk.alert import ReminderSoundHook
from stretchtimer.gui.desk.companion import Desk
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.system.notifications import DesktopNotifications, server_present
from tests.integration.desk.desktop_session import Lines, fake_desktop, session_bus
from tests.unit.gui.desk.conftest import Quits, dispose, first_reminder, make_desk

pytestmark = pytest.mark.usefixtures("system_voice")  # about the desk, not the voice

_names = itertools.count()
RENEW_MS = 100  # the wait in the tray before the app would start afresh, in these tests


@pytest.fixture(scope="module")
def bus_address() -> Iterator[str]:
    with session_bus() as address:
        yield address


@pytest.fixture(scope="module")
def server(bus_address: str) -> Iterator[Lines]:
    with fake_desktop(bus_address, "--no-tray") as desktop:
        yield desktop


@pytest.fixture
def bus(bus_address: str, server: Lines) -> Iterator[QDBusConnection]:
    """Our own connection to the bus, with the notification server out of do-not-disturb."""
    server.send("inhibit off")
    server.wait_for("done")
    name = f"stretchtimer-test-{next(_names)}"
    connection = QDBusConnection.connectToBus(bus_address, name)
    assert connection.isConnected()
    yield connection
    QDBusConnection.disconnectFromBus(name)


@pytest.fixture
def renewals() -> Quits:
    """Counts the desk's requests to start the app afresh in the tray."""
    return Quits()


@pytest.fixture
def notified_desk(  # noqa: PLR0917 - pytest hands fixtures over by position
    window: MainWindow,
    reminders_on: AppServices,
    quits: Quits,
    sound: ReminderSoundHook,
    bus: QDBusConnection,
    renewals: Quits,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Desk]:
    monkeypatch.setattr(companion, "RENEW_AFTER_MS", RENEW_MS)
    desk = make_desk(
        window,
        reminders_on,
        quits,
        sound,
        notifications=lambda: DesktopNotifications(bus),
        renew_app=renewals,
    )
    desk.open()
    yield desk
    dispose(desk)


def test_the_server_is_found_on_the_bus(bus: QDBusConnection, server: Lines) -> None:
    assert server_present(bus)
    notifications = DesktopNotifications(bus)
    assert notifications.supports_actions()
    assert not notifications.inhibited()


def test_a_reminder_is_a_notification_with_buttons_and_start_plays_the_routine(
    qtbot: QtBot, notified_desk: Desk, clock: FakeClock, server: Lines, sound: ReminderSoundHook
) -> None:
    window = notified_desk.window
    first_reminder(notified_desk, clock)
    shown = server.wait_for("notify")
    assert shown["summary"] == "Time to stretch"
    assert shown["body"] == "Desk hips is ready when you are."
    assert shown["actions"] == [
        "default",
        "Open",
        "start",
        "Start now",
        "snooze",
        "Snooze 10 min",
        "skip",
        "Skip",
    ]
    assert shown["hints"] == {"desktop-entry": "io.github.stretchtimer.StretchTimer"}
    assert not notified_desk.alert.window.isVisible()  # the notification is the reminder
    assert sound.chimes == 1

    server.send(f"action {shown['notify']} start")  # the person presses Start now
    qtbot.waitUntil(lambda: window.sessions.controller is not None)
    assert (
        window.sessions.controller is not None
        and window.sessions.controller.routine_id == "desk-hips"
    )
    assert server.wait_for("closed")["closed"] == shown["notify"]


def test_snooze_and_skip_from_the_notification(
    qtbot: QtBot, notified_desk: Desk, clock: FakeClock, server: Lines
) -> None:
    first_reminder(notified_desk, clock)
    shown = server.wait_for("notify")
    server.send(f"action {shown['notify']} snooze")
    qtbot.waitUntil(lambda: notified_desk.reminders.showing is None)
    assert notified_desk.reminders.status().phase is Phase.SNOOZED  # type: ignore[union-attr]

    notified_desk.reminders.driver.tick()  # type: ignore[union-attr]
    clock.advance(10 * 60)
    notified_desk.reminders.driver.tick()  # type: ignore[union-attr]
    again = server.wait_for("notify")
    server.send(f"action {again['notify']} skip")
    qtbot.waitUntil(lambda: notified_desk.reminders.showing is None)
    assert notified_desk.reminders.status().phase is Phase.WAITING  # type: ignore[union-attr]


def test_a_reminder_the_desktop_showed_does_not_make_the_app_start_afresh(
    qtbot: QtBot,
    notified_desk: Desk,
    clock: FakeClock,
    server: Lines,
    renewals: Quits,
) -> None:
    # A start in the tray, the window never shown: a reminder comes every 50 minutes or
    # so, and one the desktop draws leaves nothing here worth starting afresh for.
    notified_desk.window.hide()
    first_reminder(notified_desk, clock)
    shown = server.wait_for("notify")
    server.send(f"action {shown['notify']} snooze")
    qtbot.waitUntil(lambda: notified_desk.reminders.showing is None)
    assert not notified_desk.alert.window_made
    qtbot.wait(5 * RENEW_MS)
    assert renewals.count == 0


def test_a_click_on_the_notification_opens_the_reminder_window(
    qtbot: QtBot, notified_desk: Desk, clock: FakeClock, server: Lines
) -> None:
    first_reminder(notified_desk, clock)
    shown = server.wait_for("notify")
    server.send(f"action {shown['notify']} default")
    qtbot.waitUntil(notified_desk.alert.window.isVisible)
    assert notified_desk.reminders.showing is not None  # not answered by a click


def test_the_reminder_window_first_made_by_a_click_shows_the_notifications_reminder(
    qtbot: QtBot, notified_desk: Desk, reminders_on: AppServices, clock: FakeClock, server: Lines
) -> None:
    reminders_on.settings.update(reminder_snooze=5)
    first_reminder(notified_desk, clock)
    shown = server.wait_for("notify")
    assert notified_desk.alert._window is None  # the notification is the reminder: no window
    server.send(f"action {shown['notify']} default")
    qtbot.waitUntil(lambda: notified_desk.alert._window is not None)
    reminder = notified_desk.alert.window
    qtbot.waitUntil(reminder.isVisible)
    assert reminder.body.text() == "Desk hips is ready when you are."
    assert reminder.snooze_button.text() == "Snooze 5 min"
    assert reminder.close_button.isVisible()  # a tray: hidden, it waits in the menu


def test_the_desktops_do_not_disturb_keeps_the_reminder_quiet(
    notified_desk: Desk, clock: FakeClock, server: Lines, sound: ReminderSoundHook
) -> None:
    server.send("inhibit on")
    server.wait_for("done")
    first_reminder(notified_desk, clock)
    server.wait_for("notify")  # the server holds it until do-not-disturb ends
    assert sound.chimes == 0 and sound.said == []
    assert not notified_desk.alert.window.isVisible()


def test_a_server_without_buttons_leaves_the_reminder_to_its_window(
    window: MainWindow,
    reminders_on: AppServices,
    quits: Quits,
    sound: ReminderSoundHook,
    clock: FakeClock,
) -> None:
    with session_bus() as address, fake_desktop(address, "--no-tray", "--no-actions"):
        name = f"stretchtimer-test-{next(_names)}"
        connection = QDBusConnection.connectToBus(address, name)
        desk = make_desk(
            window,
            reminders_on,
            quits,
            sound,
            notifications=lambda: DesktopNotifications(connection),
        )
        try:
            desk.open()
            first_reminder(desk, clock)
            assert desk.alert.window.isVisible()
        finally:
            dispose(desk)
            QDBusConnection.disconnectFromBus(name)
