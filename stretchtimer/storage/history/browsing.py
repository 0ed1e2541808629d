"""The session list a page at a time, newest first, for a view that shows only what is seen.

A view of 100,000 sessions asks for the rows on screen: a page is one indexed
query (a few milliseconds even at the far end of the list), and the place of one
session in the list (to show it again after an undo) is one count over the
index. The order is the one every listing uses: start time, then the order of
recording, newest first.
"""

from __future__ import annotations

from stretchtimer.storage.history.records import SessionRecord
from stretchtimer.storage.history.store import SESSION_COLUMNS, HistoryDatabase, session_from_row

NEWEST_FIRST = "started_at DESC, num DESC"


def session_page(database: HistoryDatabase, *, offset: int, limit: int) -> list[SessionRecord]:
    """Sessions ``offset`` .. ``offset + limit - 1`` of the newest-first list, without segments."""
    rows = database.connection.execute(
        f"SELECT {SESSION_COLUMNS} FROM sessions ORDER BY {NEWEST_FIRST} LIMIT ? OFFSET ?",
        (max(0, limit), max(0, offset)),
    ).fetchall()
    return [session_from_row(row, ()) for row in rows]


def position(database: HistoryDatabase, session_id: str) -> int | None:
    """Where the session stands in the newest-first list (0 = newest), None if it is not there."""
    found = database.connection.execute(
        "SELECT started_at, num FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()
    if found is None:
        return None
    started_at, num = found
    newer = database.connection.execute(
        "SELECT count(*) FROM sessions WHERE started_at > ? OR (started_at = ? AND num > ?)",
        (started_at, started_at, num),
    ).fetchone()[0]
    return int(newer)
