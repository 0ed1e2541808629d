"""The desk's presence reaches the reminders while they are on."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from stretchtimer.core.reminders.events import Phase
from stretchtimer.core.reminders.presence import DeskState
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.gui.desk.companion import Desk
from stretchtimer.gui.desk.presence import DeskPresence
from stretchtimer.gui.services import AppServices
from tests.unit.gui.desk.conftest import wait_minutes


def test_a_call_holds_the_reminder_and_the_watch_follows_the_reminder_switch(
    qtbot: QtBot, desk: Desk, clock: FakeClock, services: AppServices
) -> None:
    seen = DeskState(meeting=True)
    presence = DeskPresence(desk.reminders, make_reader=lambda: lambda _now: seen, parent=desk)
    presence.follow()
    assert presence.watch is not None and presence.watch.running
    qtbot.waitUntil(lambda: presence.watch is not None and presence.watch.state == seen)
    wait_minutes(desk, clock, 52)
    status = desk.reminders.status()
    assert status is not None and status.phase is Phase.HELD
    assert desk.reminders.showing is None

    services.settings.update(reminders_enabled=False)
    assert not presence.watch.running
    services.settings.update(reminders_enabled=True)
    assert presence.watch.running
    presence.stop()
    QThreadPool.globalInstance().waitForDone(5000)
