"""Open the history file: check it, keep a bad one aside, migrate, close dead sessions.

What is checked, and when (opening must stay quick at start-up):

* Always, in well under a millisecond: the 100-byte file header, read directly
  (an empty file, something that is not SQLite, a page size SQLite never writes,
  a file shorter than its header says: truncated), then the schema version and
  the application id through SQLite.
* ``PRAGMA quick_check`` reads the whole file: about 3.5 ms per MB on the 2-core
  test machine, 350 ms for a 100 MB history. It runs at every opening of a file
  up to :data:`QUICK_CHECK_MAX_BYTES` (2 MiB, about 7 ms: a thousand sessions or
  more, years of daily use); a larger file is checked later, when nobody is
  waiting (``OpenedHistory.check_deferred``: the terminal player checks it after
  the session, the desktop app can in the background).

A bad file is renamed aside together with its ``-wal`` and ``-shm`` (so the three
still open together), never deleted, and a new history is created in its place. A
file from a newer version of the app is not touched at all. A new file is built
under a temporary name and linked into place, so the history path never holds a
half-made database, and two programs starting at once cannot replace each
other's file.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from stretchtimer.core.i18n import _
from stretchtimer.storage.history import problems
from stretchtimer.storage.history.connection import BUSY_TIMEOUT, MIN_SQLITE, connect
from stretchtimer.storage.history.journal import replay_journals
from stretchtimer.storage.history.problems import HistoryProblem, ProblemKind
from stretchtimer.storage.history.schema import APPLICATION_ID, SCHEMA_VERSION, migrate
from stretchtimer.storage.history.store import HistoryDatabase, Judge
from stretchtimer.storage.paths import ensure_private_dir

log = logging.getLogger(__name__)

QUICK_CHECK_MAX_BYTES = 2 * 1024 * 1024
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100
COMPANIONS = ("-wal", "-shm")
SCRATCH_SUFFIX = ".new"
SCRATCH_STALE_SECONDS = 600
RECOVERY_WAIT_MS = 100


class BadFileError(Exception):
    """The file is not a usable database; ``empty`` when it has no bytes at all."""

    def __init__(self, reason: str, *, empty: bool = False) -> None:
        super().__init__(reason)
        self.empty = empty


class Header(NamedTuple):
    page_size: int
    user_version: int
    application_id: int


@dataclass(frozen=True)
class OpenedHistory:
    """What opening gave: a database (None when there is no usable history) and problems."""

    database: HistoryDatabase | None
    problems: tuple[HistoryProblem, ...] = ()
    check_deferred: bool = False  # too big to check at start-up: call open_history(full_check=True)

    @property
    def recordable(self) -> bool:
        """Whether a session should be recorded: the history is open, or what stops it
        may pass (a full disk, a lock, a read-only mount) and the writer keeps trying."""
        if self.database is not None:
            return True
        return bool(self.problems) and all(problem.kind in PASSING for problem in self.problems)


def open_history(
    path: Path,
    *,
    create: bool = True,
    full_check: bool | None = None,
    busy_timeout: float = BUSY_TIMEOUT,
    judge: Judge | None = None,
) -> OpenedHistory:
    """Open (and if needed create) the history at ``path``.

    ``create=False`` opens only an existing file (reading commands do not make one).
    ``full_check``: True checks the whole file whatever its size, False never, None
    decides by size. ``judge`` tells whether a recording process still runs.
    """
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        return OpenedHistory(
            None,
            (
                HistoryProblem(
                    ProblemKind.UNAVAILABLE,
                    _(
                        "Your history needs SQLite {needed} or newer and this Python has "
                        "{found}; update Python to keep a history."
                    ).format(needed=".".join(map(str, MIN_SQLITE)), found=sqlite3.sqlite_version),
                    path,
                ),
            ),
        )
    told: list[HistoryProblem] = []
    try:
        ensure_private_dir(path.parent)
        _remove_stale_scratch(path)
        if not path.exists():
            if not create:
                return OpenedHistory(None)
            _create(path)
        return _open_existing(path, told, full_check, busy_timeout, judge, replaced=False)
    except (sqlite3.Error, OSError) as error:
        problem = problems.from_error(error, path)
        log.warning("history %s cannot be written: %s (%s)", path, error, problem.kind.value)
        if problem.kind in READABLE_ANYWAY and path.is_file():
            reading = _open_for_reading(path, busy_timeout)
            if reading is not None:
                return OpenedHistory(reading, (*told, problems.reading_only(path, problem)))
        return OpenedHistory(None, (*told, problem))


# Faults that may pass while a session plays: record it anyway, keep it, retry.
PASSING = frozenset(
    {ProblemKind.DISK_FULL, ProblemKind.LOCKED, ProblemKind.READ_ONLY, ProblemKind.UNAVAILABLE}
)

# Faults that stop writing but not reading: the history is still listed, counted, exported.
READABLE_ANYWAY = frozenset({ProblemKind.READ_ONLY, ProblemKind.DISK_FULL, ProblemKind.UNAVAILABLE})


def _open_for_reading(path: Path, busy_timeout: float) -> HistoryDatabase | None:
    """The history through a read-only connection, if it is one this version can read.

    On read-only media SQLite cannot make the ``-shm`` a WAL database needs, so when
    a plain read-only connection fails, the file is opened as immutable (nobody can
    be writing to a read-only disk).
    """
    for immutable in (False, True):
        try:
            connection = connect(
                path, busy_timeout=busy_timeout, read_only=True, immutable=immutable
            )
        except sqlite3.Error as error:
            log.info("history %s cannot be read that way either: %s", path, error)
            continue
        try:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            if version == SCHEMA_VERSION and _is_ours(connection):
                connection.execute("SELECT count(*) FROM sessions").fetchone()
                return HistoryDatabase(path, connection)
        except sqlite3.Error as error:
            log.info("history %s cannot be read that way either: %s", path, error)
        connection.close()
    return None


def ensure_created(path: Path) -> None:
    """Make an empty history at ``path`` if there is none. Raises sqlite3.Error or OSError."""
    ensure_private_dir(path.parent)
    if not path.exists():
        _create(path)


def _open_existing(
    path: Path,
    told: list[HistoryProblem],
    full_check: bool | None,
    busy_timeout: float,
    judge: Judge | None,
    *,
    replaced: bool,
) -> OpenedHistory:
    try:
        header = read_header(path)
    except BadFileError as bad:
        told.append(_replace(path, "damaged", str(bad), empty=bad.empty))
        header = read_header(path)
    if header.user_version > SCHEMA_VERSION:
        return _newer(path, told)
    _make_private(path)
    size = path.stat().st_size + _size(_companion(path, "-wal"))
    check = full_check if full_check is not None else size <= QUICK_CHECK_MAX_BYTES
    connection: sqlite3.Connection | None = None
    try:
        # Look first through a read-only connection: closing it never writes, so a
        # newer app's file (its upgrade perhaps still in the -wal) stays as it is.
        probe = connect(path, busy_timeout=busy_timeout, read_only=True)
        try:
            if int(probe.execute("PRAGMA user_version").fetchone()[0]) > SCHEMA_VERSION:
                return _newer(path, told)
            ours = _is_ours(probe)
            trouble = quick_check(probe) if ours and check else None
        finally:
            probe.close()
        if not ours:
            told.append(_replace(path, "foreign", "another program's database"))
        elif trouble:
            told.append(_replace(path, "damaged", trouble))
        connection = connect(path, busy_timeout=busy_timeout)
        if str(connection.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
            connection.execute("PRAGMA journal_mode = WAL")
        writer = connection

        def backup(version: int) -> None:
            _backup(writer, path, version)

        migrate(connection, before_upgrade=backup)
        database = HistoryDatabase(path, connection)
        _add_journals(path, connection)
        _recover(database, judge, told)
    except sqlite3.DatabaseError as error:
        if connection is not None:
            connection.close()
        if replaced or problems.error_kind(error) is not ProblemKind.DAMAGED:
            raise
        log.warning("history %s is damaged: %s", path, error)
        told.append(_replace(path, "damaged", str(error)))
        return _open_existing(path, told, False, busy_timeout, judge, replaced=True)
    except BaseException:
        if connection is not None:
            connection.close()
        raise
    return OpenedHistory(database, tuple(told), check_deferred=not check)


def _add_journals(path: Path, connection: sqlite3.Connection) -> None:
    """Sessions kept beside the history because it could not take them then."""
    waited = connection.execute("PRAGMA busy_timeout").fetchone()[0]
    connection.execute(f"PRAGMA busy_timeout = {RECOVERY_WAIT_MS}")
    try:
        replay_journals(path, connection)
    finally:
        connection.execute(f"PRAGMA busy_timeout = {int(waited)}")


def _newer(path: Path, told: list[HistoryProblem]) -> OpenedHistory:
    log.warning("history %s was written by a newer stretchtimer; leaving it alone", path)
    return OpenedHistory(None, (*told, problems.newer(path)))


def _recover(database: HistoryDatabase, judge: Judge | None, told: list[HistoryProblem]) -> None:
    """Close sessions of programs that died; if the file is busy now, the next opening will.

    Start-up does not wait for another program's lock: it tries for a moment only.
    """
    connection = database.connection
    waited = connection.execute("PRAGMA busy_timeout").fetchone()[0]
    connection.execute(f"PRAGMA busy_timeout = {RECOVERY_WAIT_MS}")
    try:
        if judge is None:
            database.recover_interrupted()
        else:
            database.recover_interrupted(judge)
    except sqlite3.OperationalError as error:
        kind = problems.error_kind(error)
        log.info("history: unfinished sessions stay as they are for now (%s)", error)
        if kind in (ProblemKind.READ_ONLY, ProblemKind.DISK_FULL):
            told.append(problems.from_error(error, database.path))
        elif kind is not ProblemKind.LOCKED:
            raise
    finally:
        connection.execute(f"PRAGMA busy_timeout = {int(waited)}")


def read_header(path: Path) -> Header:
    """Facts from the first 100 bytes; :class:`BadFileError` for what SQLite never writes."""
    with path.open("rb") as stream:
        data = stream.read(HEADER_BYTES)
        size = os.fstat(stream.fileno()).st_size
    if size == 0:
        raise BadFileError("the file is empty", empty=True)
    if len(data) < HEADER_BYTES or not data.startswith(SQLITE_MAGIC):
        raise BadFileError("not an SQLite database")
    page_size = int.from_bytes(data[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise BadFileError(f"impossible page size {page_size}")
    if size % page_size:
        raise BadFileError("the file ends part-way through a page (truncated)")
    change_counter, valid_for = data[24:28], data[92:96]
    pages = int.from_bytes(data[28:32], "big")
    if change_counter == valid_for and pages and size < pages * page_size:
        raise BadFileError(f"the file holds {size // page_size} of its {pages} pages (truncated)")
    return Header(
        page_size=page_size,
        user_version=int.from_bytes(data[60:64], "big", signed=True),
        application_id=int.from_bytes(data[68:72], "big", signed=True),
    )


def quick_check(connection: sqlite3.Connection) -> str | None:
    """None if SQLite's quick check passes, else its first findings."""
    rows = [str(row[0]) for row in connection.execute("PRAGMA quick_check(3)")]
    if rows == ["ok"]:
        return None
    return "; ".join(rows)


def _is_ours(connection: sqlite3.Connection) -> bool:
    application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
    if application_id == APPLICATION_ID:
        return True
    if application_id != 0:
        return False
    # An empty SQLite file (made by a tool, say) can become a history; one with tables cannot.
    tables = int(connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
    return tables == 0


def _replace(path: Path, reason: str, why: str, *, empty: bool = False) -> HistoryProblem:
    """Move the file at ``path`` aside, make a new history there, say what happened."""
    kept = keep_aside(path, reason)
    log.warning("history %s: %s; kept as %s", path, why, kept)
    _create(path)
    if reason == "foreign":
        return problems.foreign(path, kept)
    return problems.damaged(path, kept, empty=empty)


def keep_aside(path: Path, reason: str) -> Path:
    """Rename ``path`` and its -wal/-shm to a free ``<name>.<reason>-N`` (never deleting)."""
    number = 1
    while True:
        target = path.with_name(f"{path.name}.{reason}-{number}")
        if not any(_companion(target, suffix).exists() for suffix in ("", *COMPANIONS)):
            break
        number += 1
    path.replace(target)
    for suffix in COMPANIONS:
        source = _companion(path, suffix)
        if source.exists():
            source.replace(_companion(target, suffix))
    return target


def _create(path: Path) -> None:
    """Build a new, empty history under a scratch name and link it into place."""
    handle, name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=SCRATCH_SUFFIX, dir=path.parent
    )  # owner-only; SQLite gives its -wal and -shm the same permissions
    os.close(handle)
    scratch = Path(name)
    try:
        connection = connect(scratch)
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            migrate(connection)
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
        try:
            os.link(scratch, path)  # fails if another program made the history meanwhile
        except FileExistsError:
            log.info("history %s was created by another program at the same moment", path)
        except OSError:  # no hard links on this file system
            if not path.exists():
                scratch.replace(path)
    finally:
        for suffix in ("", *COMPANIONS):
            with contextlib.suppress(FileNotFoundError):
                _companion(scratch, suffix).unlink()


def _backup(connection: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the whole history before upgrading it: an upgrade never risks a session."""
    number = 1
    while (target := path.with_name(f"{path.name}.v{version}-backup-{number}")).exists():
        number += 1
    handle = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(handle)
    copy = sqlite3.connect(target)
    try:
        connection.backup(copy)
    finally:
        copy.close()
    log.info("history: copied version %s to %s before upgrading", version, target)
    return target


def _remove_stale_scratch(path: Path) -> None:
    """Scratch files of a program that died while creating a history (never the person's data)."""
    limit = time.time() - SCRATCH_STALE_SECONDS
    for scratch in path.parent.glob(f".{path.name}.*{SCRATCH_SUFFIX}*"):
        with contextlib.suppress(OSError):
            if scratch.stat().st_mtime < limit:
                scratch.unlink()


def _make_private(path: Path) -> None:
    """A history made by another tool (or copied in) may be readable by others: not any more.

    SQLite gives the -wal and -shm it creates the permissions of the database file.
    """
    if os.name != "posix":
        return
    for item in (path, *(_companion(path, suffix) for suffix in COMPANIONS)):
        with contextlib.suppress(OSError):
            if item.stat().st_mode & 0o077:
                item.chmod(0o600)


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
