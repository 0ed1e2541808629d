"""A private PulseAudio server with a null sink, and a recorder of what it plays.

Tests and benchmarks start their own server in a temporary folder (its own
runtime directory and socket), so parallel runs and other people's sound never
mix. Children find it through the environment from :meth:`PulseServer.env`.
"""

from __future__ import annotations

import array
import contextlib
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stretchtimer.speech.wav import write_samples

SINK = "stretchtimer_test"
RATE = 48000
HEARD = 1000  # a sample this loud: something was played (the null sink's silence is 0)


def wait_to_hear(
    peaks: list[int],
    seconds: float,
    pause: Callable[[int], object] | None = None,
    since: int = 0,
) -> None:
    """Until a recording's ``peaks`` (from the ``since``-th on) have heard something, or
    ``seconds`` have passed (the test checks what was recorded after); ``pause(ms)`` waits
    between looks (a Qt test passes ``qtbot.wait``, so that its event loop runs)."""
    deadline = time.monotonic() + seconds
    while max(peaks[since:], default=0) <= HEARD and time.monotonic() < deadline:
        if pause is None:
            time.sleep(0.05)
        else:
            pause(50)


class PulseServer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.runtime = folder / "runtime"
        self.socket = folder / "native"
        self.process: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        """Variables that point a child at this server (and only this one)."""
        return {
            "XDG_RUNTIME_DIR": str(self.runtime),
            "PULSE_RUNTIME_PATH": str(self.runtime / "pulse"),
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_SINK": SINK,
        }

    def start(self) -> PulseServer:
        if shutil.which("pulseaudio") is None:
            raise RuntimeError("PulseAudio is missing: apt install pulseaudio pulseaudio-utils")
        self.runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
        environment = {**os.environ, **self.env(), "HOME": str(self.folder)}
        # In the foreground (no -D), so that this process owns it and can stop it.
        self.process = subprocess.Popen(
            [
                # Stopped with this test run even when it is killed and cannot stop it.
                *("setpriv", "--pdeathsig", "TERM"),
                "pulseaudio",
                "--daemonize=no",
                "--exit-idle-time=-1",
                "--disallow-exit",
                "--use-pid-file=no",
                "--system=no",
                "-n",  # no default script: only the modules below
                f"--load=module-native-protocol-unix socket={self.socket} auth-anonymous=1",
                f"--load=module-null-sink sink_name={SINK} rate={RATE} channels=1",
                "--log-target=stderr",
                "--log-level=error",
            ],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the test PulseAudio server did not start")
            time.sleep(0.05)
        self.pactl("set-default-sink", SINK)
        return self

    def pactl(self, *args: str) -> str:
        result = subprocess.run(
            ["pactl", *args],
            env={**os.environ, **self.env()},
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return result.stdout

    def _answers(self) -> bool:
        try:
            self.pactl("info")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            return False
        return True

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    @contextlib.contextmanager
    def recording(self, path: Path, peaks: list[int] | None = None) -> Iterator[Path]:
        """Record the null sink's monitor to ``path`` (mono 16-bit WAV) while inside.

        The monitor of an idle null sink drops what it hears until its record stream
        has delivered a first buffer, so a silent stream keeps the sink running and
        the recording only counts once sound flows: the timeline has no holes.

        ``peaks``, when given, gets the loudest sample of each piece as it is recorded:
        a test can wait until something is heard instead of for a fixed time.
        """
        environment = {**os.environ, **self.env()}
        keep_alive = subprocess.Popen(
            ["pacat", "--playback", f"--device={SINK}", *_RAW, "--latency-msec=100", "/dev/zero"],
            env=environment,
            stderr=subprocess.DEVNULL,
        )
        recorder = subprocess.Popen(
            ["parec", f"--device={SINK}.monitor", *_RAW, "--latency-msec=50"],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        data = bytearray()
        flowing = threading.Event()

        def read() -> None:
            assert recorder.stdout is not None
            measured = 0  # bytes of ``data`` already in ``peaks`` (whole samples only)
            with recorder.stdout:
                while chunk := recorder.stdout.read1(65536):
                    data.extend(chunk)
                    if peaks is not None:
                        end = len(data) // 2 * 2
                        piece = array.array("h", bytes(data[measured:end]))
                        measured = end
                        peaks.append(max((abs(sample) for sample in piece), default=0))
                    flowing.set()

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            if not flowing.wait(timeout=10):
                raise RuntimeError("the test recording never started")
            time.sleep(0.2)
            yield path
            time.sleep(0.3)  # the last sound's tail, and the stream's latency
        finally:
            recorder.terminate()
            recorder.wait(timeout=10)
            reader.join(timeout=10)
            keep_alive.terminate()
            keep_alive.wait(timeout=10)
            samples = array.array("h")
            samples.frombytes(bytes(data[: len(data) // 2 * 2]))
            write_samples(path, samples, RATE)


_RAW = ("--raw", "--format=s16le", f"--rate={RATE}", "--channels=1")


@contextlib.contextmanager
def private_servers(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[PulseServer]]:
    """A sound server for one test alone, named by the environment (a list: the test may
    stop it and start another in the same folder; the last one is stopped at the end)."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # the run's server is there
    started = PulseServer(folder).start()
    for name, value in started.env().items():
        monkeypatch.setenv(name, value)
    servers = [started]
    try:
        yield servers
    finally:
        servers[-1].stop()
