"""The real app told to end by SIGTERM (a logout, ``kill``) records its session as stopped."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import run_cli


def history(home: Path) -> list[dict[str, object]]:
    listed = run_cli("history", "--json", home=home)
    assert listed.returncode == 0, listed.stderr
    return list(json.loads(listed.stdout))


def test_sigterm_stops_the_session_and_saves_it_as_stopped(home: Path) -> None:
    environment = {**os.environ, "STRETCHTIMER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    # The system's voice: the natural voice's Piper worker kept the session from starting
    # for half a minute on a loaded machine, and the test is about SIGTERM, not the voice.
    (home / "config").mkdir()
    (home / "config" / "settings.toml").write_text('[voice]\nvoice = "pyttsx3:"\n')
    app = subprocess.Popen(
        [sys.executable, "-m", "stretchtimer", "play", "desk-hips"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment,
        cwd=home,
    )
    try:
        deadline = time.monotonic() + 60
        while not history(home):  # the session row is written as the session starts
            assert time.monotonic() < deadline, "the session never started"
            assert app.poll() is None, app.stderr.read() if app.stderr else b""
            time.sleep(0.5)
        app.send_signal(signal.SIGTERM)
        app.communicate(timeout=30)
        code = app.returncode
    finally:
        if app.poll() is None:
            app.kill()
        app.communicate()
    assert code == 0
    [session] = history(home)
    assert session["status"] == "stopped"
    assert session["ended_at"] is not None
