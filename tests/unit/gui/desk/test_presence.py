"""The desk's presence reaches the reminders while they are on."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from stretchtimer.core.reminders.events import Phase
from stretchtimer.core.reminders.presence import DeskState, PresenceRules
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.gui.desk.alert import ReminderSoundHook
from stretchtimer.gui.desk.companion import Desk
from stretchtimer.gui.desk.tray_menu import TrayMenu
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from tests.unit.gui.desk.conftest import (
    Quits,
    dispose,
    first_reminder,
    make_desk,
    wait_minutes,
)


class Probes:
    """What the desktop's probes would say (the probes themselves are tested on a real bus)."""

    def __init__(self) -> None:
        self.state = DeskState()
        self.asked_for: list[PresenceRules] = []  # the rules each reader was made for

    def reader(self, rules: PresenceRules) -> Callable[[float], DeskState]:
        self.asked_for.append(rules)
        return self.read

    def read(self, _now: float) -> DeskState:
        return self.state


@pytest.fixture
def probes() -> Probes:
    return Probes()


def opened_desk(
    window: MainWindow,
    services: AppServices,
    quits: Quits,
    sound: ReminderSoundHook,
    probes: Probes,
) -> Iterator[Desk]:
    """The desk opened as the app opens it, reading ``probes``; ended after the test."""
    made = make_desk(window, services, quits, sound, read_desk=probes.reader)
    made.open()
    yield made
    dispose(made)
    QThreadPool.globalInstance().waitForDone(5000)


@pytest.fixture
def watched_desk(
    window: MainWindow,
    reminders_on: AppServices,
    quits: Quits,
    sound: ReminderSoundHook,
    probes: Probes,
) -> Iterator[Desk]:
    yield from opened_desk(window, reminders_on, quits, sound, probes)


def reads(qtbot: QtBot, desk: Desk, state: DeskState) -> None:
    """Ask for readings until the watch has ``state``. A reading asked for while one is on
    its way is dropped (the app reads every 15 s), and the one on its way may have read
    the state from before the change: asking once made the test fail one run in three."""
    presence = desk.presence
    assert presence is not None

    def arrived() -> bool:
        watch = presence.watch
        assert watch is not None
        watch.read_now()
        return watch.state == state

    qtbot.waitUntil(arrived)


def test_a_call_holds_the_reminder_until_it_ends(
    qtbot: QtBot, watched_desk: Desk, clock: FakeClock, probes: Probes
) -> None:
    desk = watched_desk
    presence = desk.presence
    assert presence is not None and presence.watch is not None and presence.watch.running
    probes.state = DeskState(meeting=True)
    reads(qtbot, desk, probes.state)
    wait_minutes(desk, clock, 52)
    status = desk.reminders.status()
    assert status is not None and status.phase is Phase.HELD
    assert desk.reminders.showing is None and not desk.alert.window.isVisible()

    probes.state = DeskState()
    reads(qtbot, desk, probes.state)  # the next reading (every 15 s in the app)
    qtbot.waitUntil(lambda: desk.reminders.showing is not None)  # once the call ended


def test_the_watch_runs_only_while_reminders_are_on(
    watched_desk: Desk, services: AppServices
) -> None:
    presence = watched_desk.presence
    assert presence is not None and presence.watch is not None
    services.settings.update(reminders_enabled=False)
    assert not presence.watch.running
    services.settings.update(reminders_enabled=True)
    assert presence.watch.running


def test_only_the_rules_that_are_on_are_read_and_none_on_means_no_watch(
    watched_desk: Desk, services: AppServices, probes: Probes
) -> None:
    presence = watched_desk.presence
    assert presence is not None and presence.watch is not None
    assert probes.asked_for == [PresenceRules()]
    services.settings.update(wait_for_meeting=False)
    assert probes.asked_for[-1] == PresenceRules(wait_for_meeting=False)
    assert presence.watch.running
    services.settings.update(
        idle_break=False, wait_for_full_screen=False, wait_for_do_not_disturb=False
    )
    assert not presence.watch.running  # nothing left to look at


def turn_reminders_on(menu: TrayMenu) -> None:
    menu.rebuild()  # as when it opens
    action = menu.entry("reminders-on")
    assert action is not None and action.isEnabled()
    action.trigger()


@pytest.fixture
def desk_off(
    window: MainWindow,
    services: AppServices,
    quits: Quits,
    sound: ReminderSoundHook,
    probes: Probes,
) -> Iterator[Desk]:
    """The app's desk after a start with reminders off (the default), its probes ready."""
    yield from opened_desk(window, services, quits, sound, probes)


def test_with_reminders_off_the_desk_is_not_watched_until_they_are_turned_on(
    qtbot: QtBot, desk_off: Desk, clock: FakeClock, probes: Probes
) -> None:
    desk = desk_off
    assert desk.reminders.driver is None and desk.presence is None  # nothing made
    assert probes.asked_for == []  # nor any probe asked for
    turn_reminders_on(desk.menu)  # "Turn reminders on" in the tray menu
    presence = desk.presence
    assert presence is not None and presence.watch is not None and presence.watch.running
    assert probes.asked_for == [PresenceRules()]
    # The schedule made now hears the desk and runs: a call holds its first reminder ...
    probes.state = DeskState(meeting=True)
    reads(qtbot, desk, probes.state)
    wait_minutes(desk, clock, 52)
    status = desk.reminders.status()
    assert status is not None and status.phase is Phase.HELD
    # ... until the call ends.
    probes.state = DeskState()
    reads(qtbot, desk, probes.state)
    qtbot.waitUntil(lambda: desk.reminders.showing is not None)


def test_reminders_turned_on_in_settings_after_a_start_with_them_off_fall_due(
    desk_off: Desk, services: AppServices, clock: FakeClock, sound: ReminderSoundHook
) -> None:
    assert desk_off.presence is None
    services.settings.update(reminders_enabled=True)  # as the Settings page's switch does
    presence = desk_off.presence
    assert presence is not None and presence.watch is not None and presence.watch.running
    first_reminder(desk_off, clock)
    assert sound.chimes == 1
