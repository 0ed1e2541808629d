"""Where a session stands in its plan, and the arithmetic of its clock.

The state the engine keeps (the segment, when its elapsed time was zero, the next cue,
what is paused and what is ready to be said) and what can be asked of it at a moment:
elapsed and remaining time, the next deadline, a snapshot for a display. Remaining time
is always ``deadline - now``; time never runs backwards, whatever a caller passes; a
call far later than the next deadline means the program was not running meanwhile.
The engine's commands are in :mod:`stretchtimer.core.session.engine`.
"""

from __future__ import annotations

from stretchtimer.core.session.clock import Moment
from stretchtimer.core.session.events import State, Status
from stretchtimer.core.session.plan import Plan, Segment, SegmentKind
from stretchtimer.core.session.snapshot import Snapshot, snapshot_of

STALL_GAP = 5.0
"""A tick this much later than the deadline it was armed for: the program was not running
(stopped, or the machine suspended without a wall-clock jump). A timer on a loaded
machine is late by milliseconds, rarely by a second. In session seconds: a preview's
driver multiplies it by its speed."""


class Position:
    """One session's place in its :class:`Plan`, and the queries on it."""

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

    # -- the clock ----------------------------------------------------------------------

    def _clamp(self, now: Moment, *, remember: bool = True) -> Moment:
        """Never let time run backwards, whatever a caller passes."""
        last = self._last
        if last is not None and now.mono < last.mono:
            now = Moment(last.mono, now.wall)
        if remember:
            self._last = now
        return now

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

    def _wall_at(self, mono: float, now: Moment) -> float:
        return now.wall - (now.mono - mono)

    def _closing(self) -> bool:
        """Finished, with the closing words still to be said."""
        return self.state is State.FINISHED and self.segment.kind is SegmentKind.DONE
