"""``stretchtimer doctor`` in a private desktop session where everything it looks for is there:
a session bus with a tray host, a notification server, an idle monitor, a screen saver and a
media player; an X server; the test run's sound server with a microphone in use."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli
from tests.integration.audio.pulse import PulseServer
from tests.integration.desk.desktop_session import (
    fake_desktop,
    session_bus,
    start_service,
    x_server,
)


def test_doctor_finds_what_this_desktop_offers(tmp_path: Path, pulse: PulseServer) -> None:
    (tmp_path / "xdg-config").mkdir()
    with session_bus() as bus, x_server() as display, fake_desktop(bus):
        presence = start_service("fake_presence", bus)
        player = start_service("fake_player", bus, "music")
        try:
            environment = {
                "DBUS_SESSION_BUS_ADDRESS": bus,
                "DISPLAY": display,
                "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
                "WAYLAND_DISPLAY": "",
                **pulse.env(),
            }
            result = run_cli("doctor", "--json", home=tmp_path, env=environment, timeout=120)
        finally:
            presence.stop()
            player.stop()
    assert "Traceback" not in result.stderr
    findings = {finding["topic"]: finding for finding in json.loads(result.stdout)}
    for topic in (
        "voices",
        "sound output",
        "idle time",
        "media control",
        "notifications",
        "tray",
        "start at login",
        "data folder",
        "full-screen windows",
        "do not disturb",
    ):
        assert findings[topic]["state"] == "ok", findings[topic]
    assert "GNOME's idle monitor answers" in str(findings["idle time"]["detail"])
    assert "music" in str(findings["media control"]["detail"])
    assert findings["sound output"]["detail"] == "Null Output"  # the test server's null sink
    assert findings["microphone and camera"]["state"] == "ok"
    assert findings["natural voices"]["state"] in ("ok", "off")
    assert result.returncode == 0
