"""What can go wrong with the history file, as values a view can show.

Each known failure is one :class:`HistoryProblem`: a kind a program can act on
and one sentence for the person that says what happened and what to do. The
terminal prints the sentence; the desktop app will show it in a banner. Bugs are
not problems: they are logged with their traceback where they happen.
"""

from __future__ import annotations

import enum
import errno
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from stretchtimer.core.i18n import _

log = logging.getLogger(__name__)

# Primary SQLite result codes (the low byte of an extended code).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_PERM = 3
SQLITE_NOTADB = 26


class ProblemKind(enum.Enum):
    DAMAGED = "damaged"  # not a database, or failed its check: kept aside, a new one made
    FOREIGN = "foreign"  # another program's file: kept aside, a new one made
    NEWER = "newer"  # written by a newer stretchtimer: left alone, no history this time
    LOCKED = "locked"  # another program holds a lock
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    UNAVAILABLE = "unavailable"  # cannot be opened or created at all
    NOT_SAVED = "not_saved"  # a session (or part of it) could not be saved before closing


@dataclass(frozen=True)
class HistoryProblem:
    """A known failure: ``message`` is one sentence for the person, with the fix."""

    kind: ProblemKind
    message: str
    path: Path | None = None
    kept_as: Path | None = None  # where a bad file was moved, when it was

    def __str__(self) -> str:
        return self.message


def damaged(path: Path, kept_as: Path, *, empty: bool = False) -> HistoryProblem:
    sentence = (
        _(
            "Your history file was empty, so it was set aside as {file} (nothing was deleted) "
            "and a new history was started."
        )
        if empty
        else _(
            "Your history file could not be read, so it was set aside as {file} "
            "(nothing was deleted) and a new history was started."
        )
    )
    return HistoryProblem(
        ProblemKind.DAMAGED,
        sentence.format(file=kept_as),
        path,
        kept_as,
    )


def foreign(path: Path, kept_as: Path) -> HistoryProblem:
    return HistoryProblem(
        ProblemKind.FOREIGN,
        _(
            "The file at {path} belongs to another program, so it was moved to {file} "
            "and a new history was started."
        ).format(path=path, file=kept_as),
        path,
        kept_as,
    )


def newer(path: Path) -> HistoryProblem:
    return HistoryProblem(
        ProblemKind.NEWER,
        _(
            "Your history was saved by a newer version of stretchtimer; update stretchtimer "
            "to see it and record sessions (until then the file is left untouched)."
        ),
        path,
    )


def from_error(error: BaseException, path: Path, *, recording: bool = False) -> HistoryProblem:
    """The problem behind an SQLite or OS error, worded for now or for a session in progress.

    ``recording``: a session is playing and what it did is kept in memory meanwhile.
    SQLite says only "unable to open database file" when it cannot make a file it
    needs; the folder then tells whether the disk is full or read-only.
    """
    kind = error_kind(error)
    if kind is ProblemKind.UNAVAILABLE:
        kind = folder_kind(path) or kind
    later = (
        " " + _("stretchtimer keeps this session in memory and saves it as soon as it can.")
        if recording
        else ""
    )
    if kind is ProblemKind.LOCKED:
        text = (
            _(
                "Your history is locked by another program; close that program and "
                "stretchtimer will save this session."
            )
            if recording
            else _("Your history is locked by another program; close that program and try again.")
        )
    elif kind is ProblemKind.DISK_FULL:
        text = _("The disk that holds your history is full; free some space.") + later
    elif kind is ProblemKind.READ_ONLY:
        text = (
            _(
                "Your history cannot be written ({path} or its folder is read-only); "
                "make them writable."
            ).format(path=path)
            + later
        )
    elif kind is ProblemKind.DAMAGED:
        text = (
            _(
                "Your history file {path} is damaged; stretchtimer keeps this session and, "
                "when it ends, sets the file aside and saves the session in a new history."
            )
            if recording
            else _(
                "Your history file {path} is damaged; stretchtimer will set it aside "
                "and start a new one."
            )
        ).format(path=path)
    else:
        reason = str(error) or type(error).__name__
        text = (
            _(
                "Your history file {path} cannot be opened ({reason}); check that its folder "
                "exists and belongs to you."
            ).format(path=path, reason=reason)
            + later
        )
    return HistoryProblem(kind, text, path)


def reading_only(path: Path, cause: HistoryProblem) -> HistoryProblem:
    """The history can be read but not written: shown with what it holds."""
    if cause.kind is ProblemKind.DISK_FULL:
        text = _(
            "Your history can be read but new sessions cannot be saved to it: "
            "the disk that holds it is full; free some space."
        )
    elif cause.kind is ProblemKind.READ_ONLY:
        text = _(
            "Your history can be read but new sessions cannot be saved to it: "
            "{path} or its folder is read-only; make them writable."
        ).format(path=path)
    else:
        text = _(
            "Your history can be read but new sessions cannot be saved to it ({reason})."
        ).format(reason=cause.message)
    return HistoryProblem(cause.kind, text, path)


MIN_FREE_BYTES = 64 * 1024  # less than this and SQLite cannot make its -wal and -shm


def folder_kind(path: Path) -> ProblemKind | None:
    """Whether the folder of ``path`` is on a full or read-only disk, or not writable."""
    folder = path.parent
    try:
        status = os.statvfs(folder)
    except (OSError, AttributeError):  # no such folder; or Windows
        return None
    if status.f_flag & getattr(os, "ST_RDONLY", 1):
        return ProblemKind.READ_ONLY
    if status.f_bavail * status.f_frsize < MIN_FREE_BYTES:
        return ProblemKind.DISK_FULL
    if not os.access(folder, os.W_OK):
        return ProblemKind.READ_ONLY
    return None


def not_saved(path: Path, cause: HistoryProblem | None, kept: Path | None = None) -> HistoryProblem:
    """Said once, when stretchtimer closes with part of a session still unsaved.

    ``kept``: the journal that holds it, to be added when the history is next opened.
    """
    why = {
        ProblemKind.LOCKED: _("another program kept it locked"),
        ProblemKind.DISK_FULL: _("the disk stayed full"),
        ProblemKind.READ_ONLY: _("the file is read-only"),
    }.get(cause.kind if cause else ProblemKind.UNAVAILABLE, _("the file could not be written"))
    if kept is not None:
        return HistoryProblem(
            ProblemKind.NOT_SAVED,
            # TRANSLATORS: {reason} is one of "another program kept it locked", "the disk
            # stayed full", "the file is read-only", "the file could not be written".
            _(
                "This session is not in your history yet ({reason}); it is kept in "
                "{file} and will be added the next time stretchtimer opens your history."
            ).format(reason=why, file=kept),
            path,
            kept,
        )
    return HistoryProblem(
        ProblemKind.NOT_SAVED,
        _(
            "This session could not be saved to your history ({reason}); "
            "fix that before your next session so it is kept."
        ).format(reason=why),
        path,
    )


_KIND_OF_CODE = {
    SQLITE_BUSY: ProblemKind.LOCKED,
    SQLITE_LOCKED: ProblemKind.LOCKED,
    SQLITE_FULL: ProblemKind.DISK_FULL,
    SQLITE_READONLY: ProblemKind.READ_ONLY,
    SQLITE_PERM: ProblemKind.READ_ONLY,
    SQLITE_CORRUPT: ProblemKind.DAMAGED,
    SQLITE_NOTADB: ProblemKind.DAMAGED,
}
_KIND_OF_WORDS = (
    ("locked", ProblemKind.LOCKED),
    ("full", ProblemKind.DISK_FULL),
    ("readonly", ProblemKind.READ_ONLY),
    ("read-only", ProblemKind.READ_ONLY),
    ("malformed", ProblemKind.DAMAGED),
    ("not a database", ProblemKind.DAMAGED),
)
_KIND_OF_ERRNO = {
    errno.ENOSPC: ProblemKind.DISK_FULL,
    getattr(errno, "EDQUOT", errno.ENOSPC): ProblemKind.DISK_FULL,
    errno.EROFS: ProblemKind.READ_ONLY,
    errno.EACCES: ProblemKind.READ_ONLY,
    errno.EPERM: ProblemKind.READ_ONLY,
}


def error_kind(error: BaseException) -> ProblemKind:
    """Sort an error from sqlite3 or the OS into a known kind."""
    if isinstance(error, sqlite3.Error):
        code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
        if code in _KIND_OF_CODE:
            return _KIND_OF_CODE[code]
        text = str(error).lower()
        return next(
            (kind for words, kind in _KIND_OF_WORDS if words in text), ProblemKind.UNAVAILABLE
        )
    if isinstance(error, OSError) and error.errno in _KIND_OF_ERRNO:
        return _KIND_OF_ERRNO[error.errno]
    return ProblemKind.UNAVAILABLE


def is_known(error: BaseException) -> bool:
    """An error the person's machine caused (full disk, lock, permissions), not a bug."""
    if isinstance(error, sqlite3.OperationalError | sqlite3.DatabaseError) and not isinstance(
        error, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError
    ):
        return True
    return isinstance(error, OSError)
