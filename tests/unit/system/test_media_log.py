"""Qt Multimedia's start-up lines stay quiet; its warnings still come through."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

PROBE = """
import sys
from PySide6.QtCore import QCoreApplication, QLoggingCategory
if sys.argv[1] == "quiet":
    from stretchtimer.system.media_log import quiet_media_probing
    quiet_media_probing()
app = QCoreApplication([])
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
QMediaDevices.audioOutputs()
effect = QSoundEffect()
ffmpeg = QLoggingCategory("qt.multimedia.ffmpeg")
print(ffmpeg.isInfoEnabled(), ffmpeg.isWarningEnabled())
"""


def run(mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, mode],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def test_the_ffmpeg_line_is_gone_and_warnings_stay_on() -> None:
    loud, quiet = run("loud"), run("quiet")
    assert "Using Qt multimedia with FFmpeg" in loud.stderr  # what a launch printed
    assert "Using Qt multimedia with FFmpeg" not in quiet.stderr
    assert quiet.stdout.split() == ["False", "True"]  # info off, warnings on
