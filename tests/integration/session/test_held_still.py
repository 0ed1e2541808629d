"""A real ``play --no-gui`` process stopped with SIGSTOP and continued: no hold is counted
that nobody did while it stood still."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import run_cli

PLAY = (sys.executable, "-m", "stretchtimer", "play", "desk-hips", "--no-gui", "--mute")
SPEED = 10.0  # ten session seconds to each real one: a stillness of 7 s hides 70


def test_sigstop_then_sigcont_pauses_the_session_where_it_was_last_seen(home: Path) -> None:
    environment = {**os.environ, "STRETCHTIMER_HOME": str(home)}
    player = subprocess.Popen(
        [*PLAY, "--speed", str(SPEED)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
        cwd=home,
    )
    try:
        assert player.stdout is not None
        shown = b""
        while b"1/4" not in shown:  # the session has begun (setting up takes a moment)
            chunk = os.read(player.stdout.fileno(), 4096)
            assert chunk, player.stderr.read() if player.stderr else b""
            shown += chunk
        time.sleep(1.0)
        player.send_signal(signal.SIGSTOP)
        time.sleep(7.0)  # longer than the 5 s that tell a stall, plus the 1 s heartbeat
        player.send_signal(signal.SIGCONT)
        deadline = time.monotonic() + 15
        while b"held still" not in shown and time.monotonic() < deadline:
            if select.select([player.stdout], [], [], max(0.0, deadline - time.monotonic()))[0]:
                chunk = os.read(player.stdout.fileno(), 4096)
                if not chunk:
                    break
                shown += chunk
        time.sleep(1.0)  # were it not paused, this second would count as ten more
        player.send_signal(signal.SIGINT)
        rest, errors = player.communicate(timeout=30)
        shown += rest
    finally:
        if player.poll() is None:
            player.kill()
            player.wait()
    assert "held still" in shown.decode(), errors.decode()
    listed = run_cli("history", "--json", home=home)
    [recorded] = json.loads(listed.stdout)
    counted = sum(segment["actual_seconds"] for segment in recorded["segments"])
    # Before the stop: about 1 s, so 10 session seconds. Without the pause, the 8 s or
    # more after it would add 80 more.
    assert counted < 5.0 * SPEED, recorded["segments"]
    assert recorded["active_seconds"] < 5.0 * SPEED
