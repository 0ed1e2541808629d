"""All the presence probes of this desktop, read together into one :class:`DeskState`.

The probes are chosen by the platform. On Linux idle sources are tried in order
(GNOME's idle monitor, the freedesktop screen saver, the X11 extension); every one
that answers counts, so a locked screen reported by the screen saver is seen even
where another source tells idle time. On Wayland, where other windows cannot be
seen, a program holding the session's idle inhibitor stands for a full-screen
window. Windows reads the last input, full-screen apps and Focus Assist, macOS the
HID idle time. A meeting, a full-screen window or do-not-disturb is on when
any of its sources says so. A source that cannot tell is simply left out.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtDBus import QDBusConnection

from stretchtimer.core.reminders.presence import DeskState, PresenceRules
from stretchtimer.system.presence.dbus_idle import MutterIdle, ScreenSaverIdle
from stretchtimer.system.presence.do_not_disturb import GnomeDoNotDisturb, NotificationsInhibited
from stretchtimer.system.presence.full_screen import FullScreenWindow
from stretchtimer.system.presence.inhibitors import GnomeIdleInhibited, PowerManagementInhibited
from stretchtimer.system.presence.meeting import CameraInUse, MicrophoneInUse
from stretchtimer.system.presence.probe import FlagProbe, IdleProbe, Probe
from stretchtimer.system.presence.x11_idle import X11Idle

IDLE_AFTER = 30.0  # seconds without input before the desk is reported idle
SAME_IDLE_WITHIN = 5.0  # readings of one idle period differ by the time a reading takes


@dataclass
class DeskProbes:
    """Reads the desk. ``read`` blocks for at most a few short calls: run it off the GUI thread."""

    idle: Sequence[IdleProbe] = ()
    meeting: Sequence[FlagProbe] = ()
    full_screen: Sequence[FlagProbe] = ()
    do_not_disturb: Sequence[FlagProbe] = ()
    _last: DeskState = field(default_factory=DeskState)

    @classmethod
    def for_this_desktop(
        cls,
        bus: QDBusConnection | None = None,
        rules: PresenceRules | None = None,
        platform: str = sys.platform,
    ) -> DeskProbes:
        """Every probe of this platform, or those the person's ``rules`` use (nothing is
        read for a rule that is off: a switched-off meeting rule never asks who uses the
        microphone)."""
        rules = rules or PresenceRules()
        # Another platform's probes are imported only there (ctypes' Windows and macOS
        # bindings: nothing to hold for hours in the tray of a Linux desktop).
        if platform == "win32":
            from stretchtimer.system.presence.windows import (
                FocusAssist,
                WindowsFullScreen,
                WindowsIdle,
            )
            from stretchtimer.system.presence.windows import system_calls as windows_calls

            calls = windows_calls()
            probes = cls(
                idle=[WindowsIdle(calls)],
                full_screen=[WindowsFullScreen(calls)],
                do_not_disturb=[FocusAssist(calls)],
            )
        elif platform == "darwin":
            from stretchtimer.system.presence.macos import MacFocus, MacIdle

            probes = cls(idle=[MacIdle()], do_not_disturb=[MacFocus()])
        else:
            probes = cls._freedesktop(bus)
        return probes.following(rules)

    @classmethod
    def _freedesktop(cls, bus: QDBusConnection | None) -> DeskProbes:
        full_screen: list[FlagProbe] = [FullScreenWindow()]
        if os.environ.get("WAYLAND_DISPLAY"):
            full_screen += [GnomeIdleInhibited(bus), PowerManagementInhibited(bus)]
        return cls(
            idle=[MutterIdle(bus), ScreenSaverIdle(bus), X11Idle()],
            meeting=[MicrophoneInUse(), CameraInUse()],
            full_screen=full_screen,
            do_not_disturb=[GnomeDoNotDisturb(), NotificationsInhibited(bus)],
        )

    def following(self, rules: PresenceRules) -> DeskProbes:
        """These probes without those of the rules that are off."""
        return DeskProbes(
            idle=self.idle if rules.use_idle else [],
            meeting=self.meeting if rules.wait_for_meeting else [],
            full_screen=self.full_screen if rules.wait_for_full_screen else [],
            do_not_disturb=self.do_not_disturb if rules.wait_for_do_not_disturb else [],
        )

    def all(self) -> list[Probe]:
        return [*self.idle, *self.meeting, *self.full_screen, *self.do_not_disturb]

    def idle_seconds(self) -> float | None:
        readings = [seconds for probe in self.idle if (seconds := probe.idle_seconds()) is not None]
        return max(readings) if readings else None

    def read(self, now: float) -> DeskState:
        """The desk at wall-clock instant ``now``."""
        idle = self.idle_seconds()
        idle_since = now - idle if idle is not None and idle >= IDLE_AFTER else None
        previous = self._last.idle_since
        if (
            idle_since is not None
            and previous is not None
            and abs(idle_since - previous) < SAME_IDLE_WITHIN
        ):
            idle_since = previous  # the same idle period, read again
        state = DeskState(
            idle_since=idle_since,
            meeting=_any(self.meeting),
            full_screen=_any(self.full_screen),
            do_not_disturb=_any(self.do_not_disturb),
        )
        self._last = state
        return state


def _any(probes: Sequence[FlagProbe]) -> bool:
    return any(probe.active() is True for probe in probes)
