"""What the app says and shows about reminders, in one place (the tray, notifications, speech).

Every sentence is whole in the catalogue, with its times as placeholders, so that each
language puts them where its grammar wants them.
"""

from __future__ import annotations

import datetime as dt

from stretchtimer.core.i18n import N_, _, p_
from stretchtimer.core.reminders.events import Phase, ReminderStatus
from stretchtimer.core.reminders.presence import HoldReason
from stretchtimer.core.reminders.working_hours import local_time

# TRANSLATORS: what a held reminder waits for: "A reminder to stretch waits until {reason}."
WAITING_FOR = {
    HoldReason.AWAY: N_("you are back at your desk"),
    HoldReason.MEETING: N_("your microphone and camera are free"),
    # A full-screen window, or (on Wayland and Windows) a program that keeps the screen awake
    # for a video or presents: the desktop cannot tell these apart.
    HoldReason.FULL_SCREEN: N_("the full-screen window, video or presentation is over"),
    HoldReason.DO_NOT_DISTURB: N_("Do Not Disturb is off"),
}

# The title of a reminder; shown translated with _(NOTIFICATION_TITLE) or notification_title().
NOTIFICATION_TITLE = N_("Time to stretch")


def notification_title() -> str:
    return _(NOTIFICATION_TITLE)


def _weekday(index: int) -> str:
    """Monday is 0, as ``date.weekday()`` counts."""
    return (
        p_("weekday", "Monday"),
        p_("weekday", "Tuesday"),
        p_("weekday", "Wednesday"),
        p_("weekday", "Thursday"),
        p_("weekday", "Friday"),
        p_("weekday", "Saturday"),
        p_("weekday", "Sunday"),
    )[index]


def _month(number: int) -> str:
    """January is 1."""
    return (
        p_("month", "January"),
        p_("month", "February"),
        p_("month", "March"),
        p_("month", "April"),
        p_("month", "May"),
        p_("month", "June"),
        p_("month", "July"),
        p_("month", "August"),
        p_("month", "September"),
        p_("month", "October"),
        p_("month", "November"),
        p_("month", "December"),
    )[number - 1]


def spoken_reminder(routine_title: str) -> str:
    """Said aloud with a reminder, when the person chose that."""
    return _("Time to stretch: {routine}.").format(routine=routine_title)


def notification_body(routine_title: str) -> str:
    return _("{routine} is ready when you are.").format(routine=routine_title)


def when_text(instant: float, now: float, zone: dt.tzinfo, *, until: bool = False) -> str:
    """``"at 14:50"``, ``"tomorrow at 09:00"``, ``"on Monday at 09:50"``, ``"on 12 June at …"``;
    with ``until``, ``"until 14:50"``, ``"until Monday at 09:50"``.

    Day and month names come from the catalogue, not from ``strftime``, which follows
    the system's locale rather than the language the app speaks.
    """
    when, today = local_time(instant, zone), local_time(now, zone).date()
    clock = f"{when.hour:02d}:{when.minute:02d}"
    days = (when.date() - today).days
    if days <= 0:
        text = _("until {time}") if until else _("at {time}")
    elif days == 1:
        text = _("until tomorrow at {time}") if until else _("tomorrow at {time}")
    elif days < 7:
        text = _("until {weekday} at {time}") if until else _("on {weekday} at {time}")
    else:
        # TRANSLATORS: a date and time: "on 12 June at 09:50".
        text = _("until {day} {month} at {time}") if until else _("on {day} {month} at {time}")
    return text.format(
        time=clock, weekday=_weekday(when.weekday()), day=when.day, month=_month(when.month)
    )


def status_text(status: ReminderStatus, now: float, zone: dt.tzinfo) -> str:
    """One sentence on where the reminders stand, for a tooltip or the terminal."""
    phase = status.phase
    upcoming = status.next_reminder
    after = when_text(upcoming, now, zone) if upcoming is not None else ""

    if phase is Phase.OFF:
        return _("Reminders are off.")
    if phase is Phase.IN_SESSION:
        return _("No reminders while a routine plays.")
    if phase is Phase.DUE:
        return _("A reminder to stretch is waiting for you.")
    if phase is Phase.HELD:
        return held_text(status)
    if phase in (Phase.PAUSED, Phase.QUIET):
        held = status.paused_until if phase is Phase.PAUSED else status.quiet_until
        if held is not None:
            return _on_hold(phase, when_text(held, now, zone, until=True), after)
    if phase is Phase.OUT_OF_HOURS:
        if upcoming is None:
            return _("Outside your working hours; no reminder is coming in the next week.")
        return _("Outside your working hours; the next reminder is {when}.").format(when=after)
    if phase is Phase.SNOOZED and upcoming is not None:
        return _("Snoozed; the reminder comes back {when}.").format(when=after)
    if upcoming is None:
        return _("Reminders are on; no reminder is coming in the next week.")
    return _("Reminders are on; the next reminder is {when}.").format(when=after)


def _on_hold(phase: Phase, until: str, after: str) -> str:
    """Paused, or Do Not Disturb, ``until`` ("until 15:00"); the next reminder ``after``
    ("" for none)."""
    # TRANSLATORS: {until} is "until 15:00", "until tomorrow at 09:00", ...
    if phase is Phase.PAUSED:
        if not after:
            text = _("Reminders are paused {until}; no reminder is coming in the next week.")
        else:
            text = _("Reminders are paused {until}; the next reminder is {when}.")
    elif not after:
        text = _("Do not disturb {until}; no reminder is coming in the next week.")
    else:
        text = _("Do not disturb {until}; the next reminder is {when}.")
    return text.format(until=until, when=after)


def held_text(status: ReminderStatus) -> str:
    """Why a reminder that fell due is waiting: "A reminder waits until you are back …"."""
    reasons = [_(WAITING_FOR[reason]) for reason in status.held_by]
    if not reasons:
        return _("A reminder to stretch waits for a better moment.")
    joined = reasons[0]
    for reason in reasons[1:-1]:
        # TRANSLATORS: joins the reasons a reminder waits for: "A, B and C".
        joined = _("{first}, {then}").format(first=joined, then=reason)
    if len(reasons) > 1:
        joined = _("{first} and {last}").format(first=joined, last=reasons[-1])
    return _("A reminder to stretch waits until {reasons}.").format(reasons=joined)
