"""The pose figure's cost: ``pose_frame_ms`` and ``pose_idle_cpu``.

``pose_frame_ms``: a 1366×768 window with the figure at the size the player gives it
there (332×560 px beside the ring, as the player screenshots show it); each frame
moves the figure on (reps or breaths) and repaints it, synchronously, as the player
does 30 times a second. Every library pose takes its turn. The value is the p95 of the
GUI thread's CPU time per frame (target 2 ms: the thread must stay free for the
session's timing); CPU time, because this machine's cores are shared and wall time also
counts the moments another process had the core. Wall-time median and p95: the detail.

``pose_idle_cpu``: the same window, minimized and then hidden, with the figure's
motion running for a few seconds each: frames drawn (target 0), with the process's
CPU time over those seconds as a detail.

``session_cpu_percent``: see ``bench_pose_session.py``.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator

from benchmarks.harness import Result, at_most, p95

TARGET_P95_MS = 2.0
FRAMES_PER_POSE = 60
IDLE_SECONDS = 3.0
FIGURE_SIZE = (332, 560)  # the player's figure in a 1366×768 window


def _window() -> tuple[object, object, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

    from stretchtimer.gui.theme import ThemeManager
    from stretchtimer.gui.widgets.pose_figure import PoseFigure

    app = QApplication.instance() or QApplication(["bench_pose"])
    ThemeManager(app, "light")
    window = QWidget()
    window.resize(1366, 768)
    layout = QHBoxLayout(window)
    figure = PoseFigure(window, driven=True)  # as the player has it: opaque, on its paper
    figure.setFixedSize(*FIGURE_SIZE)
    layout.addWidget(figure)
    layout.addStretch(1)
    window.show()
    app.processEvents()
    return app, window, figure


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def frame_times(figure: object, app: object) -> tuple[list[float], list[float]]:
    from stretchtimer.core.poses import pose_names, posed
    from stretchtimer.gui.widgets.pose_figure import Motion, PoseFigure

    assert isinstance(figure, PoseFigure)
    clock = _Clock()
    figure._clock = clock  # the benchmark steps time itself, a frame at a time
    times: list[float] = []
    cpu: list[float] = []
    for name in pose_names():
        moving = posed(name).pose.movement
        figure.show_pose(name)
        kind = "reps" if moving else "breaths"
        figure.set_motion(Motion(kind, running=True, tempo=3.0, duration=30.0))
        for _ in range(FRAMES_PER_POSE):
            clock.now += 1 / 30
            start, start_cpu = time.perf_counter(), time.thread_time()
            figure.repaint()
            cpu.append((time.thread_time() - start_cpu) * 1000.0)
            times.append((time.perf_counter() - start) * 1000.0)
    return cpu, times


def idle_frames(app: object, window: object, figure: object) -> tuple[int, float]:
    from PySide6.QtWidgets import QApplication, QWidget

    from stretchtimer.gui.widgets.pose_figure import Motion, PoseFigure

    assert isinstance(figure, PoseFigure) and isinstance(window, QWidget)
    assert isinstance(app, QApplication)
    figure._clock = time.monotonic
    figure.show_pose("glute-bridge")
    figure.set_motion(Motion("reps", running=True, tempo=3.0))
    drawn = 0
    cpu = 0.0
    for hide in (window.showMinimized, window.hide):
        window.showNormal()
        _spin(app, 0.3)
        hide()
        _spin(app, 0.2)
        before, cpu_before = figure.frames_drawn, time.process_time()
        _spin(app, IDLE_SECONDS)
        drawn += figure.frames_drawn - before
        cpu += time.process_time() - cpu_before
    return drawn, cpu


def _spin(app: object, seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def run() -> Iterator[Result]:
    app, window, figure = _window()
    cpu, wall = frame_times(figure, app)
    yield at_most(
        "pose_frame_ms",
        p95(cpu),
        "ms",
        TARGET_P95_MS,
        measure="GUI thread CPU time per frame, p95",
        median_ms=round(statistics.median(cpu), 3),
        wall_median_ms=round(statistics.median(wall), 3),
        wall_p95_ms=round(p95(wall), 3),
        frames=len(cpu),
        figure_px="×".join(map(str, FIGURE_SIZE)),
    )
    drawn, cpu = idle_frames(app, window, figure)
    yield at_most(
        "pose_idle_cpu",
        drawn,
        "frames",
        0,
        seconds=IDLE_SECONDS * 2,
        cpu_ms=round(cpu * 1000, 1),
        states="minimized, hidden",
    )
    window.close()
