"""``tray_memory_ratio``: the app's resident memory idle in the tray, against a bare window.

A private desktop as the desk tests make it (Xvfb, a D-Bus session bus, the stand-in
tray host of ``tests/integration/desk/fake_desktop.py``). The app starts as a person
starts it, with reminders on; once its Routines page has painted and 5 s have passed,
its window is closed the way a window manager closes it (``WM_DELETE_WINDOW``), and it
stays in the tray. A minute later, with nothing open, it starts afresh there in the
same process (``gui/desk/rest.py``); the benchmark waits for that (the process's command
line becomes a ``--tray`` start). Its resident set is read ``IDLE_SECONDS`` after,
against a bare PySide6 window's 5 s after its start on the same display (as
``memory_ratio``, with the same ratios by kind in the detail: proportional, unique and
anonymous). The detail keeps what it held ``FIRST_READ`` after the close, before it
started afresh (``before_renewal_mib``: what it held for all its hours in the tray before
it started afresh, and still holds for its first minute there).

An hour is too long for a benchmark run. What an hour in the tray does is this: the
reminder timer and the desk probes wake now and then, nothing else runs. So the app is
read twice, ``SETTLED`` and ``IDLE_SECONDS`` after it started afresh: the value is the
second reading, and the detail gives the growth between the two per minute
(``growth_kib_per_min``) so a leak would show as a slope (an hour at that slope is in
``hour_estimate_ratio``).
Target 1.25 (issue 21). Reported beside it, with no target: ``tray_start_memory_ratio``,
the app started as at login (``--tray``, the window never shown), read after
``TRAY_START_SETTLE`` seconds.
"""

from __future__ import annotations

import ctypes
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from benchmarks.bench_gui_startup import (
    BARE_WINDOW,
    MemoryKinds,
    kind_excess,
    kind_ratios,
    measure,
    memory_kinds,
    resident_kib,
)
from benchmarks.harness import Result, at_most, end_process, reported

TARGET = 1.25
FIRST_READ = 10.0  # seconds after the window closed, before the app starts afresh
# Seconds after it started afresh: its first minute settles (the desk's first readings,
# some 0.1-0.2 MiB), so the slope is read over the minute after that.
SETTLED = 30.0
IDLE_SECONDS = 90.0
RENEWAL_WAIT = 90.0  # seconds after the window closed by which it has started afresh
TRAY_START_SETTLE = 8.0  # seconds after a --tray start at which memory is read
BARE_RUNS = 3


class _ClientMessage(ctypes.Structure):
    _fields_ = (
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    )


class _Event(ctypes.Union):
    _fields_ = (("client", _ClientMessage), ("pad", ctypes.c_long * 24))


def close_like_a_window_manager(display: str, window: int) -> None:
    """Send ``window`` the WM_DELETE_WINDOW message a window manager sends for its close
    button (there is no window manager on this X server)."""
    x11 = ctypes.CDLL("libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = (ctypes.c_char_p,)
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int)
    x11.XSendEvent.argtypes = (
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_long,
        ctypes.POINTER(_Event),
    )
    x11.XFlush.argtypes = (ctypes.c_void_p,)
    x11.XCloseDisplay.argtypes = (ctypes.c_void_p,)
    connection = x11.XOpenDisplay(display.encode())
    if not connection:
        raise RuntimeError(f"cannot open display {display}")
    try:
        event = _Event()
        event.client.type = 33  # ClientMessage
        event.client.window = window
        event.client.message_type = x11.XInternAtom(connection, b"WM_PROTOCOLS", 0)
        event.client.format = 32
        event.client.data[0] = x11.XInternAtom(connection, b"WM_DELETE_WINDOW", 0)
        event.client.data[1] = 0  # CurrentTime
        x11.XSendEvent(connection, window, 0, 0, ctypes.byref(event))
        x11.XFlush(connection)
    finally:
        x11.XCloseDisplay(connection)


def visible_windows(environment: dict[str, str]) -> list[int]:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "Stretch Timer"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return [int(word) for word in found.stdout.split()]


def reminders_on(home: Path) -> None:
    import os

    os.environ["STRETCHTIMER_HOME"] = str(home)
    from stretchtimer.storage.paths import app_paths
    from stretchtimer.storage.settings import SettingsStore

    store = SettingsStore(app_paths().settings)
    settings = store.load().settings
    from dataclasses import replace

    store.save(replace(settings, reminders_enabled=True))


class TrayIdle(NamedTuple):
    """The app's resident MiB at each reading, and its memory by kind at the last."""

    at_start: float  # 5 s after it started
    before_renewal: float  # FIRST_READ after its window closed to the tray
    renewed_after: float  # seconds from the close until it had started afresh
    first: float  # SETTLED after it started afresh
    last: float  # IDLE_SECONDS after it started afresh
    kinds: MemoryKinds


def started_afresh(pid: int) -> bool:
    """Whether the process is now a start in the tray (see ``gui/desk/rest.py``)."""
    return b"--tray" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")


def tray_idle(environment: dict[str, str], folder: Path) -> TrayIdle:
    """The app in the tray, read as the module says."""
    ready = folder / "ready"
    ready.unlink(missing_ok=True)
    environment = dict(environment, STRETCHTIMER_READY_FILE=str(ready))
    launched = time.monotonic()
    app = subprocess.Popen(
        [sys.executable, "-m", "stretchtimer"],
        env=environment,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while len(ready.read_text().split() if ready.exists() else []) < 2:
            if app.poll() is not None or time.monotonic() - launched > 60:
                raise RuntimeError("the app never filled its window in")
            time.sleep(0.05)
        time.sleep(max(0.0, launched + 5.0 - time.monotonic()))
        at_start = resident_kib(app.pid) / 1024
        windows = visible_windows(environment)
        if not windows:
            raise RuntimeError("the app's window is not on the display")
        for window in windows:
            close_like_a_window_manager(environment["DISPLAY"], window)
        closed = time.monotonic()
        while visible_windows(environment):
            if time.monotonic() - closed > 10:
                raise RuntimeError("the window did not close")
            time.sleep(0.1)
        time.sleep(FIRST_READ)
        if app.poll() is not None:
            raise RuntimeError("the app quit instead of staying in the tray")
        before = resident_kib(app.pid) / 1024
        while not started_afresh(app.pid):
            if app.poll() is not None or time.monotonic() - closed > RENEWAL_WAIT:
                raise RuntimeError("the app did not start afresh in the tray")
            time.sleep(0.1)
        renewed = time.monotonic()
        time.sleep(SETTLED)
        first = resident_kib(app.pid) / 1024
        time.sleep(max(0.0, renewed + IDLE_SECONDS - time.monotonic()))
        if app.poll() is not None:
            raise RuntimeError("the app quit while idle in the tray")
        last = resident_kib(app.pid) / 1024
        kinds = memory_kinds(app.pid)
    finally:
        end_process(app)
    return TrayIdle(at_start, before, renewed - closed, first, last, kinds)


def tray_start(environment: dict[str, str], folder: Path) -> float:
    """The app's resident MiB ``TRAY_START_SETTLE`` seconds after ``stretchtimer --tray``
    (as at login: only the tray icon, the window never shown)."""
    app = subprocess.Popen(
        [sys.executable, "-m", "stretchtimer", "--tray"],
        env=environment,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(TRAY_START_SETTLE)
        if app.poll() is not None:
            raise RuntimeError("the app quit instead of starting in the tray")
        return resident_kib(app.pid) / 1024
    finally:
        end_process(app)


def run() -> Iterator[Result]:
    from benchmarks.bench_gui_startup import compile_package
    from tests.integration.desk.desktop_session import (
        app_environment,
        fake_desktop,
        session_bus,
        x_server,
    )

    compile_package()
    with (
        tempfile.TemporaryDirectory() as temporary,
        session_bus() as bus,
        x_server() as display,
        fake_desktop(bus),
    ):
        folder = Path(temporary)
        home = folder / "home"
        environment = app_environment(home, bus, display)
        bare = [sys.executable, "-c", BARE_WINDOW]
        app = [sys.executable, "-m", "stretchtimer"]
        measure(app, environment, folder, lines=2)  # the first start writes the settings
        reminders_on(home)
        bare_starts = [measure(bare, environment, folder) for _ in range(BARE_RUNS)]
        bare_mib = statistics.median(start.memory / 1024 for start in bare_starts)
        idle = tray_idle(environment, folder)
        login = tray_start(environment, folder)
    growth = (idle.last - idle.first) * 1024 / ((IDLE_SECONDS - SETTLED) / 60)
    in_tray_minutes = (idle.renewed_after + IDLE_SECONDS) / 60
    hour = idle.last + growth * (60 - in_tray_minutes) / 1024
    yield at_most(
        "tray_memory_ratio",
        idle.last / bare_mib,
        "x",
        TARGET,
        app_mib=round(idle.last, 1),
        baseline_mib=round(bare_mib, 1),
        at_start_mib=round(idle.at_start, 1),
        before_renewal_mib=round(idle.before_renewal, 1),
        before_renewal_ratio=round(idle.before_renewal / bare_mib, 3),
        renewed_after_s=round(idle.renewed_after, 1),
        growth_kib_per_min=round(growth, 1),
        hour_estimate_ratio=round(hour / bare_mib, 3),
        **kind_ratios([idle.kinds], [start.kinds for start in bare_starts]),
        **kind_excess([idle.kinds], [start.kinds for start in bare_starts]),
        statistic=(
            f"resident {IDLE_SECONDS:g} s after the app, closed to the tray, started afresh there"
        ),
    )
    yield reported(
        "tray_start_memory_ratio",
        login / bare_mib,
        "x",
        app_mib=round(login, 1),
        baseline_mib=round(bare_mib, 1),
        statistic=f"resident {TRAY_START_SETTLE:g} s after a --tray start (the window never shown)",
    )
