"""What a finished session did, for its end screen: each stretch once, with its sides and
whether the easier variation was used."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from stretchtimer.core.i18n import _
from stretchtimer.core.routine.model import Routine, Side
from stretchtimer.core.routine.wording import side_word
from stretchtimer.core.session.events import Outcome, SegmentEnded
from stretchtimer.core.session.plan import SegmentKind

WORK = (SegmentKind.HOLD, SegmentKind.BREATHS, SegmentKind.REPS)


@dataclass(frozen=True)
class StretchDone:
    name: str
    sides: tuple[Side, ...]  # in the order done; empty for a stretch without sides
    easier: bool  # the easier variation, for some or all of it

    def words(self) -> str:
        """ "Pigeon pose · left and right · easier"."""
        parts = [self.name]
        if len(self.sides) == 2:
            # TRANSLATORS: a stretch done on both sides, in this order ("left and right").
            both = _("{first} and {second}")
            parts.append(
                both.format(first=side_word(self.sides[0]), second=side_word(self.sides[1]))
            )
        elif self.sides:
            parts.append(side_word(self.sides[0]))
        if self.easier:
            # TRANSLATORS: on the end screen, after a stretch done in its easier variation.
            parts.append(_("easier"))
        return " · ".join(parts)


def stretches_done(routine: Routine, ended: Iterable[SegmentEnded]) -> tuple[StretchDone, ...]:
    """The stretches held to the end of at least one part, in the order first done."""
    order: list[int] = []
    sides: dict[int, list[Side]] = {}
    easier: dict[int, bool] = {}
    for event in ended:
        segment = event.segment
        index = segment.step_index
        if segment.kind not in WORK or event.outcome is not Outcome.DONE or index is None:
            continue
        if index not in sides:
            order.append(index)
            sides[index] = []
            easier[index] = False
        if segment.side is not None and segment.side not in sides[index]:
            sides[index].append(segment.side)
        easier[index] = easier[index] or event.easier
    return tuple(
        StretchDone(routine.steps[index].name, tuple(sides[index]), easier[index])
        for index in order
    )


def comfort_change(before: int | None, after: int | None) -> str:
    """ "Comfort 4 → 7 (+3)"; "" unless both were given."""
    if before is None or after is None:
        return ""
    change = after - before
    if not change:
        return _("Comfort {before} → {after}").format(before=before, after=after)
    # TRANSLATORS: the comfort rating before and after a session, and the change: "(+3)".
    return _("Comfort {before} → {after} ({change})").format(
        before=before, after=after, change=f"{change:+d}"
    )
