"""The presence probes against real services: a private D-Bus bus with a stand-in idle
monitor and screen saver, the test run's PulseAudio server with a stand-in microphone,
and a private X server.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator

import pytest
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication

from stretchtimer.system.presence.dbus_idle import MutterIdle, ScreenSaverIdle
from stretchtimer.system.presence.desk_probes import DeskProbes
from stretchtimer.system.presence.do_not_disturb import NotificationsInhibited
from stretchtimer.system.presence.full_screen import FullScreenWindow
from stretchtimer.system.presence.meeting import MicrophoneInUse
from stretchtimer.system.presence.x11_idle import X11Idle
from tests.integration.audio.pulse import PulseServer
from tests.integration.desk.desktop_session import (
    Lines,
    fake_desktop,
    running_service,
    session_bus,
    x_server,
)

NOW = 1_717_400_000.0


@pytest.fixture
def bus_address(qapp: QApplication) -> Iterator[str]:
    with session_bus() as address:
        yield address


def connect(address: str, name: str) -> QDBusConnection:
    bus = QDBusConnection.connectToBus(address, name)
    assert bus.isConnected()
    return bus


@pytest.fixture
def presence(bus_address: str) -> Iterator[Lines]:
    with running_service("fake_presence", bus_address) as service:
        yield service


def command(service: Lines, text: str) -> None:
    service.send(text)
    service.wait_for("done")


def test_idle_time_and_a_locked_screen_come_from_the_desktop_bus(
    presence: Lines, bus_address: str
) -> None:
    bus = connect(bus_address, "presence-idle")
    mutter, screensaver = MutterIdle(bus), ScreenSaverIdle(bus)
    probes = DeskProbes(idle=[mutter, screensaver])
    assert mutter.check().ok and screensaver.check().ok
    assert probes.read(NOW).idle_since is None  # typing away

    command(presence, "idle 420000")  # seven minutes without input
    assert mutter.idle_seconds() == 420.0
    assert screensaver.idle_seconds() == 420.0
    assert probes.read(NOW).idle_since == NOW - 420.0
    command(presence, "idle 435000")
    assert probes.read(NOW + 15.02).idle_since == NOW - 420.0  # the same period, read again

    command(presence, "idle 0")
    assert probes.read(NOW + 30).idle_since is None  # back

    command(presence, "lock 900")  # the screen was locked a quarter of an hour ago
    assert screensaver.locked_seconds() == 900.0
    assert probes.read(NOW + 60).idle_since == NOW + 60 - 900.0
    command(presence, "unlock")
    assert probes.read(NOW + 90).idle_since is None


def test_without_the_desktop_services_the_probes_say_so_and_read_nothing(
    bus_address: str,
) -> None:
    bus = connect(bus_address, "presence-empty")
    mutter, screensaver = MutterIdle(bus), ScreenSaverIdle(bus)
    assert mutter.idle_seconds() is None and screensaver.idle_seconds() is None
    assert not mutter.check().ok
    assert mutter.check().detail.startswith("GNOME's idle monitor does not answer")
    assert not screensaver.check().ok
    assert DeskProbes(idle=[mutter, screensaver]).read(NOW).idle_since is None


def test_the_notification_servers_do_not_disturb_is_seen(bus_address: str) -> None:
    with fake_desktop(bus_address) as desktop:
        inhibited = NotificationsInhibited(connect(bus_address, "presence-dnd"))
        assert inhibited.check().ok and inhibited.active() is False
        command(desktop, "inhibit on")
        assert inhibited.active() is True
        assert DeskProbes(do_not_disturb=[inhibited]).read(NOW).do_not_disturb


def test_a_recording_microphone_is_a_call_and_a_recorded_monitor_is_not(
    pulse: PulseServer,
) -> None:
    module = pulse.pactl("load-module", "module-null-source", "source_name=test_microphone")
    environment = {**os.environ, **pulse.env()}
    microphone = MicrophoneInUse(environment)
    recorders: list[subprocess.Popen[bytes]] = []

    def record(device: str) -> None:
        recorders.append(
            subprocess.Popen(
                ["parec", f"--device={device}"],
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )

    def wait_for(expected: bool) -> None:
        deadline = time.monotonic() + 10
        while microphone.active() is not expected and time.monotonic() < deadline:
            time.sleep(0.05)
        assert microphone.active() is expected

    try:
        assert microphone.check().ok
        assert microphone.active() is False
        record("stretchtimer_test.monitor")  # a visualiser
        time.sleep(0.5)
        assert microphone.active() is False
        record("test_microphone")  # a call
        wait_for(True)
        assert microphone.recording_apps() == ["parec"]
        assert DeskProbes(meeting=[microphone]).read(NOW).meeting
        recorders[-1].terminate()
        recorders[-1].wait(timeout=10)
        wait_for(False)
    finally:
        for recorder in recorders:
            recorder.terminate()
            recorder.wait(timeout=10)
        pulse.pactl("unload-module", module.strip())


def test_without_a_sound_server_the_microphone_probe_cannot_tell() -> None:
    silent = MicrophoneInUse({**os.environ, "PULSE_SERVER": "unix:/nonexistent/socket"})
    assert silent.active() is None
    assert not silent.check().ok


def xprop(display: str, *arguments: str) -> None:
    subprocess.run(["xprop", "-display", display, *arguments], check=True, timeout=10)


def test_another_apps_full_screen_window_and_x11_idle_time() -> None:
    with x_server() as display:
        window = subprocess.Popen(
            ["xmessage", "-display", display, "-name", "presenter", "slides"],
            stderr=subprocess.DEVNULL,
        )
        try:
            found = subprocess.run(
                ["xdotool", "search", "--sync", "--classname", "presenter"],
                env=dict(os.environ, DISPLAY=display),
                capture_output=True,
                text=True,
                timeout=20,
                check=True,
            )
            window_id = found.stdout.split()[0]
            probe = FullScreenWindow(display, own_pid=os.getpid())
            assert probe.check().ok
            assert probe.active() is False  # no window manager named an active window
            xprop(
                display,
                "-root",
                "-f",
                "_NET_ACTIVE_WINDOW",
                "32x",
                "-set",
                "_NET_ACTIVE_WINDOW",
                window_id,
            )
            assert probe.active() is False  # active, but not full screen
            xprop(
                display,
                "-id",
                window_id,
                "-f",
                "_NET_WM_STATE",
                "32a",
                "-set",
                "_NET_WM_STATE",
                "_NET_WM_STATE_FULLSCREEN",
            )
            assert probe.active() is True
            xprop(
                display,
                "-id",
                window_id,
                "-f",
                "_NET_WM_PID",
                "32c",
                "-set",
                "_NET_WM_PID",
                str(os.getpid()),
            )
            assert probe.active() is False  # our own full-screen window does not count

            idle = X11Idle(display)
            time.sleep(1.2)
            assert idle.check().ok
            before = idle.idle_seconds()
            assert before is not None and before >= 1.0
            subprocess.run(
                ["xdotool", "mousemove", "40", "40"],
                env=dict(os.environ, DISPLAY=display),
                check=True,
                timeout=10,
            )
            after = idle.idle_seconds()
            assert after is not None and after < before
        finally:
            window.terminate()
            window.wait(timeout=10)
