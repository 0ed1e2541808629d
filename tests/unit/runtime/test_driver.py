"""The driver starts each part on time, and the history hears each moment's events once
the moment's cues have all been handled."""

from __future__ import annotations

import time

import pytest

from stretchtimer.core.routine.file import parse_routine
from stretchtimer.core.session.clock import FakeClock, Moment
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.events import Event, SegmentStarted, SessionStarted
from stretchtimer.core.session.plan import SegmentKind, build_plan
from stretchtimer.core.session.snapshot import Snapshot
from stretchtimer.runtime.driver import AfterTheMoment, SessionDriver

ROUTINE = b'format = 1\ntitle = "T"\n[[step]]\nname = "S"\nhold = 5\n'


def test_a_moments_events_reach_the_slow_listener_after_the_others_in_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    driver = SessionDriver(SessionEngine(build_plan(parse_routine(ROUTINE))))
    at_once: list[Event] = []
    later: list[Event] = []
    seen_by_then: list[int] = []
    after = AfterTheMoment(lambda event: (later.append(event), seen_by_then.append(len(at_once))))
    driver.engine_event.connect(after)
    driver.engine_event.connect(at_once.append)

    driver.start()
    assert [type(event) for event in at_once[:2]] == [SessionStarted, SegmentStarted]
    assert later == []  # nothing yet: the moment is still being handled
    qtbot.waitUntil(lambda: later == at_once)
    assert set(seen_by_then) == {len(at_once)}  # each after the whole moment

    driver.stop()
    after.flush()  # at once, as before the history is closed
    assert later == at_once
    driver.deleteLater()


BUSY_ROUTINE = b'format = 1\ntitle = "T"\n[pace]\nprepare = 1\n[[step]]\nname = "S"\nhold = 5\n'


def parts_started(driver: SessionDriver) -> list[tuple[float, float]]:
    """(planned, handled) of each part the driver starts from now on, as it starts it."""
    started: list[tuple[float, float]] = []
    driver.engine_event.connect(
        lambda event: (
            started.append((event.mono, time.monotonic()))
            if isinstance(event, SegmentStarted)
            else None
        )
    )
    return started


def test_a_boundary_is_on_time_though_the_event_loop_is_busy_as_it_falls_due(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A picture painted as a step falls due (here: 50 ms of work that starts 2 ms before
    it) must not start the step late: the driver is armed ahead and waits out the rest."""
    from PySide6.QtCore import Qt, QTimer

    driver = SessionDriver(SessionEngine(build_plan(parse_routine(BUSY_ROUTINE))))
    started = parts_started(driver)
    driver.start()
    assert driver.engine.segment.kind is SegmentKind.PREPARE
    deadline = started[0][0] + driver.engine.segment.duration

    def busy() -> None:
        until = time.monotonic() + 0.050
        while time.monotonic() < until:
            pass

    ahead_ms = round((deadline - time.monotonic() - 0.002) * 1000.0)
    painter = QTimer(timerType=Qt.TimerType.PreciseTimer, singleShot=True)
    painter.timeout.connect(busy)
    painter.start(ahead_ms)
    qtbot.waitUntil(lambda: len(started) == 2, timeout=3000)
    planned, handled = started[1]
    assert planned == deadline
    late_ms = (handled - deadline) * 1000.0
    assert 0.0 <= late_ms < 15.0, f"the step started {late_ms:.1f} ms after its time"
    driver.stop()
    driver.deleteLater()


def test_a_preview_starts_at_the_real_time_however_long_it_waited_for_its_sound(qtbot) -> None:  # type: ignore[no-untyped-def]
    """At 100 times the speed, the 3 s the driver waited for the audio process were
    counted as 300 s: the history listed the preview 5 minutes in the future, newer than
    sessions played after it."""
    clock = FakeClock()
    driver = SessionDriver(
        SessionEngine(build_plan(parse_routine(ROUTINE))), clock=clock, speed=100
    )
    seen: list[Event] = []
    driver.engine_event.connect(seen.append)
    started_at = clock.advance(3.0).wall  # waiting for the sound, before the start
    driver.start()
    assert isinstance(seen[0], SessionStarted)
    assert seen[0].wall == started_at
    clock.advance(0.01)
    assert driver.now().wall == pytest.approx(started_at + 1.0)  # sped up from the start on
    driver.stop()
    driver.deleteLater()


def test_the_driver_goes_over_a_moment_shortly_before_it_and_keeps_it_on_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Memory left alone for a second can come back slowly (a virtual machine's host
    takes it back while the app sleeps): the driver wakes ``WARM_UP`` before a deadline
    to take the engine's picture of it, and the moment itself still comes on time."""
    from stretchtimer.runtime.driver import WARM_UP

    looked_at: list[tuple[float, float]] = []  # (when, the moment the picture is of)

    class Watched(SessionEngine):
        def snapshot(self, now: Moment) -> Snapshot:
            looked_at.append((time.monotonic(), now.mono))
            return super().snapshot(now)

    driver = SessionDriver(Watched(build_plan(parse_routine(BUSY_ROUTINE))))
    engine = driver.engine
    started = parts_started(driver)
    driver.start()
    deadline = started[0][0] + engine.segment.duration
    qtbot.waitUntil(lambda: len(started) == 2, timeout=3000)

    ahead = [(when, of) for when, of in looked_at if of == deadline]
    assert len(ahead) == 1, looked_at  # one warm-up for the moment, no more
    ahead_ms = (deadline - ahead[0][0]) * 1000.0
    # Woken WARM_UP before (the timer counts whole milliseconds; a busy machine wakes it
    # later, as a rule still before the exact wait begins, EARLY before it).
    assert 0.0 < ahead_ms <= WARM_UP * 1000.0 + 1.0, f"{ahead_ms:.1f} ms ahead"
    planned, handled = started[1]
    assert planned == deadline
    assert 0.0 <= (handled - deadline) * 1000.0 < 15.0
    driver.stop()
    driver.deleteLater()
