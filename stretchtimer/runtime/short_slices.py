"""Ask Linux to wake the thread that plays a session as soon as its timer fires.

While other programs keep every core busy, the scheduler may let a thread that
wakes from a timer wait for the next scheduler tick (4 ms at 250 Hz) before it
runs, and every cue lands that much late. Since Linux 6.12 a normal thread may
ask for shorter time slices (``sched_attr.sched_runtime``, no privileges
needed); the scheduler then runs it as soon as it wakes. Its share of the
processor stays the same. Elsewhere (other systems, older kernels, a thread
given another scheduling policy on purpose) nothing changes.
"""

from __future__ import annotations

import ctypes
import logging
import os
import platform
import struct
import sys

log = logging.getLogger(__name__)

SLICE_NS = 300_000  # 0.3 ms; the kernel accepts 0.1 ms to 100 ms
# sched_setattr and sched_getattr by machine: Python has no wrapper for them.
_SYSCALLS = {"x86_64": (314, 315), "aarch64": (274, 275)}
# struct sched_attr as first published (48 bytes): size, policy, flags, nice,
# priority, runtime, deadline, period.
_ATTR = struct.Struct("=IIQiIQQQ")


def request_short_slices(slice_ns: int = SLICE_NS) -> bool:
    """Ask for short slices for the calling thread; True when the kernel agreed."""
    agreed = _set_slice(slice_ns)
    log.debug("short scheduler slices %s", "granted" if agreed else "not available")
    return agreed


def release_short_slices() -> None:
    """Give the calling thread the kernel's usual slices back (the session is over)."""
    _set_slice(0)


def current_slice_ns(thread: int = 0) -> int | None:
    """The slice a thread asked for (0: the calling thread); None where it cannot be read."""
    syscalls = _syscalls()
    if syscalls is None:
        return None
    attr = ctypes.create_string_buffer(_ATTR.size)
    if _libc().syscall(syscalls[1], thread, attr, _ATTR.size, 0) != 0:
        return None
    runtime: int = _ATTR.unpack(attr.raw)[5]
    return runtime


def _set_slice(slice_ns: int) -> bool:
    syscalls = _syscalls()
    if syscalls is None or os.sched_getscheduler(0) != os.SCHED_OTHER:
        return False  # not Linux, or a policy someone chose for this thread: keep it
    nice = os.getpriority(os.PRIO_PROCESS, 0)  # on Linux: this thread's nice value
    attr = ctypes.create_string_buffer(
        _ATTR.pack(_ATTR.size, os.SCHED_OTHER, 0, nice, 0, slice_ns, 0, 0)
    )
    if _libc().syscall(syscalls[0], 0, attr, 0) != 0:
        return False
    # Kernels before 6.12 accept and ignore it; 0 asks for the usual slices.
    return slice_ns == 0 or current_slice_ns() == slice_ns


def _syscalls() -> tuple[int, int] | None:
    if not sys.platform.startswith("linux"):
        return None
    return _SYSCALLS.get(platform.machine())


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)
