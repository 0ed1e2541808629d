"""A locked screen counts as idle, from the first reading that saw it locked.

Windows and macOS tell *that* the screen is locked, not since when. The probe keeps
the instant it first saw the lock, so the idle time it reports grows while the lock
lasts, and restarts at the next lock.

:class:`InputAndLockIdle` is the idle probe both platforms share: the time since the
last input and the locked screen, each read through the platform's calls, and the
doctor's line in the platform's own words.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic

from stretchtimer.system.presence.probe import Calls, Check, Kind, ask


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


@dataclass(frozen=True)
class IdleWords:
    """What ``stretchtimer doctor`` says of a platform's idle probe, in its own words."""

    no_calls: str  # not this platform, or its calls cannot be loaded
    no_input: str  # the time of the last input cannot be read
    no_lock: str  # the input time can, the locked screen cannot
    both: str


class InputAndLockIdle(Generic[Calls]):
    """Time since the last input; a locked screen counts as idle, from when first seen.

    A platform names itself (``name``), reads the two answers through its calls
    (:meth:`read_input_idle`, :meth:`read_locked`) and words the doctor's line
    (:meth:`words`); a call that fails means "cannot tell".
    """

    name = ""
    kind = Kind.IDLE

    def __init__(self, calls: Calls | None, lock: LockWatch | None = None) -> None:
        self.calls = calls
        self.lock = lock or LockWatch()

    def read_input_idle(self, calls: Calls) -> float | None:
        """Seconds since the last input; None when the answer says none."""
        raise NotImplementedError

    def read_locked(self, calls: Calls) -> bool:
        raise NotImplementedError

    def words(self) -> IdleWords:
        raise NotImplementedError

    def input_idle_seconds(self) -> float | None:
        return ask(self.calls, self.read_input_idle, f"{self.name}: last input")

    def locked(self) -> bool | None:
        return ask(self.calls, self.read_locked, f"{self.name}: locked screen")

    def idle_seconds(self) -> float | None:
        return idle_with_lock(self.input_idle_seconds(), self.lock.seconds(self.locked()))

    def check(self) -> Check:
        words = self.words()
        if self.calls is None:
            return Check(False, words.no_calls)
        if self.input_idle_seconds() is None:
            return Check(False, words.no_input)
        if self.locked() is None:
            return Check(True, words.no_lock)
        return Check(True, words.both)
