"""Wayland: a program holding the session's idle inhibitor stands for a full-screen window,
read from a stand-in GNOME session manager and KDE power management really on a private
D-Bus bus; a compositor that tells no idle time leaves the reminders on the clock, and
``stretchtimer doctor`` says both."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication

from stretchtimer.core.reminders.presence import HoldReason, PresenceRules, holds
from stretchtimer.system.presence.dbus_idle import MutterIdle, ScreenSaverIdle
from stretchtimer.system.presence.desk_probes import DeskProbes
from stretchtimer.system.presence.inhibitors import GnomeIdleInhibited, PowerManagementInhibited
from tests.conftest import run_cli
from tests.integration.desk.desktop_session import (
    Lines,
    session_bus,
    start_service,
)

NOW = 1_717_400_000.0
IDLE, SUSPEND = 8, 4


@pytest.fixture
def bus_address(qapp: QApplication) -> Iterator[str]:
    with session_bus() as address:
        yield address


def start_inhibitors(address: str, *flags: str) -> Lines:
    return start_service("fake_inhibitors", address, *flags)


def command(service: Lines, text: str) -> None:
    service.send(text)
    service.wait_for("done")


def connect(address: str, name: str) -> QDBusConnection:
    bus = QDBusConnection.connectToBus(address, name)
    assert bus.isConnected()
    return bus


def test_a_video_that_keeps_a_gnome_screen_on_holds_the_reminder(
    bus_address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    service = start_inhibitors(bus_address)
    try:
        bus = connect(bus_address, "wayland-gnome")
        probes = DeskProbes.for_this_desktop(bus, platform="linux")
        gnome = next(probe for probe in probes.full_screen if isinstance(probe, GnomeIdleInhibited))
        assert gnome.check().ok and gnome.active() is False
        assert not probes.read(NOW).full_screen

        command(service, f"inhibit {IDLE}")  # a film plays in the browser
        state = probes.read(NOW + 15)
        assert state.full_screen
        assert holds(state, PresenceRules(), NOW + 15) == (HoldReason.FULL_SCREEN,)
        assert holds(state, PresenceRules(wait_for_full_screen=False), NOW + 15) == ()

        command(service, f"inhibit {SUSPEND}")  # a download keeps the machine awake: not a film
        assert not probes.read(NOW + 30).full_screen
        command(service, "release")
        assert not probes.read(NOW + 45).full_screen
    finally:
        service.stop()


def test_kde_power_management_inhibitors_hold_the_reminder_too(bus_address: str) -> None:
    service = start_inhibitors(bus_address, "--kde")
    try:
        kde = PowerManagementInhibited(connect(bus_address, "wayland-kde"))
        probes = DeskProbes(full_screen=[GnomeIdleInhibited(kde.bus), kde])
        assert kde.check().ok and not probes.read(NOW).full_screen
        command(service, f"inhibit {IDLE}")
        assert kde.active() is True and probes.read(NOW + 15).full_screen
    finally:
        service.stop()


def test_without_the_services_nothing_is_held_and_the_checks_say_why(bus_address: str) -> None:
    bus = connect(bus_address, "wayland-empty")
    gnome, kde = GnomeIdleInhibited(bus), PowerManagementInhibited(bus)
    assert gnome.active() is None and kde.active() is None
    assert gnome.check().detail == "GNOME's session manager does not answer"
    assert kde.check().detail == "no power management service on the session bus"
    assert not DeskProbes(full_screen=[gnome, kde]).read(NOW).full_screen


def test_a_compositor_without_idle_time_leaves_the_reminders_on_the_clock(
    bus_address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-1")  # sway: no GNOME or KDE services
    bus = connect(bus_address, "wayland-sway")
    probes = DeskProbes(idle=[MutterIdle(bus), ScreenSaverIdle(bus)])
    assert probes.idle_seconds() is None
    assert probes.read(NOW).idle_since is None  # never "away": the clock alone decides


def test_doctor_on_wayland_names_the_inhibitor_source_and_the_missing_idle_time(
    tmp_path: Path,
) -> None:
    (tmp_path / "xdg-config").mkdir()
    with session_bus() as bus:
        service = start_inhibitors(bus)
        try:
            environment = {
                "DBUS_SESSION_BUS_ADDRESS": bus,
                "WAYLAND_DISPLAY": "wayland-0",
                "DISPLAY": "",
                "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
            }
            result = run_cli("doctor", "--json", home=tmp_path, env=environment, timeout=120)
        finally:
            service.stop()
    assert "Traceback" not in result.stderr
    findings = {finding["topic"]: finding for finding in json.loads(result.stdout)}
    full_screen = findings["full-screen windows"]
    assert full_screen["state"] == "ok", full_screen
    assert full_screen["detail"] == (
        "GNOME's session manager tells when a video or a presentation runs"
    )
    idle = findings["idle time"]
    assert (idle["state"], idle["detail"]) == (
        "off",
        "idle time is not readable on this compositor; reminders go by the clock",
    )
