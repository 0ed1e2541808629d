"""Read exported sessions back (JSON or CSV) and merge them into the history.

The whole file is read and checked before anything is written: a file with a
mistake changes nothing, and each problem names its line. Sessions merge by id:
a session already in the history is left as it is, so importing the same file
twice adds nothing. A session exported while it was still being recorded comes
back as ``interrupted``: no program here is recording it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.storage.history.connection import immediate
from stretchtimer.storage.history.exchange.exporting import (
    ESCAPE,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    FORMULA_STARTS,
)
from stretchtimer.storage.history.operations import (
    INSERT_SEGMENT,
    INSERT_SESSION,
    segment_values,
    session_values,
)
from stretchtimer.storage.history.records import SegmentRecord, SessionRecord, SessionStatus
from stretchtimer.storage.history.schema import OUTCOMES
from stretchtimer.storage.history.store import HistoryDatabase
from stretchtimer.storage.history.timestamps import to_utc_text, utc_offset_minutes

MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_NAME = 200
MAX_NOTE = 4000
MAX_SEGMENTS = 20_000
MAX_SECONDS = 7 * 24 * 3600.0
MAX_OFFSET = 18 * 60  # minutes: the widest time-zone offsets there are
PROBLEMS_SHOWN = 10
REQUIRED_CSV = ("id", "routine_id", "routine_title", "started_at", "status")
KINDS = tuple(kind.value for kind in SegmentKind if kind is not SegmentKind.DONE)


class ImportFileError(Exception):
    """The file cannot be imported; ``problems`` are lines ``FILE:LINE: what is wrong``."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = self.problems[:PROBLEMS_SHOWN]
        more = len(self.problems) - len(shown)
        super().__init__("\n".join(shown) + (f"\n… and {more} more" if more > 0 else ""))


@dataclass(frozen=True)
class ImportResult:
    added: int  # sessions new to this history
    already: int  # sessions it had already (left unchanged)


class _FieldError(Exception):
    def __init__(self, message: str, segment: int | None = None) -> None:
        super().__init__(message)
        self.segment = segment


# -- reading files ------------------------------------------------------------------------


def read_import_file(path: Path) -> list[SessionRecord]:
    """Every session in the file, checked; raises ImportFileError (nothing half-read)."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".csv"):
        raise ImportFileError(
            [f"{name}: cannot tell the format: give a file ending in .json or .csv"]
        )
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportFileError([f"{name}: the file is too large to be a history export"])
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError([f"{name}: cannot be read ({error.strerror or error})"]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ImportFileError([f"{name}:{line}: not UTF-8 text"]) from None
    if suffix == ".json":
        return _read_json(text, name)
    return _read_csv(text, name)


def _read_json(text: str, name: str) -> list[SessionRecord]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError([f"{name}:{error.lineno}: not valid JSON ({error.msg})"]) from None
    if isinstance(document, dict):
        if document.get("format", EXPORT_FORMAT) != EXPORT_FORMAT:
            raise ImportFileError([f"{name}:1: not a stretchtimer history export"])
        version = document.get("version", EXPORT_VERSION)
        if not isinstance(version, int) or version > EXPORT_VERSION:
            raise ImportFileError(
                [
                    f"{name}:1: written by a newer stretchtimer (format version {version}); "
                    "update stretchtimer to import it"
                ]
            )
        items = document.get("sessions")
    else:
        items = document
    if not isinstance(items, list):
        raise ImportFileError(
            [f'{name}:1: expected a list of sessions (or an export with "sessions")']
        )
    sessions: list[SessionRecord] = []
    failures: list[tuple[tuple[int, int | None], str]] = []  # (where, what is wrong)
    for index, item in enumerate(items):
        try:
            if not isinstance(item, dict):
                raise _FieldError("is not an object")
            sessions.append(_session(_Fields(item, csv=False), item.get("segments", [])))
        except _FieldError as invalid:
            failures.append(((index, invalid.segment), f"session {index + 1}: {invalid}"))
    if failures:
        lines = _json_lines(text, [where for where, _ in failures])
        raise ImportFileError(
            [
                f"{name}:{line}: {message}"
                for line, (_, message) in zip(lines, failures, strict=True)
            ]
        )
    _no_repeats(sessions, name, lambda index: _json_lines(text, [(index, None)])[0])
    return sessions


def _read_csv(text: str, name: str) -> list[SessionRecord]:
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        raise ImportFileError([f"{name}:1: not valid CSV ({error})"]) from None
    missing = [column for column in REQUIRED_CSV if column not in header]
    if missing:
        raise ImportFileError(
            [
                f"{name}:1: the header has no {', '.join(missing)} column; "
                "is this a stretchtimer history export?"
            ]
        )
    sessions: list[SessionRecord] = []
    lines: list[int] = []
    problems: list[str] = []
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(f"{name}:{reader.line_num}: not valid CSV ({error})")
            break
        try:
            if None in row:
                raise _FieldError("this row has more cells than the header")
            cells = {key: _unescape(value) for key, value in row.items() if value is not None}
            sessions.append(_session(_Fields(cells, csv=True), []))
            lines.append(start)
        except _FieldError as invalid:
            problems.append(f"{name}:{start}: {invalid}")
        start = reader.line_num + 1
    if problems:
        raise ImportFileError(problems)
    _no_repeats(sessions, name, lambda index: lines[index])
    return sessions


def _unescape(cell: str) -> str:
    """Undo the export's apostrophe in front of formula-like text."""
    if cell.startswith(ESCAPE) and cell[1:].startswith((*FORMULA_STARTS, ESCAPE)):
        return cell[1:]
    return cell


def _no_repeats(sessions: list[SessionRecord], name: str, line_of: Callable[[int], int]) -> None:
    seen: dict[str, int] = {}
    for index, session in enumerate(sessions):
        if session.id in seen:
            first = line_of(seen[session.id])
            raise ImportFileError(
                [f"{name}:{line_of(index)}: session id {session.id} is also on line {first}"]
            )
        seen[session.id] = index


def _json_lines(text: str, places: Sequence[tuple[int, int | None]]) -> list[int]:
    """Lines of sessions (and segments) by index, for messages about them.

    Walks the document again with ``raw_decode`` to find where each of those
    objects starts; only done once a file has already been found wrong.
    """
    top = _skip_space(text, 0)
    sessions_at = top if text.startswith("[", top) else _member(text, top, "sessions")
    session_starts = _elements(text, sessions_at) if sessions_at is not None else []
    found = []
    for session, segment in places:
        offset: int | None = session_starts[session] if session < len(session_starts) else None
        if offset is not None and segment is not None:
            segments_at = _member(text, offset, "segments")
            starts = _elements(text, segments_at) if segments_at is not None else []
            offset = starts[segment] if segment < len(starts) else offset
        found.append(1 if offset is None else text.count("\n", 0, offset) + 1)
    return found


_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in _SPACE:
        at += 1
    return at


def _elements(text: str, at: int) -> list[int]:
    """Where each element of the array starting at ``at`` starts."""
    starts: list[int] = []
    at = _skip_space(text, at + 1)
    while at < len(text) and text[at] != "]":
        starts.append(at)
        _, at = _DECODER.raw_decode(text, at)
        at = _skip_space(text, at)
        if text.startswith(",", at):
            at = _skip_space(text, at + 1)
    return starts


def _member(text: str, at: int, wanted: str) -> int | None:
    """Where the value of key ``wanted`` starts in the object starting at ``at``."""
    if not text.startswith("{", at):
        return None
    at = _skip_space(text, at + 1)
    while at < len(text) and text[at] != "}":
        key, at = _DECODER.raw_decode(text, at)
        at = _skip_space(text, _skip_space(text, at) + 1)  # past the colon
        if key == wanted:
            return at
        _, at = _DECODER.raw_decode(text, at)
        at = _skip_space(text, at)
        if text.startswith(",", at):
            at = _skip_space(text, at + 1)
    return None


# -- checking one session -------------------------------------------------------------------


class _Fields:
    """Typed access to one session's fields, from JSON values or CSV text."""

    def __init__(self, data: Mapping[str, Any], *, csv: bool) -> None:
        self.data = data
        self.csv = csv

    def raw(self, key: str) -> Any:
        value = self.data.get(key)
        if self.csv and value == "":
            return None
        return value

    def text(self, key: str, limit: int, *, required: bool = True) -> str | None:
        value = self.raw(key)
        if value is None:
            if required:
                raise _FieldError(f'"{key}" is missing')
            return None
        if not isinstance(value, str):
            raise _FieldError(f'"{key}": expected text, found {_shown(value)}')
        if required and not value.strip():
            raise _FieldError(f'"{key}" is empty')
        if len(value) > limit:
            raise _FieldError(f'"{key}": longer than {limit} characters')
        return value

    def number(self, key: str, low: float, high: float, *, default: float | None = None) -> float:
        value = self.raw(key)
        if value is None and default is not None:
            return default
        if self.csv and isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                raise _FieldError(f'"{key}": expected a number, found {_shown(value)}') from None
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not math.isfinite(value)
            or not low <= value <= high
        ):
            raise _FieldError(
                f'"{key}": expected a number from {low:g} to {high:g}, found {_shown(value)}'
            )
        return float(value)

    def whole(self, key: str, low: int, high: int) -> int | None:
        value = self.raw(key)
        if value is None:
            return None
        if self.csv and isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise _FieldError(
                f'"{key}": expected a whole number from {low} to {high}, found {_shown(value)}'
            )
        return value

    def choice(self, key: str, choices: Sequence[str]) -> str:
        value = self.raw(key)
        if value not in choices:
            raise _FieldError(
                f'"{key}": expected one of {", ".join(choices)}, found {_shown(value)}'
            )
        return str(value)

    def moment(self, key: str, *, required: bool = True) -> datetime | None:
        value = self.raw(key)
        if value is None and not required:
            return None
        if not isinstance(value, str):
            raise _FieldError(f'"{key}": expected a date and time, found {_shown(value)}')
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise _FieldError(
                f'"{key}": expected a date and time such as 2024-03-30T22:30:00Z, '
                f"found {_shown(value)}"
            ) from None
        if moment.utcoffset() is None:
            raise _FieldError(f'"{key}": {_shown(value)} has no time zone (add Z for UTC)')
        return moment


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _session(fields: _Fields, segments: Any) -> SessionRecord:
    raw_id = fields.text("id", 64)
    try:
        session_id = str(uuid.UUID(str(raw_id)))
    except ValueError:
        raise _FieldError(f'"id": expected a session id (a UUID), found {_shown(raw_id)}') from None
    started = fields.moment("started_at")
    assert started is not None
    ended = fields.moment("ended_at", required=False)
    if ended is not None and ended < started:
        raise _FieldError('"ended_at" is before "started_at"')
    offset = fields.whole("utc_offset_minutes", -MAX_OFFSET, MAX_OFFSET)
    if offset is None:
        zone = started.utcoffset()
        offset = (
            round(zone.total_seconds() / 60)
            if zone and zone.total_seconds()
            else utc_offset_minutes(started.timestamp())
        )
    status = SessionStatus(fields.choice("status", tuple(SessionStatus)))
    if status is SessionStatus.IN_PROGRESS:
        status = SessionStatus.INTERRUPTED
    return SessionRecord(
        id=session_id,
        routine_id=fields.text("routine_id", MAX_NAME) or "",
        routine_title=fields.text("routine_title", MAX_NAME) or "",
        routine_digest=fields.text("routine_digest", 128, required=False) or "",
        started_at=to_utc_text(started),
        utc_offset=offset,
        status=status,
        planned_seconds=fields.number("planned_seconds", 0, MAX_SECONDS, default=0.0),
        active_seconds=fields.number("active_seconds", 0, MAX_SECONDS, default=0.0),
        ended_at=to_utc_text(ended) if ended is not None else None,
        speed=fields.number("speed", 0.1, 100, default=1.0),
        comfort_before=fields.whole("comfort_before", 0, 10),
        comfort_after=fields.whole("comfort_after", 0, 10),
        note=fields.text("note", MAX_NOTE, required=False),
        segments=_segments(segments),
    )


def _segments(items: Any) -> tuple[SegmentRecord, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise _FieldError('"segments": expected a list')
    if len(items) > MAX_SEGMENTS:
        raise _FieldError(f'"segments": more than {MAX_SEGMENTS}')
    found: list[SegmentRecord] = []
    orders: set[int] = set()
    for index, item in enumerate(items):
        try:
            if not isinstance(item, dict):
                raise _FieldError("is not an object")
            segment = _segment(_Fields(item, csv=False))
            if segment.order in orders:
                raise _FieldError(f'"order" {segment.order} appears twice')
            orders.add(segment.order)
            found.append(segment)
        except _FieldError as invalid:
            raise _FieldError(f"segment {index + 1}: {invalid}", segment=index) from None
    return tuple(found)


def _segment(fields: _Fields) -> SegmentRecord:
    order = fields.whole("order", 0, MAX_SEGMENTS)
    if order is None:
        raise _FieldError('"order" is missing')
    easier = fields.raw("easier")
    if easier is not None and not isinstance(easier, bool):
        raise _FieldError(f'"easier": expected true or false, found {_shown(easier)}')
    ended = fields.moment("ended_at")
    assert ended is not None
    side = fields.raw("side")
    if side not in (None, "left", "right"):
        raise _FieldError(f'"side": expected left, right or null, found {_shown(side)}')
    return SegmentRecord(
        order=order,
        step_index=fields.whole("step_index", 0, 10_000),
        step_name=fields.text("step_name", MAX_NAME, required=False) or "",
        side=side,
        kind=fields.choice("kind", KINDS),
        planned_seconds=fields.number("planned_seconds", 0, MAX_SECONDS, default=0.0),
        actual_seconds=fields.number("actual_seconds", 0, MAX_SECONDS, default=0.0),
        outcome=fields.choice("outcome", OUTCOMES),
        easier=bool(easier),
        ended_at=to_utc_text(ended),
    )


# -- merging ------------------------------------------------------------------------------


def import_sessions(database: HistoryDatabase, sessions: Sequence[SessionRecord]) -> ImportResult:
    """Add the sessions the history does not have yet, in one transaction."""
    added = 0
    with immediate(database.connection) as connection:
        for session in sessions:
            cursor = connection.execute(INSERT_SESSION, session_values(session, None))
            if cursor.rowcount != 1:
                continue
            added += 1
            connection.executemany(
                INSERT_SEGMENT,
                [segment_values(session.id, segment) for segment in session.segments],
            )
    return ImportResult(added=added, already=len(sessions) - added)
