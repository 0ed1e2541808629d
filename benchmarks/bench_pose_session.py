"""``session_cpu_percent``: the app's CPU use while a breath-counted hold plays.

The real main window (1366×768, offscreen, voice into a private PulseAudio null sink)
plays breath-counted holds with the figure breathing; the app's CPU use (all its
threads, % of one core) over 50 s of a hold with the window visible (target 3 %) and,
as ``session_cpu_percent_minimized``, minimized (target 0.5 %). The detail quotes a hold
of a step without a pose: the player as it was before the figure (what the ring and the
words cost on their own).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from benchmarks.app_window import private_sound_and_home
from benchmarks.bench_pose import _spin
from benchmarks.harness import Result, at_most
from benchmarks.holds import playing, posed_step, reach_hold

HOLD_SECONDS = 60.0  # each breath-counted hold: 12 breaths of 2.5 s in and 2.5 s out
MEASURE_SECONDS = 50.0  # of each hold, after it has settled
TARGET_VISIBLE = 3.0  # % of one core
TARGET_MINIMIZED = 0.5


def session_routine() -> object:
    """Three breath-counted holds: the figure moving, the window minimized, and a step
    without a pose (the player as it was before the figure), in that order."""
    from stretchtimer.core.routine.model import Breaths, Pace, Routine

    breaths = Breaths(round(HOLD_SECONDS / 5))
    return Routine(
        "Pose benchmark",
        (
            posed_step("Straddle fold", breaths, say="Fold.", pose="straddle-fold"),
            posed_step("Straddle fold again", breaths, say="Fold.", pose="straddle-fold"),
            posed_step("Fold without a picture", breaths, say="Fold."),
        ),
        pace=Pace(prepare=2, rest=2, switch=2, inhale=2.5, exhale=2.5),
    )


def _cpu_seconds() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def session_cpu() -> dict[str, float]:
    """The app's CPU use (% of one core) during each of the three holds."""
    from stretchtimer.core.session.plan import SegmentKind

    found: dict[str, float] = {}
    with playing("pose-benchmark", session_routine()) as (app, window, _services):
        for index, label in enumerate(("visible", "minimized", "no_figure")):
            reach_hold(app, window, SegmentKind.BREATHS, index)
            if label == "minimized":
                window.showMinimized()
            _spin(app, 3.0)  # settle: the first breath's cue, the window's state
            start, start_cpu = time.monotonic(), _cpu_seconds()
            _spin(app, MEASURE_SECONDS)
            found[label] = 100.0 * (_cpu_seconds() - start_cpu) / (time.monotonic() - start)
            if label == "minimized":
                window.showNormal()
    return found


def run() -> Iterator[Result]:
    with private_sound_and_home():
        found = session_cpu()
    detail = {"hold_s": MEASURE_SECONDS, "without_figure_percent": round(found["no_figure"], 2)}
    yield at_most("session_cpu_percent", found["visible"], "%", TARGET_VISIBLE, **detail)
    yield at_most(
        "session_cpu_percent_minimized", found["minimized"], "%", TARGET_MINIMIZED, **detail
    )
