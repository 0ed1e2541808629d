"""``history_*``: the session history with 100,000 sessions of 8 segments each.

The database is made once per run, in a temporary folder, by SQL inserts through
the real schema and its triggers (so the per-day totals are built the way the
app builds them). Sessions are spread over twenty years, up to five routines and
eight stretches a day: a far larger history than anyone will have.
"""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from benchmarks.harness import Result, at_most, median_ms, reported
from stretchtimer.storage.history.connection import connect, immediate
from stretchtimer.storage.history.exchange.exporting import write_csv
from stretchtimer.storage.history.opening import QUICK_CHECK_MAX_BYTES, open_history
from stretchtimer.storage.history.statistics import history_statistics

SESSIONS = 100_000
SEGMENTS = 8
START = 1_104_537_600  # 2005-01-01
SPACING = 6_311  # seconds between sessions: 100,000 of them span twenty years
STARTUP_RUNS = 9

RECENT_TARGET_MS = 20.0
STATISTICS_TARGET_MS = 100.0
EXPORT_TARGET_S = 3.0
OPEN_TARGET_MS = 50.0

FILL_SESSIONS = """
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :count - 1)
INSERT INTO sessions (
    id, routine_id, routine_title, routine_digest, started_at, utc_offset, status,
    planned_seconds, active_seconds, ended_at, speed, comfort_before, comfort_after,
    pid, pid_start, host)
SELECT printf('%08x-%04x-4%03x-8%03x-%012x', i * 2654435761 % 4294967296, i % 65536,
              i % 4096, (i * 7) % 4096, i),
       'routine-' || (i % 5), 'Routine number ' || (i % 5), printf('%064x', i % 5),
       strftime('%Y-%m-%dT%H:%M:%fZ', :start + i * :spacing, 'unixepoch'),
       CASE WHEN (i / 200) % 2 THEN 60 ELSE 120 END,
       CASE WHEN i % 9 = 0 THEN 'stopped' WHEN i % 31 = 0 THEN 'interrupted'
            ELSE 'completed' END,
       420.0, 400.0 + (i % 40),
       strftime('%Y-%m-%dT%H:%M:%fZ', :start + i * :spacing + 420, 'unixepoch'),
       1.0,
       CASE WHEN i % 3 = 0 THEN i % 11 END, CASE WHEN i % 3 = 0 THEN (i + 3) % 11 END,
       NULL, NULL, NULL
FROM n
"""

FILL_SEGMENTS = """
WITH k (seq, kind) AS (
    VALUES (0, 'prepare'), (1, 'hold'), (2, 'switch'), (3, 'hold'),
           (4, 'rest'), (5, 'prepare'), (6, 'breaths'), (7, 'rest')
)
INSERT INTO segments (
    session, seq, step_index, step_name, side, kind, planned_seconds, actual_seconds,
    outcome, easier, ended_at)
SELECT s.num, k.seq, k.seq / 2,
       CASE (s.num + k.seq / 2) % 8 WHEN 0 THEN 'Pigeon pose' WHEN 1 THEN 'Figure-four'
            WHEN 2 THEN 'Straddle fold' WHEN 3 THEN 'Butterfly' WHEN 4 THEN 'Lizard'
            WHEN 5 THEN 'Knees to chest' WHEN 6 THEN 'Cat and cow' ELSE 'Frog' END,
       CASE WHEN k.kind = 'hold' THEN CASE k.seq WHEN 1 THEN 'left' ELSE 'right' END END,
       k.kind, 50.0, 50.0, 'done', 0, s.started_at
FROM sessions AS s CROSS JOIN k
WHERE true
"""

OPEN_AT_START_UP = """
import sys, time
# What `stretchtimer play` has loaded by the time it opens the history:
import stretchtimer.cli, stretchtimer.core.session.engine, stretchtimer.core.routine.summary
import stretchtimer.storage.settings, stretchtimer.storage.routines.library
started = time.perf_counter()
from pathlib import Path
from stretchtimer.storage.history import open_history
opened = open_history(Path(sys.argv[1]))
assert opened.database is not None, opened.problems
opened.database.close()
print((time.perf_counter() - started) * 1000.0, opened.check_deferred)
"""


def build(path: Path) -> float:
    """Fill a new history; returns the seconds it took."""
    started = time.perf_counter()
    opened = open_history(path)
    assert opened.database is not None
    opened.database.close()
    connection = connect(path)
    with immediate(connection):
        connection.execute(FILL_SESSIONS, {"count": SESSIONS, "start": START, "spacing": SPACING})
        connection.execute(FILL_SEGMENTS)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return time.perf_counter() - started


def startup_ms(path: Path) -> tuple[float, bool]:
    """Median time a fresh interpreter takes to import the history and open ``path``."""
    times = []
    deferred = False
    root = Path(__file__).resolve().parents[1]
    for _ in range(STARTUP_RUNS):
        output = subprocess.run(
            [sys.executable, "-c", OPEN_AT_START_UP, str(path)],
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
            env=dict(os.environ, PYTHONPATH=str(root)),
        ).stdout.split()
        times.append(float(output[0]))
        deferred = output[1] == "True"
    return statistics.median(times), deferred


def small_copy(source: Path, target: Path) -> None:
    """The largest history that is still checked in full at start-up."""
    opened = open_history(target)
    assert opened.database is not None
    opened.database.close()
    connection = connect(target)
    connection.execute("ATTACH ? AS big", (str(source),))
    columns = {  # stored columns only (not the generated local day)
        table: ", ".join(
            row[1] for row in connection.execute(f"PRAGMA table_xinfo({table})") if row[6] == 0
        )
        for table in ("sessions", "segments")
    }
    batch = 100
    first = 1
    while True:  # add sessions while the file stays under the size limit
        pages, size = connection.execute(
            "SELECT (SELECT page_count FROM pragma_page_count), "
            "(SELECT page_size FROM pragma_page_size)"
        ).fetchone()
        if pages * size >= QUICK_CHECK_MAX_BYTES - 256 * 1024:
            break
        with immediate(connection):
            for table, key in (("sessions", "num"), ("segments", "session")):
                connection.execute(
                    f"INSERT INTO {table} ({columns[table]}) SELECT {columns[table]} "
                    f"FROM big.{table} WHERE {key} BETWEEN ? AND ?",
                    (first, first + batch - 1),
                )
        first += batch
    connection.execute("DETACH big")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def run() -> Iterator[Result]:
    with tempfile.TemporaryDirectory(prefix="stretchtimer-bench-") as folder:
        path = Path(folder) / "data" / "history.sqlite3"
        seconds = build(path)
        size_mb = path.stat().st_size / 1e6
        yield reported(
            "history_database_size",
            size_mb,
            "MB",
            sessions=SESSIONS,
            segments=SESSIONS * SEGMENTS,
            built_in_seconds=round(seconds, 1),
        )

        opened = open_history(path, full_check=False)
        assert opened.database is not None
        database = opened.database
        recent = median_ms(lambda: database.recent(200), runs=25, warmup=2)
        yield at_most(
            "history_recent_200",
            recent,
            "ms",
            RECENT_TARGET_MS,
            statistic="median of 25",
            detail="the 200 newest sessions with their 1,600 segments",
        )

        today = date(2025, 1, 1)
        stats = history_statistics(database, today=today)
        value = median_ms(lambda: history_statistics(database, today=today), runs=15, warmup=2)
        yield at_most(
            "history_statistics",
            value,
            "ms",
            STATISTICS_TARGET_MS,
            statistic="median of 15",
            days=len(stats.days),
            weeks=len(stats.weeks),
            routines=len(stats.routines),
            stretches=len(stats.stretches),
        )

        def export() -> None:
            write_csv(database, io.StringIO())

        exported = median_ms(export, runs=3, warmup=0) / 1000.0
        yield at_most(
            "history_export_csv",
            exported,
            "s",
            EXPORT_TARGET_S,
            statistic="median of 3",
            rows=SESSIONS,
        )
        database.close()

        startup, deferred = startup_ms(path)
        yield at_most(
            "history_open_at_startup",
            startup,
            "ms",
            OPEN_TARGET_MS,
            statistic=f"median of {STARTUP_RUNS} fresh interpreters",
            includes="importing the history modules, opening, checking the header, "
            "closing crashed sessions",
            full_check_deferred=deferred,
        )

        checked = Path(folder) / "checked" / "history.sqlite3"
        small_copy(path, checked)
        startup, deferred = startup_ms(checked)
        assert not deferred
        yield at_most(
            "history_open_at_startup_checked",
            startup,
            "ms",
            OPEN_TARGET_MS,
            statistic=f"median of {STARTUP_RUNS} fresh interpreters",
            includes="as above, plus quick_check of the whole file",
            size_mb=round(checked.stat().st_size / 1e6, 2),
            sessions=open_history(checked).database.count(),  # type: ignore[union-attr]
        )
