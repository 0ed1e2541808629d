"""The session engine: walks a plan in time, driven by commands and ``tick(now)``.

Time enters only through the :class:`~stretchtimer.core.session.clock.Moment` passed to
each call. Remaining time is always ``deadline - now``: a late tick never loses
or gains time, it only delivers what became due meanwhile, in order. Segments
start at the exact deadline of the one before, so nothing drifts.

Speech may still be rendering while a session runs: ``ready_until`` says how many
segments have every clip, and ``ready_cues`` how many leading cues of the next one
have theirs. A segment whose words are said one after another (a preparation, a
switch, a rest) may start as soon as its first words are ready; a timed part (a hold,
breaths, reps) only once all of its are, because its cues keep exact times. The engine
never says a cue whose clip is missing: it waits before it, at a sentence boundary or
at the segment's start (paused, with a sentence saying why) and goes on by itself
when :meth:`SessionEngine.speech_ready` moves the mark. Measured clip lengths arrive
as a new plan (:meth:`SessionEngine.update_plan`): they re-time the segments ahead and
the cues of the running segment not said yet.
"""

from __future__ import annotations

import dataclasses
import logging

from stretchtimer.core import i18n
from stretchtimer.core.routine.wording import fill_sides
from stretchtimer.core.session import phrases
from stretchtimer.core.session.clock import Moment
from stretchtimer.core.session.events import (
    CueDue,
    EasierChosen,
    EasierDropped,
    Event,
    Outcome,
    Paused,
    PauseReason,
    Resumed,
    SegmentEnded,
    SegmentStarted,
    SessionFinished,
    SessionStarted,
    State,
    Status,
)
from stretchtimer.core.session.plan import Cue, Plan, Segment, SegmentKind, Sound
from stretchtimer.core.session.snapshot import Snapshot, snapshot_of

log = logging.getLogger(__name__)

SLEEP_GAP = 30.0  # wall clock ahead of the monotonic clock by this much: the machine slept
STALL_GAP = 5.0
"""A tick this much later than the deadline it was armed for: the program was not running
(stopped, or the machine suspended without a wall-clock jump). A timer on a loaded
machine is late by milliseconds, rarely by a second. In session seconds: a preview's
driver multiplies it by its speed."""
BACK_RESTARTS_AFTER = 3.0  # "back" later than this into a segment restarts it
SKIPPED_BELOW = 1.0  # a segment left before this many seconds counts as skipped


class SessionEngine:
    """Runs one session of a :class:`Plan`.

    Every command and ``tick`` returns the events it caused, oldest first.
    """

    __slots__ = (
        "_active",
        "_easier",
        "_index",
        "_last",
        "_next_cue",
        "_origin",
        "_paused_elapsed",
        "_ready_cues",
        "_ready_until",
        "_waiting",
        "plan",
        "stall_gap",
        "state",
        "status",
        "tick_interval",
    )

    def __init__(self, plan: Plan, *, ready_until: int | None = None, ready_cues: int = 0) -> None:
        if not plan.segments or plan.segments[-1].kind is not SegmentKind.DONE:
            raise ValueError("a plan ends with its closing segment")
        self.plan = plan
        self.state = State.READY
        self.status: Status | None = None
        self._index = 0
        self._origin = 0.0  # monotonic time at which the current segment's elapsed was 0
        self._paused_elapsed = 0.0
        self._next_cue = 0
        self._easier: set[int] = set()
        self._active = 0.0
        self._last: Moment | None = None
        self.stall_gap = STALL_GAP
        # When the driver also ticks at least this often (a heartbeat), a stillness
        # shows even in a long hold with no cue: None for ticks at deadlines only.
        self.tick_interval: float | None = None
        self._ready_until = len(plan.segments) if ready_until is None else max(0, ready_until)
        self._ready_cues = ready_cues  # of the segment at _ready_until
        self._waiting = False  # paused at a boundary until the speech is ready

    # -- queries ----------------------------------------------------------------------

    @property
    def index(self) -> int:
        return self._index

    @property
    def waiting_for_speech(self) -> bool:
        return self._waiting

    @property
    def segment(self) -> Segment:
        return self.plan.segments[self._index]

    @property
    def active_seconds(self) -> float:
        """Seconds spent in segments that have ended (pauses not counted)."""
        return self._active

    def uses_easier(self, step_index: int) -> bool:
        return step_index in self._easier

    def elapsed(self, now: Moment) -> float:
        """Seconds into the current segment (pauses not counted)."""
        now = self._clamp(now, remember=False)
        if self.state is State.RUNNING:
            return min(max(0.0, now.mono - self._origin), self.segment.duration)
        if self.state is State.PAUSED:
            return self._paused_elapsed
        if self.state is State.FINISHED:
            return self.segment.duration
        return 0.0

    def remaining(self, now: Moment) -> float:
        """Seconds left in the current segment; never negative."""
        return max(0.0, self.segment.duration - self.elapsed(now))

    def next_deadline(self) -> float | None:
        """Monotonic time of the next cue or segment end, or None when nothing is coming."""
        segment = self.plan.segments[self._index]
        cues = segment.cues
        cue_due = self._origin + cues[self._next_cue].offset if self._next_cue < len(cues) else None
        if self.state is State.RUNNING:
            end = self._origin + segment.duration
            return end if cue_due is None or end < cue_due else cue_due
        if self._closing():
            return cue_due
        return None

    def snapshot(self, now: Moment) -> Snapshot:
        """What a display shows at ``now``."""
        index = self.segment.step_index
        easier = index is not None and self.uses_easier(index)
        return snapshot_of(self.plan, self.segment, self.state, easier, self.elapsed(now))

    # -- commands ---------------------------------------------------------------------

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

    def update_plan(self, plan: Plan) -> bool:
        """Take the timing of ``plan`` (measured clips) for the segments still ahead.

        The plans must have the same segments (kind, step, side, set); those before the
        current one keep their timing, and so does the current one unless the cues
        already said are the same in both (then the rest of it takes the new timing:
        the words after a clip measured longer or shorter than estimated move with it).
        False when they differ.
        """
        old = self.plan.segments
        if len(plan.segments) != len(old) or any(
            _shape(mine) != _shape(theirs) for mine, theirs in zip(old, plan.segments, strict=True)
        ):
            log.warning("a re-timed plan does not match the running one; keeping the old")
            return False
        keep = self._index + 1
        said = self._next_cue
        mine, theirs = old[self._index], plan.segments[self._index]
        if self.state is not State.FINISHED and mine.cues[:said] == theirs.cues[:said]:
            keep = self._index
            if self._waiting and said < len(theirs.cues) and self._paused_elapsed > 0:
                self._paused_elapsed = theirs.cues[said].offset  # still just before it
        segments = old[:keep] + plan.segments[keep:]
        self.plan = dataclasses.replace(plan, segments=segments)
        return True

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

    # -- the machinery ----------------------------------------------------------------

    def _clamp(self, now: Moment, *, remember: bool = True) -> Moment:
        """Never let time run backwards, whatever a caller passes."""
        last = self._last
        if last is not None and now.mono < last.mono:
            now = Moment(last.mono, now.wall)
        if remember:
            self._last = now
        return now

    def _prepared(self, now: Moment) -> list[Event]:
        events: list[Event] = []
        last = self._last
        if last is not None and now.mono >= last.mono and self._stalled(last, now):
            self._pause_stalled(last, now, events)  # a key pressed before the late tick
        self._advance(self._clamp(now), events)
        return events

    def _stalled(self, last: Moment, now: Moment) -> bool:
        """Whether time passed between ``last`` and ``now`` that no timer can explain.

        Since ``last`` the next call was due at the next deadline (the driver arms its
        timer there); coming far later, the program was not running meanwhile.
        """
        if self.state is not State.RUNNING:
            return False
        expected = self.next_deadline()
        if self.tick_interval is not None:
            heartbeat = last.mono + self.tick_interval
            expected = heartbeat if expected is None else min(expected, heartbeat)
        awake_until = last.mono if expected is None else max(last.mono, expected)
        return now.mono - awake_until > self.stall_gap

    def _pause_stalled(self, last: Moment, now: Moment, events: list[Event]) -> None:
        """Pause at the moment the session was last seen running: what came due while
        the program stood still was not done, and is not counted."""
        log.info("no tick for %.0f s; pausing the session", now.mono - last.mono)
        seen = Moment(last.mono, now.wall - (now.mono - last.mono))
        self._pause(seen, PauseReason.STALLED, events)
        self._last = now

    def _wall_at(self, mono: float, now: Moment) -> float:
        return now.wall - (now.mono - mono)

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

    def _closing(self) -> bool:
        """Finished, with the closing words still to be said."""
        return self.state is State.FINISHED and self.segment.kind is SegmentKind.DONE

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

    def _speech_missing(self) -> bool:
        """Whether the current segment cannot go on from where it stands for want of
        rendered words: it is past the ready mark, or a timed part not wholly ready, or
        the next cue, already due, has no clip yet."""
        index = self._index
        if index < self._ready_until:
            return False
        segment = self.plan.segments[index]
        if index > self._ready_until or segment.kind.is_work:
            return True
        cues = segment.cues
        spoken = [n for n, cue in enumerate(cues) if cue.spoken and cue.text]
        if spoken and self._ready_cues <= spoken[0]:
            return True  # not even its first words: it does not begin
        at = self._next_cue
        return at < len(cues) and at >= self._ready_cues and cues[at].offset <= self._paused_elapsed

    def _wait(self, events: list[Event], at: float = 0.0) -> None:
        """Stop at ``at`` seconds into this segment (its start, or just before a cue)
        until its speech is ready; say so."""
        self._paused_elapsed = at
        self.state = State.PAUSED
        self._waiting = True
        with i18n.speaking_in(self.plan.language):
            text = phrases.waiting_for_voice()
        events.append(Paused(PauseReason.SPEECH, text))

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


def _is_start_chime(cue: Cue) -> bool:
    return cue.sound is Sound.SESSION_START and not (cue.spoken and cue.text)


def _shape(segment: Segment) -> tuple[object, ...]:
    return (segment.kind, segment.step_index, segment.side, segment.set_number)
