"""The per-day totals that statistics read always equal a count made from scratch,
whatever sequence of recording, finishing, rating, crashing, importing and deleting."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from stretchtimer.storage.history.connection import immediate
from stretchtimer.storage.history.exchange.importing import import_sessions
from stretchtimer.storage.history.identity import this_process
from stretchtimer.storage.history.opening import open_history
from stretchtimer.storage.history.operations import (
    AddSegment,
    FinishSession,
    RateComfort,
    StartSession,
)
from stretchtimer.storage.history.records import SegmentRecord, SessionRecord, SessionStatus
from stretchtimer.storage.history.store import HistoryDatabase
from stretchtimer.storage.history.timestamps import utc_text

BASE = 1_714_550_400.0
KINDS = ("prepare", "hold", "switch", "breaths", "reps", "set_rest", "rest")
NAMES = ("Pigeon pose", "Lizard", "Frog")

RECOUNT = {
    "day_totals": """
        SELECT local_day, count(*), sum(status <> 'in_progress'), sum(status = 'completed'),
               sum(CAST(round(active_seconds * 1000) AS INTEGER)),
               CAST(total(comfort_before) AS INTEGER), count(comfort_before),
               CAST(total(comfort_after) AS INTEGER), count(comfort_after)
        FROM sessions WHERE speed = 1 GROUP BY local_day ORDER BY 1
    """,
    "routine_totals": """
        SELECT routine_id, local_day, count(*), sum(status <> 'in_progress'),
               sum(status = 'completed'), sum(CAST(round(active_seconds * 1000) AS INTEGER))
        FROM sessions WHERE speed = 1 GROUP BY routine_id, local_day ORDER BY 1, 2
    """,
    "stretch_totals": """
        SELECT g.step_name, s.local_day, sum(CAST(round(g.actual_seconds * 1000) AS INTEGER)),
               count(*)
        FROM segments AS g JOIN sessions AS s ON s.num = g.session
        WHERE s.speed = 1 AND g.kind IN ('hold', 'breaths', 'reps')
        GROUP BY 1, 2 ORDER BY 1, 2
    """,
    "routine_all_totals": """
        SELECT routine_id, count(*), sum(status <> 'in_progress'), sum(status = 'completed'),
               sum(CAST(round(active_seconds * 1000) AS INTEGER))
        FROM sessions WHERE speed = 1 GROUP BY routine_id ORDER BY 1
    """,
    "stretch_all_totals": """
        SELECT g.step_name, sum(CAST(round(g.actual_seconds * 1000) AS INTEGER)), count(*)
        FROM segments AS g JOIN sessions AS s ON s.num = g.session
        WHERE s.speed = 1 AND g.kind IN ('hold', 'breaths', 'reps')
        GROUP BY 1 ORDER BY 1
    """,
}

seconds = st.floats(min_value=0, max_value=600, allow_nan=False).map(lambda x: round(x, 3))
ratings = st.none() | st.integers(0, 10)

start = st.tuples(
    st.just("start"),
    st.integers(0, 5),  # day
    st.sampled_from([-300, 0, 60, 120, 330]),  # offset
    st.sampled_from(["desk", "hips"]),
    st.sampled_from([1.0, 1.0, 10.0]),  # speed (some previews)
    ratings,
)
segment = st.tuples(
    st.just("segment"), st.integers(0, 20), st.sampled_from(KINDS), st.sampled_from(NAMES), seconds
)
finish = st.tuples(
    st.just("finish"), st.integers(0, 20), st.sampled_from(["completed", "stopped"]), seconds
)
rate = st.tuples(st.just("rate"), st.integers(0, 20), ratings)
crash = st.tuples(st.just("crash"))
delete = st.tuples(st.just("delete"), st.integers(0, 20))
imported = st.tuples(
    st.just("import"), st.integers(0, 5), st.sampled_from(list(SessionStatus)), seconds, ratings
)
operation = st.one_of(start, segment, finish, rate, crash, delete, imported)


class Model:
    """Runs the operations against a real history and keeps track of the sessions in it."""

    def __init__(self, database: HistoryDatabase) -> None:
        self.database = database
        self.ids: list[str] = []
        self.orders: dict[str, int] = {}
        self.active: dict[str, float] = {}

    def pick(self, index: int) -> str | None:
        return self.ids[index % len(self.ids)] if self.ids else None

    def write(self, *operations: object) -> None:
        with immediate(self.database.connection) as connection:
            for item in operations:
                item.apply(connection)  # type: ignore[attr-defined]

    def run(self, step: tuple) -> None:  # type: ignore[type-arg]
        kind, *args = step
        if kind == "start":
            day, offset, routine, speed, before = args
            record = SessionRecord(
                id=str(uuid.uuid4()),
                routine_id=routine,
                routine_title=routine.title(),
                routine_digest="",
                started_at=utc_text(BASE + day * 86400),
                utc_offset=offset,
                status=SessionStatus.IN_PROGRESS,
                planned_seconds=300.0,
                active_seconds=0.0,
                speed=speed,
                comfort_before=before,
            )
            self.write(StartSession(record, this_process()))
            self.ids.append(record.id)
            self.orders[record.id] = 0
            self.active[record.id] = 0.0
        elif kind == "segment" and (session_id := self.pick(args[0])):
            _, segment_kind, name, length = args
            order = self.orders.get(session_id, 0)
            self.orders[session_id] = order + 1
            self.active[session_id] = self.active.get(session_id, 0.0) + length
            segment = SegmentRecord(
                order, 0, name, None, segment_kind, length, length, "done", False, utc_text(BASE)
            )
            self.write(AddSegment(session_id, segment, self.active[session_id]))
        elif kind == "finish" and (session_id := self.pick(args[0])):
            _, status, length = args
            self.write(
                FinishSession(session_id, SessionStatus(status), utc_text(BASE + 300), length)
            )
        elif kind == "rate" and (session_id := self.pick(args[0])):
            self.write(RateComfort(session_id, args[1]))
        elif kind == "crash":
            self.database.recover_interrupted(judge=lambda identity: False)
        elif kind == "delete" and (session_id := self.pick(args[0])):
            self.database.delete(session_id)
            self.ids.remove(session_id)
        elif kind == "import":
            day, status, length, after = args
            record = SessionRecord(
                id=str(uuid.uuid4()),
                routine_id="hips",
                routine_title="Hips",
                routine_digest="",
                started_at=utc_text(BASE + day * 86400 + 3600),
                utc_offset=60,
                status=status,
                planned_seconds=300.0,
                active_seconds=length,
                comfort_after=after,
                segments=(
                    SegmentRecord(
                        0, 0, "Lizard", "left", "hold", 30.0, length, "done", False, utc_text(BASE)
                    ),
                ),
            )
            import_sessions(self.database, [record])
            self.ids.append(record.id)


@settings(max_examples=60)
@given(st.lists(operation, max_size=40))
def test_totals_always_equal_a_fresh_count(steps: list[tuple]) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as folder:
        opened = open_history(Path(folder) / "history.sqlite3")
        assert opened.database is not None
        with opened.database as database:
            model = Model(database)
            for step in steps:
                model.run(step)
            connection = database.connection
            for table, recount in RECOUNT.items():
                kept = connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
                if table.endswith("_all_totals"):
                    kept = connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                assert kept == connection.execute(recount).fetchall(), table
