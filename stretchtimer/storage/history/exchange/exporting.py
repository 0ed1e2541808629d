"""Sessions as JSON and CSV, for ``history --json/--csv`` and ``history export``.

JSON keeps everything, segments included, one session per line (so an import
can say which line is wrong). CSV has one row per session, for spreadsheets;
a text cell that a spreadsheet would run as a formula (one starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, and
so does one that already starts with an apostrophe, so an import can undo it
exactly. Numbers are written as numbers and never changed: a negative time-zone
offset stays a negative number. Exported files are readable by their owner only.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from stretchtimer.core.i18n import _
from stretchtimer.storage.atomic import atomic_stream
from stretchtimer.storage.history.records import SegmentRecord, SessionRecord
from stretchtimer.storage.history.store import HistoryDatabase
from stretchtimer.storage.history.timestamps import utc_text

EXPORT_FORMAT = "stretchtimer-history"
EXPORT_VERSION = 1
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"

CSV_FIELDS = (
    "id",
    "local_day",
    "started_at",
    "ended_at",
    "utc_offset_minutes",
    "routine_id",
    "routine_title",
    "status",
    "planned_seconds",
    "active_seconds",
    "speed",
    "comfort_before",
    "comfort_after",
    "note",
    "routine_digest",
)


class ExportFormatError(ValueError):
    """The file name does not say which format to write."""


def export_format(path: Path) -> str:
    """``"json"`` or ``"csv"`` from the file name; raises ExportFormatError otherwise."""
    suffix = path.suffix.lower()
    if suffix in (".json", ".csv"):
        return suffix[1:]
    raise ExportFormatError(
        _("cannot tell the format of {name}: give a file name ending in .json or .csv").format(
            name=repr(path.name)
        )
    )


def _seconds(value: float) -> float:
    return round(value, 3)


def segment_dict(segment: SegmentRecord) -> dict[str, Any]:
    return {
        "order": segment.order,
        "step_index": segment.step_index,
        "step_name": segment.step_name,
        "side": segment.side,
        "kind": segment.kind,
        "planned_seconds": _seconds(segment.planned_seconds),
        "actual_seconds": _seconds(segment.actual_seconds),
        "outcome": segment.outcome,
        "easier": segment.easier,
        "ended_at": segment.ended_at,
    }


def session_dict(session: SessionRecord) -> dict[str, Any]:
    """A session as ``history --json`` prints it and ``history import`` reads it."""
    return {
        "id": session.id,
        "routine_id": session.routine_id,
        "routine_title": session.routine_title,
        "routine_digest": session.routine_digest,
        "started_at": session.started_at,
        "ended_at": session.ended_at,
        "utc_offset_minutes": session.utc_offset,
        "local_day": session.local_day.isoformat(),
        "status": session.status.value,
        "planned_seconds": _seconds(session.planned_seconds),
        "active_seconds": _seconds(session.active_seconds),
        "speed": session.speed,
        "comfort_before": session.comfort_before,
        "comfort_after": session.comfort_after,
        "note": session.note,
        "segments": [segment_dict(segment) for segment in session.segments],
    }


def json_lines(sessions: Iterable[SessionRecord], *, exported_at: float) -> Iterator[str]:
    """The export document, a piece at a time: a header, then one session per line."""
    header = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": utc_text(exported_at),
    }
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "sessions": [\n'
    first = True
    for session in sessions:
        yield ("" if first else ",\n") + json.dumps(session_dict(session), ensure_ascii=False)
        first = False
    yield "\n]}\n"


def csv_cell(value: object) -> object:
    """A text cell made safe for spreadsheets; numbers and empty cells unchanged."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, ESCAPE)):
        return ESCAPE + value
    return value


def _safe_sql(column: str) -> str:
    """:func:`csv_cell` in SQL for one text column: far quicker than a Python call per cell."""
    starts = ", ".join(f"char({ord(char)})" for char in (*FORMULA_STARTS, ESCAPE))
    quote = f"char({ord(ESCAPE)})"
    return (
        f"CASE WHEN substr({column}, 1, 1) IN ({starts}) THEN {quote} || {column} ELSE {column} END"
    )


# The CSV columns, in order, as SQL over the sessions table.
CSV_SQL = ", ".join(
    [
        _safe_sql("id"),
        "local_day",
        _safe_sql("started_at"),
        _safe_sql("ended_at"),
        "utc_offset",  # a number: a negative offset stays a negative number
        _safe_sql("routine_id"),
        _safe_sql("routine_title"),
        _safe_sql("status"),
        "round(planned_seconds, 3)",
        "round(active_seconds, 3)",
        "speed",
        "comfort_before",
        "comfort_after",
        _safe_sql("note"),
        _safe_sql("routine_digest"),
    ]
)


def write_csv(
    database: HistoryDatabase,
    stream: TextIO,
    *,
    since: date | None = None,
    until: date | None = None,
) -> int:
    """Sessions as CSV with a header row, newest first; returns how many were written."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    count = 0
    for row in database.table(CSV_SQL, since=since, until=until):
        writer.writerow(row)
        count += 1
    return count


def export_file(
    database: HistoryDatabase,
    path: Path,
    *,
    exported_at: float,
    since: date | None = None,
    until: date | None = None,
) -> int:
    """Write the sessions to ``path`` (format by extension), owner-only, all or nothing."""
    kind = export_format(path)
    count = 0

    def counted(sessions: Iterable[SessionRecord]) -> Iterator[SessionRecord]:
        nonlocal count
        for session in sessions:
            count += 1
            yield session

    with atomic_stream(path) as raw, database.snapshot():
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        if kind == "json":
            sessions = counted(database.sessions(since=since, until=until))
            for piece in json_lines(sessions, exported_at=exported_at):
                text.write(piece)
        else:
            count = write_csv(database, text, since=since, until=until)
        text.flush()
        text.detach()
    return count
