"""``startup_ratio`` and ``memory_ratio``: the app against a bare PySide6 window, same run.

Both programs run on a private Xvfb server and write the monotonic time of their
window's first paint to a file; start-up is that time minus the moment the process
was launched. The app opens its window empty, in its colours, and fills it in after
that first frame; the time until its Routines page has painted is reported too
(``startup_filled_ms``, and against the bare window, ``startup_filled_ratio``, target
1.6). Memory is the resident set 5 s after start, median of 5 starts each. The start-up
times are medians of 20 starts each (those 5 and 15 quick ones, ended once filled in),
alternating app and baseline so that machine load affects both alike: on a shared
machine single starts of the same program vary by 2x, and a median of 5 moved the
ratio by 0.15 from one run to the next.

The resident set counts every page of a shared library the process touched in full,
also those other programs share; beside it, measured the same way for both programs
(see :func:`memory_kinds`), the detail gives the ratios of the proportional set (shared
pages divided among their users), the unique set (pages no other process holds) and the
anonymous memory (the process's own heap: what it really takes from the machine) and the
file-backed pages (the code of the libraries the process ran, and fonts). The
target stays on the resident set: the others are the app's larger share (the bare
window's own heap is small), so they are reported, not swapped in. The proportional
and unique sets also move with whatever else maps the same libraries at that moment
(another program from the same PySide6 install): on a shared machine they vary from
run to run by up to 0.3x where the resident set holds to 0.01x.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from benchmarks.harness import Result, at_most, end_process, reported
from benchmarks.xvfb import display_env, xvfb

RUNS = 5  # starts of each, memory read SETTLE seconds after
QUICK_RUNS = 15  # more starts of each for the start-up times only
SETTLE = 5.0  # seconds after start at which memory is read
STARTUP_TARGET = 1.3  # issue 21: first frame, Routines page painted, memory at 5 s
FILLED_TARGET = 1.6
MEMORY_TARGET = 1.3

BARE_WINDOW = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            with open(os.environ["STRETCHTIMER_READY_FILE"], "w") as handle:
                handle.write(f"{time.monotonic()}\\n")
        return False

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1120, 720)
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def resident_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class MemoryKinds(NamedTuple):
    """A process's memory in KiB by kind, from ``/proc/PID/smaps_rollup``."""

    pss: int  # shared pages divided among the processes that map them
    uss: int  # pages only this process maps (private clean and dirty)
    anonymous: int  # not backed by a file: heaps, stacks, Python's objects
    file: int  # resident pages of mapped files: the code of Qt and Python, fonts


def memory_kinds(pid: int) -> MemoryKinds:
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_unit = line.split()
        fields[name.rstrip(":")] = int(value)
    return MemoryKinds(
        fields["Pss"],
        fields["Private_Clean"] + fields["Private_Dirty"],
        fields["Anonymous"],
        fields["Rss"] - fields["Anonymous"],
    )


def kind_ratios(app: list[MemoryKinds], bare: list[MemoryKinds]) -> dict[str, float]:
    """Each kind's median for the app over the bare window's, for a result's detail."""
    return {
        f"{kind}_ratio": round(
            statistics.median(getattr(m, kind) for m in app)
            / statistics.median(getattr(m, kind) for m in bare),
            3,
        )
        for kind in MemoryKinds._fields
    }


def kind_excess(app: list[MemoryKinds], bare: list[MemoryKinds]) -> dict[str, float]:
    """MiB the app holds over the bare window, its own heap and the pages of files apart
    (medians): where a cut can come from."""
    return {
        f"{kind}_over_bare_mib": round(
            (
                statistics.median(getattr(m, kind) for m in app)
                - statistics.median(getattr(m, kind) for m in bare)
            )
            / 1024,
            2,
        )
        for kind in ("anonymous", "file")
    }


class Start(NamedTuple):
    shown: float  # seconds from launch to the window's first paint
    filled: float  # to the app's Routines page painted (the bare window: its first paint)
    memory: int  # KiB resident SETTLE seconds after launch
    kinds: MemoryKinds  # the same moment, by kind


def launch(
    command: list[str], environment: dict[str, str], folder: Path
) -> tuple[subprocess.Popen[bytes], Path, float]:
    """Start ``command`` with a fresh ready file: the process, the file, the launch time."""
    ready = folder / "ready"
    ready.unlink(missing_ok=True)
    environment = dict(environment, STRETCHTIMER_READY_FILE=str(ready))
    launched = time.monotonic()
    process = subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=folder
    )
    return process, ready, launched


def ready_times(
    command: list[str], process: subprocess.Popen[bytes], ready: Path, launched: float, lines: int
) -> tuple[float, float]:
    """Seconds from launch to the first line of the ready file and to line ``lines``."""
    while not (ready.exists() and ready.read_text().strip()):
        if process.poll() is not None:
            error = process.stderr.read() if process.stderr else b""
            raise RuntimeError(f"{command} ended early: {error!r}")
        if time.monotonic() - launched > 60:
            raise RuntimeError(f"{command} never showed a window")
        time.sleep(0.005)
    times = ready.read_text().split()
    while len(times) < lines and time.monotonic() - launched < 60:
        time.sleep(0.005)
        times = ready.read_text().split()
    if len(times) < lines:
        raise RuntimeError(f"{command} never filled its window in")
    return float(times[0]) - launched, float(times[-1]) - launched


def measure(
    command: list[str], environment: dict[str, str], folder: Path, *, lines: int = 1
) -> Start:
    """One start of ``command``; it writes ``lines`` times (see the module's text)."""
    process, ready, launched = launch(command, environment, folder)
    try:
        shown, filled = ready_times(command, process, ready, launched, lines)
        time.sleep(max(0.0, launched + SETTLE - time.monotonic()))
        memory = resident_kib(process.pid)
        kinds = memory_kinds(process.pid)
    finally:
        end_process(process)
    return Start(shown, filled, memory, kinds)


def quick_start(
    command: list[str], environment: dict[str, str], folder: Path, *, lines: int = 1
) -> tuple[float, float]:
    """One start of ``command`` timed as :func:`measure` does, ended once filled in
    (a moment later, so that its last writes are done)."""
    process, ready, launched = launch(command, environment, folder)
    try:
        times = ready_times(command, process, ready, launched, lines)
        time.sleep(0.2)
    finally:
        end_process(process)
    return times


def compile_package() -> None:
    """Write the bytecode an installed package has (pip compiles it at install time)."""
    import compileall

    import stretchtimer

    compileall.compile_dir(Path(stretchtimer.__file__).parent, quiet=1, force=False)


def run() -> Iterator[Result]:
    compile_package()
    with tempfile.TemporaryDirectory() as temporary, xvfb() as display:
        folder = Path(temporary)
        environment = display_env(display, STRETCHTIMER_HOME=str(folder / "home"))
        bare = [sys.executable, "-c", BARE_WINDOW]
        app = [sys.executable, "-m", "stretchtimer"]
        measure(app, environment, folder, lines=2)  # first start writes settings and caches
        bare_starts, app_starts = [], []
        for _ in range(RUNS):
            bare_starts.append(measure(bare, environment, folder))
            app_starts.append(measure(app, environment, folder, lines=2))
        bare_times = [(start.shown, start.filled) for start in bare_starts]
        app_times = [(start.shown, start.filled) for start in app_starts]
        for _ in range(QUICK_RUNS):
            bare_times.append(quick_start(bare, environment, folder))
            app_times.append(quick_start(app, environment, folder, lines=2))
    starts = len(app_times)
    app_ms = statistics.median(shown for shown, _filled in app_times) * 1000
    bare_ms = statistics.median(shown for shown, _filled in bare_times) * 1000
    filled_ms = statistics.median(filled for _shown, filled in app_times) * 1000
    app_mib = statistics.median(start.memory for start in app_starts) / 1024
    bare_mib = statistics.median(start.memory for start in bare_starts) / 1024
    yield at_most(
        "startup_ratio",
        app_ms / bare_ms,
        "x",
        STARTUP_TARGET,
        app_ms=round(app_ms, 1),
        baseline_ms=round(bare_ms, 1),
        statistic=f"median of {starts}",
    )
    yield at_most(
        "memory_ratio",
        app_mib / bare_mib,
        "x",
        MEMORY_TARGET,
        app_mib=round(app_mib, 1),
        baseline_mib=round(bare_mib, 1),
        **kind_ratios([s.kinds for s in app_starts], [s.kinds for s in bare_starts]),
        **kind_excess([s.kinds for s in app_starts], [s.kinds for s in bare_starts]),
        statistic=f"median of {RUNS}, resident {SETTLE:g} s after start",
    )
    yield reported("startup_ms", app_ms, "ms", statistic=f"median of {starts}")
    yield reported(
        "startup_filled_ms", filled_ms, "ms", statistic=f"median of {starts}, Routines page painted"
    )
    yield at_most(
        "startup_filled_ratio",
        filled_ms / bare_ms,
        "x",
        FILLED_TARGET,
        baseline_ms=round(bare_ms, 1),
        statistic=f"median of {starts}, Routines page painted",
    )
