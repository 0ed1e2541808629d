"""``stretchtimer doctor`` where almost nothing is there: every gap is named with its fix."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

BARE = {
    "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus",
    "DISPLAY": "",
    "WAYLAND_DISPLAY": "",
    "PULSE_SERVER": "unix:/nonexistent/pulse",
}


def test_a_bare_machine_gets_one_fix_per_missing_part(tmp_path: Path) -> None:
    result = run_cli("doctor", "--json", home=tmp_path, env=BARE)
    assert result.returncode == 1  # something that should work does not
    assert "Traceback" not in result.stderr
    findings = {finding["topic"]: finding for finding in json.loads(result.stdout)}
    for topic in ("idle time", "media control", "tray", "sound output"):
        assert findings[topic]["state"] == "missing", findings[topic]
        assert findings[topic]["fix"], f"{topic} has no fix"
    assert findings["media control"]["fix"].startswith("start stretchtimer inside your desktop")
    assert findings["notifications"]["state"] == "off"  # optional: the app has its own window
    assert findings["data folder"]["state"] == "ok"


def test_the_text_report_puts_each_fix_under_its_line(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir(mode=0o755)
    (tmp_path / "data").chmod(0o755)
    result = run_cli("doctor", home=tmp_path, env=BARE)
    lines = result.stdout.splitlines()
    data = next(index for index, line in enumerate(lines) if "data folder" in line)
    assert lines[data].startswith("missing  data folder")
    assert "can be read by others (mode 755)" in lines[data]
    assert lines[data + 1].strip() == f"fix: chmod 700 {tmp_path / 'data'}"
    assert any(line.startswith("ok       voices") for line in lines)
