"""The app at the desk on a fake clock: a Monday morning in Berlin, reminders every 50 min.

The offscreen platform has no system tray, so a :class:`RecordingTray` stands in
for the tray icon where a test needs one (the real tray icon is tested on a real
X server with a D-Bus tray host in ``tests/integration/desk/test_tray_launch.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QMenu
from shiboken6 import Shiboken

from stretchtimer.core.reminders.presence import PresenceRules
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.gui.desk.alert import ReminderSoundHook
from stretchtimer.gui.desk.companion import Desk
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from stretchtimer.runtime.desk.watch import Reader
from stretchtimer.system.notifications import DesktopNotifications
from tests.unit.core.reminders.desk import BERLIN, MINUTE, instant
from tests.unit.gui.conftest import close_and_delete

MONDAY_MORNING = "2024-06-03 08:59"


class RecordingTray(QObject):
    """Stands in for :class:`stretchtimer.gui.desk.tray.Tray` where the platform has no tray.

    Signals:
        clicked(): as the real one's.
    """

    clicked = Signal()

    def __init__(self, menu: QMenu) -> None:
        super().__init__()
        self.menu = menu
        self.visible = False
        self.messages: list[tuple[str, str]] = []
        self.tooltip = ""
        self.attention = False
        self.resting = False

    def show(self) -> None:
        self.visible = True

    def hide(self) -> None:
        self.visible = False

    def set_state(self, sentence: str, *, attention: bool, resting: bool) -> None:
        self.tooltip, self.attention, self.resting = sentence, attention, resting

    def show_message(self, title: str, body: str) -> None:
        self.messages.append((title, body))


class Quits:
    """Counts the app's requests to quit."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(wall=instant(MONDAY_MORNING))


@pytest.fixture
def reminders_on(services: AppServices) -> AppServices:
    services.settings.update(reminders_enabled=True)
    return services


@pytest.fixture
def quits() -> Quits:
    return Quits()


@pytest.fixture
def sound() -> ReminderSoundHook:
    return ReminderSoundHook()


def make_desk(
    window: MainWindow,
    services: AppServices,
    quits: Quits,
    sound: ReminderSoundHook,
    *,
    tray: bool = True,
    notifications: Callable[[], DesktopNotifications | None] | None = None,
    read_desk: Callable[[PresenceRules], Reader] | None = None,
    renew_app: Callable[[], None] | None = None,
) -> Desk:
    return Desk(
        window,
        services,
        make_tray=RecordingTray if tray else None,  # type: ignore[arg-type]
        notifications=notifications,
        sound=sound,
        quit_app=quits,
        renew_app=renew_app,
        zone_source=lambda: BERLIN,
        read_desk=read_desk,
    )


def dispose(desk: Desk) -> None:
    """End the desk as the app's quit does, and delete its windows and timers."""
    if not Shiboken.isValid(desk):
        return  # a test disposed of it already
    desk.quit()
    desk.shutdown()
    close_and_delete(desk.compact.mini)
    if desk.alert._window is not None:  # made with the first reminder shown in it
        close_and_delete(desk.alert.window)
    desk.menu.deleteLater()
    desk.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture
def desk(
    window: MainWindow, reminders_on: AppServices, quits: Quits, sound: ReminderSoundHook
) -> Iterator[Desk]:
    """The desk with a tray, reminders on, opened as the app opens it."""
    made = make_desk(window, reminders_on, quits, sound)
    made.open()
    yield made
    dispose(made)


@pytest.fixture
def desk_without_tray(
    window: MainWindow, reminders_on: AppServices, quits: Quits, sound: ReminderSoundHook
) -> Iterator[Desk]:
    """The desk where the system has no tray (as under offscreen), reminders on."""
    made = make_desk(window, reminders_on, quits, sound, tray=False)
    made.open()
    yield made
    dispose(made)


def wait_minutes(desk: Desk, clock: FakeClock, minutes: float) -> None:
    """Let ``minutes`` pass at the desk, the reminder timer waking as it would."""
    driver = desk.reminders.driver
    assert driver is not None
    left = minutes * MINUTE
    while left > 0:
        step = min(left, MINUTE)
        clock.advance(step)
        driver.tick()
        left -= step


def first_reminder(desk: Desk, clock: FakeClock) -> None:
    """From 08:59 to 09:50 on Monday: the first reminder of the day falls due."""
    wait_minutes(desk, clock, 51)
    assert desk.reminders.showing is not None
