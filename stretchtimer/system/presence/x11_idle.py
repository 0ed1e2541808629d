"""Idle time from the X server's screen-saver extension (X11 sessions, any desktop).

Read through ``libXss`` with ctypes: a few calls, no extra Python package. The
display is opened once and kept; on Wayland (no ``DISPLAY``, or XWayland, which
only sees its own clients' input) this probe says it cannot help.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os

from stretchtimer.core.i18n import N_, _
from stretchtimer.system.presence.probe import Check, Kind

log = logging.getLogger(__name__)


NOT_X11 = N_("not an X11 session")
LIBXSS_MISSING = N_("libXss is not installed")


class _Info(ctypes.Structure):
    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("event_mask", ctypes.c_ulong),
    ]


class X11Idle:
    """``XScreenSaverQueryInfo``: milliseconds since the last input on this X display."""

    name = "X11 screen-saver extension (libXss)"
    kind = Kind.IDLE

    def __init__(self, display: str | None = None) -> None:
        self.display_name = display if display is not None else os.environ.get("DISPLAY", "")
        self._display: int | None = None
        self._problem: str | None = None
        self._xss: ctypes.CDLL | None = None
        self._x11: ctypes.CDLL | None = None

    def _open(self) -> bool:
        if self._display is not None:
            return True
        if self._problem is not None:
            return False
        if not self.display_name or os.environ.get("WAYLAND_DISPLAY"):
            self._problem = NOT_X11
            return False
        x11_name, xss_name = ctypes.util.find_library("X11"), ctypes.util.find_library("Xss")
        if x11_name is None or xss_name is None:
            self._problem = LIBXSS_MISSING
            return False
        x11, xss = ctypes.CDLL(x11_name), ctypes.CDLL(xss_name)
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_Info)
        xss.XScreenSaverQueryInfo.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(_Info),
        ]
        display = x11.XOpenDisplay(self.display_name.encode())
        if not display:
            self._problem = f"cannot open the X display {self.display_name}"
            return False
        self._x11, self._xss, self._display = x11, xss, display
        return True

    def idle_seconds(self) -> float | None:
        if not self._open() or self._x11 is None or self._xss is None:
            return None
        info = self._xss.XScreenSaverAllocInfo()
        try:
            root = self._x11.XDefaultRootWindow(self._display)
            if not self._xss.XScreenSaverQueryInfo(self._display, root, info):
                return None
            return float(info.contents.idle) / 1000.0
        finally:
            self._x11.XFree(info)

    def check(self) -> Check:
        if self.idle_seconds() is not None:
            return Check(
                True, _("the X server {display} tells idle time").format(display=self.display_name)
            )
        if self._problem == LIBXSS_MISSING:
            return Check(False, _(LIBXSS_MISSING), "sudo apt install libxss1")
        if self._problem == NOT_X11:
            return Check(False, _(NOT_X11))
        if self._problem is not None:
            return Check(
                False, _("cannot open the X display {display}").format(display=self.display_name)
            )
        return Check(False, _("the X server has no screen-saver extension"))
