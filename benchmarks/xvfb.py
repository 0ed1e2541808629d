"""A private X server (Xvfb) for benchmarks and tests that need a real display."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path


def free_display() -> int:
    for number in range(90, 200):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise RuntimeError("no free X display number between :90 and :199")


@contextlib.contextmanager
def xvfb(width: int = 1600, height: int = 1000) -> Iterator[str]:
    """Start Xvfb on a free display; yields the DISPLAY value; stops it afterwards."""
    if shutil.which("Xvfb") is None:
        raise RuntimeError("Xvfb is missing; install the Debian package xvfb")
    number = free_display()
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.monotonic() + 10
    while not socket.exists():
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise RuntimeError(f"Xvfb did not start on :{number}")
        time.sleep(0.02)
    try:
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:
            server.kill()


def display_env(display: str, **extra: str) -> dict[str, str]:
    environment = dict(os.environ)
    environment.pop("QT_QPA_PLATFORM", None)
    environment.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", **extra)
    return environment
