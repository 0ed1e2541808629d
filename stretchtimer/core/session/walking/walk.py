"""Walking the plan in time: segments entered and left, cues falling due, pauses and
the end, each told as an event.

A late tick never loses or gains time, it only delivers what became due meanwhile, in
order; segments start at the exact deadline of the one before, so nothing drifts.
"""

from __future__ import annotations

import logging

from stretchtimer.core import i18n
from stretchtimer.core.session import phrases
from stretchtimer.core.session.clock import Moment
from stretchtimer.core.session.events import (
    CueDue,
    Event,
    Outcome,
    Paused,
    PauseReason,
    SegmentEnded,
    SegmentStarted,
    SessionFinished,
    State,
    Status,
)
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.core.session.walking.speech_gate import SpeechGate

log = logging.getLogger(__name__)

SKIPPED_BELOW = 1.0  # a segment left before this many seconds counts as skipped


class Walk(SpeechGate):
    """The engine's moves through its plan, each appending the events it causes."""

    __slots__ = ()

    def _prepared(self, now: Moment) -> list[Event]:
        events: list[Event] = []
        last = self._last
        if last is not None and now.mono >= last.mono and self._stalled(last, now):
            self._pause_stalled(last, now, events)  # a key pressed before the late tick
        self._advance(self._clamp(now), events)
        return events

    def _pause_stalled(self, last: Moment, now: Moment, events: list[Event]) -> None:
        """Pause at the moment the session was last seen running: what came due while
        the program stood still was not done, and is not counted."""
        log.info("no tick for %.0f s; pausing the session", now.mono - last.mono)
        seen = Moment(last.mono, now.wall - (now.mono - last.mono))
        self._pause(seen, PauseReason.STALLED, events)
        self._last = now

    def _advance(self, now: Moment, events: list[Event]) -> None:
        # The hot path of a session, run on every tick: kept to locals on purpose.
        mono = now.mono
        segments = self.plan.segments
        while True:
            running = self.state is State.RUNNING
            if not running and not self._closing():
                return
            segment = segments[self._index]
            cues = segment.cues
            origin = self._origin
            next_cue = self._next_cue
            ready = len(cues) if self._index < self._ready_until else self._ready_cues
            while next_cue < len(cues):
                cue = cues[next_cue]
                due = origin + cue.offset
                if due > mono:
                    break
                if next_cue >= ready and running:
                    # Its words are not rendered yet: wait just before them, between two
                    # sentences, never in the middle of one.
                    self._next_cue = next_cue
                    self._wait(events, at=cue.offset)
                    return
                next_cue += 1
                events.append(CueDue(segment, cue, due, mono - due))
            self._next_cue = next_cue
            deadline = origin + segment.duration
            if not running or deadline > mono:
                return
            self._end(segment.duration, Outcome.DONE, self._wall_at(deadline, now), events)
            self._enter(self._index + 1, deadline, now, events)

    def _enter(self, index: int, origin: float, now: Moment, events: list[Event]) -> None:
        self._index = index
        self._origin = origin
        self._paused_elapsed = 0.0
        self._next_cue = 0
        events.append(SegmentStarted(self.segment, origin))
        if self.segment.kind is SegmentKind.DONE:
            self._finish(Status.COMPLETED, now, events, at=origin)
        elif self.state is State.RUNNING and self._speech_missing():
            self._wait(events)

    def _leave(self, now: Moment, events: list[Event]) -> None:
        elapsed = self.elapsed(now)
        outcome = Outcome.SKIPPED if elapsed < SKIPPED_BELOW else Outcome.PARTIAL
        self._end(elapsed, outcome, now.wall, events)

    def _end(self, actual: float, outcome: Outcome, wall: float, events: list[Event]) -> None:
        segment = self.segment
        self._active += actual
        easier = segment.step_index is not None and segment.step_index in self._easier
        events.append(SegmentEnded(segment, actual, outcome, easier, wall))

    def _pause(self, now: Moment, reason: PauseReason, events: list[Event]) -> None:
        self._paused_elapsed = self.elapsed(now)
        self.state = State.PAUSED
        with i18n.speaking_in(self.plan.language):
            text = {
                PauseReason.SLEEP: phrases.paused_for_sleep,
                PauseReason.STALLED: phrases.paused_for_stall,
            }.get(reason, str)()
        events.append(Paused(reason, text))

    def _finish(
        self, status: Status, now: Moment, events: list[Event], at: float | None = None
    ) -> None:
        self.state = State.FINISHED
        self.status = status
        self._waiting = False  # a finished session waits for no words
        wall = now.wall if at is None else self._wall_at(at, now)
        events.append(SessionFinished(status, self._active, wall))
