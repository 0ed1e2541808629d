"""Idle time and the locked screen on macOS, with no extra package; Focus is not readable.

* **Idle**: the HID system's ``HIDIdleTime`` (nanoseconds since the last keyboard,
  mouse or trackpad input), printed by ``ioreg -c IOHIDSystem -d 4 -r -k HIDIdleTime``.
* **Locked**: ``CGSessionCopyCurrentDictionary`` (CoreGraphics, through ctypes) holds
  ``CGSSessionScreenIsLocked`` while the screen is locked; the key is absent when it
  is not. Without a window-server session (over ssh) it cannot be read.
* **Focus (Do Not Disturb)**: macOS shows an app its Focus state only through the
  Intents framework, to communication apps with Apple's entitlement; there is no
  public way to read it here, and ``stretchtimer doctor`` says so.

The two system calls sit behind :class:`MacCalls`; tests feed the parsing and the
rules with a fake of those calls. The rules are the Windows probe's too
(:class:`~stretchtimer.system.presence.locked.InputAndLockIdle`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import sys
from typing import Protocol

from stretchtimer.core.i18n import _
from stretchtimer.system.presence.locked import IdleWords, InputAndLockIdle, LockWatch
from stretchtimer.system.presence.probe import Check, Kind, run_command

IOREG = ["ioreg", "-c", "IOHIDSystem", "-d", "4", "-r", "-k", "HIDIdleTime"]
_IDLE = re.compile(r'"HIDIdleTime"\s*=\s*(\d+)\s*$', re.MULTILINE)
LOCKED_KEY = b"CGSSessionScreenIsLocked"
UTF8 = 0x08000100  # kCFStringEncodingUTF8


class MacCalls(Protocol):
    """One system call each; either may raise."""

    def ioreg(self) -> str | None:
        """``ioreg``'s output, None when it is missing, fails or takes too long."""
        ...

    def screen_locked(self) -> bool: ...


def hid_idle_seconds(ioreg_output: str) -> float | None:
    """Seconds since the last input from ``ioreg``'s output; None when it says no idle time."""
    found = _IDLE.search(ioreg_output)
    return None if found is None else int(found.group(1)) / 1e9


class SystemCalls:
    """``ioreg`` and CoreGraphics' session dictionary (macOS only)."""

    def ioreg(self) -> str | None:
        return run_command(IOREG)

    def screen_locked(self) -> bool:
        cf = ctypes.CDLL(ctypes.util.find_library("CoreFoundation"))
        graphics = ctypes.CDLL(ctypes.util.find_library("CoreGraphics"))
        graphics.CGSessionCopyCurrentDictionary.restype = ctypes.c_void_p
        cf.CFStringCreateWithCString.restype = ctypes.c_void_p
        cf.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
        cf.CFDictionaryGetValue.restype = ctypes.c_void_p
        cf.CFDictionaryGetValue.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        cf.CFGetTypeID.restype = ctypes.c_ulong
        cf.CFGetTypeID.argtypes = [ctypes.c_void_p]
        cf.CFBooleanGetTypeID.restype = ctypes.c_ulong
        cf.CFBooleanGetValue.restype = ctypes.c_bool
        cf.CFBooleanGetValue.argtypes = [ctypes.c_void_p]
        cf.CFRelease.argtypes = [ctypes.c_void_p]
        session = graphics.CGSessionCopyCurrentDictionary()
        if not session:
            raise OSError("no window-server session")
        key = cf.CFStringCreateWithCString(None, LOCKED_KEY, UTF8)
        try:
            value = cf.CFDictionaryGetValue(session, key)
            if not value:
                return False  # the key is there only while locked
            if cf.CFGetTypeID(value) != cf.CFBooleanGetTypeID():
                raise OSError("CGSSessionScreenIsLocked is not a boolean")
            return bool(cf.CFBooleanGetValue(value))
        finally:
            cf.CFRelease(key)
            cf.CFRelease(session)


def system_calls() -> MacCalls | None:
    return SystemCalls() if sys.platform == "darwin" else None


class MacIdle(InputAndLockIdle[MacCalls]):
    """The HID system's idle time; a locked screen counts as idle."""

    name = "macOS HID idle time (ioreg HIDIdleTime) and locked screen (CGSession)"

    def __init__(self, calls: MacCalls | None = None, lock: LockWatch | None = None) -> None:
        super().__init__(calls if calls is not None else system_calls(), lock)

    def read_input_idle(self, calls: MacCalls) -> float | None:
        output = calls.ioreg()
        return None if output is None else hid_idle_seconds(output)

    def read_locked(self, calls: MacCalls) -> bool:
        return calls.screen_locked()  # no session, a missing framework: raises

    def words(self) -> IdleWords:
        return IdleWords(
            no_calls=_("not macOS"),
            no_input=_("ioreg does not tell the HID idle time"),
            no_lock=_("macOS tells the HID idle time; the locked screen is not readable"),
            both=_("macOS tells the HID idle time and the locked screen"),
        )


class MacFocus:
    """macOS Focus: no public way to read it, so it is never known."""

    name = "macOS Focus"
    kind = Kind.DO_NOT_DISTURB

    def active(self) -> bool | None:
        return None

    def check(self) -> Check:
        return Check(False, _("Focus is not readable on macOS"), limit=True)
