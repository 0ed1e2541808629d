"""The history hears each moment's events once the moment's cues have all been handled."""

from __future__ import annotations

from stretchtimer.core.routine.file import parse_routine
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.events import Event, SegmentStarted, SessionStarted
from stretchtimer.core.session.plan import build_plan
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
