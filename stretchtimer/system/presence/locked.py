"""A locked screen counts as idle, from the first reading that saw it locked.

Windows and macOS tell *that* the screen is locked, not since when. The probe keeps
the instant it first saw the lock, so the idle time it reports grows while the lock
lasts, and restarts at the next lock.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class LockWatch:
    """Turns "locked now?" readings into seconds locked; None while unlocked or unknown
    (an unlocked screen says nothing about idle time)."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.monotonic = monotonic
        self._since: float | None = None

    def seconds(self, locked: bool | None) -> float | None:
        if not locked:
            self._since = None
            return None
        now = self.monotonic()
        if self._since is None:
            self._since = now
        return now - self._since


def idle_with_lock(input_idle: float | None, locked_for: float | None) -> float | None:
    """Idle time that counts a locked screen: the longer of the two, None when neither is known."""
    known = [value for value in (input_idle, locked_for) if value is not None]
    return max(known) if known else None
