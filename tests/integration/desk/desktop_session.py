"""A private desktop session for tests: a real D-Bus session bus, a real X server (Xvfb),
and the stand-in desktop services of ``fake_desktop.py`` on that bus.

Nothing here touches the person's own session: the bus and the display are new
and private to the test, and go away with it.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from tests.conftest import REPO

TIMEOUT = 60.0  # generous: a loaded CI machine starts Python and Qt slowly


class Lines:
    """A child process that talks in lines on stdout (JSON or not)."""

    def __init__(self, process: subprocess.Popen[bytes], what: str) -> None:
        self.process = process
        self.what = what
        self._pending = b""

    def raw_line(self, timeout: float = TIMEOUT) -> str:
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.process.stdout], [], [], max(0.0, left))
            if not ready:
                raise AssertionError(f"{self.what}: no line within {timeout} s")
            chunk = os.read(self.process.stdout.fileno(), 4096)
            if not chunk:
                raise AssertionError(f"{self.what} exited early ({self.process.poll()})")
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        return line.decode("utf-8")

    def line(self, timeout: float = TIMEOUT) -> dict[str, object]:
        return json.loads(self.raw_line(timeout))  # type: ignore[no-any-return]

    def wait_for(self, key: str, timeout: float = TIMEOUT) -> dict[str, object]:
        """The next JSON line that has ``key``; the lines before it are dropped."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.line(max(0.0, deadline - time.monotonic()))
            if key in message:
                return message

    def send(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{text}\n".encode())
        self.process.stdin.flush()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@contextmanager
def session_bus() -> Iterator[str]:
    """A private D-Bus session bus; yields its address."""
    process = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    lines = Lines(process, "dbus-daemon")
    try:
        yield lines.raw_line().strip()
    finally:
        lines.stop()


@contextmanager
def x_server() -> Iterator[str]:
    """A private X server (Xvfb); yields its display name, e.g. ``:42``."""
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    lines = Lines(process, "Xvfb")
    try:
        yield f":{lines.raw_line().strip()}"
    finally:
        lines.stop()


def start_service(module: str, bus: str, *arguments: str, **extra: str) -> Lines:
    """A stand-in service of this folder (``fake_player`` ...) on ``bus``, once it is ready.
    The caller stops it (``.stop()``)."""
    process = subprocess.Popen(
        [sys.executable, "-m", f"tests.integration.desk.{module}", *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, DBUS_SESSION_BUS_ADDRESS=bus, **extra),
        cwd=REPO,
    )
    service = Lines(process, " ".join((module.replace("_", " "), *arguments)))
    try:
        service.wait_for("ready")
    except BaseException:
        service.stop()
        raise
    return service


@contextmanager
def running_service(module: str, bus: str, *arguments: str, **extra: str) -> Iterator[Lines]:
    """:func:`start_service`, stopped on the way out."""
    service = start_service(module, bus, *arguments, **extra)
    try:
        yield service
    finally:
        service.stop()


def fake_desktop(bus: str, *flags: str) -> AbstractContextManager[Lines]:
    """The stand-in tray host and notification server on ``bus``."""
    return running_service("fake_desktop", bus, *flags, QT_QPA_PLATFORM="offscreen")


def app_environment(home: Path, bus: str, display: str, **extra: str) -> dict[str, str]:
    """The environment of the app in a private session: its own home, bus and display."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")
    }
    environment.update(
        STRETCHTIMER_HOME=str(home),
        DBUS_SESSION_BUS_ADDRESS=bus,
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        XDG_CONFIG_HOME=str(home / "xdg-config"),
        **extra,
    )
    return environment
