"""Reminder rules on a fake clock: a working day as a person lives it.

2024-06-03 is a Monday. Times are local to Berlin unless a test says otherwise.
"""

from __future__ import annotations

import dataclasses
import itertools
from zoneinfo import ZoneInfo

import pytest

from stretchtimer.core.reminders.events import (
    Answer,
    Phase,
    ReminderAnswered,
    ReminderDue,
    ReminderMemory,
    ReminderRules,
    ReminderWithdrawn,
    WithdrawReason,
)
from stretchtimer.core.reminders.schedule import ReminderMachine
from tests.unit.core.reminders.desk import BERLIN, HOUR, MINUTE, Desk, hours, instant

ON = ReminderRules(enabled=True)
EVERY_DAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def test_reminders_come_every_interval_within_working_hours() -> None:
    desk = Desk("2024-06-03 07:30")
    desk.run_until("2024-06-03 19:00", answer=Answer.SKIP)
    assert desk.reminders() == [
        "2024-06-03 09:50",
        "2024-06-03 10:40",
        "2024-06-03 11:30",
        "2024-06-03 12:20",
        "2024-06-03 13:10",
        "2024-06-03 14:00",
        "2024-06-03 14:50",
        "2024-06-03 15:40",
        "2024-06-03 16:30",
        "2024-06-03 17:20",  # the next would be 18:10, after work
    ]
    assert all(seen.event.late_by == 0 for seen in desk.events_of(ReminderDue))


def test_reminder_interval_and_hours_are_the_persons_choice() -> None:
    rules = ReminderRules(enabled=True, interval=30 * MINUTE, hours=hours("13:00", "14:45"))
    desk = Desk("2024-06-03 12:00", rules)
    desk.run_until("2024-06-03 16:00", answer=Answer.SKIP)
    assert desk.reminders() == ["2024-06-03 13:30", "2024-06-03 14:00", "2024-06-03 14:30"]


def test_no_reminders_on_weekends_and_the_week_starts_fresh() -> None:
    desk = Desk("2024-06-07 16:00")  # a Friday
    desk.run_until("2024-06-10 11:00", answer=Answer.SKIP)  # Monday
    assert desk.reminders() == ["2024-06-07 16:50", "2024-06-10 09:50", "2024-06-10 10:40"]


def test_reminder_days_can_include_a_saturday() -> None:
    rules = ReminderRules(enabled=True, hours=hours("10:00", "12:00", ("sat",)))
    desk = Desk("2024-06-07 09:00", rules)
    desk.run_until("2024-06-10 12:00", answer=Answer.SKIP)
    assert desk.reminders() == ["2024-06-08 10:50", "2024-06-08 11:40"]


def test_status_names_the_next_reminder_even_after_the_weekend() -> None:
    desk = Desk("2024-06-07 18:00")
    status = desk.machine.status()
    assert status.phase is Phase.OUT_OF_HOURS
    assert status.next_reminder == instant("2024-06-10 09:50")
    assert desk.machine.next_deadline() == instant("2024-06-10 09:00")


def test_a_reminder_nobody_answers_is_replaced_never_joined() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 17:45")
    kinds = [(seen.at, type(seen.event).__name__) for seen in desk.seen]
    assert kinds[:3] == [
        ("2024-06-03 09:50", "ReminderDue"),
        ("2024-06-03 10:40", "ReminderWithdrawn"),
        ("2024-06-03 10:40", "ReminderDue"),
    ]
    assert kinds[-1] == ("2024-06-03 17:30", "ReminderWithdrawn")
    assert desk.events_of(ReminderWithdrawn)[-1].event.reason is WithdrawReason.OUT_OF_HOURS
    showing = 0
    for seen in desk.seen:
        showing += 1 if isinstance(seen.event, ReminderDue) else -1
        assert showing in (0, 1)


def test_snooze_brings_the_reminder_back_after_the_snooze_time() -> None:
    rules = ReminderRules(enabled=True, snooze=15 * MINUTE)
    desk = Desk("2024-06-03 09:00", rules)
    desk.run_until("2024-06-03 09:50")
    answered = desk.do("snooze")
    assert answered == [ReminderAnswered(Answer.SNOOZE, "desk-hips")]
    assert desk.machine.phase is Phase.SNOOZED
    assert desk.machine.status().next_reminder == instant("2024-06-03 10:05")
    desk.run_until("2024-06-03 10:05")
    desk.do("snooze")
    desk.run_until("2024-06-03 10:20")
    desk.do("skip")
    desk.run_until("2024-06-03 11:30")
    assert desk.reminders() == [
        "2024-06-03 09:50",
        "2024-06-03 10:05",
        "2024-06-03 10:20",
        "2024-06-03 11:10",
    ]


def test_skip_restarts_the_interval_from_the_answer() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:53")  # the person answers three minutes later
    assert desk.do("skip") == [ReminderAnswered(Answer.SKIP, "desk-hips")]
    desk.run_until("2024-06-03 10:50")
    assert desk.reminders() == ["2024-06-03 09:50", "2024-06-03 10:43"]


def test_answers_without_a_reminder_showing_do_nothing() -> None:
    desk = Desk("2024-06-03 10:00")
    for command in ("snooze", "skip", "start_now"):
        assert desk.do(command) == []
    assert desk.machine.phase is Phase.WAITING


def test_start_now_names_the_routine_and_a_session_holds_reminders_back() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:50")
    assert desk.do("start_now") == [ReminderAnswered(Answer.START, "desk-hips")]
    desk.do("session_started", "desk-hips")
    assert desk.machine.phase is Phase.IN_SESSION and desk.machine.next_deadline() is None
    desk.run_until("2024-06-03 12:00")  # a very long session: nothing meanwhile
    assert desk.reminders() == ["2024-06-03 09:50"]
    desk.do("session_ended")
    desk.run_until("2024-06-03 13:00")
    assert desk.reminders() == ["2024-06-03 09:50", "2024-06-03 12:50"]


def test_a_session_started_elsewhere_takes_the_reminder_away() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:50")
    assert desk.do("session_started", "hip-openers") == [ReminderWithdrawn(WithdrawReason.SESSION)]
    desk.do("session_ended")
    desk.run_until("2024-06-03 10:40")
    assert desk.events_of(ReminderDue)[-1].event.routine_id == "hip-openers"


def test_a_reminder_names_the_chosen_routine_over_the_last_one_played() -> None:
    desk = Desk("2024-06-03 09:00", ReminderRules(enabled=True, routine="sciatica-relief"))
    desk.do("session_started", "hip-openers")
    desk.do("session_ended")
    desk.run_until("2024-06-03 09:50")
    assert desk.events_of(ReminderDue)[-1].event.routine_id == "sciatica-relief"


def test_a_short_sleep_shows_the_one_reminder_that_fell_due_on_waking() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:48")
    woke = desk.sleep(4 * MINUTE)
    assert woke == [ReminderDue("desk-hips", instant("2024-06-03 09:50"), 2 * MINUTE)]


def test_a_long_sleep_counts_as_a_break_and_never_brings_a_pile() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:40")
    assert desk.sleep(3 * HOUR) == []  # three reminders would have fallen due meanwhile
    assert desk.machine.status().next_reminder == instant("2024-06-03 13:30")
    desk.run_until("2024-06-03 13:30")
    assert desk.reminders() == ["2024-06-03 13:30"]


def test_a_showing_reminder_is_taken_away_when_the_person_was_away() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:50")
    assert desk.sleep(20 * MINUTE) == [ReminderWithdrawn(WithdrawReason.AWAY)]
    assert desk.machine.phase is Phase.WAITING


def test_sleeping_through_the_night_starts_the_day_fresh() -> None:
    desk = Desk("2024-06-03 17:00")
    desk.run_until("2024-06-03 17:10")
    assert desk.sleep(16 * HOUR) == []  # wakes at 09:10
    desk.run_until("2024-06-04 10:30")
    assert desk.reminders() == ["2024-06-04 10:00"]


def test_a_wall_clock_set_back_keeps_the_time_left() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:30")
    desk.clock._wall -= HOUR  # someone sets the clock back an hour, no time passes
    desk.record(desk.machine.tick(desk.now()))
    assert desk.local() == "2024-06-03 08:30"
    desk.run_until("2024-06-03 09:00")
    assert desk.reminders() == []
    desk.run_until("2024-06-03 09:30")
    assert desk.reminders() == []  # 20 minutes were left, counted from 08:30
    assert desk.machine.status().next_reminder == instant("2024-06-03 09:50")


def test_spring_forward_keeps_intervals_real_and_hours_local() -> None:
    # Berlin, Sunday 2024-03-31: at 02:00 the clocks go forward to 03:00.
    rules = ReminderRules(enabled=True, hours=hours("22:00", "06:00", ("sat",)))
    desk = Desk("2024-03-30 21:00", rules)
    desk.run_until("2024-03-31 08:00", answer=Answer.SKIP)
    assert desk.reminders() == [
        "2024-03-30 22:50",
        "2024-03-30 23:40",
        "2024-03-31 00:30",
        "2024-03-31 01:20",
        "2024-03-31 03:10",  # fifty real minutes after 01:20
        "2024-03-31 04:00",
        "2024-03-31 04:50",
        "2024-03-31 05:40",
    ]
    shown = [seen.wall for seen in desk.events_of(ReminderDue)]
    assert {b - a for a, b in itertools.pairwise(shown)} == {50 * MINUTE}
    # the shift ended at 06:00 on the local clock: seven real hours
    assert desk.events_of(ReminderWithdrawn) == []


def test_spring_forward_hours_that_start_in_the_skipped_hour_begin_at_the_change() -> None:
    rules = ReminderRules(enabled=True, hours=hours("02:30", "05:00", ("sun",)))
    desk = Desk("2024-03-31 00:00", rules)
    desk.run_until("2024-03-31 06:00", answer=Answer.SKIP)
    assert desk.reminders() == ["2024-03-31 03:50", "2024-03-31 04:40"]


def test_working_hours_stay_on_the_local_clock_after_a_change() -> None:
    desk = Desk("2024-03-29 16:00")  # Friday before the change, in winter time
    desk.run_until("2024-04-01 11:00", answer=Answer.SKIP)  # Monday, in summer time
    assert desk.reminders() == ["2024-03-29 16:50", "2024-04-01 09:50", "2024-04-01 10:40"]


def test_fall_back_keeps_intervals_real_through_the_repeated_hour() -> None:
    # Berlin, Sunday 2024-10-27: at 03:00 the clocks go back to 02:00.
    rules = ReminderRules(enabled=True, hours=hours("22:00", "06:00", ("sat",)))
    desk = Desk("2024-10-26 21:00", rules)
    desk.run_until("2024-10-27 08:00", answer=Answer.SKIP)
    assert desk.reminders() == [
        "2024-10-26 22:50",
        "2024-10-26 23:40",
        "2024-10-27 00:30",
        "2024-10-27 01:20",
        "2024-10-27 02:10",  # summer time
        "2024-10-27 02:00",  # winter time: fifty minutes later, the clock reads earlier
        "2024-10-27 02:50",
        "2024-10-27 03:40",
        "2024-10-27 04:30",
        "2024-10-27 05:20",
    ]
    shown = [seen.wall for seen in desk.events_of(ReminderDue)]
    assert {b - a for a, b in itertools.pairwise(shown)} == {50 * MINUTE}


def test_fall_back_a_repeated_start_time_opens_at_its_second_occurrence() -> None:
    rules = ReminderRules(enabled=True, hours=hours("02:30", "05:00", ("sun",)))
    desk = Desk("2024-10-27 00:00", rules)
    desk.run_until("2024-10-27 06:00", answer=Answer.SKIP)
    # work starts when the clock reads 02:30 for good (in winter time)
    first = desk.events_of(ReminderDue)[0]
    assert first.wall == instant("2024-10-27 02:30", fold=1) + 50 * MINUTE
    assert desk.reminders() == ["2024-10-27 03:20", "2024-10-27 04:10"]


def test_fall_back_in_new_york_too() -> None:
    new_york = ZoneInfo("America/New_York")  # 2024-11-03, 02:00 back to 01:00
    rules = ReminderRules(
        enabled=True, interval=45 * MINUTE, hours=hours("00:00", "03:00", ("sun",))
    )
    desk = Desk("2024-11-02 23:00", rules, zone=new_york)
    desk.run_until("2024-11-03 04:00", answer=Answer.SKIP)
    assert desk.reminders() == [
        "2024-11-03 00:45",
        "2024-11-03 01:30",
        "2024-11-03 01:15",
        "2024-11-03 02:00",
        "2024-11-03 02:45",
    ]


def test_pause_for_an_hour_then_the_interval_starts_again() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:50")
    assert desk.do("pause_for") == [ReminderWithdrawn(WithdrawReason.PAUSED)]
    assert desk.machine.status().paused_until == instant("2024-06-03 10:50")
    desk.run_until("2024-06-03 12:00", answer=Answer.SKIP)
    assert desk.reminders() == ["2024-06-03 09:50", "2024-06-03 11:40"]


def test_resume_ends_a_pause_early() -> None:
    desk = Desk("2024-06-03 10:00")
    desk.do("pause_for", 2 * HOUR)
    desk.run_until("2024-06-03 10:20")
    desk.do("resume")
    assert desk.machine.phase is Phase.WAITING
    desk.run_until("2024-06-03 11:10")
    assert desk.reminders() == ["2024-06-03 11:10"]


@pytest.mark.parametrize(
    ("paused_at", "first_reminder"),
    [
        ("2024-06-04 14:00", "2024-06-05 09:50"),  # Tuesday → Wednesday
        ("2024-06-04 07:00", "2024-06-05 09:50"),  # before work: today is skipped
        ("2024-06-04 20:00", "2024-06-05 09:50"),
        ("2024-06-07 11:00", "2024-06-10 09:50"),  # Friday → Monday
    ],
)
def test_pause_reminders_until_tomorrow(paused_at: str, first_reminder: str) -> None:
    desk = Desk(paused_at)
    desk.do("pause_until_tomorrow")
    assert desk.machine.phase is Phase.PAUSED
    assert desk.machine.status().next_reminder == instant(first_reminder)
    desk.run_until("2024-06-10 10:00", answer=Answer.SKIP)
    assert desk.reminders()[0] == first_reminder


def test_pause_until_tomorrow_in_a_night_shift_means_the_next_shift() -> None:
    rules = ReminderRules(enabled=True, hours=hours("22:00", "06:00"))
    desk = Desk("2024-06-04 01:00", rules)  # Tuesday 01:00, in Monday's shift
    desk.do("pause_until_tomorrow")
    assert desk.machine.paused_until == instant("2024-06-04 22:00")


def test_do_not_disturb_holds_a_reminder_until_it_ends() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:50")
    desk.do("skip")
    desk.run_until("2024-06-03 10:00")
    assert (
        desk.do("update_rules", dataclasses.replace(ON, quiet_until=instant("2024-06-03 11:15")))
        == []
    )
    desk.run_until("2024-06-03 11:14")
    assert desk.machine.phase is Phase.QUIET
    assert desk.machine.status().quiet_until == instant("2024-06-03 11:15")
    desk.run_until("2024-06-03 11:15")
    assert desk.seen[-1].event == ReminderDue("desk-hips", instant("2024-06-03 10:40"), 35 * MINUTE)
    assert desk.reminders() == ["2024-06-03 09:50", "2024-06-03 11:15"]


def test_do_not_disturb_takes_a_showing_reminder_back_and_returns_it_later() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:50")
    rules = dataclasses.replace(ON, quiet_until=instant("2024-06-03 10:30"))
    assert desk.do("update_rules", rules) == [ReminderWithdrawn(WithdrawReason.QUIET)]
    desk.run_until("2024-06-03 10:30")
    assert desk.reminders() == ["2024-06-03 09:50", "2024-06-03 10:30"]


def test_a_quiet_time_with_nothing_due_changes_nothing() -> None:
    rules = dataclasses.replace(ON, quiet_until=instant("2024-06-03 09:20"))
    desk = Desk("2024-06-03 09:00", rules)
    desk.run_until("2024-06-03 10:00")
    assert desk.reminders() == ["2024-06-03 09:50"]


def test_reminders_off_means_none_and_switching_on_starts_the_interval() -> None:
    desk = Desk("2024-06-03 09:00", ReminderRules(enabled=False))
    desk.run_until("2024-06-03 10:17")
    assert desk.reminders() == [] and desk.machine.next_deadline() is None
    desk.do("update_rules", ON)
    desk.run_until("2024-06-03 11:10")
    assert desk.reminders() == ["2024-06-03 11:07"]


def test_a_shorter_interval_applies_to_the_waiting_reminder() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:10")
    desk.do("update_rules", dataclasses.replace(ON, interval=20 * MINUTE))
    desk.run_until("2024-06-03 09:25")
    assert desk.reminders() == ["2024-06-03 09:20"]


def test_the_schedule_survives_a_crash_and_restart() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:50")
    desk.do("snooze")
    desk.run_until("2024-06-03 09:52")
    desk.do("session_started", "hip-openers")
    desk.run_until("2024-06-03 10:30")
    desk.do("session_ended")
    desk.run_until("2024-06-03 10:31")
    memory = desk.machine.memory()  # saved when the state changed; then the app died
    restarted = Desk("2024-06-03 10:32", memory=memory, mono=5.0)
    restarted.run_until("2024-06-03 11:30")
    assert restarted.reminders() == ["2024-06-03 11:20"]
    assert restarted.events_of(ReminderDue)[0].event.routine_id == "hip-openers"


def test_a_pause_survives_a_restart() -> None:
    desk = Desk("2024-06-04 14:00")
    desk.do("pause_until_tomorrow")
    restarted = Desk("2024-06-04 15:00", memory=desk.machine.memory(clean_exit=True))
    assert restarted.machine.phase is Phase.PAUSED
    assert restarted.machine.paused_until == instant("2024-06-05 09:00")


def test_after_the_app_was_closed_a_while_the_interval_starts_again() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:30")
    memory = desk.machine.memory(clean_exit=True)
    restarted = Desk("2024-06-03 12:00", memory=memory)
    restarted.run_until("2024-06-03 13:00")
    assert restarted.reminders() == ["2024-06-03 12:50"]


def test_a_reminder_showing_at_a_crash_is_shown_once_again_after_restart() -> None:
    desk = Desk("2024-06-03 09:00")
    desk.run_until("2024-06-03 09:50")
    restarted = Desk("2024-06-03 09:51", memory=desk.machine.memory())
    assert restarted.reminders() == ["2024-06-03 09:51"]
    assert restarted.events_of(ReminderDue)[0].event.due == instant("2024-06-03 09:50")


def test_a_reminder_from_yesterday_is_not_shown_today() -> None:
    desk = Desk("2024-06-03 17:20")
    desk.run_until("2024-06-03 17:25")
    memory = dataclasses.replace(desk.machine.memory(), clean_exit=False)
    restarted = Desk("2024-06-04 09:30", memory=memory)
    restarted.run_until("2024-06-04 10:00")
    assert restarted.reminders() == ["2024-06-04 09:50"]


def test_the_driver_needs_only_the_next_deadline_to_be_on_time() -> None:
    # Between deadlines nothing happens; at each, what is due happens exactly then.
    desk = Desk("2024-06-03 08:00", dataclasses.replace(ON, interval=7 * MINUTE))
    machine = desk.machine
    for _ in range(200):
        deadline = machine.next_deadline()
        assert deadline is not None
        halfway = (deadline - desk.now().wall) / 2
        if halfway > 1:
            desk.clock.advance(halfway)
            assert machine.tick(desk.now()) == []
        desk.clock.advance(deadline - desk.now().wall)
        for seen in desk.record(machine.tick(desk.now())):
            if isinstance(seen, ReminderDue):
                assert seen.late_by == 0
                desk.do("skip")


def test_without_working_days_there_is_never_a_reminder() -> None:
    rules = ReminderRules(enabled=True, hours=hours("09:00", "17:00", ()))
    desk = Desk("2024-06-03 08:00", rules)
    assert desk.machine.next_deadline() is None
    desk.do("pause_until_tomorrow")
    assert desk.machine.paused_until == instant("2024-06-04 00:00")
    desk.run_until("2024-06-10 08:00")
    assert desk.reminders() == []


def test_working_around_the_clock_does_not_restart_at_midnight() -> None:
    rules = ReminderRules(enabled=True, hours=hours("00:00", "00:00", EVERY_DAY))
    desk = Desk("2024-06-03 23:00", rules)
    desk.run_until("2024-06-04 01:00", answer=Answer.SKIP)
    assert desk.reminders() == ["2024-06-03 23:50", "2024-06-04 00:40"]
    desk.do("pause_until_tomorrow")
    assert desk.machine.paused_until == instant("2024-06-05 00:00")


def test_invalid_rules_are_refused() -> None:
    with pytest.raises(ValueError, match="positive"):
        ReminderRules(interval=0)


def test_reminder_machine_starts_off_until_the_first_tick() -> None:
    machine = ReminderMachine(ON, BERLIN, ReminderMemory(last_routine="hip-openers"))
    assert machine.phase is Phase.OFF and machine.status().next_reminder is None
