"""Words still rendering: where a session waits for them, and measured timings.

Speech may still be rendering while a session runs: ``ready_until`` says how many
segments have every clip, and ``ready_cues`` how many leading cues of the next one
have theirs. A segment whose words are said one after another (a preparation, a
switch, a rest) may start as soon as its first words are ready; a timed part (a hold,
breaths, reps) only once all of its are, because its cues keep exact times. The engine
never says a cue whose clip is missing: it waits before it, at a sentence boundary or
at the segment's start (paused, with a sentence saying why). Measured clip lengths
arrive as a new plan (:meth:`SpeechGate.update_plan`): they re-time the segments ahead
and the cues of the running segment not said yet.
"""

from __future__ import annotations

import dataclasses
import logging

from stretchtimer.core import i18n
from stretchtimer.core.session import phrases
from stretchtimer.core.session.events import Event, Paused, PauseReason, State
from stretchtimer.core.session.plan import Plan, Segment
from stretchtimer.core.session.walking.position import Position

log = logging.getLogger(__name__)


class SpeechGate(Position):
    """Holds a session before words that are not rendered yet; takes measured timings."""

    __slots__ = ()

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


def _shape(segment: Segment) -> tuple[object, ...]:
    return (segment.kind, segment.step_index, segment.side, segment.set_number)
