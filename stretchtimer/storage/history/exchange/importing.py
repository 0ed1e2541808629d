"""Read exported sessions back (JSON or CSV) and merge them into the history.

The whole file is read and checked before anything is written: a file with a
mistake changes nothing, and each problem names its line. Sessions merge by id:
a session already in the history is left as it is, so importing the same file
twice adds nothing. A session exported while it was still being recorded comes
back as ``interrupted``: no program here is recording it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from stretchtimer.core.bounded_parse import ParseLimitError, loads_json
from stretchtimer.core.i18n import _
from stretchtimer.storage.bounded_read import FileRefusedError, read_bounded, size_text
from stretchtimer.storage.history.connection import immediate
from stretchtimer.storage.history.exchange.checks import FieldError, Fields, session_from_fields
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
from stretchtimer.storage.history.records import SessionRecord
from stretchtimer.storage.history.store import HistoryDatabase

MAX_FILE_BYTES = 64 * 1000 * 1000
"""Ten years of daily sessions export to a few megabytes; 64 MB is not an export."""
PROBLEMS_SHOWN = 10
REQUIRED_CSV = ("id", "routine_id", "routine_title", "started_at", "status")


class ImportFileError(Exception):
    """The file cannot be imported.

    ``problems`` are the first few lines ``FILE:LINE: what is wrong``; ``count`` is
    how many problems there are in all.
    """

    def __init__(self, problems: Sequence[str], count: int | None = None) -> None:
        self.problems = list(problems[:PROBLEMS_SHOWN])
        self.count = len(problems) if count is None else count
        more = self.count - len(self.problems)
        tail = "\n" + _("… and {count} more").format(count=more) if more > 0 else ""
        super().__init__("\n".join(self.problems) + tail)


@dataclass(frozen=True)
class ImportResult:
    added: int  # sessions new to this history
    already: int  # sessions it had already (left unchanged)


class _Problems:
    """The first few problems of a file and how many there are: memory and time stay linear."""

    def __init__(self) -> None:
        self.first: list[tuple[int, int | None, str]] = []  # session, segment, what
        self.count = 0

    def add(self, session: int, segment: int | None, message: str) -> None:
        self.count += 1
        if len(self.first) < PROBLEMS_SHOWN:
            self.first.append((session, segment, message))


# -- reading files ------------------------------------------------------------------------


def read_import_file(path: Path) -> list[SessionRecord]:
    """Every session in the file, checked; raises ImportFileError (nothing half-read).

    Only a regular file of at most :data:`MAX_FILE_BYTES` is read: a device, a FIFO
    or a folder is refused at once, before a byte is read.
    """
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".csv"):
        raise ImportFileError(
            [
                _("{file}: cannot tell the format: give a file ending in .json or .csv").format(
                    file=name
                )
            ]
        )
    try:
        data = read_bounded(path, MAX_FILE_BYTES)
    except FileRefusedError as refused:
        if refused.size is not None:
            too_large = _("{file}: is {size}; a history export is at most {limit}").format(
                file=name, size=size_text(refused.size), limit=size_text(MAX_FILE_BYTES)
            )
            raise ImportFileError([too_large]) from None
        refusal = _("{file}: {reason}; give an exported file").format(
            file=name, reason=refused.reason
        )
        raise ImportFileError([refusal]) from None
    except OSError as error:
        unread = _("{file}: cannot be read ({reason})").format(
            file=name, reason=error.strerror or error
        )
        raise ImportFileError([unread]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ImportFileError([f"{name}:{line}: " + _("not UTF-8 text")]) from None
    if suffix == ".json":
        return _read_json(text, name)
    return _read_csv(text, name)


def _read_json(text: str, name: str) -> list[SessionRecord]:
    try:
        document = loads_json(text)
    except json.JSONDecodeError as error:
        invalid = _("not valid JSON ({reason})").format(reason=error.msg)
        raise ImportFileError([f"{name}:{error.lineno}: {invalid}"]) from None
    except ParseLimitError as error:
        raise ImportFileError([f"{name}:{error.line or 1}: {error.message}"]) from None
    if isinstance(document, dict):
        if document.get("format", EXPORT_FORMAT) != EXPORT_FORMAT:
            raise ImportFileError([f"{name}:1: " + _("not a stretchtimer history export")])
        version = document.get("version", EXPORT_VERSION)
        if not isinstance(version, int) or isinstance(version, bool) or version > EXPORT_VERSION:
            raise ImportFileError(
                [
                    f"{name}:1: "
                    + _(
                        "written by a newer stretchtimer (format version {version}); "
                        "update stretchtimer to import it"
                    ).format(version=str(version)[:20])
                ]
            )
        items = document.get("sessions")
    else:
        items = document
    if not isinstance(items, list):
        raise ImportFileError(
            [f"{name}:1: " + _('expected a list of sessions (or an export with "sessions")')]
        )
    sessions: list[SessionRecord] = []
    problems = _Problems()
    for index, item in enumerate(items):
        try:
            if not isinstance(item, dict):
                raise FieldError(_("is not an object"))
            sessions.append(session_from_fields(Fields(item, csv=False), item.get("segments", [])))
        except FieldError as invalid:
            problems.add(
                index,
                invalid.segment,
                _("session {number}: {problem}").format(number=index + 1, problem=invalid),
            )
    if problems.count:
        lines = _json_lines(
            text, [(session, segment) for session, segment, _message in problems.first]
        )
        raise ImportFileError(
            [
                f"{name}:{line}: {message}"
                for line, (_session, _segment, message) in zip(lines, problems.first, strict=True)
            ],
            problems.count,
        )
    _no_repeats(sessions, name, lambda index: _json_lines(text, [(index, None)])[0])
    return sessions


def _read_csv(text: str, name: str) -> list[SessionRecord]:
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        raise ImportFileError(
            [f"{name}:1: " + _("not valid CSV ({reason})").format(reason=error)]
        ) from None
    missing = [column for column in REQUIRED_CSV if column not in header]
    if missing:
        raise ImportFileError(
            [
                f"{name}:1: "
                + _(
                    "the header has no {columns} column; is this a stretchtimer history export?"
                ).format(columns=", ".join(missing))
            ]
        )
    sessions: list[SessionRecord] = []
    lines: list[int] = []
    problems: list[str] = []
    count = 0
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(
                f"{name}:{reader.line_num}: " + _("not valid CSV ({reason})").format(reason=error)
            )
            count += 1
            break
        try:
            if None in row:
                raise FieldError(_("this row has more cells than the header"))
            cells = {key: _unescape(value) for key, value in row.items() if value is not None}
            sessions.append(session_from_fields(Fields(cells, csv=True), []))
            lines.append(start)
        except FieldError as invalid:
            count += 1
            if len(problems) < PROBLEMS_SHOWN:
                problems.append(f"{name}:{start}: {invalid}")
        start = reader.line_num + 1
    if count:
        raise ImportFileError(problems, count)
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
                [
                    f"{name}:{line_of(index)}: "
                    + _("session id {id} is also on line {line}").format(id=session.id, line=first)
                ]
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
