"""The seam every presence probe fits: a name, a self-check, and a reading.

A probe answers one question about the desktop (how long has the person been idle,
is a microphone in use, is another window full screen, is do-not-disturb on). Its
:meth:`~Probe.check` says whether it can answer here, and if not, the one thing
that would make it work; ``stretchtimer doctor`` prints exactly that. A reading
never raises and never waits long: a source that fails answers None ("cannot
tell") and the reminders behave as if the desk were free.
"""

from __future__ import annotations

import enum
import logging
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from stretchtimer.core.i18n import N_

log = logging.getLogger(__name__)

COMMAND_TIMEOUT = 2.0  # seconds: every helper program answers in milliseconds

Calls = TypeVar("Calls")
Answer = TypeVar("Answer")


class Kind(enum.Enum):
    """What a probe tells, as ``stretchtimer doctor`` names it."""

    IDLE = N_("idle time")
    MEETING = N_("microphone and camera")
    FULL_SCREEN = N_("full-screen windows")
    DO_NOT_DISTURB = N_("do not disturb")


@dataclass(frozen=True)
class Check:
    """Whether a probe works on this machine; when not, why and the one fix."""

    ok: bool
    detail: str  # what was found: "GNOME's idle monitor answers", "no session bus"
    fix: str = ""  # one command or setting that makes it work; empty when ok
    limit: bool = False  # the platform does not allow it: nothing to fix, the doctor says "off"


class Probe(Protocol):
    """One source of one answer. ``read`` returns None when it cannot tell right now."""

    name: str
    kind: Kind

    def check(self) -> Check: ...


class IdleProbe(Probe, Protocol):
    def idle_seconds(self) -> float | None:
        """Seconds since the last keyboard or mouse input (a locked screen: since locking)."""
        ...


class FlagProbe(Probe, Protocol):
    def active(self) -> bool | None:
        """The thing is happening (a call, a full-screen window, do-not-disturb)."""
        ...


def run_command(arguments: Sequence[str], environment: dict[str, str] | None = None) -> str | None:
    """A helper program's output, or None when it is missing, fails or takes too long."""
    try:
        result = subprocess.run(
            list(arguments),
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
            env=environment,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        log.debug("%s: %s", arguments[0], error)
        return None
    if result.returncode != 0:
        log.debug("%s failed (%s): %s", arguments[0], result.returncode, result.stderr.strip())
        return None
    return result.stdout


def ask(calls: Calls | None, read: Callable[[Calls], Answer | None], what: str) -> Answer | None:
    """One reading through a platform's system calls (None: not this platform). Any
    failure (a refused call, a missing one on an older system, an API's undocumented
    corners) means "cannot tell": logged, never raised."""
    if calls is None:
        return None
    try:
        return read(calls)
    except Exception as error:
        log.debug("%s: %s", what, error)
        return None
