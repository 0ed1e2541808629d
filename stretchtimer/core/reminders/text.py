"""What the app says and shows about reminders, in one place (the tray, notifications, speech)."""

from __future__ import annotations

import datetime as dt

from stretchtimer.core.reminders.events import Phase, ReminderStatus
from stretchtimer.core.reminders.presence import HoldReason
from stretchtimer.core.reminders.working_hours import local_time

WAITING_FOR = {
    HoldReason.AWAY: "you are back at your desk",
    HoldReason.MEETING: "your microphone and camera are free",
    HoldReason.FULL_SCREEN: "you leave full screen",
    HoldReason.DO_NOT_DISTURB: "Do Not Disturb is off",
}

NOTIFICATION_TITLE = "Time to stretch"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def spoken_reminder(routine_title: str) -> str:
    """Said aloud with a reminder, when the person chose that."""
    return f"Time to stretch: {routine_title}."


def notification_body(routine_title: str) -> str:
    return f"{routine_title} is ready when you are."


def when_text(instant: float, now: float, zone: dt.tzinfo) -> str:
    """``"at 14:50"``, ``"tomorrow at 09:00"``, ``"on Monday at 09:50"``, ``"on 12 June at …"``.

    Day and month names are spelled here, not by ``strftime``, which follows the
    system's language once Qt has set the locale, and our sentences are English.
    """
    when, today = local_time(instant, zone), local_time(now, zone).date()
    clock = f"{when.hour:02d}:{when.minute:02d}"
    days = (when.date() - today).days
    if days <= 0:
        return f"at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    if days < 7:
        return f"on {DAYS[when.weekday()]} at {clock}"
    return f"on {when.day} {MONTHS[when.month - 1]} at {clock}"


def status_text(status: ReminderStatus, now: float, zone: dt.tzinfo) -> str:
    """One sentence on where the reminders stand, for a tooltip or the terminal."""
    phase = status.phase

    def next_one(prefix: str) -> str:
        if status.next_reminder is None:
            return f"{prefix}; no reminder is coming in the next week."
        return f"{prefix}; the next reminder is {when_text(status.next_reminder, now, zone)}."

    if phase is Phase.OFF:
        return "Reminders are off."
    if phase is Phase.IN_SESSION:
        return "No reminders while a routine plays."
    if phase is Phase.DUE:
        return "A reminder to stretch is waiting for you."
    if phase is Phase.HELD:
        return held_text(status)
    if phase is Phase.PAUSED and status.paused_until is not None:
        return next_one(f"Reminders are paused until {_bare(status.paused_until, now, zone)}")
    if phase is Phase.QUIET and status.quiet_until is not None:
        return next_one(f"Do not disturb until {_bare(status.quiet_until, now, zone)}")
    if phase is Phase.OUT_OF_HOURS:
        return next_one("Outside your working hours")
    if phase is Phase.SNOOZED and status.next_reminder is not None:
        return f"Snoozed; the reminder comes back {when_text(status.next_reminder, now, zone)}."
    return next_one("Reminders are on")


def held_text(status: ReminderStatus) -> str:
    """Why a reminder that fell due is waiting: "A reminder waits until you leave full screen"."""
    reasons = [WAITING_FOR[reason] for reason in status.held_by]
    if not reasons:
        return "A reminder to stretch waits for a better moment."
    joined = reasons[0] if len(reasons) == 1 else ", ".join(reasons[:-1]) + " and " + reasons[-1]
    return f"A reminder to stretch waits until {joined}."


def _bare(instant: float, now: float, zone: dt.tzinfo) -> str:
    """``when_text`` without its leading "at" (for "until 15:00")."""
    return when_text(instant, now, zone).removeprefix("at ")
