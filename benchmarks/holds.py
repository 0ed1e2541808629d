"""What the benchmarks that watch a hold play share (bench_wakeups, bench_pose_session):
the real main window (1366×768) playing a routine, and a bounded wait for each hold."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

HOLD_WITHIN_S = 120.0  # the longest a hold may take to come: a session stuck says so


def posed_step(name: str, work: object, say: str, pose: str = "") -> Any:
    """A step with a pose figure, as routine format 2 gives it (none with ``pose=""``)."""
    from dataclasses import dataclass

    from stretchtimer.core.routine.model import Step

    if not pose:
        return Step(name, work, say=say)  # type: ignore[arg-type]

    @dataclass(frozen=True)
    class PosedStep(Step):
        pose: str = ""

    return PosedStep(name, work, say=say, pose=pose)  # type: ignore[arg-type]


@contextmanager
def playing(name: str, routine: object) -> Iterator[tuple[Any, Any, Any]]:
    """``(app, window, services)`` with ``routine`` started; stopped and closed after."""
    from PySide6.QtWidgets import QApplication

    from benchmarks.app_window import close_window, open_window

    app, window, services = open_window()
    assert isinstance(app, QApplication)
    window.resize(1366, 768)
    window.sessions.start_session(name, routine)
    try:
        yield app, window, services
    finally:
        if window.sessions.controller is not None:
            window.sessions.controller.stop()
        close_window(window, services)


def reach_hold(app: object, window: Any, kind: object, index: int) -> None:
    """Run the event loop until the hold (``kind``) of step ``index`` plays; a session
    that does not get there within ``HOLD_WITHIN_S`` is an error, not a hang."""
    from benchmarks.bench_pose import _spin

    give_up = time.monotonic() + HOLD_WITHIN_S
    while True:
        controller = window.sessions.controller
        driver = controller.driver if controller else None
        segment = driver.engine.segment if driver else None
        if segment is not None and (segment.kind, segment.step_index) == (kind, index):
            return
        if time.monotonic() > give_up:
            raise RuntimeError(
                f"the hold of step {index + 1} did not start within {HOLD_WITHIN_S:.0f} s"
                f" (the session is at {segment})"
            )
        _spin(app, 0.05)
