"""``timer_error_ms``: how close to plan the app starts each part of a session, under load.

The real main window plays a three-minute routine (with the player repainting, as
on screen) while two other processes keep both cores busy (each in a session of its
own, as a person's other programs run). For every segment
boundary the time the app actually handled it is compared with the time it was
planned for (session start + the planned lengths before it). p95 of the errors.

A three-minute routine has some thirty boundaries, so their p95 is the second-latest of
them: ``timer_error_moments_ms`` takes the p95 of every planned moment the app serves
(the boundaries and the cues inside a part: each breath's turn, each rep, the last
seconds), about three times as many, from the same session.

Why one run differs from the next (issue 21): on this kernel (250 Hz, EEVDF) lateness
comes in whole scheduler ticks. The GUI thread asks for 0.3 ms slices, so it runs as
soon as its timer wakes it; if it is still working at a tick after its slice ran out, a
busy process takes the core until the next tick, 4 ms later. A boundary's work is some
0.2 ms, so this is rare, until the machine itself runs slower (another guest on the
same host) or anything adds work to a boundary. ``speed_probe_us`` (a fixed piece of
Python timed on the GUI thread before the session, idle and under the load) and
``late_by_a_tick`` (moments 3.5 ms late or more) say which of these a run met.

A moment's work is also slow when the memory it touches comes back slowly: on a guest
whose host runs other work while the app sleeps between moments, each page touched
again after a second costs microseconds instead of a tenth of one (on 2026-12-07 here,
a moment's work took 1-13 ms of CPU instead of 0.2, and half the moments were late by a
tick or more). ``cold_page_ns`` says how this host treated memory left for a second.
Since then the driver wakes 30 ms before each deadline to go over the moment first
(``runtime.driver.WARM_UP``), so that the moment itself finds its memory warm.
"""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.app_window import close_window, open_window, play, private_sound_and_home
from benchmarks.harness import Result, at_most, p95

TARGET_P95_MS = 5.0
TARGET_MAX_MS = 15.0
A_TICK_MS = 3.5  # late by about a scheduler tick (4 ms at 250 Hz) or more
HOGS = 2  # one per core
SESSION_FILE = """\
format = 1
title = "Timer benchmark"
[pace]
prepare = 3
rest = 4
switch = 3
inhale = 3
exhale = 3
"""
STEP = """
[[step]]
name = "Part {number}"
say = "Stay still."
{work}
{sides}
"""


def routine_text() -> str:
    works = ["hold = 9", "breaths = 2", "reps = 4\ntempo = 2", "hold = 7"]
    steps = [
        STEP.format(
            number=number + 1,
            work=works[number % 4],
            sides='sides = "both"' if number % 3 == 0 else "",
        )
        for number in range(9)
    ]
    return SESSION_FILE + "".join(steps)


# Busy until the benchmark that started it is gone (it looks every ~20 ms): a benchmark
# that dies leaves no process keeping the cores busy for the ones after it.
HOG = """
import os
parent = os.getppid()
while os.getppid() == parent:
    for _ in range(300_000):
        pass
"""


def hog() -> subprocess.Popen[bytes]:
    """A process that keeps one core busy, started as a person's other programs are: in a
    session of its own, not in the app's. (Linux schedules each session as a group,
    autogroup; busy processes inside the app's own group compete with its GUI thread for
    the group's share, which no program a person runs beside the app does.)"""
    return subprocess.Popen(
        [sys.executable, "-c", HOG],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def run() -> Iterator[Result]:
    # A sound server as a person's desktop has one (the session is muted): without one,
    # Qt's PulseAudio back end fails to connect at every turn it tries.
    with tempfile.TemporaryDirectory() as temporary, private_sound_and_home():
        routine = Path(temporary) / "timer-benchmark.toml"
        routine.write_text(routine_text(), encoding="utf-8")
        measured = play_and_measure(routine)
    errors = measured.boundaries
    yield lateness(
        "timer_error_ms",
        errors,
        boundaries=len(errors),
        session_s=round(measured.planned_total, 1),
        load=f"{HOGS} busy processes",
        full_collections=len(measured.collections),
        longest_collection_ms=round(max(measured.collections, default=0.0), 2),
        latest=measured.latest,  # where to look next
    )
    yield at_most("timer_error_max_ms", max(errors), "ms", TARGET_MAX_MS)
    moments = measured.moments
    yield lateness(
        "timer_error_moments_ms",
        moments,
        moments=len(moments),
        late_by_a_tick=sum(error >= A_TICK_MS for error in moments),
        speed_probe_us={"idle": measured.probe_idle_us, "loaded": measured.probe_loaded_us},
        cold_page_ns=measured.cold_page_ns,
    )


def lateness(name: str, errors: list[float], **detail: object) -> Result:
    """The p95 of ``errors`` (ms late) against the target, with their median and max."""
    return at_most(
        name,
        p95(errors),
        "ms",
        TARGET_P95_MS,
        median_ms=round(statistics.median(errors), 3),
        max_ms=round(max(errors), 3),
        statistic="p95",
        **detail,
    )


def speed_probe_us(runs: int = 40) -> float:
    """Median microseconds of a fixed piece of Python on this thread: how fast the
    machine runs the app's own work just now (a guest sharing its host runs slower)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        total = 0
        for number in range(2_000):
            total += number % 7
        times.append((time.perf_counter() - started) * 1e6)
        time.sleep(0.002)  # woken each time, as a boundary's timer wakes the thread
    return round(statistics.median(times), 1)


def cold_page_ns(sleep_s: float = 1.0, runs: int = 3) -> dict[str, float]:
    """Nanoseconds to touch one page of this process's own memory again, at once and
    after sleeping ``sleep_s`` (median of ``runs``). On a guest whose host runs other work
    while the app sleeps, memory left for a second comes back slowly (on 2026-12-07 here:
    some 2.5 us a page against 0.05-0.1), and a moment's work touches hundreds of pages."""
    page = 4096
    memory = bytearray(8 * 2**20)
    for offset in range(0, len(memory), page):
        memory[offset] = 1  # every page resident before the timing

    def touch() -> float:
        started = time.perf_counter()
        total = 0
        for offset in range(0, len(memory), page):
            total += memory[offset]
        return (time.perf_counter() - started) / (len(memory) // page) * 1e9

    warm, cold = [], []
    for _ in range(runs):
        touch()
        warm.append(touch())
        time.sleep(sleep_s)
        cold.append(touch())
    return {
        "warm": round(statistics.median(warm)),
        f"after_{sleep_s:g}_s": round(statistics.median(cold)),
    }


class CollectionWatch:
    """The full garbage collections (generation 2) during the session: each walks every
    object not frozen, on whichever thread allocated last, the GUI thread as a rule."""

    def __init__(self) -> None:
        self.pauses_ms: list[float] = []
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses_ms.append((time.perf_counter() - self._started) * 1000.0)

    def __enter__(self) -> CollectionWatch:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        gc.callbacks.remove(self)


@dataclass
class Measured:
    boundaries: list[float]  # ms late, each segment boundary
    moments: list[float]  # ms late, each planned moment (boundaries and cues inside parts)
    planned_total: float
    collections: list[float]
    latest: list[str]
    probe_idle_us: float
    probe_loaded_us: float
    cold_page_ns: dict[str, float]  # touching a page of memory at once and after 1 s idle


def play_and_measure(routine: Path) -> Measured:
    from stretchtimer.core.session.events import CueDue, SegmentStarted, SessionStarted

    _app, window, services = open_window(muted=True, voice_enabled=False)
    handled: list[tuple[float, float, str]] = []  # (planned, actual, kind) per boundary
    cues: list[tuple[float, float]] = []  # (planned, actual) per cue inside a part
    origin: list[float] = []

    def on_event(event: object) -> None:
        now = time.monotonic()
        if isinstance(event, SessionStarted):
            origin.append(event.mono)
        elif isinstance(event, SegmentStarted) and origin and event.mono > origin[0]:
            handled.append((event.mono, now, event.segment.kind.value))
        elif isinstance(event, CueDue) and origin:
            cues.append((event.due, now))

    probe_idle = speed_probe_us()
    pages = cold_page_ns()
    hogs = [hog() for _ in range(HOGS)]
    try:
        time.sleep(0.5)  # the busy processes up and running
        probe_loaded = speed_probe_us()
        with CollectionWatch() as collections:
            controller = play(
                window, str(routine), on_controller=lambda c: c.engine_event.connect(on_event)
            )
        plan = controller.plan
        assert plan is not None
    finally:
        for process in hogs:
            process.kill()
            process.wait()
        close_window(window, services)
    # The engine plans each segment to start at the end of the one before (event.mono);
    # that equals session start + the planned lengths, which the engine tests prove.
    errors = [abs(actual - planned) * 1000.0 for planned, actual, _kind in handled]
    latest = sorted(zip(errors, (kind for *_, kind in handled), strict=True), reverse=True)[:4]
    # A part's first cue is due at its boundary and handled in the same moment: counted once.
    starts = {planned for planned, *_ in handled} | set(origin)
    inside = [abs(actual - planned) * 1000.0 for planned, actual in cues if planned not in starts]
    return Measured(
        boundaries=errors,
        moments=errors + inside,
        planned_total=plan.duration,
        collections=collections.pauses_ms,
        latest=[f"{kind} {error:.1f} ms" for error, kind in latest],
        probe_idle_us=probe_idle,
        probe_loaded_us=probe_loaded,
        cold_page_ns=pages,
    )
