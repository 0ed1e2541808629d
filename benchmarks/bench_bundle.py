"""``bundle_size``: the one-folder PyInstaller bundle, built and smoke-tested by
packaging/pyinstaller/build.py (about 20 s), and how long the build took."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks.harness import Result, at_most, reported

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "packaging" / "pyinstaller" / "build.py"
# Measured 161.7 MB (Debian 12, PySide6 6.11.3). The ceiling leaves room for the GUI's
# own code and sounds, and fails when a dependency drags in Qt modules or libraries
# the spec means to leave out (QtWebEngine alone would add hundreds of megabytes).
TARGET_MB = 180.0


def run() -> Iterator[Result]:
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as folder:
        result = subprocess.run(
            [
                sys.executable,
                str(BUILD),
                "--json",
                "--dist",
                f"{folder}/dist",
                "--work",
                f"{folder}/work",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        yield Result("bundle_size", 0.0, "MB", TARGET_MB, False, {"error": result.stderr[-500:]})
        return
    summary = json.loads(result.stdout)
    yield at_most("bundle_size", summary["megabytes"], "MB", TARGET_MB, files=summary["files"])
    yield reported("bundle_build", summary["build_seconds"], "s")
