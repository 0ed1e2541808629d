"""The idle probe Windows and macOS share: the input's idle time, a locked screen counted
as idle from when it was first seen, and the doctor's line for what can be read."""

from __future__ import annotations

import logging

import pytest

from stretchtimer.system.presence.locked import (
    IdleWords,
    InputAndLockIdle,
    LockWatch,
    idle_with_lock,
)
from tests.unit.system.presence.fakes import FakeMonotonic


class Desk:
    """A platform's two answers, each a value or the error its call raises."""

    def __init__(self, idle: float | Exception | None, locked: bool | Exception) -> None:
        self.idle, self.is_locked = idle, locked


def answer(value: object) -> object:
    if isinstance(value, Exception):
        raise value
    return value


class DeskIdle(InputAndLockIdle[Desk]):
    name = "a desk"

    def read_input_idle(self, calls: Desk) -> float | None:
        return answer(calls.idle)  # type: ignore[return-value]

    def read_locked(self, calls: Desk) -> bool:
        return answer(calls.is_locked)  # type: ignore[return-value]

    def words(self) -> IdleWords:
        return IdleWords("no desk", "no input time", "input time, no lock", "both")


def test_a_locked_screen_is_idle_for_as_long_as_it_has_been_seen_locked() -> None:
    clock = FakeMonotonic()
    desk = Desk(idle=2.0, locked=True)
    probe = DeskIdle(desk, LockWatch(clock))
    assert probe.idle_seconds() == 2.0  # locked just now: the input time is longer
    clock.now += 600
    assert probe.idle_seconds() == 600.0
    desk.is_locked = False
    assert probe.idle_seconds() == 2.0
    desk.is_locked = True  # locked again: counted from this lock, not the last
    clock.now += 5
    assert probe.idle_seconds() == 2.0


def test_the_doctor_says_what_can_be_read() -> None:
    assert DeskIdle(None).check().detail == "no desk"
    assert not DeskIdle(None).check().ok
    assert DeskIdle(Desk(idle=None, locked=False)).check().detail == "no input time"
    no_lock = DeskIdle(Desk(idle=1.0, locked=OSError("no session"))).check()
    assert (no_lock.ok, no_lock.detail) == (True, "input time, no lock")
    both = DeskIdle(Desk(idle=1.0, locked=False)).check()
    assert (both.ok, both.detail) == (True, "both")


def test_a_failing_call_means_cannot_tell_and_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    probe = DeskIdle(Desk(idle=PermissionError(5, "Access is denied"), locked=OSError("gone")))
    with caplog.at_level(logging.DEBUG, logger="stretchtimer.system.presence"):
        assert probe.idle_seconds() is None
        assert probe.locked() is None
    assert "a desk: last input" in caplog.text and "Access is denied" in caplog.text
    assert "a desk: locked screen" in caplog.text


def test_off_the_platform_nothing_is_asked() -> None:
    probe = DeskIdle(None)
    assert (probe.input_idle_seconds(), probe.locked(), probe.idle_seconds()) == (None,) * 3


def test_idle_is_the_longer_of_input_and_lock() -> None:
    assert idle_with_lock(3.0, 10.0) == 10.0
    assert idle_with_lock(None, 4.0) == 4.0
    assert idle_with_lock(None, None) is None
