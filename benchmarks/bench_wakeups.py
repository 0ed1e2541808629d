"""``wakeups_*``: how often the app wakes while a timed hold plays.

The real main window (1366×768, offscreen, voice into a private PulseAudio null sink)
plays three timed holds of a step with a (still) pose figure: one with the window
visible, one with it minimized, one in the compact player. Over ``MEASURE_SECONDS`` of
each, after the hold's first words, an event filter on the application counts the timer
events the GUI thread handles (every QTimer that fires: the session's own deadline and
heartbeat, the player's pictures, anything else). The value is timer events a second;
the detail gives the paint events a second (one per widget painted) and the context
switches a second of all the process's threads (the wake-ups the kernel sees: the audio
and the speech worker included).

Targets, from what has to wake: the countdown changes once a second (the player's one
picture a second), the session's driver wakes every 2 s (its heartbeat, in
``runtime/driver``; every second until issue 21), the sound-server watch wakes only on a
change (inotify; it looked at PulseAudio's socket once a second before), and a cue now
and then. Visible or compact: 2.5 a second; minimized, no pictures: 1.0. Measured when
these were set: 1.85 visible, 0.59 minimized, 1.63 compact (2.29, 1.11 and 2.22 with
the 1 s heartbeat). Before the players drew only when their picture changed, they drew
30 times a second: 27 timer events a second visible, 31 compact.

One run takes about 85 s: the app's start, three holds of ``HOLD_SECONDS`` with the
steps' short preparations and rests between them; ``SETTLE_SECONDS`` plus
``MEASURE_SECONDS`` of each hold are watched.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.app_window import private_sound_and_home
from benchmarks.bench_pose import _spin
from benchmarks.harness import Result, at_most
from benchmarks.holds import playing, posed_step, reach_hold

HOLD_SECONDS = 25.0
SETTLE_SECONDS = 4.0  # the hold's first words are spoken
MEASURE_SECONDS = 14.0
TARGETS = {"visible": 2.5, "minimized": 1.0, "compact": 2.5}


def hold_routine() -> object:
    """Three timed holds of a step with a pose: visible, minimized, compact."""
    from stretchtimer.core.routine.model import Hold, Pace, Routine

    steps = tuple(
        posed_step(name, Hold(HOLD_SECONDS), say="Hold.", pose="pigeon")
        for name in ("Pigeon", "Pigeon again", "Pigeon once more")
    )
    return Routine("Wake-up benchmark", steps, pace=Pace(prepare=2, rest=2, switch=2))


def _context_switches() -> int:
    total = 0
    for status in Path("/proc/self/task").glob("*/status"):
        try:
            lines = status.read_text().splitlines()
        except OSError:  # a thread that ended meanwhile
            continue
        for line in lines:
            if "ctxt_switches:" in line:
                total += int(line.split()[1])
    return total


def wakeups() -> dict[str, dict[str, float]]:
    from PySide6.QtCore import QEvent, QObject

    from stretchtimer.core.session.plan import SegmentKind
    from stretchtimer.gui.session.compact.mode import CompactMode
    from stretchtimer.gui.window_state import window_state

    class Counter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.timers = 0
            self.paints = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            kind = event.type()
            if kind == QEvent.Type.Timer:
                self.timers += 1
            elif kind == QEvent.Type.Paint:
                self.paints += 1
            return False

    found: dict[str, dict[str, float]] = {}
    with playing("wakeup-benchmark", hold_routine()) as (app, window, services):
        compact = CompactMode(
            window, window_state(services.paths.config), window_may_stay_hidden=lambda: False
        )
        counter = Counter()
        app.installEventFilter(counter)
        for index, label in enumerate(TARGETS):
            reach_hold(app, window, SegmentKind.HOLD, index)
            if label == "minimized":
                window.showMinimized()
            elif label == "compact":
                compact.enter()
            _spin(app, SETTLE_SECONDS)
            start, timers, paints = time.monotonic(), counter.timers, counter.paints
            switches = _context_switches()
            _spin(app, MEASURE_SECONDS)
            seconds = time.monotonic() - start
            found[label] = {
                "timers": (counter.timers - timers) / seconds,
                "paints": (counter.paints - paints) / seconds,
                "switches": (_context_switches() - switches) / seconds,
            }
            if label == "minimized":
                window.showNormal()
        app.removeEventFilter(counter)
        compact.leave()
    return found


def run() -> Iterator[Result]:
    with private_sound_and_home():
        found = wakeups()
    for label, target in TARGETS.items():
        figures: dict[str, Any] = found[label]
        yield at_most(
            f"wakeups_{label}",
            figures["timers"],
            "timer events/s",
            target,
            paints_per_s=round(figures["paints"], 2),
            process_switches_per_s=round(figures["switches"], 1),
            hold_s=MEASURE_SECONDS,
        )
