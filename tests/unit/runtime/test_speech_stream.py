"""Speech rendered while the session runs (real espeak-ng and Piper workers, real cue
player, the engine on a fake clock): the session starts with only the clip of its first
words, the others arrive in the order they are spoken and re-time the plan (the running
segment's words still to come too), and a
session that reaches words not yet rendered waits at the boundary, says so, and goes
on by itself."""

from __future__ import annotations

import functools
import math
import os
import signal
from pathlib import Path

import pytest

from stretchtimer.core.routine.file import parse_routine
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.session import phrases
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.estimate import PlanOptions
from stretchtimer.core.session.events import (
    CueDue,
    Event,
    Paused,
    PauseReason,
    Resumed,
    SegmentStarted,
    State,
)
from stretchtimer.core.session.plan import build_plan
from stretchtimer.runtime.driver import SessionDriver
from stretchtimer.runtime.session_setup import SessionParts, prepare_session
from stretchtimer.speech.clip_cache import ClipCache, VoiceChoice
from stretchtimer.speech.session_speech import (
    clip_renderer,
    prepare_spoken_session,
    segments_ready,
    speaking_order,
    speech_readiness,
)
from stretchtimer.speech.voices import NATURAL_DEFAULT, SYSTEM_DEFAULT
from stretchtimer.storage.paths import app_paths
from stretchtimer.storage.routines.library import builtin_entries
from stretchtimer.storage.settings import Settings
from tests.unit.speech.piper_children import piper_workers

NATURAL = VoiceChoice(NATURAL_DEFAULT, 165)
SYSTEM = VoiceChoice(SYSTEM_DEFAULT, 165)

ROUTINE = b"""format = 1
title = "Two holds"
[pace]
prepare = 1
rest = 1
[[step]]
name = "Reach"
hold = 2
[[step]]
name = "Fold"
say = "Fold forward from the hips and let your arms hang."
hold = 2
"""


def test_a_session_starts_with_its_first_words_and_the_rest_follow_in_order(home: Path) -> None:
    routine = parse_routine(ROUTINE.replace(b"hold = 2\n", b'hold = 2\nsides = "both"\n', 1))
    factory = functools.partial(clip_renderer, home / "clips")
    spoken = prepare_spoken_session(
        routine, PlanOptions(), VoiceChoice("pyttsx3:", 165), factory, stream=True
    )
    order = speaking_order(spoken.plan)
    first = [cue.text for cue in spoken.plan.segments[0].cues if cue.text]
    assert len(first) > 1
    assert set(spoken.clips) == {first[0]}  # nothing else was waited for: its first words
    assert spoken.pending == tuple(text for text in order if text != first[0])
    assert spoken.pending[0] == phrases.waiting_for_voice()  # for a wait, even in the first
    second = [cue.text for cue in spoken.plan.segments[1].cues if cue.text]
    assert list(spoken.pending[1 : len(first) + len(second)]) == first[1:] + second
    assert segments_ready(spoken.plan, spoken.clips) == 0
    assert speech_readiness(spoken.plan, spoken.clips) == (0, 2)  # the chime and the name
    # Once every clip is in the cache (a routine played before), nothing is pending.
    prepare_spoken_session(routine, PlanOptions(), VoiceChoice("pyttsx3:", 165), factory)
    again = prepare_spoken_session(
        routine, PlanOptions(), VoiceChoice("pyttsx3:", 165), factory, stream=True
    )
    assert again.pending == ()
    assert set(again.clips) == set(order)


def run_session(qtbot, voice: str) -> tuple[list[Event], SessionParts, FakeClock]:  # type: ignore[no-untyped-def]
    """The session set-up the app and the terminal use, its engine on a fake clock."""
    paths = app_paths()
    settings = Settings(voice=voice, rate=165, chime_volume=0.0, voice_volume=0.0)
    prepared = prepare_session(parse_routine(ROUTINE), settings, paths, record=False)
    assert prepared.spoken.pending  # the rest is left to render during the session
    parts = SessionParts(prepared, settings)
    assert parts.stream is not None
    parts.stream.stop()  # as if the renderer had fallen far behind: nothing comes for now
    clock = FakeClock()
    _driver, events = driven(parts, "two-holds", clock)
    return events, parts, clock


def driven(
    parts: SessionParts, routine_id: str, clock: FakeClock
) -> tuple[SessionDriver, list[Event]]:
    """The prepared session started on ``clock`` as the app drives it, and the list that
    collects every event its engine sends."""
    driver = parts.drive(
        routine_id=routine_id,
        paths=app_paths(),
        speed=1.0,
        comfort_before=None,
        on_problem=print,
        clock=clock,
    )
    events: list[Event] = []
    driver.engine_event.connect(events.append)
    driver.start()
    return driver, events


def test_a_session_that_reaches_unrendered_words_waits_at_the_boundary_and_goes_on(
    qtbot, home: Path
) -> None:  # type: ignore[no-untyped-def]
    events, parts, clock = run_session(qtbot, "pyttsx3:")
    driver = parts.driver
    assert driver is not None
    first = driver.engine.plan.segments[0]
    driver.engine.stall_gap = math.inf  # one late tick here is late, not a stalled program
    clock.advance(first.duration + 5.0)
    driver.tick()
    assert Paused(PauseReason.SPEECH, phrases.waiting_for_voice()) in events
    assert driver.engine.state is State.PAUSED and driver.engine.index == 1
    spoken_in_second = [
        event for event in events if isinstance(event, CueDue) and event.segment.position == 1
    ]
    assert spoken_in_second == []  # never a word of the next segment before it is ready
    # Rendering catches up (a fresh stream, as the real one resumes its work).
    stream = parts.stream
    assert stream is not None
    stream._stop.clear()
    stream._thread = None
    stream.start()
    qtbot.waitUntil(lambda: stream.finished, timeout=30_000)
    assert any(isinstance(event, Resumed) for event in events)
    assert driver.engine.state is State.RUNNING
    assert set(parts.player._voices) == set(stream.clips)  # every clip reached the player
    # The segments ahead are timed by the measured clips, the running one kept its time.
    assert stream.spoken.plan_for(stream.clips).segments[2:] == driver.engine.plan.segments[2:]
    parts.close_player()
    driver.stop()


def test_the_natural_voice_streams_too_and_the_session_never_waits_when_ahead(
    qtbot, home: Path
) -> None:  # type: ignore[no-untyped-def]
    paths = app_paths()
    settings = Settings(voice="piper:en_US-joe-medium", rate=165, voice_volume=0.0)
    prepared = prepare_session(parse_routine(ROUTINE), settings, paths, record=False)
    assert prepared.spoken.notice is None
    assert prepared.spoken.pending
    parts = SessionParts(prepared, settings)
    clock = FakeClock()
    driver, events = driven(parts, "two-holds", clock)
    stream = parts.stream
    assert stream is not None
    qtbot.waitUntil(lambda: stream.finished, timeout=60_000)
    assert set(stream.clips) == set(speaking_order(prepared.spoken.plan))
    while (deadline := driver.engine.next_deadline()) is not None:
        clock.advance(max(0.0, deadline - clock.now().mono))
        driver.tick()
    assert not any(isinstance(event, Paused) for event in events)
    started = [event.segment.position for event in events if isinstance(event, SegmentStarted)]
    assert started == list(range(len(driver.engine.plan.segments)))
    parts.close_player()


def test_a_natural_voice_that_dies_midway_hands_the_rest_to_the_system_voice_and_says_so(
    qtbot, home: Path
) -> None:  # type: ignore[no-untyped-def]
    paths = app_paths()
    settings = Settings(voice=NATURAL_DEFAULT, rate=165, voice_volume=0.0, chime_volume=0.0)
    prepared = prepare_session(longest_routine(), settings, paths, record=False)
    assert prepared.spoken.notice is None and len(prepared.spoken.pending) > 20
    parts = SessionParts(prepared, settings)
    told: list[str] = []
    parts.player.notice.connect(told.append)  # where the app and the terminal show it
    stream = parts.stream
    assert stream is not None
    natural_before = set(stream.clips)
    qtbot.waitUntil(lambda: len(stream.clips) > len(natural_before), timeout=60_000)
    workers = piper_workers()
    assert len(workers) == 1
    os.kill(workers[0], signal.SIGKILL)  # as the kernel's out-of-memory killer would
    qtbot.waitUntil(lambda: stream.finished, timeout=60_000)
    assert told == [
        "The natural voice stopped working (it crashed), so the system voice speaks the "
        "rest of this session; the app's log has the details."
    ]
    order = speaking_order(prepared.spoken.plan)
    assert set(stream.clips) == set(order)  # never silence: every word still has a clip
    assert set(parts.player._voices) == set(order)
    cache = ClipCache(paths.clips)
    system = [text for text in order if stream.clips[text].path == cache.path_for(text, SYSTEM)]
    natural = [text for text in order if stream.clips[text].path == cache.path_for(text, NATURAL)]
    assert len(system) + len(natural) == len(order)
    # The voice changes once: what was said before in the natural voice, the rest in the
    # system's (no switching back and forth).
    assert natural and system
    assert max(order.index(text) for text in natural) < min(order.index(text) for text in system)
    assert piper_workers() == []  # no natural voice started again behind the session
    parts.close_player()


def longest_routine() -> Routine:
    routines = [entry.routine for entry in builtin_entries() if entry.routine is not None]
    return max(routines, key=lambda routine: len(build_plan(routine).spoken_texts))


@pytest.mark.parametrize("voice", [SYSTEM_DEFAULT, NATURAL_DEFAULT])
def test_the_longest_routine_starts_on_one_clip_and_its_first_segment_is_re_timed(
    qtbot, home: Path, voice: str
) -> None:  # type: ignore[no-untyped-def]
    paths = app_paths()
    settings = Settings(voice=voice, rate=165, chime_volume=0.0, voice_volume=0.0)
    prepared = prepare_session(longest_routine(), settings, paths, record=False)
    assert prepared.spoken.notice is None
    first = prepared.plan.segments[0]
    words = [cue.text for cue in first.cues if cue.spoken and cue.text]
    assert len(words) > 3
    assert list(prepared.spoken.clips) == words[:1]  # nothing else was rendered before Start
    parts = SessionParts(prepared, settings)
    clock = FakeClock()
    driver, events = driven(parts, "longest", clock)
    engine = driver.engine
    engine.stall_gap = math.inf  # the fake clock jumps from cue to cue: late, not stalled
    assert engine.state is State.RUNNING and engine.index == 0  # started on its first words
    stream = parts.stream
    assert stream is not None
    qtbot.waitUntil(lambda: stream.finished, timeout=60_000)
    measured = stream.spoken.plan_for(stream.clips)
    # Nothing was said yet but the chime: the whole first segment took the measured timing.
    assert engine.plan.segments == measured.segments
    assert engine.plan.segments[0] != first
    while engine.index == 0 and (deadline := engine.next_deadline()) is not None:
        clock.advance(max(0.0, deadline - clock.now().mono))
        driver.tick()
    said = [event for event in events if isinstance(event, CueDue) and event.segment.position == 0]
    assert [event.cue for event in said] == list(measured.segments[0].cues)
    assert all(event.late_by == pytest.approx(0.0) for event in said)
    assert not any(isinstance(event, Paused) for event in events)
    parts.close_player()
