"""The numbers the end screen and History lead with, read in SQL, equal a count in Python
over the very sessions written, for any history (hypothesis)."""

from __future__ import annotations

import tempfile
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchtimer.storage.history.exchange.importing import import_sessions
from stretchtimer.storage.history.opening import open_history
from stretchtimer.storage.history.progress import Progress, read_progress, week_start
from stretchtimer.storage.history.records import SegmentRecord, SessionRecord, SessionStatus
from stretchtimer.storage.history.timestamps import utc_text

TODAY = date(2024, 5, 16)  # a Thursday

session = st.fixed_dictionaries(
    {
        "days_ago": st.integers(0, 20),
        "minute": st.integers(0, 24 * 60 - 1),  # of the local day
        "offset": st.sampled_from([-300, 0, 60, 330]),  # minutes east of UTC
        "status": st.sampled_from(
            [SessionStatus.COMPLETED, SessionStatus.STOPPED, SessionStatus.INTERRUPTED]
        ),
        "seconds": st.floats(0, 900, allow_nan=False).map(lambda x: round(x, 3)),
        "speed": st.sampled_from([1.0, 1.0, 1.0, 20.0]),
    }
)


def record(item: dict) -> SessionRecord:  # type: ignore[type-arg]
    day = TODAY - timedelta(days=item["days_ago"])
    local = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(minutes=item["minute"])
    started = (local - timedelta(minutes=item["offset"])).timestamp()
    return SessionRecord(
        id=str(uuid.uuid4()),
        routine_id="hips",
        routine_title="Hips",
        routine_digest="",
        started_at=utc_text(started),
        utc_offset=item["offset"],
        status=item["status"],
        planned_seconds=300.0,
        active_seconds=item["seconds"],
        speed=item["speed"],
        segments=(
            SegmentRecord(
                0, 0, "Lizard", "left", "hold", 30.0, item["seconds"], "done", False, utc_text(0)
            ),
        ),
    )


def counted_in_python(items: list[dict], today: date) -> Progress:  # type: ignore[type-arg]
    real = [item for item in items if item["speed"] == 1.0]  # previews count nowhere
    day = {id(item): today - timedelta(days=item["days_ago"]) for item in real}
    monday = week_start(today)
    this_week = [item for item in real if monday <= day[id(item)] <= today]
    done_days = {day[id(item)] for item in real if item["status"] is SessionStatus.COMPLETED}
    streak, cursor = 0, today if today in done_days else today - timedelta(days=1)
    while cursor in done_days:
        streak, cursor = streak + 1, cursor - timedelta(days=1)
    return Progress(
        today=today,
        today_seconds=sum(item["seconds"] for item in real if day[id(item)] == today),
        week_seconds=sum(item["seconds"] for item in this_week),
        week_sessions=len(this_week),
        streak_days=streak,
        total_seconds=sum(item["seconds"] for item in real),
        total_sessions=len(real),
    )


@settings(max_examples=60)
@given(st.lists(session, max_size=30))
def test_progress_read_in_sql_equals_a_count_in_python(items: list[dict]) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as folder:
        opened = open_history(Path(folder) / "history.sqlite3")
        assert opened.database is not None
        with opened.database as database:
            import_sessions(database, [record(item) for item in items])
            read = read_progress(database, today=TODAY)
    expected = counted_in_python(items, TODAY)
    assert read.week_sessions == expected.week_sessions
    assert read.total_sessions == expected.total_sessions
    assert read.streak_days == expected.streak_days
    for name in ("today_seconds", "week_seconds", "total_seconds"):
        assert getattr(read, name) == pytest.approx(getattr(expected, name), abs=1e-3), name
    # One screen, one story: today is part of the week, the week part of the whole.
    assert read.today_seconds <= read.week_seconds + 1e-9 <= read.total_seconds + 2e-9
    assert read.week_sessions <= read.total_sessions
