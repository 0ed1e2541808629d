"""Which process is recording a session, and whether it still runs.

A session left ``in_progress`` belongs to a process that may have crashed. A
process id alone cannot say: ids are reused, and after a reboot a new program
may have the old number. So a session also stores when its process started
(on Linux, the boot id and the start time in clock ticks from ``/proc``; on
Windows, the creation time) and the machine's name. A process counts as
running only if a process with that id exists *and* started at that moment.
Sessions recorded on another machine (a history folder shared over the network)
are never judged from here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger(__name__)

PROC = Path("/proc")
BOOT_ID = PROC / "sys/kernel/random/boot_id"
STARTTIME_FIELD = 22  # in /proc/<pid>/stat, counting from 1


class ProcessIdentity(NamedTuple):
    """A recording process: its id, when it started and on which machine."""

    pid: int
    started: str | None  # when the process started, in a platform's own terms; None if unknown
    host: str


def host_name() -> str:
    if hasattr(os, "uname"):
        return os.uname().nodename
    return os.environ.get("COMPUTERNAME", "")


def this_process() -> ProcessIdentity:
    pid = os.getpid()
    return ProcessIdentity(pid, start_token(pid), host_name())


def is_running(identity: ProcessIdentity) -> bool | None:
    """True if that very process still runs, False if it does not, None if this machine cannot tell.

    ``None`` is for sessions recorded on another machine.
    """
    if identity.host != host_name():
        return None
    if identity.pid <= 0:
        return False
    started = start_token(identity.pid)
    if started is None:
        return False  # no process has that id
    if not identity.started or not started:
        return True  # an id is all there is to go by
    return identity.started == started  # else the id was reused by another program


def start_token(pid: int) -> str | None:
    """A string that differs between two processes that had the same id; None if none runs."""
    if sys.platform.startswith("linux"):
        return _linux_start_token(pid)
    if sys.platform == "win32":
        return _windows_start_token(pid)
    return "" if _posix_pid_exists(pid) else None


def _linux_start_token(pid: int) -> str | None:
    try:
        stat = (PROC / str(pid) / "stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may itself hold spaces or ")".
    fields = stat[stat.rfind(")") + 2 :].split()
    index = STARTTIME_FIELD - 3  # the fields after the name start at field 3
    if len(fields) <= index or fields[0] in ("Z", "X"):
        return None  # a zombie has finished: only its exit status is left
    boot = ""
    with contextlib.suppress(OSError):
        boot = BOOT_ID.read_text(encoding="ascii").strip()
    return f"linux:{boot}:{fields[index]}"


def _posix_pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists and belongs to someone else
    except OSError:
        return False
    return True


def _windows_start_token(pid: int) -> str | None:  # pragma: no cover - not run on Linux CI
    if sys.platform != "win32":
        return None
    import ctypes
    from ctypes import wintypes

    query_limited_information = 0x1000
    still_active = 259
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        # Access denied means it exists; any other error means it does not.
        return "" if ctypes.get_last_error() == 5 else None
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return None
        if code.value != still_active:
            return None
        created, exited, kernel, user = (wintypes.FILETIME() for _ in range(4))
        if not kernel32.GetProcessTimes(
            handle,
            ctypes.byref(created),
            ctypes.byref(exited),
            ctypes.byref(kernel),
            ctypes.byref(user),
        ):
            return ""
        return f"win:{created.dwHighDateTime}:{created.dwLowDateTime}"
    finally:
        kernel32.CloseHandle(handle)
