"""Delete a session so that it can be put back exactly, for a view's "Undo".

The session is deleted at once, in one transaction, and every stored column of
it and of its segments is handed back to the caller: putting it back inserts
the same values (same id, same number when it is still free, same segments,
ratings, note and recording process), again in one transaction, so the totals
the triggers keep come back as they were. The database stays the only record
of what the history holds: statistics, exports and other programs see the
deletion the moment the person makes it, and nothing is left to do when the
program closes.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from typing import Any

from stretchtimer.storage.history.connection import immediate
from stretchtimer.storage.history.records import SessionRecord
from stretchtimer.storage.history.store import HistoryDatabase

log = logging.getLogger(__name__)


class BeingRecordedError(Exception):
    """The session is being recorded by a program that is still running."""

    def __init__(self) -> None:
        super().__init__("That session is being recorded right now; stop it first, then delete it.")


@dataclass(frozen=True)
class RemovedSession:
    """A deleted session, column by column, as the file held it."""

    record: SessionRecord  # what it was, for the words that say what was deleted
    columns: tuple[str, ...]
    row: tuple[Any, ...]
    segment_columns: tuple[str, ...]
    segment_rows: tuple[tuple[Any, ...], ...]


def stored_columns(connection: sqlite3.Connection, table: str) -> tuple[str, ...]:
    """The columns a row of ``table`` stores (generated columns are left out)."""
    return tuple(
        str(name)
        for _, name, _type, _notnull, _default, _pk, hidden in connection.execute(
            f"PRAGMA table_xinfo({table})"
        )
        if hidden == 0
    )


def _names(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{name}"' for name in columns)


def take_out(database: HistoryDatabase, session_id: str) -> RemovedSession | None:
    """Delete the session and return all of it; None if there is no such session.

    Raises :class:`BeingRecordedError` for a session a running program still records.
    """
    with immediate(database.connection) as connection:
        record = database.get(session_id)
        if record is None:
            return None
        if database.recorded_by_live_process(session_id):
            raise BeingRecordedError
        columns = stored_columns(connection, "sessions")
        row = connection.execute(
            f"SELECT {_names(columns)} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        num = row[columns.index("num")]
        segment_columns = stored_columns(connection, "segments")
        segment_rows = connection.execute(
            f"SELECT {_names(segment_columns)} FROM segments WHERE session = ? ORDER BY seq",
            (num,),
        ).fetchall()
        connection.execute("DELETE FROM sessions WHERE num = ?", (num,))
    log.info("history: session %s deleted (it can be put back)", session_id)
    return RemovedSession(
        record=record,
        columns=columns,
        row=tuple(row),
        segment_columns=segment_columns,
        segment_rows=tuple(tuple(segment) for segment in segment_rows),
    )


def put_back(database: HistoryDatabase, removed: RemovedSession) -> bool:
    """Insert the session again as it was; False if the history already has it again."""
    with immediate(database.connection) as connection:
        if connection.execute(
            "SELECT 1 FROM sessions WHERE id = ?", (removed.record.id,)
        ).fetchone():
            return False
        values = dict(zip(removed.columns, removed.row, strict=True))
        taken = connection.execute(
            "SELECT 1 FROM sessions WHERE num = ?", (values.get("num"),)
        ).fetchone()
        if taken:  # a session recorded since then has its number: take a new one
            del values["num"]
        names = tuple(values)
        cursor = connection.execute(
            f"INSERT INTO sessions ({_names(names)}) VALUES ({', '.join('?' * len(names))})",
            tuple(values.values()),
        )
        num = cursor.lastrowid
        session_at = removed.segment_columns.index("session")
        connection.executemany(
            f"INSERT INTO segments ({_names(removed.segment_columns)}) "
            f"VALUES ({', '.join('?' * len(removed.segment_columns))})",
            [(*row[:session_at], num, *row[session_at + 1 :]) for row in removed.segment_rows],
        )
    log.info("history: session %s put back", removed.record.id)
    return True
