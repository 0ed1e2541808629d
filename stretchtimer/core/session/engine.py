"""The session engine: walks a plan in time, driven by commands and ``tick(now)``.

Time enters only through the :class:`~stretchtimer.core.session.clock.Moment` passed to
each call. Remaining time is always ``deadline - now``: a late tick never loses
or gains time, it only delivers what became due meanwhile, in order. Segments
start at the exact deadline of the one before, so nothing drifts.

The engine is built in layers, each a module: where the session stands and its clock
(:mod:`~stretchtimer.core.session.walking.position`), waiting for words still rendering and
taking measured timings (:mod:`~stretchtimer.core.session.walking.speech_gate`), the moves
through the plan and the events they make (:mod:`~stretchtimer.core.session.walking.walk`),
and here the commands a person or the driver gives.
"""

from __future__ import annotations

import logging

from stretchtimer.core import i18n
from stretchtimer.core.routine.wording import fill_sides
from stretchtimer.core.session import phrases
from stretchtimer.core.session.clock import SLEEP_GAP, Moment
from stretchtimer.core.session.events import (
    EasierChosen,
    EasierDropped,
    Event,
    PauseReason,
    Resumed,
    SessionStarted,
    State,
    Status,
)
from stretchtimer.core.session.plan import Cue, Sound
from stretchtimer.core.session.walking.position import STALL_GAP
from stretchtimer.core.session.walking.walk import Walk

__all__ = ["SLEEP_GAP", "STALL_GAP", "SessionEngine"]

log = logging.getLogger(__name__)

BACK_RESTARTS_AFTER = 3.0  # "back" later than this into a segment restarts it


class SessionEngine(Walk):
    """Runs one session of a :class:`Plan`.

    Every command and ``tick`` returns the events it caused, oldest first.
    """

    __slots__ = ()

    def start(self, now: Moment, *, chimed_at: float | None = None) -> list[Event]:
        """Start the session. ``chimed_at``: the start chime was rung already, at that
        monotonic time (at the press of Start, while the first words rendered). The
        quiet after it, before the first words, is then counted from the chime: they
        come that long after it, or now if that moment has passed. The chime is not
        rung again."""
        if self.state is not State.READY:
            return []
        now = self._clamp(now)
        events: list[Event] = [SessionStarted(now.mono, now.wall)]
        self.state = State.RUNNING
        cues = self.plan.segments[0].cues
        rung = chimed_at is not None and bool(cues) and _is_start_chime(cues[0])
        origin = now.mono
        if rung and chimed_at is not None:
            words = next((cue.offset for cue in cues if cue.spoken and cue.text), 0.0)
            origin = min(now.mono, max(chimed_at, now.mono - words))
        self._enter(0, origin, now, events)
        if rung and self.state is State.RUNNING:
            self._next_cue = 1
        self._advance(now, events)
        return events

    def tick(self, now: Moment) -> list[Event]:
        """Deliver everything that became due up to ``now``."""
        events: list[Event] = []
        last = self._last
        slept = 0.0
        if last is not None:  # _clamp, inline (this runs on every tick), and sleep
            slept = (now.wall - last.wall) - (now.mono - last.mono)
            if now.mono < last.mono:
                now = Moment(last.mono, now.wall)
            elif self._stalled(last, now):
                self._pause_stalled(last, now, events)
                return events
        self._last = now
        if self.state is State.RUNNING or self._closing():
            self._advance(now, events)
        if slept > SLEEP_GAP and self.state is State.RUNNING:
            log.info("the machine slept for %.0f s; pausing the session", slept)
            self._pause(now, PauseReason.SLEEP, events)
        return events

    def pause(self, now: Moment) -> list[Event]:
        events = self._prepared(now)
        if self.state is State.RUNNING:
            self._pause(self._clamp(now), PauseReason.PERSON, events)
        elif self._waiting:
            self._waiting = False  # the person's pause now: ready speech does not resume
        return events

    def resume(self, now: Moment) -> list[Event]:
        events = self._prepared(now)
        if self.state is State.PAUSED and self._speech_missing():
            if not self._waiting:
                self._wait(events, at=self._paused_elapsed)
        elif self.state is State.PAUSED:
            now = self._clamp(now)
            self._waiting = False
            self._origin = now.mono - self._paused_elapsed
            self.state = State.RUNNING
            events.append(Resumed())
            self._advance(now, events)
        return events

    def toggle_pause(self, now: Moment) -> list[Event]:
        if self.state is State.READY:
            return self.start(now)
        if self.state is State.PAUSED:
            return self.resume(now)
        return self.pause(now)

    def skip(self, now: Moment) -> list[Event]:
        """Leave the current segment and go to the next one."""
        events = self._prepared(now)
        if self.state in (State.RUNNING, State.PAUSED):
            now = self._clamp(now)
            self._leave(now, events)
            self._enter(self._index + 1, now.mono, now, events)
            self._advance(now, events)
        return events

    def back(self, now: Moment) -> list[Event]:
        """Restart the current segment, or go to the one before when just started."""
        events = self._prepared(now)
        if self.state in (State.RUNNING, State.PAUSED):
            now = self._clamp(now)
            restart = self.elapsed(now) > BACK_RESTARTS_AFTER or self._index == 0
            target = self._index if restart else self._index - 1
            self._leave(now, events)
            self._enter(target, now.mono, now, events)
            self._advance(now, events)
        return events

    def stop(self, now: Moment) -> list[Event]:
        events = self._prepared(now)
        now = self._clamp(now)
        if self.state in (State.RUNNING, State.PAUSED):
            self._leave(now, events)
            self._finish(Status.STOPPED, now, events)
        elif self.state is State.READY:
            self._finish(Status.STOPPED, now, events)
        else:
            self._next_cue = len(self.segment.cues)  # silence the closing words
        return events

    def speech_ready(self, ready_until: int, now: Moment, ready_cues: int = 0) -> list[Event]:
        """Every clip of the first ``ready_until`` segments is ready, and of the first
        ``ready_cues`` cues of the one after; a session waiting for them goes on."""
        # Exactly this many: re-timed words may make a later segment wait again.
        if ready_until < self._index:  # behind the playhead: says nothing of this segment
            ready_until, ready_cues = self._index + 1, 0
        self._ready_until = ready_until
        self._ready_cues = ready_cues
        if self._waiting and not self._speech_missing():
            return self.resume(now)
        return []

    def use_easier(self, now: Moment) -> list[Event]:
        """Switch the current step to its easier variation, when it has one."""
        events = self._prepared(now)
        step_index = self.segment.step_index
        if self.state not in (State.RUNNING, State.PAUSED) or step_index is None:
            return events
        step = self.plan.routine.steps[step_index]
        if step.easier and step_index not in self._easier:
            self._easier.add(step_index)
            side = self.segment.side if self.plan.routine.guided else None
            with i18n.speaking_in(self.plan.language):  # the words the plan was built in
                words = phrases.easier(fill_sides(step.easier, side))
            events.append(EasierChosen(step_index, words))
        return events

    def use_full(self, now: Moment) -> list[Event]:
        """Back from the easier variation to the step's own version: the easier choice is
        a toggle a person can turn back."""
        events = self._prepared(now)
        step_index = self.segment.step_index
        if self.state not in (State.RUNNING, State.PAUSED) or step_index is None:
            return events
        if step_index in self._easier:
            self._easier.discard(step_index)
            events.append(EasierDropped(step_index))
        return events


def _is_start_chime(cue: Cue) -> bool:
    return cue.sound is Sound.SESSION_START and not (cue.spoken and cue.text)
