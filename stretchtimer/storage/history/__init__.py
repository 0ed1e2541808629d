"""The session history: one SQLite file that survives crashes. No Qt.

* ``opening``: open and check the file, keep a bad one aside, migrate.
* ``schema``: tables, triggers and ordered migrations (``PRAGMA user_version``).
* ``recording/``: record a session from the engine's events, on a background
  thread that keeps and retries what cannot be written yet (a journal beside the file).
* ``store``: read sessions, delete one, close sessions whose program died.
* ``statistics``: streaks, minutes per day/week/month, routines, stretches,
  completion and comfort, as plain values.
* ``exporting`` and ``importing``: JSON and CSV out and back in.
* ``problems``: known failures as values, each with one sentence for the person.

Only what opening and reading need is imported here; the recorder (and its
thread) is imported from ``recorder`` by the players that use it.
"""

from stretchtimer.storage.history.opening import OpenedHistory, open_history
from stretchtimer.storage.history.problems import HistoryProblem, ProblemKind
from stretchtimer.storage.history.records import SegmentRecord, SessionRecord, SessionStatus
from stretchtimer.storage.history.store import HistoryDatabase

__all__ = [
    "HistoryDatabase",
    "HistoryProblem",
    "OpenedHistory",
    "ProblemKind",
    "SegmentRecord",
    "SessionRecord",
    "SessionStatus",
    "open_history",
]
