"""A small journal beside the history for writes that cannot reach it yet.

When the history cannot be written (the disk is full, another program holds its
lock, the file is read-only), the writer keeps the waiting writes in memory and
also here, in ``<history>.unsaved-<session id>.json``, whenever the disk allows:
if the program then ends (or is killed) before the history can take them, the
next opening of the history adds them. Each journal is written atomically and
holds the statements of the operations in order; applying them twice changes
nothing (the operations are idempotent), so a journal replayed while its session
is still being recorded does no harm.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stretchtimer.core.bounded_parse import ParseLimitError, loads_json
from stretchtimer.storage.atomic import write_text_atomically
from stretchtimer.storage.bounded_read import FileRefusedError, read_bounded
from stretchtimer.storage.history.connection import immediate
from stretchtimer.storage.history.operations import STATEMENTS, Operation, Statement
from stretchtimer.storage.history.problems import is_known

log = logging.getLogger(__name__)

JOURNAL_VERSION = 1
MAX_JOURNAL_BYTES = 16 * 1000 * 1000  # a session of thousands of segments is far less


def journal_path(history: Path, session_id: str) -> Path:
    return history.with_name(f"{history.name}.unsaved-{session_id}.json")


def journals(history: Path) -> list[Path]:
    """The journals waiting beside ``history``, oldest name first."""
    try:
        return sorted(history.parent.glob(f"{history.name}.unsaved-*.json"))
    except OSError:
        return []


def write_journal(path: Path, operations: Sequence[Operation]) -> None:
    """Keep ``operations`` in the journal at ``path``, replacing what it held. Raises OSError."""
    statements = [
        [name, values] for operation in operations for name, values in operation.statements()
    ]
    text = json.dumps({"version": JOURNAL_VERSION, "statements": statements})
    write_text_atomically(path, text)


def remove_journal(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _read(path: Path) -> list[Statement]:
    """The statements of a journal; ValueError for one that is not ours."""
    document: Any = loads_json(read_bounded(path, MAX_JOURNAL_BYTES))
    if not isinstance(document, dict) or document.get("version") != JOURNAL_VERSION:
        raise ValueError("not a journal of this version")
    found: list[Statement] = []
    for item in document.get("statements", ()):
        if (
            not isinstance(item, list)
            or len(item) != 2
            or item[0] not in STATEMENTS
            or not isinstance(item[1], dict)
        ):
            raise ValueError("a statement is not one the history writes")
        found.append((item[0], item[1]))
    return found


def replay_journals(history: Path, connection: sqlite3.Connection) -> int:
    """Apply every journal beside ``history`` and remove it; how many were applied.

    A journal that cannot be applied now (lock, full disk, read-only) stays for the
    next time; one that cannot be read at all is set aside as ``.bad`` and logged.
    """
    applied = 0
    for path in journals(history):
        try:
            statements = _read(path)
        except FileNotFoundError:
            continue  # its writer saved it meanwhile
        except (OSError, FileRefusedError, ValueError, ParseLimitError) as error:
            log.warning("history: journal %s cannot be read (%s); set aside", path, error)
            with contextlib.suppress(OSError):
                path.replace(path.with_name(path.name + ".bad"))
            continue
        try:
            with immediate(connection):
                for name, values in statements:
                    connection.execute(STATEMENTS[name], values)
        except sqlite3.Error as error:
            if is_known(error):  # a lock, a full disk: the next opening tries again
                log.info("history: journal %s waits for the next time (%s)", path, error)
            else:  # the history refuses it (a constraint): keep it aside, never retry
                log.warning("history: journal %s cannot be applied (%s); set aside", path, error)
                with contextlib.suppress(OSError):
                    path.replace(path.with_name(path.name + ".bad"))
            continue
        remove_journal(path)
        applied += 1
        log.info("history: added the session kept in %s", path)
    return applied
