"""``stretchtimer play ID --speed X`` into an app that is already open: a preview.

The real app runs on Xvfb; a second launch hands it a routine with ``--speed`` and
``--mute``. The running app must play it at that speed (no voice, no comfort question)
and keep it in the history marked as a preview, out of the statistics, as the
terminal player does.
"""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from benchmarks.xvfb import display_env
from stretchtimer.storage.history import open_history
from stretchtimer.storage.history.statistics import history_statistics
from stretchtimer.storage.paths import app_paths
from tests.e2e.test_real_app import ARTIFACTS, display, press, recorded, wait_for_window  # noqa: F401
from tests.integration.audio.pulse import PulseServer

PREVIEW_SPEED = 100  # the top speed: the routine plays in under 2 s


def app_log(home: Path) -> str:
    logs = sorted(home.rglob("*.log"))
    return "\n".join(path.read_text(errors="replace")[-3000:] for path in logs)


@pytest.mark.timeout(240)
def test_a_speed_handed_to_the_running_app_plays_a_preview_kept_out_of_statistics(
    display: str,  # noqa: F811 - the fixture
    home: Path,
    pulse: PulseServer,
) -> None:
    environment = display_env(display, STRETCHTIMER_HOME=str(home), **pulse.env())
    app = subprocess.Popen(
        [sys.executable, "-m", "stretchtimer"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=home,
    )
    try:
        window = wait_for_window(display, "Stretch Timer")
        time.sleep(1.0)  # the first turn of the event loop fills the window
        started = time.monotonic()
        second = subprocess.run(
            # --mute too: both options must cross. (Muted, the preview plays no chimes: with
            # chimes at ×40 Qt Multimedia 6.11 sometimes stalls the event loop on PulseAudio.)
            [
                *(sys.executable, "-m", "stretchtimer", "play", "two-minute-reset"),
                *("--speed", str(PREVIEW_SPEED), "--mute"),
            ],
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            cwd=home,
        )
        assert second.returncode == 0, second.stderr
        assert app.poll() is None, "the second launch must hand over, not replace the app"
        sessions: list = []  # type: ignore[type-arg]
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            sessions = recorded(home)
            if sessions and sessions[0].status.value == "completed":
                break
            assert app.poll() is None, "the app ended before the session did"
            time.sleep(0.25)
        took = time.monotonic() - started
        subprocess.run(
            ["import", "-display", display, "-window", "root", str(ARTIFACTS / "xvfb-preview.png")],
            check=False,
            timeout=30,
        )
        assert sessions, "the session never reached the history"
        session = sessions[0]
        assert session.speed == PREVIEW_SPEED, session
        assert session.status.value == "completed", app_log(home)
        assert session.routine_id == "two-minute-reset"
        assert session.status.value == "completed"
        assert session.speed == PREVIEW_SPEED and session.is_preview
        # About three minutes of routine at ×100: seconds, not minutes (normal speed: > 120 s).
        assert took < 60

        opened = open_history(app_paths({"STRETCHTIMER_HOME": str(home)}).history, create=False)
        assert opened.database is not None
        with opened.database as database:
            statistics = history_statistics(database, today=date.today())
        assert statistics.sessions == 0 and statistics.active_seconds == 0
        assert statistics.streaks.current.days == 0

        press(display, window, "ctrl+q")
        _, errors = app.communicate(timeout=30)
        assert app.returncode == 0
        assert "Traceback" not in errors
    finally:
        if app.poll() is None:
            app.kill()
        app.communicate(timeout=30)
