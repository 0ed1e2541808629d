"""What the app says about reminders: short sentences that name the right local time."""

from __future__ import annotations

import dataclasses

from stretchtimer.core.reminders.events import ReminderRules
from stretchtimer.core.reminders.text import (
    notification_body,
    spoken_reminder,
    status_text,
    when_text,
)
from tests.unit.core.reminders.desk import BERLIN, Desk, instant


def status_of(desk: Desk) -> str:
    return status_text(desk.machine.status(), desk.now().wall, BERLIN)


def test_reminder_sentences_name_the_routine() -> None:
    assert spoken_reminder("Desk hips") == "Time to stretch: Desk hips."
    assert notification_body("Desk hips") == "Desk hips is ready when you are."


def test_reminder_times_are_said_relative_to_today() -> None:
    now = instant("2024-06-03 10:00")  # a Monday
    assert when_text(instant("2024-06-03 14:50"), now, BERLIN) == "at 14:50"
    assert when_text(instant("2024-06-04 09:00"), now, BERLIN) == "tomorrow at 09:00"
    assert when_text(instant("2024-06-07 09:50"), now, BERLIN) == "on Friday at 09:50"
    assert when_text(instant("2024-06-12 09:50"), now, BERLIN) == "on 12 June at 09:50"


def test_reminder_status_sentences_follow_the_schedule() -> None:
    desk = Desk("2024-06-03 09:00", ReminderRules(enabled=False))
    assert status_of(desk) == "Reminders are off."
    desk.do("update_rules", ReminderRules(enabled=True))
    assert status_of(desk) == "Reminders are on; the next reminder is at 09:50."
    desk.run_until("2024-06-03 09:50")
    assert status_of(desk) == "A reminder to stretch is waiting for you."
    desk.do("snooze")
    assert status_of(desk) == "Snoozed; the reminder comes back at 10:00."
    desk.do("session_started", "desk-hips")
    assert status_of(desk) == "No reminders while a routine plays."
    desk.do("session_ended")
    desk.do("pause_for", 3600)
    assert status_of(desk) == ("Reminders are paused until 10:50; the next reminder is at 11:40.")
    desk.do("pause_until_tomorrow")
    assert status_of(desk) == (
        "Reminders are paused until tomorrow at 09:00; the next reminder is tomorrow at 09:50."
    )
    desk.do("resume")
    quiet = dataclasses.replace(desk.machine.rules, quiet_until=instant("2024-06-03 15:00"))
    desk.do("update_rules", quiet)
    assert status_of(desk) == "Do not disturb until 15:00; the next reminder is at 15:00."
    desk.run_until("2024-06-07 18:00")  # Friday evening
    assert status_of(desk) == (
        "Outside your working hours; the next reminder is on Monday at 09:50."
    )


def test_reminder_status_without_working_days_says_none_is_coming() -> None:
    from tests.unit.core.reminders.desk import hours

    desk = Desk("2024-06-03 09:00", ReminderRules(enabled=True, hours=hours("09:00", "17:00", ())))
    assert status_of(desk) == (
        "Outside your working hours; no reminder is coming in the next week."
    )


def test_reminder_words_are_in_the_persons_language(language) -> None:  # type: ignore[no-untyped-def]
    language("de")
    now = instant("2024-06-03 10:00")  # a Monday
    assert spoken_reminder("Hüften am Schreibtisch") == "Zeit zum Dehnen: Hüften am Schreibtisch."
    assert when_text(instant("2024-06-07 09:50"), now, BERLIN) == "am Freitag um 09:50"
    assert when_text(instant("2024-06-12 09:50"), now, BERLIN) == "am 12. Juni um 09:50"
    desk = Desk("2024-06-03 09:00", ReminderRules(enabled=True))
    desk.do("pause_until_tomorrow")
    assert status_of(desk) == (
        "Erinnerungen sind pausiert bis morgen um 09:00; "
        "die nächste Erinnerung kommt morgen um 09:50."
    )
    language("es")
    desk.do("resume")
    desk.run_until("2024-06-07 18:00")  # Friday evening
    assert status_of(desk) == (
        "Fuera de tu horario de trabajo; el próximo recordatorio llega el lunes a las 09:50."
    )
    language("fr")
    assert when_text(instant("2024-06-12 09:50"), now, BERLIN, until=True) == (
        "jusqu’au 12 juin à 09:50"
    )


def test_every_reminder_sentence_is_marked_for_translation(language) -> None:  # type: ignore[no-untyped-def]
    import re

    from tests.languages import unmarked

    def outside_marks(text: str) -> str:
        """``unmarked`` for sentences holding translated parts (marks inside marks)."""
        innermost = re.compile(r"⟦[^⟦⟧]*⟧")
        while innermost.search(text):
            text = innermost.sub(" ", text)
        return unmarked(text, ("R",))

    language("qps")
    desk = Desk("2024-06-03 09:00", ReminderRules(enabled=False))
    seen = [status_of(desk)]
    desk.do("update_rules", ReminderRules(enabled=True))
    seen.append(status_of(desk))
    desk.run_until("2024-06-03 09:50")
    seen.append(status_of(desk))
    desk.do("snooze")
    seen.append(status_of(desk))
    desk.do("pause_for", 3600)
    seen.append(status_of(desk))
    desk.do("pause_until_tomorrow")
    seen.append(status_of(desk))
    seen += [spoken_reminder("R"), notification_body("R")]
    now = instant("2024-06-03 10:00")
    seen += [
        when_text(instant(day), now, BERLIN) for day in ("2024-06-07 09:50", "2024-06-12 09:50")
    ]
    assert [text for text in seen if outside_marks(text)] == []
    assert all("⟦" in text for text in seen)
