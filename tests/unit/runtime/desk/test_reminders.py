"""The reminder driver on the Qt event loop: one timer, signals, and the state saved."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from stretchtimer.core.reminders.events import (
    Answer,
    Phase,
    ReminderAnswered,
    ReminderDue,
    ReminderStatus,
    ReminderWithdrawn,
    WithdrawReason,
)
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.runtime.desk.reminders import RECHECK_SECONDS, ReminderDriver
from stretchtimer.storage.reminders import ReminderStateStore
from stretchtimer.storage.settings import Settings
from tests.unit.core.reminders.desk import BERLIN, MINUTE, instant

ON = dataclasses.replace(Settings(), reminders_enabled=True)


class Recorder:
    def __init__(self, driver: ReminderDriver) -> None:
        self.signals: list[object] = []
        driver.reminder_due.connect(self.signals.append)
        driver.reminder_withdrawn.connect(self.signals.append)
        driver.answered.connect(self.signals.append)
        self.statuses: list[ReminderStatus] = []
        driver.status_changed.connect(self.statuses.append)


def make_driver(
    tmp_path: Path, clock: FakeClock, settings: Settings = ON, zones: list[dt.tzinfo] | None = None
) -> tuple[ReminderDriver, Recorder]:
    def zone_source() -> dt.tzinfo:
        if zones is not None:
            zones.append(BERLIN)
        return BERLIN

    store = ReminderStateStore(tmp_path / "reminders.json")
    driver = ReminderDriver.from_settings(settings, store, clock=clock, zone_source=zone_source)
    return driver, Recorder(driver)


def morning(tmp_path: Path, settings: Settings = ON) -> tuple[ReminderDriver, Recorder, FakeClock]:
    """A driver started at 08:59 on a Monday and kept running: the first reminder is at 09:50."""
    clock = FakeClock(wall=instant("2024-06-03 08:59"))
    driver, seen = make_driver(tmp_path, clock, settings)
    driver.start()
    clock.advance(MINUTE)
    driver.tick()
    return driver, seen, clock


def first_reminder(tmp_path: Path) -> tuple[ReminderDriver, Recorder, FakeClock]:
    driver, seen, clock = morning(tmp_path)
    clock.advance(50 * MINUTE)
    driver.tick()
    assert seen.signals == [ReminderDue("desk-hips", instant("2024-06-03 09:50"), 0.0)]
    return driver, seen, clock


def test_reminder_driver_wakes_at_the_deadline_or_within_a_minute(
    qtbot: QtBot, tmp_path: Path
) -> None:
    driver, _, clock = morning(tmp_path)
    assert driver.seconds_to_next_wake() == RECHECK_SECONDS
    clock.advance(49 * MINUTE + 30)
    driver.tick()
    assert driver.seconds_to_next_wake() == 30  # the reminder at 09:50


def test_reminder_driver_shows_answers_and_saves(qtbot: QtBot, tmp_path: Path) -> None:
    driver, seen, clock = first_reminder(tmp_path)
    assert [status.phase for status in seen.statuses] == [
        Phase.OUT_OF_HOURS,
        Phase.WAITING,
        Phase.DUE,
    ]
    driver.start_now()
    assert seen.signals[-1] == ReminderAnswered(Answer.START, "desk-hips")
    driver.session_started("hip-openers")
    assert seen.statuses[-1].phase is Phase.IN_SESSION
    saved = json.loads((tmp_path / "reminders.json").read_text())
    assert saved["last_routine"] == "hip-openers"
    clock.advance(5 * MINUTE)
    driver.session_ended()
    driver.pause_for(3600)
    assert seen.statuses[-1].paused_until == instant("2024-06-03 10:55")
    driver.resume()
    driver.pause_until_tomorrow()
    assert seen.statuses[-1].paused_until == instant("2024-06-04 09:00")
    driver.shutdown()
    assert driver.seconds_to_next_wake() is None
    saved = json.loads((tmp_path / "reminders.json").read_text())
    assert saved["clean_exit"] is True and saved["paused_until"] == instant("2024-06-04 09:00")


def test_reminder_driver_restarted_keeps_a_snooze(qtbot: QtBot, tmp_path: Path) -> None:
    first, _, clock = first_reminder(tmp_path)
    first.snooze()  # the app is killed right after: no shutdown()
    clock.advance(2 * MINUTE)
    second, seen = make_driver(tmp_path, FakeClock(mono=3.0, wall=clock.now().wall))
    second.start()
    assert seen.statuses[-1].phase is Phase.SNOOZED
    assert seen.statuses[-1].next_reminder == instant("2024-06-03 10:00")


def test_reminder_driver_applies_new_settings_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    driver, seen, _ = first_reminder(tmp_path)
    driver.update_settings(dataclasses.replace(ON, quiet_until="2024-06-03T11:00"))
    assert seen.signals[-1] == ReminderWithdrawn(WithdrawReason.QUIET)
    assert seen.statuses[-1].quiet_until == instant("2024-06-03 11:00")
    driver.update_settings(Settings())  # reminders off: no timer at all
    assert seen.statuses[-1].phase is Phase.OFF
    assert driver.seconds_to_next_wake() is None


def test_reminder_driver_reads_the_zone_again_after_a_wake(qtbot: QtBot, tmp_path: Path) -> None:
    zones: list[dt.tzinfo] = []
    clock = FakeClock(wall=instant("2024-06-03 09:00"))
    driver, _ = make_driver(tmp_path, clock, zones=zones)
    driver.start()
    driver.tick()
    assert len(zones) == 1
    clock.sleep_machine(2 * 3600)
    driver.tick()
    assert len(zones) == 2


def test_reminder_driver_timer_really_fires_on_the_event_loop(qtbot: QtBot, tmp_path: Path) -> None:
    driver, _, clock = morning(tmp_path)
    clock.advance(50 * MINUTE - 1)
    driver.tick()  # the timer is armed for one second from now
    clock.advance(1)  # now due: the armed timer (under a second) delivers it
    with qtbot.waitSignal(driver.reminder_due, timeout=10_000) as blocker:
        pass
    assert blocker.args == [ReminderDue("desk-hips", instant("2024-06-03 09:50"), 0.0)]


def test_reminder_driver_keeps_going_when_the_state_cannot_be_saved(
    qtbot: QtBot, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    driver, seen, clock = morning(blocker)
    clock.advance(50 * MINUTE)
    driver.tick()
    assert isinstance(seen.signals[-1], ReminderDue)
