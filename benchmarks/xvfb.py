"""A private X server (Xvfb) for the tests and benchmarks that need a real display.

Xvfb picks a free display itself and reports it through a pipe (``-displayfd``),
so parallel runs never collide.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator

from benchmarks.harness import end_process


@contextlib.contextmanager
def xvfb(width: int = 1600, height: int = 1000) -> Iterator[str]:
    """Start Xvfb; yields the DISPLAY value; stops the server afterwards."""
    if shutil.which("Xvfb") is None:
        raise RuntimeError("Xvfb is missing; install the Debian package xvfb")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    try:
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        end_process(server)


def display_env(display: str, **extra: str) -> dict[str, str]:
    """The environment for a Qt program on ``display``."""
    environment = dict(os.environ)
    environment.pop("QT_QPA_PLATFORM", None)
    environment.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", **extra)
    return environment
