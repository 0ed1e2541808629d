"""Statistics by local day: streaks across midnight and daylight-saving changes, minutes per
day, week and month, routines, stretches, completion and comfort."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.plan import build_plan
from stretchtimer.storage.history.opening import open_history
from stretchtimer.storage.history.recording.recorder import SessionRecorder
from stretchtimer.storage.history.records import SessionRecord, SessionStatus
from stretchtimer.storage.history.statistics import HistoryStatistics, history_statistics
from tests.conftest import REPO
from tests.unit.storage.history.helpers import add_sessions, session, small_routine

BERLIN = "CET-1CEST,M3.5.0,M10.5.0/3"  # POSIX rules, so no time-zone database is needed
NEW_YORK = "EST5EDT,M3.2.0,M11.1.0"

COMPLETED = SessionStatus.COMPLETED
STOPPED = SessionStatus.STOPPED


def at(local: str, offset: int = 60) -> float:
    """The UTC timestamp of a local wall-clock time at ``offset`` minutes east of UTC."""
    moment = datetime.fromisoformat(local).replace(tzinfo=UTC) - timedelta(minutes=offset)
    return moment.timestamp()


def stats_of(
    path: Path,
    sessions: list[SessionRecord],
    today: str,
    now: float | None = None,
    **period: date,
) -> HistoryStatistics:
    add_sessions(path, sessions)
    opened = open_history(path)
    assert opened.database is not None
    with opened.database as database:
        return history_statistics(database, today=date.fromisoformat(today), now=now, **period)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


def test_streaks_count_days_with_a_completed_session(path: Path) -> None:
    days = {
        "2024-05-01": COMPLETED,
        "2024-05-02": COMPLETED,
        "2024-05-03": COMPLETED,
        "2024-05-04": COMPLETED,
        "2024-05-05": STOPPED,  # a stopped session does not keep a streak
        "2024-05-07": COMPLETED,
        "2024-05-08": COMPLETED,
    }
    sessions = [session(started=at(f"{day}T08:00"), offset=60, status=s) for day, s in days.items()]
    stats = stats_of(path, sessions, today="2024-05-08")
    assert stats.streaks.current.days == 2
    assert (stats.streaks.current.first, stats.streaks.current.last) == (
        date(2024, 5, 7),
        date(2024, 5, 8),
    )
    assert stats.streaks.longest.days == 4
    assert stats.streaks.longest.first == date(2024, 5, 1)


def test_a_session_dated_tomorrow_does_not_count_in_todays_streak(path: Path) -> None:
    """A clock set a day ahead wrote tomorrow's date: the streak is what was done until today."""
    days = {
        "2024-05-06": COMPLETED,
        "2024-05-07": COMPLETED,
        "2024-05-09": COMPLETED,  # tomorrow, seen from 2024-05-08
    }
    sessions = [session(started=at(f"{day}T08:00"), offset=60, status=s) for day, s in days.items()]
    stats = stats_of(path, sessions, today="2024-05-08", now=at("2024-05-08T12:00"))
    assert (stats.streaks.current.days, stats.streaks.current.last) == (2, date(2024, 5, 7))
    assert stats.streaks.longest.last == date(2024, 5, 7)


def test_a_streak_of_tomorrow_alone_is_no_streak_today(path: Path) -> None:
    sessions = [session(started=at("2024-05-09T08:00"), offset=60, status=COMPLETED)]
    stats = stats_of(path, sessions, today="2024-05-08", now=at("2024-05-08T12:00"))
    assert stats.streaks.current.days == 0
    assert stats.streaks.longest.days == 0


@pytest.mark.parametrize(
    ("today", "current"), [("2024-05-08", 2), ("2024-05-09", 2), ("2024-05-10", 0)]
)
def test_the_current_streak_waits_for_today_until_the_day_is_over(
    path: Path, today: str, current: int
) -> None:
    sessions = [session(started=at(f"2024-05-0{d}T08:00")) for d in (7, 8)]
    assert stats_of(path, sessions, today=today).streaks.current.days == current


def test_a_session_that_runs_past_midnight_counts_for_the_day_it_started(path: Path) -> None:
    late = session(started=at("2024-05-01T23:55"), active=900)  # ends 00:10 on the 2nd
    stats = stats_of(path, [late], today="2024-05-02")
    assert [day.start for day in stats.days] == [date(2024, 5, 1)]
    assert stats.streaks.current.days == 1


def test_minutes_per_day_week_and_month(path: Path) -> None:
    sessions = [
        session(started=at("2024-04-29T08:00"), active=600),  # Monday
        session(started=at("2024-04-29T18:00"), active=300),
        session(started=at("2024-05-05T08:00"), active=120),  # Sunday, same week
        session(started=at("2024-05-06T08:00"), active=60, status=STOPPED),  # next Monday
    ]
    stats = stats_of(path, sessions, today="2024-05-06")
    assert [(d.start.isoformat(), d.sessions, d.minutes) for d in stats.days] == [
        ("2024-04-29", 2, 15.0),
        ("2024-05-05", 1, 2.0),
        ("2024-05-06", 1, 1.0),
    ]
    assert [(w.start.isoformat(), w.minutes) for w in stats.weeks] == [
        ("2024-04-29", 17.0),
        ("2024-05-06", 1.0),
    ]
    assert [(m.start.isoformat(), m.minutes, m.completed) for m in stats.months] == [
        ("2024-04-01", 15.0, 2),
        ("2024-05-01", 3.0, 1),
    ]
    assert stats.active_seconds == 1080 and stats.sessions == 4


def test_routines_stretches_and_completion_rate(path: Path) -> None:
    sessions = [
        session(
            started=at("2024-05-01T08:00"),
            routine_id="hips",
            title="Hips (old name)",
            stretches=(("Pigeon pose", 60.0), ("Lizard", 30.0)),
        ),
        session(
            started=at("2024-05-02T08:00"),
            routine_id="hips",
            title="Hip openers",
            status=STOPPED,
            stretches=(("Pigeon pose", 45.0),),
        ),
        session(started=at("2024-05-03T08:00"), routine_id="desk", title="Desk hips"),
        session(
            started=at("2024-05-04T08:00"),
            routine_id="desk",
            title="Desk hips",
            status=SessionStatus.INTERRUPTED,
        ),
    ]
    stats = stats_of(path, sessions, today="2024-05-04")
    routines = {routine.routine_id: routine for routine in stats.routines}
    hips, desk = routines["hips"], routines["desk"]
    assert (hips.routine_id, hips.title, hips.sessions, hips.completed) == (
        "hips",
        "Hip openers",
        2,
        1,
    )
    assert hips.completion_rate == 0.5
    assert (desk.sessions, desk.finished, desk.completed) == (2, 2, 1)
    assert [(s.name, s.active_seconds, s.segments) for s in stats.stretches] == [
        ("Pigeon pose", 105.0, 2),
        ("Lizard", 30.0, 1),
    ]
    assert stats.completion_rate == 0.5


def test_a_session_being_recorded_is_not_counted_as_ended(path: Path) -> None:
    add_sessions(path, [session(started=at("2024-05-01T08:00"))])
    plan = build_plan(small_routine())
    recorder = SessionRecorder(plan, routine_id="two", path=path)
    engine = SessionEngine(plan)
    clock = FakeClock(wall=at("2024-05-01T09:00"))
    for event in engine.start(clock.now()) + engine.tick(clock.advance(plan.segments[0].duration)):
        recorder(event)
    recorder.close()  # the program still "plays": the session stays in progress
    opened = open_history(path)
    assert opened.database is not None
    with opened.database as database:
        stats = history_statistics(database, today=date(2024, 5, 1))
    assert (stats.sessions, stats.finished, stats.completed) == (2, 1, 1)
    assert stats.completion_rate == 1.0
    assert stats.active_seconds == pytest.approx(300 + plan.segments[0].duration)


def test_comfort_before_and_after_per_week(path: Path) -> None:
    sessions = [
        session(started=at("2024-05-06T08:00"), before=3, after=6),
        session(started=at("2024-05-08T08:00"), before=5, after=8),
        session(started=at("2024-05-09T08:00"), before=4),  # skipped the question after
        session(started=at("2024-05-13T08:00")),  # not rated
    ]
    stats = stats_of(path, sessions, today="2024-05-13")
    [week] = stats.comfort
    assert week.week == date(2024, 5, 6)
    assert (week.rated_before, week.before_average) == (3, 4.0)
    assert (week.rated_after, week.after_average) == (2, 7.0)


def test_previews_are_listed_but_not_counted(path: Path) -> None:
    sessions = [
        session(started=at("2024-05-01T08:00"), speed=20.0, stretches=(("Lizard", 30.0),)),
        session(started=at("2024-05-02T08:00")),
    ]
    stats = stats_of(path, sessions, today="2024-05-02")
    assert stats.sessions == 1 and stats.streaks.current.days == 1
    assert stats.stretches == ()


def test_a_period_limits_the_totals_but_not_the_streaks(path: Path) -> None:
    sessions = [session(started=at(f"2024-05-0{d}T08:00"), active=60) for d in range(1, 6)]
    stats = stats_of(
        path, sessions, today="2024-05-05", since=date(2024, 5, 2), until=date(2024, 5, 3)
    )
    assert stats.sessions == 2 and [d.start.day for d in stats.days] == [2, 3]
    assert stats.streaks.longest.days == 5


def test_deleting_a_session_takes_it_out_of_every_total(path: Path) -> None:
    gone = session(started=at("2024-05-02T08:00"), stretches=(("Lizard", 30.0),), before=2)
    kept = session(started=at("2024-05-01T08:00"), stretches=(("Lizard", 20.0),))
    stats_of(path, [gone, kept], today="2024-05-02")
    opened = open_history(path)
    assert opened.database is not None
    with opened.database as database:
        assert database.delete(gone.id)
        stats = history_statistics(database, today=date(2024, 5, 2))
    assert stats.sessions == 1 and stats.streaks.current.days == 1
    assert [(s.name, s.active_seconds) for s in stats.stretches] == [("Lizard", 20.0)]
    assert stats.comfort == ()


# -- the local time zone, daylight saving and travel, in child processes with their own TZ ----

RECORD_AND_COUNT = textwrap.dedent(
    """
    import json, sys
    from datetime import date
    from pathlib import Path
    from stretchtimer.storage.history import open_history
    from stretchtimer.storage.history.statistics import history_statistics
    from tests.unit.storage.history.helpers import record

    path, today, starts = Path(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
    for start in starts:  # each session played on a fake clock starting then
        record(path, wall=start)
    database = open_history(path).database
    stats = history_statistics(database, today=date.fromisoformat(today))
    print(json.dumps({
        "stats": stats.as_dict(),
        "sessions": [
            [s.started_at, s.utc_offset, s.local_day.isoformat()]
            for s in database.sessions(newest_first=False, segments=False)
        ],
    }))
    """
)


def in_zone(zone: str, path: Path, today: str, starts: list[float]) -> dict:  # type: ignore[type-arg]
    result = subprocess.run(
        [sys.executable, "-c", RECORD_AND_COUNT, str(path), today, json.dumps(starts)],
        capture_output=True,
        text=True,
        env=dict(os.environ, TZ=zone, PYTHONPATH=str(REPO)),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_streak_across_the_spring_daylight_saving_change(path: Path) -> None:
    starts = [
        at("2024-03-29T23:30", 60),  # Friday night, winter time
        at("2024-03-30T23:55", 60),  # runs past midnight into the night the clocks change
        at("2024-03-31T23:30", 120),  # Sunday night, summer time: 21:30 UTC
        at("2024-04-01T00:30", 120),  # Monday just after midnight: still Sunday in UTC
    ]
    found = in_zone(BERLIN, path, "2024-04-01", starts)
    assert [offset for _, offset, _ in found["sessions"]] == [60, 60, 120, 120]
    assert [day for _, _, day in found["sessions"]] == [
        "2024-03-29",
        "2024-03-30",
        "2024-03-31",
        "2024-04-01",
    ]
    streaks = found["stats"]["streaks"]
    assert streaks["current"] == {"days": 4, "first": "2024-03-29", "last": "2024-04-01"}
    assert [item["sessions"] for item in found["stats"]["days"]] == [1, 1, 1, 1]


def test_the_autumn_change_with_its_hour_twice(path: Path) -> None:
    starts = [
        at("2024-11-02T23:30", -240),  # Saturday night, summer time
        at("2024-11-03T01:30", -240),  # 1:30 the first time
        at("2024-11-03T01:30", -300),  # 1:30 again, an hour later, in winter time
        at("2024-11-03T23:30", -300),  # Sunday night: 04:30 UTC on Monday
    ]
    found = in_zone(NEW_YORK, path, "2024-11-04", starts)
    assert [offset for _, offset, _ in found["sessions"]] == [-240, -240, -300, -300]
    days = [(item["start"], item["sessions"]) for item in found["stats"]["days"]]
    assert days == [("2024-11-02", 1), ("2024-11-03", 3)]
    assert found["stats"]["streaks"]["current"]["days"] == 2  # today (Monday) may still come


def test_a_session_keeps_its_day_when_you_travel(path: Path) -> None:
    in_zone(BERLIN, path, "2024-04-01", [at("2024-04-01T00:30", 120)])  # Monday in Berlin
    found = in_zone(NEW_YORK, path, "2024-03-31", [])  # read in New York: still Sunday there
    assert found["sessions"][0][2] == "2024-04-01"
    assert found["stats"]["days"][0]["start"] == "2024-04-01"
    assert found["stats"]["streaks"]["current"]["days"] == 1  # a day "ahead" still counts
