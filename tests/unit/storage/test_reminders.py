"""Reminder settings become rules; the schedule's state survives restarts, privately."""

from __future__ import annotations

import dataclasses
import json
import stat
from pathlib import Path

import pytest

from stretchtimer.core.reminders.events import Cycle, CycleKind, ReminderMemory
from stretchtimer.core.reminders.working_hours import WorkingHours
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.reminders import (
    ReminderStateStore,
    format_quiet_until,
    parse_quiet_until,
    reminder_rules,
    reminder_state_path,
)
from stretchtimer.storage.settings import Settings, SettingsStore
from tests.unit.core.reminders.desk import BERLIN, instant

MEMORY = ReminderMemory(
    cycle=Cycle(CycleKind.SNOOZED, 1_717_400_000.0, 1_717_400_600.0, shown=False),
    paused_until=1_717_500_000.0,
    last_routine="hip-openers",
    saved_at=1_717_400_100.5,
    clean_exit=True,
)


def test_reminder_settings_become_the_schedule_rules() -> None:
    settings = dataclasses.replace(
        Settings(),
        reminders_enabled=True,
        reminder_interval=45,
        reminder_start="08:15",
        reminder_end="16:00",
        reminder_days=("mon", "wed"),
        reminder_routine="sciatica-relief",
        reminder_snooze=5,
        quiet_until="2024-06-03T15:00",
    )
    rules = reminder_rules(settings, BERLIN)
    assert rules.enabled and rules.interval == 45 * 60 and rules.snooze == 5 * 60
    assert rules.hours == WorkingHours.from_names("08:15", "16:00", ("mon", "wed"))
    assert rules.routine == "sciatica-relief"
    assert rules.quiet_until == instant("2024-06-03 15:00")


def test_reminder_defaults_are_fifty_minutes_on_weekdays_from_nine() -> None:
    rules = reminder_rules(Settings(), BERLIN)
    assert not rules.enabled and rules.interval == 50 * 60 and rules.snooze == 10 * 60
    assert rules.hours == WorkingHours.from_names(
        "09:00", "17:30", ("mon", "tue", "wed", "thu", "fri")
    )
    assert rules.routine == "" and rules.quiet_until is None


def test_quiet_until_reads_local_time_or_an_offset_and_writes_local_time() -> None:
    assert parse_quiet_until("", BERLIN) is None
    assert parse_quiet_until("2024-06-03T15:00", BERLIN) == instant("2024-06-03 15:00")
    assert parse_quiet_until("2024-06-03T15:00+00:00", BERLIN) == instant("2024-06-03 17:00")
    assert format_quiet_until(instant("2024-06-03 15:00"), BERLIN) == "2024-06-03T15:00"
    assert format_quiet_until(None, BERLIN) == ""
    with pytest.raises(ValueError):
        parse_quiet_until("after lunch", BERLIN)


def test_a_quiet_until_that_is_no_time_is_reported_when_settings_load(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('version = 1\n[reminders]\nquiet_until = "after lunch"\n')
    result = SettingsStore(path).load()
    assert result.settings.quiet_until == ""
    assert result.notice is not None and "reminders.quiet_until" in result.notice
    assert "2024-06-03T15:00" in result.notice  # the message shows what to write


def test_reminder_state_round_trips_and_is_private(home: Path) -> None:
    store = ReminderStateStore(reminder_state_path(app_paths()))
    assert store.path.parent == home / "data"
    assert store.load() == ReminderMemory()
    store.save(MEMORY)
    assert store.load() == MEMORY
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    assert json.loads(store.path.read_text())["version"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{not json",
        "[]",
        '{"version": 99}',
        '{"version": 1, "cycle": {"kind": "dancing", "since": 1, "due": 2, "shown": false}}',
        '{"version": 1, "paused_until": "soon"}',
        '{"version": 1, "last_routine": 5}',
        "[" * 100_000 + "]" * 100_000,
        '{"version": 1, "last_routine": ' + "7" * 5000 + "}",
    ],
)
def test_an_unusable_reminder_state_starts_the_schedule_afresh(
    tmp_path: Path, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "reminders.json"
    path.write_text(text)
    assert ReminderStateStore(path).load() == ReminderMemory()
    assert "starting afresh" in caplog.text
    ReminderStateStore(path).save(MEMORY)  # and the next save replaces it
    assert ReminderStateStore(path).load() == MEMORY
