"""macOS: the HID idle time as ``ioreg`` prints it, the locked screen, and Focus, which
cannot be read; every failure means "cannot tell", never an error."""

from __future__ import annotations

import subprocess
from pathlib import Path

from stretchtimer.system.presence.locked import LockWatch
from stretchtimer.system.presence.macos import MacFocus, MacIdle, hid_idle_seconds
from tests.unit.system.presence.fakes import FakeMonotonic, MacCallsFake

# ioreg -c IOHIDSystem -d 4 -r -k HIDIdleTime on a MacBook, idle about seven minutes
SAMPLE = (Path(__file__).parent / "ioreg_hid_idle.txt").read_text(encoding="utf-8")


def test_the_idle_time_is_read_from_ioreg_in_nanoseconds() -> None:
    assert hid_idle_seconds(SAMPLE) == 427.318503916
    idle = MacIdle(MacCallsFake(output=SAMPLE))
    assert idle.idle_seconds() == 427.318503916
    assert idle.check().detail == "macOS tells the HID idle time and the locked screen"


def test_output_without_an_idle_time_tells_nothing() -> None:
    for output in (
        "",
        SAMPLE.replace('"HIDIdleTime" = 427318503916', '"HIDIdleTime" = <0a1b2c>'),
        SAMPLE.replace('"HIDIdleTime" = 427318503916\n', ""),
        "ioreg: no such class\n",
        SAMPLE[:400],  # cut off before the key
    ):
        assert hid_idle_seconds(output) is None, output
        idle = MacIdle(MacCallsFake(output=output))
        assert idle.idle_seconds() is None
        assert idle.check().detail == "ioreg does not tell the HID idle time"


def test_ioreg_that_fails_or_is_refused_means_unknown() -> None:
    for failure in (
        PermissionError(13, "Operation not permitted"),
        subprocess.TimeoutExpired(["ioreg"], 2.0),
    ):
        idle = MacIdle(MacCallsFake(output=failure, locked=failure))
        assert idle.idle_seconds() is None and not idle.check().ok
    assert MacIdle(MacCallsFake(output=None)).idle_seconds() is None  # ioreg exited with an error


def test_a_locked_screen_counts_as_idle_and_an_unreadable_lock_is_named() -> None:
    clock = FakeMonotonic()
    calls = MacCallsFake(output=SAMPLE.replace("427318503916", "1000000000"), locked=True)
    idle = MacIdle(calls, LockWatch(clock))
    assert idle.idle_seconds() == 1.0
    clock.now += 900
    assert idle.idle_seconds() == 900.0
    calls.locked = False
    assert idle.idle_seconds() == 1.0

    calls.locked = OSError("no window-server session")  # over ssh
    assert idle.idle_seconds() == 1.0  # the input time alone
    check = idle.check()
    assert check.ok
    assert check.detail == "macOS tells the HID idle time; the locked screen is not readable"


def test_off_macos_nothing_is_asked() -> None:
    idle = MacIdle()
    assert idle.calls is None and idle.idle_seconds() is None
    assert idle.check().detail == "not macOS"


def test_focus_is_never_known_and_the_doctor_says_it_cannot_be_read() -> None:
    focus = MacFocus()
    assert focus.active() is None
    check = focus.check()
    assert (check.ok, check.detail, check.limit) == (False, "Focus is not readable on macOS", True)
