"""Connections to the history file, all set up the same way, and write transactions.

Connections run in autocommit mode and every write happens inside
:func:`immediate`: ``BEGIN IMMEDIATE`` takes the write lock at the start, so a
transaction never fails half-way because another writer came first.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

BUSY_TIMEOUT = 5.0  # seconds to wait for another program's lock before giving up
MIN_SQLITE = (3, 31, 0)  # generated columns


def connect(
    path: Path,
    *,
    busy_timeout: float = BUSY_TIMEOUT,
    read_only: bool = False,
    immutable: bool = False,
) -> sqlite3.Connection:
    """Open an existing history file; never creates one (that is ``opening``'s job).

    ``immutable`` (with ``read_only``): for a file on read-only media, where SQLite
    cannot make the ``-shm`` file and no other program can be writing.
    """
    uri = f"{path.absolute().as_uri()}?mode={'ro' if read_only else 'rw'}"
    if immutable:
        uri += "&immutable=1"
    connection = sqlite3.connect(
        uri, uri=True, timeout=busy_timeout, isolation_level=None, cached_statements=64
    )
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = FULL")  # a finished segment survives power loss
    except BaseException:
        connection.close()
        raise
    return connection


@contextlib.contextmanager
def immediate(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed when the block ends, rolled back if it raises."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        if connection.in_transaction:  # SQLite may already have rolled back (disk full)
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
        raise
    try:
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
        raise
