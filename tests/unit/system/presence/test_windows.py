"""Windows: idle time across the 32-bit tick's wrap, the locked screen, Focus Assist;
every failure of a system call means "cannot tell", never an error."""

from __future__ import annotations

from stretchtimer.system.presence.locked import LockWatch
from stretchtimer.system.presence.windows import (
    TICK_WRAP,
    FocusAssist,
    WindowsFullScreen,
    WindowsIdle,
    idle_milliseconds,
)
from tests.unit.system.presence.fakes import FakeMonotonic, WindowsCallsFake

DAY_MS = 86_400_000


def test_idle_time_is_the_ticks_since_the_last_input() -> None:
    calls = WindowsCallsFake(last_input=3_600_000, now=3_600_000 + 420_000)
    assert WindowsIdle(calls).idle_seconds() == 420.0


def test_idle_time_stays_right_when_the_32_bit_tick_wraps_after_49_days() -> None:
    # The last input 1 s before the wrap, now 5 s after it: 6 s, not 49.7 days.
    assert idle_milliseconds(TICK_WRAP - 1000, TICK_WRAP + 5000) == 6000
    # Sixty days up: GetTickCount64 is past 2^32, the last input's tick is its low 32 bits.
    now = 60 * DAY_MS
    last_input = (now - 420_000) % TICK_WRAP
    assert last_input < now - TICK_WRAP  # the stored tick wrapped
    idle = WindowsIdle(WindowsCallsFake(last_input=last_input, now=now))
    assert idle.idle_seconds() == 420.0


def test_a_locked_screen_counts_as_idle_from_when_it_was_first_seen() -> None:
    clock = FakeMonotonic()
    calls = WindowsCallsFake(last_input=0, now=2000, desktop_open=False)
    idle = WindowsIdle(calls, LockWatch(clock))
    assert idle.idle_seconds() == 2.0  # just locked: the last input was 2 s ago
    clock.now += 600
    calls.now += 1000  # a key pressed on the lock screen does not reach the session...
    calls.last_input = calls.now
    assert idle.idle_seconds() == 600.0  # ...and the lock still counts as ten minutes away
    calls.desktop_open = True  # unlocked and typing
    assert idle.idle_seconds() == 0.0
    calls.desktop_open = False
    clock.now += 30
    assert idle.idle_seconds() == 0.0  # a new lock counts from now
    clock.now += 90
    assert idle.idle_seconds() == 90.0


def test_failing_calls_mean_unknown_and_the_doctor_line_says_which() -> None:
    denied = PermissionError(5, "Access is denied")
    idle = WindowsIdle(WindowsCallsFake(last_input=denied, now=10, desktop_open=denied))
    assert idle.idle_seconds() is None
    check = idle.check()
    assert not check.ok
    assert check.detail == "Windows does not tell the time of the last input"

    without_lock = WindowsIdle(WindowsCallsFake(last_input=0, now=5000, desktop_open=denied))
    assert without_lock.idle_seconds() == 5.0  # the input time alone still counts
    assert without_lock.check().ok
    assert "the locked screen is not seen" in without_lock.check().detail
    full = WindowsIdle(WindowsCallsFake(last_input=0, now=5000))
    assert full.check().detail == "Windows tells the time of the last input and the locked screen"


def test_off_windows_the_probes_load_nothing_and_tell_nothing() -> None:
    idle, focus = WindowsIdle(), FocusAssist()  # this machine runs Linux
    assert idle.calls is None and idle.idle_seconds() is None
    assert idle.check().detail == "the Windows system calls cannot be loaded"
    assert focus.active() is None and not focus.check().ok


def test_focus_assist_reads_the_quiet_hours_profile() -> None:
    calls = WindowsCallsFake(quiet_hours=0)
    focus = FocusAssist(calls)
    assert focus.active() is False and focus.check().ok
    calls.quiet_hours = 1  # priority only
    assert focus.active() is True
    calls.quiet_hours = 2  # alarms only
    assert focus.active() is True


def test_focus_assist_that_cannot_be_read_is_unknown_never_an_error() -> None:
    for failure in (
        OSError("NtQueryWnfStateData: 0xc0000034, 0 bytes"),  # the state name is not there
        AttributeError("function 'NtQueryWnfStateData' not found"),  # an ntdll without it
        PermissionError(5, "Access is denied"),
    ):
        focus = FocusAssist(WindowsCallsFake(quiet_hours=failure))
        assert focus.active() is None
        assert focus.check().detail == "Focus Assist cannot be read on this version of Windows"
    assert FocusAssist(WindowsCallsFake(quiet_hours=7)).active() is None  # a profile we do not know


def test_a_full_screen_app_or_a_presentation_holds_the_reminder() -> None:
    calls = WindowsCallsFake(shell_state=5)  # accepts notifications: nothing in the way
    full_screen = WindowsFullScreen(calls)
    assert full_screen.active() is False and full_screen.check().ok
    for busy in (2, 3, 4):  # a full-screen app, a Direct3D game, presentation mode
        calls.shell_state = busy
        assert full_screen.active() is True
    for other in (1, 6, 7):  # locked (counted as idle instead), quiet time, a Store app
        calls.shell_state = other
        assert full_screen.active() is False
    calls.shell_state = 42
    assert full_screen.active() is None  # a state a newer Windows added: cannot tell
    calls.shell_state = OSError("SHQueryUserNotificationState: 0x80004005")
    assert full_screen.active() is None
    assert full_screen.check().detail == "Windows does not tell when an app runs full screen"
