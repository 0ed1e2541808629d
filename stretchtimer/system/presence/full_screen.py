"""Another app's window fills the screen (a presentation, a film, a game): X11 only.

The window manager names the active window (``_NET_ACTIVE_WINDOW`` on the root
window) and its state (``_NET_WM_STATE_FULLSCREEN``); ``xprop`` reads both. Our own
windows do not count (their ``_NET_WM_PID`` is this process). Wayland does not let
one app see another's windows, so there this probe says it cannot help.
"""

from __future__ import annotations

import os
import re
import shutil

from stretchtimer.core.i18n import _
from stretchtimer.system.presence.probe import Check, Kind, run_command

# "_NET_ACTIVE_WINDOW(WINDOW): window id # 0x2a00007" (or a plain number, as some set it)
_WINDOW = re.compile(r"(?:window id # |= )(0x[0-9a-fA-F]+|\d+)")


class FullScreenWindow:
    name = "full-screen window (X11 _NET_WM_STATE)"
    kind = Kind.FULL_SCREEN

    def __init__(self, display: str | None = None, own_pid: int | None = None) -> None:
        self.display = display if display is not None else os.environ.get("DISPLAY", "")
        self.own_pid = os.getpid() if own_pid is None else own_pid

    def _xprop(self, *arguments: str) -> str | None:
        return run_command(["xprop", "-display", self.display, *arguments])

    def active(self) -> bool | None:
        if not self.display or os.environ.get("WAYLAND_DISPLAY"):
            return None
        root = self._xprop("-root", "_NET_ACTIVE_WINDOW")
        if root is None:
            return None
        found = _WINDOW.search(root)
        if found is None or int(found.group(1), 0) == 0:
            return False  # no active window
        window = hex(int(found.group(1), 0))
        state = self._xprop("-id", window, "_NET_WM_STATE", "_NET_WM_PID")
        if state is None:
            return False  # it closed between the two questions
        if "_NET_WM_STATE_FULLSCREEN" not in state:
            return False
        pid = re.search(r"_NET_WM_PID\(CARDINAL\) = (\d+)", state)
        return not (pid is not None and int(pid.group(1)) == self.own_pid)

    def check(self) -> Check:
        if os.environ.get("WAYLAND_DISPLAY"):
            return Check(False, _("a Wayland session: other apps' windows cannot be seen"))
        if not self.display:
            return Check(False, _("no X display (DISPLAY is not set)"))
        if shutil.which("xprop") is None:
            return Check(False, _("xprop is missing"), "sudo apt install x11-utils")
        if self._xprop("-root", "_NET_ACTIVE_WINDOW") is None:
            return Check(
                False, _("cannot read the X display {display}").format(display=self.display)
            )
        return Check(True, _("the window manager tells which window is full screen"))
