"""Idle time, the locked screen and Focus Assist on Windows, through ctypes (no extra package).

* **Idle**: ``GetLastInputInfo`` (user32) gives the tick of the last input as a 32-bit
  millisecond count, which wraps every 49.7 days; ``GetTickCount64`` (kernel32) is
  the tick now. The idle time is their difference modulo 2^32, right across a wrap.
* **Locked**: while the screen is locked the desktop that takes the input is the
  secure one: ``OpenInputDesktop`` cannot open it, or ``SwitchDesktop`` to it fails
  (the usual test; switching to the input desktop when unlocked changes nothing).
  A locked screen is idle. The session's own lock notification (WTS) needs a window
  to receive it and is not used.
* **Full screen**: ``SHQueryUserNotificationState`` (shell32, documented) says when
  a full-screen app, a Direct3D game or presentation mode is on.
* **Focus Assist**: Windows has no documented way to read it. The shell publishes
  the active "quiet hours" profile in the WNF state
  ``WNF_SHEL_QUIETHOURS_ACTIVE_PROFILE_CHANGED`` (0 off, 1 priority only, 2 alarms
  only), read with ``NtQueryWnfStateData`` from ntdll, itself undocumented. Every call
  is guarded: any failure or unexpected value means "cannot tell", never an error.

The few system calls sit behind :class:`WindowsCalls`, one method each; the rules
above are plain functions of their results, and tests feed those with a fake. Idle
time and the lock follow the macOS probe's rules
(:class:`~stretchtimer.system.presence.locked.InputAndLockIdle`).
"""

from __future__ import annotations

import ctypes
import logging
import sys
from typing import Protocol

from stretchtimer.core.i18n import _
from stretchtimer.system.presence.locked import IdleWords, InputAndLockIdle, LockWatch
from stretchtimer.system.presence.probe import Check, Kind, ask

log = logging.getLogger(__name__)

TICK_WRAP = 2**32  # GetLastInputInfo's dwTime is a DWORD of milliseconds
QUIET_HOURS_STATE = 0x0D83063EA3BF1C75  # WNF_SHEL_QUIETHOURS_ACTIVE_PROFILE_CHANGED
QUIET_HOURS_OFF, QUIET_HOURS_PRIORITY, QUIET_HOURS_ALARMS = 0, 1, 2
DESKTOP_SWITCHDESKTOP = 0x0100
# QUERY_USER_NOTIFICATION_STATE: 1 not present (locked, screen saver), 2 busy (a full-screen
# app), 3 Direct3D full screen, 4 presentation mode, 5 accepts notifications, 6 quiet time
# after setup, 7 a Store app runs
FULL_SCREEN_STATES = frozenset({2, 3, 4})
OTHER_STATES = frozenset({1, 5, 6, 7})


class WindowsCalls(Protocol):
    """One system call each; any of them may raise (OSError, AttributeError off Windows)."""

    def last_input_tick(self) -> int: ...

    def tick_count(self) -> int: ...

    def input_desktop_open(self) -> bool: ...

    def quiet_hours_profile(self) -> int: ...

    def notification_state(self) -> int: ...


def idle_milliseconds(last_input_tick: int, tick_now: int) -> int:
    """Milliseconds since the last input; the 32-bit tick may have wrapped since."""
    return (tick_now - last_input_tick) % TICK_WRAP


def focus_assist_on(profile: int) -> bool | None:
    """Focus Assist from the quiet-hours profile; None for a value we do not know."""
    if profile == QUIET_HOURS_OFF:
        return False
    if profile in (QUIET_HOURS_PRIORITY, QUIET_HOURS_ALARMS):
        return True
    return None


def full_screen_from(notification_state: int) -> bool | None:
    """A full-screen app or a presentation from the shell's notification state."""
    if notification_state in FULL_SCREEN_STATES:
        return True
    if notification_state in OTHER_STATES:
        return False
    return None


class _LastInputInfo(ctypes.Structure):
    _fields_ = [("cbSize", ctypes.c_uint32), ("dwTime", ctypes.c_uint32)]


class SystemCalls:
    """The real calls (Windows only: elsewhere the first call raises AttributeError)."""

    def __init__(self) -> None:
        loader = ctypes.WinDLL  # type: ignore[attr-defined,unused-ignore]
        self.user32 = loader("user32", use_last_error=True)
        self.kernel32 = loader("kernel32", use_last_error=True)
        self.ntdll = loader("ntdll")
        self.shell32 = loader("shell32")
        self.shell32.SHQueryUserNotificationState.restype = ctypes.c_long
        self.kernel32.GetTickCount64.restype = ctypes.c_uint64
        self.user32.OpenInputDesktop.restype = ctypes.c_void_p
        self.user32.OpenInputDesktop.argtypes = [ctypes.c_uint32, ctypes.c_int, ctypes.c_uint32]
        self.user32.SwitchDesktop.argtypes = [ctypes.c_void_p]
        self.user32.CloseDesktop.argtypes = [ctypes.c_void_p]
        self.ntdll.NtQueryWnfStateData.restype = ctypes.c_long

    def last_input_tick(self) -> int:
        info = _LastInputInfo(ctypes.sizeof(_LastInputInfo), 0)
        if not self.user32.GetLastInputInfo(ctypes.byref(info)):
            raise OSError(ctypes.get_last_error(), "GetLastInputInfo failed")  # type: ignore[attr-defined,unused-ignore]
        return int(info.dwTime)

    def tick_count(self) -> int:
        return int(self.kernel32.GetTickCount64())

    def input_desktop_open(self) -> bool:
        desktop = self.user32.OpenInputDesktop(0, False, DESKTOP_SWITCHDESKTOP)
        if not desktop:
            return False
        try:
            return bool(self.user32.SwitchDesktop(desktop))
        finally:
            self.user32.CloseDesktop(desktop)

    def quiet_hours_profile(self) -> int:
        state = ctypes.c_uint64(QUIET_HOURS_STATE)
        stamp, value = ctypes.c_uint32(0), ctypes.c_uint32(0)
        size = ctypes.c_uint32(ctypes.sizeof(value))
        status = self.ntdll.NtQueryWnfStateData(
            ctypes.byref(state), None, None, ctypes.byref(stamp), ctypes.byref(value),
            ctypes.byref(size),
        )  # fmt: skip
        if status != 0 or size.value != ctypes.sizeof(value):
            raise OSError(
                f"NtQueryWnfStateData: status {status & 0xFFFFFFFF:#x}, {size.value} bytes"
            )
        return int(value.value)

    def notification_state(self) -> int:
        state = ctypes.c_int(0)
        result = self.shell32.SHQueryUserNotificationState(ctypes.byref(state))
        if result < 0:
            raise OSError(f"SHQueryUserNotificationState: {result & 0xFFFFFFFF:#x}")
        return int(state.value)


def system_calls() -> WindowsCalls | None:
    if sys.platform != "win32":
        return None
    try:
        return SystemCalls()
    except (OSError, AttributeError) as error:
        log.info("the Windows system calls cannot be loaded: %s", error)
        return None


class WindowsIdle(InputAndLockIdle[WindowsCalls]):
    """Time since the last input in this session; a locked screen counts as idle."""

    name = "Windows last input (GetLastInputInfo) and locked screen (input desktop)"

    def __init__(self, calls: WindowsCalls | None = None, lock: LockWatch | None = None) -> None:
        super().__init__(calls if calls is not None else system_calls(), lock)

    def read_input_idle(self, calls: WindowsCalls) -> float | None:
        return idle_milliseconds(calls.last_input_tick(), calls.tick_count()) / 1000

    def read_locked(self, calls: WindowsCalls) -> bool:
        return not calls.input_desktop_open()

    def words(self) -> IdleWords:
        return IdleWords(
            no_calls=_("the Windows system calls cannot be loaded"),
            no_input=_("Windows does not tell the time of the last input"),
            no_lock=_("Windows tells the time of the last input; the locked screen is not seen"),
            both=_("Windows tells the time of the last input and the locked screen"),
        )


class WindowsFullScreen:
    """Another app fills the screen, or presentation mode is on."""

    name = "Windows full-screen apps (SHQueryUserNotificationState)"
    kind = Kind.FULL_SCREEN

    def __init__(self, calls: WindowsCalls | None = None) -> None:
        self.calls = calls if calls is not None else system_calls()

    def active(self) -> bool | None:
        return ask(
            self.calls, lambda calls: full_screen_from(calls.notification_state()), "full screen"
        )

    def check(self) -> Check:
        if self.active() is None:
            return Check(False, _("Windows does not tell when an app runs full screen"))
        return Check(True, _("Windows tells when an app runs full screen or a presentation is on"))


class FocusAssist:
    """Windows Focus Assist (Do Not Disturb), read from an undocumented shell state."""

    name = "Windows Focus Assist (WNF quiet hours state)"
    kind = Kind.DO_NOT_DISTURB

    def __init__(self, calls: WindowsCalls | None = None) -> None:
        self.calls = calls if calls is not None else system_calls()

    def active(self) -> bool | None:
        return ask(
            self.calls, lambda calls: focus_assist_on(calls.quiet_hours_profile()), "Focus Assist"
        )

    def check(self) -> Check:
        if self.active() is None:
            return Check(False, _("Focus Assist cannot be read on this version of Windows"))
        return Check(True, _("Focus Assist can be read"))
