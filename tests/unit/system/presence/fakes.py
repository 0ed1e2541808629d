"""Stand-ins for the few Windows and macOS system calls, fed with what those systems return.

The calls cannot run on Linux; the decisions around them can. Each fake answers
like the real call: a value, or the exception the real call raises when it fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class WindowsCallsFake:
    """``GetLastInputInfo`` (32-bit tick), ``GetTickCount64``, the input desktop, WNF, shell."""

    last_input: int | BaseException = 0
    now: int | BaseException = 0
    desktop_open: bool | BaseException = True
    quiet_hours: int | BaseException = 0
    shell_state: int | BaseException = 5  # QUNS_ACCEPTS_NOTIFICATIONS

    @staticmethod
    def _answer(value: int | bool | BaseException) -> int | bool:
        if isinstance(value, BaseException):
            raise value
        return value

    def last_input_tick(self) -> int:
        return int(self._answer(self.last_input))

    def tick_count(self) -> int:
        return int(self._answer(self.now))

    def input_desktop_open(self) -> bool:
        return bool(self._answer(self.desktop_open))

    def quiet_hours_profile(self) -> int:
        return int(self._answer(self.quiet_hours))

    def notification_state(self) -> int:
        return int(self._answer(self.shell_state))


@dataclass
class MacCallsFake:
    """``ioreg``'s output (None: it failed) and the session dictionary's lock flag."""

    output: str | BaseException | None = None
    locked: bool | BaseException = False

    def ioreg(self) -> str | None:
        if isinstance(self.output, BaseException):
            raise self.output
        return self.output

    def screen_locked(self) -> bool:
        if isinstance(self.locked, BaseException):
            raise self.locked
        return self.locked


@dataclass
class FakeMonotonic:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class MediaKeyCallsFake:
    """The output's peak level, one reading after another, and the presses of the key."""

    peaks: list[float | BaseException] = field(default_factory=list)
    presses: int = 0
    press_fails: BaseException | None = None

    def peak(self) -> float:
        value = self.peaks.pop(0) if self.peaks else 0.0
        if isinstance(value, BaseException):
            raise value
        return value

    def press_play_pause(self) -> None:
        if self.press_fails is not None:
            raise self.press_fails
        self.presses += 1
