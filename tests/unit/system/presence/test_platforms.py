"""Each platform gets its own probes, in the issue's order, and the rules that are off read
nothing; the doctor names each platform's sources and what cannot be read there."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from stretchtimer.core.i18n import Language
from stretchtimer.core.reminders.presence import PresenceRules
from stretchtimer.runtime.desk.media_key import MediaKeyControl
from stretchtimer.system.doctor import media_finding, media_key_finding, probe_findings
from stretchtimer.system.presence.dbus_idle import MutterIdle, ScreenSaverIdle
from stretchtimer.system.presence.desk_probes import DeskProbes
from stretchtimer.system.presence.full_screen import FullScreenWindow
from stretchtimer.system.presence.inhibitors import GnomeIdleInhibited, PowerManagementInhibited
from stretchtimer.system.presence.macos import MacFocus, MacIdle
from stretchtimer.system.presence.windows import FocusAssist, WindowsFullScreen, WindowsIdle
from stretchtimer.system.presence.x11_idle import X11Idle
from tests.unit.system.presence.fakes import MacCallsFake, MediaKeyCallsFake, WindowsCallsFake

NOW = 1_717_400_000.0


def kinds(probes: DeskProbes) -> list[list[type]]:
    groups = (probes.idle, probes.meeting, probes.full_screen, probes.do_not_disturb)
    return [[type(probe) for probe in group] for group in groups]


def test_windows_reads_the_last_input_full_screen_and_focus_assist() -> None:
    probes = DeskProbes.for_this_desktop(platform="win32")
    assert kinds(probes) == [[WindowsIdle], [], [WindowsFullScreen], [FocusAssist]]
    quiet = DeskProbes.for_this_desktop(
        platform="win32", rules=PresenceRules(use_idle=False, wait_for_do_not_disturb=False)
    )
    assert kinds(quiet) == [[], [], [WindowsFullScreen], []]


def test_macos_reads_the_hid_idle_time() -> None:
    assert kinds(DeskProbes.for_this_desktop(platform="darwin")) == [[MacIdle], [], [], [MacFocus]]


def test_linux_tries_the_desktop_bus_before_x11_and_asks_inhibitors_only_on_wayland(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    x11 = kinds(DeskProbes.for_this_desktop(platform="linux"))
    assert x11[0] == [MutterIdle, ScreenSaverIdle, X11Idle]
    assert x11[2] == [FullScreenWindow]
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    wayland = kinds(DeskProbes.for_this_desktop(platform="linux"))
    assert wayland[2] == [FullScreenWindow, GnomeIdleInhibited, PowerManagementInhibited]
    off = DeskProbes.for_this_desktop(
        platform="linux", rules=PresenceRules(wait_for_full_screen=False)
    )
    assert off.full_screen == [] and off.idle


def test_a_windows_desk_reads_idle_and_focus_assist_into_the_state() -> None:
    calls = WindowsCallsFake(last_input=1000, now=1000 + 600_000, quiet_hours=1)
    probes = DeskProbes(idle=[WindowsIdle(calls)], do_not_disturb=[FocusAssist(calls)])
    state = probes.read(NOW)
    assert state.idle_since == NOW - 600 and state.do_not_disturb
    calls.last_input, calls.quiet_hours = calls.now, PermissionError(5, "Access is denied")
    state = probes.read(NOW + 15)
    assert state.idle_since is None and not state.do_not_disturb  # unknown reads as free


def test_the_doctor_on_windows_names_its_sources_and_exits_well_without_them() -> None:
    calls = WindowsCallsFake(last_input=0, now=5000, desktop_open=OSError("denied"))
    probes = DeskProbes(idle=[WindowsIdle(calls)], do_not_disturb=[FocusAssist(calls)])
    findings = {finding.topic: finding for finding in probe_findings(probes, "win32")}
    idle = findings["idle time"]
    assert idle.state == "ok" and "the locked screen is not seen" in idle.detail
    assert findings["do not disturb"].state == "ok"
    assert findings["microphone and camera"].state == "off"  # no source on Windows
    assert findings["full-screen windows"].state == "off"

    broken = WindowsCallsFake(last_input=OSError("denied"), quiet_hours=OSError("0xc0000034"))
    probes = DeskProbes(idle=[WindowsIdle(broken)], do_not_disturb=[FocusAssist(broken)])
    findings = {finding.topic: finding for finding in probe_findings(probes, "win32")}
    assert findings["idle time"].state == "off"
    assert findings["idle time"].detail == "Windows does not tell the time of the last input"
    assert findings["do not disturb"].state == "off"
    assert "Focus Assist cannot be read" in findings["do not disturb"].detail
    assert not any(finding.state == "missing" for finding in findings.values())


def test_the_doctor_on_macos_says_focus_is_not_readable() -> None:
    sample = '    {\n      "HIDIdleTime" = 2500000000\n    }\n'
    probes = DeskProbes(idle=[MacIdle(MacCallsFake(output=sample))], do_not_disturb=[MacFocus()])
    findings = {finding.topic: finding for finding in probe_findings(probes, "darwin")}
    assert findings["idle time"].state == "ok"
    assert (findings["do not disturb"].state, findings["do not disturb"].detail) == (
        "off",
        "Focus is not readable on macOS",
    )


def test_the_doctor_tells_how_media_steps_aside_on_each_platform() -> None:
    from stretchtimer.runtime.dbus import session_bus

    playing = media_key_finding(MediaKeyControl(MediaKeyCallsFake(peaks=[0.2])))
    assert playing.state == "ok" and "media key" in playing.detail
    unreadable = media_key_finding(
        MediaKeyControl(MediaKeyCallsFake(peaks=[OSError("no device")] * 4), lambda _s: None)
    )
    assert unreadable.state == "off" and "WinRT" in unreadable.detail
    assert media_key_finding().state == "off"  # not Windows: no system calls here
    mac = media_finding(session_bus(), "darwin")
    assert mac.state == "off" and "pyobjc" in mac.detail


def test_every_new_doctor_line_is_translated(
    language: Callable[[str], Language], monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    from stretchtimer.runtime.dbus import session_bus

    language("qps")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-1")
    empty_bus = session_bus()  # the test run's own, with no desktop services on it
    sway = {finding.topic: finding for finding in probe_findings(DeskProbes(), "linux")}
    windows = WindowsCallsFake(last_input=0, now=5000, desktop_open=OSError("denied"))
    lines = [
        WindowsIdle(windows).check().detail,
        WindowsIdle(WindowsCallsFake()).check().detail,
        WindowsIdle(WindowsCallsFake(last_input=OSError("denied"))).check().detail,
        WindowsIdle().check().detail,
        FocusAssist(WindowsCallsFake()).check().detail,
        FocusAssist(WindowsCallsFake(quiet_hours=9)).check().detail,
        WindowsFullScreen(WindowsCallsFake()).check().detail,
        WindowsFullScreen(WindowsCallsFake(shell_state=OSError())).check().detail,
        MacIdle().check().detail,
        MacIdle(MacCallsFake(output="")).check().detail,
        MacIdle(MacCallsFake(output='"HIDIdleTime" = 5\n')).check().detail,
        MacIdle(MacCallsFake(output='"HIDIdleTime" = 5\n', locked=OSError())).check().detail,
        MacFocus().check().detail,
        media_key_finding(MediaKeyControl(MediaKeyCallsFake(peaks=[0.2]))).detail,
        media_key_finding(MediaKeyControl(None)).detail,
        media_finding(empty_bus, "darwin").detail,
        GnomeIdleInhibited(empty_bus).check().detail,
        PowerManagementInhibited(empty_bus).check().detail,
        sway["idle time"].detail,
    ]
    for line in lines:
        assert line.startswith("⟦") and line.endswith("⟧"), line
