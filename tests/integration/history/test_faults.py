"""The history on a real full disk and a real read-only mount, in a private mount namespace.

Each test runs a shell script under ``unshare -rm`` (a user and mount namespace of
its own), so that even as an unprivileged user, and without touching the machine,
the data folder can be a 1 MB tmpfs that fills up or a read-only bind mount.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.unit.storage.history.helpers import add_sessions, session


def in_namespace(script: str, home: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "STRETCHTIMER_HOME": str(home),
        "DATA": str(home / "data"),
        "ST": f"{sys.executable} -m stretchtimer",
    }
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        cwd=home,
        timeout=timeout,
        check=False,
    )


def test_a_session_started_on_a_full_disk_is_saved_once_space_returns(home: Path) -> None:
    (home / "data").mkdir()
    script = r"""
    mount -t tmpfs -o size=1m,mode=700 tmpfs "$DATA"
    $ST history stats > /dev/null
    dd if=/dev/zero of="$DATA/filler" bs=4k 2> /dev/null
    $ST play two-minute-reset --no-gui --mute --speed 40 > play.out 2> play.err &
    player=$!
    for _ in $(seq 200); do grep -q full play.err && break; sleep 0.05; done  # told (10 s)
    $ST history --json > during.json 2> during.err; echo "during $?" > during.code
    kill -0 $player && echo "still playing" > during.play  # 177 s at speed 40: 4.4 s
    rm "$DATA/filler"
    wait $player; echo "play $?" > play.code
    $ST history --json
    """
    result = in_namespace(script, home)
    assert result.returncode == 0, result.stderr
    assert (home / "play.code").read_text().split() == ["play", "0"]
    told = (home / "play.err").read_text()
    assert "full" in told and "belongs to you" not in told
    assert (home / "during.code").read_text().split() == ["during", "0"]  # readable meanwhile
    assert (home / "during.play").read_text() == "still playing\n"  # space returned mid-session
    [saved] = json.loads(result.stdout)
    assert saved["routine_id"] == "two-minute-reset"
    assert saved["status"] == "completed"
    assert saved["segments"]


def test_a_history_on_a_read_only_mount_is_still_listed_counted_and_exported(
    home: Path,
) -> None:
    data = home / "data"
    add_sessions(data / "history.sqlite3", [session(started=1_714_550_400.0, title="Hips")])
    out = home / "out"
    out.mkdir()
    script = r"""
    mount --bind -o ro "$DATA" "$DATA"
    $ST history > list.out 2> list.err; echo "$?" > list.code
    $ST history stats --json > stats.out 2> stats.err; echo "$?" > stats.code
    $ST history export out/sessions.json 2> export.err; echo "$?" > export.code
    $ST history export out/sessions.csv 2> export-csv.err; echo "$?" > export-csv.code
    """
    result = in_namespace(script, home)
    assert result.returncode == 0, result.stderr
    for name in ("list", "stats", "export", "export-csv"):
        assert (home / f"{name}.code").read_text().strip() == "0", (
            home / f"{name}.err"
        ).read_text()
    assert "Hips" in (home / "list.out").read_text()
    assert json.loads((home / "stats.out").read_text())["sessions"] == 1
    assert len(json.loads((home / "out" / "sessions.json").read_text())["sessions"]) == 1
    assert "read-only" in (home / "list.err").read_text()
