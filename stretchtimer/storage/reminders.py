"""Reminders between the settings file, the schedule, and the state kept across restarts.

The person's choices (interval, hours, days, routine, snooze, do-not-disturb) are
settings. What the schedule is doing (snoozed until, paused until, the last
routine played, when the next reminder falls due) is runtime state: it lives in
its own small JSON file in the data folder, ``reminders.json``, written
atomically and owner-only. It is never the person's work: a file that cannot be
read is logged and replaced, and the schedule simply starts afresh.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

from stretchtimer.core.bounded_parse import loads_json
from stretchtimer.core.reminders.events import (
    MINUTE,
    Cycle,
    CycleKind,
    ReminderMemory,
    ReminderRules,
)
from stretchtimer.core.reminders.presence import PresenceRules
from stretchtimer.core.reminders.working_hours import WorkingHours
from stretchtimer.storage.atomic import write_text_atomically
from stretchtimer.storage.paths import Paths
from stretchtimer.storage.settings import Settings

log = logging.getLogger(__name__)

STATE_VERSION = 1
STATE_FILE_NAME = "reminders.json"


def reminder_state_path(paths: Paths) -> Path:
    return paths.data / STATE_FILE_NAME


def parse_quiet_until(text: str, zone: dt.tzinfo) -> float | None:
    """The ``quiet_until`` setting as an instant; a time without an offset is local.

    Empty means no quiet time. Raises ValueError for text that is not an ISO time.
    """
    if not text.strip():
        return None
    when = dt.datetime.fromisoformat(text.strip())
    if when.tzinfo is None:
        when = when.replace(tzinfo=zone)
    return when.timestamp()


def format_quiet_until(instant: float | None, zone: dt.tzinfo) -> str:
    """The ``quiet_until`` setting for an instant: local time to the minute, as people read it."""
    if instant is None:
        return ""
    local = dt.datetime.fromtimestamp(instant, zone).replace(tzinfo=None)
    return local.isoformat(timespec="minutes")


def reminder_rules(settings: Settings, zone: dt.tzinfo) -> ReminderRules:
    """The schedule's rules from the person's settings (already checked when loaded)."""
    try:
        quiet_until = parse_quiet_until(settings.quiet_until, zone)
    except ValueError:
        log.warning("ignoring quiet_until=%r: not a date and time", settings.quiet_until)
        quiet_until = None
    return ReminderRules(
        enabled=settings.reminders_enabled,
        interval=settings.reminder_interval * MINUTE,
        hours=WorkingHours.from_names(
            settings.reminder_start, settings.reminder_end, settings.reminder_days
        ),
        routine=settings.reminder_routine,
        snooze=settings.reminder_snooze * MINUTE,
        quiet_until=quiet_until,
        presence=presence_rules(settings),
    )


def presence_rules(settings: Settings) -> PresenceRules:
    """The rules about the desk (idle, calls, full screen, DND) from the person's settings."""
    return PresenceRules(
        use_idle=settings.idle_break,
        break_after=settings.idle_break_minutes * MINUTE,
        wait_for_meeting=settings.wait_for_meeting,
        wait_for_full_screen=settings.wait_for_full_screen,
        wait_for_do_not_disturb=settings.wait_for_do_not_disturb,
    )


def memory_to_document(memory: ReminderMemory) -> dict[str, Any]:
    cycle = memory.cycle
    return {
        "version": STATE_VERSION,
        "cycle": None
        if cycle is None
        else {
            "kind": cycle.kind.value,
            "since": cycle.since,
            "due": cycle.due,
            "shown": cycle.shown,
        },
        "paused_until": memory.paused_until,
        "last_routine": memory.last_routine,
        "saved_at": memory.saved_at,
        "clean_exit": memory.clean_exit,
    }


def _number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, found {value!r}")
    return float(value)


def memory_from_document(document: Any) -> ReminderMemory:
    """Raises ValueError (or KeyError, TypeError) when the document is not one we wrote."""
    if not isinstance(document, dict) or document.get("version") != STATE_VERSION:
        raise ValueError("not a version 1 reminder state")
    raw_cycle = document.get("cycle")
    cycle = None
    if raw_cycle is not None:
        since, due = _number(raw_cycle["since"]), _number(raw_cycle["due"])
        if since is None or due is None:
            raise ValueError("a cycle needs its times")
        cycle = Cycle(CycleKind(raw_cycle["kind"]), since, due, bool(raw_cycle["shown"]))
    last_routine = document.get("last_routine")
    if last_routine is not None and not isinstance(last_routine, str):
        raise ValueError("last_routine is not text")
    return ReminderMemory(
        cycle=cycle,
        paused_until=_number(document.get("paused_until")),
        last_routine=last_routine,
        saved_at=_number(document.get("saved_at")),
        clean_exit=document.get("clean_exit") is True,
    )


class ReminderStateStore:
    """Loads and saves the schedule's runtime state."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> ReminderMemory:
        """The saved state; a fresh one when there is none or it cannot be used."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ReminderMemory()
        except (OSError, UnicodeDecodeError) as error:
            log.warning("cannot read the reminder state %s (%s); starting afresh", self.path, error)
            return ReminderMemory()
        try:
            return memory_from_document(loads_json(text))
        except (ValueError, KeyError, TypeError) as error:
            log.warning("the reminder state %s is unusable (%s); starting afresh", self.path, error)
            return ReminderMemory()

    def save(self, memory: ReminderMemory) -> None:
        """Write the state atomically. Raises OSError when the disk refuses."""
        text = json.dumps(memory_to_document(memory), indent=1) + "\n"
        write_text_atomically(self.path, text)
