"""Reminders that know whether the person is there and free, on a fake clock.

2024-06-03 is a Monday; work runs 09:00-17:30 and the interval is 50 minutes, so the
first reminder of the day falls due at 09:50. Times are local to Berlin.
"""

from __future__ import annotations

import dataclasses

import pytest

from stretchtimer.core.reminders.events import (
    Phase,
    ReminderDue,
    ReminderRules,
    ReminderWithdrawn,
    WithdrawReason,
)
from stretchtimer.core.reminders.presence import (
    EMPTY_DESK_AFTER,
    AwayPeriod,
    DeskState,
    HoldReason,
    PresenceRules,
    came_back,
    holds,
)
from stretchtimer.core.reminders.text import status_text
from tests.unit.core.reminders.desk import BERLIN, MINUTE, Desk, instant

HERE = DeskState()


def idle_since(text: str) -> DeskState:
    return DeskState(idle_since=instant(text))


def see(desk: Desk, state: DeskState) -> list[object]:
    return list(desk.do("desk_changed", state))


def withdrawals(desk: Desk) -> list[tuple[str, WithdrawReason]]:
    return [
        (seen.at, seen.event.reason)
        for seen in desk.events_of(ReminderWithdrawn)
        if isinstance(seen.event, ReminderWithdrawn)
    ]


# -- idle time counts as a break ------------------------------------------------------------


def test_coming_back_after_five_idle_minutes_restarts_the_countdown() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:30")
    see(desk, idle_since("2024-06-03 09:25"))  # lunch starts
    desk.run_until("2024-06-03 10:15")
    see(desk, HERE)  # back from lunch at 10:15
    desk.run_until("2024-06-03 11:30")
    # Nothing at 09:50 (nobody there) and nothing right after the return: the next
    # reminder is a full interval after 10:15.
    assert desk.reminders() == ["2024-06-03 11:05"]


def test_a_short_pause_at_the_keyboard_does_not_reset_anything() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:30")
    see(desk, idle_since("2024-06-03 09:29"))
    desk.run_until("2024-06-03 09:33")
    see(desk, HERE)  # four minutes away: not a break
    desk.run_until("2024-06-03 10:00")
    assert desk.reminders() == ["2024-06-03 09:50"]


def test_the_break_length_is_the_persons_setting() -> None:
    rules = ReminderRules(enabled=True, presence=PresenceRules(break_after=2 * MINUTE))
    desk = Desk("2024-06-03 09:00", rules)
    desk.run_until("2024-06-03 09:30")
    see(desk, idle_since("2024-06-03 09:29"))
    desk.run_until("2024-06-03 09:33")
    see(desk, HERE)
    desk.run_until("2024-06-03 10:30")
    assert desk.reminders() == ["2024-06-03 10:23"]


def test_idle_rules_switched_off_change_nothing() -> None:
    rules = ReminderRules(enabled=True, presence=PresenceRules(use_idle=False))
    desk = Desk("2024-06-03 09:00", rules)
    see(desk, idle_since("2024-06-03 09:00"))
    desk.run_until("2024-06-03 09:55")
    see(desk, HERE)
    assert desk.reminders() == ["2024-06-03 09:50"]


def test_a_reminder_showing_when_the_person_left_is_taken_back_on_their_return() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:51")
    assert desk.reminders() == ["2024-06-03 09:50"]
    see(desk, idle_since("2024-06-03 09:51"))
    desk.run_until("2024-06-03 10:30")
    see(desk, HERE)
    assert withdrawals(desk) == [("2024-06-03 10:30", WithdrawReason.AWAY)]
    desk.run_until("2024-06-03 11:30")
    assert desk.reminders() == ["2024-06-03 09:50", "2024-06-03 11:20"]


def test_idle_again_from_a_later_instant_means_the_person_came_back_in_between() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:20")
    see(desk, idle_since("2024-06-03 09:10"))
    desk.run_until("2024-06-03 09:30")
    see(desk, idle_since("2024-06-03 09:29"))  # a keypress at 09:29 between two readings
    desk.run_until("2024-06-03 09:31")
    see(desk, HERE)
    desk.run_until("2024-06-03 10:30")
    assert desk.reminders() == ["2024-06-03 10:19"]


# -- no reminder to an empty desk -----------------------------------------------------------


def test_a_reminder_waits_for_the_person_and_asks_when_they_return() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:47")
    see(desk, idle_since("2024-06-03 09:47"))  # reading on paper, away for three minutes
    desk.run_until("2024-06-03 09:50")
    assert desk.reminders() == []
    assert desk.machine.phase is Phase.HELD
    desk.run_until("2024-06-03 09:51")
    see(desk, HERE)
    assert desk.reminders() == ["2024-06-03 09:51"]
    desk.run_until("2024-06-03 10:30")
    assert desk.reminders() == ["2024-06-03 09:51"]  # once, not again


def test_an_idle_minute_is_not_yet_an_empty_desk() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:49:30")
    see(desk, idle_since("2024-06-03 09:49:30"))
    desk.run_until("2024-06-03 09:51")
    assert desk.reminders() == ["2024-06-03 09:50"]


def test_a_locked_screen_is_an_empty_desk() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:40")
    see(desk, idle_since("2024-06-03 09:40"))  # locked at 09:40
    desk.run_until("2024-06-03 09:55")
    assert desk.reminders() == []
    see(desk, HERE)
    desk.run_until("2024-06-03 11:00")
    assert desk.reminders() == ["2024-06-03 10:45"]  # a break: 50 minutes after 09:55


# -- not during a call, a presentation or do-not-disturb -------------------------------------


@pytest.mark.parametrize(
    ("busy", "reason"),
    [
        (DeskState(meeting=True), HoldReason.MEETING),
        (DeskState(full_screen=True), HoldReason.FULL_SCREEN),
        (DeskState(do_not_disturb=True), HoldReason.DO_NOT_DISTURB),
    ],
)
def test_a_reminder_waits_through_a_call_and_comes_once_afterwards(
    busy: DeskState, reason: HoldReason
) -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:30")
    see(desk, busy)
    desk.run_until("2024-06-03 10:45")
    assert desk.reminders() == []
    assert desk.machine.phase is Phase.HELD
    assert desk.machine.status().held_by == (reason,)
    see(desk, HERE)
    desk.run_until("2024-06-03 11:40")
    assert desk.reminders() == ["2024-06-03 10:45", "2024-06-03 11:35"]
    assert all(
        seen.event.due == instant("2024-06-03 09:50")
        for seen in desk.events_of(ReminderDue)[:1]
        if isinstance(seen.event, ReminderDue)
    )


def test_a_call_that_starts_takes_the_showing_reminder_away_until_it_ends() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:52")
    see(desk, DeskState(meeting=True))
    desk.run_until("2024-06-03 10:20")
    see(desk, HERE)
    assert withdrawals(desk) == [("2024-06-03 09:52", WithdrawReason.HELD)]
    assert desk.reminders() == ["2024-06-03 09:50", "2024-06-03 10:20"]


def test_each_wait_can_be_switched_off() -> None:
    presence = PresenceRules(
        wait_for_meeting=False, wait_for_full_screen=False, wait_for_do_not_disturb=False
    )
    desk = Desk("2024-06-03 09:00", ReminderRules(enabled=True, presence=presence))
    see(desk, DeskState(meeting=True, full_screen=True, do_not_disturb=True))
    desk.run_until("2024-06-03 09:51")
    assert desk.reminders() == ["2024-06-03 09:50"]


def test_the_tooltip_says_why_a_reminder_waits() -> None:
    desk = Desk("2024-06-03 09:00")
    see(desk, DeskState(meeting=True, full_screen=True))
    desk.run_until("2024-06-03 10:00")
    text = status_text(desk.machine.status(), desk.now().wall, BERLIN)
    assert text == (
        "A reminder to stretch waits until your microphone and camera are free "
        "and the full-screen window, video or presentation is over."
    )
    see(desk, DeskState(meeting=True))
    see(desk, HERE)
    assert status_text(desk.machine.status(), desk.now().wall, BERLIN) == (
        "A reminder to stretch is waiting for you."
    )


def test_nothing_waits_while_a_routine_plays_and_idle_then_is_no_break() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:30")
    desk.do("session_started", "desk-hips")
    see(desk, idle_since("2024-06-03 09:31"))  # on the floor, away from the keyboard
    desk.run_until("2024-06-03 09:40")
    see(desk, HERE)
    desk.do("session_ended")
    desk.run_until("2024-06-03 10:40")
    assert desk.reminders() == ["2024-06-03 10:30"]


# -- the pure pieces -------------------------------------------------------------------------


def test_holds_name_every_reason_in_order() -> None:
    now = 10_000.0
    desk = DeskState(
        idle_since=now - EMPTY_DESK_AFTER, meeting=True, full_screen=True, do_not_disturb=True
    )
    assert holds(desk, PresenceRules(), now) == tuple(HoldReason)
    assert holds(dataclasses.replace(desk, idle_since=now - 1), PresenceRules(), now)[0] is (
        HoldReason.MEETING
    )


def test_came_back_finds_only_a_period_that_ended() -> None:
    assert came_back(HERE, DeskState(idle_since=5.0), 10.0) is None
    assert came_back(DeskState(idle_since=5.0), DeskState(idle_since=5.0), 10.0) is None
    assert came_back(DeskState(idle_since=5.0), HERE, 10.0) == AwayPeriod(5.0, 10.0)
    assert came_back(DeskState(idle_since=5.0), DeskState(idle_since=8.0), 10.0) == AwayPeriod(
        5.0, 8.0
    )


def test_a_break_length_of_zero_is_refused() -> None:
    with pytest.raises(ValueError, match="positive"):
        PresenceRules(break_after=0)
